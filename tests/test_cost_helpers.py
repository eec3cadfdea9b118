"""The cost model's helpers: inputs declared, read and refused; flip points; percentiles.

Unit tests of calculators.cost; these also run inside Pyodide. The helpers
that build :data:`calculators.COST_INPUTS` and the presets run when the
package is imported, so they are called here directly with arguments of the
tests' own. Every expected value is worked out in the comment or docstring
next to it.
"""

from __future__ import annotations

import pytest

from calculators import COST_INPUTS, estimate_cost
from calculators.cost.capacity import capacity_warnings
from calculators.cost.defaults import _blank_default, _choice, _in
from calculators.cost.inputs import parse_number, parse_range
from calculators.cost.percentiles import percentile_series
from calculators.cost.presets import _span
from calculators.errors import InputError
from cost_cases import NO_FT, NO_RAG

SPEC = {i.key: i for i in COST_INPUTS}

#: Every line at zero but those a case sets (see tests/cost_cases.py).
BARE = {**NO_RAG, **NO_FT}

#: Half a cent: costs closer than this are the same (calculators.cost.comparison.SAME_USD).
HALF_CENT = 0.005

#: RAG's token bill in whole USD: a 1,000-token prompt at a price per million, no retrieved
#: context and no answer tokens, no cache and no batch; the tuned model's tokens cost nothing.
TOKENS = {"request_tokens": "1000", "rag_context_tokens": "0", "output_tokens": "0",
          "ft_input_price_usd_per_mtok": "0", "ft_output_price_usd_per_mtok": "0",
          "prompt_cached_share": "0", "batch_share": "0"}


@pytest.fixture(autouse=True)
def fresh_draws():
    """Start each test with the sampler's kept columns and the last percentiles emptied."""
    from calculators.cost import percentiles, uncertainty

    uncertainty._UNIT_COLUMNS.clear()
    uncertainty._COLUMNS.clear()
    percentiles._LAST.clear()


# How an input is declared


def test_a_numeric_input_is_declared_with_its_limit_and_the_reason_for_it() -> None:
    """Assert each field of a numeric input as its declaration gives it: the limit and its
    reason from one pair, the keyword flags passed through."""
    spec = _in("k_usd", "A label", "USD/month", (10, 20), 1, (500, "a reason"), "rag", "akoode",
               "A note.", integer=True, cost_rises=False)
    assert (spec.key, spec.label, spec.unit, spec.default, spec.minimum, spec.maximum) == (
        "k_usd", "A label", "USD/month", (10, 20), 1, 500)
    assert (spec.group, spec.source, spec.note, spec.limit_note) == ("rag", "akoode", "A note.", "a reason")
    assert spec.integer is True and spec.cost_rises is False and spec.choices == ()


def test_a_choice_input_is_declared_with_its_words() -> None:
    """Assert each field of a choice input: its unit lists the words joined by "or", the
    first word is the default, and it has no numeric range."""
    spec = _choice("k_serving", "A label", ("api", "self-hosted"), "usage", "price-runpod", "A note.")
    assert (spec.key, spec.label, spec.unit, spec.default, spec.minimum, spec.maximum) == (
        "k_serving", "A label", "api or self-hosted", (0, 0), 0, 0)
    assert (spec.group, spec.source, spec.note, spec.choices) == (
        "usage", "price-runpod", "A note.", ("api", "self-hosted"))
    assert spec.to_dict()["default"] == "api"


def test_a_blank_inputs_reference_range_is_built_from_its_parts_defaults() -> None:
    """Assert the range shown for each blank input, worked from its parts' defaults: data
    preparation (1,000 + 100) x 2 / 60 x 30 = 1,100 to (1,000 + 300) x 15 / 60 x 100 = 32,500
    USD; a tuned model's prices 0.2 to 0.9 USD per million tokens (factor 1)."""
    assert _blank_default("ft_data_prep_usd") == pytest.approx((1_100, 32_500))
    assert _blank_default("ft_input_price_usd_per_mtok") == pytest.approx((0.2, 0.9))
    assert _blank_default("ft_output_price_usd_per_mtok") == pytest.approx((0.2, 0.9))
    assert SPEC["ft_data_prep_usd"].default == pytest.approx((1_100, 32_500))


