"""The decision rule: RAG, fine-tuning, both (hybrid), or prompt engineering first.

The data and the engine each have a module; this package puts them together:

- :mod:`.model`: the shapes (questions, rules, gates, advice, the result);
- :mod:`.questions`: the Decide page's questions (:data:`QUESTIONS`);
- :mod:`.rules`: the cheat sheet's rules, gates and fallbacks
  (:data:`RULES`, :data:`GATES`, :data:`FALLBACKS`);
- :mod:`.advice`: the steps and caveats (:data:`STEPS`, :data:`CAVEATS`);
- :mod:`.engine`: :func:`recommend`, with one function per gate condition.

They are the single source of truth for the recommendation: the Decide page
builds its form from :data:`QUESTIONS`, the cheat sheet renders its tables
from :data:`RULES`, :data:`GATES`, :data:`FALLBACKS`, :data:`STEPS` and
:data:`CAVEATS`, and the tests read them. Adding a rule or a gate touches its
data entry, its condition and its tests, and no page, hook or script.

>>> recommend({"changes_often": "yes", "citations": "yes"}).approach
'rag'
>>> recommend({"changes_often": "yes", "behaviour": "yes", "prompting_tried": "yes"}).approach
'hybrid'
>>> recommend({"behaviour": "yes"}).gate.label
'Prompt first'
"""

from __future__ import annotations

from dataclasses import replace

from .advice import CAVEATS, STEPS
from .engine import recommend
from .model import (
    ANSWER_WORDS,
    ANSWERS,
    APPROACH_IN_TEXT,
    APPROACH_NAMES,
    APPROACHES,
    BASES,
    Advice,
    Choice,
    Fallback,
    Gate,
    Need,
    Question,
    Reason,
    Recommendation,
    Rule,
)
from .questions import QUESTIONS as _QUESTIONS
from .rules import FALLBACKS, GATES, RULES

__all__ = [
    "ANSWERS",
    "ANSWER_WORDS",
    "APPROACHES",
    "APPROACH_IN_TEXT",
    "APPROACH_NAMES",
    "BASES",
    "CAVEATS",
    "FALLBACKS",
    "GATES",
    "QUESTIONS",
    "RULES",
    "STEPS",
    "Advice",
    "Choice",
    "Fallback",
    "Gate",
    "Need",
    "Question",
    "Reason",
    "Recommendation",
    "Rule",
    "recommend",
]


def _fed_by(key: str) -> tuple[str, ...]:
    """The ids of everything a question's answer can change."""
    rules = [r.id for r in RULES if key in r.keys]
    gates = [g.id for g in GATES if key in g.keys]
    fallbacks = [f.id for f in FALLBACKS if key in f.keys]
    advice = [a.id for a in (*STEPS, *CAVEATS) if any(k == key for k, _ in a.when)]
    return (*rules, *gates, *fallbacks, *advice)


#: The questions, each with what its answer feeds (:attr:`Question.feeds`).
QUESTIONS: tuple[Question, ...] = tuple(replace(q, feeds=_fed_by(q.key)) for q in _QUESTIONS)
