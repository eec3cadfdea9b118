"""Which approach is cheaper: over the draws, at single points, and input by input.

The headline compares the approaches that meet the needs (all but the
prompt-only baseline when no decision answers came with the inputs; see
:func:`calculators.cost.estimate.estimate_cost`). This module works out:

- at each checkpoint, the share of draws in which each compared approach is
  the cheapest (:func:`cheaper_at`), and whether that is a close call;
- the *pair* the tornado and the crossings follow: the approach cheapest in
  most draws and the runner-up at the inputs' medians (one approach alone
  when only one is compared);
- the tornado: each range input swung from its low to its high end with
  every other input at its median, ranked by how far it moves the second of
  the pair minus the first at the horizon, with the value where the answer
  flips (:func:`tornado`);
- the months where the pair's median lines cross.

:class:`Points` bills single points (the medians, the two extremes, each
tornado end) together, as columns of one value per point.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from .bill import COST_APPROACHES, RETRAIN_EVERY, bill, runs
from .defaults import COST_INPUTS, TIED_INPUTS
from .percentiles import sum_lines
from .uncertainty import points, points_at, value_at

__all__ = ["CLEAR_SHARE", "Points", "cheaper_at", "crossings", "pick_pair", "side", "tornado", "tornado_groups"]

#: The share of draws an approach needs to be named cheaper without a close call: two in three.
CLEAR_SHARE = 2 / 3

#: Costs within half a cent of each other are the same.
SAME_USD = 0.005

#: Indexes of the single points every estimate bills: the medians, every input
#: at its cheap end, every input at its dear end; the tornado's ends follow.
CENTRE, CHEAP, DEAR = 0, 1, 2

_SPECS = {i.key: i for i in COST_INPUTS}


class Points:
    """Billed single points (columns with one value per point): cumulative USD
    of an approach or one of its lines, at any month."""

    def __init__(self, columns: Mapping[str, Sequence[float]], options, horizon: int,
                 approaches: Sequence[str] = COST_APPROACHES) -> None:
        self.lines = bill(columns, options, approaches)
        n = len(columns["queries_per_month"])
        self.every = {name: columns[key] for name, key in RETRAIN_EVERY.items()}
        self.queries = columns["queries_per_month"]
        self.horizon = horizon
        self.sums = {name: sum_lines(ls, n) for name, ls in self.lines.items()}

    def total(self, name: str, p: int, month: int) -> float:
        """Cumulative USD of approach ``name`` at point ``p`` and ``month``."""
        start, monthly, rerun = self.sums[name]
        total = start[p] + monthly[p] * month
        if name in self.every:
            total += rerun[p] * (runs(month, self.horizon, self.every[name][p]) - 1)
        return total

    def series(self, name: str, p: int) -> list[float]:
        """Cumulative USD at point ``p`` for months 0..horizon, rounded to cents."""
        return [round(self.total(name, p, m), 2) for m in range(self.horizon + 1)]

    def line(self, name: str, index: int, p: int, month: int) -> float:
        """One line's cumulative USD at point ``p`` and ``month``."""
        start, monthly, rerun = self.lines[name][index]
        total = start[p] if start is not None else 0.0
        if monthly is not None:
            total += monthly[p] * month
        if rerun is not None and name in self.every:
            total += rerun[p] * (runs(month, self.horizon, self.every[name][p]) - 1)
        return total

    def gap(self, pair: Sequence[str], p: int, month: int) -> float:
        """The pair's second minus its first at ``month`` (USD); for one approach, its total."""
        if len(pair) == 1:
            return self.total(pair[0], p, month)
        return self.total(pair[1], p, month) - self.total(pair[0], p, month)

    def cheapest(self, compared: Sequence[str], p: int, month: int) -> str | None:
        """The compared approach cheapest at point ``p``; ``None`` for a tie."""
        totals = sorted((self.total(name, p, month), name) for name in compared)
        if len(totals) > 1 and totals[1][0] - totals[0][0] <= SAME_USD:
            return None
        return totals[0][1]


def side(gap: float, pair: Sequence[str]) -> str | None:
    """The cheaper of the pair for a gap (second minus first, USD); ``None`` for the same."""
    if len(pair) == 1:
        return pair[0]
    if gap < -SAME_USD:
        return pair[1]
    if gap > SAME_USD:
        return pair[0]
    return None


