"""The decision rule: RAG, fine-tuning, both (hybrid), or prompt engineering first.

The questions and rules below are the single source of truth for the
recommendation. The Decide page builds its form from :data:`QUESTIONS`, the
cheat-sheet page renders its table from :data:`RULES`, and the tests read both;
nothing restates them elsewhere.

The rule set follows the sources' cheat sheet (Learn Agentic Patterns, ``lap``):
needs about *knowledge* (it changes often, answers must cite it, the corpus is
large) point to RAG; needs about *behaviour* (tone, format, fast inference, one
narrow task) point to fine-tuning; needs of both kinds point to the hybrid;
neither points to prompt engineering first; and "not sure" points to starting
with RAG.

>>> recommend({"changes_often": "yes", "citations": "yes"}).approach
'rag'
>>> recommend({"changes_often": "yes", "behaviour": "yes"}).approach
'hybrid'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import InputError

__all__ = [
    "ANSWERS",
    "APPROACHES",
    "QUESTIONS",
    "RULES",
    "Question",
    "Reason",
    "Recommendation",
    "Rule",
    "recommend",
]

#: The allowed answers to every question. A missing answer counts as ``"unsure"``.
ANSWERS: tuple[str, ...] = ("yes", "no", "unsure")

#: Every approach :func:`recommend` can return, in the order to try them.
APPROACHES: tuple[str, ...] = ("prompt-engineering", "rag", "fine-tuning", "hybrid")

#: Display names of the approaches.
APPROACH_NAMES: dict[str, str] = {
    "prompt-engineering": "Prompt engineering first",
    "rag": "RAG",
    "fine-tuning": "Fine-tuning",
    "hybrid": "Hybrid: RAG and fine-tuning",
}


@dataclass(frozen=True)
class Question:
    """One yes / no / unsure question of the decision form.

    Attributes:
        key: The answer's key in :func:`recommend`'s mapping and the form
            field's ``name``.
        text: The question as the form asks it.
        help: One or two sentences that explain what a "yes" means.
        group: Which form section it belongs to: ``"knowledge"``,
            ``"behaviour"`` or ``"team"``.
    """

    key: str
    text: str
    help: str
    group: str


@dataclass(frozen=True)
class Rule:
    """One line of the cheat sheet: a "yes" to ``key`` points to ``points_to``.

    Attributes:
        id: Stable identifier; the cheat sheet's anchor is ``rule-<id>``.
        key: The question whose "yes" fires the rule.
        points_to: ``"rag"`` or ``"fine-tuning"``.
        condition: The need, in a few words, as the cheat sheet lists it.
        because: Why that need points where it does, in one sentence.
        sources: Source article identifiers, as listed in the guide's
            ``docs/data/sources.csv`` (e.g. ``"lap"`` for Learn Agentic Patterns).
    """

    id: str
    key: str
    points_to: str
    condition: str
    because: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Reason:
    """Why the recommendation came out as it did: one fired rule.

    Attributes:
        rule: The :attr:`Rule.id` that fired, or ``"not-sure"`` /
            ``"no-need"`` for the two fallbacks.
        text: The explanation shown to the reader.
        keys: The answer keys that fired it.
    """

    rule: str
    text: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    """The result of :func:`recommend`.

    Attributes:
        approach: One of :data:`APPROACHES`.
        answers: Every question's answer after defaults were filled in
            (key -> ``"yes"`` / ``"no"`` / ``"unsure"``).
        scores: Number of fired rules per approach family, keys ``"rag"`` and
            ``"fine-tuning"``; equal non-zero scores are what a hybrid means.
        reasons: The fired rules, in cheat-sheet order, or one fallback reason.
    """

    approach: str
    answers: dict[str, str]
    scores: dict[str, int]
    reasons: tuple[Reason, ...]

    @property
    def title(self) -> str:
        """The approach's display name, e.g. ``"Hybrid: RAG and fine-tuning"``."""
        return APPROACH_NAMES[self.approach]

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data.

        Returns:
            ``{"approach": str, "title": str, "answers": {key: answer},
            "scores": {"rag": int, "fine-tuning": int},
            "reasons": [{"rule": str, "text": str, "keys": [str]}]}``.
        """
        return {
            "approach": self.approach,
            "title": self.title,
            "answers": dict(self.answers),
            "scores": dict(self.scores),
            "reasons": [
                {"rule": r.rule, "text": r.text, "keys": list(r.keys)} for r in self.reasons
            ],
        }


QUESTIONS: tuple[Question, ...] = (
    Question(
        "own_knowledge",
        "Must answers come from your own documents or data?",
        "Yes if the model has to know things that live in your files, tickets, "
        "policies or databases rather than in public text.",
        "knowledge",
    ),
    Question(
        "changes_often",
        "Does that knowledge change often?",
        "Yes if documents, prices or policies are updated weekly or monthly, so "
        "anything frozen into a model would soon be out of date.",
        "knowledge",
    ),
    Question(
        "citations",
        "Must answers cite their sources?",
        "Yes if users, auditors or regulators need to see which document an "
        "answer came from.",
        "knowledge",
    ),
    Question(
        "large_corpus",
        "Is there a large body of documents, thousands or more?",
        "Yes if the material is far too big to put into a training set or a "
        "single prompt.",
        "knowledge",
    ),
    Question(
        "behaviour",
        "Do you need a consistent tone, voice or output format that prompting alone does not hold?",
        "Yes if instructions in the prompt keep drifting: the brand voice slips, "
        "or the JSON or report layout breaks now and then.",
        "behaviour",
    ),
    Question(
        "domain_terms",
        "Does the base model misread your domain's terminology?",
        "Yes if the model confuses jargon, abbreviations or codes that your "
        "field uses in a special sense.",
        "behaviour",
    ),
    Question(
        "narrow_task",
        "Is it one narrow, stable task, such as classification or extraction?",
        "Yes if the model does the same well-defined job on every request.",
        "behaviour",
    ),
    Question(
        "low_latency",
        "Is there no time for a retrieval step?",
        "Yes if every response must come back fast enough that a search before "
        "generation is too slow.",
        "behaviour",
    ),
    Question(
        "high_volume",
        "Is the request volume high enough that a smaller specialised model would pay off?",
        "Yes if serving cost at your volume would justify training a smaller "
        "model to do the job of a larger one.",
        "behaviour",
    ),
    Question(
        "training_examples",
        "Do about a thousand good input/output examples exist, or can they be curated?",
        "Yes if you could assemble high-quality prompt/completion pairs that "
        "show the behaviour you want.",
        "team",
    ),
    Question(
        "ml_capacity",
        "Can the team train, evaluate and maintain fine-tuned adapters?",
        "Yes if someone can run training jobs, build evaluation sets and "
        "retrain when the base model changes.",
        "team",
    ),
    Question(
        "prompting_tried",
        "Has prompt engineering alone been tried and found wanting?",
        "Yes if careful instructions and examples in the prompt were tried and "
        "still fall short.",
        "team",
    ),
)

RULES: tuple[Rule, ...] = (
    Rule(
        "own-knowledge",
        "own_knowledge",
        "rag",
        "Answers must come from your own data",
        "Retrieval hands the model your documents at query time, so it can use "
        "them without any retraining.",
        ("haink", "lap"),
    ),
    Rule(
        "changes-often",
        "changes_often",
        "rag",
        "Knowledge changes often",
        "Updating a RAG index picks up the newest version at once; a fine-tuned "
        "model would need another training run.",
        ("lap", "haink"),
    ),
    Rule(
        "citations",
        "citations",
        "rag",
        "Answers must cite sources",
        "RAG can show exactly which document each answer drew on; knowledge "
        "baked into weights cannot be traced that way.",
        ("lap", "haink"),
    ),
    Rule(
        "large-corpus",
        "large_corpus",
        "rag",
        "A large document corpus",
        "Thousands of documents fit in a search index far more easily than in "
        "a training set.",
        ("lap",),
    ),
    Rule(
        "behaviour",
        "behaviour",
        "fine-tuning",
        "A consistent tone, voice or format",
        "Fine-tuning changes how the model behaves, which is the one thing "
        "retrieval does not touch.",
        ("lap", "haink"),
    ),
    Rule(
        "low-latency",
        "low_latency",
        "fine-tuning",
        "Fast inference, no retrieval step",
        "A fine-tuned model answers directly, without a search before each "
        "response.",
        ("lap",),
    ),
    Rule(
        "narrow-task",
        "narrow_task",
        "fine-tuning",
        "One narrow, specific task",
        "A model trained on one well-defined job, possibly a smaller one, can "
        "match a larger general model at it.",
        ("lap",),
    ),
)

_QUESTION_KEYS = frozenset(q.key for q in QUESTIONS)


def recommend(answers: Mapping[str, str]) -> Recommendation:
    """Recommend an approach from yes / no / unsure answers.

    Each rule in :data:`RULES` fires when its question is answered ``"yes"``.
    RAG rules and fine-tuning rules that both fire give ``"hybrid"``; only one
    family gives ``"rag"`` or ``"fine-tuning"``. When no rule fires, any
    ``"unsure"`` answer to a rule's question gives ``"rag"`` (the cheat
    sheet's "not sure? start with RAG", source ``lap``), and a clear "no" to
    every rule's question gives ``"prompt-engineering"`` (source ``akoode``:
    start with prompt engineering, add RAG or fine-tuning only for a need).

    Args:
        answers: Question key -> ``"yes"``, ``"no"`` or ``"unsure"``. Keys are
            those of :data:`QUESTIONS`; a missing key counts as ``"unsure"``.

    Returns:
        A :class:`Recommendation` with the approach, the filled-in answers,
        the score per family and the reasons.

    Raises:
        InputError: (a :class:`ValueError`) for a key that is not a question,
            or an answer other than ``"yes"``, ``"no"`` or ``"unsure"``; the
            message names the key and the allowed values.
    """
    filled = _validated(answers)
    fired = [rule for rule in RULES if filled[rule.key] == "yes"]
    scores = {
        family: sum(1 for rule in fired if rule.points_to == family)
        for family in ("rag", "fine-tuning")
    }
    if scores["rag"] and scores["fine-tuning"]:
        approach = "hybrid"
    elif scores["rag"]:
        approach = "rag"
    elif scores["fine-tuning"]:
        approach = "fine-tuning"
    else:
        approach = ""
    reasons = tuple(
        Reason(rule.id, f"{rule.condition}: {rule.because}", (rule.key,)) for rule in fired
    )
    if not approach:
        unsure = tuple(rule.key for rule in RULES if filled[rule.key] == "unsure")
        if unsure:
            approach = "rag"
            reasons = (
                Reason(
                    "not-sure",
                    "Not sure yet: start with RAG. It is quicker to set up, cheaper "
                    "to iterate on and needs no retraining when your data changes.",
                    unsure,
                ),
            )
        else:
            approach = "prompt-engineering"
            reasons = (
                Reason(
                    "no-need",
                    "No need for your own knowledge or a new behaviour: a general "
                    "model with careful prompts is the place to start.",
                    tuple(rule.key for rule in RULES),
                ),
            )
    return Recommendation(approach, filled, scores, reasons)


def _validated(answers: Mapping[str, str]) -> dict[str, str]:
    """Return every question's answer, defaults filled in, or raise InputError."""
    if not isinstance(answers, Mapping):
        raise InputError("answers", "expected a mapping of question key to answer")
    for key, value in answers.items():
        if key not in _QUESTION_KEYS:
            raise InputError(
                str(key), f"unknown question; allowed keys: {', '.join(q.key for q in QUESTIONS)}"
            )
        if value not in ANSWERS:
            raise InputError(key, f"got {value!r}; allowed answers: {', '.join(ANSWERS)}")
    return {q.key: answers.get(q.key, "unsure") for q in QUESTIONS}
