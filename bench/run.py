"""Benchmark Python's start-up in the browser: `make bench` (not part of `make test`).

Builds the site twice (memory snapshot on, and off with PYTHON_SNAPSHOT=0),
serves both and a bare Pyodide page on 127.0.0.1, and drives Debian's
Chromium through Playwright with a cold cache (a fresh browser context per
run). In one process and alternating, it times:

a. bare: a page that starts the same self-hosted Pyodide in a module worker
   and calls one function;
b. decide: the Decide page until its result comes from Python (snapshot on);
c. decide-no-snapshot: the same with snapshots off.

Then it measures recompute latency over 50 input changes, main-thread long
tasks during start-up, bytes transferred per page kind, and Lighthouse
performance and accessibility for the home, Decide and Cost pages. The table
goes to stdout and to bench/results/latest.md.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
CHANGES = 50
TIMEOUT_MS = 120_000
PYODIDE = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]

#: Recorded in every page before its own scripts run: long tasks, worker
#: creation time, and the moment the result first comes from Python.
INIT_SCRIPT = """
window.__longtasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longtasks.push({start: e.startTime, duration: e.duration});
}).observe({type: "longtask", buffered: true});
const _Worker = window.Worker;
window.__workerStart = null;
window.Worker = class extends _Worker {
  constructor(...args) {
    super(...args);
    if (!String(args[0]).includes("search")) window.__workerStart ??= performance.now();
  }
};
new MutationObserver(() => {
  if (!window.__ready && document.querySelector('[data-result][data-source="python"]')) {
    window.__ready = performance.now();
  }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""

RECOMPUTE_JS = """
async (changes) => {
  const region = document.querySelector("[data-result]");
  const form = document.querySelector('form[data-calculator="decision"]');
  const radios = [...form.querySelectorAll('input[type="radio"]')];
  const times = [];
  for (let i = 0; i < changes; i++) {
    const unchecked = radios.filter((r) => !r.checked);
    const input = unchecked[(i * 7) % unchecked.length];
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
      observer.observe(region, {childList: true, subtree: true, characterData: true});
    });
    const t0 = performance.now();
    input.click();
    await done;
    times.push(performance.now() - t0);
  }
  return times;
}
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve /snap/, /plain/ and /bare/ from their folders, with Pyodide's MIME types."""

    roots: dict[str, Path] = {}
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".zip": "application/zip",
        ".gz": "application/gzip",
    }

    def translate_path(self, path: str) -> str:
        prefix, _, rest = path.lstrip("/").partition("/")
        if prefix not in self.roots:
            return "/nonexistent"
        self.directory = str(self.roots[prefix])
        return super().translate_path("/" + rest)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def build(site: Path, snapshot: bool) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHON_SNAPSHOT": "1" if snapshot else "0"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def cold_visit(browser: Browser, url: str) -> dict:
    """Open url in a fresh context; return ready time, long tasks after the worker started, and bytes."""
    context = browser.new_context()
    transferred = [0]

    def on_finished(request) -> None:
        try:
            sizes = request.sizes()
        except Exception:  # noqa: BLE001 - a request may vanish with its context
            return
        transferred[0] += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    context.on("requestfinished", on_finished)
    page = context.new_page()
    page.add_init_script(INIT_SCRIPT)
    page.goto(url)
    page.wait_for_function("window.__ready", timeout=TIMEOUT_MS)
    ready = page.evaluate("window.__ready")
    start = page.evaluate("window.__workerStart ?? 0")
    tasks = page.evaluate("window.__longtasks")
    python_tasks = [t["duration"] for t in tasks if t["start"] >= start and t["start"] <= ready]
    page.wait_for_load_state("networkidle")
    recompute = page.evaluate(RECOMPUTE_JS, CHANGES) if "decide" in url else None
    context.close()
    return {
        "ready_ms": ready,
        "longtasks_all": [t["duration"] for t in tasks],
        "longtasks_python": python_tasks,
        "bytes": transferred[0],
        "recompute": recompute,
    }


def page_bytes(browser: Browser, url: str) -> tuple[int, list[str]]:
    """Bytes transferred by a cold visit to a page without a calculator, and any Pyodide requests."""
    context = browser.new_context()
    total = [0]
    pyodide_urls: list[str] = []

    def on_finished(request) -> None:
        sizes = request.sizes()
        total[0] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if "/pyodide/" in request.url or "/assets/python/" in request.url:
            pyodide_urls.append(request.url)

    context.on("requestfinished", on_finished)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    return total[0], pyodide_urls


def lighthouse(url: str) -> dict | None:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        result = subprocess.run(
            [
                str(binary),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                "--only-categories=performance,accessibility",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not out.exists():
            return {"error": result.stderr.strip().splitlines()[-1:] or ["failed"]}
        report = json.loads(out.read_text())
    return {k: report["categories"][k]["score"] for k in ("performance", "accessibility")}


def exists(url: str) -> bool:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status == 200
    except urllib.error.HTTPError:
        return False


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        snap, plain = Path(tmp) / "snap", Path(tmp) / "plain"
        print("building the site with and without the snapshot…", file=sys.stderr)
        build(snap, snapshot=True)
        build(plain, snapshot=False)
        _Handler.roots = {"snap": snap, "plain": plain, "bare": BENCH}
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        urls = {
            "a bare Pyodide": base + f"bare/bare.html?pyodide=../snap/pyodide/{PYODIDE}/",
            "b Decide, snapshot": base + "snap/decide/",
            "c Decide, no snapshot": base + "plain/decide/",
        }
        results: dict[str, list[dict]] = {name: [] for name in urls}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for run in range(RUNS):
                for name, url in urls.items():
                    results[name].append(cold_visit(browser, url))
                    print(f"run {run + 1}/{RUNS} {name}: {results[name][-1]['ready_ms']:.0f} ms", file=sys.stderr)
            home_bytes, home_pyodide = page_bytes(browser, base + "snap/")
            browser.close()
        scores = {}
        for label, path in (("home", ""), ("Decide", "decide/"), ("Cost", "cost-estimator/")):
            url = base + "snap/" + path
            if not exists(url):
                scores[label] = None
                continue
            print(f"lighthouse {label}…", file=sys.stderr)
            scores[label] = lighthouse(url)
        server.shutdown()
    report = render(results, home_bytes, home_pyodide, scores)
    print(report)
    out = BENCH / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.md").write_text(report, encoding="utf-8")
    return 0


def render(results: dict[str, list[dict]], home_bytes: int, home_pyodide: list[str], scores: dict) -> str:
    median = {name: statistics.median(r["ready_ms"] for r in runs) for name, runs in results.items()}
    bare = median["a bare Pyodide"]
    lines = [
        f"# Python start-up benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Headless Chromium ({CHROMIUM}), cold cache, 127.0.0.1, {RUNS} alternating runs, "
        f"{os.cpu_count()} cores, Pyodide {PYODIDE}.",
        "",
        "| start-up (navigation to first Python result) | median ms | min | max | x bare | MB transferred |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, runs in results.items():
        times = [r["ready_ms"] for r in runs]
        mb = statistics.median(r["bytes"] for r in runs) / 1e6
        lines.append(
            f"| {name} | {median[name]:.0f} | {min(times):.0f} | {max(times):.0f} | "
            f"{median[name] / bare:.2f} | {mb:.1f} |"
        )
    lines.append(f"| home page (no calculator) | - | - | - | - | {home_bytes / 1e6:.2f} |")
    recompute = [t for r in results["b Decide, snapshot"] for t in r["recompute"]]
    p50, p95 = percentile(recompute, 50), percentile(recompute, 95)
    python_tasks = [t for name in ("b Decide, snapshot", "c Decide, no snapshot") for r in results[name] for t in r["longtasks_python"]]
    all_tasks = [t for r in results["b Decide, snapshot"] for t in r["longtasks_all"]]
    ratio = median["b Decide, snapshot"] / bare
    lines += [
        "",
        f"Recompute after an input change ({CHANGES} changes x {RUNS} runs, snapshot build): "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms.",
        f"Main-thread long tasks while Python started (worker created -> result): {len(python_tasks)}, "
        f"longest {max(python_tasks, default=0):.0f} ms. All long tasks on the Decide page "
        f"(including Material's own start): {len(all_tasks)}, longest {max(all_tasks, default=0):.0f} ms.",
        f"Pyodide requests from the home page: {len(home_pyodide)}.",
        "",
        "| Lighthouse | performance | accessibility |",
        "|---|---:|---:|",
    ]
    for label, score in scores.items():
        if score is None:
            lines.append(f"| {label} | page absent, skipped | |")
        elif "error" in score:
            lines.append(f"| {label} | failed: {' '.join(score['error'])} | |")
        else:
            lines.append(f"| {label} | {score['performance']:.2f} | {score['accessibility']:.2f} |")
    lighthouse_ok = all(
        s is None or ("error" not in s and s["performance"] >= 0.95 and s["accessibility"] >= 1.0)
        for s in scores.values()
    )
    lines += [
        "",
        "| target | holds? |",
        "|---|---|",
        f"| Decide ready <= 0.4 x bare Pyodide ({ratio:.2f}) | {'yes' if ratio <= 0.4 else 'NO'} |",
        f"| recompute p95 <= 50 ms ({p95:.1f}) | {'yes' if p95 <= 50 else 'NO'} |",
        f"| no long task > 50 ms from Python's start-up ({max(python_tasks, default=0):.0f}) | "
        f"{'yes' if max(python_tasks, default=0) <= 50 else 'NO'} |",
        f"| Lighthouse perf >= 0.95, a11y = 1.0 | {'yes' if lighthouse_ok else 'NO'} |",
        f"| no Pyodide request from pages without a calculator | {'yes' if not home_pyodide else 'NO'} |",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
