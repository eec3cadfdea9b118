"""The cost model: the whole bill of RAG, fine-tuning and both, with honest uncertainty.

Each part has one home:

- :mod:`~calculators.cost.inputs`: every input with its unit, sourced
  default, limits and strict reading; Akoode's figures;
- :mod:`~calculators.cost.presets`: named starting points (the default is a
  knowledge assistant over changing documents) and the Decide-page mappings;
- :mod:`~calculators.cost.bill`: the formulas, one function per line of
  each approach's bill;
- :mod:`~calculators.cost.uncertainty`: the sampler (a Latin hypercube of
  :data:`DRAWS` draws with a fixed seed) and percentiles;
- :mod:`~calculators.cost.estimate`: :func:`estimate_cost`, which puts them
  together: percentiles, chances, crossings, the tornado and Akoode's check;
- :mod:`~calculators.cost.summary`: the sentences every output shares
  (headline, crossings, flips), so the page, the record and the command
  line say the same thing.

Imports run one way: inputs <- bill, uncertainty <- estimate <- summary.
"""

from .bill import APPROACH_LINES, COST_APPROACHES, COST_LINES, HOURS_PER_MONTH
from .estimate import CLEAR_SHARE, CostEstimate, CostSeries, estimate_cost
from .inputs import (
    AKOODE_LIFECYCLE_MULTIPLE,
    AKOODE_LORA_TRAINING_USD,
    AKOODE_RAG_MONTHLY_USD,
    AKOODE_RAG_SETUP_USD,
    COST_INPUTS,
    DATA_PREP_PARTS,
    MAX_PROMPT_TOKENS,
    MID_SIZE_TRAINING_USD,
    REPLACED_INPUTS,
    TIED_INPUTS,
    CostInput,
    parse_number,
    parse_range,
)
from .presets import (
    DECISION_ADJUSTMENTS,
    DEFAULT_PRESET,
    PRESETS,
    DecisionAdjustment,
    Preset,
    inputs_from_decision,
)
from .uncertainty import DRAWS, LOG_SCALE_RATIO, SEED

__all__ = [
    "AKOODE_LIFECYCLE_MULTIPLE",
    "AKOODE_LORA_TRAINING_USD",
    "AKOODE_RAG_MONTHLY_USD",
    "AKOODE_RAG_SETUP_USD",
    "APPROACH_LINES",
    "CLEAR_SHARE",
    "COST_APPROACHES",
    "COST_INPUTS",
    "COST_LINES",
    "DATA_PREP_PARTS",
    "DECISION_ADJUSTMENTS",
    "DEFAULT_PRESET",
    "DRAWS",
    "HOURS_PER_MONTH",
    "LOG_SCALE_RATIO",
    "MAX_PROMPT_TOKENS",
    "MID_SIZE_TRAINING_USD",
    "PRESETS",
    "REPLACED_INPUTS",
    "SEED",
    "TIED_INPUTS",
    "CostEstimate",
    "CostInput",
    "CostSeries",
    "DecisionAdjustment",
    "Preset",
    "estimate_cost",
    "inputs_from_decision",
    "parse_number",
    "parse_range",
]
