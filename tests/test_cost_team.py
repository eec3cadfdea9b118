"""The bill a real team pays: needs, people, own hardware and the capacity check.

Unit tests of calculators.cost; these also run inside Pyodide.
"""

from __future__ import annotations

import json

import pytest

from calculators import (
    COST_APPROACHES,
    DECISION_ADJUSTMENTS,
    PRESETS,
    estimate_cost,
    inputs_from_decision,
    inputs_with_answers,
    render_cost,
)
from calculators.cost.capacity import gpus_needed
from calculators.errors import InputError
from calculators.cost.summary import headline, headline_details
from calculators.web import handle
from cost_cases import NO_FT, NO_RAG

#: Answers that name needs only retrieval meets: own documents that change, with citations.
KNOWLEDGE = {"own_knowledge": "yes", "changes_often": "yes", "citations": "yes"}


@pytest.fixture(autouse=True)
def fresh_draws():
    """Start each test with the sampler's kept columns and the last percentiles emptied, so
    every test draws and sorts for itself."""
    from calculators.cost import percentiles, uncertainty

    uncertainty._UNIT_COLUMNS.clear()
    uncertainty._COLUMNS.clear()
    percentiles._LAST.clear()  # each approach's last percentiles, kept for an unchanged repeat


# Only approaches that meet the need


def test_an_approach_that_misses_a_need_is_marked_with_it_and_left_out_of_the_headline() -> None:
    """Assert that with citations and changing knowledge required, fine-tuning alone and a prompt
    alone are marked with each need in words, left out of the comparison, and still billed."""
    result = estimate_cost({"ft_retrain_every_months": "1"}, KNOWLEDGE)
    ft = {m["need"]: m["message"] for m in result.misses("fine-tuning")}
    assert ft["citations"] == "fine-tuning alone: cannot cite its sources"
    assert ft["changes-often"] == (
        "fine-tuning alone: must be retrained whenever the knowledge changes, here every month"
    )
    assert set(ft) == {"own-knowledge", "changes-often", "citations"}
    assert result.misses("rag") == () and result.misses("hybrid") == ()
    assert result.compared == ("rag", "hybrid")
    for point in result.cheaper_at:
        assert point["compared"] == ["rag", "hybrid"]
        assert point["chances"]["fine-tuning"] == point["chances"]["prompt-engineering"] == 0
    text = headline(result)
    assert "fine-tuning" not in text and "prompt" not in text
    assert "fine-tuning alone (does not read your documents" in headline_details(result)[0]
    data = result.to_dict()
    assert data["approaches"]["rag"]["meets"] is True
    assert [m["need"] for m in data["approaches"]["fine-tuning"]["meets"]] == [
        "own-knowledge", "changes-often", "citations"
    ]
    assert data["approaches"]["fine-tuning"]["cumulative_usd"]["p50"][36] > 0  # still billed
    html = render_cost(result)
    assert 'data-approach="fine-tuning" data-meets="false"' in html and "cannot cite its sources" in html


def test_the_retraining_pace_in_a_missed_need_follows_the_input() -> None:
    """Assert the words for a fine-tuned model keeping up with changing knowledge name its range."""
    result = estimate_cost({"ft_retrain_every_months": "2..4"}, {"changes_often": "yes"})
    message = result.misses("fine-tuning")[0]["message"]
    assert message.endswith("here every 2 to 4 months")


def test_high_volume_marks_no_approach_and_the_prompt_joins_when_it_meets_the_need() -> None:
    """Assert that a narrow task at high volume, with prompting good but too costly, compares the
    prompt-only baseline with fine-tuning and the hybrid, leaves RAG out for the narrow task only,
    and says why high volume marks nothing."""
    answers = {"narrow_task": "yes", "high_volume": "yes", "prompting_tried": "costly"}
    result = estimate_cost({}, answers)
    assert result.compared == ("prompt-engineering", "fine-tuning", "hybrid")
    assert [m["need"] for m in result.misses("rag")] == ["narrow-task"]
    assert "High volume on one narrow task marks no approach" in headline_details(result)[0]


def test_a_prompt_that_fell_short_misses_what_it_fell_short_on() -> None:
    """Assert that after prompting fell short, a prompt alone misses the behaviour need, in words."""
    result = estimate_cost({}, {"behaviour": "yes", "prompting_tried": "yes"})
    assert result.misses("prompt-engineering") == (
        {"need": "behaviour", "message": "a prompt alone: fell short on this need when you tried it"},
    )
    assert result.compared == ("fine-tuning", "hybrid")


