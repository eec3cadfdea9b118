"""The shape of one cost input, its limits, and Akoode's figures.

:class:`CostInput` is the declaration every part of the cost model reads: the
form, the command line, ``python -m calculators inputs --json``, the error
messages and the sampler. The inputs themselves are data, in
:mod:`calculators.cost.defaults`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "AKOODE_LIFECYCLE_MULTIPLE",
    "AKOODE_LORA_TRAINING_USD",
    "AKOODE_RAG_MONTHLY_USD",
    "AKOODE_RAG_SETUP_USD",
    "MAX_PROMPT_TOKENS",
    "MID_SIZE_TRAINING_USD",
    "CostInput",
]

# Akoode's figures, written once. The model takes some as defaults and checks
# its result against the others; the Costs page quotes them from here.

#: Akoode: a RAG build (vector database, embedding, retrieval, integration), USD.
#: A price for the build work itself: the estimator does not add engineers'
#: months for the same work (see ``rag_build_engineer_months``).
AKOODE_RAG_SETUP_USD: tuple[float, float] = (5_000, 30_000)

#: Akoode: a mid-scale RAG system on a managed vector database with moderate
#: traffic, USD a month. Akoode calls it "primarily infrastructure"; it may
#: include the model's own usage, so the estimator does not add it to a token line.
AKOODE_RAG_MONTHLY_USD: tuple[float, float] = (500, 3_000)

#: Akoode: GPU compute for a small open model with LoRA adapters on a focused dataset, USD.
AKOODE_LORA_TRAINING_USD: tuple[float, float] = (200, 2_000)

#: Akoode: fine-tuning's first year costs 3 to 5 times its training compute.
AKOODE_LIFECYCLE_MULTIPLE: tuple[float, float] = (3, 5)

#: Akoode: training compute alone for a mid-size model on a substantial dataset, USD.
MID_SIZE_TRAINING_USD: tuple[float, float] = (5_000, 50_000)

#: The longest prompt (request plus retrieved context) any model reads today, in
#: tokens: 2 million, the largest context window on offer (an assumption, see
#: ``request_tokens``). A value above it is a typing slip, not a system.
MAX_PROMPT_TOKENS = 2_000_000


@dataclass(frozen=True)
class CostInput:
    """One input of the cost model, with its sourced default and its limits.

    Attributes:
        key: The input's key in :func:`calculators.estimate_cost`'s mapping.
        label: A short label for the form.
        unit: ``"USD"``, ``"USD/month"``, ``"months"``, ``"tokens"``, ...
        default: ``(low, high)``; equal values mean a single number. For a
            choice input, ``(0, 0)``; its default is ``choices[0]``. For an
            input left blank by default (:attr:`blank`), the range its parts
            give at their defaults, shown for reference.
        minimum: The smallest allowed value.
        maximum: The largest allowed value: a limit no real system reaches,
            so that a slip (an extra zero, ``1e308``) is named, not computed.
        group: Form section: ``"people"``, ``"rag"``, ``"fine-tuning"``,
            ``"hardware"``, ``"usage"`` or ``"general"``.
        source: A source id from the guide's ``docs/data/sources.csv``, or
            ``"assumption"`` for a value the sources do not give.
        note: Where the default comes from (or why an assumed value), in a sentence.
        integer: Whether only whole numbers are allowed (and drawn).
        cost_rises: ``True`` when a larger value never lowers any line of the
            bill; ``False`` for the inputs that save money (a longer time
            between runs, a share cut from the prompt, cached or batched).
        choices: The allowed words of a choice input (the first is the
            default); empty for a number.
        other_sources: Further source ids behind a default that spans
            several providers (the first is :attr:`source`).
        blank: For an input whose default is computed from other inputs,
            what leaving it blank means; empty for every other input.
            (:data:`calculators.cost.defaults.BLANK_PARTS` names the parts.)
        limit_note: Why :attr:`maximum` is where it is.
    """

    key: str
    label: str
    unit: str
    default: tuple[float, float]
    minimum: float
    maximum: float | None
    group: str
    source: str
    note: str
    integer: bool = False
    cost_rises: bool = True
    choices: tuple[str, ...] = ()
    other_sources: tuple[str, ...] = ()
    blank: str = ""
    limit_note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"key", "label", "unit", "default": {"low", "high"}
        (or the default word of a choice), "minimum", "maximum", "group",
        "source", "other_sources", "note", "integer", "cost_rises", "choices",
        "blank", "limit_note"}``."""
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "default": self.choices[0] if self.choices
            else {"low": self.default[0], "high": self.default[1]},
            "minimum": self.minimum,
            "maximum": self.maximum,
            "group": self.group,
            "source": self.source,
            "other_sources": list(self.other_sources),
            "note": self.note,
            "integer": self.integer,
            "cost_rises": self.cost_rises,
            "choices": list(self.choices),
            "blank": self.blank,
            "limit_note": self.limit_note,
        }
