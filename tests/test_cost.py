"""Unit tests of calculators.cost; these also run inside Pyodide."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from calculators import (
    AKOODE_LIFECYCLE_MULTIPLE,
    COST_APPROACHES,
    COST_INPUTS,
    COST_LINES,
    DECISION_ADJUSTMENTS,
    DEFAULT_PRESET,
    DRAWS,
    PRESETS,
    REPLACED_INPUTS,
    TIED_INPUTS,
    InputError,
    estimate_cost,
    inputs_from_decision,
)
from calculators.cost import parse_number
from calculators.cost.summary import headline
from calculators.web import handle
from cost_cases import COST_CASES, EXTREME_CASES, MULTIPLE_CASES, PER_1000_CASES, PRESET_CASES

NUMERIC = [i for i in COST_INPUTS if not i.choices and i.key != "horizon_months"]
KEYS = [i.key for i in NUMERIC]
SPEC = {i.key: i for i in COST_INPUTS}
SOURCES = Path(__file__).resolve().parent.parent / "docs" / "data" / "sources.csv"


@pytest.fixture(autouse=True)
def fresh_draws():
    """Start each test with the sampler's kept columns and the last percentiles emptied, so
    every test draws and sorts for itself (and mutation testing, which forks after a first
    run, exercises the sampler and the percentiles)."""
    from calculators.cost import percentiles, uncertainty

    uncertainty._UNIT_COLUMNS.clear()
    uncertainty._COLUMNS.clear()
    percentiles._LAST.clear()  # each approach's last percentiles, kept for an unchanged repeat


def strict_json(text: str):
    """json.loads that refuses NaN and Infinity, as JavaScript's JSON.parse does."""
    def refuse(name: str):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


# Hand-worked cases


@pytest.mark.parametrize(
    ("inputs", "approach", "month", "expected"),
    [pytest.param(i, a, m, e, id=case) for case, i, a, m, e in COST_CASES],
)
def test_cost_cases(inputs, approach, month, expected) -> None:
    """Assert each hand-worked case: every percentile and both extremes are its total."""
    result = estimate_cost(inputs)
    for value in (*result.percentiles(approach, month), *result.total(approach, month)):
        assert value == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(
    ("inputs", "approach", "month", "expected"),
    [pytest.param(i, a, m, e, id=case) for case, i, a, m, e in EXTREME_CASES],
)
def test_extreme_cases(inputs, approach, month, expected) -> None:
    """Assert the hand-worked extremes: every input at its cheap end, then at its dear end."""
    assert estimate_cost(inputs).total(approach, month) == pytest.approx(expected)


@pytest.mark.parametrize(("inputs", "approach", "expected"), [pytest.param(i, a, e, id=c) for c, i, a, e in PER_1000_CASES])
def test_usd_per_1000_queries(inputs, approach, expected) -> None:
    """Assert USD per 1,000 queries over the horizon, worked by hand."""
    rate = estimate_cost(inputs).usd_per_1000_queries[approach]
    assert [rate[k] for k in ("low", "high", "p10", "p50", "p90")] == pytest.approx([expected] * 5)


@pytest.mark.parametrize(("inputs", "expected"), [pytest.param(i, e, id=c) for c, i, e in MULTIPLE_CASES])
def test_first_year_multiple(inputs, expected) -> None:
    """Assert fine-tuning's first year over one training run, worked by hand, next to Akoode's."""
    multiple = estimate_cost(inputs).lifecycle_multiple
    assert multiple["implied"]["p10"] == multiple["implied"]["p90"] == pytest.approx(expected)
    assert (multiple["akoode"]["low"], multiple["akoode"]["high"]) == AKOODE_LIFECYCLE_MULTIPLE


def test_a_tie_is_named_as_one() -> None:
    """Assert that equal costs (every line at zero) make a tie: no approach, not a close call."""
    zero = {k: "0" for k in KEYS if SPEC[k].minimum == 0 and not SPEC[k].blank}
    result = estimate_cost({**zero, "ft_data_prep_usd": "0"})
    for point in result.cheaper_at:
        assert point["approach"] is None and not point["close_call"]
        assert point["chance"] == 1
        assert point["chances"] == {"prompt-engineering": 0, "rag": 0, "fine-tuning": 0, "hybrid": 0, "same": 1}
    assert result.crossings == () and result.break_even_month == 0


# The defaults and the JSON


