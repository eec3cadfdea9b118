"""The Decide page in Chromium: answers in, a Python-computed result out."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from decision_cases import DECISION_BASIS, DECISION_CASES, DECISION_GATE

#: Python's first start in a cold browser can take several seconds on a busy 2-core machine.
PYTHON_TIMEOUT_MS = 60_000
CASES = [pytest.param(a, ap, id=case) for case, a, ap in DECISION_CASES]


def _python_result(page: Page):
    return page.locator('[data-result][data-source="python"]')


def _cli(answers: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "calculators", "decide", *(f"{k}={v}" for k, v in answers.items()), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize(("answers", "approach"), CASES)
def test_answers_give_the_cli_result(page: Page, site_url: str, answers, approach, request: pytest.FixtureRequest) -> None:
    """Assert that answering in the page yields the approach, basis, gate and next step the case
    expects, and the steps and headline the CLI prints."""
    page.goto(site_url + "decide/")
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    for key, value in answers.items():
        page.check(f'input[name="{key}"][value="{value}"]')
    result = page.locator("[data-result]")
    expect(result).to_have_attribute("data-approach", approach, timeout=PYTHON_TIMEOUT_MS)
    expect(result).to_have_attribute("data-source", "python")
    cli = _cli(answers)
    assert cli["approach"] == approach
    expect(result.locator(".rft-result__steps li")).to_have_text(cli["steps"])
    expect(result.locator(".rft-result__basis")).to_have_text(cli["headline"])
    case = request.node.callspec.id
    gate, then = DECISION_GATE[case]
    basis = result.locator(".rft-result__basis")
    expect(basis).to_have_attribute("data-basis", DECISION_BASIS[case])
    if then is None:
        expect(basis).not_to_have_attribute("data-then", re.compile(".*"))
    else:
        expect(basis).to_have_attribute("data-then", then)
    if gate is None:
        expect(result.locator("[data-gate]")).to_have_count(0)
    else:
        expect(result.locator(".rft-result__gate")).to_have_attribute("data-gate", gate)
        expect(result.locator(".rft-result__gate")).to_have_text(cli["gate"]["text"])
    # Screen readers hear a short sentence when the approach changes.
    if approach != _cli({})["approach"]:
        expect(page.locator("[data-announce]")).to_have_text(f"Recommendation: {cli['title']}")


@pytest.mark.parametrize(("answers", "approach"), CASES)
def test_shared_link_restores_the_result_in_a_fresh_browser(
    browser: Browser, site_url: str, answers, approach
) -> None:
    """Assert that a link with the answers reproduces answers and result in a new context."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "decide/?" + urlencode(answers))
        expect(_python_result(page)).to_have_attribute("data-approach", approach, timeout=PYTHON_TIMEOUT_MS)
        for key, value in answers.items():
            expect(page.locator(f'input[name="{key}"][value="{value}"]')).to_be_checked()
    finally:
        context.close()


def test_the_form_works_by_keyboard_alone(page: Page, site_url: str) -> None:
    """Assert that arrow keys answer, Tab moves between questions, and Enter copies the link."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "decide/?" + urlencode({k: "no" for k in ("own_knowledge", "citations")}))
    expect(_python_result(page)).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    # Start keyboard use at the first question, on its selected answer ("No").
    page.locator('input[name="own_knowledge"][value="no"]').focus()
    page.keyboard.press("ArrowLeft")  # "No" -> "Yes"
    expect(page.locator('input[name="own_knowledge"][value="yes"]')).to_be_checked()
    page.keyboard.press("Tab")  # next question: changes_often, on "Not sure"
    expect(page.locator('input[name="changes_often"][value="unsure"]')).to_be_focused()
    page.keyboard.press("ArrowLeft")  # "Not sure" -> "No"
    page.keyboard.press("ArrowLeft")  # "No" -> "Yes"
    expect(page.locator('input[name="changes_often"][value="yes"]')).to_be_checked()
    expect(_python_result(page)).to_have_attribute("data-approach", "rag", timeout=PYTHON_TIMEOUT_MS)
    assert "changes_often=yes" in page.url and "own_knowledge=yes" in page.url
    page.locator('[data-action="copy-link"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator('[data-action="copy-link"]')).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == page.url


def test_bad_answer_in_link_is_reported_by_the_field(page: Page, site_url: str) -> None:
    """Assert that an invalid answer in a shared link is named next to its field, not thrown."""
    page.goto(site_url + "decide/?citations=perhaps&behaviour=yes&prompting_tried=yes")
    expect(_python_result(page)).to_have_attribute("data-approach", "fine-tuning", timeout=PYTHON_TIMEOUT_MS)
    expect(page.locator('input[name="behaviour"][value="yes"]')).to_be_checked()
    message = page.locator('[data-error-for="citations"]')
    expect(message).to_be_visible()
    expect(message).to_contain_text("citations")
    expect(message).to_contain_text("yes, no, unsure")
    # Answering the question clears the message.
    page.check('input[name="citations"][value="no"]')
    expect(message).to_be_hidden()


def test_answers_given_while_python_starts_are_kept_and_the_newest_wins(page: Page, site_url: str) -> None:
    """Assert that while Python is still starting the build-time result and a "starting" status
    show, the form takes answers, and once Python is ready the result is for the latest answers."""
    held = []
    page.route("**/assets/python/pyodide-snapshot-*", lambda route: held.append(route))  # answered below
    page.goto(site_url + "decide/")
    expect(page.locator("#decision-result [data-python-status]")).to_contain_text("Starting Python", timeout=PYTHON_TIMEOUT_MS)
    answers = {"behaviour": "yes", "own_knowledge": "yes", "changes_often": "yes"}
    for key, value in answers.items():
        page.check(f'input[name="{key}"][value="{value}"]')
    result = page.locator("[data-result]")
    expect(result).to_have_attribute("data-source", "build")
    for _ in range(300):  # the worker asks for the snapshot just after it reports "starting"
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the snapshot request was not made"
    for route in held:
        route.continue_()
    expected = _cli(answers)
    assert expected["approach"] != _cli({})["approach"]
    expect(_python_result(page)).to_have_attribute("data-approach", expected["approach"], timeout=PYTHON_TIMEOUT_MS)
    expect(result.locator(".rft-result__steps li")).to_have_text(expected["steps"])
    for key, value in answers.items():
        expect(page.locator(f'input[name="{key}"][value="{value}"]')).to_be_checked()


def test_all_not_sure_shows_a_default_with_answers_in_words(page: Page, site_url: str) -> None:
    """Assert that with every answer "Not sure" Python's result is labelled a default, its
    scores note agrees, and the reasons name answers in words, not form keys."""
    page.goto(site_url + "decide/")
    result = _python_result(page)
    expect(result).to_have_attribute("data-approach", "rag", timeout=PYTHON_TIMEOUT_MS)
    expect(result.locator(".rft-result__basis")).to_have_attribute("data-basis", "default")
    expect(result.locator(".rft-result__basis")).to_contain_text("default, not a finding")
    expect(result.locator(".rft-result__note")).to_contain_text("a default, not the top score")
    reasons = result.locator(".rft-result__reasons")
    expect(reasons).to_contain_text("Your own data: not sure")
    expect(reasons).not_to_contain_text("own_knowledge")
    # One answer that fires a rule turns the default into a finding.
    page.check('input[name="changes_often"][value="yes"]')
    expect(result.locator(".rft-result__basis")).to_have_attribute("data-basis", "answers", timeout=PYTHON_TIMEOUT_MS)
    expect(reasons).to_contain_text("Knowledge changes often: yes")
