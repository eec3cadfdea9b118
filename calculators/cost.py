"""The cost model: cumulative cost of RAG, fine-tuning and both, as ranges.

Every uncertain input is a range ``(low, high)``; the model is monotonic in
every input, so running it once on all the lows and once on all the highs
gives the low and high bound of each approach's cost at each month.

Formulas, for month ``m`` from 0 (the upfront spend) to ``horizon_months``,
with ``Q`` = ``queries_per_month``, ``P`` = ``input_price_usd_per_mtok``,
``R`` = ``request_tokens``, ``C`` = ``rag_context_tokens``, ``F`` =
``ft_price_factor``, ``T`` = ``ft_training_usd`` and ``L`` =
``ft_lifecycle_multiplier``:

- tokens(n, f) = Q x n / 1,000,000 x P x f, a month's input-token bill for
  ``n`` tokens per request at price factor ``f``.
- **RAG**(m) = ``rag_setup_usd`` + m x (``rag_monthly_usd`` + tokens(R + C, 1)).
- **Fine-tuning**(m) = T + m x ((L - 1) x T / 12 + tokens(R, F)). Over the
  first 12 months this reaches L x T, the sources' "3 to 5 times the training
  compute" for curation, evaluation, adapter versioning and retraining; the
  same running cost continues after year one.
- **Hybrid**(m) = ``rag_setup_usd`` + T + m x (``rag_monthly_usd`` +
  (L - 1) x T / 12 + tokens(R + C, F)): both pipelines, with the fine-tuned
  model reading the retrieved context.

Token costs count every input token the model reads, so the three approaches
compare like for like; with ``queries_per_month`` = 0 they are all 0.

>>> r = estimate_cost({"queries_per_month": "0", "horizon_months": "12"})
>>> r.approaches["rag"].low[12], r.approaches["rag"].high[12]
(11000.0, 66000.0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError

__all__ = [
    "COST_APPROACHES",
    "COST_INPUTS",
    "MID_SIZE_TRAINING_USD",
    "PRESETS",
    "CostEstimate",
    "CostInput",
    "CostSeries",
    "estimate_cost",
    "inputs_from_decision",
    "parse_range",
]

#: The approaches the cost model compares.
COST_APPROACHES: tuple[str, ...] = ("rag", "fine-tuning", "hybrid")


@dataclass(frozen=True)
class CostInput:
    """One input of the cost model, with its sourced default.

    Attributes:
        key: The input's key in :func:`estimate_cost`'s mapping.
        label: A short label for the form.
        unit: ``"USD"``, ``"USD/month"``, ``"months"``, ``"tokens"``, ...
        default: ``(low, high)``; equal values mean a single number.
        minimum: The smallest allowed value.
        maximum: The largest allowed value, or ``None`` for no limit.
        group: Form section: ``"general"``, ``"rag"``, ``"fine-tuning"`` or
            ``"usage"``.
        source: A source id from the guide's ``docs/data/sources.csv``, or
            ``"assumption"`` for a value the sources do not give.
        note: Where the default comes from, in a sentence.
        integer: Whether only whole numbers are allowed.
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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"key", "label", "unit", "default": {"low", "high"},
        "minimum", "maximum", "group", "source", "note", "integer"}``."""
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "default": {"low": self.default[0], "high": self.default[1]},
            "minimum": self.minimum,
            "maximum": self.maximum,
            "group": self.group,
            "source": self.source,
            "note": self.note,
            "integer": self.integer,
        }


COST_INPUTS: tuple[CostInput, ...] = (
    CostInput(
        "horizon_months", "Horizon", "months", (36, 36), 1, 120, "general", "akoode",
        "Three years: the span over which Akoode compares the approaches.",
        integer=True,
    ),
    CostInput(
        "rag_setup_usd", "RAG setup", "USD", (5_000, 30_000), 0, None, "rag", "akoode",
        "Vector database, embedding model, retrieval pipeline and integration.",
    ),
    CostInput(
        "rag_monthly_usd", "RAG infrastructure", "USD/month", (500, 3_000), 0, None, "rag",
        "akoode",
        "A mid-scale system on a managed vector database with moderate traffic.",
    ),
    CostInput(
        "rag_context_tokens", "Retrieved context per query", "tokens", (1_000, 3_000), 0,
        None, "rag", "assumption",
        "Not in the sources: a few retrieved passages of a few hundred tokens each.",
        integer=True,
    ),
    CostInput(
        "ft_training_usd", "Training run", "USD", (200, 2_000), 0, None, "fine-tuning",
        "akoode",
        "GPU compute for a small open model with LoRA adapters; the "
        "mid-size preset uses Akoode's range for a mid-size model.",
    ),
    CostInput(
        "ft_lifecycle_multiplier", "Lifecycle multiplier", "x training", (3, 5), 1, None,
        "fine-tuning", "akoode",
        "The first year's full cost as a multiple of the training compute.",
    ),
    CostInput(
        "ft_price_factor", "Fine-tuned price factor", "x base price", (1, 1), 0, None,
        "fine-tuning", "haink",
        "A smaller tuned model can cost less per request (below 1); a hosted "
        "tuned model can cost more (above 1). 1 means no difference.",
    ),
    CostInput(
        "queries_per_month", "Queries", "per month", (0, 0), 0, None, "usage", "assumption",
        "Your own traffic; 0 leaves token costs out, as the sources' figures do.",
        integer=True,
    ),
    CostInput(
        "request_tokens", "Prompt per query, without retrieval", "tokens", (500, 1_500), 0,
        None, "usage", "assumption",
        "Not in the sources: a question with its instructions.",
        integer=True,
    ),
    CostInput(
        "input_price_usd_per_mtok", "Input price", "USD per million tokens", (0.15, 3.0), 0,
        None, "usage", "assumption",
        "Not in the sources: from a small to a large hosted model; use your "
        "provider's current price list.",
    ),
)

_INPUT = {i.key: i for i in COST_INPUTS}

#: Akoode: training compute alone for a mid-size model on a substantial dataset, USD.
MID_SIZE_TRAINING_USD: tuple[float, float] = (5_000, 50_000)

#: Starting points for three sizes of project: input key -> "low..high".
#: Training ranges are Akoode's; traffic and RAG scale are illustrations.
PRESETS: dict[str, dict[str, str]] = {
    "small": {
        "ft_training_usd": "200..2000",
        "rag_setup_usd": "5000..10000",
        "rag_monthly_usd": "500..1000",
        "queries_per_month": "10000",
    },
    "mid-size": {
        "ft_training_usd": f"{MID_SIZE_TRAINING_USD[0]:.0f}..{MID_SIZE_TRAINING_USD[1]:.0f}",
        "rag_setup_usd": "5000..30000",
        "rag_monthly_usd": "500..3000",
        "queries_per_month": "100000",
    },
    "enterprise": {
        "ft_training_usd": "50000",
        "rag_setup_usd": "30000",
        "rag_monthly_usd": "3000",
        "queries_per_month": "1000000",
    },
}


#: How decision answers adjust the cost inputs: (question key, answer, input
#: key, value, why). Applied in order by :func:`inputs_from_decision`.
DECISION_ADJUSTMENTS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "changes_often", "yes", "ft_lifecycle_multiplier", "5",
        "Knowledge that changes often means more retraining: the top of Akoode's 3-5x.",
    ),
    (
        "changes_often", "yes", "rag_monthly_usd", "1750..3000",
        "Frequent re-indexing: the upper half of Akoode's monthly range.",
    ),
    (
        "large_corpus", "yes", "rag_setup_usd", "17500..30000",
        "Thousands of documents to chunk and embed: the upper half of Akoode's setup range.",
    ),
    (
        "high_volume", "yes", "queries_per_month", "1000000",
        "High volume: an illustrative million queries a month.",
    ),
)


def inputs_from_decision(answers: Mapping[str, str]) -> dict[str, str]:
    """Turn Decide-page answers into cost inputs (see :data:`DECISION_ADJUSTMENTS`).

    Args:
        answers: Question key -> ``"yes"`` / ``"no"`` / ``"unsure"``, as for
            :func:`calculators.recommend`.

    Returns:
        Input key -> value string, for :func:`estimate_cost`; empty when no
        answer changes an input.

    Raises:
        InputError: for answers :func:`calculators.recommend` would refuse.
    """
    from .decision import recommend  # validates the answers the same way

    filled = recommend(answers).answers
    return {
        key: value for question, answer, key, value, _ in DECISION_ADJUSTMENTS
        if filled[question] == answer
    }


@dataclass(frozen=True)
class CostSeries:
    """One approach's cumulative cost, month by month.

    Attributes:
        low: Cumulative USD at months 0..horizon, all inputs at their low end.
        high: The same with all inputs at their high end.
    """

    low: tuple[float, ...]
    high: tuple[float, ...]

    def midpoint(self, month: int) -> float:
        """The middle of the range at ``month``, in USD."""
        return (self.low[month] + self.high[month]) / 2


@dataclass(frozen=True)
class CostEstimate:
    """The result of :func:`estimate_cost`.

    Attributes:
        inputs: Every input as ``(low, high)``, defaults filled in.
        horizon_months: The number of months modelled.
        approaches: ``"rag"``, ``"fine-tuning"``, ``"hybrid"`` -> :class:`CostSeries`.
        break_even_month: The first month from which fine-tuning's cumulative
            cost stays at or below RAG's to the horizon, on midpoints; ``None``
            when it never does.
        sensitivity: One row per uncertain input: ``{"key", "cheaper_at_low",
            "cheaper_at_high", "flips"}``, the cheaper of RAG and fine-tuning
            at the horizon when only that input moves across its range (the
            others at their midpoints).
    """

    inputs: dict[str, tuple[float, float]]
    horizon_months: int
    approaches: dict[str, CostSeries]
    break_even_month: int | None
    sensitivity: tuple[dict[str, Any], ...] = field(default=())

    def total(self, approach: str, month: int) -> tuple[float, float]:
        """``(low, high)`` cumulative USD for ``approach`` at ``month``."""
        series = self.approaches[approach]
        return series.low[month], series.high[month]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data.

        Returns:
            ``{"horizon_months": int, "inputs": {key: {"low", "high"}},
            "approaches": {name: {"cumulative_usd": {"low": [USD...],
            "high": [USD...]}}}, "break_even_month": int | None,
            "sensitivity": [...]}``; each list has ``horizon_months + 1``
            numbers, index = month.
        """
        return {
            "horizon_months": self.horizon_months,
            "inputs": {k: {"low": lo, "high": hi} for k, (lo, hi) in self.inputs.items()},
            "approaches": {
                name: {"cumulative_usd": {"low": list(s.low), "high": list(s.high)}}
                for name, s in self.approaches.items()
            },
            "break_even_month": self.break_even_month,
            "sensitivity": [dict(row) for row in self.sensitivity],
        }


