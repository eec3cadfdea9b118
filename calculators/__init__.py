"""Calculators for the RAG or Fine-Tune? guide.

Pure functions on the standard library only, with no I/O, so the same code
runs natively (tests, command line, the site build) and in the browser
through Pyodide.
"""

from .cost import (
    COST_APPROACHES,
    COST_INPUTS,
    MID_SIZE_TRAINING_USD,
    PRESETS,
    CostEstimate,
    CostInput,
    CostSeries,
    estimate_cost,
    inputs_from_decision,
    parse_range,
)
from .decision import (
    ANSWER_WORDS,
    ANSWERS,
    APPROACHES,
    BASES,
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
from .render import render_cost, render_decision

__all__ = [
    "ANSWER_WORDS",
    "ANSWERS",
    "APPROACHES",
    "BASES",
    "CAVEATS",
    "COST_APPROACHES",
    "COST_INPUTS",
    "FALLBACKS",
    "MID_SIZE_TRAINING_USD",
    "PRESETS",
    "QUESTIONS",
    "RULES",
    "STEPS",
    "Advice",
    "CostEstimate",
    "CostInput",
    "CostSeries",
    "Fallback",
    "InputError",
    "Question",
    "Reason",
    "Recommendation",
    "Rule",
    "estimate_cost",
    "inputs_from_decision",
    "parse_range",
    "recommend",
    "render_cost",
    "render_decision",
]
