"""The training run as HTML for its page, text for the command line and Markdown for records.

The page's build hook puts :func:`render_training`'s HTML for the default
inputs into the page, and the Python worker calls the same function as the
inputs change, so both sides show the same thing. Every user-visible string
is escaped; the HTML has no inline script or style.
"""

from __future__ import annotations

from ..errors import check_date, check_site
from ..markup import escape
from .engine import TrainingEstimate
from .inputs import TRAINING_INPUTS
from .summary import (
    carried,
    cost_input,
    details,
    gb,
    gb_range,
    headline,
    hours_range,
    num_range,
    quote,
    steps,
    tokens_range,
    usd_range,
)
from .tables import METHODS

__all__ = [
    "COST_PATH",
    "TRAINING_PATH",
    "render_training",
    "training_json",
    "training_markdown",
    "training_section",
    "training_text",
]

#: Page paths below the site's address (MkDocs directory URLs).
COST_PATH = "cost-estimator/"
TRAINING_PATH = "training-cost/"


def cost_link(est: TrainingEstimate, base: str = "../") -> str:
    """The Cost estimator's address with this run as its training-run cost and these inputs carried."""
    query = f"ft_training_usd={cost_input(est)}"
    text = carried(est)
    if text:
        query += f"&training={quote(text)}"
    return f"{base}{COST_PATH}?{query}"


def training_link(est: TrainingEstimate, base: str = "../") -> str:
    """The Training cost page's address with these inputs."""
    query = "&".join(f"{k}={quote(v)}" for k, v in est.changed().items())
    return f"{base}{TRAINING_PATH}" + (f"?{query}" if query else "")


def render_training(est: TrainingEstimate) -> str:
    """Render a training run as an HTML fragment for the Training cost page.

    Args:
        est: The result of :func:`calculators.training.estimate_training`.

    Returns:
        HTML: the headline (the run where the reader chose to train, the
        other way after it, and whether the data work costs more); advice
        when the model does not fit; Akoode's ranges and why they differ;
        a table of the run on GPUs and on the API (USD, GPU-hours, memory
        on each GPU); the "Use as the training-run cost" link to the Cost
        estimator with this run's range; and every step with its formula,
        its numbers and links to the rows its figures come from.
    """
    g, a = est.gpu, est.api
    rows = []
    if g is not None:
        fit = "fits" if g.fits else (
            f"does not fit; needs {g.gpus_needed}" if g.gpus_needed is not None else "does not fit"
        )
        rows.append(
            f'<tr data-where="gpu"{_chosen(est, "gpu")}><th scope="row">{num_range(g.gpus)} × '
            f"{escape(g.gpu.name)}</th><td>{usd_range(g.usd)}</td><td>{hours_range(g.gpu_hours)}</td>"
            f'<td data-fits="{str(g.fits).lower()}">{gb_range(g.memory_gb)} of {gb(g.gpu.memory_gb)}: {fit}</td></tr>'
        )
    if a is not None:
        rows.append(
            f'<tr data-where="api"{_chosen(est, "api")}><th scope="row">{escape(a.name)} API</th>'
            f"<td>{usd_range(a.usd)}</td><td>Not billed by the hour</td><td>The provider's</td></tr>"
        )
    problems = [p for p in (est.api_problem, est.gpu_problem) if p]
    step_rows = "".join(
        f'<tr data-step="{s["id"]}"><th scope="row">{escape(s["label"])}</th>'
        f'<td>{escape(s["formula"])}</td><td>{escape(s["result"])}</td>'
        f'<td>{", ".join(_ref(r) for r in s["refs"])}</td></tr>'
        for s in steps(est)
    )
    return (
        f'<p class="rft-result__headline">{escape(headline(est))}</p>'
        + "".join(f'<p class="rft-result__more">{escape(s)}</p>' for s in details(est))
        + "".join(f'<p class="rft-note" data-problem>Not shown: {escape(p)}.</p>' for p in problems)
        + f'<p class="rft-result__tokens">Training tokens: <strong>{tokens_range(est.training_tokens)}</strong>.</p>'
        + '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="The run, priced">'
        '<div class="md-typeset__table"><table class="rft-training-totals"><thead><tr><th>Where</th>'
        "<th>Cost</th><th>GPU-hours</th><th>Memory on each GPU</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
        + '<p class="rft-training-use"><a class="md-button md-button--primary" data-use-link '
        f'href="{escape(cost_link(est))}">Use as the training-run cost</a> The Cost estimator opens '
        f"with {usd_range(tuple(float(x) for x in _ends(cost_input(est))))} (rounded outward to "
        "whole cents) as its training run and keeps these inputs, so its record holds this run.</p>"
        + '<h3 class="rft-result__h">Step by step</h3>'
        + '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Step by step">'
        '<div class="md-typeset__table"><table class="rft-steps"><thead><tr><th>Step</th>'
        "<th>Formula, with your numbers</th><th>Result</th><th>Figures from</th></tr></thead>"
        f"<tbody>{step_rows}</tbody></table></div></div>"
    )


