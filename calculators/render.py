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
from typing import TYPE_CHECKING

from .cost import COST_INPUTS, CostEstimate, CostInput
from .decision import APPROACH_NAMES, APPROACHES, QUESTIONS, Recommendation
from .sources import source_name
from .studies import render_related_studies

if TYPE_CHECKING:  # at run time the scenarios module loads only when scenarios are pinned
    from .scenarios import ScenarioComparison

__all__ = ["render_cost", "render_decision"]

#: Where the cheat sheet and the Sources page live, relative to the Decide page.
CHEAT_SHEET_URL = "../cheat-sheet/"
SOURCES_URL = "../sources/"

#: Guide pages to read next for each approach: (relative URL, link text).
READ_NEXT: dict[str, tuple[tuple[str, str], ...]] = {
    "prompt-engineering": (
        ("../cheat-sheet/#the-order-to-try-things-in", "The order to try things in"),
        ("../first-week/", "Your first week"),
        ("../beyond-the-sources/", "Beyond the five sources"),
    ),
    "rag": (
        ("../knowledge-or-behaviour/", "Knowledge or behaviour?"),
        ("../first-week/", "Your first week"),
        ("../access-and-privacy/", "Access and privacy"),
    ),
    "fine-tuning": (
        ("../knowledge-or-behaviour/", "Knowledge or behaviour?"),
        ("../fine-tuning/", "How fine-tuning works"),
        ("../first-week/", "Your first week"),
    ),
    "hybrid": (
        ("../when-to-use/#both-the-hybrid-pattern", "The hybrid pattern"),
        ("../first-week/", "Your first week"),
        ("../access-and-privacy/", "Access and privacy"),
    ),
}

#: Pages to read next on one answer, whatever the approach: (key, answer) -> link.
READ_NEXT_ON: dict[tuple[str, str], tuple[str, str]] = {
    ("own_network", "yes"): ("../serving-open-models/", "Serving an open-weight model"),
}


def render_decision(recommendation: Recommendation) -> str:
    """Render a recommendation as an HTML fragment for the Decide page.

    Args:
        recommendation: The result of :func:`calculators.recommend`.

    Returns:
        HTML: a headline naming the approach; a sentence saying what it
        rests on (``data-basis``, and ``data-then`` for a staged next step);
        the gate that applied, in words (``data-gate``), when one did; the
        reasons, each naming the answers that fired it in words ("Your own
        data: not sure"), linking to its row on the cheat sheet and naming
        its sources; the ordered steps; the caveats; each approach's share
        of the named needs as a ``<meter>``, with the needs it leaves out
        and, for one that reads as high as the recommendation, why it was
        not chosen; the studies whose setting shares the deciding answers
        (:func:`calculators.studies.render_related_studies`); and links to
        read next.
    """
    rec = recommendation
    scores = "".join(_score_line(rec, a) for a in APPROACHES)
    reasons = "".join(
        f'<li data-reason="{escape(r.rule)}"><a href="{CHEAT_SHEET_URL}#{escape(r.anchor)}">'
        f"{escape(r.condition)}</a>{_answer_list(r.answers)}: {escape(r.because)}"
        f"{_source_list(r.sources)}</li>"
        for r in rec.reasons
    )
    steps = "".join(f"<li>{escape(step)}</li>" for step in rec.steps)
    caveats = "".join(f"<li>{escape(caveat)}</li>" for caveat in rec.caveats)
    links = [*READ_NEXT[rec.approach]]
    links += [link for (key, answer), link in READ_NEXT_ON.items() if rec.answers.get(key) == answer]
    read_next = " · ".join(f'<a href="{url}">{escape(text)}</a>' for url, text in links)
    then = f' data-then="{rec.then}"' if rec.then else ""
    gate = ""
    if rec.gate is not None:
        rest = rec.gate_text[len(rec.gate.label) + 2:]
        gate = (
            f'<p class="rft-result__gate" data-gate="{escape(rec.gate.id)}">'
            f"<strong>{escape(rec.gate.label)}:</strong> {escape(rest)}</p>"
        )
    return (
        f'<p class="rft-result__headline">Recommendation: '
        f"<strong>{escape(rec.title)}</strong></p>"
        f'<p class="rft-result__basis" data-basis="{rec.basis}"{then}>{escape(rec.headline)}</p>'
        + gate
        + f'<h3 class="rft-result__h">Why</h3><ul class="rft-result__reasons">{reasons}</ul>'
        f'<h3 class="rft-result__h">Steps, in order</h3><ol class="rft-result__steps">{steps}</ol>'
        + (
            f'<h3 class="rft-result__h">Watch out for</h3>'
            f'<ul class="rft-result__caveats">{caveats}</ul>'
            if caveats
            else ""
        )
        + f'<h3 class="rft-result__h">How much of what you need does each answer?</h3>'
        f'<p class="rft-result__note">{escape(score_note(rec))}</p>'
        f'<ul class="rft-scores">{scores}</ul>'
        + render_related_studies(rec)
        + f'<p class="rft-result__next">Read next: {read_next}</p>'
    )


