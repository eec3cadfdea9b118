"""HTML for a cost estimate, shared by the build and the browser.

The site's build hook renders the default estimate into the page, and the
Pyodide worker renders every recompute with the same function. The answer
comes first: the headline with its chance, then the chart (median lines and
10th-90th percentile bands), then the totals, the breakdown, the tornado and
Akoode's check. Output is an HTML fragment with every user-visible string
escaped, no inline scripts or styles, and no box that scrolls inside the
page except the tables' own sideways scroll on a narrow screen.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .cost import COST_INPUTS, LOG_SCALE_RATIO, TIED_INPUTS, CostEstimate
from .cost.summary import (
    APPROACH_NAMES,
    HYBRID_NOTE,
    flip_words,
    headline,
    headline_details,
    multiple_words,
    usd,
    usd_median,
    usd_range,
)
from .markup import escape

if TYPE_CHECKING:  # at run time the scenarios module loads only when scenarios are pinned
    from .scenarios import ScenarioComparison

__all__ = ["COST_STYLE", "OVERLAY_MARKS", "render_cost"]

#: Display names and chart colours of the cost model's approaches.
COST_STYLE: dict[str, tuple[str, str]] = {
    "rag": (APPROACH_NAMES["rag"], "#3949ab"),
    "fine-tuning": (APPROACH_NAMES["fine-tuning"], "#d84315"),
    "hybrid": (APPROACH_NAMES["hybrid"], "#2e7d32"),
}

#: Each overlaid scenario's marker and dash pattern (SVG stroke-dasharray), in
#: pinning order: told apart in black and white, without colour.
OVERLAY_MARKS: tuple[tuple[str, str], ...] = (("disc", "10 3 2 3"), ("square", "14 5"), ("triangle", "3 3"))

_SPECS = {i.key: i for i in COST_INPUTS}


def render_cost(estimate: CostEstimate, scenarios: ScenarioComparison | None = None) -> str:
    """Render a cost estimate as an HTML fragment for the Cost estimator page.

    Args:
        estimate: The result of :func:`calculators.estimate_cost`.
        scenarios: Pinned scenarios
            (:func:`calculators.scenarios.compare_scenarios`) to overlay on
            the cumulative cost chart, or ``None``. Each readable scenario
            adds one line, the median of its cheaper approach at its horizon
            (RAG for a tie), drawn with its own dash pattern and marker, and
            one column in the chart's table. The time axis then runs to the
            longest horizon among the estimate and the scenarios.

    Returns:
        HTML, in reading order: the headline (the approach cheaper in more
        draws, with how many, at the horizon and at 12 months, or a close
        call or a tie) and where the median lines cross; an SVG chart of each
        approach's median cumulative cost with its 10th-90th percentile band,
        with its numbers in a table; the totals at 12 months and at the
        horizon with USD per 1,000 queries, and why the hybrid never costs
        less than fine-tuning; the bill line by line, as a table
        and a bar chart; the tornado (each input swung across its range, the
        others at their medians, ranked by how far it moves fine-tuning minus
        RAG), as a chart and a table with the value at which an input flips
        the answer; the first-year multiple next to Akoode's 3-5x; and how
        the draws were made. The SVGs use presentation attributes only, so a
        strict Content-Security-Policy allows them.
    """
    overlay = _overlay(scenarios)
    return (
        f'<p class="rft-result__headline">{escape(headline(estimate))}</p>'
        + "".join(f'<p class="rft-result__more">{escape(s)}</p>' for s in headline_details(estimate))
        + _cost_chart(estimate, overlay)
        + _chart_table(estimate, overlay)
        + _totals(estimate)
        + _breakdown(estimate)
        + _tornado(estimate)
        + _multiple_check(estimate)
        + _draws_note(estimate)
    )


# The chart


def _overlay(scenarios: ScenarioComparison | None) -> list[tuple[int, str, str, CostEstimate]]:
    """(index, scenario name, its cheaper approach at its horizon, its estimate) per scenario."""
    if scenarios is None:
        return []
    return [
        (i, s.name, s.estimate.cheaper_at[-1]["approach"] or "rag", s.estimate)
        for i, s in enumerate(scenarios.scenarios)
    ]


def _overlay_name(name: str, approach: str, estimate: CostEstimate) -> str:
    """A scenario line's accessible name and legend text."""
    h = estimate.horizon_months
    last = estimate.cheaper_at[-1]
    if last["approach"] is None and not last["close_call"]:
        cheaper = "as cheap as fine-tuning (a tie)"
    else:
        cheaper = "a close call, but the cheaper" if estimate.close_call else "the cheaper"
    return (
        f"Scenario {name}: {COST_STYLE[approach][0]}, {cheaper} after {h} months, median "
        f"{usd(estimate.percentiles(approach, 0)[1])} at the start, "
        f"{usd(estimate.percentiles(approach, h)[1])} after {h} months"
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


def _cost_chart(estimate: CostEstimate, overlay: list) -> str:
    width, height, left, right, top, bottom = 640, 320, 78, 14, 14, 58
    h = estimate.horizon_months
    # The time axis covers the longest horizon shown, the value axis the highest band.
    span = max([h, *(e.horizon_months for *_, e in overlay)])
    peak = max(
        [*(max(s.p90) for s in estimate.approaches.values()),
         *(max(e.approaches[a].p50) for _, _, a, e in overlay)]
    ) or 1.0
    step = _nice_step(peak / 4)
    ceiling = step * math.ceil(peak / step)
    plot_w, plot_h = width - left - right, height - top - bottom
    base = top + plot_h
    span_x, span_y = plot_w / span, plot_h / ceiling
    xs = [f"{left + span_x * m:.1f}" for m in range(span + 1)]

    def y(usd_: float) -> str:
        return f"{base - span_y * usd_:.1f}"

    def path(values) -> list[str]:
        return [f"{x_},{y(v)}" for x_, v in zip(xs, values)]

    grid = "".join(
        f'<line x1="{left}" x2="{width - right}" y1="{y(v)}" y2="{y(v)}" stroke="currentColor" '
        f'stroke-opacity="0.15"/><text class="rft-axis" x="{left - 8}" y="{float(y(v)) + 5:.1f}" '
        f'text-anchor="end" fill="currentColor">{_short_usd(v)}</text>'
        for v in _ticks(ceiling, step)
    )
    month_step = 12 if span > 24 else (6 if span > 6 else 1)
    months = "".join(
        f'<text class="rft-axis" x="{xs[m]}" y="{height - bottom + 24}" text-anchor="middle" '
        f'fill="currentColor">{m}</text>'
        for m in range(0, span + 1, month_step)
    )
    bands = ""
    for name, series in estimate.approaches.items():
        label, colour = COST_STYLE[name]
        upper = " ".join(path(series.p90))
        lower = " ".join(reversed(path(series.p10)))
        name_text = (
            f"{label}: median {usd_median(*estimate.percentiles(name, 0))} at the start, "
            f"{usd_median(*estimate.percentiles(name, h))} after {h} months"
        )
        bands += (
            f'<g role="img" aria-label="{escape(name_text)}" data-series="{name}">'
            f'<polygon points="{upper} {lower}" fill="{colour}" fill-opacity="0.18"/>'
            f'<polyline points="{" ".join(path(series.p50))}" fill="none" stroke="{colour}" '
            'stroke-width="2.5"/></g>'
        )
    lines = ""
    for index, name, approach, scenario in overlay:
        mids = scenario.approaches[approach].p50
        every = max(1, span // 6)
        marks = "".join(
            _marker(index, left + span_x * m, float(y(mids[m])))
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
        "Cumulative cost by month: for each approach, the median of the draws as a line and "
        "the 10th to 90th percentile as a band."
    )
    if overlay:
        title += (
            " Each pinned scenario adds the median line of its cheaper approach, with its own "
            "dashes and markers."
        )
    return (
        '<figure class="rft-chart">'
        f'<svg viewBox="0 0 {width} {height}" role="group" aria-labelledby="cost-chart-title">'
        f'<title id="cost-chart-title">{title}</title>'
        f"{grid}{bands}{lines}"
        f'<line x1="{left}" x2="{width - right}" y1="{y(0)}" y2="{y(0)}" stroke="currentColor"/>'
        f'{months}<text class="rft-axis" x="{(left + width) / 2}" y="{height - 6}" '
        'text-anchor="middle" fill="currentColor">Month</text></svg>'
        f'<figcaption><ul class="rft-legend">{legend}</ul>'
        f'<p class="rft-result__note">Line: median of {estimate.draws} draws; band: 10th–90th '
        "percentile.</p></figcaption></figure>"
    )


def _chart_table(estimate: CostEstimate, overlay: list) -> str:
    h = estimate.horizon_months
    span = max([h, *(e.horizon_months for *_, e in overlay)])
    months = sorted({*range(0, span + 1, 6 if span > 12 else 1), h, *(e.horizon_months for *_, e in overlay)})
    head = "".join(f"<th>{COST_STYLE[n][0]}</th>" for n in estimate.approaches)
    head += "".join(
        f'<th data-overlay="{escape(name)}">Scenario {escape(name)}: {COST_STYLE[approach][0]}</th>'
        for _, name, approach, _ in overlay
    )

    def cell(e: CostEstimate, name: str, m: int) -> str:
        return f"<td>{usd_median(*e.percentiles(name, m))}</td>" if m <= e.horizon_months else "<td>—</td>"

    rows = "".join(
        f'<tr><th scope="row">{m}</th>'
        + "".join(cell(estimate, n, m) for n in estimate.approaches)
        + "".join(cell(e, a, m) for _, _, a, e in overlay)
        + "</tr>"
        for m in months
    )
    return (
        '<details class="rft-chart-data"><summary>The chart as a table: median (10th–90th '
        "percentile)</summary>"
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="The chart as a table"><div class="md-typeset__table"><table>'
        f"<thead><tr><th>Month</th>{head}</tr></thead><tbody>{rows}</tbody></table></div></div>"
        "</details>"
    )


# Totals and the bill


def _totals(estimate: CostEstimate) -> str:
    h = estimate.horizon_months
    first = min(12, h)
    rows = "".join(
        f'<tr data-approach="{name}"><th scope="row">{COST_STYLE[name][0]}</th>'
        f"<td>{usd_median(*estimate.percentiles(name, first))}</td>"
        f"<td>{usd_median(*estimate.percentiles(name, h))}</td>"
        f"<td>{_per_1000(estimate.usd_per_1000_queries.get(name))}</td></tr>"
        for name in estimate.approaches
    )
    return (
        f'<h3 class="rft-result__h">Totals: median (10th–90th percentile)</h3>'
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Totals">'
        '<div class="md-typeset__table"><table class="rft-totals">'
        f"<thead><tr><th>Approach</th><th>After {first} months</th><th>After {h} months</th>"
        f"<th>Per 1,000 queries over {h} months</th></tr>"
        f"</thead><tbody>{rows}</tbody></table></div></div>"
        f'<p class="rft-result__note">{escape(HYBRID_NOTE)}</p>'
    )


def _per_1000(rate: dict[str, float] | None) -> str:
    if rate is None:
        return "No queries"
    low, mid, high = rate["p10"], rate["p50"], rate["p90"]
    fmt = (lambda v: f"{v:,.2f}") if high < 100 else (lambda v: f"{v:,.0f}")
    if fmt(low) == fmt(high):
        return f"{fmt(mid)}\u00a0USD"
    return f"{fmt(mid)}\u00a0USD ({fmt(low)}–{fmt(high)})"


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
            f"<td>{usd(lines[n][lid]['mean'])}</td>"
            if lid in lines[n] else "<td>—</td>"
            for n in names
        )
        + "</tr>"
        for lid, label in BREAKDOWN_ROWS
        if any(lid in lines[n] for n in names)
    )
    total = "".join(
        f"<td><strong>{usd(sum(line['mean'] for line in lines[n].values()))}</strong></td>" for n in names
    )
    return (
        f'<h3 class="rft-result__h">What each total is made of, after {h} months</h3>'
        '<p class="rft-result__note">Each line at its average over the draws; the averages add '
        "up to the average total, which a skewed range can put above the median in the totals "
        "table.</p>"
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Lines of each bill"><div class="md-typeset__table"><table class="rft-breakdown">'
        f"<thead><tr><th>Line</th>{head}</tr></thead><tbody>{rows}"
        f'<tr><th scope="row">Total, on average</th>{total}</tr></tbody></table></div></div>'
        + _breakdown_chart(estimate, lines)
    )


