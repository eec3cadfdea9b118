"""The Training cost page in Chromium: inputs in, a Python-computed run out, carried to the Cost estimator."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from training_cases import TRAINING_CASES

PYTHON_TIMEOUT_MS = 60_000


def _cli(command: str, inputs: dict[str, str], *extra: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "calculators", command, *(f"{k}={v}" for k, v in inputs.items()), "--json", *extra],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def _python_result(page: Page):
    return page.locator('#training-result [data-result][data-source="python"]')


def _headline(page: Page) -> str:
    """The headline's text (the result may be off-screen, where layout-based text reads empty)."""
    return page.locator("#training-result .rft-result__headline").text_content()


def test_defaults_show_the_command_line_s_run_and_a_loading_state(page: Page, site_url: str) -> None:
    """Assert the build-time result is there before Python, the status line says so, and Python's
    result then equals the CLI's headline and carries its range to the Cost estimator."""
    page.goto(site_url + "training-cost/")
    expect(page.locator("#training-result [data-python-status]")).to_contain_text(
        re.compile("Computed when this site was built|Starting Python|Computed by Python"))
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    expect(page.locator("#training-result [data-python-status]")).to_have_text(
        "Computed by Python in your browser from your inputs.")
    cli = _cli("training", {})
    assert _headline(page) == cli["headline"]
    href = page.locator("[data-use-link]").get_attribute("href")
    assert parse_qs(urlsplit(href).query)["ft_training_usd"] == [cli["ft_training_usd"]]


@pytest.mark.parametrize(("inputs", "expected"), [pytest.param(i, e, id=c) for c, i, e in TRAINING_CASES])
def test_worked_cases_through_the_page(page: Page, site_url: str, inputs: dict[str, str], expected: dict) -> None:
    """Assert each hand-worked case, opened from a link, shows its USD and fit as computed by Python."""
    page.goto(site_url + "training-cost/?" + urlencode(inputs))
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    low, high = (float(x) for x in _python_result(page).get_attribute("data-usd").split(".."))
    assert (low, high) == pytest.approx(expected["usd"], rel=1e-6)
    if "fits" in expected:
        expect(page.locator('tr[data-where="gpu"] td[data-fits]')).to_have_attribute("data-fits", str(expected["fits"]).lower())
    for key, value in inputs.items():
        expect(page.locator(f'form[data-calculator="training"] [name="{key}"]')).to_have_value(value)


