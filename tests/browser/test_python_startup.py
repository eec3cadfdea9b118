"""How Python starts in Chromium: from the build's memory snapshot, or the normal way when it fails."""

from __future__ import annotations

import gzip
import json
import urllib.request
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, Route, expect

#: Python's first start in a cold browser can take several seconds on a busy 2-core machine.
PYTHON_TIMEOUT_MS = 60_000

SNAPSHOT_GLOB = "**/assets/python/pyodide-snapshot-*"


def _wasm_requests(page: Page) -> list[str]:
    seen: list[str] = []
    # GET only: the host check in python-diagnosis.mjs sends one HEAD as well.
    page.context.on(
        "request",
        lambda r: seen.append(r.url) if r.url.endswith("pyodide.asm.wasm") and r.method == "GET" else None,
    )
    return seen


def _worker_status(page: Page) -> None:
    """Record, in the page, the Python worker's status messages (``__pythonStatus``), how many
    Python workers were created (``__workers``) and when the first one was (``__workerAt``)."""
    page.add_init_script(
        "window.__pythonStatus = [];"
        "const _Worker = window.Worker;"
        "window.__workers = 0; window.__workerAt = null;"
        "window.Worker = class extends _Worker { constructor(...a) { super(...a);"
        " if (String(a[0]).includes('python-worker')) { window.__workers++; window.__workerAt ??= performance.now(); }"
        " this.addEventListener('message', (e) => { if (e.data && e.data.status) window.__pythonStatus.push(e.data); }); } };"
    )


def test_snapshot_gives_python_result(page: Page, site_url: str) -> None:
    """Assert that with the build's snapshot the result comes from Python restored from it, the
    snapshot delta sent as the plain .bin.gz (this test server has no brotli) and gunzipped by the page."""
    snapshot_requests: list[str] = []
    encodings: list[str | None] = []
    page.on("request", lambda r: snapshot_requests.append(r.url) if "pyodide-snapshot-" in r.url else None)
    page.context.on("response", lambda r: encodings.append(r.headers.get("content-encoding")) if "pyodide-snapshot-" in r.url else None)
    _worker_status(page)
    page.goto(site_url + "decide/?behaviour=yes&prompting_tried=yes")
    result = page.locator('[data-result][data-source="python"]')
    expect(result).to_have_attribute("data-approach", "fine-tuning", timeout=PYTHON_TIMEOUT_MS)
    ready = page.evaluate("window.__pythonStatus.filter((s) => s.status === 'ready')")
    assert len(ready) == 1
    assert ready[0]["snapshot"] is True
    assert len(snapshot_requests) == 1
    assert encodings == [None]
    # Progress was reported and only ever grew.
    progress = page.evaluate("window.__pythonStatus.map((s) => s.progress).filter((p) => p !== undefined)")
    assert progress == sorted(progress) and progress[-1] == 1


@pytest.mark.parametrize("snapshot", [True, False], ids=["snapshot", "no-snapshot"])
def test_only_the_normal_start_fetches_the_stdlib_and_calculators_zips(page: Page, site_url: str, snapshot: bool) -> None:
    """Assert that a start from the snapshot fetches the empty zip in place of the standard library and
    neither the trimmed stdlib nor the calculators zip, that a normal start fetches both, and that
    neither fetches Pyodide's whole stdlib or its package lock file."""
    fetched: list[str] = []
    page.context.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]) if r.method == "GET" else None)
    if not snapshot:
        page.route(SNAPSHOT_GLOB, lambda route: route.fulfill(status=404, body="gone"))
    _worker_status(page)
    page.goto(site_url + "decide/?behaviour=yes&prompting_tried=yes")
    expect(page.locator('[data-result][data-source="python"]')).to_have_attribute("data-approach", "fine-tuning", timeout=PYTHON_TIMEOUT_MS)
    ready = page.evaluate("window.__pythonStatus.filter((s) => s.status === 'ready')")
    assert [r["snapshot"] for r in ready] == [snapshot]
    zips = {name.split("-")[0] for name in fetched if name.endswith(".zip")}
    assert zips == ({"empty"} if snapshot else {"calculators", "python_stdlib"})
    assert "python_stdlib.zip" not in fetched and "pyodide-lock.json" not in fetched


def _packed_length(site_url: str) -> int:
    """How many bytes the build's snapshot ranges hold, from the served manifest."""
    with urllib.request.urlopen(site_url + "javascripts/python-assets.mjs") as response:
        text = response.read().decode()
    snapshot = json.loads(text.split("export default", 1)[1].rstrip().rstrip(";"))["snapshot"]
    return sum(length for _, length in snapshot["ranges"])


