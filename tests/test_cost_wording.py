"""The words of an estimate: the headline, the sentences under it, the needs.

Unit tests of calculators.cost.summary and calculators.cost.needs; these also
run inside Pyodide. The headlines and sentences are the product here, so they
are compared whole. Every case bills single numbers (or one range whose draws
are counted by hand from the sampler's slices), so each figure and count in
the expected words is worked out in the comment above it.
"""

from __future__ import annotations

import dataclasses
import math
import re

import pytest

from calculators import estimate_cost
from calculators.cost.inputs import spec_of
from calculators.cost.needs import _message
from calculators.cost.summary import (
    _counts,
    _missing,
    _names,
    flip_words,
    headline,
    headline_details,
    multiple_words,
    needs_words,
)
from calculators.decision import recommend
from cost_cases import NO_FT, NO_RAG, WORKED

#: Every line at zero but those a case sets: no build, no platform, no
#: corpus, no traffic, no engineers, no data work, no training.
BARE = {**NO_RAG, **NO_FT}

#: A run of fine-tuning alone only at month 0 over a 36-month horizon, as for the hybrid.
ONE_RUN = {"ft_retrain_every_months": "36", "hybrid_retrain_every_months": "36"}

#: Answers that name needs only retrieval meets: own documents that change, with citations.
KNOWLEDGE = {"own_knowledge": "yes", "changes_often": "yes", "citations": "yes"}

CLOSE_CALL_NOTE = (
    "A close call means no approach is the cheapest in two draws out of three, or that the draws "
    "and your inputs' middle values point different ways: your own figures decide it, so narrow "
    "the ranges you are surest of, starting with the inputs at the top of \u201cWhich input decides it?\u201d."
)
NO_ANSWERS = (
    "No decision answers came with these inputs, so the headline compares RAG, fine-tuning and the "
    "hybrid. The prompt-only baseline, your prompt today with no retrieval and no training, costs "
    "0\u00a0USD after {h} months; it joins the comparison when your Decide answers say a prompt "
    "meets your needs."
)


@pytest.fixture(autouse=True)
def fresh_draws():
    """Start each test with the sampler's kept columns and the last percentiles emptied."""
    from calculators.cost import percentiles, uncertainty

    uncertainty._UNIT_COLUMNS.clear()
    uncertainty._COLUMNS.clear()
    percentiles._LAST.clear()


# The headline and the sentences under it


