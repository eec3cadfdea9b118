"""Unit tests of calculators.decision; these also run inside Pyodide.

Expected answers are written here or in decision_cases.py by hand, never
read from the rule under test.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import (
    APPROACHES,
    BASES,
    CAVEATS,
    FALLBACKS,
    GATES,
    QUESTIONS,
    RULES,
    STEPS,
    InputError,
    recommend,
    render_decision,
)
from calculators.web import handle
from decision_cases import DECISION_BASIS, DECISION_CASES, DECISION_GATE

KEYS = [q.key for q in QUESTIONS]
ALL_NO = {key: "no" for key in KEYS}
#: A team that tried prompting (it fell short), has examples and people to train.
READY = {**ALL_NO, "prompting_tried": "yes", "training_examples": "yes", "ml_capacity": "yes"}

#: Any valid answers: a subset of the keys, each with one of its question's answers.
answer_sets = st.builds(
    dict,
    st.lists(
        st.sampled_from(QUESTIONS).flatmap(lambda q: st.tuples(st.just(q.key), st.sampled_from(q.answers))),
        max_size=len(QUESTIONS),
    ),
)


@pytest.mark.parametrize(("answers", "approach"), [pytest.param(a, ap, id=case) for case, a, ap in DECISION_CASES])
def test_recommend_cases(answers: dict[str, str], approach: str, request: pytest.FixtureRequest) -> None:
    """Assert each situation gets the approach, basis, gate and next step its case expects."""
    case = request.node.callspec.id
    result = recommend(answers)
    gate, then = DECISION_GATE[case]
    assert (result.approach, result.basis) == (approach, DECISION_BASIS[case])
    assert (result.gate.id if result.gate else None, result.then) == (gate, then)
    assert result.reasons and result.steps
    assert set(result.answers) == set(KEYS)


def test_missing_answers_count_as_unsure() -> None:
    """Assert that an empty mapping is read as every answer being unsure."""
    assert recommend({}).answers == {key: "unsure" for key in KEYS}


#: Rule id -> (expected approach, fired rule ids) when only that rule's
#: questions are "yes", for a team that tried prompting and can train.
RULE_ALONE_READY = {
    "own-knowledge": ("rag", ["own-knowledge"]),
    "changes-often": ("rag", ["changes-often"]),
    "citations": ("rag", ["citations"]),
    "large-corpus": ("rag", ["large-corpus"]),
    "behaviour": ("fine-tuning", ["behaviour"]),
    "domain-terms": ("fine-tuning", ["domain-terms"]),
    "narrow-task": ("fine-tuning", ["narrow-task"]),
    "low-latency": ("fine-tuning", ["low-latency"]),
    "high-volume": ("fine-tuning", ["narrow-task", "high-volume"]),
}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_each_rule_alone_for_a_ready_team(rule) -> None:
    """Assert the approach and fired rules written in RULE_ALONE_READY for each rule on its own."""
    approach, fired = RULE_ALONE_READY[rule.id]
    result = recommend({**READY, **{key: "yes" for key in rule.keys}})
    assert result.approach == approach and result.basis == "answers" and result.gate is None
    assert [r.rule for r in result.reasons if r.kind == "rule"] == fired


#: Rule id -> (approach, gate, next step) for the same rule on its own, with
#: prompting untried and neither examples nor people: a need a prompt can
#: meet gives prompt engineering first; high volume cannot be met in a
#: prompt, so the team's lack decides; knowledge that changes, must be cited
#: or is large keeps RAG.
RULE_ALONE_UNTRIED = {
    "own-knowledge": ("prompt-engineering", "prompt-first", "rag"),
    "changes-often": ("rag", None, None),
    "citations": ("rag", None, None),
    "large-corpus": ("rag", None, None),
    "behaviour": ("prompt-engineering", "prompt-first", "fine-tuning"),
    "domain-terms": ("prompt-engineering", "prompt-first", "fine-tuning"),
    "narrow-task": ("prompt-engineering", "prompt-first", "fine-tuning"),
    "low-latency": ("prompt-engineering", "prompt-first", "fine-tuning"),
    "high-volume": ("prompt-engineering", "feasible-now", "fine-tuning"),
}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_each_rule_alone_for_an_untried_team(rule) -> None:
    """Assert the approach, gate and next step written in RULE_ALONE_UNTRIED for each rule."""
    result = recommend({**ALL_NO, **{key: "yes" for key in rule.keys}})
    assert (result.approach, result.gate.id if result.gate else None, result.then) == RULE_ALONE_UNTRIED[rule.id]


@pytest.mark.parametrize(("narrow_task", "approach"), [("yes", "fine-tuning"), ("no", "rag")])
def test_high_volume_counts_only_with_a_narrow_task(narrow_task: str, approach: str) -> None:
    """Assert that high volume fires its rule with a narrow task, and alone falls to the next step."""
    result = recommend({**READY, "high_volume": "yes", "narrow_task": narrow_task})
    assert result.approach == approach
    assert ("high-volume" in [r.rule for r in result.reasons]) == (narrow_task == "yes")


@pytest.mark.parametrize(
    ("narrow_task", "approach", "scores"),
    [
        # Needs: your own data, changing knowledge. RAG answers both.
        ("no", "rag", {"prompt-engineering": 0.0, "rag": 1.0, "fine-tuning": 0.0, "hybrid": 1.0}),
        ("unsure", "rag", {"prompt-engineering": 0.0, "rag": 1.0, "fine-tuning": 0.0, "hybrid": 1.0}),
        # Needs: own data, changing knowledge, narrow task, high volume on it. The hybrid
        # answers three of four (not volume), fine-tuning and RAG two each.
        ("yes", "hybrid", {"prompt-engineering": 0.0, "rag": 0.5, "fine-tuning": 0.5, "hybrid": 0.75}),
    ],
)
def test_high_traffic_knowledge_assistant(narrow_task: str, approach: str, scores: dict) -> None:
    """Assert that a live knowledge assistant with high traffic stays RAG unless the task is narrow,
    with the hand-counted share of needs each approach answers."""
    answers = {**READY, "own_knowledge": "yes", "changes_often": "yes", "high_volume": "yes"}
    result = recommend({**answers, "narrow_task": narrow_task})
    assert result.approach == approach
    assert result.scores == scores


def test_scores_are_shares_of_the_named_needs_with_what_each_leaves_out() -> None:
    """Assert hand-counted scores for the fast-changing code base: four needs (own data,
    changing, large, fast); RAG and the hybrid answer three, fine-tuning and a prompt one."""
    result = recommend({**ALL_NO, "own_knowledge": "yes", "changes_often": "yes",
                        "large_corpus": "yes", "low_latency": "yes", "prompting_tried": "unsure"})
    assert result.scores == {"prompt-engineering": 0.25, "rag": 0.75, "fine-tuning": 0.25, "hybrid": 0.75}
    assert result.unmet["rag"] == ("Fast inference, no retrieval step",)
    assert result.unmet["fine-tuning"] == (
        "Answers must come from your own data", "Knowledge changes often", "A large document corpus",
    )
    # The hybrid reads as high as RAG, so it says why it was not chosen; the others read lower.
    assert set(result.not_chosen) == {"hybrid"} and "retrieval step" in result.not_chosen["hybrid"]


def test_no_need_named_scores_nothing() -> None:
    """Assert that all "no" gives prompt engineering, all scores 0.0, and the note says so."""
    result = recommend(ALL_NO)
    assert (result.approach, result.basis) == ("prompt-engineering", "answers")
    assert set(result.scores.values()) == {0.0} and result.needs == () and result.not_chosen == {}
    assert [r.rule for r in result.reasons] == ["no-need"]
    assert "You ruled out every need" in render_decision(result)


def test_everything_unsure_is_a_default_whose_words_match_its_scores() -> None:
    """Assert that all "not sure" gives RAG labelled a default, and says why every score is 0%."""
    result = recommend({})
    assert (result.approach, result.basis) == ("rag", "default")
    assert set(result.scores.values()) == {0.0}
    assert result.headline.startswith("A default, not a finding") and "RAG" in result.headline
    html = render_decision(result)
    assert "a default, not the top score" in html and 'data-gate' not in html
    assert "Your own data: not sure" in html and "own_knowledge" not in html


def test_prompting_fell_short_is_checked_before_the_default() -> None:
    """Assert that "prompting tried and fell short", every other answer unsure, is the next step
    after prompting, not the default (a mutation that swapped the two checks went unnoticed)."""
    result = recommend({"prompting_tried": "yes"})
    assert (result.approach, result.basis) == ("rag", "next-step")
    assert [r.rule for r in result.reasons] == ["prompting-fell-short"]
    assert result.headline == "No need named yet, but prompting fell short: RAG is the next step to try."


def test_answers_basis_explains_the_scores() -> None:
    """Assert that a result the answers decided explains what its scores measure, in words."""
    html = render_decision(recommend({"changes_often": "yes"}))
    assert "share of the needs you named" in html and "a default" not in html
    assert "Knowledge changes often: yes" in html


def test_every_question_has_a_distinct_label() -> None:
    """Assert that each question has its own short label for the reasons."""
    labels = [q.label for q in QUESTIONS]
    assert all(labels) and len(set(labels)) == len(labels)


def test_both_families_make_a_hybrid() -> None:
    """Assert that a RAG rule and a behaviour rule together give "hybrid", the combination named last."""
    result = recommend({**READY, "citations": "yes", "behaviour": "yes"})
    assert result.approach == "hybrid"
    assert [r.rule for r in result.reasons] == ["citations", "behaviour", "hybrid"]
    assert result.scores == {"prompt-engineering": 0.0, "rag": 0.5, "fine-tuning": 0.5, "hybrid": 1.0}


@pytest.mark.parametrize("missing", ["ml_capacity", "training_examples"])
def test_team_unsure_of_capacity_or_examples_gets_a_staged_path(missing: str) -> None:
    """Assert that fine-tuning with ML capacity or examples unsure puts one preparation step
    before the LoRA step; "unsure" is no "no", so fine-tuning stays the recommendation."""
    ready = {**READY, "behaviour": "yes"}
    staged = recommend({**ready, missing: "unsure"})
    assert staged.approach == "fine-tuning" and staged.gate is None
    assert len(staged.steps) == len(recommend(ready).steps) + 1
    preparation = next(i for i, s in enumerate(staged.steps) if s.startswith("Before any training run"))
    training = next(i for i, s in enumerate(staged.steps) if "LoRA" in s)
    assert preparation < training


def test_prompting_tried_drops_the_prompt_baseline_step() -> None:
    """Assert that a team that already tried prompts is not told to start with them."""
    untried = recommend({"changes_often": "yes"}).steps
    tried = recommend({"changes_often": "yes", "prompting_tried": "yes"}).steps
    assert len(tried) == len(untried) - 1
    assert untried[0].startswith("Start with prompt engineering") and not tried[0].startswith("Start with")


@pytest.mark.parametrize(
    ("answers", "field", "allowed"),
    [
        ({"changes_often": "maybe"}, "changes_often", "yes, no, unsure"),
        ({"citations": "YES"}, "citations", "yes, no, unsure"),
        ({"citations": "format"}, "citations", "yes, no, unsure"),
        ({"behaviour": "costly"}, "behaviour", "yes, format, no, unsure"),
        ({"prompting_tried": "format"}, "prompting_tried", "yes, costly, no, unsure"),
        ({"colour": "yes"}, "colour", "own_knowledge"),
        ({"behaviour": None}, "behaviour", "yes, format, no, unsure"),
    ],
)
def test_bad_input_names_the_key_and_its_allowed_answers(answers: dict, field: str, allowed: str) -> None:
    """Assert that a bad key or answer raises InputError (a ValueError) naming the key and what it allows."""
    with pytest.raises(ValueError, match=field) as info:
        recommend(answers)
    assert isinstance(info.value, InputError)
    assert info.value.field == field and allowed in str(info.value)


def test_answers_must_be_a_mapping() -> None:
    """Assert that anything but a mapping is refused with a message naming "answers"."""
    with pytest.raises(InputError) as info:
        recommend([("behaviour", "yes")])
    assert info.value.field == "answers"


@given(answer_sets)
def test_any_valid_answers_give_one_explained_approach(answers: dict[str, str]) -> None:
    """Assert that every valid input gives one approach with reasons and steps; that each score is
    the share of named needs it answers (so it agrees with the needs it leaves out); and that every
    approach reading as high as the recommendation says why it was not chosen."""
    result = recommend(answers)
    assert result.approach in APPROACHES and result.basis in BASES
    assert result.reasons and result.steps
    assert set(result.scores) == set(APPROACHES)
    for approach in APPROACHES:
        left_out = len(result.unmet[approach])
        expected = round(1 - left_out / len(result.needs), 2) if result.needs else 0.0
        assert result.scores[approach] == expected
    top = result.scores[result.approach]
    as_high = {a for a in APPROACHES if a != result.approach and result.scores[a] >= top} if result.needs else set()
    assert set(result.not_chosen) == as_high and all(result.not_chosen.values())
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()
    assert result.title in render_decision(result)


@given(answer_sets)
def test_training_is_never_recommended_to_a_team_that_cannot_train(answers: dict[str, str]) -> None:
    """Assert the gates' promises on any answers: no training run for a team that answered "no" to
    examples or people; no training before a prompt when every need fits one; a staged next step
    only with the gate that stages it; and the gate sentence in the page."""
    result = recommend(answers)
    filled = result.answers
    if "no" in (filled["training_examples"], filled["ml_capacity"]):
        assert result.approach not in ("fine-tuning", "hybrid")
    if result.gate is None:
        assert result.then is None and result.gate_text == ""
    else:
        assert result.gate_text.startswith(result.gate.label + ": ")
        assert f'data-gate="{result.gate.id}"' in render_decision(result)
    if result.then is not None:
        assert result.gate.id in ("prompt-first", "feasible-now") and result.then != result.approach
    if result.approach in ("fine-tuning", "hybrid") and filled["prompting_tried"] in ("no", "unsure"):
        assert any("prompt-engineering" not in n.answered_by for n in result.needs)


@given(answer_sets, st.sampled_from(KEYS), st.text())
def test_any_invalid_answer_is_rejected(answers: dict[str, str], key: str, bad: str) -> None:
    """Assert that an answer its question does not allow raises ValueError naming that key."""
    if bad in next(q for q in QUESTIONS if q.key == key).answers:
        return
    with pytest.raises(ValueError, match=key):
        recommend({**answers, key: bad})


@given(answer_sets, st.text(min_size=1).filter(lambda k: k not in KEYS))
def test_any_unknown_key_is_rejected(answers: dict[str, str], key: str) -> None:
    """Assert that an unknown key raises InputError naming it."""
    with pytest.raises(InputError) as info:
        recommend({**answers, key: "yes"})
    assert info.value.field == key


def test_rules_gates_and_advice_are_well_formed() -> None:
    """Assert that every rule, gate, fallback, step and caveat cites a source and refers to real keys."""
    ids = [r.id for r in RULES] + [f.id for f in FALLBACKS]
    assert len(set(ids)) == len(ids) and len({g.id for g in GATES}) == len(GATES) == 4
    answers = {q.key: set(q.answers) for q in QUESTIONS}
    for rule in RULES:
        assert set(rule.keys) <= set(KEYS) and rule.points_to in ("rag", "fine-tuning") and rule.sources
    for gate in GATES:
        assert set(gate.keys) <= set(KEYS) and gate.sources and gate.label and gate.text
    for fallback in FALLBACKS:
        assert fallback.approach in APPROACHES and fallback.sources and set(fallback.keys) <= set(KEYS)
    for advice in (*STEPS, *CAVEATS):
        assert advice.applies_to <= set(APPROACHES) and advice.sources
        for key, allowed in advice.when:
            assert set(allowed) <= answers[key], advice.id


def test_every_question_feeds_something() -> None:
    """Assert that each question's answer can change a rule, gate, fallback, step or caveat."""
    for question in QUESTIONS:
        assert question.feeds, question.key


