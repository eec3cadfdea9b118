"""The estimate: the bill over the draws, summed up for a reader.

:func:`estimate_cost` reads the inputs (:mod:`calculators.cost.inputs`),
draws every range (:mod:`calculators.cost.uncertainty`), bills each draw
(:mod:`calculators.cost.bill`), and reports:

- per approach and month, the 10th, 50th and 90th percentile of the
  cumulative cost over the draws, and the two extremes (every input at its
  cheap end, every input at its dear end), which almost never happen
  together;
- at 12 months and at the horizon, the share of draws in which RAG and in
  which fine-tuning is the cheaper (the hybrid pays for all that fine-tuning
  does and more, so it is never the cheapest of the three);
- the months where the median lines of RAG and fine-tuning cross;
- the tornado: each range input swung from its low to its high end with
  every other input at its median, ranked by how far it moves fine-tuning
  minus RAG at the horizon, with the value where it flips the answer;
- USD per 1,000 queries and the first-year multiple of the training compute
  (Akoode's 3-5x check), as percentiles over the same draws.

>>> r = estimate_cost({"queries_per_month": "0", "corpus_tokens": "0", "rag_monthly_usd": "0"})
>>> r.total("rag", 12)
(5000.0, 30000.0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
import gc
import math
from bisect import bisect_left, bisect_right
from itertools import repeat
from operator import add, mul, sub, truediv
from dataclasses import dataclass, field
from typing import Any

from .bill import COST_APPROACHES, COST_LINES, Line, bill, runs
from .inputs import AKOODE_LIFECYCLE_MULTIPLE, COST_INPUTS, DATA_PREP_PARTS, TIED_INPUTS, read_inputs
from .uncertainty import DRAWS, SEED, draw, log_scaled, points, quantile, value_at

__all__ = ["CLEAR_SHARE", "CostEstimate", "CostSeries", "estimate_cost"]

#: The share of draws an approach needs to be named cheaper without a close call: two in three.
CLEAR_SHARE = 2 / 3

#: Costs within half a cent of each other are the same.
_SAME_USD = 0.005

_SPECS = {i.key: i for i in COST_INPUTS}


@dataclass(frozen=True)
class CostSeries:
    """One approach's cumulative cost, month by month, with its lines.

    Attributes:
        low: Cumulative USD at months 0..horizon, every input at its cheap end.
        high: The same with every input at its dear end.
        lines: Per line of the bill, its cumulative USD at the horizon:
            ``{"id", "label", "low", "high", "mean"}``: the extremes, which
            add up to the totals' extremes, and the average over the draws,
            which adds up to the average total.
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
        approaches: ``"rag"``, ``"fine-tuning"``, ``"hybrid"`` -> :class:`CostSeries`.
        break_even_month: The first month from which fine-tuning's median
            cumulative cost stays at or below RAG's to the horizon; ``None``
            when it never does.
        sensitivity: The tornado, ranked by ``swing_usd``: one row per range
            input (tied inputs share a row, named by the first): ``{"key",
            "tied": [keys], "cheaper_at_low", "cheaper_at_high", "flips",
            "threshold", "cheaper_above", "swing_usd", "gap_at_low_usd",
            "gap_at_high_usd"}``: the cheaper of RAG and fine-tuning at the
            horizon (``None`` for the same cost) with the input at each end
            and every other input at its median; where the answer flips, the
            value of ``key`` at which it does and the approach cheaper above
            it (else ``None``); fine-tuning minus RAG at each end (USD) and
            how far apart they are.
        options: Every choice input -> its word (``{"ft_serving": "api"}``).
        crossings: ``{"month", "cheaper"}`` for every month where the median
            lines of RAG and fine-tuning cross, either way.
        cheaper_at: At 12 months (or the horizon, if shorter) and at the
            horizon: ``{"month", "approach", "chance", "chances": {"rag",
            "fine-tuning", "same"}, "close_call"}``: the approach cheaper in
            more draws (``None`` when neither is), the share of draws in
            which it is cheaper (for ``None``, the share in which both cost
            the same), and whether it is a close call: under two in three,
            or the draws and the inputs' medians disagree.
        usd_per_1000_queries: Approach -> ``{"low", "high"}`` (extremes)
            and ``{"p10", "p50", "p90"}`` USD per 1,000 queries over the
            horizon, or ``None`` with no queries.
        lifecycle_multiple: ``{"implied": {"p10", "p90", "low", "high"},
            "akoode": {"low", "high"}}``: fine-tuning's first 12 months (data
            preparation, training runs, upkeep) over one training run,
            10th and 90th percentile over the draws (``low`` and ``high``
            repeat them), against Akoode's 3-5x.
        blank: Inputs left blank and computed from others.
        draws: How many draws the percentiles and chances come from.
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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; no NaN or infinity can occur.

        Returns:
            ``{"horizon_months": int, "inputs": {key: {"low", "high"} (and
            "from_parts": true for a blank input) or a word}, "approaches":
            {name: {"cumulative_usd": {"low", "high", "p10", "p50", "p90":
            [USD...]}, "lines": [...], "usd_per_1000_queries": {...} |
            None}}, "break_even_month": int | None, "crossings": [...],
            "cheaper_at": [...], "close_call": bool, "sensitivity": [...],
            "lifecycle_multiple": {...}, "draws": {"count", "seed",
            "method", "tied", "log_scale"}}``; each cumulative list has
            ``horizon_months + 1`` numbers, index = month.
        """
        inputs: dict[str, Any] = {k: {"low": lo, "high": hi} for k, (lo, hi) in self.inputs.items()}
        for key in self.blank:
            inputs[key]["from_parts"] = True
        inputs.update(self.options)
        return {
            "horizon_months": self.horizon_months,
            "inputs": inputs,
            "approaches": {
                name: {
                    "cumulative_usd": {
                        "low": list(s.low), "high": list(s.high),
                        "p10": list(s.p10), "p50": list(s.p50), "p90": list(s.p90),
                    },
                    "lines": [dict(line) for line in s.lines],
                    "usd_per_1000_queries": self.usd_per_1000_queries.get(name),
                }
                for name, s in self.approaches.items()
            },
            "break_even_month": self.break_even_month,
            "crossings": [dict(c) for c in self.crossings],
            "cheaper_at": [{**c, "chances": dict(c["chances"])} for c in self.cheaper_at],
            "close_call": self.close_call,
            "sensitivity": [{**row, "tied": list(row["tied"])} for row in self.sensitivity],
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


def estimate_cost(inputs: Mapping[str, object] | None = None) -> CostEstimate:
    """Estimate the cumulative cost of RAG, fine-tuning and hybrid, line by line.

    Args:
        inputs: Input key -> a number, ``"low..high"`` or ``(low, high)``;
            ``ft_serving`` takes ``"api"`` or ``"self-hosted"``;
            ``ft_data_prep_usd`` may be ``""`` (built from its parts). Keys,
            units, limits and sources are those of
            :data:`calculators.COST_INPUTS` (USD, USD/month, tokens, months,
            shares from 0 to 1); a missing key takes its default.
            ``horizon_months`` must be one number from 1 to 120.

    Returns:
        A :class:`CostEstimate`: percentiles over :data:`DRAWS` draws and the
        extremes, per approach, month and line; the chance that each
        approach is cheaper at 12 months and at the horizon; crossings of
        the median lines; the tornado; USD per 1,000 queries and the
        implied first-year multiple. The same inputs always give the same
        estimate.

    Raises:
        InputError: (a :class:`ValueError`) for any bad input, naming the key
            and what is allowed; see :func:`calculators.cost.parse_range`. A
            replaced key such as ``ft_lifecycle_multiplier`` is refused with
            what replaced it.
    """
    values, options, blank = read_inputs(inputs or {})
    # The estimate makes thousands of short-lived lists, none in a reference
    # cycle: the cyclic collector's passes over them are pure overhead (a third
    # of the time inside Pyodide), so it pauses for the computation.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _estimate(values, options, blank)
    finally:
        if collecting:
            gc.enable()


def _estimate(values, options, blank) -> CostEstimate:
    horizon = int(values["horizon_months"][0])
    checkpoints = sorted({min(12, horizon), horizon})
    columns = draw(values, blank)
    lines = bill(columns, options)
    every = columns["ft_retrain_every_months"]
    # Single points, billed together: the medians, the two extremes, and each
    # tornado row's input (or tied inputs) at its low and high end.
    groups = _tornado_groups(values, blank)
    at = [{}, _corner(values, 0), _corner(values, 1)]
    for group in groups:
        at += [{k: 0.0 for k in group}, {k: 1.0 for k in group}]
    pts = Points(points(values, blank, at), options, horizon)
    approaches, kept, memo = {}, {}, {}
    for name in COST_APPROACHES:
        start, monthly, rerun = _sum_lines(lines[name])
        (p10, p50, p90), kept[name] = _percentile_series(start, monthly, rerun, every, horizon, checkpoints)
        approaches[name] = CostSeries(
            low=tuple(pts.series(name, _CHEAP)), high=tuple(pts.series(name, _DEAR)),
            lines=_line_rows(name, lines[name], pts, every, horizon, memo),
            p10=p10, p50=p50, p90=p90,
        )
    sensitivity = _tornado(values, options, blank, groups, pts, horizon)
    cheaper_at = tuple(
        _cheaper_at(
            month, kept["rag"][month], kept["fine-tuning"][month], pts.gap(_CENTRE, month),
            sensitivity if month == horizon else (),
        )
        for month in checkpoints
    )
    return CostEstimate(
        inputs=values,
        options=options,
        horizon_months=horizon,
        approaches=approaches,
        break_even_month=_break_even(approaches, horizon),
        crossings=_crossings(approaches, horizon),
        cheaper_at=cheaper_at,
        sensitivity=sensitivity,
        usd_per_1000_queries=_per_1000(approaches, {n: kept[n][horizon] for n in kept}, columns, pts, horizon),
        lifecycle_multiple=_lifecycle_multiple(columns),
        blank=blank,
    )


# The bill over the draws


def _sum_lines(lines: Sequence[Line]) -> tuple[list[float], list[float], list[float]]:
    """USD at start, per month and per rerun, summed over an approach's lines, per draw."""
    sums = []
    for part in range(3):
        total = None
        for line in lines:
            values = line[part]
            if values is not None:
                total = list(values) if total is None else list(map(add, total, values))
        sums.append(total if total is not None else [0.0] * len(lines[0][0] or lines[0][1] or lines[0][2]))
    return sums[0], sums[1], sums[2]