def test_a_preset_writes_a_range_as_whole_numbers_low_to_high() -> None:
    """Assert a preset's range text: whole numbers, low end first."""
    assert _span((5_000.0, 50_000.0)) == "5000..50000"
    assert _span((0.4, 2.6)) == "0..3"


# How a value is read, and the message when it is refused

#: What a USD input allows (rag_setup_usd: 0 to a billion).
USD_ALLOWED = "allowed: numbers from 0 to 1,000,000,000 (USD), or a range low..high"
#: What a count of queries allows (whole numbers up to a hundred billion).
QUERIES_ALLOWED = "allowed: whole numbers from 0 to 100,000,000,000 (per month), or a range low..high"


@pytest.mark.parametrize(("raw", "value"), [(1500, 1500.0), (2.5, 2.5), (" 1,500 ", 1500.0), ("1e3", 1000.0)])
def test_a_number_is_read_from_a_number_or_its_text(raw, value) -> None:
    """Assert numbers given as numbers and as text, with thousands commas and an exponent."""
    assert parse_number("rag_setup_usd", raw) == value


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("rag_setup_usd", None, f"rag_setup_usd: expected a number; {USD_ALLOWED}"),
        ("rag_setup_usd", True, f"rag_setup_usd: expected a number; {USD_ALLOWED}"),
        ("rag_setup_usd", [1], f"rag_setup_usd: expected a number; {USD_ALLOWED}"),
        ("rag_setup_usd", "2e9",
         "rag_setup_usd: '2e9' is above the limit of 1,000,000,000 USD: no build, run or data effort "
         f"of one system costs a billion USD; {USD_ALLOWED}"),
        ("rag_setup_usd", "-5", f"rag_setup_usd: -5 is below the minimum; {USD_ALLOWED}"),
        ("rag_setup_usd", "-0.25", f"rag_setup_usd: -0.25 is below the minimum; {USD_ALLOWED}"),
        # From a million billion up a number is written short.
        ("rag_setup_usd", "-1e15", f"rag_setup_usd: -1e+15 is below the minimum; {USD_ALLOWED}"),
        ("rag_setup_usd", "-999999999999999",
         f"rag_setup_usd: -999,999,999,999,999 is below the minimum; {USD_ALLOWED}"),
        ("queries_per_month", "2.5", f"queries_per_month: 2.5 is not a whole number; {QUERIES_ALLOWED}"),
        ("horizon_months", 200,
         "horizon_months: '200' is above the limit of 120 months: the estimator looks ten years ahead "
         "at most; allowed: whole numbers from 1 to 120 (months)"),
        ("corpus_churn_per_month", "-0.5",
         "corpus_churn_per_month: -0.5 is below the minimum; allowed: numbers from 0 to 1 (share per "
         "month), or a range low..high"),
    ],
)
def test_a_refused_number_is_named_with_what_is_allowed(key, raw, message) -> None:
    """Assert the whole message for each kind of refused number: the field, the value as given,
    what is wrong, and the allowed numbers in the input's unit (whole numbers where only they
    are allowed; no range for the horizon)."""
    with pytest.raises(InputError) as error:
        parse_number(key, raw)
    assert error.value.field == key and str(error.value) == message


def test_an_unknown_key_is_named_with_every_key_allowed() -> None:
    """Assert the message for a key the model does not have: every input key, in the order of
    the inputs' table, after a comma each."""
    with pytest.raises(InputError) as error:
        parse_number("mystery_usd", "1")
    assert str(error.value) == "mystery_usd: unknown input; allowed keys: " + ", ".join(i.key for i in COST_INPUTS)