def test_when_no_approach_meets_every_need_those_missing_the_fewest_are_compared() -> None:
    """Assert that knowledge to retrieve and no time for retrieval leave no approach meeting
    both: the headline compares those that miss the fewest, and says so."""
    result = estimate_cost({}, {"own_knowledge": "yes", "changes_often": "yes", "low_latency": "yes"})
    misses = {a: len(result.misses(a)) for a in COST_APPROACHES}
    assert min(misses.values()) == 1
    assert result.compared == tuple(a for a in COST_APPROACHES if misses[a] == 1)
    assert headline_details(result)[0].startswith("No approach meets every need you named")


def test_answers_naming_no_need_compare_every_approach_and_no_answers_leave_the_baseline_beside() -> None:
    """Assert that answers naming no need leave nothing out, the baseline included, while an
    estimate without answers (none, or "not sure" everywhere, as a link without any) compares
    the three approaches that build something."""
    assert estimate_cost({}, {"own_knowledge": "no"}).compared == COST_APPROACHES
    for none in ({}, {"own_knowledge": "unsure", "citations": "unsure"}):
        assert estimate_cost({}, none).answers is None
        assert estimate_cost({}, none).compared == ("rag", "fine-tuning", "hybrid")
    bare = estimate_cost()
    assert bare.compared == ("rag", "fine-tuning", "hybrid") and bare.answers is None
    assert "The prompt-only baseline" in headline_details(bare)[0]


def test_only_one_approach_meeting_the_needs_is_named_with_its_cost() -> None:
    """Assert the headline when a single approach meets every need: its name and its cost."""
    result = estimate_cost({}, {"own_knowledge": "yes", "low_latency": "no", "behaviour": "yes",
                                "prompting_tried": "yes", "changes_often": "yes"})
    assert result.compared == ("hybrid",)
    assert headline(result).startswith("Only the hybrid meets every need you named: ")
    assert result.cheaper_at[-1]["approach"] == "hybrid" and result.pair == ("hybrid",)
    assert all(not row["flips"] for row in result.sensitivity)


def test_bad_answers_are_named_by_their_question() -> None:
    """Assert a decision answer the Decide page refuses is named, with what is allowed."""
    from calculators import InputError

    with pytest.raises(InputError) as info:
        estimate_cost({}, {"citations": "maybe"})
    assert info.value.field == "citations" and "allowed answers: yes, no, unsure" in str(info.value)


# The one function by which answers change the inputs


def test_answers_change_only_the_inputs_a_link_leaves_alone() -> None:
    """Assert that the inputs a link sets win over what its answers would set, and the rest
    take what the answers set."""
    merged = inputs_with_answers({"corpus_churn_per_month": "0.1"}, {"changes_often": "yes"})
    assert merged == {"ft_retrain_every_months": "1..3", "corpus_churn_per_month": "0.1"}
    assert inputs_with_answers({"rag_setup_usd": "1"}, None) == {"rag_setup_usd": "1"}
    assert inputs_with_answers({"rag_setup_usd": "1"}, {}) == {"rag_setup_usd": "1"}


def test_changing_knowledge_retrains_fine_tuning_alone_not_the_hybrid() -> None:
    """Assert the Decide answer that knowledge changes often sets fine-tuning alone's retraining,
    and leaves the hybrid's tuned model at the behaviour's pace (it re-indexes the knowledge)."""
    mapped = inputs_from_decision({"changes_often": "yes"})
    assert mapped["ft_retrain_every_months"] == "1..3" and "hybrid_retrain_every_months" not in mapped
    keys = {a.key for a in DECISION_ADJUSTMENTS}
    assert "hybrid_retrain_every_months" not in keys
    result = estimate_cost({**NO_RAG, **NO_FT, "ft_training_usd": "1000", **mapped}, {"changes_often": "yes"})
    training = {line["id"]: line for line in result.approaches["hybrid"].lines}["training"]
    # Hybrid runs every 6 to 12 months over 36: 3 to 6 runs of 1,000 USD.
    assert 3_000 <= training["low"] <= training["high"] <= 6_000


def test_data_on_your_own_network_puts_every_model_and_the_store_on_your_own_machines() -> None:
    """Assert that an own-network answer self-hosts the general, tuned and embedding models and
    runs the vector store yourself, each with a source."""
    mapped = inputs_from_decision({"own_network": "yes"})
    assert {k: mapped[k] for k in ("rag_serving", "ft_serving", "embedding_serving", "vector_store")} == {
        "rag_serving": "self-hosted", "ft_serving": "self-hosted", "embedding_serving": "self-hosted",
        "vector_store": "self-run",
    }
    result = estimate_cost(mapped, {"own_network": "yes"})
    for name in COST_APPROACHES:
        lines = {line["id"]: line for line in result.approaches[name].lines}
        assert lines.get("tokens", {"high": 0})["high"] == 0 and lines.get("serving", {"high": 0})["high"] == 0
        assert lines["gpus"]["low"] > 0
    assert {line["id"]: line for line in result.approaches["rag"].lines}["embedding"]["high"] == 0