def _percentile_series(start, monthly, rerun, every, horizon: int, keep: Sequence[int]):
    """The 10th, 50th and 90th percentile of the cumulative cost, month by month,
    and the draws' own values at the months in ``keep``.

    Each month adds one step to every draw (its monthly cost, plus a rerun
    where one falls due: a run every ``k`` months after month 0, none in the
    horizon month), then sorts: two C-level passes over the draws a month.
    The steps are made once for each set of ``k`` values due together."""
    out: tuple[list[float], list[float], list[float]] = ([], [], [])
    kept: dict[int, list[float]] = {}
    reruns = any(rerun)
    by_every = {k: [r if e == k else 0.0 for r, e in zip(rerun, every)] for k in set(every)} if reruns else {}
    steps: dict[tuple[float, ...], list[float]] = {}
    values = list(start)
    for month in range(horizon + 1):
        if month:
            due = tuple(k for k in by_every if month % k == 0 and month < horizon)
            step = steps.get(due)
            if step is None:
                step = monthly
                for k in due:
                    step = list(map(add, step, by_every[k]))
                steps[due] = step
            values = list(map(add, values, step))
        if month in keep:
            kept[month] = values
        ordered = sorted(values)
        for series, q in zip(out, (0.1, 0.5, 0.9)):
            series.append(round(quantile(ordered, q), 2))
    return tuple(tuple(s) for s in out), kept