def parse_range(key: str, value: object) -> tuple[float, float]:
    """Read one input as ``(low, high)``.

    Args:
        key: The input's key, for messages and limits.
        value: A number, a string ``"1200"`` or ``"500..3000"``, or a pair.

    Returns:
        ``(low, high)`` as floats.

    Raises:
        InputError: for an unknown key, a non-number, NaN, infinity, a value
            outside the input's allowed range, a fraction where only whole
            numbers are allowed, or a low end above the high end; the message
            names the key and the allowed range.
    """
    spec = _INPUT.get(key)
    if spec is None:
        raise InputError(key, f"unknown input; allowed keys: {', '.join(_INPUT)}")
    if isinstance(value, (tuple, list)) and len(value) == 2:
        parts = list(value)
    elif isinstance(value, str) and ".." in value:
        parts = value.split("..", 1)
    else:
        parts = [value, value]
    low, high = (_number(spec, part) for part in parts)
    if low > high:
        raise InputError(key, f"the low end {_fmt(low)} is above the high end {_fmt(high)}")
    return low, high


def estimate_cost(inputs: Mapping[str, object] | None = None) -> CostEstimate:
    """Estimate the cumulative cost of RAG, fine-tuning and hybrid.

    Args:
        inputs: Input key -> a number, ``"low..high"`` or ``(low, high)``.
            Keys and units are those of :data:`COST_INPUTS` (USD, USD/month,
            tokens, months); a missing key takes its sourced default.
            ``horizon_months`` must be one number from 1 to 120.

    Returns:
        A :class:`CostEstimate` with low and high series for each approach,
        the break-even month and the sensitivity table.

    Raises:
        InputError: (a :class:`ValueError`) for any bad input; see
            :func:`parse_range`.
    """
    values = _filled(inputs or {})
    horizon = int(values["horizon_months"][0])
    approaches = _series(values, horizon)
    return CostEstimate(
        inputs=values,
        horizon_months=horizon,
        approaches=approaches,
        break_even_month=_break_even(approaches, horizon),
        sensitivity=_sensitivity(values, horizon),
    )