@pytest.mark.parametrize(
    ("value", "pair"),
    [((100, 200), (100.0, 200.0)), ([100, 200], (100.0, 200.0)), ("100..200", (100.0, 200.0)),
     ("300", (300.0, 300.0)), (300, (300.0, 300.0))],
)
def test_a_range_is_read_from_a_pair_or_low_dot_dot_high(value, pair) -> None:
    """Assert a range given as a pair, a list or text, and one number as a range of one."""
    assert parse_range("rag_monthly_usd", value) == pair


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("ft_serving", "api", "ft_serving: expected one of: api, self-hosted"),
        ("rag_monthly_usd", "3000..500", "rag_monthly_usd: the low end 3,000 is above the high end 500"),
        ("rag_monthly_usd", "1..2..3",
         "rag_monthly_usd: '2..3' is not a number (digits, one decimal point, an exponent such as 1e6, "
         "and commas only between groups of three digits); allowed: numbers from 0 to 100,000,000 "
         "(USD/month), or a range low..high"),
    ],
)
def test_a_refused_range_is_named_with_what_is_wrong(key, value, message) -> None:
    """Assert the whole message for a choice input read as a number, a range low end above its
    high end, and a second ".." (the high end is then the text after the first)."""
    with pytest.raises(InputError) as error:
        parse_range(key, value)
    assert error.value.field == key and str(error.value) == message


# Where the answer flips


def _row(inputs, key):
    result = estimate_cost(inputs)
    row = next(r for r in result.sensitivity if r["key"] == key)
    assert result.pair == ("rag", "fine-tuning")
    assert (row["flips"], row["cheaper_at_low"], row["cheaper_above"]) == (True, "rag", "fine-tuning")
    return row


def test_a_straight_line_flip_is_found_exactly() -> None:
    """Assert the flip of a single input that moves the gap in a straight line: RAG's platform
    from 40 to 2,040 USD a month against one run of 2,880 USD over 36 months: fine-tuning minus
    RAG is 2,880 - 36 x m, zero at m = 80."""
    inputs = {**BARE, "rag_monthly_usd": "40..2040", "ft_training_usd": "2880",
              "ft_retrain_every_months": "36", "hybrid_retrain_every_months": "36"}
    assert _row(inputs, "rag_monthly_usd")["threshold"] == pytest.approx(80, abs=1e-6)


def test_a_flip_inside_the_half_cent_band_is_found_to_a_part_in_a_million() -> None:
    """Assert the flip where a step of a part in a million of the range moves the gap by less
    than half a cent: the same bill with the platform from 40 to 240 USD a month. Fine-tuning is
    cheaper once 36 x m - 2,880 passes half a cent, at m = 80 + 0.005 / 36, and the search stops
    within 200 x 1e-6 above that (then rounds to six places)."""
    inputs = {**BARE, "rag_monthly_usd": "40..240", "ft_training_usd": "2880",
              "ft_retrain_every_months": "36", "hybrid_retrain_every_months": "36"}
    threshold = _row(inputs, "rag_monthly_usd")["threshold"]
    assert 80 + HALF_CENT / 36 - 5e-7 <= threshold <= 80 + HALF_CENT / 36 + 200e-6 + 5e-7
    assert round(threshold, 6) == threshold


@pytest.mark.parametrize("m", [107.5, 249.99])
def test_a_flip_near_either_end_of_the_range_is_found_to_a_part_in_a_million(m) -> None:
    """Assert the flip a twentieth of the way up and just below the top of the platform's 100
    to 250 USD a month (drawn evenly: under three times its low end), against one run of
    36 x m USD: at m + 0.005 / 36, within 150 x 1e-6 above it."""
    inputs = {**BARE, "rag_monthly_usd": "100..250", "ft_training_usd": str(36 * m),
              "ft_retrain_every_months": "36", "hybrid_retrain_every_months": "36"}
    threshold = _row(inputs, "rag_monthly_usd")["threshold"]
    assert m + HALF_CENT / 36 - 5e-7 <= threshold <= m + HALF_CENT / 36 + 150e-6 + 5e-7


def test_a_whole_number_flip_is_the_first_whole_number_past_it() -> None:
    """Assert the flip in queries a month, a whole number: each query costs RAG 0.001 USD a month
    (1,000 tokens at 1 USD per million), so over 36 months fine-tuning's one run of 3,600.018 USD
    is cheaper above 3,600.018 / 0.036 = 100,000.5 queries: from 100,001."""
    inputs = {**BARE, **TOKENS, "queries_per_month": "10000..1000000", "input_price_usd_per_mtok": "1",
              "output_price_usd_per_mtok": "1", "ft_training_usd": "3600.018",
              "ft_retrain_every_months": "36", "hybrid_retrain_every_months": "1"}
    assert _row(inputs, "queries_per_month")["threshold"] == 100_001