def _line_rows(name, lines, pts, every, horizon, memo) -> tuple[dict[str, Any], ...]:
    """Each line at the horizon: its extremes, and its average over the draws (the
    averages add up to the average total; percentiles of lines would not)."""
    rows = []
    for index, ((lid, label), line) in enumerate(zip(COST_LINES[name], lines)):
        rows.append({
            "id": lid, "label": label,
            "low": round(pts.line(name, index, _CHEAP, horizon), 2),
            "high": round(pts.line(name, index, _DEAR, horizon), 2),
            "mean": _line_mean(line, every, horizon, memo),
        })
    return tuple(rows)


def _line_mean(line: Line, every, horizon: int, memo: dict) -> float:
    """One line's cumulative USD at the horizon, averaged over the draws; ``memo``
    keeps it (and the reruns per draw) for the approach that shares the line."""
    if id(line) in memo:
        return memo[id(line)]
    start, monthly, rerun = line
    total = math.fsum(start) if start is not None else 0.0
    if monthly is not None:
        total += math.fsum(monthly) * horizon
    if rerun is not None:
        if "reruns" not in memo:
            memo["reruns"] = [runs(horizon, horizon, k) - 1 for k in every]
        total += math.fsum(map(mul, rerun, memo["reruns"]))
    memo[id(line)] = mean = round(total / len(every), 2)
    return mean