@pytest.mark.parametrize(
    ("status", "body", "problem"),
    [
        pytest.param(404, lambda n: b"not here", "404", id="missing"),
        pytest.param(200, lambda n: b"\x1f\x8b\x08\x00garbage that is not gzip", "", id="corrupt-gzip"),
        pytest.param(200, lambda n: gzip.compress(b"\x01" * 4096), "shorter than its ranges", id="short-snapshot"),
        pytest.param(200, lambda n: gzip.compress(b"\x01" * (n + 1)), "longer than its ranges", id="long-snapshot"),
        pytest.param(200, lambda n: gzip.compress(b"\x01" * n), "the snapshot delta is damaged", id="corrupt-snapshot"),
    ],
)
def test_broken_snapshot_falls_back_to_a_normal_start(
    page: Page, site_url: str, status: int, body: Callable[[int], bytes], problem: str
) -> None:
    """Assert that a missing, corrupt or wrongly sized snapshot still yields a Python-computed
    result, and that the reason is reported."""
    served = body(_packed_length(site_url))

    def serve(route: Route) -> None:
        route.fulfill(status=status, body=served, content_type="application/octet-stream")

    page.context.route(SNAPSHOT_GLOB, serve)
    _worker_status(page)
    page.goto(site_url + "decide/?behaviour=yes&prompting_tried=yes")
    result = page.locator('[data-result][data-source="python"]')
    expect(result).to_have_attribute("data-approach", "fine-tuning", timeout=PYTHON_TIMEOUT_MS)
    ready = page.evaluate("window.__pythonStatus.filter((s) => s.status === 'ready')")
    assert len(ready) == 1
    assert ready[0]["snapshot"] is False
    assert ready[0]["snapshotProblem"]
    assert problem in ready[0]["snapshotProblem"]


