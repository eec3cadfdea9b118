"""HTML for a cost estimate, shared by the build and the browser.

The site's build hook renders the default estimate into the page, and the
Pyodide worker renders every recompute with the same function. The answer
comes first: the headline with its chance, any warning, then the chart
(median lines and 10th-90th percentile bands, its legend marking the
approaches left out, :mod:`calculators.cost_charts`); then which
approaches the headline compares, the totals, with each approach's
missed needs, the bill line by line with people and machines apart, the
tornado and Akoode's check. Output is an HTML fragment with every
user-visible string escaped, no inline scripts or styles, and no box that
scrolls inside the page except the tables' own sideways scroll on a narrow
screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cost import COST_APPROACHES, COST_INPUTS, LINE_KINDS, LOG_SCALE_RATIO, TIED_INPUTS, CostEstimate
from .cost.summary import (
    IN_TEXT,
    flip_words,
    headline,
    headline_details,
    multiple_words,
    usd,
    usd_median,
)
from .cost_charts import COST_STYLE, OVERLAY_MARKS, breakdown_chart, cost_chart, overlay, tornado_chart
from .markup import escape

if TYPE_CHECKING:  # at run time the scenarios module loads only when scenarios are pinned
    from .scenarios import ScenarioComparison

__all__ = ["BREAKDOWN_ROWS", "COST_STYLE", "OVERLAY_MARKS", "render_cost"]

_SPECS = {i.key: i for i in COST_INPUTS}

#: Rows of the breakdown table: line id -> label, people first, in bill order.
BREAKDOWN_ROWS: tuple[tuple[str, str], ...] = (
    ("engineers-build", "Engineers: building it"),
    ("engineers-run", "Engineers: running it"),
    ("build", "RAG build at Akoode's price (work included)"),
    ("data-prep", "Data preparation and evaluation"),
    ("platform", "Vector store"),
    ("embedding", "Embedding the corpus (api)"),
    ("tokens", "Model tokens (api)"),
    ("training", "Training runs"),
    ("serving", "Tuned model tokens (api)"),
    ("hosting", "Hosting fee for the tuned model (api)"),
    ("gpus", "GPUs"),
)

#: Each kind of line as the breakdown heads it.
KIND_NAMES = {"people": "People", "machines": "Machines and services"}


def render_cost(estimate: CostEstimate, scenarios: ScenarioComparison | None = None) -> str:
    """Render a cost estimate as an HTML fragment for the Cost estimator page.

    Args:
        estimate: The result of :func:`calculators.estimate_cost`.
        scenarios: Pinned scenarios
            (:func:`calculators.scenarios.compare_scenarios`) to overlay on
            the cumulative cost chart, or ``None``. Each readable scenario
            adds one line, the median of its cheaper approach at its horizon,
            drawn with its own dash pattern and marker, and one column in the
            chart's table. The time axis then runs to the longest horizon
            among the estimate and the scenarios.

    Returns:
        HTML, in reading order: the headline (the compared approach cheapest
        in most draws, with how many, at the horizon and at 12 months, or a
        close call, a tie, or the one approach that meets the needs) and any
        warning (``[data-warnings]``, one ``li[data-warning=ID]`` each); an
        SVG chart of each approach's median
        cumulative cost, with the 10th-90th percentile band of each compared
        approach; which approaches the headline compares (``[data-compared]``),
        the chart's numbers in a table; why approaches were left out and
        where the median lines cross; the totals at 12 months and at the
        horizon with USD per 1,000 queries and, with decision answers, the
        needs each approach misses; the bill line by line, people and
        machines apart, as a table and a bar chart; the tornado (each input
        swung across its range, the others at their medians, ranked by how
        far it moves the difference the headline turns on), as a chart and a
        table with the value at which an input flips the answer; the
        first-year multiple next to Akoode's 3-5x; and how the draws were
        made. The SVGs use presentation attributes only, so a strict
        Content-Security-Policy allows it.
    """
    drawn = overlay(scenarios)
    details = headline_details(estimate)
    return (
        f'<p class="rft-result__headline">{escape(headline(estimate))}</p>'
        + _warnings(estimate)
        + cost_chart(estimate, drawn)
        + _compared_line(estimate)
        + "".join(f'<p class="rft-result__more">{escape(s)}</p>' for s in details)
        + _chart_table(estimate, drawn)
        + _totals(estimate)
        + _breakdown(estimate)
        + _tornado(estimate)
        + _multiple_check(estimate)
        + _draws_note(estimate)
    )


def _compared_line(estimate: CostEstimate) -> str:
    """One short line: the approaches compared, and those left out."""
    names = ", ".join(COST_STYLE[a][0] for a in estimate.compared)
    left = [COST_STYLE[a][0] for a in COST_APPROACHES if a not in estimate.compared]
    text = f"Compared: {names}."
    if left:
        why = "they miss a need you named" if estimate.answers is not None else "the baseline"
        text += f" Shown, not compared: {', '.join(left)} ({why}; see below)."
    return f'<p class="rft-result__more" data-compared="{" ".join(estimate.compared)}">{escape(text)}</p>'


def _warnings(estimate: CostEstimate) -> str:
    if not estimate.warnings:
        return ""
    items = "".join(
        f'<li data-warning="{escape(w["id"])}">{escape(w["message"])}</li>' for w in estimate.warnings
    )
    return f'<ul class="rft-result__warnings" data-warnings role="note" aria-label="Warnings">{items}</ul>'


def _chart_table(estimate: CostEstimate, drawn: list) -> str:
    h = estimate.horizon_months
    span = max([h, *(e.horizon_months for *_, e in drawn)])
    months = sorted({*range(0, span + 1, 6 if span > 12 else 1), h, *(e.horizon_months for *_, e in drawn)})
    head = "".join(f"<th>{COST_STYLE[n][0]}</th>" for n in estimate.approaches)
    head += "".join(
        f'<th data-overlay="{escape(name)}">Scenario {escape(name)}: {COST_STYLE[approach][0]}</th>'
        for _, name, approach, _ in drawn
    )

    def cell(e: CostEstimate, name: str, m: int) -> str:
        return f"<td>{usd_median(*e.percentiles(name, m))}</td>" if m <= e.horizon_months else "<td>—</td>"

    rows = "".join(
        f'<tr><th scope="row">{m}</th>'
        + "".join(cell(estimate, n, m) for n in estimate.approaches)
        + "".join(cell(e, a, m) for _, _, a, e in drawn)
        + "</tr>"
        for m in months
    )
    return (
        '<details class="rft-chart-data"><summary>The chart as a table: median (10th–90th '
        "percentile)</summary>"
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="The chart as a table">'
        '<div class="md-typeset__table"><table>'
        f"<thead><tr><th>Month</th>{head}</tr></thead><tbody>{rows}</tbody></table></div></div>"
        "</details>"
    )


# Totals and the bill


def _totals(estimate: CostEstimate) -> str:
    h = estimate.horizon_months
    first = min(12, h)
    answered = estimate.answers is not None
    rows = ""
    for name in estimate.approaches:
        misses = estimate.misses(name)
        meets = ""
        if answered:
            meets = "<td>Yes</td>" if not misses else (
                "<td>No: " + escape("; ".join(m["message"].split(": ", 1)[1] for m in misses)) + "</td>"
            )
        rows += (
            f'<tr data-approach="{name}" data-meets="{"false" if misses else "true"}">'
            f'<th scope="row">{COST_STYLE[name][0]}</th>'
            f"<td>{usd_median(*estimate.percentiles(name, first))}</td>"
            f"<td>{usd_median(*estimate.percentiles(name, h))}</td>"
            f"<td>{_per_1000(estimate.usd_per_1000_queries.get(name))}</td>{meets}</tr>"
        )
    return (
        '<h3 class="rft-result__h">Totals: median (10th–90th percentile)</h3>'
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Totals">'
        '<div class="md-typeset__table"><table class="rft-totals">'
        f"<thead><tr><th>Approach</th><th>After {first} months</th><th>After {h} months</th>"
        f"<th>Per 1,000 queries over {h} months</th>"
        + ("<th>Meets your needs</th>" if answered else "")
        + f"</tr></thead><tbody>{rows}</tbody></table></div></div>"
    )


def _per_1000(rate: dict[str, float] | None) -> str:
    if rate is None:
        return "No queries"
    low, mid, high = rate["p10"], rate["p50"], rate["p90"]
    fmt = (lambda v: f"{v:,.2f}") if high < 100 else (lambda v: f"{v:,.0f}")
    if fmt(low) == fmt(high):
        return f"{fmt(mid)}\u00a0USD"
    return f"{fmt(mid)}\u00a0USD ({fmt(low)}–{fmt(high)})"


def _breakdown(estimate: CostEstimate) -> str:
    h = estimate.horizon_months
    names = list(estimate.approaches)
    lines = {n: {line["id"]: line for line in estimate.approaches[n].lines} for n in names}
    # Lines that cost nothing in every approach (GPUs with every model on an API, say) are left out.
    shown = [
        (lid, label) for lid, label in BREAKDOWN_ROWS
        if any(lid in lines[n] and lines[n][lid]["high"] > 0 for n in names)
    ]
    head = "".join(f"<th>{COST_STYLE[n][0]}</th>" for n in names)
    body = ""
    for kind, kind_name in KIND_NAMES.items():
        rows = [(lid, label) for lid, label in shown if LINE_KINDS[lid] == kind]
        if not rows:
            continue
        body += f'<tr class="rft-breakdown__kind"><th scope="rowgroup" colspan="{len(names) + 1}">{kind_name}</th></tr>'
        body += "".join(
            f'<tr data-line="{lid}" data-kind="{kind}"><th scope="row">{escape(label)}</th>'
            + "".join(f"<td>{usd(lines[n][lid]['mean'])}</td>" if lid in lines[n] else "<td>—</td>" for n in names)
            + "</tr>"
            for lid, label in rows
        )
        body += (
            f'<tr data-subtotal="{kind}"><th scope="row">{kind_name}, on average</th>'
            + "".join(
                f"<td>{usd(sum(line['mean'] for line in lines[n].values() if line['kind'] == kind))}</td>"
                for n in names
            )
            + "</tr>"
        )
    total = "".join(
        f"<td><strong>{usd(sum(line['mean'] for line in lines[n].values()))}</strong></td>" for n in names
    )
    return (
        f'<h3 class="rft-result__h">What each total is made of, after {h} months</h3>'
        '<p class="rft-result__note">Each line at its average over the draws, people\'s time apart '
        "from machines and services; the averages add up to the average total, which a skewed "
        "range can put above the median in the totals table. A line that costs nothing in every "
        "approach is left out.</p>"
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Lines of each bill">'
        '<div class="md-typeset__table"><table class="rft-breakdown">'
        f"<thead><tr><th>Line</th>{head}</tr></thead><tbody>{body}"
        f'<tr><th scope="row">Total, on average</th>{total}</tr></tbody></table></div></div>'
        + breakdown_chart(estimate, lines, shown)
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
    pair = estimate.pair
    if len(pair) == 2:
        measure = (
            f"{IN_TEXT[pair[1]]}'s total minus {IN_TEXT[pair[0]]}'s after {h} months. Left of the "
            f"zero line {IN_TEXT[pair[1]]} is cheaper, right of it {IN_TEXT[pair[0]]}"
        )
    else:
        measure = f"{IN_TEXT[pair[0]]}'s total after {h} months, the one approach compared"
    return (
        '<h3 class="rft-result__h">Which input decides it?</h3>'
        '<p class="rft-result__note">Each input is moved from the low to the high end of its '
        "range with every other input at its median; the rows are ranked by how far that moves "
        f"{measure}. Where the answer changes, the model finds the value at which it does. Tied "
        "inputs move together.</p>"
        + tornado_chart(estimate, _row_label)
        + _tornado_table(estimate)
    )


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