# Over the draws


def count_cheapest(totals: Mapping[str, list[float]], compared: Sequence[str]) -> dict[str, int]:
    """Draws in which each compared approach is the cheapest; ``"same"`` for draws
    where the cheapest ties with another to within half a cent."""
    counts = {name: 0 for name in COST_APPROACHES}
    columns = [totals[name] for name in compared]
    low = list(map(min, *columns)) if len(columns) > 1 else columns[0]
    # For each approach and draw: 1 where it is (one of) the cheapest.
    at_low = [[int(total - least <= SAME_USD) for total, least in zip(column, low)] for column in columns]
    ties = list(map(sum, zip(*at_low)))
    for name, hits in zip(compared, at_low):
        counts[name] = sum(hit for hit, tied in zip(hits, ties) if tied == 1)
    counts["same"] = sum(tied > 1 for tied in ties)
    return counts


def leader(counts: Mapping[str, int], compared: Sequence[str]) -> str | None:
    """The compared approach cheapest in the most draws; ``None`` when two lead equally."""
    best = max(counts[name] for name in compared)
    leaders = [name for name in compared if counts[name] == best]
    return leaders[0] if len(leaders) == 1 else None


def cheaper_at(month: int, counts: Mapping[str, int], n: int, compared: Sequence[str],
               centre: str | None, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One checkpoint: ``{"month", "approach", "chance", "chances", "close_call", "compared"}``.

    ``approach`` is the compared approach cheapest in most draws (``None`` for
    a tie); ``chance`` its share of the draws (for ``None``, the share in which
    the cheapest ties); ``chances`` every approach's share (0 for one not
    compared) and ``"same"``. A close call: under two draws in three, or the
    inputs' medians (``centre``) or a tornado row that flips nothing naming
    another approach.
    """
    chances = {name: counts[name] / n for name in (*COST_APPROACHES, "same")}
    approach = leader(counts, compared) if len(compared) > 1 else compared[0]
    chance = chances[approach] if approach else chances["same"]
    close = chance < CLEAR_SHARE
    if approach is not None and len(compared) > 1:
        close = close or centre != approach or any(
            not row["flips"] and row["cheaper_at_low"] != approach for row in rows
        )
    return {"month": month, "approach": approach, "chance": chance, "chances": chances,
            "close_call": close, "compared": list(compared)}


def pick_pair(compared: Sequence[str], winner: str | None, pts: Points, horizon: int) -> tuple[str, ...]:
    """The approaches the tornado and the crossings follow, in bill order: the
    winner (else the cheapest at the medians) and the cheapest other at the medians."""
    if len(compared) == 1:
        return (compared[0],)
    by_centre = sorted(compared, key=lambda name: (pts.total(name, CENTRE, horizon), COST_APPROACHES.index(name)))
    first = winner or by_centre[0]
    second = next(name for name in by_centre if name != first)
    return tuple(sorted((first, second), key=COST_APPROACHES.index))


def crossings(p50: Mapping[str, Sequence[float]], pair: Sequence[str], horizon: int) -> tuple[dict[str, Any], ...]:
    """Months where the cheaper of the pair by median changes; equal months change nothing."""
    if len(pair) == 1:
        return ()
    first, second = (p50[name] for name in pair)
    found, before = [], None
    for m in range(horizon + 1):
        now = side(second[m] - first[m], pair)
        if now is None:
            continue
        if before is not None and now != before:
            found.append({"month": m, "cheaper": now})
        before = now
    return tuple(found)


# The tornado


def tornado_groups(values, blank) -> list[tuple[str, ...]]:
    """The range inputs, one group each, tied inputs together, in the inputs' order."""
    tied = {key: group for group in TIED_INPUTS for key in group}
    groups, seen = [], set()
    for spec in COST_INPUTS:
        key = spec.key
        if spec.choices or key in blank or key == "horizon_months" or key in seen:
            continue
        group = tied.get(key, (key,))
        seen.update(group)
        if any(values[k][0] != values[k][1] for k in group if k not in blank):
            groups.append(group)
    return groups


