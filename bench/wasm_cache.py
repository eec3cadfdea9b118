"""Does Chromium reuse its compiled code for pyodide.asm.wasm on a repeat visit? (issue 27's warm repeat)

Usage: ``.venv/bin/python bench/wasm_cache.py [VISITS] [IDLE_S]`` after
``make build`` (defaults 3 and 6). Serves ``site/`` (with the bare Pyodide
page added, as bench/run.py does) through the real nginx configuration and,
in one fresh Chromium profile per page, visits the bare Pyodide page and the
Decide page VISITS times each, tracing V8's WebAssembly events. Each visit
waits IDLE_S seconds after its result, so that the code cache can be written.

Per visit it prints what Chromium's trace says about the wasm code cache
(v8.wasm.streamFromResponseCallback: the module came through
WebAssembly.instantiateStreaming from a response, the path Chromium can
cache; v8.wasm.compiledModule and v8.wasm.cachedModule: V8 offered the code
and Chromium wrote it; v8.wasm.moduleCacheHit: a later visit took it from
the cache) and how many functions V8 compiled lazily. Those event names are
the ones v8.dev's "Code caching for WebAssembly developers" tells developers
to trace. Not part of ``make test`` or ``make bench``.
"""

from __future__ import annotations

import collections
import shutil
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "bench"))
import local_nginx  # noqa: E402
import make_dist  # noqa: E402
import run  # noqa: E402  (bench/run.py: the bare page, Chromium, the ready mark)

CATEGORIES = "v8.wasm,disabled-by-default-v8.wasm.detailed,disabled-by-default-devtools.timeline"
CACHE_EVENTS = ("v8.wasm.streamFromResponseCallback", "v8.wasm.compiledModule", "v8.wasm.cachedModule", "v8.wasm.moduleCacheHit")


def traced_visit(context, url: str, idle_s: float) -> collections.Counter:
    """Open url in a new tab of context, wait for Python's result and idle_s more; count V8's wasm trace events."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    events: list[dict] = []
    done: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda data: events.extend(data["value"]))
    cdp.on("Tracing.tracingComplete", lambda _: done.append(True))
    cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    page.add_init_script(run.INIT_SCRIPT)
    page.goto(url)
    page.wait_for_selector("html[data-bench-ready]", state="attached", timeout=run.TIMEOUT_MS)
    time.sleep(idle_s)
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(100)
    page.close()
    return collections.Counter(e["name"] for e in events)


def main(visits: int, idle_s: float) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(ROOT / "site", site)
        run.add_bare_page(site)
        make_dist.precompress(site)
        with local_nginx.serve(site) as url, sync_playwright() as playwright:
            print("| page | visit | " + " | ".join(e.removeprefix("v8.wasm.") for e in CACHE_EVENTS) + " | functions compiled lazily |")
            print("|---|---:|" + "---:|" * (len(CACHE_EVENTS) + 1))
            for name, address in (("bare Pyodide", run.bare_url(url)), ("Decide", url + "decide/")):
                profile = tempfile.TemporaryDirectory(prefix="bench-profile-")
                context = playwright.chromium.launch_persistent_context(
                    profile.name, executable_path=run.CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                for visit in range(1, visits + 1):
                    seen = traced_visit(context, address, idle_s)
                    print(f"| {name} | {visit} | " + " | ".join(str(seen[e]) for e in CACHE_EVENTS) + f" | {seen['wasm.CompileLazy']} |")
                context.close()
                profile.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3, float(sys.argv[2]) if len(sys.argv) > 2 else 6))