def test_a_stepped_whole_number_flip_is_found_by_the_search() -> None:
    """Assert the flip in months between runs, where the gap moves in steps: RAG pays 125 USD a
    month (4,500 over 36 months); fine-tuning 1,000 USD a run, 1 + 35 // k runs. Eight runs
    (k = 5), six (k = 6, 7), five (k = 8) cost more than RAG; four (k = 9) cost less: 9."""
    inputs = {**BARE, "rag_monthly_usd": "125", "ft_training_usd": "1000", "ft_retrain_every_months": "1..36",
              "hybrid_retrain_every_months": "1"}
    assert _row(inputs, "ft_retrain_every_months")["threshold"] == 9


@pytest.mark.parametrize(
    ("rag_usd", "every"),
    [
        # Over 120 months fine-tuning pays 1 + 119 // k runs of 1,000 USD; RAG 120 x its monthly
        # USD. At 40 a month (4,800) four runs are cheaper: 119 // k <= 3 from k = 30 (29 gives 4).
        (40, 30),
        # At 104 (12,480) twelve runs: 119 // k <= 11 from k = 10 (9 gives 13).
        (104, 10),
        # At 100 (12,000) eleven runs: 119 // k <= 10 from k = 11 (10 gives 11).
        (100, 11),
        # At 300 (36,000) thirty-five runs: 119 // k <= 34 from k = 4 (3 gives 39).
        (300, 4),
    ],
)
def test_a_stepped_flip_over_ten_years_is_the_first_pace_that_is_cheaper(rag_usd, every) -> None:
    """Assert the flip in months between runs (1 to 120) over a 120-month horizon, hand-worked."""
    inputs = {**BARE, "horizon_months": "120", "rag_monthly_usd": str(rag_usd), "ft_training_usd": "1000",
              "ft_retrain_every_months": "1..120", "hybrid_retrain_every_months": "1"}
    assert _row(inputs, "ft_retrain_every_months")["threshold"] == every


def test_tied_inputs_flip_where_they_move_together() -> None:
    """Assert the flip of a tied pair (the model's input and output prices, each 0 to 2 USD per
    million tokens, moving together): 100,000 queries of 1,000 prompt tokens cost RAG 3,600 x p
    over 36 months against one run of 1,800 USD, so fine-tuning is cheaper once 3,600 x p - 1,800
    passes half a cent, at p = 0.5 + 0.005 / 3,600; the search stops within 2 x 1e-6 above it."""
    inputs = {**BARE, **TOKENS, "queries_per_month": "100000", "input_price_usd_per_mtok": "0..2",
              "output_price_usd_per_mtok": "0..2", "ft_training_usd": "1800",
              "ft_retrain_every_months": "36", "hybrid_retrain_every_months": "1"}
    row = _row(inputs, "input_price_usd_per_mtok")
    assert row["tied"] == ("output_price_usd_per_mtok",)
    threshold = row["threshold"]
    assert 0.5 + HALF_CENT / 3_600 - 5e-7 <= threshold <= 0.5 + HALF_CENT / 3_600 + 2e-6 + 5e-7
    assert round(threshold, 6) == threshold


# Percentiles over the draws


def test_percentiles_follow_each_draws_runs_as_the_order_changes() -> None:
    """Assert the percentiles of two draws, month by month, worked by hand. Draw A: 0 at start,
    30 a month, a rerun of 50 every 2 months (months 2 and 4; none in the horizon month 6):
    0, 30, 110, 140, 220, 250, 280. Draw B: 100, 10 a month, a rerun every 3 months (month 3):
    100, 110, 120, 180, 190, 200, 210. Between two draws the 10th percentile is the lower plus a
    tenth of the gap, the median halfway, the 90th nine tenths; the draws swap order in month 4."""
    series, kept = percentile_series([0.0, 100.0], [30.0, 10.0], [50.0, 50.0], [2.0, 3.0], 6, (4, 6))
    assert series == (
        (10.0, 38.0, 111.0, 144.0, 193.0, 205.0, 217.0),
        (50.0, 70.0, 115.0, 160.0, 205.0, 225.0, 245.0),
        (90.0, 102.0, 119.0, 176.0, 217.0, 245.0, 273.0),
    )
    assert kept == {4: [220.0, 190.0], 6: [280.0, 210.0]}