def test_to_dict_keeps_its_keys_and_adds_the_gate() -> None:
    """Assert that to_dict keeps the first version's keys and adds gate, then, needs, unmet and not_chosen."""
    data = recommend({"own_knowledge": "yes", "large_corpus": "no"}).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["approach"] == "prompt-engineering" and data["then"] == "rag"
    assert data["gate"] == {
        "id": "prompt-first",
        "label": "Prompt first",
        "text": "Prompt first: prompting has not been tried yet or has not fallen short, and every need "
        "you named can be met in a prompt, so measure a prompt before building anything.",
    }
    assert data["reasons"][0]["answers"] == {"own_knowledge": "yes"}
    assert data["needs"] == [{"id": "own-knowledge", "label": "Answers must come from your own data",
                              "answered_by": ["prompt-engineering", "rag", "hybrid"]}]
    assert recommend({"changes_often": "yes"}).to_dict()["gate"] is None


def test_web_bridge_reports_results_and_field_errors() -> None:
    """Assert that the browser bridge returns the result or the field at fault."""
    ok = json.loads(handle(json.dumps({"call": "decide", "args": {"behaviour": "yes", "prompting_tried": "yes"}})))
    assert ok["ok"] and ok["result"]["approach"] == "fine-tuning"
    assert "Fine-tuning" in ok["html"]
    bad = json.loads(handle(json.dumps({"call": "decide", "args": {"behaviour": "often"}})))
    assert bad == {"ok": False, "error": {"field": "behaviour", "message": bad["error"]["message"]}}
    assert "yes, format, no, unsure" in bad["error"]["message"]