def _breakdown_chart(estimate: CostEstimate, lines: dict[str, dict[str, dict]]) -> str:
    """Stacked bars: each approach's lines at their average over the draws."""
    width, left, right, bar, gap, top = 640, 4, 16, 26, 44, 30
    names = list(estimate.approaches)
    means = {n: [(lid, line["mean"]) for lid, line in lines[n].items()] for n in names}
    peak = max(sum(v for _, v in means[n]) for n in names) or 1.0
    height = top + len(names) * (bar + gap) - gap + 8
    scale = (width - left - right) / peak
    bars = ""
    for i, n in enumerate(names):
        y = top + i * (bar + gap)
        x = float(left)
        segments = ""
        for lid, value in means[n]:
            w = value * scale
            if w <= 0:
                continue
            segments += (
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{LINE_COLOURS[lid]}">'
                f"<title>{escape(COST_STYLE[n][0])}, {escape(BREAKDOWN_LABELS[lid])}: "
                f"{usd(value)} on average</title></rect>"
            )
            x += w
        total = sum(v for _, v in means[n])
        bars += (
            f'<g role="img" aria-label="{escape(COST_STYLE[n][0])}: {usd(total)} on average">'
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
        f"{estimate.horizon_months} months, split into its lines, each at its average over the draws."
        f"</title>{bars}</svg>"
        f'<figcaption><ul class="rft-legend">{legend}</ul></figcaption></figure>'
    )


