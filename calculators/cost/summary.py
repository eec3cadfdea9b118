"""The words every output of an estimate shares: the page, the record, the command line.

The headline says what the draws show and no more: of the approaches that
meet the needs, the one cheapest in most draws, with how many, at the
horizon and at 12 months; a close call when none reaches two draws in three
(or the draws and the inputs' medians disagree); a tie when they cost the
same; and, when only one approach meets the needs, what it costs. The
sentences under it say which approaches were compared and why the others
were left out. Money is written in USD with thousands separators, a median
with its 10th-90th percentile range.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .bill import COST_APPROACHES
from .estimate import CostEstimate
from .needs import COST_NEEDS
from .spec import CostInput

__all__ = [
    "APPROACH_NAMES",
    "IN_TEXT",
    "flip_words",
    "headline",
    "headline_details",
    "multiple_words",
    "needs_words",
    "usd",
    "usd_median",
    "usd_range",
]

#: Each approach as a heading or table row names it.
APPROACH_NAMES: dict[str, str] = {
    "prompt-engineering": "Prompt only", "rag": "RAG", "fine-tuning": "Fine-tuning", "hybrid": "Hybrid",
}

#: Each approach inside a sentence.
IN_TEXT: dict[str, str] = {
    "prompt-engineering": "the prompt-only baseline", "rag": "RAG", "fine-tuning": "fine-tuning",
    "hybrid": "the hybrid",
}


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
    """Which of the compared approaches is cheapest, as the draws show it, at the
    horizon and at 12 months; the one approach that meets the needs, with its cost."""
    points = list(estimate.cheaper_at)
    last = points[-1]
    if len(last["compared"]) == 1:
        return _only(estimate, last["compared"][0])
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


def headline_details(estimate: CostEstimate) -> list[str]:
    """The sentences under the headline: which approaches it compares and why,
    where the pair's median lines cross, and what a close call means."""
    out = [needs_words(estimate)]
    pair = estimate.pair
    if len(pair) == 2:
        names = f"{IN_TEXT[pair[0]]} and {IN_TEXT[pair[1]]}"
        if estimate.crossings:
            steps = ", then ".join(
                f"in month {c['month']} {IN_TEXT[c['cheaper']]} becomes the cheaper" for c in estimate.crossings
            )
            out.append(f"The median lines of {names} cross: {steps}.")
        else:
            out.append(
                f"The median lines of {names} do not cross between month 0 and month "
                f"{estimate.horizon_months}."
            )
    if any(p["close_call"] for p in estimate.cheaper_at):
        out.append(
            "A close call means no approach is the cheapest in two draws out of three, or that "
            "the draws and your inputs' middle values point different ways: your own figures "
            "decide it, so narrow the ranges you are surest of, starting with the inputs at the "
            "top of \u201cWhich input decides it?\u201d."
        )
    return out


def needs_words(estimate: CostEstimate) -> str:
    """Which approaches the headline compares, and why the others are left out."""
    h = estimate.horizon_months
    if estimate.answers is None:
        base = usd_median(*estimate.percentiles("prompt-engineering", h))
        return (
            f"No decision answers came with these inputs, so the headline compares "
            f"{_names(estimate.compared)}. The prompt-only baseline, your prompt today with no "
            f"retrieval and no training, costs {base} after {h} months; it joins the comparison "
            "when your Decide answers say a prompt meets your needs."
        )
    left = [_missing(estimate.misses(a)) for a in COST_APPROACHES if a not in estimate.compared]
    text = ""
    short = any(estimate.misses(a) for a in estimate.compared)
    if short:
        text = "No approach meets every need you named; the headline compares those that miss the fewest. "
    if left:
        text += (
            "Left out of the comparison, each for a need you named: " + "; ".join(left)
            + ". Their bills are still shown below."
        )
    elif short:
        text += "Each of the four misses as many as the others, so the headline compares all four."
    elif _needs(estimate):
        text += "Every approach meets the needs you named, so the headline compares them all."
    else:
        text += (
            "Your decision answers name no need, so nothing rules an approach out: the headline "
            "compares them all, the prompt-only baseline too."
        )
    skipped = [why for need, why in COST_NEEDS.items() if any(n.id == need for n in _needs(estimate))]
    if skipped:
        text += " High volume on one narrow task marks no approach: " + "; ".join(skipped) + "."
    return text