def _score_line(rec: Recommendation, approach: str) -> str:
    name, share = APPROACH_NAMES[approach], round(rec.scores[approach] * 100)
    unmet = rec.unmet.get(approach, ())
    details = ""
    if rec.needs and unmet:
        details += f'<li class="rft-score__unmet">Leaves out: {escape("; ".join(unmet))}.</li>'
    if approach in rec.not_chosen:
        details += f'<li class="rft-score__why">Not chosen: {escape(rec.not_chosen[approach])}</li>'
    return (
        f'<li data-approach="{approach}"><span class="rft-score__label">{escape(name)}</span> '
        f'<meter min="0" max="1" value="{rec.scores[approach]}" '
        f'aria-label="{escape(name)}: {share}% of your needs">{share}%</meter> '
        f'<span class="rft-score__value">{share}%</span>'
        + (f'<ul class="rft-score__details">{details}</ul>' if details else "")
        + "</li>"
    )


def _answer_list(answers: tuple[tuple[str, str], ...]) -> str:
    if not answers:
        return ""
    shown = "; ".join(f"{escape(LABELS[k])}: {escape(answer_words(k, v))}" for k, v in answers)
    return f' <span class="rft-result__answers">({shown})</span>'


def _source_list(ids: tuple[str, ...]) -> str:
    if not ids:
        return ""
    links = ", ".join(
        f'<a href="{SOURCES_URL}#source-{escape(i)}">{escape(source_name(i))}</a>' for i in ids
    )
    return f' <span class="rft-result__sources">(Sources: {links})</span>'


def answer_words(key: str, value: str) -> str:
    """How an answer reads after its question's label, e.g. ``"not sure"``."""
    return _QUESTION[key].words(value)


def score_note(rec: Recommendation) -> str:
    """The note above the scores: what they measure, for this result."""
    if rec.basis == "answers" and not rec.needs:
        return SCORE_NOTES["no-need"]
    return SCORE_NOTES[rec.basis]


_QUESTION = {q.key: q for q in QUESTIONS}

#: Each question's short label, for the reasons ("Your own data: not sure").
LABELS: dict[str, str] = {q.key: q.label for q in QUESTIONS}

#: The note above the scores, by the recommendation's basis (``"no-need"``:
#: the answers ruled every need out).
SCORE_NOTES: dict[str, str] = {
    "answers": "Each value is the share of the needs you named that the approach answers, "
    "with the needs it leaves out. An approach that reads as high as the recommendation "
    "says why it was not chosen.",
    "no-need": "You ruled out every need the rules know, so no approach answers one and every "
    "value is 0%: the simplest start is a prompt.",
    "next-step": "No rule applies to your answers, so no approach scores on them; the "
    "recommendation is the next step after prompt engineering, not a score.",
    "default": "No rule applies to your answers yet, so no approach has their support: "
    "the recommendation above is a default, not the top score.",
}

#: Each overlaid scenario's marker and dash pattern (SVG stroke-dasharray), in
#: pinning order: told apart in black and white, without colour.
OVERLAY_MARKS: tuple[tuple[str, str], ...] = (("disc", "10 3 2 3"), ("square", "14 5"), ("triangle", "3 3"))

#: Display names and chart colours of the cost model's approaches.
COST_STYLE: dict[str, tuple[str, str]] = {
    "rag": ("RAG", "#3949ab"),
    "fine-tuning": ("Fine-tuning", "#d84315"),
    "hybrid": ("Hybrid", "#2e7d32"),
}


