"""A decision record in Markdown, for the team meeting.

:func:`render_record` turns a recommendation, a cost estimate, or both into
one Markdown document in the shape of an architecture decision record
(title, date, status, context, decision, consequences). The Decide and Cost
pages call it in the browser for "Copy as Markdown" and "Download .md", and
``python -m calculators decide|cost|record ... --format markdown`` calls it on
the command line, so the same inputs, date and site address give the same
bytes on both sides.

The output is plain Markdown (CommonMark tables, lists, links) with no HTML:
characters that Markdown would read as markup are escaped with a backslash.
Every text and figure comes from the structures it is given
(:data:`calculators.QUESTIONS`, :data:`calculators.RULES`, the estimate's
lines, crossings and sensitivity rows); nothing is restated here.

>>> from calculators import recommend
>>> text = render_record(recommend({"citations": "yes"}), date="2026-11-27",
...                      site_url="https://example.org/guide/")
>>> text.splitlines()[0]
'# Decision record: RAG'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .cost import COST_APPROACHES, COST_INPUTS, CostEstimate, inputs_from_decision, parse_range
from .cost.summary import APPROACH_NAMES as COST_NAMES
from .cost.summary import IN_TEXT, headline, headline_details, multiple_words, usd, usd_median, usd_range
from .decision import APPROACH_NAMES, APPROACHES, QUESTIONS, Recommendation
from .errors import InputError, check_date, check_site
from .scenarios import Scenario, ScenarioComparison, cheaper_words
from .render import answer_words, score_note
from .sources import source_name

if TYPE_CHECKING:  # at run time the training package loads only with a training run
    from .training import TrainingEstimate

__all__ = ["render_record"]

#: Page paths below the site's address (MkDocs directory URLs).
DECIDE_PATH = "decide/"
COST_PATH = "cost-estimator/"
CHEAT_SHEET_PATH = "cheat-sheet/"
SOURCES_PATH = "sources/"

_INPUT = {i.key: i for i in COST_INPUTS}
_LABEL = {q.key: q.label for q in QUESTIONS}


def render_record(
    recommendation: Recommendation | None = None,
    estimate: CostEstimate | None = None,
    *,
    date: str,
    site_url: str,
    scenarios: ScenarioComparison | None = None,
    training: TrainingEstimate | None = None,
) -> str:
    """Render a decision record as Markdown.

    Args:
        recommendation: The result of :func:`calculators.recommend`, or
            ``None`` for a cost-only record.
        estimate: The result of :func:`calculators.estimate_cost`, or
            ``None`` for a record without costs.
        date: The record's date, ``"YYYY-MM-DD"``; passed in (never read from
            a clock) so the same inputs give the same bytes.
        site_url: The guide's address, ``http://`` or ``https://``, e.g.
            ``"https://example.org/guide/"``; the links that reopen the
            answers and inputs, the cheat-sheet rules and the Sources page
            are built on it.
        training: The Training cost page's run, when the Cost estimator's
            address carried one (``calculators.training.estimate_training``);
            its section follows the Consequences, and the Cost estimator's
            link carries it again.
        scenarios: Pinned cost scenarios
            (:func:`calculators.scenarios.compare_scenarios`), shown under
            Consequences as one table with the inputs that differ; ``None``
            or an empty comparison for none.

    Returns:
        Markdown text ending in one newline: ``# Decision record: <title>``;
        date and status (``proposed``); Context: every question with its
        answer, and every cost input with its value, unit and source;
        Decision; Reasons, each with its rule's link and source ids; Staged
        path; Caveats; Consequences: totals (USD) at 12 months and at the
        horizon, the cheaper approach at each, break-even and crossings, the
        lines of each bill at the horizon, and the inputs that flip the
        answer with the value where they do; Links that reopen the same
        answers and inputs: the Decide page's and the Cost estimator's each
        carry the answers, the inputs and the pinned scenarios, so either
        reopens the whole record. No HTML.

    Raises:
        InputError: for a ``date`` that is not a real ``YYYY-MM-DD`` day
            (field ``"date"``), a ``site_url`` that is not an http(s)
            address (field ``"site_url"``), or neither a recommendation nor
            an estimate (field ``"record"``).
    """
    check_date(date)
    site = check_site(site_url)
    if recommendation is None and estimate is None:
        raise InputError("record", "needs decision answers, cost inputs or both")
    rec, est = recommendation, estimate
    if rec is not None:
        title = f"Decision record: {rec.title}"
    else:
        title = (
            f"Cost record: the prompt-only baseline, RAG, fine-tuning and the hybrid over "
            f"{est.horizon_months} months"
        )
    out = [f"# {_md(title)}", "", f"- Date: {date}", "- Status: proposed", ""]
    out += ["## Context", ""]
    if rec is not None:
        out += _context_answers(rec)
    if est is not None:
        out += _context_inputs(est)
    out += ["## Decision", ""]
    if rec is not None:
        out += [f"**{_md(rec.title)}.** {_md(rec.headline)}", ""]
        if rec.gate is not None:
            out += [_md(rec.gate_text), ""]
        out += _needs(rec)
    if est is not None:
        out += [_cost_decision(est), ""]
    if rec is not None:
        out += _reasons(rec, site)
        out += ["## Staged path", ""]
        out += [f"{i}. {_md(step)}" for i, step in enumerate(rec.steps, 1)] + [""]
        out += ["## Caveats", ""]
        out += [f"- {_md(c)}" for c in rec.caveats] if rec.caveats else ["None for these answers."]
        out += [""]
    out += ["## Consequences", ""]
    if est is not None:
        out += _consequences(est)
    else:
        link = _link(site, COST_PATH, _changed_answers(rec))
        out += [
            "No cost estimate is part of this record. "
            f"[Estimate the costs with these answers]({link}) on the Cost estimator.",
            "",
        ]
    if scenarios is not None and (scenarios.scenarios or scenarios.errors):
        out += _scenarios(scenarios)
    carried_training: list[tuple[str, str]] = []
    if training is not None:  # issue 26: the section and link pair come from the training package
        from .training.render import training_section
        from .training.summary import record_link_pairs

        out += training_section(training, site, est.inputs["ft_training_usd"] if est else None)
        carried_training = record_link_pairs(training)
    out += ["## Links", ""]
    # Each page's link carries both parts and the scenarios: either page
    # reopens the whole record, and carries it on to the other.
    answers = _changed_answers(rec) if rec is not None else {}
    inputs = _changed_inputs(est) if est is not None else {}
    pins = [("scenario", _pin(s)) for s in scenarios.scenarios] if scenarios is not None else []
    if rec is not None:
        link = _link(site, DECIDE_PATH, [*answers.items(), *inputs.items(), *pins])
        out.append(f"- [Reopen these answers on the Decide page]({link})")
    if est is not None:
        link = _link(site, COST_PATH, [*inputs.items(), *answers.items(), *pins, *carried_training])
        out.append(f"- [Reopen these inputs on the Cost estimator]({link})")
    out.append(f"- [Sources]({site}{SOURCES_PATH})")
    return "\n".join(out) + "\n"


# Sections


def _context_answers(rec: Recommendation) -> list[str]:
    rows = [
        f"| {_cell(q.text)} | {_cell(q.words(rec.answers[q.key]))} | `{q.key}={rec.answers[q.key]}` |"
        for q in QUESTIONS
    ]
    return [
        "The answers given on the Decide page:",
        "",
        "| Question | Answer | Key |",
        "| --- | --- | --- |",
        *rows,
        "",
    ]


def _context_inputs(est: CostEstimate) -> list[str]:
    rows = []
    for spec in COST_INPUTS:
        if spec.key in est.blank:
            value, mark = "from its parts", "default"
        else:
            value = est.options[spec.key] if spec.choices else _span(est.inputs[spec.key], ",.10g")
            default = spec.choices[0] if spec.choices else _span(spec.default, ",.10g")
            mark = "default" if value == default and not spec.blank else "set"
        rows.append(
            f"| {_cell(spec.label)} | {value} | {_cell(spec.unit)} | {mark} | {spec.source} |"
        )
    return [
        "The Cost estimator's inputs (a range reads low..high):",
        "",
        "| Input | Value | Unit | Default or set | Source of the default |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
    ]


def _cost_decision(est: CostEstimate) -> str:
    last = est.cheaper_at[-1]
    n, month = est.draws, last["month"]
    compared = last["compared"]
    among = (
        f"of the approaches that meet the needs named ({_names(compared)})" if est.answers is not None
        else f"of {_names(compared)}"
    )
    if len(compared) == 1:
        return _md(
            f"On cost alone there is nothing to choose: only {IN_TEXT[compared[0]]} meets every need "
            f"named, at {usd_median(*est.percentiles(compared[0], month))} after {month} months."
        )
    if last["approach"] is None:
        if not last["close_call"]:
            return _md(f"On cost alone, {among}, none comes out cheaper after {month} months: they cost the same.")
        return _md(f"On cost alone, {among}, none comes out cheaper after {month} months: a close call.")
    text = (
        f"On cost alone, {among}, {IN_TEXT[last['approach']]} comes out cheapest after {month} months "
        f"in {round(last['chance'] * n)} of {n} draws of the inputs' ranges"
    )
    if last["close_call"]:
        text += "; a close call, which your own figures decide"
    return _md(text + ".")


def _names(approaches) -> str:
    words = [IN_TEXT[a] for a in approaches]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _needs(rec: Recommendation) -> list[str]:
    """What the scores measure, and each approach's share of the named needs."""
    out = [_md(score_note(rec)), ""]
    if not rec.needs:
        return out
    for approach in APPROACHES:
        line = f"- {_md(APPROACH_NAMES[approach])}: {round(rec.scores[approach] * 100)}%"
        if rec.unmet[approach]:
            line += f"; leaves out: {_md('; '.join(rec.unmet[approach]))}"
        if approach in rec.not_chosen:
            line += f". Not chosen: {_md(rec.not_chosen[approach])}"
        out.append(line)
    return out + [""]