# The tornado


def _row_label(row: dict) -> str:
    keys = (row["key"], *row["tied"])
    return " with ".join(_SPECS[k].label for k in keys)


def _tornado(estimate: CostEstimate) -> str:
    rows = estimate.sensitivity
    if not rows:
        return ""
    h = estimate.horizon_months
    return (
        '<h3 class="rft-result__h">Which input decides it?</h3>'
        '<p class="rft-result__note">Each input is moved from the low to the high end of its '
        "range with every other input at its median; the rows are ranked by how far that moves "
        f"fine-tuning's total minus RAG's after {h} months. Left of the zero line fine-tuning "
        "is cheaper, right of it RAG. Where the answer changes, the model finds the value at "
        "which it does. Tied inputs move together.</p>"
        + _tornado_chart(estimate)
        + _tornado_table(estimate)
    )


def _tornado_chart(estimate: CostEstimate) -> str:
    shown = [r for r in estimate.sensitivity if r["swing_usd"] > 0][:10]
    if not shown:
        return ""
    width, left, right, bar, gap, top = 640, 210, 14, 16, 10, 8
    ends = [v for r in shown for v in (r["gap_at_low_usd"], r["gap_at_high_usd"])] + [0.0]
    lo, hi = min(ends), max(ends)
    reach = (hi - lo) or 1.0
    plot = width - left - right

    def x(v: float) -> float:
        return left + plot * (v - lo) / reach

    height = top + len(shown) * (bar + gap) + 22
    bars = ""
    for i, row in enumerate(shown):
        y = top + i * (bar + gap)
        a, b = sorted((row["gap_at_low_usd"], row["gap_at_high_usd"]))
        label = _row_label(row)
        text = (
            f"{label}: fine-tuning minus RAG {usd(row['gap_at_low_usd'])} at its low end, "
            f"{usd(row['gap_at_high_usd'])} at its high end"
        )
        bars += (
            f'<g role="img" aria-label="{escape(text)}" data-key="{row["key"]}">'
            f'<text class="rft-axis" x="{left - 6}" y="{y + bar - 3}" text-anchor="end" '
            f'fill="currentColor">{escape(_short_label(label))}</text>'
            f'<rect x="{x(a):.1f}" y="{y}" width="{max(x(b) - x(a), 1):.1f}" height="{bar}" '
            f'fill="{COST_STYLE["rag" if a + b > 0 else "fine-tuning"][1]}" fill-opacity="0.7"/></g>'
        )
    zero = x(0.0)
    return (
        '<figure class="rft-chart rft-chart--tornado">'
        f'<svg viewBox="0 0 {width} {height}" role="group" aria-labelledby="cost-tornado-title">'
        '<title id="cost-tornado-title">Fine-tuning minus RAG after '
        f"{estimate.horizon_months} months as each input moves across its range.</title>{bars}"
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="0" y2="{height - 18}" stroke="currentColor"/>'
        f'<text class="rft-axis" x="{zero:.1f}" y="{height - 4}" text-anchor="middle" '
        'fill="currentColor">0</text></svg></figure>'
    )


