"""Ranges as uncertainty: the sampler, percentiles, chances and the tornado.

A range ``low..high`` is the reader's uncertainty about one input, the way
Guesstimate and Squiggle read a cell. The estimate draws every range input
:data:`DRAWS` times and reports, per approach, the 10th, 50th and 90th
percentile of the cumulative cost for every month, and at each checkpoint
the share of draws in which each approach is the cheaper one.

**The sampler** is a Latin hypercube: each input's range is cut into
:data:`DRAWS` slices of equal probability, each slice is drawn once at a
random point inside it, and the slices of different inputs are paired in a
random order. A few hundred draws then cover every part of every range,
which independent draws would do only by luck. The random numbers come from
Python's Mersenne Twister seeded from :data:`SEED` and the input's key
(:func:`unit_column`), so the same inputs always give the same numbers (the
same page, record and link), and narrowing one range leaves the other
inputs' draws as they were.

**Why 500 draws**: the least the estimate may use, and enough: a chance
read from 500 draws is within about 2 percentage points (one standard
error) of the chance an endless sampler would give, well inside the gap
between a close call (under two in three) and a clear answer; more draws
cost the Cost page's recompute time, which must stay under 50 ms.

**How a draw maps into the range**: a positive input whose high end is 3 or
more times its low end is drawn on a log scale (evenly in its logarithm), so
that 10,000..1,000,000 queries is as likely to be under 100,000 as over it;
any other range is drawn evenly. An input that takes whole numbers is drawn
as whole numbers. A draw never leaves the range given.

**Tied inputs** (:data:`calculators.cost.defaults.TIED_INPUTS`) share one
column of draws: the input and output price of one model move together, as
do one cloud's GPU price and training run.

**Blank inputs** are not drawn: each draw builds them from its parts'
draws (the data preparation from its four parts, a tuned model's prices
from the base model's times ``ft_price_factor``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from operator import mul

from .defaults import BLANK_PARTS, COST_INPUTS, TIED_INPUTS

__all__ = ["DRAWS", "LOG_SCALE_RATIO", "SEED", "draw", "points", "points_at", "quantile", "unit_column", "value_at"]

#: Draws per estimate (see the module docstring for why).
DRAWS = 500

#: The sampler's fixed seed.
SEED = 20261206

#: A positive range whose high end is at least this many times its low end
#: is drawn on a log scale.
LOG_SCALE_RATIO = 3

_SPECS = {i.key: i for i in COST_INPUTS if not i.choices}
#: Input key -> the key whose column of draws it uses (itself, or its tie's first key).
_COLUMN_OF = {key: group[0] for group in TIED_INPUTS for key in group}
_UNIT_COLUMNS: dict[str, list[float]] = {}


def unit_column(key: str) -> list[float]:
    """The Latin-hypercube column for ``key``: :data:`DRAWS` numbers in [0, 1),
    one in each slice of width 1/DRAWS, in a shuffled order; made once per key."""
    column = _UNIT_COLUMNS.get(key)
    if column is None:
        import random  # on first use: the page's start-up does not load it

        rng = random.Random(int.from_bytes(f"{SEED}:{key}".encode(), "big"))
        order = list(range(DRAWS))
        rng.shuffle(order)
        column = _UNIT_COLUMNS[key] = [(slot + rng.random()) / DRAWS for slot in order]
    return column


def log_scaled(low: float, high: float) -> bool:
    """Whether a range is drawn on a log scale."""
    return low > 0 and high >= LOG_SCALE_RATIO * low


def value_at(key: str, low: float, high: float, u: float) -> float:
    """The value of input ``key`` at position ``u`` (0 to 1) in its range, by
    the sampler's mapping: 0 gives ``low``, 1 gives ``high``, 0.5 the median."""
    return _mapper(key, low, high)([u])[0]