def _reasons(rec: Recommendation, site: str) -> list[str]:
    out = ["## Reasons", ""]
    for reason in rec.reasons:
        fired = "; ".join(f"{_md(_LABEL[k])}: {_md(answer_words(k, v))}" for k, v in reason.answers)
        line = f"- **{_md(reason.condition)}**"
        line += f" ({fired})" if fired else ""
        line += f": {_md(reason.because)}"
        kind = "Gate" if reason.kind == "gate" else "Rule"
        line += f" {kind}: [{reason.rule}]({site}{CHEAT_SHEET_PATH}#{reason.anchor})."
        if reason.sources:
            names = ", ".join(
                f"[{_md(source_name(i))}]({site}{SOURCES_PATH}#source-{i})" for i in reason.sources
            )
            line += f" Sources: {names}."
        out.append(line)
    return out + [""]


def _consequences(est: CostEstimate) -> list[str]:
    h = est.horizon_months
    first = min(12, h)
    answered = est.answers is not None
    out = [
        f"| Approach | After {first} months (USD, median and 10th–90th percentile) "
        f"| After {h} months (USD, median and 10th–90th percentile) |" + (" Meets the needs |" if answered else ""),
        "| --- | --- | --- |" + (" --- |" if answered else ""),
    ]
    for name in est.approaches:
        row = (
            f"| {COST_NAMES[name]} | {usd_median(*est.percentiles(name, first))} "
            f"| {usd_median(*est.percentiles(name, h))} |"
        )
        if answered:
            misses = est.misses(name)
            row += " Yes |" if not misses else f" No: {_cell('; '.join(m['message'].split(': ', 1)[1] for m in misses))} |"
        out.append(row)
    out.append("")
    out.append(f"- {_md(headline(est))}")
    out += [f"- {_md(sentence)}" for sentence in headline_details(est)[:2]]
    out += [f"- Warning: {_md(w['message'])}" for w in est.warnings]
    multiple = multiple_words(est)
    if multiple is not None:
        out.append(f"- {_md(multiple[:1].upper() + multiple[1:])}.")
    out += ["", f"### The lines of each bill after {h} months", ""]
    for name, series in est.approaches.items():
        top = max(series.lines, key=lambda line: line["mean"])
        out += [
            f"{COST_NAMES[name]}, largest line on average: {_md(top['label'])}.",
            "",
            "| Line | People or machines | USD on average | USD, cheapest to dearest inputs |",
            "| --- | --- | --- | --- |",
        ]
        out += [
            f"| {_cell(line['label'])} | {line['kind']} | {usd(line['mean'])} "
            f"| {usd_range((line['low'], line['high']))} |"
            for line in series.lines
        ]
        out.append("")
    out += ["### What would change the answer", ""]
    flips = [row for row in est.sensitivity if row["flips"]]
    for row in flips:
        spec = _INPUT[row["key"]]
        other = row["cheaper_at_low"]
        below = IN_TEXT[other] if other else "both cost the same"
        above = IN_TEXT[row["cheaper_above"]] if row["cheaper_above"] else "neither"
        out.append(
            f"- {_md(spec.label)} (`{spec.key}`, {_md(spec.unit)}): from "
            f"{_about(row['threshold'], spec.integer)} up, {above} is the cheaper after {h} "
            f"months; below it, {below}."
        )
    steady = [_INPUT[row["key"]].label for row in est.sensitivity if not row["flips"]]
    if not est.sensitivity:
        out.append("- No input is given as a range, so none was moved.")
    elif not flips:
        out.append("- No input, moved across its range with the others at their medians, "
                   "changes the cheaper approach.")
    if steady:
        out.append(f"- Moved alone across their ranges, these leave it as it is: "
                   f"{_md('; '.join(steady))}.")
    return out + [""]


