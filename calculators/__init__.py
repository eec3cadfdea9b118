"""Calculators for the RAG or Fine-Tune? guide.

Pure functions on the standard library only, with no I/O, so the same code
runs natively (tests, command line, the site build) and in the browser
through Pyodide.
"""

from .decision import (
    ANSWERS,
    APPROACHES,
    CAVEATS,
    FALLBACKS,
    QUESTIONS,
    RULES,
    STEPS,
    Advice,
    Fallback,
    Question,
    Reason,
    Recommendation,
    Rule,
    recommend,
)
from .errors import InputError
from .render import render_decision

__all__ = [
    "ANSWERS",
    "APPROACHES",
    "CAVEATS",
    "FALLBACKS",
    "QUESTIONS",
    "RULES",
    "STEPS",
    "Advice",
    "Fallback",
    "InputError",
    "Question",
    "Reason",
    "Recommendation",
    "Rule",
    "recommend",
    "render_decision",
]
