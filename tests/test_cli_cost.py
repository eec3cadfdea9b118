"""The cost command line, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from calculators import COST_INPUTS, PRESETS, estimate_cost
from cost_cases import COST_CASES


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "inputs",
    [pytest.param({}, id="defaults")]
    + [pytest.param(p.inputs, id=name) for name, p in sorted(PRESETS.items())]
    + [pytest.param(i, id=case) for case, i, *_ in COST_CASES],
)
def test_cost_json_agrees_with_the_function(inputs: dict[str, str]) -> None:
    """Assert that `cost --json` prints what estimate_cost() returns."""
    result = _run("cost", *(f"{k}={v}" for k, v in inputs.items()), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == estimate_cost(inputs).to_dict()


def test_cost_text_shows_totals_lines_and_verdict() -> None:
    """Assert the text output lists each approach, its lines, the page's verdict and the multiple."""
    out = _run("cost", "queries_per_month=0", "corpus_tokens=0").stdout
    est = estimate_cost({"queries_per_month": "0", "corpus_tokens": "0"})
    cheaper = {"rag": "RAG", "fine-tuning": "Fine-tuning"}[est.cheaper_at[0]["approach"]]
    assert "11,000 .. 66,000" in out
    assert f"{cheaper} is cheaper after 12 months" in out and "judged on the middle of each range" in out
    assert "Training runs" in out and "Akoode: 3-5x" in out


def test_inputs_lists_every_input_with_its_source() -> None:
    """Assert that `inputs --json` lists key, unit, default range and source for every input."""
    result = _run("inputs", "--json")
    rows = json.loads(result.stdout)
    assert [r["key"] for r in rows] == [i.key for i in COST_INPUTS]
    for row in rows:
        assert row["unit"] and row["source"] and row["note"]
        if row["choices"]:
            assert row["default"] == row["choices"][0]
        else:
            assert set(row["default"]) == {"low", "high"} and row["minimum"] is not None


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["cost", "rag_setup_usd=-1"], "rag_setup_usd"),
        (["cost", "horizon_months=500"], "horizon_months"),
        (["cost", "rag_monthly_usd=9..1"], "rag_monthly_usd"),
        (["cost", "bogus=1"], "bogus"),
        (["cost", "ft_serving=gpu"], "ft_serving"),
        (["cost", "ft_prompt_reduction=1.2"], "ft_prompt_reduction"),
        (["cost", "corpus_churn_per_month=-0.5"], "corpus_churn_per_month"),
        (["cost", "ft_retrain_every_months=0"], "ft_retrain_every_months"),
        (["cost", "ft_lifecycle_multiplier=4"], "replaced"),
    ],
)
def test_cost_bad_input_exits_2_with_one_line(args: list[str], named: str) -> None:
    """Assert bad input exits 2 with one stderr line naming the key, no traceback."""
    result = _run(*args)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in result.stderr