def render_cost(estimate: CostEstimate, scenarios: ScenarioComparison | None = None) -> str:
    """Render a cost estimate as an HTML fragment for the Cost estimator page.

    Args:
        estimate: The result of :func:`calculators.estimate_cost`.
        scenarios: Pinned scenarios
            (:func:`calculators.scenarios.compare_scenarios`) to overlay on
            the cumulative cost chart, or ``None``. Each readable scenario
            adds one line: the middle of the range of its cheaper approach at
            its horizon (the one its row in the comparison names), drawn with
            its own dash pattern and marker, and one column (the low to high
            range, USD) in the chart's table. The time axis then runs to the
            longest horizon among the estimate and the scenarios.

    Returns:
        HTML: a headline that says only what the middle of the ranges shows
        (the cheaper of RAG and fine-tuning at 12 months and at the horizon,
        a close call where the ranges overlap, every month the cheaper one
        changes); totals at 12 months and at the horizon with USD per 1,000
        queries; the first-year multiple the inputs imply next to Akoode's
        3-5x; the bill line by line, as a table and a bar chart; an SVG chart
        of the cumulative cost bands with its numbers in a table; and the
        sensitivity table with the value at which each input flips the
        answer. The SVGs use presentation attributes only, so a strict
        Content-Security-Policy allows them.
    """
    overlay = _overlay(scenarios)
    h = estimate.horizon_months
    first = min(12, h)
    totals = "".join(
        f"<tr><th scope=\"row\">{COST_STYLE[name][0]}</th>"
        f"<td>{_usd_range(estimate.total(name, first))}</td>"
        f"<td>{_usd_range(estimate.total(name, h))}</td>"
        f"<td>{_per_1000(estimate.usd_per_1000_queries.get(name))}</td></tr>"
        for name in estimate.approaches
    )
    return (
        f'<p class="rft-result__headline">{escape(_headline(estimate))}</p>'
        + "".join(f'<p class="rft-result__more">{escape(s)}</p>' for s in _headline_details(estimate))
        + '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Totals"><div class="md-typeset__table"><table class="rft-totals">'
        f"<thead><tr><th>Approach</th><th>After {first} months</th><th>After {h} months</th>"
        f"<th>Per 1,000 queries over {h} months</th></tr>"
        f"</thead><tbody>{totals}</tbody></table></div></div>"
        + _multiple_check(estimate)
        + _breakdown(estimate)
        + _cost_chart(estimate, overlay)
        + _chart_table(estimate, overlay)
        + _sensitivity_table(estimate)
    )


def _usd(value: float) -> str:
    return f"{value:,.0f}\u00a0USD"


def _usd_range(pair: tuple[float, float]) -> str:
    low, high = pair
    return _usd(low) if round(low) == round(high) else f"{low:,.0f}–{_usd(high)}"


def _per_1000(rate: dict[str, float] | None) -> str:
    if rate is None:
        return "No queries"
    low, high = rate["low"], rate["high"]
    fmt = (lambda v: f"{v:,.2f}") if high < 100 else (lambda v: f"{v:,.0f}")
    return f"{fmt(low)}\u00a0USD" if fmt(low) == fmt(high) else f"{fmt(low)}–{fmt(high)}\u00a0USD"


def _headline(estimate: CostEstimate) -> str:
    """Which of RAG and fine-tuning is cheaper, on the middle of each range."""
    names = {"rag": "RAG", "fine-tuning": "fine-tuning"}
    points = list(estimate.cheaper_at)
    if len(points) == 1 or points[0]["approach"] == points[-1]["approach"]:
        months = " and ".join(f"after {p['month']} months" for p in points)
        lead = f"{_cap(names[points[-1]['approach']])} is cheaper {months}"
    else:
        lead = (
            f"{_cap(names[points[0]['approach']])} is cheaper after {points[0]['month']} "
            f"months, {names[points[-1]['approach']]} after {points[-1]['month']} months"
        )
    close = [p["month"] for p in points if p["close_call"]]
    if close:
        when = " and ".join(f"{m}" for m in close)
        lead += f", but after {when} months it is a close call"
    return lead + ", judged on the middle of each range."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _headline_details(estimate: CostEstimate) -> list[str]:
    names = {"rag": "RAG", "fine-tuning": "fine-tuning"}
    out = []
    if estimate.crossings:
        steps = "; ".join(
            f"in month {c['month']} {names[c['cheaper']]} becomes the cheaper" for c in estimate.crossings
        )
        out.append(f"The cheaper approach changes: {steps}.")
    else:
        out.append(
            f"The cheaper approach does not change between month 0 and month {estimate.horizon_months}."
        )
    if any(p["close_call"] for p in estimate.cheaper_at):
        out.append(
            "A close call means the ranges overlap so much that the middle of each lies inside the "
            "other's range: your own figures decide it, so narrow the ranges you are surest of."
        )
    out.append(
        "The hybrid pays for everything fine-tuning does and more, so it never costs less than "
        "fine-tuning alone; teams choose it for what it can do, not to save money."
    )
    return out


