"""Scenarios side by side on the Cost estimator, in Chromium."""

from __future__ import annotations

import re
from urllib.parse import quote

from playwright.sync_api import Browser, Page, expect

from calculators import COST_APPROACHES, compare_scenarios
from calculators.cost.summary import usd, usd_median

PYTHON_TIMEOUT_MS = 60_000
THREE = [
    "Today:",
    "Self-hosted:ft_serving=self-hosted;queries_per_month=3000000",
    "Monthly retrain:ft_retrain_every_months=1",
]


def _link(site_url: str, items: list[str]) -> str:
    return site_url + "cost-estimator/?" + "&".join(f"scenario={quote(t, safe='')}" for t in items)


def test_a_three_scenario_link_opens_the_comparison_in_a_fresh_browser(browser: Browser, site_url: str) -> None:
    """Assert that a link with three scenarios shows, in a new context, one row per scenario with
    the totals Python computes for it, and the inputs that differ highlighted."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(_link(site_url, THREE))
        table = page.locator("#cost-scenarios table.rft-scenarios")
        expect(table.locator("tbody tr")).to_have_count(3, timeout=PYTHON_TIMEOUT_MS)
        for s in compare_scenarios(THREE).scenarios:
            row = table.locator(f'tr[data-scenario="{s.name}"]')
            expect(row).to_contain_text(usd_median(*s.estimate.percentiles("rag", 12)).replace("\u00a0", " "))
            expect(row).to_contain_text(usd_median(*s.estimate.percentiles("fine-tuning", s.estimate.horizon_months)).replace("\u00a0", " "))
        expect(page.locator("#cost-scenarios tr[data-input] mark")).to_have_count(9)
        expect(page.locator("#cost-scenarios [data-input]")).to_have_count(3)
    finally:
        context.close()


def test_a_broken_scenario_is_named_and_the_others_kept(page: Page, site_url: str) -> None:
    """Assert that a link with a bad value in one scenario names that scenario and field and
    still compares the others."""
    page.goto(_link(site_url, ["Today:", "Broken:queries_per_month=lots", "Busy:queries_per_month=1000000"]))
    error = page.locator('#cost-scenarios [data-scenario-error="Broken"]')
    expect(error).to_contain_text("Scenario Broken: queries_per_month", timeout=PYTHON_TIMEOUT_MS)
    expect(page.locator("#cost-scenarios table.rft-scenarios tbody tr")).to_have_count(2)


def test_pin_from_the_keyboard_keeps_the_scenario_in_the_address(page: Page, site_url: str) -> None:
    """Assert that typing a name and pressing the pin button from the keyboard pins the current
    inputs, puts them in the address, and shows them in the table; a fourth is refused."""
    page.goto(site_url + "cost-estimator/?queries_per_month=50000")
    expect(page.locator('#cost-result [data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    for name in ("One", "Two", "Three", "Four"):
        page.locator("#scenario-name").fill(name)
        page.locator("#scenario-name").press("Tab")
        page.keyboard.press("Enter")
    expect(page.locator("[data-scenario-status]")).to_have_text("At most 3 scenarios: remove one to pin another.")
    expect(page.locator("#cost-scenarios table.rft-scenarios tbody tr")).to_have_count(3, timeout=PYTHON_TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"scenario=One%3Aqueries_per_month%3D50000"))
    assert "queries_per_month=50000" in page.url


def test_a_three_scenario_link_overlays_the_scenarios_on_the_chart(browser: Browser, site_url: str) -> None:
    """Assert that a three-scenario link in a new context draws one line per scenario on the
    estimate's chart, named as Python names it, with a column each in the chart's table; and that
    the toggle, pressed from the keyboard, takes the lines off and puts them back."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(_link(site_url, THREE))
        lines = page.locator("#cost-result svg g[data-overlay]")
        expect(lines).to_have_count(3, timeout=PYTHON_TIMEOUT_MS)
        for index, s in enumerate(compare_scenarios(THREE).scenarios):
            approach = s.estimate.cheaper_at[-1]["approach"] or "rag"
            h = s.estimate.horizon_months
            line = lines.nth(index)
            expect(line).to_have_attribute("data-overlay", s.name)
            expect(line).to_have_attribute("data-approach", approach)
            expect(line).to_have_accessible_name(re.compile(
                rf"^Scenario {re.escape(s.name)}: .*{re.escape(usd(s.estimate.percentiles(approach, h)[1]))} after {h} months$"))
            expect(page.locator(f'#cost-result .rft-chart-data th[data-overlay="{s.name}"]')).to_have_count(1)
        dashes = {lines.nth(i).locator("polyline").get_attribute("stroke-dasharray") for i in range(3)}
        assert len(dashes) == 3, dashes  # told apart without colour
        toggle = page.get_by_label("Draw the pinned scenarios on the estimate's chart")
        toggle.focus()
        page.keyboard.press("Space")
        expect(lines).to_have_count(0, timeout=PYTHON_TIMEOUT_MS)
        expect(page.locator("#cost-result svg g[data-series]")).to_have_count(len(COST_APPROACHES))
        page.keyboard.press("Space")
        expect(lines).to_have_count(3, timeout=PYTHON_TIMEOUT_MS)
    finally:
        context.close()