def _short_label(label: str) -> str:
    return label if len(label) <= 28 else label[:27] + "…"


def _tornado_table(estimate: CostEstimate) -> str:
    def side(approach: str | None) -> str:
        return COST_STYLE[approach][0] if approach else "The same"

    flips = ' class="rft-flips"'
    rows = "".join(
        f'<tr{flips if r["flips"] else ""} data-key="{r["key"]}"><th scope="row">'
        f"{escape(_row_label(r))} <code>{r['key']}</code></th>"
        f"<td>{side(r['cheaper_at_low'])}</td><td>{side(r['cheaper_at_high'])}</td>"
        f"<td>{usd(r['swing_usd'])}</td>"
        f"<td>{escape(flip_words(r, _SPECS[r['key']])) if r['flips'] else 'No'}</td></tr>"
        for r in estimate.sensitivity
    )
    return (
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Which input decides it">'
        '<div class="md-typeset__table"><table class="rft-sensitivity">'
        "<thead><tr><th>Input</th><th>Cheaper at its low end</th><th>Cheaper at its high end</th>"
        "<th>How far it moves the difference</th><th>Where the answer changes</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></div>"
    )


# Akoode's check, and how the draws were made


def _multiple_check(estimate: CostEstimate) -> str:
    words = multiple_words(estimate)
    if words is None:
        return ""
    return (
        '<p class="rft-result__check" data-multiple>'
        f"Check: {escape(words)} (<a href=\"../sources/#source-akoode\">Akoode</a>).</p>"
    )


def _draws_note(estimate: CostEstimate) -> str:
    logs = [
        _SPECS[k].label for k, (lo, hi) in estimate.inputs.items()
        if k not in estimate.blank and lo != hi and lo > 0 and hi >= LOG_SCALE_RATIO * lo
    ]
    tied = "; ".join(" with ".join(_SPECS[k].label.lower() for k in group) for group in TIED_INPUTS)
    log_text = (
        f" Drawn on a log scale, because each range spans {LOG_SCALE_RATIO} times or more, so that "
        f"every order of magnitude weighs the same: {', '.join(logs).lower()}."
        if logs else ""
    )
    return (
        '<p class="rft-result__note" data-draws>'
        f"How the ranges were read: each range is your uncertainty about one input, drawn "
        f"{estimate.draws} times (a Latin hypercube with a fixed seed, so the same inputs always "
        f"give the same numbers); a draw never leaves the range you gave.{escape(log_text)} "
        f"Drawn together, as one choice each: {escape(tied)}.</p>"
    )


# Helpers


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _ticks(stop: float, step: float) -> list[float]:
    count = int(round(stop / step))
    return [i * step for i in range(count + 1)]


def _short_usd(value: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"
