"""Unit tests of calculators.cost; these also run inside Pyodide."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import COST_APPROACHES, COST_INPUTS, PRESETS, InputError, estimate_cost
from calculators.web import handle
from cost_cases import COST_CASES

KEYS = [i.key for i in COST_INPUTS if i.key != "horizon_months"]


@pytest.mark.parametrize(
    ("inputs", "approach", "month", "expected"),
    [pytest.param(i, a, m, e, id=case) for case, i, a, m, e in COST_CASES],
)
def test_cost_cases(inputs, approach, month, expected) -> None:
    """Assert each worked case from the sources' figures."""
    assert estimate_cost(inputs).total(approach, month) == pytest.approx(expected)


def test_defaults_and_json_contract() -> None:
    """Assert the JSON shape: horizon, one series of horizon+1 numbers per bound, break-even."""
    data = estimate_cost().to_dict()
    assert data["horizon_months"] == 36
    assert set(data["approaches"]) == set(COST_APPROACHES)
    for series in data["approaches"].values():
        assert len(series["cumulative_usd"]["low"]) == len(series["cumulative_usd"]["high"]) == 37
    assert json.loads(json.dumps(data)) == data


def test_every_default_names_a_source() -> None:
    """Assert that each input has a unit, a source and a note saying where its default comes from."""
    for spec in COST_INPUTS:
        assert spec.unit and spec.source and spec.note
        assert spec.default[0] <= spec.default[1]


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_presets_are_valid_inputs(preset: str) -> None:
    """Assert that every preset is accepted by the model."""
    assert estimate_cost(PRESETS[preset]).horizon_months == 36


def test_break_even_none_when_fine_tuning_never_catches_up() -> None:
    """Assert no break-even when training is far dearer than RAG for the whole horizon."""
    result = estimate_cost({"ft_training_usd": "1000000", "horizon_months": "24"})
    assert result.break_even_month is None


def test_sensitivity_finds_the_input_that_flips_the_answer() -> None:
    """Assert that a mid-size training range is reported as changing the cheaper approach."""
    rows = {r["key"]: r for r in estimate_cost({"ft_training_usd": "5000..50000"}).sensitivity}
    assert rows["ft_training_usd"]["flips"]
    assert rows["ft_training_usd"]["cheaper_at_low"] == "fine-tuning"
    assert rows["ft_training_usd"]["cheaper_at_high"] == "rag"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("rag_setup_usd", "-1"),
        ("rag_setup_usd", "nan"),
        ("rag_setup_usd", "inf"),
        ("rag_setup_usd", "lots"),
        ("rag_monthly_usd", "3000..500"),
        ("horizon_months", "0"),
        ("horizon_months", "121"),
        ("horizon_months", "12..24"),
        ("queries_per_month", "10.5"),
        ("mystery_usd", "1"),
    ],
)
def test_bad_input_names_the_key_and_the_allowed_range(key: str, value: str) -> None:
    """Assert that each kind of bad input raises InputError naming the key."""
    with pytest.raises(ValueError, match=key) as info:
        estimate_cost({key: value})
    assert isinstance(info.value, InputError) and info.value.field == key
    assert "allowed" in str(info.value) or "low end" in str(info.value) or "months" in str(info.value)


#: A valid value for an input: a number or a range within its limits.
def _value(spec):
    top = spec.maximum if spec.maximum is not None else 1e7
    numbers = st.integers(int(spec.minimum), int(top)) if spec.integer else st.floats(spec.minimum, top)
    return st.tuples(numbers, numbers).map(sorted).map(lambda p: f"{p[0]}..{p[1]}")


valid_inputs = st.fixed_dictionaries(
    {}, optional={spec.key: _value(spec) for spec in COST_INPUTS if spec.key != "horizon_months"}
)
horizons = st.integers(1, 120)


@given(valid_inputs, horizons)
def test_series_are_ordered_and_non_decreasing(inputs, horizon) -> None:
    """Assert low <= high everywhere and no cumulative series ever goes down."""
    result = estimate_cost({**inputs, "horizon_months": str(horizon)})
    for series in result.approaches.values():
        assert len(series.low) == horizon + 1
        assert all(lo <= hi + 1e-6 for lo, hi in zip(series.low, series.high))
        for bound in (series.low, series.high):
            assert all(a <= b + 1e-6 for a, b in zip(bound, bound[1:]))


@given(valid_inputs, horizons)
def test_break_even_agrees_with_the_series(inputs, horizon) -> None:
    """Assert that from the break-even month on, fine-tuning's midpoint is at or below RAG's, and not the month before."""
    result = estimate_cost({**inputs, "horizon_months": str(horizon)})
    rag, ft = result.approaches["rag"], result.approaches["fine-tuning"]
    month = result.break_even_month
    if month is None:
        assert ft.midpoint(horizon) > rag.midpoint(horizon)
    else:
        assert all(ft.midpoint(m) <= rag.midpoint(m) for m in range(month, horizon + 1))
        assert month == 0 or ft.midpoint(month - 1) > rag.midpoint(month - 1)


@given(valid_inputs, st.sampled_from(KEYS), st.floats(1.0, 10.0))
def test_no_total_falls_when_a_cost_input_grows(inputs, key, factor) -> None:
    """Assert that raising any input never lowers any approach's total at the horizon."""
    base = estimate_cost(inputs)
    low, high = base.inputs[key]
    spec = next(s for s in COST_INPUTS if s.key == key)
    grow = (lambda x: math.ceil(x * factor)) if spec.integer else (lambda x: x * factor)
    grown = estimate_cost({**inputs, key: f"{grow(low)}..{grow(high)}"})
    h = base.horizon_months
    for name in COST_APPROACHES:
        assert grown.approaches[name].low[h] >= base.approaches[name].low[h] - 1e-6
        assert grown.approaches[name].high[h] >= base.approaches[name].high[h] - 1e-6


@given(st.sampled_from(KEYS), st.one_of(st.floats(max_value=-1e-9), st.just(float("nan")), st.just(float("inf")), st.text(alphabet="abcxyz", min_size=1)))
def test_every_invalid_value_is_rejected(key, bad) -> None:
    """Assert that negative, NaN, infinite and non-numeric values are refused, naming the key."""
    with pytest.raises(InputError) as info:
        estimate_cost({key: str(bad)})
    assert info.value.field == key


def test_web_bridge_cost_call() -> None:
    """Assert the browser bridge returns the estimate, or the field at fault."""
    ok = json.loads(handle(json.dumps({"call": "cost", "args": {"queries_per_month": "0"}})))
    assert ok["ok"] and ok["result"]["approaches"]["rag"]["cumulative_usd"]["low"][12] == 11000
    assert "<svg" in ok["html"]
    bad = json.loads(handle(json.dumps({"call": "cost", "args": {"rag_setup_usd": "-3"}})))
    assert not bad["ok"] and bad["error"]["field"] == "rag_setup_usd"