def test_defaults_and_json_contract() -> None:
    """Assert the JSON shape: percentiles and extremes of horizon+1 numbers, lines, chances,
    the tornado's swing, the multiple's percentiles, and no NaN or Infinity anywhere."""
    data = estimate_cost().to_dict()
    assert data["horizon_months"] == 36 and data["draws"]["count"] == DRAWS == 500
    assert set(data["approaches"]) == set(COST_APPROACHES)
    assert list(data["approaches"]) == ["prompt-engineering", "rag", "fine-tuning", "hybrid"]
    for name, approach in data["approaches"].items():
        series = approach["cumulative_usd"]
        assert set(series) == {"low", "high", "p10", "p50", "p90"}
        assert all(len(v) == 37 for v in series.values())
        assert [line["id"] for line in approach["lines"]] == [i for i, _ in COST_LINES[name]]
        assert all(line["kind"] in ("people", "machines") for line in approach["lines"])
        assert set(approach["usd_per_1000_queries"]) == {"low", "high", "p10", "p50", "p90"}
        assert approach["meets"] is True  # no decision answers came with the inputs
    assert data["answers"] is None and data["warnings"] == []
    assert data["compared"] == ["rag", "fine-tuning", "hybrid"] and data["sensitivity_of"] == ["rag", "fine-tuning"]
    assert data["inputs"]["ft_serving"] == "api" and data["inputs"]["rag_serving"] == "api"
    assert data["inputs"]["ft_data_prep_usd"]["from_parts"] is True
    assert data["inputs"]["ft_input_price_usd_per_mtok"]["from_parts"] is True
    for point in data["cheaper_at"]:
        assert set(point) == {"month", "approach", "close_call", "chance", "chances", "compared"}
        assert point["compared"] == ["rag", "fine-tuning", "hybrid"]
    assert [c["month"] for c in data["cheaper_at"]] == [12, 36]
    assert all("swing_usd" in row for row in data["sensitivity"])
    swings = [row["swing_usd"] for row in data["sensitivity"]]
    assert swings == sorted(swings, reverse=True)
    assert set(data["lifecycle_multiple"]["implied"]) >= {"p10", "p90"}
    assert strict_json(json.dumps(data)) == data


def test_the_defaults_are_the_knowledge_assistant_and_favour_rag() -> None:
    """Assert the default inputs are the named preset, and that for the case the sources
    describe (changing documents, moderate traffic) RAG is cheaper in most draws, clearly,
    at 12 months and at the horizon."""
    preset = PRESETS[DEFAULT_PRESET]
    assert estimate_cost(preset.inputs).to_dict() == estimate_cost().to_dict()
    for key, value in preset.inputs.items():
        low, high = SPEC[key].default
        assert value == (f"{low:g}" if low == high else f"{low:g}..{high:g}")
    result = estimate_cost()
    assert [(c["approach"], c["close_call"]) for c in result.cheaper_at] == [("rag", False), ("rag", False)]
    assert result.cheaper_at[-1]["chance"] >= 0.75


def test_every_default_names_a_source_that_exists() -> None:
    """Assert that each input has a unit, a note, a limit, and sources that sources.csv holds."""
    with SOURCES.open(encoding="utf-8", newline="") as handle_:
        known = {row["id"] for row in csv.DictReader(handle_)}
    for spec in COST_INPUTS:
        assert spec.unit and spec.note and spec.default[0] <= spec.default[1]
        assert spec.source == "assumption" or spec.source in known
        assert set(spec.other_sources) <= known
        if not spec.choices:
            assert spec.maximum is not None and spec.limit_note


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_presets_are_valid_inputs_with_a_source_for_every_input(preset: str) -> None:
    """Assert that every preset is accepted, says its traffic is an illustration, and names
    a source (or an assumption) for every input it sets."""
    with SOURCES.open(encoding="utf-8", newline="") as handle_:
        known = {row["id"] for row in csv.DictReader(handle_)}
    p = PRESETS[preset]
    assert estimate_cost(p.inputs).horizon_months == 36
    assert "illustration" in p.team
    assert set(p.sources) == set(p.inputs)
    assert all(s == "assumption" or s in known for s in p.sources.values())


@pytest.mark.parametrize(
    ("preset", "cheaper"),
    [("narrow-high-volume", "fine-tuning"), ("mid-size-self-hosted", "rag"), ("support-docs", "rag"),
     ("knowledge-assistant", "rag"), ("enterprise-assistant", "rag"), ("insurer-policies", "rag"),
     ("review-classifier", "fine-tuning"), ("hospital-own-network", "rag")],
)
def test_each_preset_has_the_answer_its_case_calls_for(preset: str, cheaper: str) -> None:
    """Assert each preset's cheaper approach at 12 months and at the horizon, with its answers."""
    p = PRESETS[preset]
    result = estimate_cost(p.estimate_inputs(), p.answers or None)
    assert [c["approach"] for c in result.cheaper_at] == [cheaper, cheaper]


@pytest.mark.parametrize(
    ("preset", "compared", "left_out", "approach", "start"),
    [pytest.param(*case, id=case[0]) for case in PRESET_CASES],
)
def test_each_readers_preset_gives_the_headline_its_needs_call_for(preset, compared, left_out, approach, start) -> None:
    """Assert a reader's preset: the approaches compared, those left out with the needs they miss,
    and a clear headline at the horizon that opens as worked out in tests/cost_cases.py."""
    p = PRESETS[preset]
    result = estimate_cost(p.estimate_inputs(), p.answers)
    assert result.compared == compared
    assert {a: [m["need"] for m in result.misses(a)] for a in left_out} == left_out
    assert all(not result.misses(a) for a in compared)
    last = result.cheaper_at[-1]
    assert last["approach"] == approach and not last["close_call"]
    assert headline(result).startswith(start)
    assert p.answers and "illustration" in p.team


