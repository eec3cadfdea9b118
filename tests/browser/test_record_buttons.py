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


def _answer_yes(page: Page, key: str) -> None:
    """Answer one question "Yes" from the keyboard: its checked "Not sure", then two arrows left."""
    page.locator(f'input[name="{key}"][value="unsure"]').focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f'input[name="{key}"][value="yes"]')).to_be_checked()


def _download(page: Page, section: str) -> str:
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as info:
        _press(page, f'{section} [data-action="download-markdown"]')
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_the_address_carries_both_parts_between_the_pages(browser: Browser, site_url: str) -> None:
    """Assert that, by keyboard, the Cost page's link takes its inputs and scenario to the Decide
    page, whose link takes them back with the answers applied (the link's own value kept); and that
    this address, opened where storage is empty, gives on both pages the record the `record`
    command writes for the answers, the inputs and the scenario."""
    scenario = "Busy:queries_per_month=1000000"
    first = browser.new_context()
    try:
        page = first.new_page()
        page.goto(site_url + "cost-estimator/?queries_per_month=3000000&scenario=Busy%3Aqueries_per_month%3D1000000")
        _ready(page, "#cost-result")
        _press(page, "#cost-result [data-carry-link]")
        expect(page).to_have_url(re.compile(r"/decide/\?queries_per_month=3000000&scenario=Busy"))
        _ready(page, "#decision-result")
        _answer_yes(page, "changes_often")
        _answer_yes(page, "high_volume")
        expect(page).to_have_url(re.compile(r"/decide/\?changes_often=yes&high_volume=yes&queries_per_month=3000000&scenario=Busy"))
        expect(page.locator("#decision-result [data-carry-note]")).to_contain_text("1 cost input and 1 pinned scenario")
        _press(page, "#decision-result [data-carry-link]")
        expect(page.locator("#c-ft_retrain_every_months")).to_have_value("1..3", timeout=PYTHON_TIMEOUT_MS)
        expect(page.locator("#c-queries_per_month")).to_have_value("3000000")  # the mapping's 1000000 is not applied
        expect(page.locator("[data-preset-note]")).to_contain_text("kept for queries_per_month")
        expect(page).not_to_have_url(re.compile(r"apply="))
        expect(page.locator("#cost-result [data-carry-note]")).to_contain_text("2 decision answers")
        shared = page.url
    finally:
        first.close()
    assert "changes_often=yes" in shared and "high_volume=yes" in shared and "scenario=Busy" in shared
    expected_args = (
        "record", "changes_often=yes", "high_volume=yes", "queries_per_month=3000000",
        "ft_retrain_every_months=1..3", "corpus_churn_per_month=0.2..0.5", "--scenario", scenario,
    )
    second = browser.new_context(accept_downloads=True)  # another machine: nothing stored
    try:
        page = second.new_page()
        page.goto(shared)
        _ready(page, "#cost-result")
        text = _download(page, "#cost-result")
        assert text == _cli(*expected_args, date=_date(text), site=site_url)
        decide_link = re.search(r"\[Reopen these answers on the Decide page\]\(([^)]+)\)", text).group(1)
        page.goto(decide_link)
        _ready(page, "#decision-result")
        assert _download(page, "#decision-result") == text
    finally:
        second.close()


def test_a_carried_value_the_other_page_refuses_is_named_and_kept(page: Page, site_url: str) -> None:
    """Assert that a carried answer or input the other page would refuse is named with its allowed
    values or Python's message, left out of the record, and still carried back in the link."""
    page.goto(site_url + "cost-estimator/?citations=perhaps&behaviour=yes")
    _ready(page, "#cost-result")
    note = page.locator("#cost-result [data-carry-note]")
    expect(note).to_contain_text("1 decision answer from the Decide page")
    expect(note).to_contain_text("citations=perhaps (allowed: yes, no, unsure)")
    expect(page.locator("#cost-result [data-carry-link]")).to_have_attribute("href", re.compile(r"citations=perhaps&behaviour=yes"))
    page.goto(site_url + "decide/?citations=yes&queries_per_month=lots")
    _ready(page, "#decision-result")
    note = page.locator("#decision-result [data-carry-note]")
    expect(note).to_contain_text("queries_per_month", timeout=PYTHON_TIMEOUT_MS)
    expect(note).to_contain_text("leaves the costs out")
    expect(page.locator("#decision-result [data-carry-link]")).to_have_attribute(
        "href", re.compile(r"citations=yes&queries_per_month=lots&apply=answers"))


def test_the_decide_page_carries_a_training_run_to_the_cost_estimator_and_its_record(
    context: BrowserContext, site_url: str,
) -> None:
    """Assert that a Decide address holding a Training cost run (`training`, as the Cost estimator's
    link brings it) keeps it when an answer changes, passes it on in the link back to the Cost
    estimator, and gives a record with the run's section and the run in its Cost estimator link."""
    page = context.new_page()
    page.goto(site_url + "decide/?training=examples%3D2000")
    _ready(page, "#decision-result")
    _answer_yes(page, "changes_often")
    expect(page).to_have_url(re.compile(r"/decide/\?changes_often=yes&training=examples%3D2000$"))
    expect(page.locator("#decision-result [data-carry-link]")).to_have_attribute(
        "href", re.compile(r"changes_often=yes&training=examples%3D2000&apply=answers"))
    text = _download(page, "#decision-result")
    assert "### The training run" in text
    assert re.search(r"cost-estimator/\?[^)]*training=examples", text)
