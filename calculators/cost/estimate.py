"""The estimate: the bill over the draws, summed up for a reader.

:func:`estimate_cost` reads the inputs (:mod:`calculators.cost.inputs`),
draws every range (:mod:`calculators.cost.uncertainty`), bills each draw
(:mod:`calculators.cost.bill`), and reports for the four approaches (the
prompt-only baseline, RAG, fine-tuning and the hybrid):

- per approach and month, the 10th, 50th and 90th percentile of the
  cumulative cost over the draws (:mod:`calculators.cost.percentiles`), and
  the two extremes (every input at its cheap end, every input at its dear
  end), which almost never happen together;
- with decision answers, the needs each approach misses
  (:mod:`calculators.cost.needs`);
- at 12 months and at the horizon, the share of draws in which each
  approach that meets the needs is the cheapest of them, and the tornado of
  the inputs that decide it (:mod:`calculators.cost.comparison`);
- warnings where self-hosted GPUs cannot carry the traffic
  (:mod:`calculators.cost.capacity`);
- USD per 1,000 queries and the first-year multiple of the training compute
  (Akoode's 3-5x check), as percentiles over the same draws.

>>> r = estimate_cost({"queries_per_month": "0", "corpus_tokens": "0", "rag_monthly_usd": "0",
...                    "rag_build_engineer_months": "0", "rag_ops_engineer_share": "0"})
>>> r.total("rag", 12)
(5000.0, 30000.0)
"""

from __future__ import annotations

import gc
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import add, truediv
from typing import Any

from .bill import COST_APPROACHES, COST_LINES, LINE_KINDS, RETRAIN_EVERY, bill
from .capacity import capacity_warnings
from .comparison import (
    CENTRE,
    CHEAP,
    CLEAR_SHARE,
    DEAR,
    SAME_USD,
    Points,
    cheaper_at,
    count_cheapest,
    crossings,
    leader,
    pick_pair,
    tornado,
    tornado_groups,
)
from .defaults import COST_INPUTS, TIED_INPUTS
from .inputs import read_inputs
from .needs import missed_needs
from .percentiles import line_mean, percentile_series, reruns_by, sum_lines
from .presets import inputs_with_answers
from .spec import AKOODE_LIFECYCLE_MULTIPLE
from .uncertainty import DRAWS, SEED, draw, log_scaled, points, quantile

__all__ = ["CLEAR_SHARE", "UNANSWERED_COMPARED", "CostEstimate", "CostSeries", "estimate_cost", "estimate_with_answers"]

#: The approaches the headline compares when no decision answers come with the
#: inputs: those that build something. The prompt-only baseline is shown beside
#: them, and joins the comparison when the answers say a prompt meets the needs.
UNANSWERED_COMPARED: tuple[str, ...] = ("rag", "fine-tuning", "hybrid")

#: Fine-tuning's lines that Akoode's 3-5x first-year multiple covers: all but serving.
_FIRST_YEAR_LINES = frozenset({"engineers-build", "engineers-run", "data-prep", "training"})

_SPECS = {i.key: i for i in COST_INPUTS}


@dataclass(frozen=True)
class CostSeries:
    """One approach's cumulative cost, month by month, with its lines.

    Attributes:
        low: Cumulative USD at months 0..horizon, every input at its cheap end.
        high: The same with every input at its dear end.
        lines: Per line of the bill, its cumulative USD at the horizon:
            ``{"id", "label", "kind", "low", "high", "mean"}``: ``kind`` is
            ``"people"`` or ``"machines"``; the extremes add up to the
            totals' extremes, and the averages over the draws add up to the
            average total.
        p10: The 10th percentile over the draws, month by month (USD).
        p50: The median.
        p90: The 90th percentile.
    """

    low: tuple[float, ...]
    high: tuple[float, ...]
    lines: tuple[dict[str, Any], ...] = ()
    p10: tuple[float, ...] = ()
    p50: tuple[float, ...] = ()
    p90: tuple[float, ...] = ()

    def midpoint(self, month: int) -> float:
        """The middle of the two extremes at ``month``, in USD."""
        return (self.low[month] + self.high[month]) / 2

    def median(self, month: int) -> float:
        """The median over the draws at ``month``, in USD."""
        return self.p50[month]


