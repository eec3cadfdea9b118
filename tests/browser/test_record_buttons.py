"""Copy as Markdown and Download .md on the Decide and Cost pages, in Chromium.

The page's record must be byte for byte what ``python -m calculators`` prints
for the same inputs, date and site address: both come from
calculators.record.render_record.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

PYTHON_TIMEOUT_MS = 60_000


def _cli(*args: str, date: str, site: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "calculators", *args, "--date", date, "--site-url", site],
        capture_output=True, text=True, check=True,
    )
    return out.stdout


def _date(text: str) -> str:
    match = re.search(r"^- Date: (\d{4}-\d\d-\d\d)$", text, re.M)
    assert match, text[:300]
    return match.group(1)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context that may read and write the clipboard."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    yield context
    context.close()


def _ready(page: Page, section: str) -> None:
    expect(page.locator(f'{section} [data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)


def _press(page: Page, selector: str) -> None:
    """Reach a button with the keyboard and press it: focus, then Enter."""
    page.locator(selector).focus()
    page.keyboard.press("Enter")


def test_copy_on_the_decide_page_gives_the_command_lines_record(context: BrowserContext, site_url: str) -> None:
    """Assert that Copy as Markdown, pressed from the keyboard, puts on the clipboard exactly what
    `decide --format markdown` prints for the same answers and date."""
    page = context.new_page()
    answers = {"own_knowledge": "yes", "citations": "yes", "behaviour": "no"}
    page.goto(site_url + "decide/")
    _ready(page, "#decision-result")
    for key, value in answers.items():
        page.check(f'input[name="{key}"][value="{value}"]')
    expect(page.locator("[data-result]")).to_have_attribute("data-approach", "rag", timeout=PYTHON_TIMEOUT_MS)
    _press(page, '#decision-result [data-action="copy-markdown"]')
    expect(page.locator("#decision-result [data-record-status]")).to_have_text("Copied the record as Markdown.", timeout=PYTHON_TIMEOUT_MS)
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = _cli("decide", *(f"{k}={v}" for k, v in answers.items()), "--format", "markdown", date=_date(copied), site=site_url)
    assert copied == expected
    assert "# Decision record: RAG" in copied and f"({site_url}decide/?own_knowledge=yes&citations=yes&behaviour=no)" in copied


def test_download_on_the_cost_page_holds_the_decision_answers_too(context: BrowserContext, site_url: str) -> None:
    """Assert that after answering on the Decide page, Download .md on the Cost page saves one
    record with both, byte for byte the `record` command's output."""
    page = context.new_page()
    page.goto(site_url + "decide/")
    _ready(page, "#decision-result")
    page.check('input[name="narrow_task"][value="yes"]')
    page.check('input[name="high_volume"][value="yes"]')
    expect(page).to_have_url(re.compile(r"high_volume=yes"))
    page.goto(site_url + "cost-estimator/?queries_per_month=3000000&ft_serving=self-hosted")
    _ready(page, "#cost-result")
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as info:
        _press(page, '#cost-result [data-action="download-markdown"]')
    download = info.value
    assert re.fullmatch(r"cost-record-\d{4}-\d\d-\d\d\.md", download.suggested_filename)
    text = Path(download.path()).read_text(encoding="utf-8")
    expected = _cli(
        "record", "narrow_task=yes", "high_volume=yes", "queries_per_month=3000000", "ft_serving=self-hosted",
        date=_date(text), site=site_url,
    )
    assert text == expected
    expect(page.locator("#cost-result [data-record-status]")).to_have_text(f"Saved {download.suggested_filename}.")


def test_buttons_wait_for_python_and_say_so(context: BrowserContext, site_url: str) -> None:
    """Assert that a click while Python starts says it waits, and the download follows once it is ready."""
    page = context.new_page()
    held = []
    page.route("**/assets/python/pyodide-snapshot-*", lambda route: held.append(route))
    page.goto(site_url + "cost-estimator/")
    status = page.locator("#cost-result [data-record-status]")
    button = page.locator('#cost-result [data-action="download-markdown"]')
    expect(button).to_be_visible()
    for _ in range(300):  # the worker asks for the snapshot once it starts
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the snapshot request was not made"
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as info:
        _press(page, '#cost-result [data-action="download-markdown"]')
        expect(status).to_contain_text("Waiting for Python to start")
        for route in held:
            route.continue_()
    assert Path(info.value.path()).read_text(encoding="utf-8").startswith("# Cost record:")


def test_buttons_say_why_when_python_cannot_start(context: BrowserContext, site_url: str) -> None:
    """Assert that with Python's WebAssembly missing the buttons say Python could not start and why,
    and the build-time result and the form still work."""
    page = context.new_page()
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(site_url + "decide/")
    expect(page.locator("html")).to_have_attribute("data-python", "failed", timeout=PYTHON_TIMEOUT_MS)
    _press(page, '#decision-result [data-action="copy-markdown"]')
    status = page.locator("#decision-result [data-record-status]")
    expect(status).to_contain_text("Python, which could not start")
    expect(status).to_contain_text("pyodide.asm.wasm")
    expect(page.locator('#decision-result [data-action="copy-markdown"]')).to_have_attribute("aria-disabled", "true")
    expect(page.locator("#decision-result [data-result]")).to_have_attribute("data-source", "build")
    page.check('input[name="citations"][value="yes"]')
    expect(page).to_have_url(re.compile(r"citations=yes"))  # the form and its link keep working