def test_break_even_none_when_fine_tuning_never_catches_up() -> None:
    """Assert no break-even when training is far dearer than RAG for the whole horizon."""
    result = estimate_cost({"ft_training_usd": "1000000", "horizon_months": "24"})
    assert result.break_even_month is None


# The tornado


def _median(spec, low: float, high: float) -> float:
    """The median of a range as the page documents the draws: geometric on a log scale
    (high at least 3 times low), else the middle; whole numbers by their floor."""
    if low > 0 and high >= 3 * low:
        top = high + 1 if spec.integer else high
        value = math.exp((math.log(low) + math.log(top)) / 2)
    else:
        value = (low + high + (1 if spec.integer else 0)) / 2
    return min(high, math.floor(value)) if spec.integer else value


def test_tornado_names_the_queries_at_which_the_answer_flips() -> None:
    """Assert a flip threshold for traffic, and that the answer changes on either side of it
    with every other input at its median."""
    inputs = {**PRESETS["narrow-high-volume"].inputs, "queries_per_month": "10000..10000000"}
    result = estimate_cost(inputs)
    row = next(r for r in result.sensitivity if r["key"] == "queries_per_month")
    assert row["flips"] and row["cheaper_above"] == "fine-tuning" and row["cheaper_at_low"] == "rag"
    threshold = row["threshold"]
    assert 10_000 < threshold < 10_000_000
    point = {}
    for key, (low, high) in result.inputs.items():
        if key not in result.blank:
            point[key] = str(_median(SPEC[key], low, high))
    point["ft_serving"] = "self-hosted"
    above = estimate_cost({**point, "queries_per_month": str(math.ceil(threshold))})
    below = estimate_cost({**point, "queries_per_month": str(math.floor(threshold) - 1)})
    assert above.cheaper_at[-1]["approach"] == "fine-tuning"
    assert below.cheaper_at[-1]["approach"] == "rag"


def test_tied_inputs_share_one_tornado_row_and_move_together() -> None:
    """Assert that the input and output price of one model make one row, and that their
    draws rise and fall together."""
    result = estimate_cost({"input_price_usd_per_mtok": "0.1..1", "output_price_usd_per_mtok": "0.4..8"})
    rows = {r["key"]: r for r in result.sensitivity}
    assert rows["input_price_usd_per_mtok"]["tied"] == ("output_price_usd_per_mtok",)
    assert "output_price_usd_per_mtok" not in rows
    from calculators.cost.uncertainty import draw

    values = dict(result.inputs)
    columns = draw(values, result.blank)
    pairs = sorted(zip(columns["input_price_usd_per_mtok"], columns["output_price_usd_per_mtok"]))
    assert [o for _, o in pairs] == sorted(o for _, o in pairs)
    assert ("input_price_usd_per_mtok", "output_price_usd_per_mtok") in TIED_INPUTS


def test_tornado_ranks_by_swing_and_reports_the_gap_at_each_end() -> None:
    """Assert that the rows are ranked by how far each input moves fine-tuning minus RAG,
    and that the swing is the distance between the two ends."""
    result = estimate_cost({"rag_setup_usd": "0..100000", "rag_monthly_usd": "100..110"})
    first = result.sensitivity[0]
    assert first["key"] == "rag_setup_usd"
    assert first["gap_at_low_usd"] - first["gap_at_high_usd"] == pytest.approx(100_000, abs=0.02)
    assert first["swing_usd"] == pytest.approx(100_000, abs=0.02)


