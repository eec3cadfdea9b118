"""The one error type the calculators raise for bad input, and the checks the
decision record and the training-run record share."""

from __future__ import annotations

__all__ = ["InputError", "check_date", "check_site"]

_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class InputError(ValueError):
    """Bad input for one named field.

    A subclass of :class:`ValueError`, so callers that only know about
    ``ValueError`` still catch it. The page uses :attr:`field` to put the
    message next to the right form field; the command line prints the message
    and exits with status 2.

    Args:
        field: The input key at fault, for example ``"changes_often"``.
        message: What is wrong and what is allowed, without the key; the key is
            prefixed automatically.

    Attributes:
        field: The input key at fault.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def check_date(date: object) -> None:
    """Check a record's date.

    Args:
        date: A calendar day as ``"YYYY-MM-DD"``.

    Raises:
        InputError: (field ``date``) for anything else, including days that do
            not exist, such as ``"2026-02-29"``.
    """
    message = f"expected a day as YYYY-MM-DD, got {date!r}"
    if not isinstance(date, str) or len(date) != 10 or date[4] != "-" or date[7] != "-":
        raise InputError("date", message)
    year, month, day = date[:4], date[5:7], date[8:]
    if not (year.isdigit() and month.isdigit() and day.isdigit()):
        raise InputError("date", message)
    y, m, d = int(year), int(month), int(day)
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    if not 1 <= m <= 12 or not 1 <= d <= (_DAYS[m - 1] if m != 2 or leap else 28):
        raise InputError("date", message)


def check_site(site_url: object) -> str:
    """Check the guide's address that a record links to.

    Args:
        site_url: An ``http://`` or ``https://`` address of 10 or more
            characters, with no spaces, quotes, brackets or backticks.

    Returns:
        The address, ending in ``/``.

    Raises:
        InputError: (field ``site_url``) for anything else.
    """
    if (
        not isinstance(site_url, str)
        or not site_url.startswith(("http://", "https://"))
        or any(c in site_url for c in " <>()[]\"'`\n")
        or len(site_url) < 10
    ):
        raise InputError("site_url", f"expected an http:// or https:// address, got {site_url!r}")
    return site_url if site_url.endswith("/") else site_url + "/"