def test_the_web_bridge_fills_a_link_and_estimates_with_its_answers() -> None:
    """Assert the page's two calls: the inputs a link with answers means, with the adjustments
    that made them, and the estimate with its answers, slim or whole."""
    request = {"call": "cost-inputs-with-answers",
               "args": {"inputs": {"corpus_churn_per_month": "0.1"}, "answers": {"changes_often": "yes"}}}
    reply = json.loads(handle(json.dumps(request)))
    assert reply["ok"] and reply["result"] == {"ft_retrain_every_months": "1..3", "corpus_churn_per_month": "0.1"}
    assert [(a["question"], a["key"]) for a in reply["applied"]] == [("changes_often", "ft_retrain_every_months")]
    # Every input the answers set, the link's own value aside: what a link leaves out means.
    assert reply["adjusted"] == {"ft_retrain_every_months": "1..3", "corpus_churn_per_month": "0.2..0.5"}
    slim = json.loads(handle(json.dumps({"call": "cost", "args": {}, "answers": KNOWLEDGE, "slim": True})))
    assert slim["result"] == {"break_even_month": slim["result"]["break_even_month"], "compared": ["rag", "hybrid"]}
    whole = json.loads(handle(json.dumps({"call": "cost", "args": {}, "answers": KNOWLEDGE})))
    assert whole["result"]["answers"] == KNOWLEDGE and whole["result"]["compared"] == ["rag", "hybrid"]
    # The answers changed the inputs the request left alone, as the page's form would hold them.
    assert whole["result"]["inputs"]["corpus_churn_per_month"] == {"low": 0.2, "high": 0.5}


# People's time


def test_people_are_lines_of_their_own_apart_from_machines() -> None:
    """Assert each approach's engineers' lines, worked by hand: a month to build at 10,000 USD and
    a tenth of an engineer over 12 months, the hybrid paying both builds and both shares."""
    inputs = {**NO_RAG, **NO_FT, "horizon_months": "12", "engineer_usd_per_month": "10000",
              "rag_build_engineer_months": "1", "rag_ops_engineer_share": "0.1",
              "ft_build_engineer_months": "2", "ft_ops_engineer_share": "0.05",
              "prompt_build_engineer_months": "0.5", "prompt_ops_engineer_share": "0.01"}
    result = estimate_cost(inputs)
    expected = {
        # building, running over 12 months
        "prompt-engineering": (5_000, 1_200),
        "rag": (10_000, 12_000),
        "fine-tuning": (20_000, 6_000),
        "hybrid": (30_000, 18_000),
    }
    for name, (build, run) in expected.items():
        lines = {line["id"]: line for line in result.approaches[name].lines}
        assert lines["engineers-build"]["mean"] == build and lines["engineers-build"]["kind"] == "people"
        assert lines["engineers-run"]["mean"] == run and lines["engineers-run"]["kind"] == "people"
        assert all(line["kind"] == "machines" for line in lines.values()
                   if line["id"] not in ("engineers-build", "engineers-run", "build", "data-prep"))
    html = render_cost(result)
    assert '<tr data-line="engineers-build" data-kind="people">' in html
    assert '<tr data-subtotal="people">' in html and '<tr data-subtotal="machines">' not in html


# The capacity check


def test_the_capacity_check_warns_naming_the_gpus_needed_and_leaves_the_bill_alone() -> None:
    """Assert the warning when the busiest hour needs more GPUs than entered: 2,628,000 queries a
    month of 1,000 prompt and 1,000 answer tokens is 2,000 tokens a second on average, 6,000 at
    three times that in the busiest hour, so 3 GPUs at 2,000 tokens a second each; 1 entered."""
    inputs = {"queries_per_month": "2628000", "request_tokens": "1000", "output_tokens": "1000",
              "rag_serving": "self-hosted", "serving_gpus": "1", "gpu_tokens_per_second": "2000",
              "traffic_peak_ratio": "3"}
    result = estimate_cost(inputs)
    warnings = {w["id"]: w["message"] for w in result.warnings}
    baseline = warnings["capacity-prompt-engineering"]
    assert "in 500 of 500 draws the busiest hour needs more than the 1 GPU entered, about 3 at the median" in baseline
    assert "capacity-rag" in warnings and "capacity-fine-tuning" not in warnings  # fine-tuning is on an API
    assert set(result.to_dict()["warnings"][0]) == {"id", "message"}
    # The bill is the same as with GPUs fast enough to need no warning.
    calm = estimate_cost({**inputs, "gpu_tokens_per_second": "1000000"})
    assert calm.warnings == ()
    assert calm.to_dict()["approaches"] == result.to_dict()["approaches"]
    html = render_cost(result)
    assert 'data-warning="capacity-rag"' in html