# Bad input, named


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("rag_setup_usd", "-1", "below the minimum"),
        ("rag_setup_usd", "nan", "not a number"),
        ("rag_setup_usd", "inf", "not a number"),
        ("rag_setup_usd", "lots", "not a number"),
        ("rag_monthly_usd", "3000..500", "low end"),
        ("horizon_months", "0", "below the minimum"),
        ("horizon_months", "121", "above the limit"),
        ("horizon_months", "12..24", "single number"),
        ("queries_per_month", "10.5", "not a whole number"),
        ("queries_per_month", "1,0,0", "not a number"),
        ("queries_per_month", "10,00", "not a number"),
        ("queries_per_month", "1e16", "above the limit"),
        ("corpus_tokens", "1e308", "above the limit"),
        ("output_tokens", "1e200", "above the limit"),
        ("output_price_usd_per_mtok", "1e200", "above the limit"),
        ("rag_context_tokens", "10000000", "above the limit"),
        ("request_tokens", "1e400", "above the limit"),
        ("ft_serving", "gpu", "'gpu' is not allowed"),
        ("ft_prompt_reduction", "1.5", "above the limit"),
        ("corpus_churn_per_month", "-0.1", "below the minimum"),
        ("ft_retrain_every_months", "0", "below the minimum"),
        ("ft_data_refresh_share", "2", "above the limit"),
        ("serving_gpus", "0", "below the minimum"),
        ("mystery_usd", "1", "unknown input"),
        ("rag_serving", "gpu", "'gpu' is not allowed; allowed: api, self-hosted"),
        ("embedding_serving", "local", "'local' is not allowed; allowed: api, self-hosted"),
        ("vector_store", "pinecone", "'pinecone' is not allowed; allowed: managed, self-run"),
        ("gpu_ownership", "leased", "'leased' is not allowed; allowed: rented, owned"),
        ("prompt_cached_share", "1.2", "above the limit"),
        ("batch_share", "-0.5", "below the minimum"),
        ("cached_input_price_factor", "2", "above the limit of 1"),
        ("batch_price_factor", "1.5", "above the limit of 1"),
        ("engineer_usd_per_month", "2e6", "above the limit"),
        ("rag_build_engineer_months", "5000", "above the limit"),
        ("ft_ops_engineer_share", "-1", "below the minimum"),
        ("gpu_life_months", "0", "below the minimum"),
        ("gpu_tokens_per_second", "0", "below the minimum"),
        ("traffic_peak_ratio", "0.5", "below the minimum"),
        ("ft_hosting_usd_per_hour", "5000", "above the limit"),
        ("hybrid_retrain_every_months", "2.5", "not a whole number"),
        ("ft_input_price_usd_per_mtok", "1e5", "above the limit"),
    ],
)
def test_bad_input_names_the_key_and_what_is_allowed(key: str, value: str, words: str) -> None:
    """Assert that each kind of bad input raises InputError naming the key, saying what is
    wrong and what is allowed."""
    with pytest.raises(InputError) as info:
        estimate_cost({key: value})
    assert info.value.field == key and str(info.value).startswith(f"{key}: ")
    assert words in str(info.value)


def test_a_prompt_longer_than_any_context_window_is_refused() -> None:
    """Assert that a request and a retrieved context that each fit, but not together, are named."""
    with pytest.raises(InputError) as info:
        estimate_cost({"request_tokens": "1500000", "rag_context_tokens": "1000000"})
    assert info.value.field == "rag_context_tokens" and "2,500,000 tokens" in str(info.value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,000", 1000), ("12,345,678.5", 12_345_678.5), ("1e6", 1e6), ("2.5E-3", 0.0025),
     (".5", 0.5), (" 7 ", 7), ("+3", 3), ("0", 0), ("5.", 5)],
)
def test_numbers_are_read_strictly_but_in_their_usual_forms(text: str, value: float) -> None:
    """Assert the forms of a number the estimator reads, thousands commas in their places."""
    assert parse_number("rag_setup_usd", text) == value


@pytest.mark.parametrize(
    ("key", "successor"),
    [("ft_lifecycle_multiplier", "ft_data_prep_usd"), ("ft_upkeep_usd_per_month", "ft_ops_engineer_share")],
)
def test_replaced_input_says_what_replaced_it(key: str, successor: str) -> None:
    """Assert an input that no longer exists is refused with the inputs that replaced it."""
    with pytest.raises(InputError) as info:
        estimate_cost({key: "4"})
    assert info.value.field == key
    assert "replaced" in str(info.value) and successor in str(info.value)
    assert set(REPLACED_INPUTS) == {"ft_lifecycle_multiplier", "ft_upkeep_usd_per_month"}


def test_a_data_prep_value_replaces_its_parts() -> None:
    """Assert that a number in ft_data_prep_usd is used as it is, and blank builds it from
    the parts."""
    parts = {"ft_examples": "1000", "ft_eval_examples": "0", "ft_minutes_per_example": "6",
             "ft_labour_usd_per_hour": "100", "ft_training_usd": "0", "engineer_usd_per_month": "0",
             "queries_per_month": "0", "ft_retrain_every_months": "120"}
    assert estimate_cost({**parts, "ft_data_prep_usd": ""}).percentiles("fine-tuning", 36)[1] == 10_000
    assert estimate_cost({**parts, "ft_data_prep_usd": "2500"}).percentiles("fine-tuning", 36)[1] == 2_500


def test_decision_answers_map_to_inputs_with_sources() -> None:
    """Assert each mapping names a real input and a source, and is applied when its answer is given."""
    for adjustment in DECISION_ADJUSTMENTS:
        assert adjustment.key in SPEC and adjustment.why and adjustment.source
        estimate_cost({adjustment.key: adjustment.value})
    assert inputs_from_decision({"changes_often": "yes"})["ft_retrain_every_months"] == "1..3"
    assert inputs_from_decision({"changes_often": "no"})["ft_retrain_every_months"] == "6..12"
    assert inputs_from_decision({}) == {}


# Properties over many inputs


def _value(spec):
    """A valid value for an input: a number or a range within its limits."""
    top = min(spec.maximum, 1e6 if "tokens" in spec.unit else 1e7)
    if spec.integer:
        numbers = st.integers(int(spec.minimum), int(top))
    else:
        numbers = st.floats(spec.minimum, top, allow_nan=False)
    return st.tuples(numbers, numbers).map(sorted).map(lambda p: f"{p[0]}..{p[1]}")


