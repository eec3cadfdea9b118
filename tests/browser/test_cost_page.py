"""The Cost estimator in Chromium: inputs in, a Python-computed estimate out."""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from calculators import COST_APPROACHES, PRESETS, estimate_cost
from calculators.cost.summary import headline
from cost_cases import COST_CASES, PRESET_CASES

PYTHON_TIMEOUT_MS = 60_000


def _cli(inputs: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "calculators", "cost", *(f"{k}={v}" for k, v in inputs.items()), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def _usd_range(low: float, high: float) -> str:
    return f"{low:,.0f}\u00a0USD" if round(low) == round(high) else f"{low:,.0f}–{high:,.0f}\u00a0USD"


def _median(series: dict, month: int) -> str:
    """A total as the page writes it: median (10th-90th percentile)."""
    p10, p50, p90 = (series[k][month] for k in ("p10", "p50", "p90"))
    if round(p10) == round(p90):
        return f"{p50:,.0f}\u00a0USD"
    return f"{p50:,.0f}\u00a0USD ({p10:,.0f}–{p90:,.0f})"


def _expect_totals(page: Page, data: dict) -> None:
    """The totals table shows the CLI's 12-month and horizon totals, row by row."""
    h = data["horizon_months"]
    for name in COST_APPROACHES:
        series = data["approaches"][name]["cumulative_usd"]
        cells = page.locator(f'.rft-totals tbody tr[data-approach="{name}"] td')
        expect(cells.nth(0)).to_have_text(_median(series, min(12, h)))
        expect(cells.nth(1)).to_have_text(_median(series, h))


def _break_even(data: dict) -> str:
    """The page's data-break-even: the month, or empty for never."""
    month = data["break_even_month"]
    return "" if month is None else str(month)


def _set(page: Page, key: str, value: str) -> None:
    """Type into a number field, or choose from a choice field, as a reader would."""
    field = page.locator(f'form[data-calculator="cost"] [name="{key}"]')
    if field.evaluate("(el) => el.tagName") == "SELECT":
        field.select_option(value)
    else:
        field.fill(value)


def _python_result(page: Page):
    return page.locator('#cost-result [data-result][data-source="python"]')


@pytest.mark.parametrize("preset", [None, *sorted(PRESETS)])
def test_page_and_cli_agree_on_defaults_and_presets(page: Page, site_url: str, preset) -> None:
    """Assert the page's totals and break-even equal the CLI's for the defaults and each preset."""
    page.goto(site_url + "cost-estimator/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    inputs = {}
    if preset:
        page.click(f'[data-preset="{preset}"]')
        inputs = PRESETS[preset].inputs
        for key, value in inputs.items():
            expect(page.locator(f'form[data-calculator="cost"] [name="{key}"]')).to_have_value(value)
    # A reader's preset carries its Decide answers; the command line takes them as pairs too.
    data = _cli({**inputs, **(PRESETS[preset].answers if preset else {})})
    expect(page.locator("#cost-result [data-result]")).to_have_attribute(
        "data-break-even", _break_even(data), timeout=PYTHON_TIMEOUT_MS
    )
    _expect_totals(page, data)
    # The cost chart, the breakdown's bars and the tornado.
    assert page.locator("#cost-result figure.rft-chart > svg[role=group]").count() == 3


@pytest.mark.parametrize(
    ("inputs", "approach", "month", "expected"),
    [pytest.param(i, a, m, e, id=case) for case, i, a, m, e in COST_CASES
     if m == 12 or m == int(i.get("horizon_months", 36))],
)
def test_worked_cases_through_the_page(page: Page, site_url: str, inputs, approach, month, expected) -> None:
    """Assert each hand-worked case shows its expected total in the totals table when typed
    into the form: the figure worked by hand, not only the command line's."""
    page.goto(site_url + "cost-estimator/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    for key, value in inputs.items():
        _set(page, key, value)
    column = 0 if month == 12 else 1
    cell = page.locator(f'.rft-totals tbody tr[data-approach="{approach}"] td').nth(column)
    expect(cell).to_have_text(f"{expected:,.0f}\u00a0USD", timeout=PYTHON_TIMEOUT_MS)


def test_bad_input_is_named_by_its_field_and_kept(page: Page, site_url: str) -> None:
    """Assert a negative setup cost is explained by the field, kept, and the last estimate stays."""
    page.goto(site_url + "cost-estimator/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    before = page.locator(".rft-totals").inner_text()
    page.fill('input[name="rag_setup_usd"]', "-500")
    message = page.locator('[data-error-for="rag_setup_usd"]')
    expect(message).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(message).to_contain_text("rag_setup_usd")
    expect(message).to_contain_text("below the minimum; allowed: numbers from 0")
    expect(page.locator('input[name="rag_setup_usd"]')).to_have_value("-500")
    expect(page.locator('input[name="rag_setup_usd"]')).to_have_attribute("aria-invalid", "")
    assert page.locator(".rft-totals").inner_text() == before
    page.fill('input[name="rag_setup_usd"]', "20000")
    expect(message).to_be_hidden(timeout=PYTHON_TIMEOUT_MS)


def test_link_restores_inputs_and_estimate(page: Page, site_url: str) -> None:
    """Assert a shared link fills the inputs and shows the CLI's estimate for them."""
    inputs = {"ft_training_usd": "5000..50000", "horizon_months": "24"}
    page.goto(site_url + "cost-estimator/?" + urlencode(inputs))
    for key, value in inputs.items():
        expect(page.locator(f'input[name="{key}"]')).to_have_value(value)
    data = _cli(inputs)
    expect(_python_result(page)).to_have_attribute(
        "data-break-even", _break_even(data), timeout=PYTHON_TIMEOUT_MS
    )
    _expect_totals(page, data)


def test_decision_answers_carry_over(page: Page, site_url: str) -> None:
    """Assert "Use my decision answers" applies the answers given on the Decide page."""
    page.goto(site_url + "decide/?changes_often=yes&high_volume=yes")
    expect(page.locator('[data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.goto(site_url + "cost-estimator/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.click('[data-action="from-decision"]')
    expect(page.locator('input[name="ft_retrain_every_months"]')).to_have_value("1..3", timeout=PYTHON_TIMEOUT_MS)
    expect(page.locator('[data-mapping="changes_often:yes:ft_retrain_every_months"]')).to_have_attribute("data-applied", "")
    expect(page.locator(".rft-mappings")).to_have_attribute("open", "")
    expect(page.locator('input[name="queries_per_month"]')).to_have_value("1000000")


def test_an_old_link_with_the_replaced_multiplier_opens_with_a_note(page: Page, site_url: str) -> None:
    """Assert a link carrying ft_lifecycle_multiplier opens, says what replaced it, and keeps the rest."""
    page.goto(site_url + "cost-estimator/?ft_lifecycle_multiplier=4&horizon_months=24")
    note = page.locator("[data-replaced-note]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("ft_lifecycle_multiplier=4")
    expect(note).to_contain_text("ft_data_prep_usd")
    expect(page.locator('input[name="horizon_months"]')).to_have_value("24")
    data = _cli({"horizon_months": "24"})
    expect(_python_result(page)).to_have_attribute("data-break-even", _break_even(data), timeout=PYTHON_TIMEOUT_MS)
    _expect_totals(page, data)
    assert "ft_lifecycle_multiplier" not in page.url


def test_a_preset_says_what_team_it_is(page: Page, site_url: str) -> None:
    """Assert a preset button shows its one-sentence team description."""
    page.goto(site_url + "cost-estimator/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.click('[data-preset="narrow-high-volume"]')
    expect(page.locator("[data-preset-note]")).to_contain_text(PRESETS["narrow-high-volume"].team)
    expect(page.locator('select[name="ft_serving"]')).to_have_value("self-hosted")


def test_a_bad_share_is_named_by_its_field(page: Page, site_url: str) -> None:
    """Assert a prompt reduction above 1 is refused next to its field, and the text is kept."""
    page.goto(site_url + "cost-estimator/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.fill('input[name="ft_prompt_reduction"]', "1.5")
    message = page.locator('[data-error-for="ft_prompt_reduction"]')
    expect(message).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(message).to_contain_text("from 0 to 1")
    expect(page.locator('input[name="ft_prompt_reduction"]')).to_have_value("1.5")


@pytest.mark.parametrize("preset", ["support-docs", "narrow-high-volume", "mid-size-self-hosted"])
def test_headline_and_breakdown_agree_with_the_cli(page: Page, site_url: str, preset: str) -> None:
    """Assert the headline names the approach with the larger chance, with its count of
    draws, and each crossing; and the breakdown table shows the CLI's lines."""
    page.goto(site_url + "cost-estimator/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.click(f'[data-preset="{preset}"]')
    inputs = PRESETS[preset].inputs
    data = _cli(inputs)
    expect(page.locator("#cost-result [data-result]")).to_have_attribute(
        "data-break-even", _break_even(data), timeout=PYTHON_TIMEOUT_MS
    )
    _expect_totals(page, data)
    headline_ = page.locator(".rft-result__headline")
    expect(headline_).to_have_text(headline(estimate_cost(inputs)))
    last = data["cheaper_at"][-1]
    chances = last["chances"]
    winner = max(data["compared"], key=lambda a: chances[a])
    assert last["approach"] == winner
    assert f" in {round(chances[winner] * 500)} of 500 draws at 36 months" in headline_.inner_text()
    for crossing in data["crossings"]:
        expect(page.locator("#cost-result")).to_contain_text(f"in month {crossing['month']} ")
    # A line that costs nothing in every approach is left out of the breakdown.
    shown = {line["id"] for series in data["approaches"].values() for line in series["lines"] if line["mean"]}
    for column, name in enumerate(COST_APPROACHES):
        for line in data["approaches"][name]["lines"]:
            if line["id"] not in shown:
                continue
            cell = page.locator(f'.rft-breakdown tr[data-line="{line["id"]}"] td').nth(column)
            expect(cell).to_have_text(f"{line['mean']:,.0f}\u00a0USD")


def test_sensitivity_shows_the_flip_value_found_by_the_model(page: Page, site_url: str) -> None:
    """Assert the page prints the model's flip threshold for traffic."""
    inputs = {**PRESETS["narrow-high-volume"].inputs, "queries_per_month": "10000..10000000"}
    page.goto(site_url + "cost-estimator/?" + urlencode(inputs))
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    row = next(r for r in _cli(inputs)["sensitivity"] if r["key"] == "queries_per_month")
    assert row["flips"] and row["cheaper_above"] == "fine-tuning"
    cell = page.locator('.rft-sensitivity tr[data-key="queries_per_month"] td').nth(3)
    expect(cell).to_contain_text("fine-tuning is cheaper above about", timeout=PYTHON_TIMEOUT_MS)
    expect(cell).to_contain_text("queries a month")


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("corpus_tokens=1e308", "corpus_tokens", "'1e308' is above the limit"),
        ("output_tokens=1e200&output_price_usd_per_mtok=1e200", "output_tokens", "'1e200' is above the limit"),
        ("ft_serving=gpu", "ft_serving", "'gpu' is not allowed"),
        ("queries_per_month=1,0,0", "queries_per_month", "'1,0,0' is not a number"),
    ],
)
def test_a_bad_value_in_a_link_is_named_and_kept(page: Page, site_url: str, query: str, field: str, words: str) -> None:
    """Assert that a shared link's bad value is shown in its field, named next to it with
    the value the link carried, and that the build-time estimate stays."""
    page.goto(site_url + "cost-estimator/?" + query)
    message = page.locator(f'[data-error-for="{field}"]')
    expect(message).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(message).to_contain_text(words)
    carried = query.split("&")[0].split("=", 1)[1]
    expect(page.locator(f'form[data-calculator="cost"] [name="{field}"]')).to_have_value(carried)
    expect(page.locator("#cost-result [data-result]")).to_have_attribute("data-source", "build")
    expect(page.locator(".rft-result__headline")).to_have_text(headline(estimate_cost()))


def test_the_same_link_gives_the_same_estimate_twice(page: Page, site_url: str) -> None:
    """Assert that a link with ranges gives the same headline and totals on a second visit,
    with each total's median inside its 10th-90th percentile."""
    link = site_url + "cost-estimator/?" + urlencode({"queries_per_month": "20000..400000", "horizon_months": "24"})
    shown = []
    for _ in range(2):
        page.goto(link)
        expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
        shown.append((page.locator(".rft-result__headline").inner_text(), page.locator(".rft-totals").inner_text()))
    assert shown[0] == shown[1]
    for cell in page.locator(".rft-totals tbody td").all()[:6]:
        text = cell.inner_text().replace("\u00a0USD", "").replace(",", "")
        if "(" in text:
            median, band = text.split(" (")
            p10, p90 = band.rstrip(")").split("–")
            assert float(p10) <= float(median) <= float(p90)


def test_chart_is_readable_on_a_phone(page: Page, site_url: str) -> None:
    """Assert at phone width: each legend label sits beside its swatch, axis labels are at
    least 10 px tall, and each series has an accessible name."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "cost-estimator/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    chart = page.locator(".rft-chart").first
    chart.scroll_into_view_if_needed()
    for item in chart.locator(".rft-legend li").all():
        swatch = item.locator(".rft-swatch").bounding_box()
        box = item.bounding_box()
        assert swatch and box and box["height"] < 2.5 * swatch["height"], "label wrapped away from its swatch"
    heights = chart.locator("text.rft-axis").evaluate_all("(ts) => ts.map((t) => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= 10
    names = chart.locator('g[role="img"]').evaluate_all("(gs) => gs.map((g) => g.getAttribute('aria-label'))")
    assert len(names) == 4 and all(n.split(":")[0] in ("Prompt only", "RAG", "Fine-tuning", "Hybrid") for n in names)
    expect(page.locator(".rft-chart-data table")).to_have_count(1)


@pytest.mark.parametrize(
    ("preset", "compared", "left_out", "approach", "start"),
    [pytest.param(*case, id=case[0]) for case in PRESET_CASES],
)
def test_a_readers_preset_gives_its_headline_through_the_page(
    page: Page, site_url: str, preset, compared, left_out, approach, start,
) -> None:
    """Assert a reader's preset button: the headline opens as worked out in tests/cost_cases.py,
    each approach left out is marked with the needs it misses, its answers go into the address,
    and the totals equal the command line's for the preset's inputs and answers."""
    page.goto(site_url + "cost-estimator/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    page.click(f'[data-preset="{preset}"]')
    headline_ = page.locator(".rft-result__headline")
    expect(headline_).to_contain_text(start, timeout=PYTHON_TIMEOUT_MS)
    for name in COST_APPROACHES:
        meets = "false" if name in left_out else "true"
        expect(page.locator(f'.rft-totals tr[data-approach="{name}"]')).to_have_attribute("data-meets", meets)
    p = PRESETS[preset]
    for key, value in p.answers.items():
        assert f"{key}={value}" in page.url
    _expect_totals(page, _cli({**p.inputs, **p.answers}))


def test_a_link_with_answers_fills_what_they_set_as_the_record_command_does(page: Page, site_url: str) -> None:
    """Assert a Cost estimator link carrying Decide answers (and no `apply`) fills the inputs it
    leaves alone with what the answers set, keeps its own, and shows the command line's estimate for
    the same pairs; fine-tuning alone is marked as unable to cite."""
    link = {"citations": "yes", "changes_often": "yes", "corpus_churn_per_month": "0.1"}
    page.goto(site_url + "cost-estimator/?" + urlencode(link))
    expect(page.locator('input[name="ft_retrain_every_months"]')).to_have_value("1..3", timeout=PYTHON_TIMEOUT_MS)
    expect(page.locator('input[name="corpus_churn_per_month"]')).to_have_value("0.1")
    data = _cli(link)
    expect(page.locator(".rft-result__headline")).to_have_text(
        headline(estimate_cost({"corpus_churn_per_month": "0.1", "ft_retrain_every_months": "1..3"},
                               {"citations": "yes", "changes_often": "yes"})),
        timeout=PYTHON_TIMEOUT_MS,
    )
    _expect_totals(page, data)
    expect(page.locator('.rft-totals tr[data-approach="fine-tuning"]')).to_have_attribute("data-meets", "false")
    expect(page.locator("#cost-result")).to_contain_text("cannot cite its sources")
