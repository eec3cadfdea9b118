"""The Costs page and the command line agree on the year-one arithmetic."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from calculators import AKOODE_LIFECYCLE_MULTIPLE, MID_SIZE_TRAINING_USD


def _cli(inputs: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "calculators", "cost", *(f"{k}={v}" for k, v in inputs.items()), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def _row(html: str, row_id: str) -> tuple[dict, list[str]]:
    match = re.search(rf'<tr id="{row_id}"(?: data-inputs="([^"]*)")?>(.*?)</tr>', html, re.S)
    assert match, row_id
    inputs = json.loads(unescape(match.group(1))) if match.group(1) else {}
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", match.group(2), re.S)]
    return inputs, cells


def _usd(pair: tuple[float, float]) -> str:
    return f"{pair[0]:,.0f}–{pair[1]:,.0f}\u00a0USD"


@pytest.mark.parametrize("reading", ["small-lora", "mid-size"])
def test_costs_page_year_one_rows_equal_the_cli(built_site: Path, reading: str) -> None:
    """Assert the Costs page's estimator rows show what `cost --json` gives for the same inputs."""
    html = (built_site / "costs" / "index.html").read_text(encoding="utf-8")
    assert 'id="which-is-cheaper"' in html
    inputs, cells = _row(html, f"reading-{reading}-estimator")
    data = _cli(inputs)
    ft, rag = data["approaches"]["fine-tuning"]["cumulative_usd"], data["approaches"]["rag"]["cumulative_usd"]
    assert cells[0] == _usd((ft["low"][12], ft["high"][12]))
    assert cells[1] == _usd((rag["low"][12], rag["high"][12]))


def test_costs_page_shows_akoodes_arithmetic_for_both_readings(built_site: Path) -> None:
    """Assert both readings multiply Akoode's training figures by 3-5x and compare with RAG's year."""
    html = (built_site / "costs" / "index.html").read_text(encoding="utf-8")
    low, high = AKOODE_LIFECYCLE_MULTIPLE
    _, small = _row(html, "reading-small-lora-akoode")
    _, mid = _row(html, "reading-mid-size-akoode")
    assert small[0].endswith(_usd((200 * low, 2000 * high)))
    assert mid[0].endswith(_usd((MID_SIZE_TRAINING_USD[0] * low, MID_SIZE_TRAINING_USD[1] * high)))
    assert small[1].endswith(_usd((11_000, 66_000))) and small[2].startswith("Fine-tuning")
    assert mid[2].startswith("RAG")