@pytest.mark.parametrize(
    ("inputs", "words", "details"),
    [
        # RAG 105 USD a month; fine-tuning 1,000 USD a run at months 0, 10, 20 and 30 (none in
        # month 36); the hybrid pays RAG's platform and runs at 0, 12, 24. At 36 months: RAG
        # 3,780, fine-tuning 4,000, the hybrid 6,780; at 12: 1,260, 2,000 and 3,260. Month 29:
        # RAG 3,045 against 3 runs (3,000), so fine-tuning is cheaper; month 30 brings the 4th run.
        pytest.param(
            {**BARE, "rag_monthly_usd": "105", "ft_training_usd": "1000", "ft_retrain_every_months": "10",
             "hybrid_retrain_every_months": "12"},
            "RAG is the cheapest in 500 of 500 draws at 36 months, and in 500 of 500 at 12 months.",
            ["The median lines of RAG and fine-tuning cross: in month 29 fine-tuning becomes the "
             "cheaper, then in month 30 RAG becomes the cheaper."],
            id="two-crossings",
        ),
        # RAG 100 USD a month against one run of 1,500: RAG 1,200 at 12 months, 3,600 at 36;
        # equal at month 15 (no side), fine-tuning cheaper from month 16. The hybrid pays both.
        pytest.param(
            {**BARE, **ONE_RUN, "rag_monthly_usd": "100", "ft_training_usd": "1500"},
            "Fine-tuning is the cheapest in 500 of 500 draws at 36 months; RAG is the cheapest in "
            "500 of 500 draws at 12 months.",
            ["The median lines of RAG and fine-tuning cross: in month 16 fine-tuning becomes the cheaper."],
            id="one-crossing-two-answers",
        ),
        # RAG 3,600 at 36 months against one run of 10,000: RAG throughout.
        pytest.param(
            {**BARE, **ONE_RUN, "rag_monthly_usd": "100", "ft_training_usd": "10000"},
            "RAG is the cheapest in 500 of 500 draws at 36 months, and in 500 of 500 at 12 months.",
            ["The median lines of RAG and fine-tuning do not cross between month 0 and month 36."],
            id="no-crossing",
        ),
        # A 12-month horizon has one checkpoint, so one clause.
        pytest.param(
            {**BARE, "horizon_months": "12", "rag_monthly_usd": "100", "ft_training_usd": "10000",
             "ft_retrain_every_months": "12", "hybrid_retrain_every_months": "12"},
            "RAG is the cheapest in 500 of 500 draws at 12 months.",
            ["The median lines of RAG and fine-tuning do not cross between month 0 and month 12."],
            id="one-checkpoint",
        ),
        # RAG's platform drawn evenly from 0 to 200 USD a month against one run of 2,880 =
        # 36 x 80: RAG is cheaper at 36 months when the platform is under 80, that is in the
        # 200 of the sampler's 500 slices below 0.4; fine-tuning in the other 300 (0.6, a close
        # call). At 12 months RAG pays at most 2,400: every draw. At the median, 100 USD a month,
        # the lines cross in month 29 (2,900 > 2,880).
        pytest.param(
            {**BARE, **ONE_RUN, "rag_monthly_usd": "0..200", "ft_training_usd": "2880"},
            "At 36 months it is a close call: fine-tuning is cheapest in 300 of 500 draws, RAG in 200; "
            "RAG is the cheapest in 500 of 500 draws at 12 months.",
            ["The median lines of RAG and fine-tuning cross: in month 29 fine-tuning becomes the cheaper.",
             CLOSE_CALL_NOTE],
            id="close-call",
        ),
        # Nothing costs anything: a tie in every draw, named with the approaches compared.
        pytest.param(
            BARE,
            "RAG, fine-tuning and the hybrid cost the same in 500 of 500 draws at 36 months; RAG, "
            "fine-tuning and the hybrid cost the same in 500 of 500 draws at 12 months.",
            ["The median lines of RAG and fine-tuning do not cross between month 0 and month 36."],
            id="tie",
        ),
    ],
)
def test_the_headline_and_the_sentences_under_it(inputs, words, details) -> None:
    """Assert the whole headline and the sentences under it for hand-worked bills: one winner
    at both checkpoints, a different one at each, a close call, a tie, and the crossings."""
    result = estimate_cost(inputs)
    assert headline(result) == words
    assert headline_details(result) == [NO_ANSWERS.format(h=result.horizon_months), *details]


def test_a_close_call_with_no_leader_names_both_counts() -> None:
    """Assert the close call when two approaches are cheapest in as many draws: RAG's platform
    drawn evenly from 0 to 200 USD a month against one run of 3,600 = 36 x 100, so 250 of the
    sampler's 500 slices fall each side of 100 USD; both counts named, RAG first (the inputs'
    order). (The median lines meet at the horizon itself, so the crossing sentence is not
    asserted.)"""
    result = estimate_cost({**BARE, **ONE_RUN, "rag_monthly_usd": "0..200", "ft_training_usd": "3600"})
    assert headline(result) == (
        "At 36 months it is a close call: RAG is cheapest in 250 of 500 draws, fine-tuning in 250; "
        "RAG is the cheapest in 500 of 500 draws at 12 months."
    )
    assert headline_details(result)[-1] == CLOSE_CALL_NOTE


