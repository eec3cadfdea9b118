"""The cost model's inputs read strictly, with their limits; the data re-exported.

Every input is declared once, as data (:data:`COST_INPUTS`, in
:mod:`calculators.cost.defaults`; its shape is
:class:`~calculators.cost.spec.CostInput`); this module reads what a reader
gives against it and fills in the defaults.

A value is a number, or a range ``low..high`` read as the reader's
uncertainty about that one input (see :mod:`calculators.cost.uncertainty`).
Numbers are read strictly (:func:`parse_number`): digits, one decimal point,
an exponent, and commas only between groups of three digits. Every input has
limits a real system can reach; a value beyond them is refused with the key
and the limit named.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from ..errors import InputError
from .defaults import BLANK_PARTS, COST_INPUTS, DATA_PREP_PARTS, REPLACED_INPUTS, TIED_INPUTS, blank_value
from .spec import (
    AKOODE_LIFECYCLE_MULTIPLE,
    AKOODE_LORA_TRAINING_USD,
    AKOODE_RAG_MONTHLY_USD,
    AKOODE_RAG_SETUP_USD,
    MAX_PROMPT_TOKENS,
    MID_SIZE_TRAINING_USD,
    CostInput,
)

__all__ = [
    "AKOODE_LIFECYCLE_MULTIPLE",
    "AKOODE_LORA_TRAINING_USD",
    "AKOODE_RAG_MONTHLY_USD",
    "AKOODE_RAG_SETUP_USD",
    "BLANK_PARTS",
    "COST_INPUTS",
    "DATA_PREP_PARTS",
    "MAX_PROMPT_TOKENS",
    "MID_SIZE_TRAINING_USD",
    "NUMBER_TEXT",
    "REPLACED_INPUTS",
    "TIED_INPUTS",
    "CostInput",
    "parse_number",
    "parse_range",
    "read_inputs",
]

_INPUT = {i.key: i for i in COST_INPUTS}

#: A number as the calculators read it (the training calculator too): an optional sign; digits, with commas
#: only between groups of three (1,000 and 12,345,678, not 1,0,0); at most
#: one decimal point; an optional exponent (1e6, 2.5E-3).
NUMBER_TEXT = re.compile(r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def parse_number(key: str, raw: object) -> float:
    """Read one number for input ``key``, strictly, and check its limits.

    Args:
        key: The input's key, for messages and limits.
        raw: A number or its text: digits, one decimal point, an exponent,
            and commas only between groups of three digits (``"1,000"`` is
            1000; ``"1,0,0"`` is refused).

    Returns:
        The value as a float.

    Raises:
        InputError: naming ``key``, for text that is not such a number,
            a value below the input's minimum or above its limit, or a
            fraction where only whole numbers are allowed.
    """
    spec = _spec(key)
    allowed = _allowed(spec)
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise InputError(key, f"expected a number; allowed: {allowed}")
    text = raw.strip() if isinstance(raw, str) else repr(raw)
    if not NUMBER_TEXT.fullmatch(text):
        raise InputError(
            key,
            f"{_quote(raw)} is not a number (digits, one decimal point, an exponent such as "
            f"1e6, and commas only between groups of three digits); allowed: {allowed}",
        )
    number = float(text.replace(",", ""))
    top = spec.maximum if spec.maximum is not None else math.inf
    if not math.isfinite(number) or number > top:
        raise InputError(
            key,
            f"{_quote(raw)} is above the limit of {_fmt(top)} {spec.unit}: "
            f"{spec.limit_note}; allowed: {allowed}",
        )
    if number < spec.minimum:
        raise InputError(key, f"{_fmt(number)} is below the minimum; allowed: {allowed}")
    if spec.integer and not number.is_integer():
        raise InputError(key, f"{_fmt(number)} is not a whole number; allowed: {allowed}")
    return number


def parse_range(key: str, value: object) -> tuple[float, float]:
    """Read one numeric input as ``(low, high)``.

    Args:
        key: The input's key, for messages and limits.
        value: A number, a string ``"1200"`` or ``"500..3000"``, or a pair.

    Returns:
        ``(low, high)`` as floats.

    Raises:
        InputError: for an unknown or replaced key, a choice input, a value
            :func:`parse_number` refuses, or a low end above the high end;
            the message names the key and what is allowed.
    """
    spec = _spec(key)
    if spec.choices:
        raise InputError(key, f"expected one of: {', '.join(spec.choices)}")
    if isinstance(value, (tuple, list)) and len(value) == 2:
        parts = list(value)
    elif isinstance(value, str) and ".." in value:
        parts = value.split("..", 1)
    else:
        parts = [value, value]
    low, high = (parse_number(key, part) for part in parts)
    if low > high:
        raise InputError(key, f"the low end {_fmt(low)} is above the high end {_fmt(high)}")
    return low, high


def read_inputs(
    inputs: Mapping[str, object],
) -> tuple[dict[str, tuple[float, float]], dict[str, str], frozenset[str]]:
    """Fill in defaults and check every given input.

    Args:
        inputs: Input key -> value, as for :func:`calculators.estimate_cost`.

    Returns:
        ``(values, options, blank)``: every numeric input as ``(low,
        high)``; every choice input -> its word; the keys left blank whose
        value comes from other inputs (those of :data:`BLANK_PARTS` that were
        not given).
        A blank input's entry in ``values`` is its range at the corners of
        its parts.

    Raises:
        InputError: for anything :func:`parse_range` refuses, a choice word
            that is not allowed (naming the word given), a horizon given as
            a range, or a prompt (request plus retrieved context) longer
            than :data:`MAX_PROMPT_TOKENS`.
    """
    if not isinstance(inputs, Mapping):
        raise InputError("inputs", "expected a mapping of input key to value")
    values = {i.key: (float(i.default[0]), float(i.default[1])) for i in COST_INPUTS if not i.choices}
    options = {i.key: i.choices[0] for i in COST_INPUTS if i.choices}
    blank = {i.key for i in COST_INPUTS if i.blank}
    for key, value in inputs.items():
        spec = _spec(str(key))
        if spec.choices:
            word = str(value).strip()
            if word not in spec.choices:
                raise InputError(
                    spec.key, f"{_quote(value)} is not allowed; allowed: {', '.join(spec.choices)}"
                )
            options[spec.key] = word
        elif spec.blank and isinstance(value, str) and not value.strip():
            continue  # blank: from its parts
        else:
            values[spec.key] = parse_range(spec.key, value)
            blank.discard(spec.key)
    low, high = values["horizon_months"]
    if low != high:
        raise InputError("horizon_months", "must be a single number of months from 1 to 120")
    prompt = values["request_tokens"][1] + values["rag_context_tokens"][1]
    if prompt > MAX_PROMPT_TOKENS:
        raise InputError(
            "rag_context_tokens",
            f"with the prompt of {_fmt(values['request_tokens'][1])} tokens, a retrieved context of "
            f"{_fmt(values['rag_context_tokens'][1])} makes {_fmt(prompt)} tokens, above the "
            f"{_fmt(MAX_PROMPT_TOKENS)} the largest context window holds",
        )
    for key in sorted(blank):
        values[key] = tuple(  # type: ignore[assignment]
            blank_value(key, {k: values[k][end] for k in BLANK_PARTS[key]}) for end in (0, 1)
        )
    return values, options, frozenset(blank)


def spec_of(key: str) -> CostInput:
    """The :class:`CostInput` of ``key``; InputError for an unknown or replaced key."""
    return _spec(key)


# Helpers


def _spec(key: str) -> CostInput:
    if key in REPLACED_INPUTS:
        raise InputError(key, REPLACED_INPUTS[key])
    spec = _INPUT.get(key)
    if spec is None:
        raise InputError(key, f"unknown input; allowed keys: {', '.join(_INPUT)}")
    return spec


def _allowed(spec: CostInput) -> str:
    kind = "whole numbers" if spec.integer else "numbers"
    span = f"{kind} from {_fmt(spec.minimum)} to {_fmt(spec.maximum)}"
    ranged = "" if spec.key == "horizon_months" else ", or a range low..high"
    return f"{span} ({spec.unit}){ranged}"


def _fmt(number: float | None) -> str:
    """A number for a message: whole numbers with thousands commas, huge ones in short form."""
    if number is None or not math.isfinite(number):
        return "no limit"
    if abs(number) >= 1e15:
        return f"{number:.3g}"
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.10g}"


def _quote(raw: object) -> str:
    """The value as the reader gave it, quoted and cut short if long."""
    text = raw if isinstance(raw, str) else repr(raw)
    return repr(text if len(text) <= 40 else text[:37] + "...")
