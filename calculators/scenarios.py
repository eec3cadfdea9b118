"""Cost scenarios side by side: up to three named sets of cost inputs.

A scenario travels in the Cost estimator's address as one ``scenario`` value,
``NAME:KEY=VALUE;KEY=VALUE`` (for example ``Self-hosted:ft_serving=self-hosted;
queries_per_month=3000000``), so a link reproduces the whole comparison.
:func:`compare_scenarios` reads up to :data:`MAX_SCENARIOS` of them, estimates
each with :func:`calculators.estimate_cost`, and keeps the good ones when one
is broken: each problem names its scenario and the field at fault.

>>> c = compare_scenarios(["Base:", "Busy:queries_per_month=1000000"])
>>> [s.name for s in c.scenarios], c.differing
(['Base', 'Busy'], ['queries_per_month'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .cost import COST_APPROACHES, COST_INPUTS, CostEstimate, estimate_cost
from .cost.summary import APPROACH_NAMES, usd_median
from .errors import InputError
from .markup import escape

__all__ = ["MAX_SCENARIOS", "Scenario", "ScenarioComparison", "cheaper_words", "compare_scenarios", "parse_scenario", "render_scenarios"]

#: How many scenarios the Cost estimator compares at once.
MAX_SCENARIOS = 3

#: Longest scenario name, in characters.
MAX_NAME = 40

_NAME_EXTRA = set(" -_.()'&+")
_LABELS = {i.key: i.label for i in COST_INPUTS}
_SHORT = APPROACH_NAMES

#: After the cheaper approach's name when neither approach is cheaper in two
#: draws out of three (:attr:`calculators.CostEstimate.close_call`).
CLOSE_CALL = " (a close call)"


def cheaper_words(estimate: CostEstimate) -> str:
    """The cheaper approach at the horizon as a table cell names it: ``"RAG"``,
    ``"Fine-tuning (a close call)"``, or ``"None (a tie)"`` for equal costs."""
    last = estimate.cheaper_at[-1]
    if last["approach"] is None:
        return "None (a close call)" if last["close_call"] else "None (a tie)"
    return _SHORT[last["approach"]] + (CLOSE_CALL if last["close_call"] else "")


@dataclass(frozen=True)
class Scenario:
    """One pinned scenario.

    Attributes:
        name: Its name, 1 to :data:`MAX_NAME` characters.
        inputs: The inputs it sets (key -> value string); the others take
            their defaults.
        estimate: :func:`calculators.estimate_cost` of ``inputs``.
    """

    name: str
    inputs: dict[str, str]
    estimate: CostEstimate

    def value(self, key: str) -> str:
        """The input's value in this scenario, as the estimate read it (``"low..high"``,
        a word, or ``"from its parts"`` for an input left blank)."""
        if key in self.estimate.blank:
            return "from its parts"
        if key in self.estimate.options:
            return self.estimate.options[key]
        low, high = self.estimate.inputs[key]
        return f"{low:,.10g}" if low == high else f"{low:,.10g}..{high:,.10g}"


@dataclass(frozen=True)
class ScenarioComparison:
    """The result of :func:`compare_scenarios`.

    Attributes:
        scenarios: The scenarios that could be read, in the order given.
        errors: One ``{"scenario": str, "field": str, "message": str}`` per
            scenario that could not be read; ``scenario`` is its name, or
            its position (``"#2"``) when the name itself is at fault.
        differing: Input keys whose values are not the same in every scenario,
            in :data:`calculators.COST_INPUTS` order.
    """

    scenarios: tuple[Scenario, ...]
    errors: tuple[dict[str, str], ...] = ()
    differing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"scenarios": [{"name", "inputs", "horizon_months",
        "totals": {approach: {"12": {"low", "high", "p10", "p50", "p90"},
        "horizon": {...}}}, "cheaper_at_horizon": str | None, "chance": float,
        "close_call": bool}], "errors": [...], "differing": [key]}``; totals in
        USD (``low`` and ``high`` are the extremes)."""
        rows = []
        for s in self.scenarios:
            e = s.estimate

            def at(name: str, month: int, e: CostEstimate = e) -> dict[str, float]:
                return {
                    **dict(zip(("low", "high"), e.total(name, month))),
                    **dict(zip(("p10", "p50", "p90"), e.percentiles(name, month))),
                }

            totals = {
                name: {"12": at(name, min(12, e.horizon_months)), "horizon": at(name, e.horizon_months)}
                for name in e.approaches
            }
            rows.append({
                "name": s.name, "inputs": dict(s.inputs), "horizon_months": e.horizon_months,
                "totals": totals, "cheaper_at_horizon": e.cheaper_at[-1]["approach"],
                "chance": e.cheaper_at[-1]["chance"], "close_call": e.close_call,
            })
        return {"scenarios": rows, "errors": [dict(x) for x in self.errors], "differing": list(self.differing)}


def parse_scenario(text: str) -> tuple[str, dict[str, str]]:
    """Read one ``NAME:KEY=VALUE;KEY=VALUE`` scenario.

    Args:
        text: The scenario as the address carries it; the part after the
            colon may be empty (every input at its default).

    Returns:
        ``(name, {key: value})``.

    Raises:
        InputError: field ``"scenario"`` for a missing colon, an empty or
            too long name, or characters other than letters, digits, spaces
            and ``-_.()'&+`` in it; field ``KEY`` for an item without ``=``
            or a key given twice. Values are checked by
            :func:`calculators.estimate_cost`.
    """
    name = _name(text)
    rest = text.partition(":")[2]
    inputs: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in rest.split(";"))):
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(key or item, "expected KEY=VALUE")
        if key in inputs:
            raise InputError(key, "given more than once")
        inputs[key] = value
    return name, inputs