def test_a_close_call_where_the_draws_and_the_medians_disagree() -> None:
    """Assert the close call that names one approach, cheapest in two draws in three or more,
    but not at the inputs' medians.

    RAG pays 1,000,000 USD to embed a corpus, then its platform ``a`` and re-embedding ``b``
    each month, both drawn on a log scale from 1 to 1,000,000 (medians 1,000 each); fine-tuning
    pays one run of 1,000,000 + 36 x 2,100. At the medians RAG pays 2,000 a month and is cheaper;
    in the draws fine-tuning is cheaper when a + b > 2,100, a chance of 0.702 worked out below
    from the two logarithms, evenly spread (about 351 of 500 draws)."""
    inputs = {**BARE, **ONE_RUN, "rag_monthly_usd": "1..1000000", "corpus_tokens": "1000000000000",
              "embedding_price_usd_per_mtok": "1", "corpus_churn_per_month": "0.000001..1",
              "ft_training_usd": str(1_000_000 + 36 * 2_100)}
    # P(10^x + 10^y <= T) for x, y even on [0, 6]: the integral over x of log10(T - 10^x) / 6.
    top, steps = math.log10(2_100 - 1), 20_000
    below = sum(math.log10(2_100 - 10 ** (top * (i + 0.5) / steps)) / 6 for i in range(steps)) * top / steps / 6
    assert 1 - below == pytest.approx(0.702, abs=0.001)
    text = headline(estimate_cost(inputs))
    found = re.fullmatch(
        r"At 36 months it is a close call: fine-tuning is cheapest in (\d+) of 500 draws, but not with "
        r"every input at its median; at 12 months it is a close call: fine-tuning is cheapest in "
        r"(\d+) of 500 draws, RAG in (\d+)\.",
        text,
    )
    assert found, text
    at_36, at_12, rag_12 = (int(n) for n in found.groups())
    assert abs(at_36 - 351) <= 20 and at_36 * 3 > 1_000  # two draws in three or more
    assert at_12 + rag_12 == 500 and at_12 * 3 < 1_000


def test_only_one_approach_meeting_the_needs_is_named_with_its_cost_at_both_checkpoints() -> None:
    """Assert the whole headline when only the hybrid meets the needs: its cost at the horizon
    and at 12 months, or at the horizon alone when that is 12 months.

    The hybrid pays RAG's 100 USD a month and a 1,000 USD run at months 0, 12 and 24:
    3,600 + 3,000 = 6,600 at 36 months; at 12, 1,200 and two runs, 3,200."""
    answers = {"own_knowledge": "yes", "low_latency": "no", "behaviour": "yes", "prompting_tried": "yes",
               "changes_often": "yes"}
    inputs = {**BARE, "rag_monthly_usd": "100", "ft_training_usd": "1000", "hybrid_retrain_every_months": "12"}
    assert headline(estimate_cost(inputs, answers)) == (
        "Only the hybrid meets every need you named: 6,600\u00a0USD after 36 months, 3,200\u00a0USD after 12."
    )
    short = estimate_cost({**inputs, "horizon_months": "12"}, answers)
    assert headline(short) == "Only the hybrid meets every need you named: 2,200\u00a0USD after 12 months."


# Which approaches are compared, and why