valid_inputs = st.fixed_dictionaries(
    {},
    optional={
        **{spec.key: _value(spec) for spec in NUMERIC},
        **{spec.key: st.sampled_from(spec.choices) for spec in COST_INPUTS if spec.choices},
    },
)
horizons = st.integers(1, 120)


@settings(deadline=None)
@given(valid_inputs, st.integers(1, 24))
def test_the_hybrid_pays_at_least_what_fine_tuning_does_at_the_same_pace(inputs, every) -> None:
    """Assert that a hybrid retrained as often as fine-tuning alone never costs less: it pays all
    that fine-tuning does (its context makes its tokens dearer) and RAG's lines besides."""
    result = estimate_cost({**inputs, "hybrid_retrain_every_months": str(every),
                            "ft_retrain_every_months": str(every)})
    for month in (12, 36):
        for hybrid, ft in zip(result.percentiles("hybrid", month), result.percentiles("fine-tuning", month)):
            assert hybrid >= ft - 0.02


@settings(deadline=None)
@given(valid_inputs, horizons)
def test_percentiles_are_ordered_inside_the_extremes_and_never_fall(inputs, horizon) -> None:
    """Assert p10 <= p50 <= p90 inside the extremes, nothing falls over time, and the
    lines' extremes add up to the totals' extremes."""
    result = estimate_cost({**inputs, "horizon_months": str(horizon)})
    for series in result.approaches.values():
        assert len(series.p50) == horizon + 1
        for lo, a, b, c, hi in zip(series.low, series.p10, series.p50, series.p90, series.high):
            tolerance = 1e-6 * max(1.0, hi) + 0.011
            assert lo - tolerance <= a <= b + tolerance and b <= c + tolerance and c <= hi + tolerance
        for bound in (series.low, series.high, series.p10, series.p50, series.p90):
            assert all(x <= y + 1e-6 * max(1.0, y) + 0.011 for x, y in zip(bound, bound[1:]))
        for end, total in (("low", series.low[-1]), ("high", series.high[-1])):
            assert math.fsum(line[end] for line in series.lines) == pytest.approx(total, rel=1e-9, abs=0.05)


@settings(deadline=None)
@given(valid_inputs)
def test_the_same_inputs_give_the_same_estimate_and_strict_json(inputs) -> None:
    """Assert that an estimate is the same twice, even with the sampler's kept columns
    emptied in between (the seed alone fixes the draws), and that its JSON holds no NaN or
    Infinity."""
    from calculators.cost import uncertainty

    first = estimate_cost(inputs).to_dict()
    uncertainty._UNIT_COLUMNS.clear()
    uncertainty._COLUMNS.clear()
    second = estimate_cost(dict(inputs)).to_dict()
    assert first == second
    assert strict_json(json.dumps(first)) == first


@settings(deadline=None)
@given(valid_inputs, horizons)
def test_headline_agrees_with_the_chances_and_the_tornado(inputs, horizon) -> None:
    """Assert that the approach named is the one cheapest in most draws among those compared, a
    clear answer has at least two in three, and a tornado row that flips nothing leaves a clear
    answer's approach cheaper at both ends."""
    result = estimate_cost({**inputs, "horizon_months": str(horizon)})
    for point in result.cheaper_at:
        chances = point["chances"]
        compared = point["compared"]
        assert math.fsum(chances[a] for a in (*compared, "same")) == pytest.approx(1)
        assert all(chances[a] == 0 for a in COST_APPROACHES if a not in compared)
        best = max(chances[a] for a in compared)
        leaders = [a for a in compared if chances[a] == best]
        if len(leaders) == 1:
            assert point["approach"] == leaders[0] and point["chance"] == best
        else:
            assert point["approach"] is None
        if not point["close_call"]:
            assert point["chance"] * 3 >= 2
        if point["chance"] * 3 < 2:
            assert point["close_call"]
    last = result.cheaper_at[-1]
    if not last["close_call"] and last["approach"] is not None:
        for row in result.sensitivity:
            if not row["flips"]:
                assert row["cheaper_at_low"] == row["cheaper_at_high"] == last["approach"]


@settings(deadline=None)
@given(valid_inputs, horizons)
def test_break_even_and_crossings_agree_with_the_median_lines(inputs, horizon) -> None:
    """Assert the break-even month (fine-tuning against RAG) and every crossing of the two
    approaches the headline turns on, against the medians month by month."""
    result = estimate_cost({**inputs, "horizon_months": str(horizon)})
    rag, ft = result.approaches["rag"].p50, result.approaches["fine-tuning"].p50

    def cheaper(first, second, pair, m: int) -> str | None:
        return pair[1] if second[m] < first[m] - 0.005 else pair[0] if second[m] > first[m] + 0.005 else None

    month = result.break_even_month
    pair = ("rag", "fine-tuning")
    if month is None:
        assert cheaper(rag, ft, pair, horizon) == "rag"
    else:
        assert all(cheaper(rag, ft, pair, m) != "rag" for m in range(month, horizon + 1))
        assert month == 0 or cheaper(rag, ft, pair, month - 1) == "rag"
    expected, before = [], None
    if len(result.pair) == 2:
        first, second = (result.approaches[a].p50 for a in result.pair)
        for m in range(horizon + 1):
            now = cheaper(first, second, result.pair, m)
            if now is not None and before is not None and now != before:
                expected.append({"month": m, "cheaper": now})
            before = now if now is not None else before
    assert list(result.crossings) == expected


