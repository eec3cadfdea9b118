"""The Costs and Cost estimator pages: the argument's figures equal the hand-worked cases."""

from __future__ import annotations

import datetime
import json
import re
import sys
from html import unescape
from pathlib import Path

import pytest

from calculators import (
    AKOODE_LIFECYCLE_MULTIPLE,
    AKOODE_LORA_TRAINING_USD,
    COST_APPROACHES,
    COST_INPUTS,
    MID_SIZE_TRAINING_USD,
    estimate_cost,
)
from calculators.cost.summary import headline
from cost_cases import COST_CASES, WORKED

ROOT = Path(__file__).resolve().parent.parent


def _row(html: str, row_id: str) -> list[str]:
    match = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S)
    assert match, row_id
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", match.group(1), re.S)]


def _usd(pair: tuple[float, float]) -> str:
    return f"{pair[0]:,.0f}–{pair[1]:,.0f}\u00a0USD"


def _costs(built_site: Path) -> str:
    return (built_site / "costs" / "index.html").read_text(encoding="utf-8")


def test_costs_page_shows_akoodes_arithmetic_for_both_readings(built_site: Path) -> None:
    """Assert both readings multiply Akoode's training figures by 3-5x and compare with RAG's year."""
    html = _costs(built_site)
    assert 'id="which-is-cheaper"' in html
    low, high = AKOODE_LIFECYCLE_MULTIPLE
    small = _row(html, "reading-small-lora-akoode")
    mid = _row(html, "reading-mid-size-akoode")
    assert small[0].endswith(_usd((AKOODE_LORA_TRAINING_USD[0] * low, AKOODE_LORA_TRAINING_USD[1] * high)))
    assert mid[0].endswith(_usd((MID_SIZE_TRAINING_USD[0] * low, MID_SIZE_TRAINING_USD[1] * high)))
    assert small[1].endswith(_usd((11_000, 66_000))) and small[2].startswith("Fine-tuning")
    assert mid[2].startswith("RAG")


def test_costs_page_works_one_case_through_with_the_hand_worked_totals(built_site: Path) -> None:
    """Assert that the Costs page's worked case is the shared one, and that each approach's
    total there is the hand-worked figure of tests/cost_cases.py."""
    html = _costs(built_site)
    block = re.search(r'data-inputs="([^"]*)"><div class="md-typeset__table"><table><thead><tr><th>Line</th><th>Arithmetic', html)
    assert block and json.loads(unescape(block.group(1))) == WORKED
    expected = {a: e for c, i, a, m, e in COST_CASES if i is WORKED and m == 36}
    assert set(expected) == set(COST_APPROACHES)
    for approach, total in expected.items():
        row = re.search(rf'<tr data-approach="{approach}" data-line="total">.*?<strong>([^<]*)</strong>', html)
        shown = f"{total:,.2f}" if not float(total).is_integer() else f"{total:,.0f}"
        assert row and row.group(1) == f"{shown}\u00a0USD"
    platform = re.search(r'data-approach="rag" data-line="platform">.*?<td>([^<]*)</td><td>([^<]*)</td>', html)
    assert platform.groups() == ("36 × 200", "7,200\u00a0USD")


def test_costs_page_quotes_the_estimators_own_headline_for_the_defaults(built_site: Path) -> None:
    """Assert that the argument quotes what the estimator says for its defaults, word for word."""
    html = unescape(_costs(built_site))
    assert headline(estimate_cost()) in html


def test_cost_form_shows_each_price_with_the_date_it_was_read(built_site: Path) -> None:
    """Assert that every price default on the Cost page has its source's read date beside it,
    and that the data preparation field starts blank."""
    html = (built_site / "cost-estimator" / "index.html").read_text(encoding="utf-8")
    for spec in COST_INPUTS:
        help_text = re.search(rf'id="c-{spec.key}-help">(.*?)</p>', html, re.S).group(1)
        for source in (spec.source, *spec.other_sources):
            if source.startswith("price-"):
                assert re.search(rf'source-{source}">[^<]*</a>, price read <time datetime="\d{{4}}-\d\d-\d\d">', help_text), spec.key
    assert re.search(r'name="ft_data_prep_usd"[^>]*value=""[^>]*data-default=""', html)


def test_the_build_warns_of_a_price_read_long_ago() -> None:
    """Assert that the price-date check names a stale price's source, date and inputs, and
    keeps quiet about one read within six months."""
    sys.path.insert(0, str(ROOT / "docs" / ".hooks"))
    import price_dates
    from _site_data import SOURCES

    read = {s for i in COST_INPUTS for s in (i.source, *i.other_sources) if s.startswith("price-")}
    newest = max(datetime.date.fromisoformat(SOURCES[s]["read"]) for s in read)
    assert price_dates.stale_prices(COST_INPUTS, SOURCES, newest) == []
    later = newest.replace(year=newest.year + 1)
    messages = price_dates.stale_prices(COST_INPUTS, SOURCES, later)
    assert len(messages) == len(read)
    pinecone = next(m for m in messages if m.startswith("price_dates: price-pinecone "))
    assert f"read on {SOURCES['price-pinecone']['read']}" in pinecone and "rag_monthly_usd" in pinecone
    assert price_dates._months_before(datetime.date(2027, 8, 31), 6) == datetime.date(2027, 2, 28)