# Helpers


def _filled(inputs: Mapping[str, object]) -> dict[str, tuple[float, float]]:
    if not isinstance(inputs, Mapping):
        raise InputError("inputs", "expected a mapping of input key to value")
    values = {i.key: i.default for i in COST_INPUTS}
    for key, value in inputs.items():
        values[str(key)] = parse_range(str(key), value)
    low, high = values["horizon_months"]
    if low != high:
        raise InputError("horizon_months", "must be a single number of months from 1 to 120")
    return values


def _number(spec: CostInput, raw: object) -> float:
    allowed = _allowed(spec)
    if isinstance(raw, bool):
        raise InputError(spec.key, f"expected a number; allowed: {allowed}")
    try:
        number = float(str(raw).replace(",", "").replace("_", "").strip())
    except ValueError:
        raise InputError(spec.key, f"{raw!r} is not a number; allowed: {allowed}") from None
    if not math.isfinite(number):
        raise InputError(spec.key, f"{raw!r} is not a finite number; allowed: {allowed}")
    if number < spec.minimum or (spec.maximum is not None and number > spec.maximum):
        raise InputError(spec.key, f"{_fmt(number)} is out of range; allowed: {allowed}")
    if spec.integer and not number.is_integer():
        raise InputError(spec.key, f"{_fmt(number)} is not a whole number; allowed: {allowed}")
    return number


