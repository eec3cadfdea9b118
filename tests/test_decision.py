"""Unit tests of calculators.decision; these also run inside Pyodide."""

from __future__ import annotations

import json
from html import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import (
    ANSWERS,
    APPROACHES,
    BASES,
    CAVEATS,
    FALLBACKS,
    QUESTIONS,
    RULES,
    STEPS,
    InputError,
    recommend,
    render_decision,
)
from calculators.web import handle
from decision_cases import DECISION_BASIS, DECISION_CASES

KEYS = [q.key for q in QUESTIONS]
RULES_BY_ID = {r.id: r for r in RULES}
ALL_NO = {key: "no" for key in KEYS}

#: Any valid answers: a subset of the keys, each with an allowed answer.
answer_sets = st.dictionaries(st.sampled_from(KEYS), st.sampled_from(ANSWERS))


@pytest.mark.parametrize(
    ("answers", "approach"),
    [pytest.param(a, ap, id=case) for case, a, ap in DECISION_CASES],
)
def test_recommend_cases(answers: dict[str, str], approach: str, request) -> None:
    """Assert each source scenario gets the expected approach and basis, with reasons and steps."""
    result = recommend(answers)
    assert result.approach == approach
    assert result.basis == DECISION_BASIS[request.node.callspec.id]
    assert result.reasons and result.steps
    assert set(result.answers) == set(KEYS)


def test_missing_answers_count_as_unsure() -> None:
    """Assert that an empty mapping is read as every answer being unsure."""
    assert recommend({}).answers == {key: "unsure" for key in KEYS}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_each_rule_alone_points_where_it_says(rule) -> None:
    """Assert that a rule's questions answered "yes", every other "no", give its approach."""
    result = recommend({**ALL_NO, **{key: "yes" for key in rule.keys}})
    assert result.approach == rule.points_to
    fired = [r.rule for r in result.reasons]
    assert rule.id in fired and all(RULES_BY_ID[r].points_to == rule.points_to for r in fired)
    assert next(r for r in result.reasons if r.rule == rule.id).answers == tuple(
        (key, "yes") for key in rule.keys
    )
    assert result.basis == "answers"


@pytest.mark.parametrize(("narrow_task", "approach"), [("yes", "fine-tuning"), ("no", "prompt-engineering")])
def test_high_volume_counts_only_with_a_narrow_task(narrow_task: str, approach: str) -> None:
    """Assert that high volume fires the fine-tuning rule with a narrow task, and alone does not."""
    result = recommend({**ALL_NO, "high_volume": "yes", "narrow_task": narrow_task})
    assert result.approach == approach
    assert ("high-volume" in [r.rule for r in result.reasons]) == (narrow_task == "yes")


@pytest.mark.parametrize(
    ("narrow_task", "approach", "fine_tuning_score"),
    [("no", "rag", 0.0), ("unsure", "rag", 0.0), ("yes", "hybrid", 0.4)],
)
def test_high_traffic_knowledge_assistant(narrow_task: str, approach: str, fine_tuning_score: float) -> None:
    """Assert that a live knowledge assistant with high traffic stays RAG unless the task is narrow."""
    answers = {**ALL_NO, "own_knowledge": "yes", "changes_often": "yes", "high_volume": "yes"}
    result = recommend({**answers, "narrow_task": narrow_task})
    assert result.approach == approach
    assert result.scores["fine-tuning"] == fine_tuning_score


def test_everything_unsure_is_a_default_whose_words_match_its_scores() -> None:
    """Assert that all "not sure" gives RAG labelled a default, and says why every score is 0%."""
    result = recommend({})
    assert (result.approach, result.basis) == ("rag", "default")
    assert set(result.scores.values()) == {0.0}
    assert "default" in result.headline and "RAG" in result.headline
    html = render_decision(result)
    assert escape(result.headline) in html and "a default, not the top score" in html
    assert "Your own data: not sure" in html and "own_knowledge" not in html


def test_answers_basis_keeps_the_plain_score_note() -> None:
    """Assert that a result the answers decided shows the plain scores note, not the default one."""
    html = render_decision(recommend({"changes_often": "yes"}))
    assert "Close values mean a close call" in html and "a default" not in html
    assert "Knowledge changes often: yes" in html


def test_every_question_has_a_distinct_label() -> None:
    """Assert that each question has its own short label for the reasons."""
    labels = [q.label for q in QUESTIONS]
    assert all(labels) and len(set(labels)) == len(labels)


def test_both_families_make_a_hybrid() -> None:
    """Assert that a RAG rule and a fine-tuning rule together give "hybrid", named last."""
    rag = next(r for r in RULES if r.points_to == "rag")
    ft = next(r for r in RULES if r.points_to == "fine-tuning")
    result = recommend({rag.key: "yes", ft.key: "yes"})
    assert result.approach == "hybrid"
    assert [r.rule for r in result.reasons] == [rag.id, ft.id, "hybrid"]
    assert result.scores["hybrid"] == min(result.scores["rag"], result.scores["fine-tuning"]) > 0


def test_all_no_means_prompt_engineering_first() -> None:
    """Assert that no need at all gives prompt engineering, with full support."""
    result = recommend(ALL_NO)
    assert result.approach == "prompt-engineering"
    assert result.scores["prompt-engineering"] == 1.0
    assert [r.rule for r in result.reasons] == ["no-need"]


