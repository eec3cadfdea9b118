"""Tests of the controlled studies and of the decision rule checked against each.

These run natively and again inside Pyodide (tests/test_pyodide.py), so a
change to the rule that contradicts a study fails in both places.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import calculators
from calculators.studies import (
    STUDIES,
    check_study,
    related_studies,
    render_related_studies,
    studies_for_rule,
)
from study_cases import RELATED_CASES, STUDIES_BY_RULE

SOURCES_CSV = Path(__file__).resolve().parent.parent / "docs" / "data" / "sources.csv"
QUESTION_KEYS = [q.key for q in calculators.QUESTIONS]


def _sources() -> dict[str, dict[str, str]]:
    with SOURCES_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize("study", STUDIES, ids=lambda s: s.id)
def test_finding_and_rule_agree_or_the_study_says_why(study: calculators.Study) -> None:
    """Assert that the rule recommends, for a study's setting, the approach the study's finding
    favours, or else that the study says why they differ; and that no explanation outlives a
    disagreement the rule no longer has."""
    check = check_study(study)
    if check.agrees:
        assert study.explanation == "", (
            f"{study.id}: the rule now recommends {check.recommendation.approach}, as the study "
            "favours; remove the explanation of a difference that is gone"
        )
    else:
        assert study.explanation.strip(), (
            f"{study.id}: the rule recommends {check.recommendation.approach} for the study's "
            f"setting, the study favours {study.favours}; say why in the study's explanation, "
            "or change the rule"
        )


@pytest.mark.parametrize("study", STUDIES, ids=lambda s: s.id)
def test_setting_is_a_valid_set_of_decide_answers(study: calculators.Study) -> None:
    """Assert that a study's setting answers known questions, each once and in the form's order,
    with an allowed answer and a one-sentence reason, and favours a known approach."""
    keys = [a.key for a in study.setting]
    assert keys == [k for k in QUESTION_KEYS if k in keys], f"{study.id}: unknown, repeated or out-of-order keys"
    for answer in study.setting:
        assert answer.answer in calculators.ANSWERS, f"{study.id}: {answer.key}={answer.answer!r}"
        assert answer.why[:1].isupper() and answer.why.endswith("."), f"{study.id}: {answer.key} reason"
    assert study.favours in calculators.APPROACHES
    assert study.finding.endswith(".")


def test_disagreeing_study_is_the_one_worked_out_by_hand() -> None:
    """Assert that, under today's rule, only Balaguer et al.'s hybrid finding differs from the
    rule's RAG for its setting (fine-tuning added facts there, which the rule does not weigh)."""
    differing = {c.study.id: c.recommendation.approach for c in map(check_study, STUDIES) if not c.agrees}
    assert differing == {"study-balaguer": "rag"}


@pytest.mark.parametrize("study", STUDIES, ids=lambda s: s.id)
def test_each_study_is_a_dated_reference_in_sources_csv(study: calculators.Study) -> None:
    """Assert that each study has a reference row in sources.csv under its id, with the same
    name, an https address and the date we read it."""
    row = _sources()[study.id]
    assert row["kind"] == "reference"
    assert row["short"] == study.name
    assert row["address"].startswith("https://")
    assert row["read"] == "2026-12-06"


@pytest.mark.parametrize(("answers", "expected"), [pytest.param(a, e, id=c) for c, a, e in RELATED_CASES])
def test_related_studies_share_the_deciding_answers(answers: dict[str, str], expected: list[str]) -> None:
    """Assert that the Decide result lists the studies whose setting fires a rule that decided it,
    the one sharing most first, and none when no rule decided it."""
    assert [s.id for s in related_studies(calculators.recommend(answers))] == expected


@pytest.mark.parametrize(("rule_id", "expected"), list(STUDIES_BY_RULE.items()))
def test_studies_for_rule(rule_id: str, expected: list[str]) -> None:
    """Assert that each cheat-sheet rule lists the studies whose setting it applies to."""
    assert [s.id for s in studies_for_rule(rule_id)] == expected


def test_decide_result_links_to_each_related_study() -> None:
    """Assert that the Decide result's HTML links each related study to its entry on the studies
    page, names the answers it shares and whether the rule agrees with it."""
    html = calculators.render_decision(calculators.recommend(RELATED_CASES[2][1]))
    assert "What studies found for cases like yours" in html
    assert '<a href="../studies/#study-loraland">Predibase: LoRA Land (2024)</a>' in html
    assert '<a href="../studies/#study-raft">' in html
    assert "(One narrow, stable task: yes)" in html
    assert html.count("The rule agrees.") == 2


def test_decide_result_says_when_no_study_shares_its_answers() -> None:
    """Assert that a result no rule decided says so, lists no study, and still links to the page."""
    html = render_related_studies(calculators.recommend({}))
    assert "No study on the page shares the answers that decided this result." in html
    assert "<li>" not in html
    assert '<a href="../studies/">What the studies found</a>' in html


def test_disagreeing_study_is_marked_in_the_decide_result() -> None:
    """Assert that a related study whose finding the rule does not follow is marked as such."""
    html = render_related_studies(calculators.recommend(RELATED_CASES[0][1]))
    item = html.split('href="../studies/#study-balaguer"', 1)[1].split("</li>", 1)[0]
    assert "The rule differs here; the entry says why." in item