def _scenarios(comparison: ScenarioComparison) -> list[str]:
    out = ["### Scenarios compared", ""]
    out += [f"- {_md(e['message'])}" for e in comparison.errors]
    if comparison.errors:
        out.append("")
    if not comparison.scenarios:
        return out
    heads = " | ".join(f"{COST_NAMES[a]}, horizon" for a in COST_APPROACHES)
    out += [
        f"| Scenario | {heads} | Horizon (months) | Cheaper at the horizon |",
        "| --- |" + " --- |" * (len(COST_APPROACHES) + 2),
    ]
    for s in comparison.scenarios:
        e = s.estimate
        h = e.horizon_months
        cells = " | ".join(usd_median(*e.percentiles(a, h)) for a in COST_APPROACHES)
        out.append(f"| {_cell(s.name)} | {cells} | {h} | {cheaper_words(e)} |")
    out.append("")
    if comparison.differing and len(comparison.scenarios) > 1:
        out += [
            "Inputs that differ between them:",
            "",
            "| Input | " + " | ".join(_cell(s.name) for s in comparison.scenarios) + " |",
            "| --- |" + " --- |" * len(comparison.scenarios),
        ]
        out += [
            f"| {_cell(_INPUT[key].label)} (`{key}`) | "
            + " | ".join(s.value(key) for s in comparison.scenarios) + " |"
            for key in comparison.differing
        ]
        out.append("")
    return out


