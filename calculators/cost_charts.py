"""The Cost estimator's charts as SVG: the cumulative cost, the bills' lines, the tornado.

Each chart uses presentation attributes only (no inline styles or scripts),
so a strict Content-Security-Policy allows it, and carries a ``<title>`` and,
per series or bar, an accessible name. Coordinates are written to one
decimal place: a tenth of a unit of a 640-wide view box is finer than any
screen draws, and longer numbers only make the page heavier.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .cost import CostEstimate
from .cost.summary import APPROACH_NAMES, usd, usd_median
from .markup import escape

if TYPE_CHECKING:  # at run time the scenarios module loads only when scenarios are pinned
    from .scenarios import ScenarioComparison

__all__ = ["COST_STYLE", "LINE_COLOURS", "OVERLAY_MARKS", "breakdown_chart", "cost_chart", "overlay", "tornado_chart"]

#: Display names and chart colours of the cost model's approaches.
COST_STYLE: dict[str, tuple[str, str]] = {
    "prompt-engineering": (APPROACH_NAMES["prompt-engineering"], "#616161"),
    "rag": (APPROACH_NAMES["rag"], "#3949ab"),
    "fine-tuning": (APPROACH_NAMES["fine-tuning"], "#d84315"),
    "hybrid": (APPROACH_NAMES["hybrid"], "#2e7d32"),
}

#: Each overlaid scenario's marker and dash pattern (SVG stroke-dasharray), in
#: pinning order: told apart in black and white, without colour.
OVERLAY_MARKS: tuple[tuple[str, str], ...] = (("disc", "10 3 2 3"), ("square", "14 5"), ("triangle", "3 3"))

#: Colours of the breakdown chart's segments, one per line id: people in
#: oranges and reds, machines in blues and browns.
LINE_COLOURS: dict[str, str] = {
    "engineers-build": "#e65100",
    "engineers-run": "#ffb74d",
    "build": "#5c6bc0",
    "data-prep": "#ef6c00",
    "platform": "#283593",
    "embedding": "#7986cb",
    "tokens": "#00838f",
    "training": "#bf360c",
    "serving": "#6d4c41",
    "hosting": "#ad1457",
    "gpus": "#37474f",
}

#: A scenario drawn over the chart: (index, name, its cheaper approach at its horizon, its estimate).
Overlay = tuple[int, str, str, CostEstimate]


def overlay(scenarios: ScenarioComparison | None) -> list[Overlay]:
    """(index, scenario name, its cheaper approach at its horizon, its estimate) per scenario."""
    if scenarios is None:
        return []
    return [
        (i, s.name, s.estimate.cheaper_at[-1]["approach"] or s.estimate.compared[0], s.estimate)
        for i, s in enumerate(scenarios.scenarios)
    ]


def cost_chart(estimate: CostEstimate, drawn: list[Overlay]) -> str:
    """The cumulative cost by month: each compared approach's median line and
    10th-90th percentile band, each approach left out as its median line only,
    and each pinned scenario's median line with its own dashes and markers."""
    width, height, left, right, top, bottom = 640, 320, 78, 14, 14, 58
    h = estimate.horizon_months
    compared = set(estimate.compared)
    # The time axis covers the longest horizon shown, the value axis the highest line or band.
    span = max([h, *(e.horizon_months for *_, e in drawn)])
    peak = max(
        [*(max(s.p90 if n in compared else s.p50) for n, s in estimate.approaches.items()),
         *(max(e.approaches[a].p50) for _, _, a, e in drawn)]
    ) or 1.0
    step = _nice_step(peak / 4)
    ceiling = step * math.ceil(peak / step)
    plot_w, plot_h = width - left - right, height - top - bottom
    base = top + plot_h
    span_x, span_y = plot_w / span, plot_h / ceiling
    xs = [f"{left + span_x * m:.1f}" for m in range(span + 1)]

    def y(value: float) -> str:
        return f"{base - span_y * value:.1f}"

    def path(values) -> str:
        return " ".join(f"{x_},{y(v)}" for x_, v in zip(xs, values))

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
    series = ""
    for name, s in estimate.approaches.items():
        label, colour = COST_STYLE[name]
        name_text = (
            f"{label}: median {usd_median(*estimate.percentiles(name, 0))} at the start, "
            f"{usd_median(*estimate.percentiles(name, h))} after {h} months"
        )
        if name in compared:
            band = (
                f'<polygon points="{path(s.p90)} {_reversed_path(xs, s.p10, y)}" fill="{colour}" '
                'fill-opacity="0.18"/>'
            )
            stroke = 'stroke-width="2.5"'
        else:
            name_text += ", left out of the comparison"
            band, stroke = "", 'stroke-width="1.5" stroke-dasharray="6 4"'
        series += (
            f'<g role="img" aria-label="{escape(name_text)}" data-series="{name}">{band}'
            f'<polyline points="{path(s.p50)}" fill="none" stroke="{colour}" {stroke}/></g>'
        )
    scenarios = ""
    for index, name, approach, scenario in drawn:
        mids = scenario.approaches[approach].p50
        every = max(1, span // 6)
        marks = "".join(
            _marker(index, left + span_x * m, float(y(mids[m])))
            for m in range(index * every // len(OVERLAY_MARKS), len(mids), every)
        )
        scenarios += (
            f'<g role="img" aria-label="{escape(_overlay_name(name, approach, scenario))}" '
            f'data-overlay="{escape(name)}" data-approach="{approach}">'
            f'<polyline points="{path(mids)}" fill="none" stroke="currentColor" '
            f'stroke-width="2" stroke-dasharray="{OVERLAY_MARKS[index][1]}"/>{marks}</g>'
        )
    legend = "".join(
        f'<li><span class="rft-swatch" data-colour="{key}" aria-hidden="true"></span>{label}'
        f"{'' if key in compared else ' (left out, dashed)'}</li>"
        for key, (label, _) in COST_STYLE.items()
    )
    legend += "".join(
        f'<li data-overlay="{escape(name)}">{_overlay_key(index)}Scenario {escape(name)}: '
        f"{COST_STYLE[approach][0]}</li>"
        for index, name, approach, _ in drawn
    )
    title = (
        "Cumulative cost by month: for each approach compared, the median of the draws as a line "
        "and the 10th to 90th percentile as a band; an approach left out, its median as a dashed line."
    )
    if drawn:
        title += (
            " Each pinned scenario adds the median line of its cheaper approach, with its own "
            "dashes and markers."
        )
    return (
        '<figure class="rft-chart">'
        f'<svg viewBox="0 0 {width} {height}" role="group" aria-labelledby="cost-chart-title">'
        f'<title id="cost-chart-title">{title}</title>'
        f"{grid}{series}{scenarios}"
        f'<line x1="{left}" x2="{width - right}" y1="{y(0)}" y2="{y(0)}" stroke="currentColor"/>'
        f'{months}<text class="rft-axis" x="{(left + width) / 2}" y="{height - 6}" '
        'text-anchor="middle" fill="currentColor">Month</text></svg>'
        f'<figcaption><ul class="rft-legend">{legend}</ul>'
        f'<p class="rft-result__note">Line: median of {estimate.draws} draws; band: 10th–90th '
        "percentile.</p></figcaption></figure>"
    )


def breakdown_chart(estimate: CostEstimate, lines: dict[str, dict[str, dict]], rows: list[tuple[str, str]]) -> str:
    """Stacked bars: each approach's lines at their average over the draws.

    Args:
        estimate: The estimate.
        lines: Approach -> line id -> its row of :attr:`CostSeries.lines`.
        rows: ``(line id, label)`` of the lines shown, in the legend's order.
    """
    width, left, right, bar, gap, top = 640, 4, 16, 26, 44, 30
    names = list(estimate.approaches)
    means = {n: [(lid, lines[n][lid]["mean"]) for lid, _ in rows if lid in lines[n]] for n in names}
    peak = max(sum(v for _, v in means[n]) for n in names) or 1.0
    height = top + len(names) * (bar + gap) - gap + 8
    scale = (width - left - right) / peak
    labels = dict(rows)
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
                f"<title>{escape(COST_STYLE[n][0])}, {escape(labels[lid])}: "
                f"{usd(value)} on average</title></rect>"
            )
            x += w
        total = sum(v for _, v in means[n])
        bars += (
            f'<g role="img" aria-label="{escape(COST_STYLE[n][0])}: {usd(total)} on average">'
            f'<text class="rft-axis" x="{left}" y="{y - 8}" '
            f'fill="currentColor">{escape(COST_STYLE[n][0])}</text>{segments}</g>'
        )
    legend = "".join(
        f'<li><span class="rft-swatch" data-colour="{lid}" aria-hidden="true"></span>{escape(label)}</li>'
        for lid, label in rows
    )
    return (
        '<figure class="rft-chart rft-chart--breakdown">'
        f'<svg viewBox="0 0 {width} {height}" role="group" aria-labelledby="cost-breakdown-title">'
        '<title id="cost-breakdown-title">Each approach\'s total after '
        f"{estimate.horizon_months} months, split into its lines, each at its average over the draws."
        f"</title>{bars}</svg>"
        f'<figcaption><ul class="rft-legend">{legend}</ul></figcaption></figure>'
    )


def tornado_chart(estimate: CostEstimate, label_of) -> str:
    """The ten inputs that move the answer most, as bars from the gap at their
    low end to the gap at their high end; ``label_of(row)`` names a row."""
    shown = [r for r in estimate.sensitivity if r["swing_usd"] > 0][:10]
    if not shown:
        return ""
    pair = estimate.pair
    width, left, right, bar, gap, top = 640, 210, 14, 16, 10, 8
    ends = [v for r in shown for v in (r["gap_at_low_usd"], r["gap_at_high_usd"])] + [0.0]
    lo, hi = min(ends), max(ends)
    reach = (hi - lo) or 1.0
    plot = width - left - right

    def x(v: float) -> float:
        return left + plot * (v - lo) / reach

    height = top + len(shown) * (bar + gap) + 22
    what = _gap_words(pair)
    bars = ""
    for i, row in enumerate(shown):
        y = top + i * (bar + gap)
        a, b = sorted((row["gap_at_low_usd"], row["gap_at_high_usd"]))
        label = label_of(row)
        text = (
            f"{label}: {what} {usd(row['gap_at_low_usd'])} at its low end, "
            f"{usd(row['gap_at_high_usd'])} at its high end"
        )
        colour = COST_STYLE[pair[0] if len(pair) == 1 or a + b > 0 else pair[1]][1]
        bars += (
            f'<g role="img" aria-label="{escape(text)}" data-key="{row["key"]}">'
            f'<text class="rft-axis" x="{left - 6}" y="{y + bar - 3}" text-anchor="end" '
            f'fill="currentColor">{escape(_short_label(label))}</text>'
            f'<rect x="{x(a):.1f}" y="{y}" width="{max(x(b) - x(a), 1):.1f}" height="{bar}" '
            f'fill="{colour}" fill-opacity="0.7"/></g>'
        )
    zero = x(0.0)
    return (
        '<figure class="rft-chart rft-chart--tornado">'
        f'<svg viewBox="0 0 {width} {height}" role="group" aria-labelledby="cost-tornado-title">'
        f'<title id="cost-tornado-title">{_cap(what)} after {estimate.horizon_months} months as '
        f"each input moves across its range.</title>{bars}"
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="0" y2="{height - 18}" stroke="currentColor"/>'
        f'<text class="rft-axis" x="{zero:.1f}" y="{height - 4}" text-anchor="middle" '
        'fill="currentColor">0</text></svg></figure>'
    )


# Helpers


def _gap_words(pair) -> str:
    """What the tornado measures: ``"fine-tuning minus RAG"``, or one approach's total."""
    names = [COST_STYLE[a][0] for a in pair]
    if len(names) == 1:
        return f"{names[0]}'s total"
    return f"{names[1]} minus {names[0]}"


def _reversed_path(xs: list[str], values, y) -> str:
    return " ".join(f"{x_},{y(v)}" for x_, v in reversed(list(zip(xs, values))))


def _overlay_name(name: str, approach: str, estimate: CostEstimate) -> str:
    """A scenario line's accessible name and legend text."""
    h = estimate.horizon_months
    last = estimate.cheaper_at[-1]
    if last["approach"] is None and not last["close_call"]:
        cheaper = "as cheap as the others compared (a tie)"
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


def _short_label(label: str) -> str:
    return label if len(label) <= 28 else label[:27] + "…"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


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