@dataclass(frozen=True)
class CostEstimate:
    """The result of :func:`estimate_cost`.

    Attributes:
        inputs: Every numeric input as ``(low, high)``, defaults filled in
            (a blank input: the range its parts give at their extremes).
        horizon_months: The number of months modelled.
        approaches: ``"prompt-engineering"``, ``"rag"``, ``"fine-tuning"``,
            ``"hybrid"`` -> :class:`CostSeries`.
        break_even_month: The first month from which fine-tuning's median
            cumulative cost stays at or below RAG's to the horizon; ``None``
            when it never does.
        sensitivity: The tornado, ranked by ``swing_usd``: one row per range
            input (tied inputs share a row, named by the first): ``{"key",
            "tied": [keys], "cheaper_at_low", "cheaper_at_high", "flips",
            "threshold", "cheaper_above", "swing_usd", "gap_at_low_usd",
            "gap_at_high_usd"}``: the cheaper of :attr:`pair` at the horizon
            (``None`` for the same cost) with the input at each end and
            every other input at its median; where the answer flips, the
            value of ``key`` at which it does and the approach cheaper above
            it (else ``None``); the pair's second minus its first at each
            end (USD; RAG and fine-tuning give fine-tuning minus RAG; one
            approach alone, its total) and how far apart they are.
        options: Every choice input -> its word (``{"ft_serving": "api"}``).
        crossings: ``{"month", "cheaper"}`` for every month where the median
            lines of :attr:`pair` cross, either way.
        cheaper_at: At 12 months (or the horizon, if shorter) and at the
            horizon: ``{"month", "approach", "chance", "chances",
            "close_call", "compared"}``: of the approaches compared (those
            that meet the needs), the one cheapest in most draws (``None``
            for a tie), the share of draws in which it is (for ``None``, the
            share in which the cheapest ties), every approach's share
            (``chances``: each approach, 0 for one not compared, and
            ``"same"``), whether it is a close call (under two in three, or
            the draws and the inputs' medians disagree), and the approaches
            compared.
        usd_per_1000_queries: Approach -> ``{"low", "high"}`` (extremes)
            and ``{"p10", "p50", "p90"}`` USD per 1,000 queries over the
            horizon, or ``None`` with no queries.
        lifecycle_multiple: ``{"implied": {"p10", "p90", "low", "high"},
            "akoode": {"low", "high"}}``: fine-tuning's first 12 months
            without serving (data preparation, training runs, engineers'
            time) over one training run, 10th and 90th percentile over the
            draws (``low`` and ``high`` repeat them), against Akoode's 3-5x.
        blank: Inputs left blank and computed from others.
        draws: How many draws the percentiles and chances come from.
        answers: The decision answers given with the inputs, or ``None``.
        meets: Approach -> the needs it misses, ``[{"need", "message"}]``
            (empty when it meets them all); empty without answers.
        compared: The approaches the headline compares: those that meet
            every need (without answers, :data:`UNANSWERED_COMPARED`; when
            none meets every need, those that miss the fewest).
        pair: The one or two approaches the tornado and the crossings follow.
        warnings: ``{"id", "message"}`` per problem the bill does not show:
            self-hosted GPUs that cannot carry the traffic.
    """

    inputs: dict[str, tuple[float, float]]
    horizon_months: int
    approaches: dict[str, CostSeries]
    break_even_month: int | None
    sensitivity: tuple[dict[str, Any], ...] = field(default=())
    options: dict[str, str] = field(default_factory=dict)
    crossings: tuple[dict[str, Any], ...] = ()
    cheaper_at: tuple[dict[str, Any], ...] = ()
    usd_per_1000_queries: dict[str, dict[str, float] | None] = field(default_factory=dict)
    lifecycle_multiple: dict[str, dict[str, float | None]] = field(default_factory=dict)
    blank: frozenset[str] = frozenset()
    draws: int = DRAWS
    answers: dict[str, str] | None = None
    meets: dict[str, tuple[dict[str, str], ...]] = field(default_factory=dict)
    compared: tuple[str, ...] = UNANSWERED_COMPARED
    pair: tuple[str, ...] = ("rag", "fine-tuning")
    warnings: tuple[dict[str, str], ...] = ()

    def total(self, approach: str, month: int) -> tuple[float, float]:
        """``(low, high)`` cumulative USD for ``approach`` at ``month``: the extremes."""
        series = self.approaches[approach]
        return series.low[month], series.high[month]

    def percentiles(self, approach: str, month: int) -> tuple[float, float, float]:
        """``(p10, p50, p90)`` cumulative USD for ``approach`` at ``month``."""
        series = self.approaches[approach]
        return series.p10[month], series.p50[month], series.p90[month]

    @property
    def close_call(self) -> bool:
        """Whether the answer at the horizon is a close call (see :attr:`cheaper_at`)."""
        return bool(self.cheaper_at and self.cheaper_at[-1]["close_call"])

    def misses(self, approach: str) -> tuple[dict[str, str], ...]:
        """The needs ``approach`` misses; empty without decision answers."""
        return self.meets.get(approach, ())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; no NaN or infinity can occur.

        Returns:
            ``{"horizon_months": int, "inputs": {key: {"low", "high"} (and
            "from_parts": true for a blank input) or a word}, "answers":
            {key: answer} | None, "approaches": {name: {"cumulative_usd":
            {"low", "high", "p10", "p50", "p90": [USD...]}, "lines": [...],
            "usd_per_1000_queries": {...} | None, "meets": true | [{"need",
            "message"}]}}, "compared": [name], "break_even_month": int |
            None, "crossings": [...], "cheaper_at": [...], "close_call":
            bool, "sensitivity": [...], "sensitivity_of": [name],
            "warnings": [{"id", "message"}], "lifecycle_multiple": {...},
            "draws": {"count", "seed", "method", "tied", "log_scale"}}``;
            each cumulative list has ``horizon_months + 1`` numbers, index =
            month; ``meets`` is ``true`` when the approach misses no need
            (always, without decision answers).
        """
        inputs: dict[str, Any] = {k: {"low": lo, "high": hi} for k, (lo, hi) in self.inputs.items()}
        for key in self.blank:
            inputs[key]["from_parts"] = True
        inputs.update(self.options)
        return {
            "horizon_months": self.horizon_months,
            "inputs": inputs,
            "answers": dict(self.answers) if self.answers is not None else None,
            "approaches": {
                name: {
                    "cumulative_usd": {
                        "low": list(s.low), "high": list(s.high),
                        "p10": list(s.p10), "p50": list(s.p50), "p90": list(s.p90),
                    },
                    "lines": [dict(line) for line in s.lines],
                    "usd_per_1000_queries": self.usd_per_1000_queries.get(name),
                    "meets": [dict(m) for m in self.misses(name)] or True,
                }
                for name, s in self.approaches.items()
            },
            "compared": list(self.compared),
            "break_even_month": self.break_even_month,
            "crossings": [dict(c) for c in self.crossings],
            "cheaper_at": [
                {**c, "chances": dict(c["chances"]), "compared": list(c["compared"])} for c in self.cheaper_at
            ],
            "close_call": self.close_call,
            "sensitivity": [{**row, "tied": list(row["tied"])} for row in self.sensitivity],
            "sensitivity_of": list(self.pair),
            "warnings": [dict(w) for w in self.warnings],
            "lifecycle_multiple": {k: dict(v) for k, v in self.lifecycle_multiple.items()},
            "draws": {
                "count": self.draws,
                "seed": SEED,
                "method": "latin-hypercube",
                "tied": [list(g) for g in TIED_INPUTS],
                "log_scale": [
                    k for k, (lo, hi) in self.inputs.items()
                    if k not in self.blank and lo != hi and log_scaled(lo, hi)
                ],
            },
        }


def estimate_cost(
    inputs: Mapping[str, object] | None = None, answers: Mapping[str, str] | None = None,
) -> CostEstimate:
    """Estimate the cumulative cost of the prompt-only baseline, RAG, fine-tuning
    and the hybrid, line by line.

    Args:
        inputs: Input key -> a number, ``"low..high"`` or ``(low, high)``;
            a choice input takes one of its words (``ft_serving``:
            ``"api"`` or ``"self-hosted"``); ``ft_data_prep_usd`` and the
            tuned model's prices may be ``""`` (built from their parts).
            Keys, units, limits and sources are those of
            :data:`calculators.COST_INPUTS` (USD, USD/month, tokens,
            months, engineer-months, shares from 0 to 1); a missing key
            takes its default. ``horizon_months`` must be one number from 1
            to 120. The Decide page's answers do not change these; see
            :func:`calculators.cost.presets.inputs_with_answers`.
        answers: The Decide page's answers (question key -> answer, as for
            :func:`calculators.recommend`), or ``None``. With them, each
            approach is marked with the needs it misses, and the headline
            compares only the approaches that meet them all. Answers that
            are all ``"unsure"`` (or none) are no answers, as a link that
            carries none.

    Returns:
        A :class:`CostEstimate`: percentiles over :data:`DRAWS` draws and the
        extremes, per approach, month and line; the chance that each
        compared approach is the cheapest at 12 months and at the horizon;
        crossings of the median lines; the tornado; warnings; USD per 1,000
        queries and the implied first-year multiple. The same inputs always
        give the same estimate.

    Raises:
        InputError: (a :class:`ValueError`) for any bad input or answer,
            naming the key and what is allowed; see
            :func:`calculators.cost.parse_range`. A replaced key such as
            ``ft_upkeep_usd_per_month`` is refused with what replaced it.
    """
    values, options, blank = read_inputs(inputs or {})
    meets = missed_needs(answers, values["ft_retrain_every_months"]) if answers is not None else None
    if answers is not None and all(value == "unsure" for value in answers.values()):
        # "Not sure" everywhere is what a link without answers means: no answers.
        answers = meets = None
    # The estimate makes thousands of short-lived lists, none in a reference
    # cycle: the cyclic collector's passes over them are pure overhead (a third
    # of the time inside Pyodide), so it pauses for the computation.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _estimate(values, options, blank, answers, meets)
    finally:
        if collecting:
            gc.enable()


def estimate_with_answers(inputs: Mapping[str, object] | None, answers: Mapping[str, str] | None) -> CostEstimate:
    """The estimate a Cost estimator link shows: its decision answers change the
    inputs it leaves alone (:func:`calculators.cost.presets.inputs_with_answers`)
    and mark the approaches that miss a need. The page, ``python -m calculators
    cost`` and ``record`` all estimate through here.

    Args:
        inputs: Input key -> value, as for :func:`estimate_cost`, or ``None``.
        answers: Question key -> answer, or ``None``.

    Returns:
        ``estimate_cost(inputs_with_answers(inputs, answers), answers)``.

    Raises:
        InputError: as :func:`estimate_cost`.
    """
    return estimate_cost(inputs_with_answers(inputs or {}, answers), answers)


def _estimate(values, options, blank, answers, meets) -> CostEstimate:
    horizon = int(values["horizon_months"][0])
    checkpoints = sorted({min(12, horizon), horizon})
    columns = draw(values, blank)
    lines = bill(columns, options)
    n = DRAWS
    # Single points, billed together: the medians, the two extremes, and each
    # tornado row's input (or tied inputs) at its low and high end.
    groups = tornado_groups(values, blank)
    at = [{}, _corner(values, 0), _corner(values, 1)]
    for group in groups:
        at += [{k: 0.0 for k in group}, {k: 1.0 for k in group}]
    pts = Points(points(values, blank, at), options, horizon)
    approaches, kept, memo = {}, {}, {}
    for name in COST_APPROACHES:
        every = columns[RETRAIN_EVERY[name]] if name in RETRAIN_EVERY else None
        start, monthly, rerun = sum_lines(lines[name], n)
        (p10, p50, p90), kept[name] = percentile_series(start, monthly, rerun, every, horizon, checkpoints, name)
        approaches[name] = CostSeries(
            low=tuple(pts.series(name, CHEAP)), high=tuple(pts.series(name, DEAR)),
            lines=_line_rows(name, lines[name], pts, None if every is None else reruns_by(horizon, horizon, every),
                             horizon, memo),
            p10=p10, p50=p50, p90=p90,
        )
    compared = _compared(meets)
    counts = {m: count_cheapest({a: kept[a][m] for a in compared}, compared) for m in checkpoints}
    winner = leader(counts[horizon], compared) if len(compared) > 1 else compared[0]
    pair = pick_pair(compared, winner, pts, horizon)
    sensitivity = tornado(values, options, blank, groups, pts, pair, horizon)
    return CostEstimate(
        inputs=values,
        options=options,
        horizon_months=horizon,
        approaches=approaches,
        break_even_month=_break_even(approaches, horizon),
        crossings=crossings({a: s.p50 for a, s in approaches.items()}, pair, horizon),
        cheaper_at=tuple(
            cheaper_at(m, counts[m], n, compared, pts.cheapest(compared, CENTRE, m),
                       sensitivity if m == horizon else ())
            for m in checkpoints
        ),
        sensitivity=sensitivity,
        usd_per_1000_queries=_per_1000(approaches, {a: kept[a][horizon] for a in kept}, columns, pts, horizon),
        lifecycle_multiple=_lifecycle_multiple(lines["fine-tuning"], columns),
        blank=blank,
        answers=dict(answers) if answers is not None else None,
        meets={a: tuple(m) for a, m in meets.items()} if meets is not None else {},
        compared=compared,
        pair=pair,
        warnings=tuple(capacity_warnings(columns, options)),
    )


def _compared(meets: Mapping[str, list] | None) -> tuple[str, ...]:
    """The approaches the headline compares: those that miss no need (see
    :attr:`CostEstimate.compared`), in bill order."""
    if meets is None:
        return UNANSWERED_COMPARED
    fewest = min(len(meets[a]) for a in COST_APPROACHES)
    return tuple(a for a in COST_APPROACHES if len(meets[a]) == fewest)


def _line_rows(name, lines, pts: Points, reruns, horizon, memo) -> tuple[dict[str, Any], ...]:
    """Each line at the horizon: its kind, its extremes, and its average over the draws."""
    rows = []
    for index, ((lid, label), line) in enumerate(zip(COST_LINES[name], lines)):
        key = (id(line), RETRAIN_EVERY.get(name))  # a shared line: the same unless it reruns
        if key not in memo:
            memo[key] = line_mean(line, reruns, horizon, DRAWS)
        rows.append({
            "id": lid, "label": label, "kind": LINE_KINDS[lid],
            "low": round(pts.line(name, index, CHEAP, horizon), 2),
            "high": round(pts.line(name, index, DEAR, horizon), 2),
            "mean": memo[key],
        })
    return tuple(rows)


def _corner(values, end: int) -> dict[str, float]:
    """Every input at its cheap (0) or dear (1) end, as positions in its range."""
    return {key: float(end if _SPECS[key].cost_rises else 1 - end) for key in values}


def _break_even(approaches: Mapping[str, CostSeries], horizon: int) -> int | None:
    rag, ft = approaches["rag"], approaches["fine-tuning"]
    month = None
    for m in range(horizon, -1, -1):
        if ft.p50[m] <= rag.p50[m] + SAME_USD:
            month = m
        else:
            break
    return month


# Per 1,000 queries, and Akoode's check


def _per_1000(approaches, at_horizon, columns, pts: Points, horizon: int) -> dict[str, dict[str, float] | None]:
    """USD per 1,000 queries over the horizon: extremes and percentiles over the draws."""
    served = [q * horizon / 1000 for q in columns["queries_per_month"]]
    result: dict[str, dict[str, float] | None] = {}
    for name, series in approaches.items():
        if min(served) > 0:
            rates = sorted(map(truediv, at_horizon[name], served))
        else:
            rates = sorted(t / s for t, s in zip(at_horizon[name], served) if s > 0)
        ends = [
            total / (q * horizon) * 1000
            for total, q in ((series.low[horizon], pts.queries[CHEAP]), (series.high[horizon], pts.queries[DEAR]))
            if q > 0
        ]
        if not rates or not ends:
            result[name] = None
            continue
        result[name] = {
            "low": round(min(ends), 4), "high": round(max(ends), 4),
            "p10": round(quantile(rates, 0.1), 4), "p50": round(quantile(rates, 0.5), 4),
            "p90": round(quantile(rates, 0.9), 4),
        }
    return result


def _lifecycle_multiple(lines: Sequence, columns: Mapping[str, Sequence[float]]) -> dict[str, dict[str, float | None]]:
    """Fine-tuning's first 12 months without serving, over one training run, per
    draw: data preparation (and its share again for each rerun), the runs that
    serve inside those months, and the engineers' build and 12 months of running."""
    train = columns["ft_training_usd"]
    year_reruns = reruns_by(12, 12, columns["ft_retrain_every_months"])
    totals = [0.0] * len(train)
    for (lid, _), (start, monthly, rerun) in zip(COST_LINES["fine-tuning"], lines):
        if lid not in _FIRST_YEAR_LINES:
            continue
        if start is not None:
            totals = list(map(add, totals, start))
        if monthly is not None:
            totals = [t + 12 * m for t, m in zip(totals, monthly)]
        if rerun is not None:
            totals = [t + r * k for t, r, k in zip(totals, rerun, year_reruns)]
    # A run of a few hundred-thousandths of a cent (a slip, or a range from 0) overflows the
    # division: such draws give no multiple, so the JSON never holds an infinity or NaN.
    multiples = sorted(m for m in (total / t for total, t in zip(totals, train) if t > 0) if math.isfinite(m))
    p10 = round(quantile(multiples, 0.1), 2) if multiples else None
    p90 = round(quantile(multiples, 0.9), 2) if multiples else None
    return {
        "implied": {"p10": p10, "p90": p90, "low": p10, "high": p90},
        "akoode": {"low": AKOODE_LIFECYCLE_MULTIPLE[0], "high": AKOODE_LIFECYCLE_MULTIPLE[1]},
    }
