"""Calculators for the RAG or Fine-Tune? guide.

Pure functions on the standard library only, with no I/O, so the same code
runs natively (tests, command line, the site build) and in the browser
through Pyodide.
"""

from .cost import (
    AKOODE_LIFECYCLE_MULTIPLE,
    COST_APPROACHES,
    COST_INPUTS,
    COST_LINES,
    DECISION_ADJUSTMENTS,
    HOURS_PER_MONTH,
    MID_SIZE_TRAINING_USD,
    PRESETS,
    REPLACED_INPUTS,
    CostEstimate,
    CostInput,
    CostSeries,
    DecisionAdjustment,
    Preset,
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
from .record import render_record
from .scenarios import MAX_SCENARIOS, compare_scenarios, render_scenarios
from .render import render_cost, render_decision

__all__ = [
    "ANSWER_WORDS",
    "AKOODE_LIFECYCLE_MULTIPLE",
    "ANSWERS",
    "APPROACHES",
    "BASES",
    "CAVEATS",
    "COST_APPROACHES",
    "COST_INPUTS",
    "COST_LINES",
    "DECISION_ADJUSTMENTS",
    "FALLBACKS",
    "HOURS_PER_MONTH",
    "MAX_SCENARIOS",
    "MID_SIZE_TRAINING_USD",
    "PRESETS",
    "QUESTIONS",
    "REPLACED_INPUTS",
    "RULES",
    "STEPS",
    "Advice",
    "CostEstimate",
    "CostInput",
    "CostSeries",
    "DecisionAdjustment",
    "Fallback",
    "InputError",
    "Preset",
    "Question",
    "Reason",
    "Recommendation",
    "Rule",
    "compare_scenarios",
    "estimate_cost",
    "inputs_from_decision",
    "parse_range",
    "recommend",
    "render_cost",
    "render_decision",
    "render_record",
    "render_scenarios",
]
