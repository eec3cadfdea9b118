"""The Decide and Cost pages' result layout in Chromium: the answer in view, nothing scrolling inside the page.

On a wide screen the answer (the recommendation, or the headline with its
chart) stays in view beside the inputs while the reader changes one far down
the form; on a phone a summary bar at the bottom of the window says it. The
checks are in layout_checks.py; test_engines.py runs them in Firefox and WebKit.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

import layout_checks as checks
from calculators import recommend

PYTHON_TIMEOUT_MS = 60_000
SIZES = [pytest.param(size, id=name) for name, size in checks.SIZES.items()]


def _open(page: Page, site_url: str, path: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url + path)
    expect(page.locator('[data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)


def _assert_far_down(page: Page, selector: str) -> None:
    # Far enough that, without the layout, the answer would have scrolled out of view.
    assert page.evaluate(checks.screens_down(selector)) > 1.5, f"{selector} is near the top of the page"


def _assert_answer_shown(page: Page, section: str, form: str, size: tuple[int, int], where: str) -> dict:
    """On a wide screen the answer is in view; on a narrow one the summary bar is. Returns the bar."""
    bar = page.evaluate(checks.summary_in_view(form))
    if size[0] > checks.NARROW_MAX_PX:
        checks.assert_answer_in_view(page.evaluate(checks.answer_in_view(section)), where)
        assert not bar["shown"], f"{where}: the summary bar shows on a wide screen"
    else:
        checks.assert_summary_in_view(bar, where)
        # "see why" / "see the chart": one tap, and the result is just below the header.
        target = page.evaluate(checks.follow_summary_link(form))
        page.wait_for_function(checks.landed(target), timeout=5_000)
    return bar


@pytest.mark.parametrize("size", SIZES)
def test_decide_answer_far_down_the_form_shows_the_new_recommendation_in_view(page: Page, site_url: str, size) -> None:
    """Assert that answering a question far down the Decide form, with no scrolling after it, leaves
    the new recommendation in view: beside the form on a wide screen, in the summary bar on a phone,
    with the gate when one applied."""
    start, key, answer = checks.far_decision_change()
    expected = recommend({**start, key: answer}).to_dict()
    _open(page, site_url, "decide/?" + urlencode(start), size)
    choice = page.locator(f'input[name="{key}"][value="{answer}"]')
    _assert_far_down(page, f'input[name="{key}"]')
    choice.scroll_into_view_if_needed()
    choice.check()
    result = page.locator("#decision-result [data-result]")
    expect(result).to_have_attribute("data-approach", expected["approach"], timeout=PYTHON_TIMEOUT_MS)
    bar = _assert_answer_shown(page, "#decision-result", 'form[data-calculator="decision"]', size, f"decide {size}")
    expect(result.locator("[data-result-answer] .rft-result__headline")).to_contain_text(expected["title"])
    assert bar["text"] == expected["title"]
    gate = expected.get("gate") or {}
    assert bar["gate"] == (gate.get("label") or None)


@pytest.mark.parametrize("size", SIZES)
def test_cost_input_far_down_the_form_shows_the_new_headline_in_view(page: Page, site_url: str, size) -> None:
    """Assert that changing the horizon, at the bottom of the Cost form, with no scrolling after it,
    leaves the new headline in view: beside the form on a wide screen, in the summary bar on a phone."""
    _open(page, site_url, "cost-estimator/", size)
    headline = page.locator("#cost-result [data-result-answer] .rft-result__headline")
    before = headline.text_content()
    field = page.locator('form[data-calculator="cost"] [name="horizon_months"]')
    _assert_far_down(page, 'form[data-calculator="cost"] [name="horizon_months"]')
    field.scroll_into_view_if_needed()
    field.fill("24")
    expect(headline).not_to_have_text(before, timeout=PYTHON_TIMEOUT_MS)
    bar = _assert_answer_shown(page, "#cost-result", 'form[data-calculator="cost"]', size, f"cost {size}")
    assert bar["text"] == " ".join(headline.text_content().split())


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", ["decide/", "cost-estimator/"])
def test_nothing_scrolls_inside_the_page(page: Page, site_url: str, path: str, size) -> None:
    """Assert that no box in or around a calculator scrolls its content, and that the Cost chart is
    reached by scrolling the page alone."""
    _open(page, site_url, path, size)
    if path == "cost-estimator/":
        chart = page.evaluate(checks.CHART_REACHED)
        assert chart is not None, "the Cost result has no chart"
        assert chart["moved"] == [], f"boxes scrolled to show the chart: {chart['moved']}"
        assert 0 <= chart["top"] and chart["bottom"] <= chart["height"], chart
    assert page.evaluate(checks.SCROLL_BOXES) == []


def test_answer_and_details_keep_the_result_in_order(page: Page, site_url: str) -> None:
    """Assert that the result is split into its answer, holding the headline, then its details,
    holding every section heading, with the text in Python's order."""
    from calculators import estimate_cost, render_cost

    _open(page, site_url, "cost-estimator/", checks.SIZES["1280x800"])
    result = page.locator("#cost-result [data-result]")
    expect(result.locator(":scope > *")).to_have_count(2)
    expect(result.locator(":scope > [data-result-answer] .rft-result__headline")).to_have_count(1)
    expect(result.locator(":scope > [data-result-answer] .rft-result__h")).to_have_count(0)
    assert result.locator(":scope > [data-result-details] .rft-result__h").count() >= 1
    # The same elements as Python rendered, in the same order: only the two wrappers were added.
    page_tags = result.evaluate(
        "(r) => [...r.querySelectorAll(':scope > [data-result-answer] > *, :scope > [data-result-details] > *')]"
        ".map((e) => e.tagName.toLowerCase() + '.' + String(e.className.baseVal ?? e.className))"
    )
    python_tags = page.evaluate(
        "(html) => { const t = document.createElement('template'); t.innerHTML = html;"
        " return [...t.content.children].map((e) => e.tagName.toLowerCase() + '.' + e.className); }",
        render_cost(estimate_cost()),
    )
    assert page_tags == python_tags