def test_an_approach_that_never_retrains_bills_no_rerun() -> None:
    """Assert that with no months between runs (an approach that never retrains) a rerun cost
    is never added: 10 at start and 5 a month, 20 after two months."""
    series, _ = percentile_series([10.0, 10.0], [5.0, 5.0], [99.0, 99.0], None, 2, ())
    assert series == ((10.0, 15.0, 20.0),) * 3


def test_one_draw_is_its_own_every_percentile() -> None:
    """Assert that a single draw's total is its 10th, 50th and 90th percentile."""
    series, kept = percentile_series([7.0], [3.0], [0.0], None, 2, (2,))
    assert series == ((7.0, 10.0, 13.0),) * 3 and kept == {2: [13.0]}


# The lines of the bill, and the pair the tornado follows


def test_each_retraining_lines_average_counts_its_own_runs() -> None:
    """Assert the training line at the horizon for fine-tuning alone and for the hybrid, which
    share the line but not the pace: 1,000 USD a run, fine-tuning every 10 months over 36
    (months 0, 10, 20, 30: 4,000), the hybrid every 12 (months 0, 12, 24: 3,000)."""
    result = estimate_cost({**BARE, "ft_training_usd": "1000", "ft_retrain_every_months": "10",
                            "hybrid_retrain_every_months": "12"})
    for name, usd in (("fine-tuning", 4_000), ("hybrid", 3_000)):
        row = next(line for line in result.approaches[name].lines if line["id"] == "training")
        assert (row["low"], row["high"], row["mean"]) == (usd, usd, usd)


def test_the_pair_follows_the_draws_winner_not_the_medians_runner_up() -> None:
    """Assert the two approaches the tornado and the crossings follow: the one cheapest in most
    draws and the cheapest other at the medians. RAG pays 36 x (a + s x 1,000,000) over 36
    months, its platform a and its running share s of a 1,000,000 USD engineer each drawn on a
    log scale (medians 1,000 USD and 0.001); the hybrid pays that and one 2,100 USD run;
    fine-tuning alone 36 runs, 75,600. At the medians RAG (72,000) is cheapest, then the hybrid
    (74,100), then fine-tuning; in the draws fine-tuning is cheapest when a + s x 1,000,000 >
    2,100, in about 70% of them (see test_cost_wording's close call). So the pair is RAG and
    fine-tuning, not RAG and the hybrid."""
    inputs = {**BARE, "rag_monthly_usd": "1..1000000", "engineer_usd_per_month": "1000000",
              "rag_ops_engineer_share": "0.000001..1", "rag_build_engineer_months": "0",
              "ft_build_engineer_months": "0", "ft_ops_engineer_share": "0", "ft_training_usd": "2100",
              "ft_retrain_every_months": "1", "hybrid_retrain_every_months": "36"}
    result = estimate_cost(inputs)
    assert result.cheaper_at[-1]["approach"] == "fine-tuning"
    assert result.pair == ("rag", "fine-tuning")


def test_the_capacity_warning_names_the_draws_short_and_the_gpus_needed() -> None:
    """Assert the warning from eleven draws worked by hand. Draw i has k_i x 2,628,000 queries a
    month (k_i = 1..11, shuffled), each 1,000 prompt tokens, 1,000 retrieved, no answer; a tuned
    model drops half the prompt; one GPU handles 1,000 tokens a second and the busiest hour is
    the average: a prompt needs k_i GPUs, fine-tuning ceil(k_i / 2), the hybrid (500 + 1,000
    tokens) ceil(1.5 k_i): 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17. Each draw has k_i GPUs entered
    (median 6). Models on an API are not checked; fine-tuning fits in every draw; the hybrid is
    short in all 11, needing 9 GPUs at the median (the 6th of 11) and 15 at the 90th percentile
    (the 10th)."""
    k = [5.0, 1.0, 9.0, 3.0, 11.0, 7.0, 2.0, 10.0, 4.0, 8.0, 6.0]
    n = len(k)
    v = {"queries_per_month": [x * 2_628_000 for x in k], "request_tokens": [1_000.0] * n,
         "rag_context_tokens": [1_000.0] * n, "output_tokens": [0.0] * n, "ft_prompt_reduction": [0.5] * n,
         "traffic_peak_ratio": [1.0] * n, "gpu_tokens_per_second": [1_000.0] * n, "serving_gpus": list(k)}
    warnings = capacity_warnings(v, {"rag_serving": "api", "ft_serving": "self-hosted"})
    assert warnings == [{
        "id": "capacity-hybrid",
        "message": "The hybrid on your own GPUs: in 11 of 11 draws the busiest hour needs more than the "
        "6 GPUs entered, about 9 at the median and 15 at the 90th percentile. The bill counts the GPUs "
        "entered: raise serving_gpus to price what the traffic needs.",
    }]
    # On your own GPUs too, RAG (2 k_i GPUs) is short in every draw and the prompt in none.
    both = capacity_warnings(v, {"rag_serving": "self-hosted", "ft_serving": "self-hosted"})
    assert [w["id"] for w in both] == ["capacity-rag", "capacity-hybrid"]
    assert "about 12 at the median and 20 at the 90th percentile" in both[0]["message"]