def test_to_dict_for_one_case_written_out() -> None:
    """Assert the whole JSON of one small result, written out by hand, so every key and value
    the page, the command line and the record read is pinned."""
    data = recommend({**READY, "behaviour": "format"}).to_dict()
    del data["answers"], data["steps"]  # answers are READY plus behaviour; steps are checked elsewhere
    assert data == {
        "approach": "prompt-engineering",
        "title": "Prompt engineering first",
        "scores": {"prompt-engineering": 1.0, "rag": 1.0, "fine-tuning": 1.0, "hybrid": 1.0},
        "reasons": [
            {
                "rule": "format-first",
                "condition": "Format before training",
                "because": "a strict schema is what structured outputs and constrained decoding "
                "guarantee, and fine-tuning does not, so use them first.",
                "answers": {"behaviour": "format"},
                "kind": "gate",
                "sources": ["ref-anthropic-structured-outputs", "ref-vllm-structured-outputs"],
            }
        ],
        "caveats": [],
        "basis": "answers",
        "headline": "Your answers point to prompt engineering, with structured outputs or "
        "constrained decoding for the format.",
        "gate": {
            "id": "format-first",
            "label": "Format before training",
            "text": "Format before training: a strict schema is what structured outputs and "
            "constrained decoding guarantee, and fine-tuning does not, so use them first.",
        },
        "then": None,
        "needs": [
            {
                "id": "format",
                "label": "A strict output format (a schema)",
                "answered_by": ["prompt-engineering", "rag", "fine-tuning", "hybrid"],
            }
        ],
        "unmet": {"prompt-engineering": [], "rag": [], "fine-tuning": [], "hybrid": []},
        "not_chosen": {
            "rag": "It answers no need that prompt engineering leaves out.",
            "fine-tuning": "It answers no need that prompt engineering leaves out.",
            "hybrid": "It answers no need that prompt engineering leaves out.",
        },
    }


@pytest.mark.parametrize(
    ("key", "feeds"),
    [
        ("prompting_tried", ("prompt-first", "prompting-fell-short", "prompting-too-costly",
                             "prompt-baseline", "cut-prompt-cost")),
        ("large_corpus", ("large-corpus", "prompt-first", "knowledge-in-prompt")),
        ("ml_capacity", ("feasible-now", "secure-ml-capacity", "secure-ml-capacity-in-house", "no-ml-capacity")),
        ("own_network", ("secure-ml-capacity", "secure-ml-capacity-in-house", "own-network",
                         "adapter-maintenance", "adapter-maintenance-in-house")),
        ("narrow_task", ("narrow-task", "high-volume", "cheaper-classifiers")),
    ],
)
def test_each_question_lists_what_its_answer_feeds(key: str, feeds: tuple[str, ...]) -> None:
    """Assert, written out, which rules, gates, fallbacks, steps and caveats an answer can change."""
    from calculators.decision import _fed_by

    assert _fed_by(key) == feeds
    assert next(q for q in QUESTIONS if q.key == key).feeds == feeds