def tornado(values, options, blank, groups, pts: Points, pair: Sequence[str], horizon: int) -> tuple[dict[str, Any], ...]:
    """One row per group, ranked by ``swing_usd`` (see :attr:`CostEstimate.sensitivity`)."""
    rows = []
    for index, group in enumerate(groups):
        at_low, at_high = pts.gap(pair, 3 + 2 * index, horizon), pts.gap(pair, 4 + 2 * index, horizon)
        low_side, high_side = side(at_low, pair), side(at_high, pair)
        flips = low_side != high_side
        rows.append({
            "key": group[0],
            "tied": tuple(group[1:]),
            "cheaper_at_low": low_side,
            "cheaper_at_high": high_side,
            "flips": flips,
            "threshold": (
                flip_point(values, options, blank, group, pair, high_side, horizon, (at_low, at_high))
                if flips else None
            ),
            "cheaper_above": high_side if flips else None,
            "swing_usd": round(abs(at_high - at_low), 2),
            "gap_at_low_usd": round(at_low, 2),
            "gap_at_high_usd": round(at_high, 2),
        })
    rows.sort(key=lambda row: -row["swing_usd"])  # stable: ties keep the inputs' order
    return tuple(rows)


#: Positions tried in each round of the flip search: 32 cells a round.
_GRID = 33


def flip_point(values, options, blank, group, pair, high_side: str | None, horizon: int,
               ends: tuple[float, float] = (0.0, 0.0)) -> float:
    """The value of the group's first input where the cheaper of the pair becomes
    the one cheaper at its high end (the group's inputs moving together): the
    smallest such value, to a part in a million of the range, or exactly for
    whole numbers.

    Most inputs move the gap in a straight line (with the others held at their
    medians, each line of the bill is linear in any one of them), so the value
    where the straight line through the two ends (``ends``: the gap at the low
    and the high end, USD) crosses zero is tried first, and kept when the
    answer turns right there. Otherwise each round bills a grid of positions
    at once and keeps the cell where the answer turns, so a few rounds do what
    sixty halvings would.
    """
    key = group[0]
    low, high = values[key]
    whole = _SPECS[key].integer
    tolerance = 1 if whole else (high - low) * 1e-6
    guess = _straight_line_guess(values, options, blank, group, pair, high_side, horizon, ends, tolerance)
    if guess is not None:
        return guess
    lo_u, hi_u = 0.0, 1.0
    for _ in range(12):
        if value_at(key, low, high, hi_u) - value_at(key, low, high, lo_u) <= tolerance:
            break
        grid = [lo_u + (hi_u - lo_u) * i / (_GRID - 1) for i in range(1, _GRID - 1)]
        pts = Points(points(values, blank, [{k: u for k in group} for u in grid]), options, horizon, pair)
        turn = next((i for i, _ in enumerate(grid) if side(pts.gap(pair, i, horizon), pair) == high_side), None)
        if turn is None:
            lo_u = grid[-1]
        else:
            hi_u = grid[turn]
            if turn:
                lo_u = grid[turn - 1]
    return _inside(value_at(key, low, high, hi_u), low, high, whole)


def _straight_line_guess(values, options, blank, group, pair, high_side, horizon, ends, tolerance) -> float | None:
    """Where the straight line through the gap at the two ends crosses zero,
    if the answer turns there (checked just below and at it); else ``None``."""
    key = group[0]
    low, high = values[key]
    at_low, at_high = ends
    if len(group) > 1 or at_low == at_high:
        return None
    guess = low + (high - low) * at_low / (at_low - at_high)
    if _SPECS[key].integer:
        above = float(max(low, min(high, math.ceil(guess - 1e-9))))
        below = above - 1
    else:
        above, below = min(high, guess + tolerance / 2), max(low, guess - tolerance / 2)
    if not low <= below < above <= high:
        return None
    pts = Points(points_at(values, blank, key, [below, above]), options, horizon, pair)
    sides = [side(pts.gap(pair, i, horizon), pair) for i in (0, 1)]
    if sides[1] != high_side or sides[0] == high_side:
        return None
    return _inside(above if _SPECS[key].integer else guess, low, high, _SPECS[key].integer)


def _inside(found: float, low: float, high: float, whole: bool) -> float:
    # Rounding to six places may step past an end of the range (0.9999999999999999
    # rounds to 1.0): keep the answer inside it.
    return found if whole else min(max(round(found, 6), low), high)
