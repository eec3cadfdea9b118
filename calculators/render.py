"""HTML for calculator results, shared by the build and the browser.

The site's build hook calls these functions to put a result into the page
before any JavaScript runs, and the Pyodide worker calls the very same
functions when an answer changes, so a result looks identical whichever side
computed it. Output is an HTML fragment with every user-visible string
escaped; it carries no inline scripts or styles, so a strict
Content-Security-Policy allows it.
"""

from __future__ import annotations

import math
from html import escape

from .cost import COST_INPUTS, CostEstimate
from .decision import ANSWER_WORDS, APPROACH_NAMES, APPROACHES, QUESTIONS, Recommendation

__all__ = ["render_cost", "render_decision"]

#: Where the cheat sheet lives, relative to the Decide page.
CHEAT_SHEET_URL = "../cheat-sheet/"

#: Guide pages to read next for each approach: (relative URL, link text).
READ_NEXT: dict[str, tuple[tuple[str, str], ...]] = {
    "prompt-engineering": (("../cheat-sheet/", "The order to try things in"),),
    "rag": (("../cheat-sheet/", "The cheat sheet"),),
    "fine-tuning": (("../cheat-sheet/", "The cheat sheet"),),
    "hybrid": (("../cheat-sheet/", "The cheat sheet"),),
}


def render_decision(recommendation: Recommendation) -> str:
    """Render a recommendation as an HTML fragment for the Decide page.

    Args:
        recommendation: The result of :func:`calculators.recommend`.

    Returns:
        HTML: a headline naming the approach, and a sentence saying whether
        the answers decided it or it is a next step or a default; the score
        of every approach as a ``<meter>``; the reasons, each naming the
        answers that fired it in words ("Your own data: not sure") and
        linking to its row on the cheat sheet; the ordered steps; the caveats;
        and links to read next.
    """
    rec = recommendation
    scores = "".join(
        f'<li><span class="rft-score__label">{escape(APPROACH_NAMES[a])}</span> '
        f'<meter min="0" max="1" value="{rec.scores[a]}" '
        f'aria-label="{escape(APPROACH_NAMES[a])}: {round(rec.scores[a] * 100)}%">'
        f"{round(rec.scores[a] * 100)}%</meter> "
        f'<span class="rft-score__value">{round(rec.scores[a] * 100)}%</span></li>'
        for a in APPROACHES
    )
    reasons = "".join(
        f'<li><a href="{CHEAT_SHEET_URL}#rule-{escape(r.rule)}">{escape(r.condition)}</a>'
        f"{_answer_list(r.answers)}: {escape(r.because)}</li>"
        for r in rec.reasons
    )
    steps = "".join(f"<li>{escape(step)}</li>" for step in rec.steps)
    caveats = "".join(f"<li>{escape(caveat)}</li>" for caveat in rec.caveats)
    read_next = " · ".join(
        f'<a href="{url}">{escape(text)}</a>' for url, text in READ_NEXT[rec.approach]
    )
    return (
        f'<p class="rft-result__headline">Recommendation: '
        f"<strong>{escape(rec.title)}</strong></p>"
        f'<p class="rft-result__basis" data-basis="{rec.basis}">{escape(rec.headline)}</p>'
        f'<h3 class="rft-result__h">Why</h3><ul class="rft-result__reasons">{reasons}</ul>'
        f'<h3 class="rft-result__h">Steps, in order</h3><ol class="rft-result__steps">{steps}</ol>'
        + (
            f'<h3 class="rft-result__h">Watch out for</h3>'
            f'<ul class="rft-result__caveats">{caveats}</ul>'
            if caveats
            else ""
        )
        + f'<h3 class="rft-result__h">How strong is the case?</h3>'
        f'<p class="rft-result__note">{escape(SCORE_NOTES[rec.basis])}</p>'
        f'<ul class="rft-scores">{scores}</ul>'
        f'<p class="rft-result__next">Read next: {read_next}</p>'
    )


