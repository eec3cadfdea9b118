"""Warn when a cost default's price was read more than six months before the build.

Prices change month to month, and a reader takes the estimator's defaults to
a budget meeting. Every cost input whose source is a price page
(``price-...`` in ``docs/data/sources.csv``) carries the date the price was
read; when that date is more than :data:`MAX_AGE_MONTHS` months before the
build date, the build says which input and which source to re-check.

It warns and does not fail the build: ``mkdocs build --strict`` fails on
MkDocs' own warnings, and an old price is a reason to re-read a page, not a
broken site (a fresh clone must still build months later). The build date is
``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today (UTC).
"""

from __future__ import annotations

import calendar
import datetime
import logging
import os
from collections.abc import Iterable, Mapping

import calculators
from _site_data import SOURCES

#: A price older than this many months (by the calendar) gets a warning.
MAX_AGE_MONTHS = 6

log = logging.getLogger("rft.price_dates")


def on_config(config: object, **_: object) -> None:
    """Log one warning per price source read too long before the build."""
    _ensure_handler()
    for message in stale_prices(calculators.COST_INPUTS, SOURCES, build_date()):
        log.warning(message)


def stale_prices(
    inputs: Iterable[calculators.CostInput], sources: Mapping[str, Mapping[str, str]], today: datetime.date,
) -> list[str]:
    """One message per price source behind a default that was read more than
    :data:`MAX_AGE_MONTHS` months before ``today``, naming the source, the date
    it was read and the inputs whose defaults rest on it."""
    keys: dict[str, list[str]] = {}
    for spec in inputs:
        for source_id in (spec.source, *spec.other_sources):
            if source_id.startswith("price-"):
                keys.setdefault(source_id, []).append(spec.key)
    limit = _months_before(today, MAX_AGE_MONTHS)
    messages = []
    for source_id, used_by in keys.items():
        read = datetime.date.fromisoformat(sources[source_id]["read"])
        if read < limit:
            messages.append(
                f"price_dates: {source_id} was read on {read}, more than {MAX_AGE_MONTHS} months "
                f"before this build ({today}); re-check {sources[source_id]['address']} and update "
                f"the defaults of {', '.join(used_by)} and the row's read date in docs/data/sources.csv"
            )
    return messages


def build_date() -> datetime.date:
    """``SOURCE_DATE_EPOCH`` as a UTC date when set, else today's UTC date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch
        else datetime.datetime.now(datetime.timezone.utc)
    )
    return moment.date()


# Helpers


def _months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month ``months`` earlier (the month's last day if shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _ensure_handler() -> None:
    """Print the warnings as MkDocs prints its own, without joining MkDocs'
    logger (whose warnings fail a --strict build)."""
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
        log.addHandler(handler)
        log.propagate = False