def test_cost_headline_and_chart_are_seen_without_scrolling(page: Page, site_url: str) -> None:
    """Assert that at 1280x800 the Cost answer holds the chart, and the headline and the whole chart
    are in view when the page opens."""
    _open(page, site_url, "cost-estimator/", checks.SIZES["1280x800"])
    checks.assert_answer_in_view(page.evaluate(checks.answer_in_view("#cost-result")), "cost at load")
    expect(page.locator("#cost-result [data-result-answer] figure.rft-chart")).to_have_count(1)


@pytest.mark.parametrize("path", ["decide/", "cost-estimator/"])
def test_keyboard_focus_is_never_under_the_summary_bar(page: Page, site_url: str, path: str) -> None:
    """Assert that on a phone, tabbing through the whole form, each focused control is scrolled
    clear of the summary bar at the bottom of the window and of the header at the top."""
    _open(page, site_url, path, checks.SIZES["360x780"])
    page.locator("form.rft-form").evaluate("(f) => f.querySelector('input, select, button').focus()")
    seen = 0
    while page.evaluate("document.activeElement.closest('form.rft-form') !== null"):
        place = page.evaluate(
            """() => { const r = document.activeElement.getBoundingClientRect();
                       const bar = document.querySelector('form.rft-form [data-summary]').getBoundingClientRect();
                       return {top: r.top, bottom: r.bottom, barTop: bar.top, inBar: Boolean(document.activeElement.closest('[data-summary]')),
                               header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                               name: document.activeElement.name || document.activeElement.textContent.trim().slice(0, 30)}; }"""
        )
        assert not place["inBar"]
        assert place["top"] >= place["header"] - 1, f"{path}: {place['name']} is under the header: {place}"
        assert place["bottom"] <= place["barTop"] + 1, f"{path}: {place['name']} is under the summary bar: {place}"
        seen += 1
        page.keyboard.press("Tab")
    assert seen >= 12, f"{path}: only {seen} controls reached by Tab"
