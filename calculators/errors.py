"""The one error type the calculators raise for bad input."""

from __future__ import annotations

__all__ = ["InputError"]


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