def test_instant_navigation_starts_python_once(page: Page, site_url: str) -> None:
    """Assert that Decide -> Cost estimator -> Decide by instant navigation gets a Python result
    on every visit from one worker and one Pyodide download."""
    wasm = _wasm_requests(page)
    _worker_status(page)
    page.goto(site_url + "decide/")
    expect(page.locator('[data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.locator('.md-sidebar--primary a.md-nav__link[href$="cost-estimator/"]').first.click()
    page.wait_for_url("**/cost-estimator/")
    page.click('[data-preset="enterprise-assistant"]')
    expect(page.locator('#cost-result [data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    expect(page.locator("#cost-result [data-python-status]")).to_contain_text("Computed by Python")
    page.locator('.md-sidebar--primary a.md-nav__link[href$="decide/"]').first.click()
    page.wait_for_url("**/decide/")
    page.check('input[name="behaviour"][value="yes"]')
    expect(page.locator('[data-result][data-source="python"]')).to_have_attribute(
        "data-approach", "prompt-engineering", timeout=PYTHON_TIMEOUT_MS
    )
    assert page.evaluate("window.__workers") == 1
    assert len(wasm) == 1


def test_a_calculator_page_starts_python_before_its_load_event(page: Page, site_url: str) -> None:
    """Assert that a calculator page creates the Python worker before its load event, from the
    async start script in its head (python-start.mjs), and only once although its form calls
    Python again when it mounts."""
    page.add_init_script("window.__loadedAt = null; addEventListener('load', () => { window.__loadedAt = performance.now(); });")
    _worker_status(page)
    page.goto(site_url + "decide/")
    expect(page.locator('[data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    loaded, started = page.evaluate("[window.__loadedAt, window.__workerAt]")
    assert loaded is not None and started is not None
    assert started < loaded
    assert page.evaluate("window.__workers") == 1


def test_one_python_worker_and_one_helper_start(page: Page, site_url: str) -> None:
    """Assert that a calculator page starts one Python worker and one snapshot helper (which reads
    what to download from the build's manifest, bundled into it), that Python restores the
    snapshot, and that the result comes from Python."""
    page.add_init_script(
        "window.__helpers = 0; const _W = window.Worker; window.Worker = class extends _W {"
        " constructor(...a) { super(...a); if (String(a[0]).includes('python-snapshot-worker')) window.__helpers++; } };"
    )
    _worker_status(page)
    page.goto(site_url + "decide/")
    expect(page.locator('[data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    assert page.evaluate("[window.__workers, window.__helpers]") == [1, 1]
    assert [s["snapshot"] for s in page.evaluate("window.__pythonStatus") if s["status"] == "ready"] == [True]


def test_a_repeat_visit_starts_from_the_snapshot_early(page: Page, site_url: str) -> None:
    """Assert that after a start from the snapshot the browser remembers it (localStorage, under the
    snapshot's address), and that the next visit still restores the snapshot and starts the worker
    early, before the load event."""
    page.add_init_script(
        "window.__loadedAt = null; addEventListener('load', () => { window.__loadedAt = performance.now(); });"
    )
    _worker_status(page)
    page.goto(site_url + "decide/")
    expect(page.locator('[data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    snapshot_url = page.evaluate("import('./../javascripts/python-assets.mjs').then((m) => m.default.snapshot.url)")
    assert page.evaluate("localStorage.getItem('rft-python-snapshot')") == snapshot_url
    page.goto(site_url + "decide/?behaviour=yes&prompting_tried=yes")
    expect(page.locator('[data-result][data-source="python"]')).to_have_attribute("data-approach", "fine-tuning", timeout=PYTHON_TIMEOUT_MS)
    assert [s["snapshot"] for s in page.evaluate("window.__pythonStatus") if s["status"] == "ready"] == [True]
    loaded, started = page.evaluate("[window.__loadedAt, window.__workerAt]")
    assert started < loaded


def test_a_start_downloads_the_runtime_once(page: Page, site_url: str) -> None:
    """Assert that the worker's early download of the .wasm is the one Pyodide uses: a cold visit
    that restores the snapshot downloads pyodide.asm.wasm once and pyodide.asm.mjs once (GET
    requests; the page's check of the host asks for the .wasm's headers alone, python-diagnosis.mjs)."""
    asked: list[str] = []
    page.context.on("request", lambda request: request.method == "GET" and asked.append(request.url.rsplit("/", 1)[-1]))
    _worker_status(page)
    page.goto(site_url + "decide/")
    expect(page.locator('[data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    assert [s["snapshot"] for s in page.evaluate("window.__pythonStatus") if s["status"] == "ready"] == [True]
    assert asked.count("pyodide.asm.wasm") == 1
    assert asked.count("pyodide.asm.mjs") == 1


def test_python_result_equal_to_build_result_leaves_the_page_alone(page: Page, site_url: str) -> None:
    """Assert that when Python's first result equals the build-time one, the result's nodes are
    kept (no re-render), and that a different answer does replace them."""
    page.goto(site_url + "decide/")
    page.evaluate("window.__built = document.querySelector('[data-result]').firstElementChild")
    expect(page.locator('[data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    assert page.evaluate("window.__built.isConnected && document.querySelector('[data-result]').firstElementChild === window.__built")
    page.check('input[name="behaviour"][value="yes"]')
    expect(page.locator("[data-result]")).to_have_attribute("data-approach", "prompt-engineering", timeout=PYTHON_TIMEOUT_MS)
    assert page.evaluate("!window.__built.isConnected")


def test_page_without_calculator_loads_no_pyodide(page: Page, site_url: str) -> None:
    """Assert that a page with no calculator requests nothing from Pyodide or the snapshot."""
    urls: list[str] = []
    page.context.on("request", lambda r: urls.append(r.url))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert urls
    assert [u for u in urls if "/pyodide/" in u or "/assets/python/" in u] == []


#: A link slower than the rate at which the snapshot delta's extra bytes cost more time than the
#: snapshot saves (python-snapshot-worker.mjs: about 6 Mbit/s for this build's brotli delta).
SLOW_LINK_MBPS = 3


def test_a_slow_link_starts_python_the_normal_way(browser: Browser, nginx_url: str) -> None:
    """Assert that on a link too slow for the snapshot to pay (Chromium's network emulation, the
    benchmark's way) the snapshot helper stops its download after its first bytes, the page starts
    Python the normal way and says why, and the result still comes from Python."""
    context = browser.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        rate = SLOW_LINK_MBPS * 1e6 / 8
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40, "downloadThroughput": rate, "uploadThroughput": rate})
        stopped: list[str] = []
        finished: list[str] = []
        context.on("requestfailed", lambda r: stopped.append(r.url) if "pyodide-snapshot-" in r.url else None)
        context.on("requestfinished", lambda r: finished.append(r.url) if "pyodide-snapshot-" in r.url else None)
        _worker_status(page)
        page.goto(nginx_url + "decide/?behaviour=yes&prompting_tried=yes", timeout=PYTHON_TIMEOUT_MS)
        expect(page.locator('[data-result][data-source="python"]')).to_have_attribute("data-approach", "fine-tuning", timeout=120_000)
        ready = page.evaluate("window.__pythonStatus.filter((s) => s.status === 'ready')")
        assert [r["snapshot"] for r in ready] == [False]
        assert ready[0]["snapshotProblem"].startswith("the link gave about ")
        assert "Python starts the normal way" in page.evaluate("document.documentElement.dataset.pythonProblem")
        # One download, or one per start if a busy machine made the page's watchdog start again.
        assert stopped and finished == []
    finally:
        context.close()