# Single points: the medians, the extremes, the tornado's ends

_CENTRE, _CHEAP, _DEAR = 0, 1, 2


class Points:
    """Billed single points (columns with one value per point): cumulative USD
    of an approach, a line, or fine-tuning minus RAG, at any month."""

    def __init__(self, columns: Mapping[str, Sequence[float]], options, horizon: int) -> None:
        self.lines = bill(columns, options)
        self.every = columns["ft_retrain_every_months"]
        self.queries = columns["queries_per_month"]
        self.horizon = horizon
        self.sums = {name: _sum_lines(ls) for name, ls in self.lines.items()}

    def total(self, name: str, p: int, month: int) -> float:
        start, monthly, rerun = self.sums[name]
        return start[p] + monthly[p] * month + rerun[p] * (runs(month, self.horizon, self.every[p]) - 1)

    def series(self, name: str, p: int) -> list[float]:
        return [round(self.total(name, p, m), 2) for m in range(self.horizon + 1)]

    def line(self, name: str, index: int, p: int, month: int) -> float:
        start, monthly, rerun = self.lines[name][index]
        total = start[p] if start is not None else 0.0
        if monthly is not None:
            total += monthly[p] * month
        if rerun is not None:
            total += rerun[p] * (runs(month, self.horizon, self.every[p]) - 1)
        return total

    def gap(self, p: int, month: int) -> float:
        """Fine-tuning minus RAG at ``month``, USD."""
        return self.total("fine-tuning", p, month) - self.total("rag", p, month)


def _corner(values, end: int) -> dict[str, float]:
    """Every input at its cheap (0) or dear (1) end, as positions in its range."""
    return {key: float(end if _SPECS[key].cost_rises else 1 - end) for key in values}


# Which is cheaper


def _side(gap: float) -> str | None:
    """The cheaper of the two for fine-tuning minus RAG = ``gap`` USD; ``None`` for the same."""
    if gap < -_SAME_USD:
        return "fine-tuning"
    if gap > _SAME_USD:
        return "rag"
    return None


def _cheaper_at(month: int, rag: list[float], ft: list[float], centre_gap: float, tornado) -> dict[str, Any]:
    gaps = sorted(map(sub, ft, rag))
    n = len(gaps)
    ft_cheaper = bisect_left(gaps, -_SAME_USD)
    rag_cheaper = n - bisect_right(gaps, _SAME_USD)
    chances = {"rag": rag_cheaper / n, "fine-tuning": ft_cheaper / n, "same": (n - ft_cheaper - rag_cheaper) / n}
    if rag_cheaper > ft_cheaper:
        approach = "rag"
    elif ft_cheaper > rag_cheaper:
        approach = "fine-tuning"
    else:
        approach = None
    chance = chances[approach] if approach else chances["same"]
    close = chance < CLEAR_SHARE
    if approach is not None:
        # The draws and the inputs' medians must tell the same story: else a close call.
        close = close or _side(centre_gap) != approach or any(
            not row["flips"] and row["cheaper_at_low"] != approach for row in tornado
        )
    return {"month": month, "approach": approach, "chance": chance, "chances": chances, "close_call": close}


def _break_even(approaches: Mapping[str, CostSeries], horizon: int) -> int | None:
    rag, ft = approaches["rag"], approaches["fine-tuning"]
    month = None
    for m in range(horizon, -1, -1):
        if ft.p50[m] <= rag.p50[m] + _SAME_USD:
            month = m
        else:
            break
    return month


def _crossings(approaches: Mapping[str, CostSeries], horizon: int) -> tuple[dict[str, Any], ...]:
    """Months where the cheaper by median changes; months of equal medians change nothing."""
    rag, ft = approaches["rag"], approaches["fine-tuning"]
    found, before = [], None
    for m in range(horizon + 1):
        now = _side(ft.p50[m] - rag.p50[m])
        if now is None:
            continue
        if before is not None and now != before:
            found.append({"month": m, "cheaper": now})
        before = now
    return tuple(found)