def test_gpus_needed_rounds_up_per_draw() -> None:
    """Assert the GPUs the busiest hour needs, per draw, worked by hand: RAG's 3,000 tokens a query
    (1,000 prompt, 1,500 context, 500 answer) x 876,000 queries x 2 / (730 x 3,600) s = 2,000
    tokens a second, 2 GPUs at 1,000 each; a tuned model without a 60% cut of its prompt
    reads 400 + 500 = 900 tokens: 600 a second, 1 GPU."""
    v = {"queries_per_month": [876_000.0], "request_tokens": [1_000.0], "rag_context_tokens": [1_500.0],
         "output_tokens": [500.0], "ft_prompt_reduction": [0.6], "traffic_peak_ratio": [2.0],
         "gpu_tokens_per_second": [1_000.0]}
    assert gpus_needed("rag", v) == [2]
    assert gpus_needed("fine-tuning", v) == [1]
    assert gpus_needed("hybrid", v) == [2]  # 400 + 1,500 + 500 = 2,400 tokens: 1,600 a second
    assert gpus_needed("prompt-engineering", {**v, "queries_per_month": [0.0]}) == [1]
    # At 800 tokens a second per GPU, the cut decides: fine-tuning's 600 a second fits one GPU
    # (without the cut, 1,000 would need two), the hybrid's 1,600 fit two (2,000 would need three);
    # the prompt-only baseline reads its whole prompt, 1,500 tokens: 1,000 a second, 2 GPUs.
    slow = {**v, "gpu_tokens_per_second": [800.0]}
    assert gpus_needed("fine-tuning", slow) == [1] and gpus_needed("hybrid", slow) == [2]
    assert gpus_needed("prompt-engineering", slow) == [2] and gpus_needed("rag", slow) == [3]


# The readers' presets


@pytest.mark.parametrize("name", ["insurer-policies", "review-classifier", "hospital-own-network"])
def test_a_readers_preset_fills_in_what_its_answers_change(name: str) -> None:
    """Assert a reader's preset inputs are its own over what its answers change, by the one function."""
    p = PRESETS[name]
    assert p.estimate_inputs() == inputs_with_answers(p.inputs, p.answers)
    for key, value in p.inputs.items():
        assert p.estimate_inputs()[key] == value


def test_an_approach_whose_draws_did_not_change_gets_its_last_percentiles_again() -> None:
    """Assert the percentiles of five draws worked by hand, given again for an unchanged approach,
    and worked out afresh (never the stale answer) when one draw's monthly cost changes."""
    from calculators.cost.percentiles import percentile_series

    start, monthly, zero = [0.0, 10.0, 20.0, 30.0, 40.0], [5.0, 5.0, 5.0, 5.0, 5.0], [0.0] * 5
    # Ten draws apart, each month 5 more: p10 at rank 0.4 is 4 USD, the median 20, p90 at rank 3.6 is 36.
    first, kept = percentile_series(start, monthly, zero, None, 2, (2,), name="test-approach")
    assert first == ((4.0, 9.0, 14.0), (20.0, 25.0, 30.0), (36.0, 41.0, 46.0)) and kept[2] == [10.0, 20.0, 30.0, 40.0, 50.0]
    assert percentile_series(list(start), list(monthly), zero, None, 2, (2,), name="test-approach")[0] == first
    # The dearest draw now adds 25 a month: at month 2 it is at 90, and p90 is 40 + 0.6 x 50 = 70.
    again, kept = percentile_series(start, [5.0, 5.0, 5.0, 5.0, 25.0], zero, None, 2, (2,), name="test-approach")
    assert again[2] == (36.0, 53.0, 70.0) and kept[2] == [10.0, 20.0, 30.0, 40.0, 90.0]


