"""Calculators for the RAG or Fine-Tune? guide.

Pure functions on the standard library only, with no I/O, so the same code
runs natively (tests, command line, the site build) and in the browser
through Pyodide.

The training calculator's names (:mod:`calculators.training`) are exported
here too, but loaded on first use: the Decide and Cost pages' Python start
never imports that package.
"""

from .cost import (
    AKOODE_LIFECYCLE_MULTIPLE,
    AKOODE_LORA_TRAINING_USD,
    AKOODE_RAG_MONTHLY_USD,
    AKOODE_RAG_SETUP_USD,
    BLANK_PARTS,
    COST_APPROACHES,
    COST_INPUTS,
    COST_LINES,
    COST_NEEDS,
    DECISION_ADJUSTMENTS,
    DEFAULT_PRESET,
    DRAWS,
    HOURS_PER_MONTH,
    LINE_KINDS,
    LOG_SCALE_RATIO,
    MID_SIZE_TRAINING_USD,
    PRESETS,
    REPLACED_INPUTS,
    RETRAIN_EVERY,
    TIED_INPUTS,
    UNANSWERED_COMPARED,
    CostEstimate,
    CostInput,
    CostSeries,
    DecisionAdjustment,
    Preset,
    estimate_cost,
    estimate_with_answers,
    inputs_from_decision,
    inputs_with_answers,
    parse_range,
)
from .decision import (
    ANSWER_WORDS,
    ANSWERS,
    APPROACHES,
    BASES,
    CAVEATS,
    FALLBACKS,
    GATES,
    QUESTIONS,
    RULES,
    STEPS,
    Advice,
    Choice,
    Fallback,
    Gate,
    Need,
    Question,
    Reason,
    Recommendation,
    Rule,
    recommend,
)
from .errors import InputError
from .record import render_record
from .sources import SOURCE_NAMES
from .scenarios import MAX_SCENARIOS, compare_scenarios, render_scenarios
from .render import render_cost, render_decision
from .studies import (
    STUDIES,
    SettingAnswer,
    Study,
    StudyCheck,
    check_study,
    related_studies,
    studies_for_rule,
)

__all__ = [
    "ANSWER_WORDS",
    "AKOODE_LIFECYCLE_MULTIPLE",
    "AKOODE_LORA_TRAINING_USD",
    "AKOODE_RAG_MONTHLY_USD",
    "AKOODE_RAG_SETUP_USD",
    "ANSWERS",
    "BLANK_PARTS",
    "APPROACHES",
    "BASES",
    "CAVEATS",
    "COST_APPROACHES",
    "COST_INPUTS",
    "COST_LINES",
    "COST_NEEDS",
    "DECISION_ADJUSTMENTS",
    "DEFAULT_PRESET",
    "DRAWS",
    "FALLBACKS",
    "GATES",
    "HOURS_PER_MONTH",
    "LINE_KINDS",
    "LOG_SCALE_RATIO",
    "MAX_SCENARIOS",
    "MID_SIZE_TRAINING_USD",
    "PRESETS",
    "QUESTIONS",
    "REPLACED_INPUTS",
    "RETRAIN_EVERY",
    "RULES",
    "SOURCE_NAMES",
    "STEPS",
    "STUDIES",
    "TIED_INPUTS",
    "UNANSWERED_COMPARED",
    "Advice",
    "Choice",
    "CostEstimate",
    "CostInput",
    "CostSeries",
    "DecisionAdjustment",
    "Fallback",
    "Gate",
    "InputError",
    "Need",
    "Preset",
    "Question",
    "Reason",
    "Recommendation",
    "Rule",
    "SettingAnswer",
    "Study",
    "StudyCheck",
    "check_study",
    "compare_scenarios",
    "estimate_cost",
    "estimate_with_answers",
    "inputs_from_decision",
    "inputs_with_answers",
    "parse_range",
    "recommend",
    "render_cost",
    "render_decision",
    "render_record",
    "render_scenarios",
    "related_studies",
    "studies_for_rule",
    "render_training",
    "TRAINING_FACTORS",
    "TRAINING_GPUS",
    "TRAINING_GPU_PRICES",
    "TRAINING_INPUTS",
    "TRAINING_PROVIDERS",
    "TRAINING_PROVIDER_PRICES",
    "TrainingEstimate",
    "TrainingInput",
    "estimate_training",
]

#: The training calculator's exported names, imported from calculators.training on first use.
_TRAINING_NAMES = frozenset(__all__[__all__.index("render_training"):])


def __getattr__(name: str) -> object:
    """Load a training calculator name on first use (PEP 562)."""
    if name in _TRAINING_NAMES:
        from . import training

        value = getattr(training, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'calculators' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_TRAINING_NAMES})
