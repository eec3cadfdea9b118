"""Python's start-up in each browser engine: the Decide page against the bare Pyodide page.

Called by bench/run.py (``make bench``) with the servers it already runs, or
on its own (``.venv/bin/python bench/per_engine.py``), when it builds and
serves the snapshot site itself. In Chromium, Firefox ESR and WebKitGTK
(tests/browser/engines.py says how each is driven), with a cold cache each
visit (a fresh Playwright context, or a fresh WebDriver session for WebKit),
the two page kinds alternating and their order swapped each run, it takes the
time from navigation to the first Python result, measured inside the page:

- the bare page marks ``window.__ready`` itself when the worker answers;
- on the Decide page a MutationObserver, installed as soon as the driver
  returns from navigation, notes ``performance.now()`` when the result first
  carries ``data-source="python"``. The driver returns at the load event and
  Python starts only after it, so the observer is in place in time; a visit
  where it was not is reported, not counted.

The same in-page clock is used in every engine, so the ratio Decide / bare is
comparable across engines; absolute times include each driver's own load.

Then, per engine, the warm repeat: the Decide page visited again in the same
browser profile, its HTTP cache filled by a first visit (a persistent profile
for Chromium and Firefox, as bench/run.py's visits; for WebKit the same
MiniBrowser session, whose cache lives as long as it does).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
import engines  # noqa: E402  (the tests' engine drivers, shared)

RUNS = int(os.environ.get("ENGINE_RUNS", "7"))
TIMEOUT_S = 120

WATCH_JS = """(() => {
  if (window.__ready !== undefined) return 'bare';
  const done = () => document.querySelector('[data-result][data-source="python"]');
  if (done()) { window.__ready = null; return 'late'; }
  new MutationObserver((_, observer) => {
    if (done()) { window.__ready = performance.now(); observer.disconnect(); }
  }).observe(document, {subtree: true, childList: true, attributes: true});
  return 'watching';
})()"""


def visit(tab: engines.Tab, url: str) -> float | None:
    """Milliseconds from navigation to the first Python result, or None if the observer came too late."""
    tab.goto(url)
    if "_bare/" not in url and tab.js(WATCH_JS) == "late":
        return None
    deadline = time.monotonic() + TIMEOUT_S
    while (ready := tab.js("window.__ready ?? null")) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{tab.engine}: no Python result from {url} in {TIMEOUT_S} s; Python is {tab.state()}")
        time.sleep(0.05)
    return float(ready)


def measure(bare_url: str, decide_url: str, runs: int = RUNS) -> dict[str, dict[str, list[float]]]:
    """For each engine, the start-up times (ms) of the bare page and the Decide page, in runs alternating visits."""
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, list[float]]] = {}
    with sync_playwright() as playwright:
        for engine in engines.ENGINES:
            times: dict[str, list[float]] = {"bare": [], "decide": [], "late": []}
            urls = [("bare", bare_url), ("decide", decide_url)]
            for run in range(runs):
                for kind, url in urls if run % 2 == 0 else urls[::-1]:
                    # A browser per visit for WebKit (its session keeps a cache); a context for the others.
                    with engines.launch(engine, playwright) as new_tab:
                        tab = new_tab()
                        try:
                            ms = visit(tab, url)
                        finally:
                            tab.close()
                    times[kind if ms is not None else "late"].append(ms or 0.0)
                    print(f"{engine} run {run + 1}/{runs} {kind}: {ms if ms is None else round(ms)} ms", file=sys.stderr)
            results[engine] = times
    return results


def measure_warm(decide_url: str, runs: int = RUNS) -> dict[str, list[float]]:
    """For each engine, the Decide page's start-up (ms) on a repeat visit, its cache filled by a first visit, runs times."""
    import tempfile

    from playwright.sync_api import sync_playwright

    warm: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        for engine in engines.ENGINES:
            warm[engine] = []
            for run in range(runs):
                with _profile(engine, playwright, tempfile) as tab:
                    first = visit(tab, decide_url)
                    again = visit(tab, decide_url)
                if first is not None and again is not None:
                    warm[engine].append(again)
                print(f"{engine} warm {run + 1}/{runs}: {first if first is None else round(first)} then {again if again is None else round(again)} ms", file=sys.stderr)
    return warm


class _PageTab(engines.Tab):
    """A page of a persistent Playwright context, so that a second visit finds the first one's cache."""

    def __init__(self, engine: str, page) -> None:
        self.engine = engine
        self._page = page

    def goto(self, url: str) -> None:
        self._page.goto(url)

    def js(self, expression: str):
        return self._page.evaluate(f"() => ({expression})")


@contextmanager
def _profile(engine: str, playwright, tempfile):
    """A tab of one engine in a fresh browser profile that keeps its HTTP cache between visits."""
    if engine == "webkit":
        with engines.launch(engine, playwright) as new_tab:
            tab = new_tab()
            try:
                yield tab
            finally:
                tab.close()
        return
    with tempfile.TemporaryDirectory(prefix=f"bench-{engine}-") as folder:
        if engine == "chromium":
            context = playwright.chromium.launch_persistent_context(
                folder, executable_path=engines.CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
        else:
            context = playwright.firefox.launch_persistent_context(folder, channel="moz-firefox", executable_path=engines.FIREFOX, headless=True)
        try:
            yield _PageTab(engine, context.new_page())
        finally:
            context.close()


def render(results: dict[str, dict[str, list[float]]], runs: int = RUNS, warm: dict[str, list[float]] | None = None) -> str:
    """The Markdown table: per engine the median bare and Decide start-up, their ratio, and the warm repeat's median."""
    warm = warm or {}
    lines = [
        f"| engine ({runs} cold visits of each page, alternating) | bare Pyodide, median ms | Decide, snapshot, median ms | Decide / bare "
        "| Decide, warm repeat, median ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for engine, times in results.items():
        late = f" ({len(times['late'])} visits not counted: observer too late)" if times["late"] else ""
        if not times["bare"] or not times["decide"]:
            # Every visit of one kind was late (e.g. a stalled Firefox start reloaded by the driver).
            counted = ", ".join(f"{len(times[k])} {k}" for k in ("bare", "decide"))
            lines.append(f"| {engine}{late} | — | — | no ratio: counted {counted} | {_median(warm.get(engine))} |")
            continue
        bare, decide = statistics.median(times["bare"]), statistics.median(times["decide"])
        lines.append(f"| {engine}{late} | {bare:.0f} | {decide:.0f} | {decide / bare:.3f} | {_median(warm.get(engine))} |")
    return "\n".join(lines)


def _median(values: list[float] | None) -> str:
    return f"{statistics.median(values):.0f}" if values else "—"


def main() -> int:
    import tempfile

    import run as bench_run  # bench/run.py: its build and bare page, so both measure the same site

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "snap"
        print("building the site with the snapshot…", file=sys.stderr)
        bench_run.build(site, snapshot=True)
        bench_run.add_bare_page(site)
        bench_run.make_dist.precompress(site)
        with bench_run.local_nginx.serve(site) as url:
            results = measure(bench_run.bare_url(url), url + "decide/")
            warm = measure_warm(url + "decide/")
    print(render(results, warm=warm))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