def _answer_list(answers: tuple[tuple[str, str], ...]) -> str:
    if not answers:
        return ""
    shown = "; ".join(f"{escape(LABELS[k])}: {escape(ANSWER_WORDS[v])}" for k, v in answers)
    return f' <span class="rft-result__answers">({shown})</span>'


#: Each question's short label, for the reasons ("Your own data: not sure").
LABELS: dict[str, str] = {q.key: q.label for q in QUESTIONS}

#: The note under the scores, by the recommendation's basis.
SCORE_NOTES: dict[str, str] = {
    "answers": "The share of each approach's rules that your answers support. "
    "Close values mean a close call.",
    "next-step": "No rule applies to your answers, so no approach scores on them; the "
    "recommendation is the next step after prompt engineering, not a score.",
    "default": "No rule applies to your answers yet, so no approach has their support: "
    "the recommendation above is a default, not the top score.",
}

#: Display names and chart colours of the cost model's approaches.
COST_STYLE: dict[str, tuple[str, str]] = {
    "rag": ("RAG", "#3949ab"),
    "fine-tuning": ("Fine-tuning", "#d84315"),
    "hybrid": ("Hybrid", "#2e7d32"),
}


def render_cost(estimate: CostEstimate) -> str:
    """Render a cost estimate as an HTML fragment for the Cost estimator page.

    Args:
        estimate: The result of :func:`calculators.estimate_cost`.

    Returns:
        HTML: totals at 12 months and at the horizon (USD ranges), the
        break-even month in words, an SVG chart of the cumulative cost bands
        with its numbers in a table, and the sensitivity table. The SVG uses
        presentation attributes only, so a strict Content-Security-Policy
        allows it.
    """
    h = estimate.horizon_months
    first = min(12, h)
    totals = "".join(
        f"<tr><th scope=\"row\">{COST_STYLE[name][0]}</th>"
        f"<td>{_usd_range(estimate.total(name, first))}</td>"
        f"<td>{_usd_range(estimate.total(name, h))}</td></tr>"
        for name in estimate.approaches
    )
    return (
        f'<p class="rft-result__headline">{escape(_break_even_words(estimate))}</p>'
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="rft-totals">'
        f"<thead><tr><th>Approach</th><th>After {first} months</th><th>After {h} months</th></tr>"
        f"</thead><tbody>{totals}</tbody></table></div></div>"
        + _cost_chart(estimate)
        + _chart_table(estimate)
        + _sensitivity_table(estimate)
    )


def _usd(value: float) -> str:
    return f"{value:,.0f}\u00a0USD"


def _usd_range(pair: tuple[float, float]) -> str:
    low, high = pair
    return _usd(low) if round(low) == round(high) else f"{low:,.0f}–{_usd(high)}"


def _break_even_words(estimate: CostEstimate) -> str:
    month = estimate.break_even_month
    if month is None:
        return (
            f"Fine-tuning does not become cheaper than RAG within {estimate.horizon_months} "
            "months, judged on the middle of each range."
        )
    if month == 0:
        return (
            "Fine-tuning costs no more than RAG from the start and stays that way to the "
            "horizon, judged on the middle of each range."
        )
    return (
        f"Break-even in month {month}: from then on fine-tuning costs no more than RAG, "
        "judged on the middle of each range."
    )