@settings(deadline=None)
@given(st.integers(1, 120), st.integers(1, 120), st.floats(1, 1e6))
def test_no_run_is_billed_in_the_horizon_month(horizon, every, run) -> None:
    """Assert that training runs come at month 0 and every k months after, never in the
    horizon month: ceil(horizon / k) runs in all."""
    result = estimate_cost({
        "horizon_months": str(horizon), "ft_retrain_every_months": str(every), "ft_training_usd": str(run),
        "ft_data_prep_usd": "0", "engineer_usd_per_month": "0", "queries_per_month": "0",
    })
    runs = -(-horizon // every)
    assert result.total("fine-tuning", horizon) == pytest.approx((runs * run, runs * run), rel=1e-9, abs=0.01)


@settings(deadline=None)
@given(valid_inputs, st.sampled_from(KEYS), st.floats(1.0, 10.0))
def test_no_line_moves_the_wrong_way_when_an_input_grows(inputs, key, factor) -> None:
    """Assert raising a cost input never lowers a line's extremes, and raising a saving never
    raises one."""
    spec = SPEC[key]
    if spec.blank:
        return
    base = estimate_cost(inputs)
    low, high = base.inputs[key]

    def grow(x: float) -> float:
        value = min(x * factor, spec.maximum)
        return min(math.ceil(value), spec.maximum) if spec.integer else value

    try:
        grown = estimate_cost({**inputs, key: f"{grow(low)}..{grow(high)}"})
    except InputError as error:  # a longer prompt may pass the largest context window
        assert error.field == "rag_context_tokens"
        return
    sign = 1 if spec.cost_rises else -1
    for name in COST_APPROACHES:
        for a, b in zip(base.approaches[name].lines, grown.approaches[name].lines):
            for end in ("low", "high"):
                assert sign * (b[end] - a[end]) >= -1e-6 * max(1.0, abs(a[end]))


@settings(deadline=None)
@given(valid_inputs, st.sampled_from([
    ("prompt-engineering", {"rag_serving": "self-hosted"}),
    ("rag", {"rag_serving": "self-hosted"}),
    ("rag", {"embedding_serving": "self-hosted", "rag_serving": "api"}),
    ("fine-tuning", {"ft_serving": "self-hosted"}),
    ("hybrid", {"ft_serving": "self-hosted"}),
    ("hybrid", {"ft_serving": "self-hosted", "embedding_serving": "self-hosted"}),
    ("hybrid", {"embedding_serving": "self-hosted", "ft_serving": "api"}),
]))
def test_self_hosted_models_pay_their_gpus_once_with_no_traffic(inputs, case) -> None:
    """Assert that an approach with any model on your own GPUs pays them every hour of every
    month with no query at all, once however many of its models run there: G x price x 730 x H."""
    approach, serving = case
    result = estimate_cost({**inputs, **serving, "gpu_ownership": "rented", "queries_per_month": "0"})
    gpus = {line["id"]: line for line in result.approaches[approach].lines}["gpus"]
    lo_gpu, hi_gpu = result.inputs["gpu_usd_per_hour"]
    lo_n, hi_n = result.inputs["serving_gpus"]
    h = result.horizon_months
    assert gpus["low"] == pytest.approx(h * 730 * lo_gpu * lo_n, rel=1e-9, abs=0.01)
    assert gpus["high"] == pytest.approx(h * 730 * hi_gpu * hi_n, rel=1e-9, abs=0.01)


@settings(deadline=None)
@given(valid_inputs)
def test_models_on_an_api_pay_no_gpus(inputs) -> None:
    """Assert that with every model through an API no approach has a GPU line above zero."""
    serving = {"rag_serving": "api", "embedding_serving": "api", "ft_serving": "api"}
    result = estimate_cost({**inputs, **serving})
    for series in result.approaches.values():
        assert {line["id"]: line for line in series.lines}["gpus"]["high"] == 0


TOKEN_LINES = {"tokens", "serving"}


@settings(deadline=None)
@given(valid_inputs, st.floats(0, 1), st.floats(0, 1))
def test_cached_and_batched_shares_lower_only_the_token_lines(inputs, cached, batched) -> None:
    """Assert that caching part of the prompt and batching part of the requests lower the token
    lines (or leave them) and change no other line of any approach."""
    plain = {**inputs, "prompt_cached_share": "0", "batch_share": "0"}
    before = estimate_cost(plain)
    after = estimate_cost({**plain, "prompt_cached_share": str(cached), "batch_share": str(batched)})
    for name in COST_APPROACHES:
        for a, b in zip(before.approaches[name].lines, after.approaches[name].lines):
            for end in ("low", "high", "mean"):
                if a["id"] in TOKEN_LINES:
                    assert b[end] <= a[end] + 1e-6 * max(1.0, a[end])
                else:
                    assert b[end] == a[end], (name, a["id"], end)


@settings(deadline=None)
@given(valid_inputs)
@example({"rag_monthly_usd": "0.0..0.0", "ft_price_factor": "0.0..16.63",
          "ft_prompt_reduction": "0.0..0.9999999999999999", "rag_setup_usd": "0.0..0.0",
          "output_tokens": "0..0", "request_tokens": "0..2015"})
def test_flip_thresholds_sit_inside_the_range_and_name_the_side(inputs) -> None:
    """Assert each flip threshold lies within the input's range and matches the cheaper-above side."""
    result = estimate_cost(inputs)
    for row in result.sensitivity:
        low, high = result.inputs[row["key"]]
        if row["flips"]:
            assert low <= row["threshold"] <= high
            assert row["cheaper_above"] == row["cheaper_at_high"]
        else:
            assert row["threshold"] is None and row["cheaper_above"] is None


@given(
    st.sampled_from(KEYS),
    st.one_of(
        st.floats(max_value=-1e-9),
        st.just(float("nan")),
        st.just(float("inf")),
        st.text(alphabet="abcxyz", min_size=1),
    ),
)
def test_every_invalid_value_is_rejected(key, bad) -> None:
    """Assert that negative, NaN, infinite and non-numeric values are refused, naming the key."""
    with pytest.raises(InputError) as info:
        estimate_cost({key: str(bad)})
    assert info.value.field == key


# The bridge to the page


def test_web_bridge_cost_call() -> None:
    """Assert the browser bridge returns the estimate as strict JSON, or the field at fault
    with the value it was given."""
    case = next(c for c in COST_CASES if c[0] == "rag-first-year-from-akoode")
    reply = strict_json(handle(json.dumps({"call": "cost", "args": case[1]})))
    assert reply["ok"] and reply["result"]["approaches"]["rag"]["cumulative_usd"]["p50"][12] == 11000
    assert "<svg" in reply["html"]
    bad = strict_json(handle(json.dumps({"call": "cost", "args": {"ft_serving": "gpu"}})))
    assert not bad["ok"] and bad["error"]["field"] == "ft_serving" and "'gpu'" in bad["error"]["message"]
    huge = strict_json(handle(json.dumps({"call": "cost", "args": {"corpus_tokens": "1e308"}})))
    assert huge["error"]["field"] == "corpus_tokens" and "above the limit" in huge["error"]["message"]


def test_web_bridge_says_which_decision_mappings_applied() -> None:
    """Assert the bridge returns the mapped inputs and the mappings that produced them."""
    reply = json.loads(handle(json.dumps({"call": "cost-inputs-from-decision", "args": {"changes_often": "yes"}})))
    assert reply["ok"] and reply["result"]["ft_retrain_every_months"] == "1..3"
    applied = {(a["question"], a["key"]) for a in reply["applied"]}
    assert ("changes_often", "ft_retrain_every_months") in applied
    assert all(a["source"] for a in reply["applied"])


# The JSON the page, the record and the command line read


def test_json_names_every_field_the_readers_use() -> None:
    """Assert the exact JSON of an input's range, a choice, the draws, an input's listing,
    a preset and a Decide mapping: the page's script and other programs read these names."""
    data = estimate_cost({"rag_setup_usd": "1000..2000", "ft_serving": "self-hosted"}).to_dict()
    assert data["inputs"]["rag_setup_usd"] == {"low": 1000, "high": 2000}
    assert data["inputs"]["ft_serving"] == "self-hosted"
    assert data["draws"]["count"] == 500 and data["draws"]["method"] == "latin-hypercube"
    assert data["draws"]["tied"] == [list(g) for g in TIED_INPUTS]
    assert "rag_setup_usd" not in data["draws"]["log_scale"]
    assert "queries_per_month" in data["draws"]["log_scale"]
    row = next(r for r in data["sensitivity"] if r["key"] == "rag_setup_usd")
    assert set(row) == {"key", "tied", "cheaper_at_low", "cheaper_at_high", "flips", "threshold",
                        "cheaper_above", "swing_usd", "gap_at_low_usd", "gap_at_high_usd"}
    assert row["tied"] == [] and row["gap_at_low_usd"] - row["gap_at_high_usd"] == pytest.approx(1000, abs=0.02)
    assert SPEC["ft_training_usd"].to_dict() == {
        "key": "ft_training_usd", "label": "Training run", "unit": "USD",
        "default": {"low": 200, "high": 2000}, "minimum": 0, "maximum": 1e9, "group": "fine-tuning",
        "source": "akoode", "other_sources": [], "note": SPEC["ft_training_usd"].note, "integer": False,
        "cost_rises": True, "choices": [], "blank": "", "limit_note": SPEC["ft_training_usd"].limit_note,
    }
    assert SPEC["ft_serving"].to_dict()["default"] == "api"
    assert SPEC["ft_serving"].to_dict()["choices"] == ["api", "self-hosted"]
    assert PRESETS[DEFAULT_PRESET].to_dict() == {
        "name": DEFAULT_PRESET, "label": PRESETS[DEFAULT_PRESET].label, "team": PRESETS[DEFAULT_PRESET].team,
        "inputs": PRESETS[DEFAULT_PRESET].inputs, "sources": PRESETS[DEFAULT_PRESET].sources, "answers": {},
    }
    first = DECISION_ADJUSTMENTS[0]
    assert first.to_dict() == {
        "question": "changes_often", "answer": "yes", "key": "ft_retrain_every_months",
        "value": "1..3", "why": first.why, "source": "akoode",
    }


def test_a_long_bad_value_is_quoted_short() -> None:
    """Assert that a long bad value is named by its first 37 characters and an ellipsis."""
    with pytest.raises(InputError) as info:
        estimate_cost({"rag_setup_usd": "x" * 60})
    assert f"'{'x' * 37}...' is not a number" in str(info.value)
    with pytest.raises(InputError) as info:
        estimate_cost({"rag_setup_usd": "y" * 40})
    assert f"'{'y' * 40}' is not a number" in str(info.value)


def test_a_series_gives_its_midpoint_and_median() -> None:
    """Assert the middle of the extremes and the median of the draws, month by month."""
    series = estimate_cost({"rag_monthly_usd": "500..3000", "corpus_tokens": "0", "queries_per_month": "0",
                            "engineer_usd_per_month": "0"}).approaches["rag"]
    assert series.midpoint(12) == (11_000 + 66_000) / 2
    assert series.median(12) == series.p50[12] and series.p10[12] < series.median(12) < series.p90[12]


def test_each_latin_hypercube_column_has_one_draw_in_each_slice() -> None:
    """Assert that a key's column of draws puts exactly one value in each 1/500 slice of
    [0, 1), that it is the same every time, and that another key's column is shuffled apart."""
    from calculators.cost.uncertainty import unit_column

    column = unit_column("a key the model does not use")
    assert len(column) == DRAWS and all(0 <= u < 1 for u in column)
    assert sorted(int(u * DRAWS) for u in column) == list(range(DRAWS))
    assert unit_column("a key the model does not use") == column
    other = unit_column("another unused key")
    assert sorted(int(u * DRAWS) for u in other) == list(range(DRAWS))
    assert [int(u * DRAWS) for u in other] != [int(u * DRAWS) for u in column]
    assert column != sorted(column)


def test_quantiles_interpolate_between_neighbours() -> None:
    """Assert the quantile of sorted values: between neighbours, and at the ends."""
    from calculators.cost.uncertainty import quantile

    assert quantile([1.0, 2.0], 0.5) == 1.5
    assert quantile([10.0, 20.0, 30.0, 40.0, 50.0], 0.9) == pytest.approx(46.0)
    assert quantile([5.0], 0.5) == 5.0
    assert quantile([1.0, 2.0, 3.0], 1.0) == 3.0
    assert quantile([1.0, 2.0, 3.0], 0.0) == 1.0


def test_embedding_is_priced_per_million_tokens() -> None:
    """Assert a trillion tokens at 0.10 USD per million: 100,000 USD, to the dollar."""
    result = estimate_cost({"corpus_tokens": "1000000000000", "embedding_price_usd_per_mtok": "0.1",
                            "corpus_churn_per_month": "0", "rag_setup_usd": "0", "rag_monthly_usd": "0",
                            "queries_per_month": "0", "engineer_usd_per_month": "0"})
    assert result.total("rag", 36) == (100_000, 100_000)


def test_whole_numbers_on_a_log_scale_are_drawn_as_documented() -> None:
    """Assert how 1..3 months between runs is drawn: evenly in the logarithm of 1 to 4, the
    floor taken, so 1 in half the draws, 2 in log(3/2)/log(4) of them, 3 in the rest."""
    from calculators.cost.uncertainty import draw

    result = estimate_cost()
    columns = draw(result.inputs, result.blank)
    counts = [columns["ft_retrain_every_months"].count(k) for k in (1.0, 2.0, 3.0)]
    expected = [DRAWS * math.log(2) / math.log(4), DRAWS * math.log(1.5) / math.log(4), DRAWS * math.log(4 / 3) / math.log(4)]
    assert counts == pytest.approx(expected, abs=1)


def test_inputs_that_are_not_tied_are_drawn_apart() -> None:
    """Assert that two inputs with no tie between them are not drawn in step: the build's
    draws do not rise with the platform's."""
    from calculators.cost.uncertainty import draw

    result = estimate_cost()
    columns = draw(result.inputs, result.blank)
    pairs = sorted(zip(columns["rag_setup_usd"], columns["rag_monthly_usd"]))
    later = [monthly for _, monthly in pairs]
    assert later != sorted(later)
    rising = sum(b > a for a, b in zip(later, later[1:]))
    assert 150 < rising < 350  # about half the neighbours rise, as for independent draws