def flip_words(row: dict[str, Any], spec: CostInput) -> str:
    """The sentence for one flipping input, e.g. "fine-tuning is cheaper above about
    2.3 million queries a month"."""
    if row["cheaper_above"] is None:
        return f"they cost the same above about {_quantity(spec, row['threshold'])}"
    return f"{IN_TEXT[row['cheaper_above']]} is cheaper above about {_quantity(spec, row['threshold'])}"


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
        f"engineers' time; serving apart) at {span} times one training run (10th to 90th "
        f"percentile of the draws), {verdict} Akoode's {akoode['low']:g} to {akoode['high']:g} times"
    )


# Helpers


def _count(estimate: CostEstimate, point: dict[str, Any]) -> int:
    return round(point["chance"] * estimate.draws)


def _names(approaches: Sequence[str]) -> str:
    """``RAG``, ``RAG and the hybrid``, ``RAG, fine-tuning and the hybrid``."""
    words = [IN_TEXT[a] for a in approaches]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _counts(estimate: CostEstimate, point: dict[str, Any]) -> str:
    """``RAG is cheapest in 280 of 500 draws, fine-tuning in 200``, most first."""
    n = estimate.draws
    ranked = sorted(point["compared"], key=lambda a: -point["chances"][a])
    first, *rest = ranked
    text = f"{IN_TEXT[first]} is cheapest in {round(point['chances'][first] * n)} of {n} draws"
    text += "".join(f", {IN_TEXT[a]} in {round(point['chances'][a] * n)}" for a in rest if point["chances"][a])
    same = round(point["chances"]["same"] * n)
    return text + (f", a tie in {same}" if same else "")


def _clause(estimate: CostEstimate, point: dict[str, Any]) -> str:
    n, month = estimate.draws, point["month"]
    compared = point["compared"]
    approach = point["approach"]
    if approach is None:
        if not point["close_call"]:
            return f"{_names(compared)} cost the same in {_count(estimate, point)} of {n} draws at {month} months"
        return f"at {month} months it is a close call: {_counts(estimate, point)}"
    mine = _count(estimate, point)
    if not point["close_call"]:
        if len(compared) == 2:
            other = next(a for a in compared if a != approach)
            return f"{IN_TEXT[approach]} is cheaper than {IN_TEXT[other]} in {mine} of {n} draws at {month} months"
        # The chart's legend and the line under it name the approaches compared.
        return f"{IN_TEXT[approach]} is the cheapest in {mine} of {n} draws at {month} months"
    if point["chance"] * 3 >= 2:
        return (
            f"at {month} months it is a close call: {IN_TEXT[approach]} is cheapest in {mine} of "
            f"{n} draws, but not with every input at its median"
        )
    return f"at {month} months it is a close call: {_counts(estimate, point)}"


def _missing(misses: Sequence[dict[str, str]]) -> str:
    """``fine-tuning alone (cannot cite its sources; ...)`` from one approach's misses."""
    who = misses[0]["message"].split(": ", 1)[0]
    return f"{who} ({'; '.join(m['message'].split(': ', 1)[1] for m in misses)})"


def _only(estimate: CostEstimate, approach: str) -> str:
    h = estimate.horizon_months
    first = min(12, h)
    text = (
        f"Only {IN_TEXT[approach]} meets every need you named: "
        f"{usd_median(*estimate.percentiles(approach, h))} after {h} months"
    )
    if first != h:
        text += f", {usd_median(*estimate.percentiles(approach, first))} after {first}"
    return text + "."


def _needs(estimate: CostEstimate) -> tuple:
    """The needs the decision answers name (none without answers)."""
    from ..decision import recommend  # on demand, as the estimate loads it

    return recommend(estimate.answers).needs if estimate.answers is not None else ()


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
