"""Count cold Firefox visits on which Python never starts, for one or more built sites.

    .venv/bin/python scripts/firefox_cold_starts.py VISITS WAIT_S LABEL=SITE_DIR [LABEL=SITE_DIR ...]

Serves each built site with deploy/nginx.conf (deploy/local_nginx.py), then
opens ``decide/?own_knowledge=yes`` VISITS times per site in Debian's Firefox
ESR (``FIREFOX_PATH``), each visit in a fresh browser context, the sites
taken in turn so that they share the machine's load. A visit counts as
stalled when ``data-python`` on <html> is not "snapshot", "fallback" or
"failed" after WAIT_S seconds. Prints one line per visit (with the Python
worker's status messages, in page time, for a stalled one) and, per site, the
stalled count, the restarts by the page's watchdog (``data-python-stalls``)
and the median and slowest start from the worker's creation to "ready".

Not a test: the stall it looks for came on one cold visit in twenty to ninety,
more often on a busy machine (python-worker.mjs, snapshotBytes).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy"))
import local_nginx  # noqa: E402  (a script folder, not a package)
from playwright.sync_api import sync_playwright  # noqa: E402

FIREFOX = os.environ.get("FIREFOX_PATH") or "/usr/bin/firefox-esr"
DONE = ("snapshot", "fallback", "failed")

# Records the Python worker's creation and its status messages, in page time.
WATCH = """
window.__startLog = [];
const PageWorker = window.Worker;
window.Worker = class extends PageWorker {
  constructor(...args) {
    super(...args);
    if (!String(args[0]).includes("python-worker")) return;
    window.__startLog.push([Math.round(performance.now()), "worker created"]);
    this.addEventListener("message", ({ data }) => {
      if (data && data.status) window.__startLog.push([Math.round(performance.now()), `${data.status} ${data.detail}`]);
    });
  }
};
"""


def visit(browser, url: str, wait_s: float) -> dict:
    """Open url in a fresh context; return Python's state after at most wait_s, and the start's log."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(WATCH)
        started = time.monotonic()
        page.goto(url)
        state = ""
        while time.monotonic() - started < wait_s:
            state = page.evaluate("document.documentElement.dataset.python || ''")
            if state in DONE:
                break
            time.sleep(0.1)
        log = page.evaluate("window.__startLog")
        restarts = int(page.evaluate("document.documentElement.dataset.pythonStalls || '0'"))
    finally:
        context.close()
    start_ms = log[-1][0] - log[0][0] if state in DONE and log else None
    return {"state": state, "restarts": restarts, "start_ms": start_ms, "log": log}


def main(argv: list[str]) -> int:
    if len(argv) < 3 or not all("=" in arg for arg in argv[2:]):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    visits, wait_s = int(argv[0]), float(argv[1])
    sites = [arg.split("=", 1) for arg in argv[2:]]
    results: dict[str, list[dict]] = {label: [] for label, _ in sites}
    with ExitStack() as stack, sync_playwright() as playwright:
        urls = {label: stack.enter_context(local_nginx.serve(Path(folder))) for label, folder in sites}
        browser = playwright.firefox.launch(channel="moz-firefox", executable_path=FIREFOX, headless=True)
        try:
            for number in range(visits):
                for label, _ in sites:
                    result = visit(browser, urls[label] + "decide/?own_knowledge=yes", wait_s)
                    results[label].append(result)
                    print(f"{number:3d} {label}: {result['state'] or 'unmarked'}, start {result['start_ms']} ms,"
                          f" restarts {result['restarts']}", flush=True)
                    if result["state"] not in DONE:
                        print("    " + json.dumps(result["log"]), flush=True)
        finally:
            browser.close()
    for label, rows in results.items():
        stalled = sum(row["state"] not in DONE for row in rows)
        restarted = sum(row["restarts"] > 0 for row in rows)
        starts = [row["start_ms"] for row in rows if row["start_ms"] is not None]
        median = statistics.median(starts) if starts else None
        print(f"{label}: {stalled}/{len(rows)} stalled, {restarted} restarted by the watchdog;"
              f" worker to ready median {median} ms, slowest {max(starts, default=None)} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