def training_text(est: TrainingEstimate) -> str:
    """The run as plain text for the command line: headline, details, then each step."""
    lines = [headline(est), ""]
    lines += details(est)
    lines += [f"Not shown: {p}." for p in (est.api_problem, est.gpu_problem) if p]
    lines += ["", "Step by step:"]
    for s in steps(est):
        lines.append(f"- {s['label']}: {s['formula']} = {s['result']}")
        lines.append(f"  figures from: {', '.join(r['label'] + ' [' + r['source'] + ']' for r in s['refs'])}")
    lines += ["", f"Use as the Cost estimator's training run: ft_training_usd={cost_input(est)}"]
    return "\n".join(line.replace("\u00a0", " ") for line in lines)


def training_section(est: TrainingEstimate, site: str, used_usd: tuple[float, float] | None = None) -> list[str]:
    """The decision record's section on the training run, as Markdown lines.

    Args:
        est: The run the Cost estimator's address carried.
        site: The guide's address, ending in ``/``.
        used_usd: The Cost estimator's ``ft_training_usd`` in the record,
            ``(low, high)`` USD, or ``None`` without a cost estimate.

    Returns:
        Lines: a heading, the inputs (value, unit, default or set, source),
        the headline and its details, each step with its formula and
        sources, whether the Cost estimator's training run is this run's
        range, and a link that reopens the run. No HTML.
    """
    out = ["### The training run", "", "From the Training cost page (a range reads low..high):", "",
           "| Input | Value | Unit | Default or set | Source of the default |", "| --- | --- | --- | --- | --- |"]
    changed = est.changed()
    for spec in TRAINING_INPUTS:
        if spec.choices:
            value = est.options[spec.key]
        elif spec.key in est.inputs:
            value = _plain(est.inputs[spec.key])
        else:
            value = "from the table"
        mark = "set" if spec.key in changed else "default"
        out.append(f"| {_md(spec.label)} | {_md(value)} | {_md(spec.unit)} | {mark} | {spec.source} |")
    out += ["", f"- {_md(headline(est))}"]
    out += [f"- {_md(d)}" for d in details(est)]
    out += [f"- Not shown: {_md(p)}." for p in (est.api_problem, est.gpu_problem) if p]
    out += ["", "| Step | Formula, with these numbers | Result | Sources |", "| --- | --- | --- | --- |"]
    for s in steps(est):
        sources = ", ".join(dict.fromkeys(r["source"] for r in s["refs"]))
        out.append(f"| {_md(s['label'])} | {_md(s['formula'])} | {_md(s['result'])} | {sources} |")
    out.append("")
    mine = tuple(float(x) for x in _ends(cost_input(est)))
    if used_usd is not None:
        if used_usd == mine:
            out.append(f"The Cost estimator's training run (`ft_training_usd`) is this run's {_md(usd_range(mine))}.")
        else:
            out.append(
                f"The Cost estimator's training run (`ft_training_usd`) is {_md(usd_range(used_usd))}, "
                f"not this run's {_md(usd_range(mine))}: it was changed after the run was carried over."
            )
        out.append("")
    out += [f"[Reopen this training run on the Training cost page]({training_link(est, site)})", ""]
    return [line.replace("\u00a0", " ") for line in out]


def training_markdown(est: TrainingEstimate, *, date: str, site_url: str) -> str:
    """A Markdown record of the training run alone (``training --format markdown``).

    Args:
        est: The run.
        date: ``"YYYY-MM-DD"``, passed in so the same inputs give the same bytes.
        site_url: The guide's address, ``http://`` or ``https://``.

    Returns:
        Markdown ending in one newline: a title, the date, and
        :func:`training_section`.

    Raises:
        InputError: for a bad date or address, as :func:`calculators.render_record`.
    """
    check_date(date)
    site = check_site(site_url)
    method = METHODS[est.options["method"]]
    title = f"# Training-run cost: {num_range(est.inputs['params_billion'])}B model, {method}"
    return "\n".join([title, "", f"- Date: {date}", "", *training_section(est, site)]).rstrip("\n") + "\n"


# Helpers


def _chosen(est: TrainingEstimate, where: str) -> str:
    return ' data-chosen=""' if est.where == where else ""


def _ref(ref: dict[str, str]) -> str:
    return f'<a href="#{escape(ref["anchor"])}">{escape(ref["label"])}</a>'


def _ends(text: str) -> tuple[str, str]:
    low, _, high = text.partition("..")
    return low, high or low


def _plain(pair: tuple[float, float]) -> str:
    low, high = (format(v, ",.10g") for v in pair)
    return low if low == high else f"{low}..{high}"


_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    """Escape the characters Markdown would read as markup or HTML."""
    return str(text).translate(_ESCAPE)


def training_json(est: TrainingEstimate) -> dict[str, object]:
    """What ``training --json`` prints and the page receives: :meth:`TrainingEstimate.to_dict`
    plus ``headline``, ``details``, ``steps``, ``ft_training_usd`` (the Cost estimator's
    input, ``"low..high"``) and ``carry`` (the inputs as the Cost estimator's address
    carries them)."""
    return {
        **est.to_dict(),
        "headline": headline(est),
        "details": details(est),
        "steps": steps(est),
        "ft_training_usd": cost_input(est),
        "carry": carried(est),
    }