def _cost_chart(estimate: CostEstimate) -> str:
    width, height, left, right, top, bottom = 640, 300, 72, 12, 12, 36
    h = estimate.horizon_months
    peak = max(max(s.high) for s in estimate.approaches.values()) or 1.0
    step = _nice_step(peak / 4)
    ceiling = step * math.ceil(peak / step)

    def x(month: float) -> float:
        return round(left + (width - left - right) * month / h, 1)

    def y(usd: float) -> float:
        return round(top + (height - top - bottom) * (1 - usd / ceiling), 1)

    grid = "".join(
        f'<line x1="{left}" x2="{width - right}" y1="{y(v)}" y2="{y(v)}" stroke="currentColor" '
        f'stroke-opacity="0.15"/><text x="{left - 6}" y="{y(v) + 4}" text-anchor="end" '
        f'font-size="11" fill="currentColor">{_short_usd(v)}</text>'
        for v in _ticks(0, ceiling, step)
    )
    month_step = 12 if h > 24 else (6 if h > 6 else 1)
    months = "".join(
        f'<text x="{x(m)}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" '
        f'fill="currentColor">{m}</text>'
        for m in range(0, h + 1, month_step)
    )
    bands = ""
    for name, series in estimate.approaches.items():
        colour = COST_STYLE[name][1]
        upper = " ".join(f"{x(m)},{y(v)}" for m, v in enumerate(series.high))
        lower = " ".join(f"{x(m)},{y(v)}" for m, v in reversed(list(enumerate(series.low))))
        middle = " ".join(f"{x(m)},{y(series.midpoint(m))}" for m in range(h + 1))
        bands += (
            f'<polygon points="{upper} {lower}" fill="{colour}" fill-opacity="0.18"/>'
            f'<polyline points="{middle}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
    legend = "".join(
        f'<li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" '
        f'fill="{colour}"/></svg> {label}</li>'
        for label, colour in COST_STYLE.values()
    )
    return (
        '<figure class="rft-chart">'
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="cost-chart-title">'
        '<title id="cost-chart-title">Cumulative cost by month: a band from the low to the '
        "high estimate for each approach, with a line through the middle.</title>"
        f"{grid}{bands}"
        f'<line x1="{left}" x2="{width - right}" y1="{y(0)}" y2="{y(0)}" stroke="currentColor"/>'
        f'{months}<text x="{(left + width) / 2}" y="{height - 4}" text-anchor="middle" '
        'font-size="11" fill="currentColor">Month</text></svg>'
        f'<figcaption><ul class="rft-legend">{legend}</ul></figcaption></figure>'
    )


def _chart_table(estimate: CostEstimate) -> str:
    h = estimate.horizon_months
    months = sorted({*range(0, h + 1, 6 if h > 12 else 1), h})
    head = "".join(f"<th>{COST_STYLE[n][0]}</th>" for n in estimate.approaches)
    rows = "".join(
        f'<tr><th scope="row">{m}</th>'
        + "".join(f"<td>{_usd_range(estimate.total(n, m))}</td>" for n in estimate.approaches)
        + "</tr>"
        for m in months
    )
    return (
        '<details class="rft-chart-data"><summary>The chart as a table</summary>'
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        f"<thead><tr><th>Month</th>{head}</tr></thead><tbody>{rows}</tbody></table></div></div>"
        "</details>"
    )


def _sensitivity_table(estimate: CostEstimate) -> str:
    labels = {i.key: i.label for i in COST_INPUTS}
    if not estimate.sensitivity:
        return ""
    flips = ' class="rft-flips"'
    rows = "".join(
        f'<tr{flips if r["flips"] else ""}><th scope="row">'
        f'{escape(labels[r["key"]])} <code>{r["key"]}</code></th>'
        f'<td>{COST_STYLE[r["cheaper_at_low"]][0]}</td>'
        f'<td>{COST_STYLE[r["cheaper_at_high"]][0]}</td>'
        f'<td>{"<strong>Yes</strong>" if r["flips"] else "No"}</td></tr>'
        for r in estimate.sensitivity
    )
    return (
        f'<h3 class="rft-result__h">Which input decides it?</h3>'
        f'<p class="rft-result__note">Each row moves one input from the low to the high end '
        f"of its range, with every other input in the middle of its own, and names the cheaper "
        f"of RAG and fine-tuning after {estimate.horizon_months} months.</p>"
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        "<thead><tr><th>Input</th><th>Cheaper at its low end</th><th>Cheaper at its high end</th>"
        f"<th>Changes the answer?</th></tr></thead><tbody>{rows}</tbody></table></div></div>"
    )


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _ticks(start: float, stop: float, step: float) -> list[float]:
    count = int(round((stop - start) / step))
    return [start + i * step for i in range(count + 1)]


def _short_usd(value: float) -> str:
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"