@pytest.mark.parametrize(
    ("key", "threshold", "words"),
    [
        ("queries_per_month", 2_345_678, "fine-tuning is cheaper above about 2.3 million queries a month"),
        ("queries_per_month", 5_000_000, "fine-tuning is cheaper above about 5 million queries a month"),
        ("queries_per_month", 1_234_567_890, "fine-tuning is cheaper above about 1.2 billion queries a month"),
        ("ft_prompt_reduction", 0.456, "fine-tuning is cheaper above about 46% of the prompt"),
        ("corpus_churn_per_month", 0.0345, "fine-tuning is cheaper above about 3.5% a month"),
        ("rag_monthly_usd", 1_500, "fine-tuning is cheaper above about 1,500 USD a month"),
        ("ft_price_factor", 2.5, "fine-tuning is cheaper above about 2.5 times the base price"),
        ("rag_setup_usd", 12_345, "fine-tuning is cheaper above about 12,000 USD"),
        ("embedding_price_usd_per_mtok", 0.01234, "fine-tuning is cheaper above about 0.012 USD per million tokens"),
        ("rag_setup_usd", 0, "fine-tuning is cheaper above about 0 USD"),
    ],
)
def test_a_flip_value_is_written_to_two_significant_figures_in_its_units(key, threshold, words) -> None:
    """Assert the tornado's sentence for an input that flips the answer: two significant figures,
    millions and billions in words, shares as percentages, each unit in words."""
    from calculators.cost.inputs import spec_of
    from calculators.cost.summary import flip_words

    assert flip_words({"cheaper_above": "fine-tuning", "threshold": threshold}, spec_of(key)) == words


def test_a_flip_to_the_same_cost_and_a_close_call_count_are_written_out() -> None:
    """Assert the sentence where the approaches cost the same above a value, and the close call's
    counts of draws, most first, an approach cheapest in no draw left out, and the ties."""
    from calculators.cost.inputs import spec_of
    from calculators.cost.summary import _counts, flip_words

    row = {"cheaper_above": None, "threshold": 3e9}
    assert flip_words(row, spec_of("corpus_tokens")) == "they cost the same above about 3 billion tokens"
    point = {"compared": ["rag", "fine-tuning", "hybrid"],
             "chances": {"prompt-engineering": 0.0, "rag": 0.4, "fine-tuning": 0.5, "hybrid": 0.0, "same": 0.1}}
    assert _counts(estimate_cost(), point) == "fine-tuning is cheapest in 250 of 500 draws, RAG in 200, a tie in 50"


def test_the_retraining_pace_reads_as_a_month_or_a_number_of_months() -> None:
    """Assert the missed need's words for one month, for a single number of months, and for a range."""
    for every, words in (("1", "here every month"), ("2", "here every 2 months"), ("1..3", "here every 1 to 3 months")):
        result = estimate_cost({"ft_retrain_every_months": every}, {"changes_often": "yes"})
        assert result.misses("fine-tuning")[0]["message"].endswith(words)


def test_the_json_names_each_part_of_the_estimate() -> None:
    """Assert the keys of `cost --json` that pages and scripts read, and the draws' description."""
    data = estimate_cost().to_dict()
    assert sorted(data) == [
        "answers", "approaches", "break_even_month", "cheaper_at", "close_call", "compared", "crossings",
        "draws", "horizon_months", "inputs", "lifecycle_multiple", "sensitivity", "sensitivity_of", "warnings",
    ]
    assert data["draws"]["count"] == 500 and data["draws"]["method"] == "latin-hypercube"
    assert data["draws"]["seed"] == 20261206 and data["close_call"] is estimate_cost().close_call


def test_presets_write_akoodes_ranges_low_to_high() -> None:
    """Assert the presets that take Akoode's ranges write them as low..high in whole USD."""
    assert PRESETS["enterprise-assistant"].inputs["rag_monthly_usd"] == "500..3000"
    assert PRESETS["mid-size-self-hosted"].inputs["ft_training_usd"] == "5000..50000"


@pytest.mark.parametrize(
    ("raw", "quoted"),
    [(float("inf"), "'inf'"), (float("nan"), "'nan'"), ("x" * 40, "'" + "x" * 40 + "'"),
     ("x" * 41, "'" + "x" * 37 + "...'")],
)
def test_a_value_that_is_no_number_is_quoted_as_given_and_cut_short_past_forty_characters(raw, quoted) -> None:
    """Assert the message for a value that is not a number quotes it: a float by its text, a text of
    forty characters whole, a longer one cut to thirty-seven and an ellipsis."""
    from calculators.cost import parse_number

    with pytest.raises(InputError) as error:
        parse_number("rag_setup_usd", raw)
    assert str(error.value).startswith(f"rag_setup_usd: {quoted} is not a number")