# USD per 1,000 queries, and amounts to the cent


def test_usd_per_1000_queries_from_each_end_of_the_traffic() -> None:
    """Assert USD per 1,000 queries at the two extremes when traffic is a range from 1 query a
    month: RAG pays 1 USD a month for its platform and 0.001 USD a query (1,000 tokens at 1 USD
    per million), so over 36 months 1 query a month costs 36 + 0.036 USD, 36.04 to the cent:
    36.04 / 36 x 1,000 = 1,001.1111 USD per 1,000 queries (to four places); 1,000 queries a
    month (36 + 36) / 36,000 x 1,000 = 2."""
    result = estimate_cost({**BARE, **TOKENS, "queries_per_month": "1..1000", "rag_monthly_usd": "1",
                            "input_price_usd_per_mtok": "1"})
    rag = result.usd_per_1000_queries["rag"]
    assert (rag["low"], rag["high"]) == (2, 1_001.1111)


def test_usd_per_1000_queries_percentiles_follow_the_draws() -> None:
    """Assert the percentiles of USD per 1,000 queries: with 1,000 queries a month and nothing
    but a platform drawn evenly from 0 to 100 USD a month, 36 x m USD over 36,000 queries is m
    USD per 1,000: near 10, 50 and 90 (each of the 500 draws in its own slice of 0.2 USD)."""
    result = estimate_cost({**BARE, **TOKENS, "queries_per_month": "1000", "input_price_usd_per_mtok": "0",
                            "output_price_usd_per_mtok": "0", "rag_monthly_usd": "0..100"})
    rag = result.usd_per_1000_queries["rag"]
    assert (rag["low"], rag["high"]) == (0, 100)
    assert rag["p10"] == pytest.approx(10, abs=0.3)
    assert rag["p50"] == pytest.approx(50, abs=0.3)
    assert rag["p90"] == pytest.approx(90, abs=0.3)


def test_usd_per_1000_queries_counts_only_the_draws_with_traffic() -> None:
    """Assert that a traffic range from 0 prices only the draws with queries: 0.001 USD a query
    (1,000 tokens at 1 USD per million) is 1 USD per 1,000 queries in every one of them. With a
    1 USD monthly platform as well, q queries a month cost 1,000 / q + 1 USD per 1,000; drawn
    evenly from 0 to 100, the draws with traffic hold about five of each q from 1 to 100, so the
    dearest tenth are those up to q = 10: the 90th percentile is 1,000 / 10 + 1 = 101, or
    1,000 / 11 + 1 = 92 for the neighbour."""
    result = estimate_cost({**BARE, **TOKENS, "queries_per_month": "0..1000", "input_price_usd_per_mtok": "1"})
    assert result.usd_per_1000_queries["rag"] == {"low": 1, "high": 1, "p10": 1, "p50": 1, "p90": 1}
    platform = estimate_cost({**BARE, **TOKENS, "queries_per_month": "0..100", "input_price_usd_per_mtok": "1",
                              "rag_monthly_usd": "1"})
    assert 91 <= platform.usd_per_1000_queries["rag"]["p90"] <= 102


