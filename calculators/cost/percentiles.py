"""Each approach's cumulative cost over the draws: sums, monthly percentiles, averages.

The 10th, 50th and 90th percentiles are exact for every month: each month
adds one step to every draw's running total, and the draws are ordered
again. The order of the draws changes little from one month to the next
(only where two draws' totals cross), so the previous month's order is kept
and sorted again: Python's sort (Timsort) finishes a nearly sorted list in
close to one pass, where sorting each month afresh costs ``n log n``.

A page recomputes after each change of one input, which leaves most
approaches' draws as they were (the sampler draws each input's column the
same way every time): :func:`percentile_series` keeps its last answer for
each approach and gives it again when that approach's sums are unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import add, mul

from .bill import Line, runs

__all__ = ["line_mean", "percentile_series", "reruns_by", "sum_lines"]

#: The last answer of :func:`percentile_series` for each approach name: its
#: arguments and what it returned (one entry per approach, replaced each time).
_LAST: dict[str, tuple[tuple, tuple]] = {}

#: The percentiles reported, as fractions.
LEVELS = (0.1, 0.5, 0.9)


def sum_lines(lines: Sequence[Line], n: int) -> tuple[list[float], list[float], list[float]]:
    """USD at start, per month and per rerun, summed over an approach's lines,
    for ``n`` draws (a line's ``None`` part is zero)."""
    sums = []
    for part in range(3):
        total = None
        for line in lines:
            values = line[part]
            if values is not None:
                total = list(values) if total is None else list(map(add, total, values))
        sums.append(total if total is not None else [0.0] * n)
    return sums[0], sums[1], sums[2]


def percentile_series(
    start: list[float], monthly: list[float], rerun: list[float], every: Sequence[float] | None,
    horizon: int, keep: Sequence[int], name: str = "",
) -> tuple[tuple[tuple[float, ...], ...], dict[int, list[float]]]:
    """The 10th, 50th and 90th percentile of the cumulative cost, month by month,
    and the draws' own totals at the months in ``keep``.

    Args:
        start: USD at month 0, per draw.
        monthly: USD each month, per draw.
        rerun: USD per retraining run after the first, per draw.
        every: Months between runs, per draw, or ``None`` for an approach
            that never retrains.
        horizon: Months modelled.
        keep: Months whose per-draw totals to return.
        name: The approach, to give its last answer again when nothing
            above changed since (``""``: work it out afresh).

    Returns:
        ``((p10, p50, p90), kept)``: three tuples of ``horizon + 1`` USD
        figures rounded to cents, and month -> the totals per draw (the
        caller must not change them: a repeat shares them).
    """
    if not name:
        return _percentile_series(start, monthly, rerun, every, horizon, keep)
    key = (tuple(start), tuple(monthly), tuple(rerun), None if every is None else tuple(every), horizon, tuple(keep))
    last = _LAST.get(name)
    if last is not None and last[0] == key:
        return last[1]
    answer = _percentile_series(start, monthly, rerun, every, horizon, keep)
    _LAST[name] = (key, answer)
    return answer


def _percentile_series(start, monthly, rerun, every, horizon, keep):
    n = len(start)
    positions = [q * (n - 1) for q in LEVELS]
    # Draws grouped by their k (months between runs): a month's step adds the
    # rerun of the draws whose run falls due; made once per set of k due together.
    due_draws: dict[float, list[int]] = {}
    if every is not None and any(rerun):
        for i, k in enumerate(every):
            due_draws.setdefault(k, []).append(i)
    steps: dict[tuple[float, ...], list[float]] = {}
    values = list(start)
    order = sorted(range(n), key=values.__getitem__)
    out: tuple[list[float], list[float], list[float]] = ([], [], [])
    kept: dict[int, list[float]] = {}
    for month in range(horizon + 1):
        if month:
            due = tuple(k for k in due_draws if month % k == 0 and month < horizon)
            step = steps.get(due)
            if step is None:
                step = list(monthly)
                for k in due:
                    for i in due_draws[k]:
                        step[i] += rerun[i]
                steps[due] = step
            values = list(map(add, values, step))
            order.sort(key=values.__getitem__)  # nearly sorted already: about one pass
        if month in keep:
            kept[month] = values
        for series, position in zip(out, positions):
            below = int(position)
            low = values[order[below]]
            if below + 1 < n:
                low += (values[order[below + 1]] - low) * (position - below)
            series.append(round(low, 2))
    return (tuple(out[0]), tuple(out[1]), tuple(out[2])), kept


def line_mean(line: Line, reruns: Sequence[int] | None, horizon: int, n: int) -> float:
    """One line's cumulative USD at the horizon, averaged over the ``n`` draws
    (the averages add up to the average total; percentiles of lines would not);
    ``reruns``: the runs after the first that each draw bills by the horizon
    (:func:`reruns_by`), or ``None`` for an approach that never retrains."""
    start, monthly, rerun = line
    total = math.fsum(start) if start is not None else 0.0
    if monthly is not None:
        total += math.fsum(monthly) * horizon
    if rerun is not None and reruns is not None:
        total += math.fsum(map(mul, rerun, reruns))
    return round(total / n, 2)


def reruns_by(month: int, horizon: int, every: Sequence[float]) -> list[int]:
    """Runs after the first billed by ``month``, per draw, for its months between runs."""
    known = {k: runs(month, horizon, k) - 1 for k in set(every)}
    return [known[k] for k in every]