def draw(values: Mapping[str, tuple[float, float]], blank: frozenset[str]) -> dict[str, list[float]]:
    """Columns of :data:`DRAWS` values per numeric input, tied inputs together.

    Args:
        values: Every numeric input as ``(low, high)``.
        blank: Inputs computed from others (``ft_data_prep_usd`` from its
            parts, a tuned model's prices from the base model's).

    Returns:
        Input key -> its draws; a single number gives a constant column.
    """
    columns: dict[str, list[float]] = {}
    for key, (low, high) in values.items():
        if key in blank:
            continue
        if low == high:
            columns[key] = [low] * DRAWS
        else:
            columns[key] = _column(key, low, high)
    _fill_blank(columns, blank)
    return columns


def points(
    values: Mapping[str, tuple[float, float]], blank: frozenset[str], at: Sequence[Mapping[str, float]],
) -> dict[str, list[float]]:
    """Columns with one value per entry of ``at``: each input at position
    ``at[i][key]`` (0 to 1) in its range, or at its median (0.5) if not given."""
    columns: dict[str, list[float]] = {}
    moved = set().union(*at)
    for key, (low, high) in values.items():
        if key in blank:
            continue
        if key not in moved or low == high:
            # The same value at every point: mapped once.
            columns[key] = [low if low == high else value_at(key, low, high, 0.5)] * len(at)
            continue
        known: dict[float, float] = {}
        column = []
        for where in at:
            u = where.get(key, 0.5)
            value = known.get(u)
            if value is None:
                value = known[u] = value_at(key, low, high, u)
            column.append(value)
        columns[key] = column
    _fill_blank(columns, blank)
    return columns


def points_at(
    values: Mapping[str, tuple[float, float]], blank: frozenset[str], key: str, at: Sequence[float],
) -> dict[str, list[float]]:
    """Columns with one value per entry of ``at``: input ``key`` at each value
    given (in its own unit), every other input at its median."""
    columns = points(values, blank, [{}] * len(at))
    columns[key] = list(at)
    _fill_blank(columns, blank)
    return columns


def quantile(ordered: Sequence[float], q: float) -> float:
    """The ``q`` quantile of sorted values, interpolating between neighbours
    (the usual definition, numpy's default)."""
    position = q * (len(ordered) - 1)
    below = int(position)
    if below + 1 >= len(ordered):
        return ordered[-1]
    return ordered[below] + (ordered[below + 1] - ordered[below]) * (position - below)


# Helpers

#: Columns of draws already mapped, by (key, low, high): a recompute after one
#: changed input maps only that input again. Kept small.
_COLUMNS: dict[tuple[str, float, float], list[float]] = {}


def _column(key: str, low: float, high: float) -> list[float]:
    found = _COLUMNS.get((key, low, high))
    if found is None:
        if len(_COLUMNS) >= 256:
            _COLUMNS.clear()
        found = _COLUMNS[key, low, high] = _mapper(key, low, high)(unit_column(_COLUMN_OF.get(key, key)))
    return found


def _fill_blank(columns: dict[str, list[float]], blank: frozenset[str]) -> None:
    """Each blank input's column from its parts' columns (see :data:`BLANK_PARTS`)."""
    if "ft_data_prep_usd" in blank:
        examples, evals, minutes, rate = (columns[k] for k in BLANK_PARTS["ft_data_prep_usd"])
        columns["ft_data_prep_usd"] = [
            (n + e) * m / 60 * r for n, e, m, r in zip(examples, evals, minutes, rate)
        ]
    for key in ("ft_input_price_usd_per_mtok", "ft_output_price_usd_per_mtok"):
        if key in blank:
            base, factor = (columns[k] for k in BLANK_PARTS[key])
            columns[key] = list(map(mul, base, factor))


def _mapper(key: str, low: float, high: float):
    """A function from unit draws to values of ``key`` in ``[low, high]``."""
    whole = _SPECS[key].integer
    if log_scaled(low, high):
        base = math.log(low)
        span = math.log(high + 1 if whole else high) - base
        if whole:
            return lambda us: [min(high, max(low, math.floor(math.exp(base + u * span)))) for u in us]
        return lambda us: [min(high, max(low, math.exp(base + u * span))) for u in us]
    if whole:
        width = high - low + 1
        return lambda us: [min(high, math.floor(low + u * width)) for u in us]
    width = high - low
    return lambda us: [min(high, low + u * width) for u in us]