def test_without_answers_the_baseline_is_priced_beside_the_comparison() -> None:
    """Assert the sentence without decision answers on the Costs page's worked case: the three
    approaches compared, and the prompt-only baseline's 36,768 USD (cost_cases' worked-prompt-36)."""
    assert needs_words(estimate_cost(WORKED)) == (
        "No decision answers came with these inputs, so the headline compares RAG, fine-tuning and "
        "the hybrid. The prompt-only baseline, your prompt today with no retrieval and no training, "
        "costs 36,768\u00a0USD after 36 months; it joins the comparison when your Decide answers say "
        "a prompt meets your needs."
    )


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        # Own documents that change, with citations: a prompt alone and fine-tuning alone each
        # miss all three (MISSED's words, the retraining pace from the input), in the needs' order.
        pytest.param(
            KNOWLEDGE,
            "Left out of the comparison, each for a need you named: a prompt alone (looks nothing up "
            "in your documents; holds no knowledge beyond what is written into the prompt; cannot cite "
            "documents it was never given); fine-tuning alone (does not read your documents when it "
            "answers; it holds what it learned at its last training run; must be retrained whenever "
            "the knowledge changes, here every month; cannot cite its sources). Their bills are still "
            "shown below.",
            id="left-out",
        ),
        pytest.param(
            {"narrow_task": "yes", "high_volume": "yes", "prompting_tried": "costly"},
            "Left out of the comparison, each for a need you named: RAG (does not train the model for "
            "one narrow task). Their bills are still shown below. High volume on one narrow task marks "
            "no approach: whether a smaller tuned model costs less at your traffic is what this "
            "estimate works out.",
            id="high-volume",
        ),
        # A strict format: every approach meets it, through structured outputs or training.
        pytest.param(
            {"behaviour": "format"},
            "Every approach meets the needs you named, so the headline compares them all.",
            id="all-meet",
        ),
        pytest.param(
            {"own_knowledge": "no"},
            "Your decision answers name no need, so nothing rules an approach out: the headline "
            "compares them all, the prompt-only baseline too.",
            id="no-need",
        ),
        # Own knowledge (not a prompt's or fine-tuning's) and no retrieval step (not RAG's or the
        # hybrid's): each approach misses one, so none is left out.
        pytest.param(
            {"own_knowledge": "yes", "low_latency": "yes"},
            "No approach meets every need you named; the headline compares those that miss the fewest. "
            "Each of the four misses as many as the others, so the headline compares all four.",
            id="all-miss-one",
        ),
    ],
)
def test_the_sentence_on_which_approaches_are_compared(answers, words) -> None:
    """Assert the sentence that says which approaches the headline compares and why."""
    assert needs_words(estimate_cost({"ft_retrain_every_months": "1"}, answers)) == words


def test_an_approachs_missed_needs_are_named_once_with_each_reason() -> None:
    """Assert a missed need's words, the prompt's own words where MISSED has them, and the
    need's label (first letter lowered) where it has none; the left-out clause names the
    approach once, whatever colons the reasons hold."""
    answers = {"behaviour": "format", "own_knowledge": "yes"}
    needs = {n.id: n for n in recommend(answers).needs}
    own = _message("prompt-engineering", needs["own-knowledge"], (1, 1), answers)
    assert own == "a prompt alone: looks nothing up in your documents"
    unwritten = _message("prompt-engineering", needs["format"], (1, 1), answers)
    assert unwritten == "a prompt alone: does not answer the need: a strict output format (a schema)"
    missed = [{"need": "format", "message": unwritten}, {"need": "own-knowledge", "message": own}]
    assert _missing(missed) == (
        "a prompt alone (does not answer the need: a strict output format (a schema); looks nothing "
        "up in your documents)"
    )


@pytest.mark.parametrize(
    ("approaches", "words"),
    [
        (("hybrid",), "the hybrid"),
        (("rag", "hybrid"), "RAG and the hybrid"),
        (("rag", "fine-tuning", "hybrid"), "RAG, fine-tuning and the hybrid"),
        (("prompt-engineering", "rag", "fine-tuning", "hybrid"),
         "the prompt-only baseline, RAG, fine-tuning and the hybrid"),
    ],
)
def test_approaches_are_listed_with_and_before_the_last(approaches, words) -> None:
    """Assert a list of approaches in a sentence: one alone, two with "and", more with commas."""
    assert _names(approaches) == words


def test_a_close_call_counts_every_approach_most_first_and_names_a_tie_only_when_there_is_one() -> None:
    """Assert the close call's counts: most first (RAG before fine-tuning though it comes later
    in the alphabet), each approach with a draw named, no tie named when there is none."""
    point = {"compared": ["rag", "fine-tuning", "hybrid"],
             "chances": {"prompt-engineering": 0.0, "rag": 0.6, "fine-tuning": 0.3, "hybrid": 0.1, "same": 0.0}}
    assert _counts(estimate_cost(BARE), point) == (
        "RAG is cheapest in 300 of 500 draws, fine-tuning in 150, the hybrid in 50"
    )