def _allowed(spec: CostInput) -> str:
    kind = "whole numbers" if spec.integer else "numbers"
    if spec.maximum is None:
        span = f"{kind} of {_fmt(spec.minimum)} or more"
    else:
        span = f"{kind} from {_fmt(spec.minimum)} to {_fmt(spec.maximum)}"
    ranged = "" if spec.key == "horizon_months" else ", or a range low..high"
    return f"{span} ({spec.unit}){ranged}"


def _fmt(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,}"


def _monthly(v: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """Upfront and monthly USD per approach for one set of point values."""

    def tokens(per_query: float, factor: float) -> float:
        return v["queries_per_month"] * per_query / 1e6 * v["input_price_usd_per_mtok"] * factor

    training = v["ft_training_usd"]
    upkeep = (v["ft_lifecycle_multiplier"] - 1) * training / 12
    with_context = v["request_tokens"] + v["rag_context_tokens"]
    factor = v["ft_price_factor"]
    return {
        "rag": (v["rag_setup_usd"], v["rag_monthly_usd"] + tokens(with_context, 1)),
        "fine-tuning": (training, upkeep + tokens(v["request_tokens"], factor)),
        "hybrid": (
            v["rag_setup_usd"] + training,
            v["rag_monthly_usd"] + upkeep + tokens(with_context, factor),
        ),
    }


def _series(values: Mapping[str, tuple[float, float]], horizon: int) -> dict[str, CostSeries]:
    low = _monthly({k: lo for k, (lo, _) in values.items()})
    high = _monthly({k: hi for k, (_, hi) in values.items()})
    return {
        name: CostSeries(
            low=tuple(round(low[name][0] + m * low[name][1], 2) for m in range(horizon + 1)),
            high=tuple(round(high[name][0] + m * high[name][1], 2) for m in range(horizon + 1)),
        )
        for name in COST_APPROACHES
    }


def _break_even(approaches: Mapping[str, CostSeries], horizon: int) -> int | None:
    rag, ft = approaches["rag"], approaches["fine-tuning"]
    month = None
    for m in range(horizon, -1, -1):
        if ft.midpoint(m) <= rag.midpoint(m):
            month = m
        else:
            break
    return month


def _cheaper_at_horizon(values: Mapping[str, float], horizon: int) -> str:
    costs = _monthly(values)
    rag = costs["rag"][0] + horizon * costs["rag"][1]
    ft = costs["fine-tuning"][0] + horizon * costs["fine-tuning"][1]
    return "fine-tuning" if ft <= rag else "rag"


def _sensitivity(values: Mapping[str, tuple[float, float]], horizon: int) -> tuple[dict, ...]:
    middle = {k: (lo + hi) / 2 for k, (lo, hi) in values.items()}
    rows = []
    for key, (low, high) in values.items():
        if low == high or key == "horizon_months":
            continue
        at_low = _cheaper_at_horizon({**middle, key: low}, horizon)
        at_high = _cheaper_at_horizon({**middle, key: high}, horizon)
        rows.append(
            {"key": key, "cheaper_at_low": at_low, "cheaper_at_high": at_high, "flips": at_low != at_high}
        )
    return tuple(rows)