def _multiple_check(estimate: CostEstimate) -> str:
    implied = estimate.lifecycle_multiple.get("implied", {})
    akoode = estimate.lifecycle_multiple.get("akoode", {})
    if implied.get("low") is None:
        return ""
    span = (
        f"{implied['low']:g}" if implied["low"] == implied["high"]
        else f"{implied['low']:g}–{implied['high']:g}"
    )
    inside = akoode["low"] <= implied["low"] and implied["high"] <= akoode["high"]
    verdict = "within" if inside else "outside"
    return (
        '<p class="rft-result__check" data-multiple>'
        f"Check: your inputs put fine-tuning's first 12 months (data preparation, training runs "
        f"and upkeep) at <strong>{span} times</strong> one training run, {verdict} "
        f"<a href=\"../sources/#source-akoode\">Akoode</a>'s {akoode['low']:g}–{akoode['high']:g} times.</p>"
    )


#: Rows of the breakdown table: line id -> label, in bill order.
BREAKDOWN_ROWS: tuple[tuple[str, str], ...] = (
    ("build", "Build"),
    ("platform", "Platform (vector database, retrieval)"),
    ("embedding", "Embedding the corpus"),
    ("tokens", "Model tokens (prompt, context, answer)"),
    ("data-prep", "Data preparation and evaluation"),
    ("training", "Training runs"),
    ("serving", "Serving the tuned model"),
    ("upkeep", "Upkeep (versions, rollback, revalidation)"),
)

BREAKDOWN_LABELS = dict(BREAKDOWN_ROWS)

#: Short names for the breakdown chart's legend.
SHORT_LINE_LABELS: dict[str, str] = {
    "build": "Build",
    "platform": "Platform",
    "embedding": "Embedding",
    "tokens": "Model tokens",
    "data-prep": "Data preparation",
    "training": "Training",
    "serving": "Serving",
    "upkeep": "Upkeep",
}

#: Colours of the breakdown chart's segments, one per line id.
LINE_COLOURS: dict[str, str] = {
    "build": "#5c6bc0",
    "platform": "#283593",
    "embedding": "#7986cb",
    "tokens": "#00838f",
    "data-prep": "#ef6c00",
    "training": "#bf360c",
    "serving": "#6d4c41",
    "upkeep": "#ad1457",
}


def _breakdown(estimate: CostEstimate) -> str:
    h = estimate.horizon_months
    names = list(estimate.approaches)
    lines = {n: {line["id"]: line for line in estimate.approaches[n].lines} for n in names}
    head = "".join(f"<th>{COST_STYLE[n][0]}</th>" for n in names)
    rows = "".join(
        f'<tr data-line="{lid}"><th scope="row">{escape(label)}</th>'
        + "".join(
            f"<td>{_usd_range((lines[n][lid]['low'], lines[n][lid]['high']))}</td>"
            if lid in lines[n] else "<td>—</td>"
            for n in names
        )
        + "</tr>"
        for lid, label in BREAKDOWN_ROWS
        if any(lid in lines[n] for n in names)
    )
    total = "".join(f"<td><strong>{_usd_range(estimate.total(n, h))}</strong></td>" for n in names)
    return (
        f'<h3 class="rft-result__h">What each total is made of, after {h} months</h3>'
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Lines of each bill"><div class="md-typeset__table"><table class="rft-breakdown">'
        f"<thead><tr><th>Line</th>{head}</tr></thead><tbody>{rows}"
        f'<tr><th scope="row">Total</th>{total}</tr></tbody></table></div></div>'
        + _breakdown_chart(estimate, lines)
    )