# The tornado


def _tornado_groups(values, blank) -> list[tuple[str, ...]]:
    """The range inputs, one group each, tied inputs together, in the inputs' order."""
    tied = {key: group for group in TIED_INPUTS for key in group}
    groups, seen = [], set()
    for spec in COST_INPUTS:
        key = spec.key
        if spec.choices or key in blank or key == "horizon_months" or key in seen:
            continue
        group = tied.get(key, (key,))
        seen.update(group)
        if any(values[k][0] != values[k][1] for k in group):
            groups.append(group)
    return groups


def _tornado(values, options, blank, groups, pts: Points, horizon: int) -> tuple[dict[str, Any], ...]:
    rows = []
    for index, group in enumerate(groups):
        at_low, at_high = pts.gap(3 + 2 * index, horizon), pts.gap(4 + 2 * index, horizon)
        low_side, high_side = _side(at_low), _side(at_high)
        flips = low_side != high_side
        rows.append({
            "key": group[0],
            "tied": tuple(group[1:]),
            "cheaper_at_low": low_side,
            "cheaper_at_high": high_side,
            "flips": flips,
            "threshold": _flip_point(values, options, blank, group, high_side, horizon) if flips else None,
            "cheaper_above": high_side if flips else None,
            "swing_usd": round(abs(at_high - at_low), 2),
            "gap_at_low_usd": round(at_low, 2),
            "gap_at_high_usd": round(at_high, 2),
        })
    rows.sort(key=lambda row: -row["swing_usd"])  # stable: ties keep the inputs' order
    return tuple(rows)


def _flip_point(values, options, blank, group, high_side: str | None, horizon: int) -> float:
    """The value of the group's first input where the cheaper approach becomes the
    one cheaper at its high end, by bisection on the position in the range (the
    group's inputs moving together): the smallest such value, to a part in a
    million of the range, or exactly for whole numbers."""
    key = group[0]
    low, high = values[key]
    whole = _SPECS[key].integer

    def side(u: float) -> str | None:
        return _side(Points(points(values, blank, [{k: u for k in group}]), options, horizon).gap(0, horizon))

    lo_u, hi_u = 0.0, 1.0
    for _ in range(60):
        if value_at(key, low, high, hi_u) - value_at(key, low, high, lo_u) <= (1 if whole else (high - low) * 1e-6):
            break
        mid = (lo_u + hi_u) / 2
        if side(mid) == high_side:
            hi_u = mid
        else:
            lo_u = mid
    found = value_at(key, low, high, hi_u)
    # Rounding to six places may step past an end of the range (0.9999999999999999
    # rounds to 1.0): keep the answer inside it.
    return found if whole else min(max(round(found, 6), low), high)


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
            for total, q in ((series.low[horizon], pts.queries[_CHEAP]), (series.high[horizon], pts.queries[_DEAR]))
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


def _lifecycle_multiple(columns: Mapping[str, Sequence[float]]) -> dict[str, dict[str, float | None]]:
    """The first 12 months of fine-tuning over one training run, per draw: data
    preparation (and its share again for each rerun), the runs that serve inside
    those months, and 12 months of upkeep."""
    train = columns["ft_training_usd"]
    year_runs = {k: runs(12, 12, k) for k in set(columns["ft_retrain_every_months"])}
    multiples = sorted(
        (prep * (1 + share * (year_runs[k] - 1)) + year_runs[k] * t + 12 * up) / t
        for prep, share, t, k, up in zip(
            columns["ft_data_prep_usd"], columns["ft_data_refresh_share"], train,
            columns["ft_retrain_every_months"], columns["ft_upkeep_usd_per_month"],
        )
        if t > 0
    )
    p10 = round(quantile(multiples, 0.1), 2) if multiples else None
    p90 = round(quantile(multiples, 0.9), 2) if multiples else None
    return {
        "implied": {"p10": p10, "p90": p90, "low": p10, "high": p90},
        "akoode": {"low": AKOODE_LIFECYCLE_MULTIPLE[0], "high": AKOODE_LIFECYCLE_MULTIPLE[1]},
    }