# Flip values and the first-year multiple


@pytest.mark.parametrize(
    ("key", "threshold", "words"),
    [
        ("queries_per_month", 1_000_000, "fine-tuning is cheaper above about 1 million queries a month"),
        ("corpus_tokens", 1e9, "fine-tuning is cheaper above about 1 billion tokens"),
        ("ft_prompt_reduction", 0.75, "fine-tuning is cheaper above about 75% of the prompt"),
    ],
)
def test_a_flip_value_at_a_million_or_a_billion_is_named_in_words(key, threshold, words) -> None:
    """Assert the flip sentence at exactly a million and a billion (words from there up), and a
    share of three quarters as 75%."""
    assert flip_words({"cheaper_above": "fine-tuning", "threshold": threshold}, spec_of(key)) == words


def _multiple(p10, p90):
    """A real estimate with its first-year multiple's percentiles set to (p10, p90)."""
    result = estimate_cost(BARE)
    implied = {"p10": p10, "p90": p90, "low": p10, "high": p90}
    return dataclasses.replace(result, lifecycle_multiple={**result.lifecycle_multiple, "implied": implied})


MULTIPLE = (
    "your inputs put fine-tuning's first 12 months (data preparation, training runs and engineers' "
    "time; serving apart) at {span} times one training run (10th to 90th percentile of the draws), "
    "{verdict} Akoode's 3 to 5 times"
)


@pytest.mark.parametrize(
    ("data_usd", "run_usd", "span"),
    [
        # One run in the first year (the next is due at month 12) and the data work:
        # (3,000 + 1,000) / 1,000 = 4 runs; 2,000 gives 3 and 4,000 gives 5, Akoode's ends;
        # (300 + 100) / 100 = 4 again, and (3 + 1) / 1 for a run of 1 USD; (2,500 + 750) / 750
        # = 4.333..., written to two places.
        ("3000", "1000", "4"),
        ("2000", "1000", "3"),
        ("4000", "1000", "5"),
        ("300", "100", "4"),
        ("3", "1", "4"),
        ("2500", "750", "4.33"),
    ],
)
def test_a_first_year_multiple_inside_akoodes_range_is_within_it(data_usd, run_usd, span) -> None:
    """Assert the first-year sentence for single numbers, hand-worked, Akoode's ends included."""
    result = estimate_cost({**BARE, "ft_data_prep_usd": data_usd, "ft_training_usd": run_usd,
                            "ft_retrain_every_months": "12"})
    assert multiple_words(result) == MULTIPLE.format(span=span, verdict="within")


@pytest.mark.parametrize(
    ("p10", "p90", "span", "verdict"),
    [
        (3, 5, "3 to 5", "within"),
        (2, 4, "2 to 4", "overlapping"),
        (2, 3, "2 to 3", "overlapping"),
        (5, 6, "5 to 6", "overlapping"),
        (4.5, 12.25, "4.5 to 12.25", "overlapping"),
        (6, 8, "6 to 8", "outside"),
        (1.5, 2.9, "1.5 to 2.9", "outside"),
    ],
)
def test_a_first_year_range_is_within_overlapping_or_outside_akoodes(p10, p90, span, verdict) -> None:
    """Assert the verdict on a 10th-90th percentile range against Akoode's 3-5x: touching an
    end counts as overlapping, inside both as within."""
    assert multiple_words(_multiple(p10, p90)) == MULTIPLE.format(span=span, verdict=verdict)


def test_no_first_year_sentence_without_a_paid_training_run() -> None:
    """Assert that with training at no cost there is no multiple and no sentence; nor with a
    run too cheap to divide by (under 2e-309 USD: the defaults' first year over it overflows)."""
    assert multiple_words(estimate_cost(BARE)) is None
    tiny = estimate_cost({"ft_training_usd": "0..2e-309"})
    assert tiny.lifecycle_multiple["implied"] == {"p10": None, "p90": None, "low": None, "high": None}
    assert multiple_words(tiny) is None