def _pin(scenario: Scenario) -> str:
    """The scenario as the address carries it, percent-encoded."""
    text = f"{scenario.name}:" + ";".join(f"{k}={v}" for k, v in scenario.inputs.items())
    return "".join(c if c.isalnum() or c in "-_.~" else "".join(f"%{b:02X}" for b in c.encode()) for c in text)


# Links


def _changed_answers(rec: Recommendation) -> dict[str, str]:
    """The answers other than "not sure", as the Decide page's address carries them."""
    return {k: v for k, v in rec.answers.items() if v != "unsure"}


def _changed_inputs(est: CostEstimate) -> dict[str, str]:
    """The inputs as the Cost estimator's address carries them: those away from
    their defaults, or, with decision answers, from what the answers set
    (:func:`calculators.cost.presets.inputs_with_answers` fills the rest in)."""
    mapped = inputs_from_decision(est.answers) if est.answers else {}
    changed: dict[str, str] = {}
    for spec in COST_INPUTS:
        if spec.key in est.blank:
            continue
        if spec.choices:
            if est.options[spec.key] != mapped.get(spec.key, spec.choices[0]):
                changed[spec.key] = est.options[spec.key]
            continue
        base = parse_range(spec.key, mapped[spec.key]) if spec.key in mapped else spec.default
        if est.inputs[spec.key] != base:
            changed[spec.key] = _span(est.inputs[spec.key], ".10g")
    return changed


def _link(site: str, path: str, values: Mapping[str, str] | list[tuple[str, str]]) -> str:
    # Keys are snake_case and values are numbers, ranges or choice words: all
    # URL-safe characters, so nothing needs percent-encoding (scenarios come
    # encoded by _pin).
    pairs = values.items() if isinstance(values, Mapping) else values
    query = "&".join(f"{k}={v}" for k, v in pairs)
    return f"{site}{path}" + (f"?{query}" if query else "")


# Helpers


def _span(pair: tuple[float, float], spec: str) -> str:
    low, high = pair
    return format(low, spec) if low == high else f"{format(low, spec)}..{format(high, spec)}"


def _about(value: float, integer: bool) -> str:
    """A flip threshold for reading: whole numbers as they are, others to four figures."""
    if integer or value == 0:
        return format(value, ",.0f")
    return format(round(value, 3 - math.floor(math.log10(abs(value)))), ",.10g")


_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    """Escape the characters Markdown would read as markup or HTML."""
    return text.translate(_ESCAPE)


def _cell(text: str) -> str:
    return _md(text)
