"""The Decide page in Chromium: answers in, a Python-computed result out."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from decision_cases import DECISION_CASES

#: Python's first start in a cold browser can take several seconds on a busy 2-core machine.
PYTHON_TIMEOUT_MS = 60_000


def _open_decide(page: Page, site_url: str) -> None:
    page.goto(site_url + "decide/")
    expect(page.locator('[data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)


@pytest.mark.parametrize(
    ("answers", "approach"),
    [pytest.param(a, ap, id=case) for case, a, ap in DECISION_CASES],
)
def test_answers_give_the_expected_approach(page: Page, site_url: str, answers, approach) -> None:
    """Assert that answering in the page yields the expected, Python-computed approach."""
    _open_decide(page, site_url)
    for key, value in answers.items():
        page.check(f'input[name="{key}"][value="{value}"]')
    result = page.locator("[data-result]")
    expect(result).to_have_attribute("data-approach", approach, timeout=PYTHON_TIMEOUT_MS)
    expect(result).to_have_attribute("data-source", "python")
    # The URL carries the answers, so a reload restores the same result.
    page.reload()
    expect(page.locator('[data-result][data-source="python"]')).to_have_attribute(
        "data-approach", approach, timeout=PYTHON_TIMEOUT_MS
    )
    for key, value in answers.items():
        expect(page.locator(f'input[name="{key}"][value="{value}"]')).to_be_checked()


def test_bad_answer_in_link_is_reported_by_the_field(page: Page, site_url: str) -> None:
    """Assert that an invalid answer in a shared link is named next to its field, not thrown."""
    page.goto(site_url + "decide/?citations=perhaps&behaviour=yes")
    expect(page.locator('[data-result][data-source="python"]')).to_have_attribute(
        "data-approach", "fine-tuning", timeout=PYTHON_TIMEOUT_MS
    )
    expect(page.locator('input[name="behaviour"][value="yes"]')).to_be_checked()
    message = page.locator('[data-error-for="citations"]')
    expect(message).to_be_visible()
    expect(message).to_contain_text("citations")
    expect(message).to_contain_text("yes, no, unsure")
    # Answering the question clears the message.
    page.check('input[name="citations"][value="no"]')
    expect(message).to_be_hidden()