@pytest.mark.parametrize("missing", ["ml_capacity", "training_examples"])
def test_team_without_capacity_or_examples_gets_a_staged_path(missing: str) -> None:
    """Assert that fine-tuning without ML capacity or examples puts preparation before training."""
    ready = {"behaviour": "yes", "ml_capacity": "yes", "training_examples": "yes"}
    ready_steps = recommend(ready).steps
    staged = recommend({**ready, missing: "no"})
    assert staged.approach == "fine-tuning"
    assert len(staged.steps) == len(ready_steps) + 1
    training = next(i for i, s in enumerate(staged.steps) if "LoRA" in s)
    preparation = next(i for i, s in enumerate(staged.steps) if s not in ready_steps)
    assert preparation < training
    assert len(staged.caveats) == len(recommend(ready).caveats) + 1


def test_prompting_tried_drops_the_prompt_baseline_step() -> None:
    """Assert that a team that already tried prompts is not told to start with them."""
    untried = recommend({"changes_often": "yes"}).steps
    tried = recommend({"changes_often": "yes", "prompting_tried": "yes"}).steps
    assert len(tried) == len(untried) - 1
    assert "prompt engineering" in untried[0] and "prompt engineering" not in tried[0]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"changes_often": "maybe"}, "changes_often"),
        ({"citations": "YES"}, "citations"),
        ({"colour": "yes"}, "colour"),
        ({"behaviour": None}, "behaviour"),
    ],
)
def test_bad_input_names_the_key(answers: dict, field: str) -> None:
    """Assert that a bad key or answer raises InputError (a ValueError) naming the key."""
    with pytest.raises(ValueError, match=field) as info:
        recommend(answers)
    assert isinstance(info.value, InputError)
    assert info.value.field == field


@given(answer_sets)
def test_any_valid_answers_give_one_explained_approach(answers: dict[str, str]) -> None:
    """Assert that every valid input gives exactly one approach, reasons, steps, scores in 0..1."""
    result = recommend(answers)
    assert result.approach in APPROACHES and result.basis in BASES
    assert result.reasons and result.steps
    # A recommendation the answers decided has support; one without is never shown as decided.
    if result.basis == "answers" and result.approach != "prompt-engineering":
        assert result.scores[result.approach] > 0
    assert set(result.scores) == set(APPROACHES)
    assert all(0.0 <= v <= 1.0 for v in result.scores.values())
    assert recommend(dict(answers)) == result  # deterministic
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()
    assert result.title in render_decision(result)


@given(answer_sets, st.sampled_from(KEYS), st.text().filter(lambda v: v not in ANSWERS))
def test_any_invalid_answer_is_rejected(answers: dict[str, str], key: str, bad: str) -> None:
    """Assert that an invalid answer for any key raises ValueError naming that key."""
    with pytest.raises(ValueError, match=key):
        recommend({**answers, key: bad})


@given(answer_sets, st.text(min_size=1).filter(lambda k: k not in KEYS))
def test_any_unknown_key_is_rejected(answers: dict[str, str], key: str) -> None:
    """Assert that an unknown key raises InputError naming it."""
    with pytest.raises(InputError) as info:
        recommend({**answers, key: "yes"})
    assert info.value.field == key


def test_rules_and_advice_are_well_formed() -> None:
    """Assert that every rule, fallback, step and caveat cites a source and refers to real keys."""
    assert len({r.id for r in RULES} | {f.id for f in FALLBACKS}) == len(RULES) + len(FALLBACKS)
    for rule in RULES:
        assert set(rule.keys) <= set(KEYS) and rule.points_to in ("rag", "fine-tuning") and rule.sources
    for fallback in FALLBACKS:
        assert fallback.approach in APPROACHES and fallback.sources
    for advice in (*STEPS, *CAVEATS):
        assert advice.applies_to <= set(APPROACHES) and advice.sources
        if advice.when is not None:
            assert advice.when[0] in KEYS and set(advice.when[1]) <= set(ANSWERS)


def test_every_question_feeds_something() -> None:
    """Assert that each question's answer can change a rule, fallback, step or caveat."""
    for question in QUESTIONS:
        assert question.feeds, question.key


def test_to_dict_is_json_ready() -> None:
    """Assert that to_dict survives a JSON round trip unchanged."""
    data = recommend({"changes_often": "yes"}).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["approach"] == "rag"
    assert data["reasons"][0]["answers"] == {"changes_often": "yes"}


def test_web_bridge_reports_results_and_field_errors() -> None:
    """Assert that the browser bridge returns the result or the field at fault."""
    ok = json.loads(handle(json.dumps({"call": "decide", "args": {"behaviour": "yes"}})))
    assert ok["ok"] and ok["result"]["approach"] == "fine-tuning"
    assert "Fine-tuning" in ok["html"]
    bad = json.loads(handle(json.dumps({"call": "decide", "args": {"behaviour": "often"}})))
    assert bad == {"ok": False, "error": {"field": "behaviour", "message": bad["error"]["message"]}}
    assert "yes, no, unsure" in bad["error"]["message"]