def _breakdown_chart(estimate: CostEstimate, lines: dict[str, dict[str, dict]]) -> str:
    """Stacked bars: each approach's lines at the middle of their ranges."""
    width, left, right, bar, gap, top = 640, 4, 16, 26, 44, 30
    names = list(estimate.approaches)
    mids = {n: [(lid, (line["low"] + line["high"]) / 2) for lid, line in lines[n].items()] for n in names}
    peak = max(sum(v for _, v in mids[n]) for n in names) or 1.0
    height = top + len(names) * (bar + gap) - gap + 8
    scale = (width - left - right) / peak
    bars = ""
    for i, n in enumerate(names):
        y = top + i * (bar + gap)
        x = float(left)
        segments = ""
        for lid, value in mids[n]:
            w = value * scale
            if w <= 0:
                continue
            label = BREAKDOWN_LABELS[lid]
            segments += (
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{LINE_COLOURS[lid]}">'
                f"<title>{escape(COST_STYLE[n][0])}, {escape(label)}: about {_usd(value)}</title></rect>"
            )
            x += w
        total = sum(v for _, v in mids[n])
        bars += (
            f'<g role="img" aria-label="{escape(COST_STYLE[n][0])}: about {_usd(total)} in all">'
            f'<text class="rft-axis" x="{left}" y="{y - 8}" '
            f'fill="currentColor">{escape(COST_STYLE[n][0])}</text>{segments}</g>'
        )
    used = [lid for lid, _ in BREAKDOWN_ROWS if any(lid in lines[n] for n in names)]
    legend = "".join(
        f'<li><span class="rft-swatch" data-colour="{lid}" aria-hidden="true"></span>'
        f"{escape(SHORT_LINE_LABELS[lid])}</li>"
        for lid in used
    )
    return (
        '<figure class="rft-chart rft-chart--breakdown">'
        f'<svg viewBox="0 0 {width} {height}" role="group" aria-labelledby="cost-breakdown-title">'
        '<title id="cost-breakdown-title">Each approach\'s total after '
        f"{estimate.horizon_months} months, split into its lines, at the middle of each range."
        f"</title>{bars}</svg>"
        f'<figcaption><ul class="rft-legend">{legend}</ul></figcaption></figure>'
    )


def _overlay(scenarios: ScenarioComparison | None) -> list[tuple[int, str, str, CostEstimate]]:
    """(index, scenario name, its cheaper approach at its horizon, its estimate) per scenario."""
    if scenarios is None:
        return []
    return [
        (i, s.name, s.estimate.cheaper_at[-1]["approach"], s.estimate)
        for i, s in enumerate(scenarios.scenarios)
    ]


def _overlay_name(name: str, approach: str, estimate: CostEstimate) -> str:
    """A scenario line's accessible name and legend text."""
    h = estimate.horizon_months
    cheaper = "a close call, but the cheaper" if estimate.close_call else "the cheaper"
    return (
        f"Scenario {name}: {COST_STYLE[approach][0]}, {cheaper} after {h} months, "
        f"{_usd_range(estimate.total(approach, 0))} at the start, "
        f"{_usd_range(estimate.total(approach, h))} after {h} months"
    )


def _marker(index: int, cx: float, cy: float) -> str:
    """Scenario ``index``'s marker at (cx, cy): a disc, an open square or a triangle."""
    shape, _ = OVERLAY_MARKS[index]
    if shape == "disc":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="currentColor"/>'
    if shape == "square":
        return (
            f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="none" '
            'stroke="currentColor" stroke-width="2"/>'
        )
    return (
        f'<polygon points="{cx:.1f},{cy - 5.5:.1f} {cx + 5:.1f},{cy + 3.5:.1f} '
        f'{cx - 5:.1f},{cy + 3.5:.1f}" fill="currentColor"/>'
    )


