"""The cost command line, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from calculators import COST_INPUTS, PRESETS, estimate_cost, inputs_with_answers
from cost_cases import COST_CASES, WORKED


def _strict(text: str):
    """JSON as JavaScript's JSON.parse reads it: NaN and Infinity are refused."""
    def refuse(name: str):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


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
    assert _strict(result.stdout) == estimate_cost(inputs).to_dict()


def test_cost_text_shows_totals_lines_and_verdict() -> None:
    """Assert the text output lists each approach with the hand-worked totals of the Costs
    page's case, its lines with their kind, the page's headline and the multiple."""
    out = _run("cost", *(f"{k}={v}" for k, v in WORKED.items())).stdout
    assert "36,768 (36,768-36,768)" in out and "111,708 (111,708-111,708)" in out
    assert "133,020 (133,020-133,020)" in out and "213,660 (213,660-213,660)" in out
    assert "RAG is the cheapest in 500 of 500 draws at 36 months" in out
    assert "Training runs" in out and "Akoode's 3 to 5 times" in out
    assert "Engineers: running it" in out and " people " in out and " machines " in out


@pytest.mark.parametrize("name", ["insurer-policies", "review-classifier", "hospital-own-network"])
def test_cost_json_with_decision_answers_marks_the_needs_missed(name: str) -> None:
    """Assert that `cost --json` with a preset's inputs and its Decide answers prints what the
    estimate of the inputs those answers mean gives: the needs missed, the approaches compared."""
    p = PRESETS[name]
    result = _run("cost", *(f"{k}={v}" for k, v in {**p.inputs, **p.answers}.items()), "--json")
    assert result.returncode == 0, result.stderr
    data = _strict(result.stdout)
    assert data == estimate_cost(inputs_with_answers(p.inputs, p.answers), p.answers).to_dict()
    assert data["answers"] == p.answers
    assert any(isinstance(a["meets"], list) for a in data["approaches"].values())


def test_cost_text_heads_its_columns_with_the_months_shown() -> None:
    """Assert that a 6-month horizon is headed as 6 months, not 12."""
    out = _run("cost", "horizon_months=6").stdout.splitlines()
    assert "6 months" in out[1] and "12 months" not in out[1]


def test_inputs_at_their_limits_give_finite_strict_json() -> None:
    """Assert that every input at its limit still gives finite numbers, as strict JSON."""
    limits = [f"{i.key}={i.maximum:.0f}" if i.integer else f"{i.key}={i.maximum}"
              for i in COST_INPUTS if not i.choices and not i.blank and i.key not in ("horizon_months", "rag_context_tokens")]
    result = _run("cost", *limits, "rag_context_tokens=0", "--json")
    assert result.returncode == 0, result.stderr
    data = _strict(result.stdout)
    assert data["approaches"]["rag"]["cumulative_usd"]["high"][-1] > 1e15


def test_inputs_lists_every_input_with_its_source() -> None:
    """Assert that `inputs --json` lists key, unit, default range and source for every input."""
    result = _run("inputs", "--json")
    rows = _strict(result.stdout)
    assert [r["key"] for r in rows] == [i.key for i in COST_INPUTS]
    assert "ft_data_refresh_share" in [r["key"] for r in rows]
    for row in rows:
        assert row["unit"] and row["source"] and row["note"]
        if row["choices"]:
            assert row["default"] == row["choices"][0]
        else:
            assert set(row["default"]) == {"low", "high"} and row["minimum"] is not None
            assert row["maximum"] is not None and row["limit_note"]


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
        (["cost", "corpus_tokens=1e308"], "corpus_tokens"),
        (["cost", "output_tokens=1e200", "output_price_usd_per_mtok=1e200"], "output_tokens"),
        (["cost", "queries_per_month=1,0,0"], "queries_per_month"),
        (["cost", "rag_context_tokens=10000000"], "rag_context_tokens"),
        (["cost", "queries_per_month=1e16"], "queries_per_month"),
        (["cost", "ft_data_refresh_share=1.5"], "ft_data_refresh_share"),
        (["cost", "ft_upkeep_usd_per_month=300"], "ft_ops_engineer_share"),
        (["cost", "rag_serving=gpu"], "rag_serving"),
        (["cost", "citations=maybe"], "citations"),
        (["cost", "gpu_ownership=leased"], "gpu_ownership"),
    ],
)
def test_cost_bad_input_exits_2_with_one_line(args: list[str], named: str) -> None:
    """Assert bad input exits 2 with one stderr line naming the key, no traceback."""
    result = _run(*args)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in result.stderr
