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
"""

from __future__ import annotations

import os
import statistics
import sys
import time
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


def render(results: dict[str, dict[str, list[float]]], runs: int = RUNS) -> str:
    """The Markdown table: per engine the median bare and Decide start-up and their ratio."""
    lines = [
        f"| engine ({runs} cold visits of each page, alternating) | bare Pyodide, median ms | Decide, snapshot, median ms | Decide / bare |",
        "|---|---:|---:|---:|",
    ]
    for engine, times in results.items():
        late = f" ({len(times['late'])} visits not counted: observer too late)" if times["late"] else ""
        if not times["bare"] or not times["decide"]:
            # Every visit of one kind was late (e.g. a stalled Firefox start reloaded by the driver).
            counted = ", ".join(f"{len(times[k])} {k}" for k in ("bare", "decide"))
            lines.append(f"| {engine}{late} | — | — | no ratio: counted {counted} |")
            continue
        bare, decide = statistics.median(times["bare"]), statistics.median(times["decide"])
        lines.append(f"| {engine}{late} | {bare:.0f} | {decide:.0f} | {decide / bare:.3f} |")
    return "\n".join(lines)


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
    print(render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
