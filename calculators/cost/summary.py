"""The words every output of an estimate shares: the page, the record, the command line.

The headline says what the draws show and no more: the approach cheaper in
more draws, with how many, at the horizon and at 12 months; a close call
when neither reaches two draws in three (or the draws and the inputs'
medians disagree); a tie when both cost the same. Money is written in USD
with thousands separators, a median with its 10th-90th percentile range.
"""

from __future__ import annotations

import math
from typing import Any

from .estimate import CostEstimate
from .inputs import CostInput

__all__ = [
    "APPROACH_NAMES",
    "HYBRID_NOTE",
    "IN_TEXT",
    "flip_words",
    "headline",
    "headline_details",
    "multiple_words",
    "usd",
    "usd_median",
    "usd_range",
]

#: Each approach as a heading or table row names it.
APPROACH_NAMES: dict[str, str] = {"rag": "RAG", "fine-tuning": "Fine-tuning", "hybrid": "Hybrid"}

#: Each approach inside a sentence.
IN_TEXT: dict[str, str] = {"rag": "RAG", "fine-tuning": "fine-tuning", "hybrid": "the hybrid"}


def usd(value: float) -> str:
    """``12,345 USD`` (a no-break space before the unit)."""
    return f"{value:,.0f}\u00a0USD"


def usd_range(pair: tuple[float, float]) -> str:
    """``5,000–30,000 USD``, or one amount when both round to the same."""
    low, high = pair
    return usd(low) if round(low) == round(high) else f"{low:,.0f}–{usd(high)}"


def usd_median(p10: float, p50: float, p90: float) -> str:
    """A median with its 10th to 90th percentile: ``22,261 USD (12,536–33,905)``."""
    if round(p10) == round(p90):
        return usd(p50)
    return f"{usd(p50)} ({p10:,.0f}–{p90:,.0f})"


def headline(estimate: CostEstimate) -> str:
    """Which of RAG and fine-tuning is cheaper, as the draws show it, at the horizon and at 12 months."""
    points = list(estimate.cheaper_at)
    last = points[-1]
    text = _cap(_clause(estimate, last))
    if len(points) > 1:
        first = points[0]
        same = (
            first["approach"] == last["approach"] and first["approach"] is not None
            and not first["close_call"] and not last["close_call"]
        )
        if same:
            text += f", and in {_count(estimate, first)} of {estimate.draws} at {first['month']} months"
        else:
            text += "; " + _clause(estimate, first)
    return text + "."


#: Why the hybrid never heads the totals; the page shows it under the totals table.
HYBRID_NOTE = (
    "The hybrid pays for everything fine-tuning does and more, so it never costs less than "
    "fine-tuning alone; teams choose it for what it can do, not to save money."
)


def headline_details(estimate: CostEstimate) -> list[str]:
    """The sentences under the headline: where the median lines cross and what a
    close call means."""
    out = []
    crossings = estimate.crossings
    if crossings:
        steps = ", then ".join(
            f"in month {c['month']} {IN_TEXT[c['cheaper']]} becomes the cheaper" for c in crossings
        )
        out.append(f"The median lines cross: {steps}.")
    else:
        out.append(
            f"The median lines do not cross between month 0 and month {estimate.horizon_months}."
        )
    if any(p["close_call"] for p in estimate.cheaper_at):
        out.append(
            "A close call means neither approach is cheaper in two draws out of three, or that "
            "the draws and your inputs' middle values point different ways: your own figures "
            "decide it, so narrow the ranges you are surest of, starting with the inputs at the "
            "top of \u201cWhich input decides it?\u201d."
        )
    return out


def flip_words(row: dict[str, Any], spec: CostInput) -> str:
    """The sentence for one flipping input, e.g. "fine-tuning is cheaper above about
    2.3 million queries a month"."""
    approach = "RAG" if row["cheaper_above"] == "rag" else "fine-tuning"
    if row["cheaper_above"] is None:
        return f"they cost the same above about {_quantity(spec, row['threshold'])}"
    return f"{approach} is cheaper above about {_quantity(spec, row['threshold'])}"


def multiple_words(estimate: CostEstimate) -> str | None:
    """Fine-tuning's first year as a multiple of one training run, 10th to 90th
    percentile, next to Akoode's 3-5x; ``None`` when no draw trains at a cost."""
    implied = estimate.lifecycle_multiple["implied"]
    akoode = estimate.lifecycle_multiple["akoode"]
    if implied["p10"] is None:
        return None
    span = (
        f"{implied['p10']:g}" if implied["p10"] == implied["p90"]
        else f"{implied['p10']:g} to {implied['p90']:g}"
    )
    inside = akoode["low"] <= implied["p10"] and implied["p90"] <= akoode["high"]
    apart = akoode["high"] < implied["p10"] or implied["p90"] < akoode["low"]
    verdict = "within" if inside else ("outside" if apart else "overlapping")
    return (
        f"your inputs put fine-tuning's first 12 months (data preparation, training runs and "
        f"upkeep) at {span} times one training run (10th to 90th percentile of the draws), "
        f"{verdict} Akoode's {akoode['low']:g} to {akoode['high']:g} times"
    )


# Helpers


def _count(estimate: CostEstimate, point: dict[str, Any]) -> int:
    return round(point["chance"] * estimate.draws)


def _clause(estimate: CostEstimate, point: dict[str, Any]) -> str:
    n, month = estimate.draws, point["month"]
    chances = point["chances"]
    rag, ft = round(chances["rag"] * n), round(chances["fine-tuning"] * n)
    approach = point["approach"]
    if approach is None:
        if not point["close_call"]:
            return f"RAG and fine-tuning cost the same in {_count(estimate, point)} of {n} draws at {month} months"
        return f"at {month} months it is a close call: RAG is cheaper in {rag} of {n} draws, fine-tuning in {ft}"
    other = "fine-tuning" if approach == "rag" else "rag"
    mine, theirs = (rag, ft) if approach == "rag" else (ft, rag)
    if not point["close_call"]:
        return f"{IN_TEXT[approach]} is cheaper in {mine} of {n} draws at {month} months"
    if point["chance"] * 3 >= 2:
        return (
            f"at {month} months it is a close call: {IN_TEXT[approach]} is cheaper in {mine} of "
            f"{n} draws, but not with every input at its median"
        )
    return (
        f"at {month} months it is a close call: {IN_TEXT[approach]} is cheaper in {mine} of {n} "
        f"draws, {IN_TEXT[other]} in {theirs}"
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _quantity(spec: CostInput, value: float) -> str:
    unit = spec.unit
    if unit.startswith("share"):
        return f"{_sig(value * 100)}%" + (" a month" if "month" in unit else " of the prompt")
    number = _big(value)
    words = {
        "per month": "queries a month",
        "USD/month": "USD a month",
        "x base price": "times the base price",
    }
    return f"{number} {words.get(unit, unit)}"


def _sig(value: float) -> str:
    """Two significant figures, without trailing zeros."""
    if value == 0:
        return "0"
    rounded = float(f"{value:.2g}")
    digits = max(0, 1 - math.floor(math.log10(abs(rounded))))
    text = f"{rounded:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if digits else text


def _big(value: float) -> str:
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{_sig(value / size)} {word}"
    return _sig(value)