def _name(text: object) -> str:
    """The scenario's name, or InputError (field ``"scenario"``)."""
    if not isinstance(text, str) or ":" not in text:
        raise InputError("scenario", f"expected NAME:KEY=VALUE;KEY=VALUE, got {text!r}")
    name = text.partition(":")[0].strip()
    if not name or len(name) > MAX_NAME or not all(c.isalnum() or c in _NAME_EXTRA for c in name):
        raise InputError(
            "scenario",
            f"the name {name!r} is not allowed; use 1 to {MAX_NAME} letters, digits, spaces "
            "or - _ . ( ) ' & +",
        )
    return name


def compare_scenarios(items: Sequence[str], answers: Mapping[str, str] | None = None) -> ScenarioComparison:
    """Estimate up to three scenarios and find the inputs that differ.

    Args:
        items: Scenario texts, ``NAME:KEY=VALUE;...`` (see
            :func:`parse_scenario`); inputs in the units of
            :data:`calculators.COST_INPUTS` (USD, months, tokens, ...).
        answers: The decision answers the page carries, or ``None``: with
            them each scenario compares only the approaches that meet the
            needs, as the estimate does (the answers do not change a
            scenario's inputs, which are pinned as they were).

    Returns:
        A :class:`ScenarioComparison`. A scenario that cannot be read (bad
        name or input, a name used twice, more than :data:`MAX_SCENARIOS`)
        is left out with an error naming it and the field; the rest are kept.
    """
    scenarios: list[Scenario] = []
    errors: list[dict[str, str]] = []
    for position, text in enumerate(items, 1):
        label = f"#{position}"
        try:
            label = _name(text)
            name, inputs = parse_scenario(text)
            if position > MAX_SCENARIOS:
                raise InputError("scenario", f"at most {MAX_SCENARIOS} scenarios can be compared")
            if any(s.name == name for s in scenarios):
                raise InputError("scenario", "another scenario has this name")
            scenarios.append(Scenario(name, inputs, estimate_cost(inputs, answers)))
        except InputError as error:
            errors.append({
                "scenario": label, "field": error.field,
                "message": f"Scenario {label}: {error}",
            })
    differing = [
        i.key for i in COST_INPUTS if len({s.value(i.key) for s in scenarios}) > 1
    ]
    return ScenarioComparison(tuple(scenarios), tuple(errors), differing)


def render_scenarios(comparison: ScenarioComparison) -> str:
    """Render the comparison as an HTML fragment for the Cost estimator.

    Args:
        comparison: The result of :func:`compare_scenarios`.

    Returns:
        HTML: the errors (one line each, naming scenario and field), a table
        with each scenario's totals for the prompt-only baseline, RAG,
        fine-tuning and the hybrid (median and 10th-90th percentile, USD) at
        12 months and at its horizon and its cheaper approach, and a
        table of the inputs that differ between the scenarios, each value
        marked. Empty when there is nothing to show.
    """
    out = "".join(
        f'<p class="rft-field-error" role="alert" data-scenario-error="{escape(e["scenario"])}">'
        f'{escape(e["message"])}</p>'
        for e in comparison.errors
    )
    if not comparison.scenarios:
        return out
    rows = ""
    for s in comparison.scenarios:
        e = s.estimate
        h = e.horizon_months
        cells = "".join(
            f"<td>{usd_median(*e.percentiles(n, min(12, h)))}</td><td>{usd_median(*e.percentiles(n, h))}</td>"
            for n in COST_APPROACHES
        )
        rows += (
            f'<tr data-scenario="{escape(s.name)}"><th scope="row">{escape(s.name)}</th>{cells}'
            f"<td>{h}</td><td>{cheaper_words(e)}</td></tr>"
        )
    heads = "".join(
        f"<th>{label}, 12 months</th><th>{label}, horizon</th>" for label in _SHORT.values()
    )
    out += (
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Scenarios compared">'
        '<div class="md-typeset__table"><table class="rft-scenarios"><thead><tr><th>Scenario</th>'
        f"{heads}<th>Horizon (months)</th><th>Cheaper at the horizon</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></div>"
    )
    if comparison.differing and len(comparison.scenarios) > 1:
        names = "".join(f"<th>{escape(s.name)}</th>" for s in comparison.scenarios)
        diff_rows = "".join(
            f'<tr data-input="{key}"><th scope="row">{escape(_LABELS[key])} <code>{key}</code></th>'
            + "".join(f"<td><mark>{escape(s.value(key))}</mark></td>" for s in comparison.scenarios)
            + "</tr>"
            for key in comparison.differing
        )
        out += (
            '<p class="rft-result__note">The inputs that differ between the scenarios; every '
            "other input is the same in all of them.</p>"
            '<div class="md-typeset__scrollwrap" tabindex="0" role="region" '
            'aria-label="Inputs that differ"><div class="md-typeset__table">'
            f'<table class="rft-scenario-inputs"><thead><tr><th>Input</th>{names}</tr></thead>'
            f"<tbody>{diff_rows}</tbody></table></div></div>"
        )
    return out
