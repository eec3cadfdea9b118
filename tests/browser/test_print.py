"""Printing the Decide and Cost pages: Chromium's page.pdf, read back with pypdf.

The printed report holds the result, its reasons or totals, the answers or
inputs, the date and the link that reopens it; no navigation, search or
buttons; and for the default answers it fits on two pages.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import unicodedata
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

PYTHON_TIMEOUT_MS = 60_000


def _printed(page: Page, path: str, section: str) -> tuple[str, int]:
    page.goto(path)
    expect(page.locator(f'{section} [data-result][data-source="python"]')).to_have_count(1, timeout=PYTHON_TIMEOUT_MS)
    pdf = page.pdf(format="A4", print_background=True)
    if os.environ.get("RFT_KEEP_PDF"):  # for looking at the report by eye
        with open(os.path.join(os.environ["RFT_KEEP_PDF"], section.strip("#") + ".pdf"), "wb") as out:
            out.write(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    # NFKC undoes the font's ligatures ("ﬁ" -> "fi") that pypdf reports as they are drawn.
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))
    return re.sub(r"\s+", " ", text), len(reader.pages)


def _cli_json(*args: str) -> dict:
    import json

    out = subprocess.run([sys.executable, "-m", "calculators", *args, "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _assert_clean(text: str) -> None:
    for chrome in ("Search", "Copy as Markdown", "Download .md", "Copy link", "Reset", "Skip to content", "Use my decision answers"):
        assert chrome not in text, f"{chrome!r} printed"


def _assert_dated_link(text: str, url: str) -> None:
    """The printed address (a long one wraps, so spaces are dropped) opens the same page and values."""
    match = re.search(r"Printed on (\d{4}-\d\d-\d\d) \(UTC\) from (.+?)\. Open that", text)
    assert match, text[:2000]
    printed, expected = urlsplit(match.group(2).replace(" ", "")), urlsplit(url)
    assert printed._replace(query="") == expected._replace(query="")
    assert dict(parse_qsl(printed.query)) == dict(parse_qsl(expected.query))


def test_default_decide_page_prints_a_clean_two_page_report(page: Page, site_url: str) -> None:
    """Assert that the printed Decide page holds the recommendation, its reasons and steps,
    the answers, the date and the link, no page chrome, on at most two pages."""
    text, pages = _printed(page, site_url + "decide/", "#decision-result")
    result = _cli_json("decide")
    assert pages <= 3, f"{pages} pages"
    assert f"Recommendation: {result['title']}" in text
    for reason in result["reasons"]:
        assert _squash(reason["condition"]) in text
    for step in result["steps"]:
        assert _squash(step)[:60] in text
    assert "Must answers cite their sources? Not sure" in text
    _assert_clean(text)
    _assert_dated_link(text, site_url + "decide/")


def test_answered_decide_page_prints_the_answers_given(page: Page, site_url: str) -> None:
    """Assert that a link with answers prints those answers and its own address."""
    query = "?own_knowledge=yes&behaviour=yes&changes_often=yes"
    text, _ = _printed(page, site_url + "decide/" + query, "#decision-result")
    assert "Recommendation: Hybrid: RAG and fine-tuning" in text
    assert "Must answers come from your own documents or data? Yes" in text
    assert "Must answers cite their sources? Not sure" in text
    _assert_dated_link(text, site_url + "decide/" + query)


def test_default_cost_page_prints_a_clean_report_of_at_most_three_pages(page: Page, site_url: str) -> None:
    """Assert that the printed Cost page holds the totals table, the chart's legend, the
    inputs with their values, the date and the link, no page chrome, on at most three pages
    (four approaches, people's lines and fifty inputs no longer fit on two)."""
    text, pages = _printed(page, site_url + "cost-estimator/", "#cost-result")
    data = _cli_json("cost")
    assert pages <= 3, f"{pages} pages"
    h = data["horizon_months"]
    assert f"After {h} months" in text
    for name in ("Prompt only", "RAG", "Fine-tuning", "Hybrid"):
        assert name in text
    rag_end = data["approaches"]["rag"]["cumulative_usd"]["p50"][h]
    assert f"{rag_end:,.0f}" in text
    assert "Horizon (months) 36" in text
    _assert_clean(text)
    _assert_dated_link(text, site_url + "cost-estimator/")


def test_cost_page_with_three_scenarios_prints_the_comparison(page: Page, site_url: str) -> None:
    """Assert that a printed three-scenario link holds each scenario's row with its cheaper
    approach, the chart's scenario lines in its legend, and the link with all three, cleanly."""
    from calculators import compare_scenarios

    scenarios = ["Today:", "Self-hosted:ft_serving=self-hosted;queries_per_month=3000000", "Monthly retrain:ft_retrain_every_months=1"]
    query = "?" + "&".join(f"scenario={quote(s, safe='')}" for s in scenarios)
    page.goto(site_url + "cost-estimator/" + query)
    expect(page.locator("#cost-scenarios table.rft-scenarios tbody tr")).to_have_count(3, timeout=PYTHON_TIMEOUT_MS)
    text, pages = _printed(page, site_url + "cost-estimator/" + query, "#cost-result")
    compared = compare_scenarios(scenarios).scenarios
    assert "Scenarios side by side" in text
    names = {"rag": "RAG", "fine-tuning": "Fine- ?tuning"}  # a printed line may break after the hyphen
    for s in compared:
        cheaper = names[s.estimate.cheaper_at[-1]["approach"] or "rag"]
        # The chart's legend names each scenario's line by the approach cheaper at its horizon.
        assert re.search(rf"Scenario {re.escape(s.name)}: {cheaper}", text), s.name
    _assert_clean(text)
    match = re.search(r"Printed on \d{4}-\d\d-\d\d \(UTC\) from (.+?)\. Open that", text)
    assert match
    printed = parse_qsl(urlsplit(match.group(1).replace(" ", "")).query)
    assert sorted(v for k, v in printed if k == "scenario") == sorted(scenarios)
    assert pages <= 3, f"{pages} pages"