def _overlay_key(index: int) -> str:
    """The legend's sample of scenario ``index``'s line and marker, as a small SVG."""
    _, dashes = OVERLAY_MARKS[index]
    return (
        '<svg class="rft-overlay-key" viewBox="0 0 36 12" width="36" height="12" aria-hidden="true">'
        f'<line x1="0" x2="36" y1="6" y2="6" stroke="currentColor" stroke-width="2" '
        f'stroke-dasharray="{dashes}"/>{_marker(index, 18, 6)}</svg>'
    )


def _cost_chart(estimate: CostEstimate, overlay: list | None = None) -> str:
    overlay = overlay or []
    width, height, left, right, top, bottom = 640, 320, 78, 14, 14, 58
    h = estimate.horizon_months
    # The time axis covers the longest horizon shown, the value axis the highest line.
    span = max([h, *(e.horizon_months for *_, e in overlay)])
    peak = max(
        [*(max(s.high) for s in estimate.approaches.values()),
         *(max(e.approaches[a].midpoint(m) for m in range(e.horizon_months + 1)) for _, _, a, e in overlay)]
    ) or 1.0
    step = _nice_step(peak / 4)
    ceiling = step * math.ceil(peak / step)

    def x(month: float) -> float:
        return round(left + (width - left - right) * month / span, 1)

    def y(usd: float) -> float:
        return round(top + (height - top - bottom) * (1 - usd / ceiling), 1)

    grid = "".join(
        f'<line x1="{left}" x2="{width - right}" y1="{y(v)}" y2="{y(v)}" stroke="currentColor" '
        f'stroke-opacity="0.15"/><text class="rft-axis" x="{left - 8}" y="{y(v) + 5}" '
        f'text-anchor="end" fill="currentColor">{_short_usd(v)}</text>'
        for v in _ticks(0, ceiling, step)
    )
    month_step = 12 if span > 24 else (6 if span > 6 else 1)
    months = "".join(
        f'<text class="rft-axis" x="{x(m)}" y="{height - bottom + 24}" text-anchor="middle" '
        f'fill="currentColor">{m}</text>'
        for m in range(0, span + 1, month_step)
    )
    bands = ""
    span_x, span_y = (width - left - right) / span, (height - top - bottom) / ceiling
    xs = [f"{left + span_x * m:.1f}" for m in range(span + 1)]
    base = top + (height - top - bottom)

    def path(values) -> list[str]:
        return [f"{x_},{base - span_y * v:.1f}" for x_, v in zip(xs, values)]

    for name, series in estimate.approaches.items():
        label, colour = COST_STYLE[name]
        upper = " ".join(path(series.high))
        lower = " ".join(reversed(path(series.low)))
        middle = " ".join(path([(lo + hi) / 2 for lo, hi in zip(series.low, series.high)]))
        name_text = (
            f"{label}: {_usd_range(estimate.total(name, 0))} at the start, "
            f"{_usd_range(estimate.total(name, h))} after {h} months"
        )
        bands += (
            f'<g role="img" aria-label="{escape(name_text)}" data-series="{name}">'
            f'<polygon points="{upper} {lower}" fill="{colour}" fill-opacity="0.18"/>'
            f'<polyline points="{middle}" fill="none" stroke="{colour}" stroke-width="2.5"/></g>'
        )
    lines = ""
    for index, name, approach, scenario in overlay:
        series = scenario.approaches[approach]
        mids = [series.midpoint(m) for m in range(scenario.horizon_months + 1)]
        every = max(1, span // 6)
        marks = "".join(
            _marker(index, span_x * m + left, base - span_y * mids[m])
            for m in range(index * every // len(OVERLAY_MARKS), len(mids), every)
        )
        lines += (
            f'<g role="img" aria-label="{escape(_overlay_name(name, approach, scenario))}" '
            f'data-overlay="{escape(name)}" data-approach="{approach}">'
            f'<polyline points="{" ".join(path(mids))}" fill="none" stroke="currentColor" '
            f'stroke-width="2" stroke-dasharray="{OVERLAY_MARKS[index][1]}"/>{marks}</g>'
        )
    legend = "".join(
        f'<li><span class="rft-swatch" data-colour="{key}" aria-hidden="true"></span>{label}</li>'
        for key, (label, _) in COST_STYLE.items()
    )
    legend += "".join(
        f'<li data-overlay="{escape(name)}">{_overlay_key(index)}Scenario {escape(name)}: '
        f"{COST_STYLE[approach][0]}</li>"
        for index, name, approach, _ in overlay
    )
    title = (
        "Cumulative cost by month: a band from the low to the high estimate for each approach, "
        "with a line through the middle."
    )
    if overlay:
        title += (
            " Each pinned scenario adds a line through the middle of its cheaper approach, "
            "with its own dashes and markers."
        )
    return (
        '<figure class="rft-chart">'
        f'<svg viewBox="0 0 {width} {height}" role="group" aria-labelledby="cost-chart-title">'
        f'<title id="cost-chart-title">{title}</title>'
        f"{grid}{bands}{lines}"
        f'<line x1="{left}" x2="{width - right}" y1="{y(0)}" y2="{y(0)}" stroke="currentColor"/>'
        f'{months}<text class="rft-axis" x="{(left + width) / 2}" y="{height - 6}" '
        'text-anchor="middle" fill="currentColor">Month</text></svg>'
        f'<figcaption><ul class="rft-legend">{legend}</ul></figcaption></figure>'
    )


def _chart_table(estimate: CostEstimate, overlay: list | None = None) -> str:
    overlay = overlay or []
    h = estimate.horizon_months
    span = max([h, *(e.horizon_months for *_, e in overlay)])
    months = sorted({*range(0, span + 1, 6 if span > 12 else 1), h, *(e.horizon_months for *_, e in overlay)})
    head = "".join(f"<th>{COST_STYLE[n][0]}</th>" for n in estimate.approaches)
    head += "".join(
        f'<th data-overlay="{escape(name)}">Scenario {escape(name)}: {COST_STYLE[approach][0]}</th>'
        for _, name, approach, _ in overlay
    )

    def cell(e: CostEstimate, name: str, m: int) -> str:
        return f"<td>{_usd_range(e.total(name, m))}</td>" if m <= e.horizon_months else "<td>—</td>"

    rows = "".join(
        f'<tr><th scope="row">{m}</th>'
        + "".join(cell(estimate, n, m) for n in estimate.approaches)
        + "".join(cell(e, a, m) for _, _, a, e in overlay)
        + "</tr>"
        for m in months
    )
    return (
        '<details class="rft-chart-data"><summary>The chart as a table</summary>'
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="The chart as a table"><div class="md-typeset__table"><table>'
        f"<thead><tr><th>Month</th>{head}</tr></thead><tbody>{rows}</tbody></table></div></div>"
        "</details>"
    )


def _sensitivity_table(estimate: CostEstimate) -> str:
    specs = {i.key: i for i in COST_INPUTS}
    if not estimate.sensitivity:
        return ""
    flips = ' class="rft-flips"'
    rows = "".join(
        f'<tr{flips if r["flips"] else ""} data-key="{r["key"]}"><th scope="row">'
        f'{escape(specs[r["key"]].label)} <code>{r["key"]}</code></th>'
        f'<td>{COST_STYLE[r["cheaper_at_low"]][0]}</td>'
        f'<td>{COST_STYLE[r["cheaper_at_high"]][0]}</td>'
        f"<td>{escape(flip_words(r, specs[r['key']])) if r['flips'] else 'No'}</td></tr>"
        for r in estimate.sensitivity
    )
    return (
        f'<h3 class="rft-result__h">Which input decides it?</h3>'
        f'<p class="rft-result__note">Each row moves one input from the low to the high end '
        f"of its range, with every other input in the middle of its own, and names the cheaper "
        f"of RAG and fine-tuning after {estimate.horizon_months} months. Where the answer changes, "
        "the model finds the value at which it does.</p>"
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Which input decides it"><div class="md-typeset__table"><table class="rft-sensitivity">'
        "<thead><tr><th>Input</th><th>Cheaper at its low end</th><th>Cheaper at its high end</th>"
        f"<th>Where the answer changes</th></tr></thead><tbody>{rows}</tbody></table></div></div>"
    )


def flip_words(row: dict, spec: CostInput) -> str:
    """The sentence for one flipping input, e.g. "fine-tuning is cheaper above about
    2.3 million queries a month"."""
    approach = "RAG" if row["cheaper_above"] == "rag" else "fine-tuning"
    return f"{approach} is cheaper above about {_quantity(spec, row['threshold'])}"


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
