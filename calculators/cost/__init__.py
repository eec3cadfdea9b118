"""The cost model: the whole bill of RAG, fine-tuning and both, with honest uncertainty.

Each part has one home:

- :mod:`~calculators.cost.spec` (the shape of an input, Akoode's figures),
  :mod:`~calculators.cost.defaults` (every input with its unit, sourced
  default and limits, as data) and :mod:`~calculators.cost.inputs` (strict
  reading);
- :mod:`~calculators.cost.presets`: named starting points (the default is a
  knowledge assistant over changing documents; three readers' situations)
  and the one function by which Decide answers change the inputs;
- :mod:`~calculators.cost.bill`: the formulas, one function per line of
  each approach's bill (the prompt-only baseline, RAG, fine-tuning, the
  hybrid), people and machines apart;
- :mod:`~calculators.cost.uncertainty`: the sampler (a Latin hypercube of
  :data:`DRAWS` draws with a fixed seed); :mod:`~calculators.cost.percentiles`:
  monthly percentiles over the draws;
- :mod:`~calculators.cost.needs`: which approaches miss a need the Decide
  answers name; :mod:`~calculators.cost.capacity`: whether self-hosted GPUs
  carry the traffic;
- :mod:`~calculators.cost.comparison`: which compared approach is cheaper,
  over the draws and input by input (the tornado);
- :mod:`~calculators.cost.estimate`: :func:`estimate_cost`, which puts them
  together;
- :mod:`~calculators.cost.summary`: the sentences every output shares
  (headline, crossings, flips), so the page, the record and the command
  line say the same thing.

Imports run one way: spec <- defaults <- inputs; bill, uncertainty <-
percentiles <- comparison, needs, capacity; presets (reads only spec, and
the decision rule on demand) <- estimate <- summary.
"""

from .bill import APPROACH_LINES, COST_APPROACHES, COST_LINES, HOURS_PER_MONTH, LINE_KINDS, RETRAIN_EVERY
from .estimate import CLEAR_SHARE, UNANSWERED_COMPARED, CostEstimate, CostSeries, estimate_cost, estimate_with_answers
from .inputs import (
    AKOODE_LIFECYCLE_MULTIPLE,
    AKOODE_LORA_TRAINING_USD,
    AKOODE_RAG_MONTHLY_USD,
    AKOODE_RAG_SETUP_USD,
    BLANK_PARTS,
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
    inputs_with_answers,
)
from .needs import COST_NEEDS
from .uncertainty import DRAWS, LOG_SCALE_RATIO, SEED

__all__ = [
    "AKOODE_LIFECYCLE_MULTIPLE",
    "AKOODE_LORA_TRAINING_USD",
    "AKOODE_RAG_MONTHLY_USD",
    "AKOODE_RAG_SETUP_USD",
    "APPROACH_LINES",
    "BLANK_PARTS",
    "CLEAR_SHARE",
    "COST_APPROACHES",
    "COST_INPUTS",
    "COST_LINES",
    "COST_NEEDS",
    "DATA_PREP_PARTS",
    "DECISION_ADJUSTMENTS",
    "DEFAULT_PRESET",
    "DRAWS",
    "HOURS_PER_MONTH",
    "LINE_KINDS",
    "LOG_SCALE_RATIO",
    "MAX_PROMPT_TOKENS",
    "MID_SIZE_TRAINING_USD",
    "PRESETS",
    "REPLACED_INPUTS",
    "RETRAIN_EVERY",
    "SEED",
    "TIED_INPUTS",
    "UNANSWERED_COMPARED",
    "CostEstimate",
    "CostInput",
    "CostSeries",
    "DecisionAdjustment",
    "Preset",
    "estimate_cost",
    "estimate_with_answers",
    "inputs_from_decision",
    "inputs_with_answers",
    "parse_number",
    "parse_range",
]
