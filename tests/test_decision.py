"""Unit tests of calculators.decision; these also run inside Pyodide."""

from __future__ import annotations

import json

import pytest

from calculators import APPROACHES, QUESTIONS, RULES, InputError, recommend
from calculators.web import handle
from decision_cases import DECISION_CASES


@pytest.mark.parametrize(
    ("answers", "approach"),
    [pytest.param(a, ap, id=case) for case, a, ap in DECISION_CASES],
)
def test_recommend_cases(answers: dict[str, str], approach: str) -> None:
    """Assert each source scenario gets the expected approach, with reasons."""
    result = recommend(answers)
    assert result.approach == approach
    assert result.reasons
    assert set(result.answers) == {q.key for q in QUESTIONS}


def test_missing_answers_count_as_unsure() -> None:
    """Assert that an empty mapping is read as every answer being unsure."""
    assert recommend({}).answers == {q.key: "unsure" for q in QUESTIONS}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_each_rule_alone_points_where_it_says(rule) -> None:
    """Assert that a single "yes", every other answer "no", gives the rule's approach."""
    answers = {q.key: "no" for q in QUESTIONS}
    answers[rule.key] = "yes"
    result = recommend(answers)
    assert result.approach == rule.points_to
    assert [r.rule for r in result.reasons] == [rule.id]


def test_both_families_make_a_hybrid() -> None:
    """Assert that a RAG rule and a fine-tuning rule together give "hybrid"."""
    rag = next(r for r in RULES if r.points_to == "rag")
    ft = next(r for r in RULES if r.points_to == "fine-tuning")
    result = recommend({rag.key: "yes", ft.key: "yes"})
    assert result.approach == "hybrid"
    assert result.scores == {"rag": 1, "fine-tuning": 1}


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


def test_rules_are_well_formed() -> None:
    """Assert that every rule cites a source, feeds a real question, and points to an approach."""
    keys = {q.key for q in QUESTIONS}
    assert len({r.id for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.key in keys
        assert rule.points_to in APPROACHES
        assert rule.sources


def test_to_dict_is_json_ready() -> None:
    """Assert that to_dict survives a JSON round trip unchanged."""
    data = recommend({"changes_often": "yes"}).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["approach"] == "rag"


def test_web_bridge_reports_results_and_field_errors() -> None:
    """Assert that the browser bridge returns the result or the field at fault."""
    ok = json.loads(handle(json.dumps({"call": "decide", "args": {"behaviour": "yes"}})))
    assert ok["ok"] and ok["result"]["approach"] == "fine-tuning"
    assert "Fine-tuning" in ok["html"]
    bad = json.loads(handle(json.dumps({"call": "decide", "args": {"behaviour": "often"}})))
    assert bad == {"ok": False, "error": {"field": "behaviour", "message": bad["error"]["message"]}}
    assert "yes, no, unsure" in bad["error"]["message"]