def test_bad_input_is_named_by_its_field_kept_and_the_last_result_stays(page: Page, site_url: str) -> None:
    """Assert zero examples is refused beside the field, the text kept, the last result kept; a fix clears it."""
    page.goto(site_url + "training-cost/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    before = _headline(page)
    page.fill('input[name="examples"]', "0")
    message = page.locator('[data-error-for="examples"]')
    expect(message).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(message).to_contain_text("examples: 0 is out of range")
    expect(page.locator('input[name="examples"]')).to_have_value("0")
    expect(page.locator('input[name="examples"]')).to_have_attribute("aria-invalid", "")
    assert _headline(page) == before
    page.fill('input[name="examples"]', "2000")
    expect(message).to_be_hidden(timeout=PYTHON_TIMEOUT_MS)


def test_a_method_the_api_does_not_offer_is_named_by_the_method(page: Page, site_url: str) -> None:
    """Assert choosing QLoRA on Together AI's API is refused beside the method, naming what it offers."""
    page.goto(site_url + "training-cost/?where=api")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.select_option('select[name="method"]', "qlora")
    message = page.locator('[data-error-for="method"]')
    expect(message).to_contain_text("Together AI does not offer QLoRA", timeout=PYTHON_TIMEOUT_MS)
    expect(message).to_contain_text("lora, full")


def test_a_link_with_a_word_the_page_does_not_list_names_it(page: Page, site_url: str) -> None:
    """Assert a link carrying an unknown GPU says so beside the GPU field instead of dropping it."""
    page.goto(site_url + "training-cost/?gpu=v100")
    message = page.locator('[data-error-for="gpu"]')
    expect(message).to_contain_text("'v100' is not allowed; allowed: l4, a100-80gb, h100-80gb", timeout=PYTHON_TIMEOUT_MS)


def test_the_page_works_from_the_keyboard(page: Page, site_url: str) -> None:
    """Assert a reader can reach a field with Tab, type a new value and choose a method with the keys,
    and the result follows."""
    page.goto(site_url + "training-cost/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.locator('input[name="examples"]').focus()
    # Tab goes through the field's source link to the next field, and back.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("sources/#source-akoode")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "tokens_per_example"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.name") == "examples"
    page.keyboard.press("Control+A")
    page.keyboard.type("4000")
    page.locator('select[name="method"]').focus()
    page.keyboard.press("ArrowDown")  # lora -> qlora
    expect(page.locator('select[name="method"]')).to_have_value("qlora")
    cli = _cli("training", {"examples": "4000", "method": "qlora"})
    expect(page.locator("#training-result .rft-result__headline")).to_have_text(
        cli["headline"], timeout=PYTHON_TIMEOUT_MS)
    assert "examples=4000" in page.url and "method=qlora" in page.url


def test_use_as_the_training_run_cost_carries_the_run_to_the_cost_estimator_and_back(page: Page, site_url: str) -> None:
    """Assert the button opens the Cost estimator with this run's range, its 12-month median and 10th-90th
    percentiles equal the CLI's for that input, its address keeps the run, and its link back reopens the
    same inputs."""
    inputs = {"method": "full", "params_billion": "70", "gpu": "h100-80gb", "gpus": "16", "mfu": "0.4"}
    page.goto(site_url + "training-cost/?" + urlencode(inputs))
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    expected = _cli("training", inputs)["ft_training_usd"]
    page.locator("[data-use-link]").click()
    expect(page.locator('input[name="ft_training_usd"]')).to_have_value(expected)
    expect(page.locator('#cost-result [data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    cost = _cli("cost", {"ft_training_usd": expected})
    row = page.locator('.rft-totals tbody tr[data-approach="fine-tuning"]').locator("td").nth(0)
    series = cost["approaches"]["fine-tuning"]["cumulative_usd"]
    p10, p50, p90 = series["p10"][12], series["p50"][12], series["p90"][12]
    expect(row).to_have_text(f"{p50:,.0f}\u00a0USD ({p10:,.0f}–{p90:,.0f})" if round(p10) != round(p90) else f"{p50:,.0f}\u00a0USD")
    assert "training=" in page.url
    back = page.locator('.md-content a[href$="training-cost/"], .md-content a[href*="training-cost/?"]').first
    back.click()
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    for key, value in inputs.items():
        expect(page.locator(f'form[data-calculator="training"] [name="{key}"]')).to_have_value(value)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A browser context that may download files."""
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


def test_the_cost_estimator_s_record_holds_the_carried_run(context: BrowserContext, site_url: str) -> None:
    """Assert the Cost estimator's Download .md, opened from "Use as the training-run cost", is the
    command line's record with the run's section, byte for byte."""
    page = context.new_page()
    page.goto(site_url + "training-cost/?examples=2000")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.locator("[data-use-link]").click()
    expect(page.locator('#cost-result [data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    with page.expect_download() as download:
        page.locator('#cost-result [data-action="download-markdown"]').click()
    text = download.value.path().read_text(encoding="utf-8")
    date = re.search(r"^- Date: (\d{4}-\d\d-\d\d)$", text, re.M).group(1)
    usd = parse_qs(urlsplit(page.url).query)["ft_training_usd"][0]
    cli = subprocess.run(
        [sys.executable, "-m", "calculators", "cost", f"ft_training_usd={usd}", "--format", "markdown",
         "--training=examples=2000", "--date", date, "--site-url", site_url],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "### The training run" in text and text == cli


def test_instant_navigation_to_the_page_starts_its_calculator(page: Page, site_url: str) -> None:
    """Assert that reaching the page from another one through Material's instant navigation loads its
    script and computes the result in Python."""
    page.goto(site_url)
    page.locator('.md-nav a[href$="training-cost/"]').first.click()
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.fill('input[name="epochs"]', "5")
    expect(page).to_have_url(re.compile(r"epochs=5"), timeout=PYTHON_TIMEOUT_MS)