def test_rates_are_written_to_four_places_and_lines_to_the_cent() -> None:
    """Assert the rounding of what the estimate reports: 1,000 tokens a query at 0.333333 USD per
    million is 0.333333 USD per 1,000 queries, written 0.3333; a build of 1,234.5678 USD is
    1,234.57 in its line."""
    result = estimate_cost({**BARE, **TOKENS, "queries_per_month": "1000", "input_price_usd_per_mtok": "0.333333",
                            "rag_setup_usd": "1234.5678"})
    per_1000 = result.usd_per_1000_queries["prompt-engineering"]
    assert per_1000 == {"low": 0.3333, "high": 0.3333, "p10": 0.3333, "p50": 0.3333, "p90": 0.3333}
    build = next(line for line in result.approaches["rag"].lines if line["id"] == "build")
    assert (build["low"], build["high"], build["mean"]) == (1234.57, 1234.57, 1234.57)


# Gaps the full mutation run found (2026-12-06): counting the cheapest draw with two approaches,
# a crossing in the last month, the self-run vector store's own price, a blank input's low end


def test_count_cheapest_with_two_approaches_counts_wins_and_ties() -> None:
    """Assert the counts for four hand-worked draws of RAG against fine-tuning: RAG cheaper
    (1 < 2), fine-tuning cheaper (4 < 5), the same (3 and 3), and a gap of exactly half a cent
    (0 and 0.005), which counts as the same."""
    from calculators.cost.comparison import count_cheapest

    totals = {"rag": [1.0, 5.0, 3.0, 0.0], "fine-tuning": [2.0, 4.0, 3.0, HALF_CENT]}
    assert count_cheapest(totals, ("rag", "fine-tuning")) == {
        "prompt-engineering": 0, "rag": 1, "fine-tuning": 1, "hybrid": 0, "same": 2,
    }


def test_count_cheapest_counts_a_tie_of_two_among_three_as_the_same() -> None:
    """Assert that a draw where two of three approaches tie for the cheapest counts for neither."""
    from calculators.cost.comparison import count_cheapest

    totals = {"rag": [1.0, 2.0], "fine-tuning": [1.0, 3.0], "hybrid": [4.0, 5.0]}
    counts = count_cheapest(totals, ("rag", "fine-tuning", "hybrid"))
    assert (counts["rag"], counts["fine-tuning"], counts["hybrid"], counts["same"]) == (1, 0, 0, 1)


def test_a_crossing_in_the_horizon_month_is_found() -> None:
    """Assert the crossing of two medians in the last month: fine-tuning minus RAG is 5, 2, 2,
    then -1 USD in month 3 of 3."""
    from calculators.cost.comparison import crossings

    p50 = {"rag": [0.0, 10.0, 20.0, 30.0], "fine-tuning": [5.0, 12.0, 22.0, 29.0]}
    assert crossings(p50, ("rag", "fine-tuning"), 3) == ({"month": 3, "cheaper": "fine-tuning"},)


@pytest.mark.parametrize(("store", "usd"), [("self-run", 200 * 12), ("managed", 5_000 * 12)])
def test_the_platform_line_bills_the_chosen_vector_store(store: str, usd: float) -> None:
    """Assert RAG's platform line over 12 months: a self-run store's server (200 USD a month)
    or a managed vector database (5,000 USD a month), whichever the reader chose."""
    result = estimate_cost({**BARE, "horizon_months": "12", "vector_store": store,
                            "self_run_store_usd_per_month": "200", "rag_monthly_usd": "5000"})
    row = next(line for line in result.approaches["rag"].lines if line["id"] == "platform")
    assert (row["low"], row["high"], row["mean"]) == (usd, usd, usd)


def test_a_blank_data_preparation_takes_each_end_from_its_parts() -> None:
    """Assert the range of a data preparation left blank: (1,000 examples + 100 to 300 for
    evaluation) x 6 minutes at 60 USD an hour, so 6 USD an example: 6,600 to 7,800 USD."""
    result = estimate_cost({**BARE, "ft_data_prep_usd": "", "ft_examples": "1000", "ft_eval_examples": "100..300",
                            "ft_minutes_per_example": "6", "ft_labour_usd_per_hour": "60"})
    assert tuple(result.inputs["ft_data_prep_usd"]) == (6_600.0, 7_800.0)
