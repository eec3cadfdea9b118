"""The training calculator's inputs, declared as data and checked in one place.

Each :class:`TrainingInput` says its key, unit, allowed values, default and
the default's source; :func:`read_inputs` is the one validator. The form,
the command line, the JSON and every error message read these specs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..cost import COST_INPUTS
from ..cost.inputs import NUMBER_TEXT
from ..errors import InputError
from .tables import ASSUMPTION, MAX_GPUS, METHODS, TRAINING_GPUS, TRAINING_PROVIDERS

__all__ = ["TRAINING_INPUTS", "TrainingInput", "read_inputs"]


@dataclass(frozen=True)
class TrainingInput:
    """One input of the training calculator, with its sourced default.

    Attributes:
        key: The input's key, on the form, the command line and in the address.
        label: A short label for the form.
        unit: ``"examples"``, ``"tokens"``, ``"billions of parameters"``, ...
        default: ``(low, high)``; equal values mean one number. ``None`` for
            an input whose default comes from a table (a price), and for a
            choice, whose default is ``choices[0]``.
        minimum: The smallest allowed value.
        maximum: The largest allowed value, or ``None`` for no limit.
        group: Form section: ``"data"``, ``"model"``, ``"api"`` or ``"gpu"``.
        source: A ``sources.csv`` row id, or ``"assumption"``.
        note: Where the default comes from, in a sentence.
        integer: Whether only whole numbers are allowed.
        cost_rises: ``True`` when a larger value never lowers the cost;
            ``False`` for the utilisation, which lowers it.
        choices: The allowed words of a choice input (the first is the default).
    """

    key: str
    label: str
    unit: str
    default: tuple[float, float] | None
    minimum: float
    maximum: float | None
    group: str
    source: str
    note: str
    integer: bool = False
    cost_rises: bool = True
    choices: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"key", "label", "unit", "default", "minimum", "maximum",
        "group", "source", "note", "integer", "cost_rises", "choices"}``; the
        default is ``{"low", "high"}``, a word for a choice, or ``None`` for a
        table's price."""
        if self.choices:
            default: Any = self.choices[0]
        elif self.default is None:
            default = None
        else:
            default = {"low": self.default[0], "high": self.default[1]}
        return {
            "key": self.key, "label": self.label, "unit": self.unit, "default": default,
            "minimum": self.minimum, "maximum": self.maximum, "group": self.group,
            "source": self.source, "note": self.note, "integer": self.integer,
            "cost_rises": self.cost_rises, "choices": list(self.choices),
        }


def _cost_default(key: str) -> tuple[float, float]:
    return next(i.default for i in COST_INPUTS if i.key == key)


_PROMPT, _ANSWER = _cost_default("request_tokens"), _cost_default("output_tokens")

#: Every input, in form order.
TRAINING_INPUTS: tuple[TrainingInput, ...] = (
    TrainingInput("examples", "Training examples", "examples", (1_000, 1_000), 1, None, "data",
                  "akoode",
                  "Akoode: a thousand good examples beat ten thousand inconsistent ones.",
                  integer=True),
    TrainingInput("tokens_per_example", "Tokens per example", "tokens",
                  (_PROMPT[0] + _ANSWER[0], _PROMPT[1] + _ANSWER[1]), 1, None, "data",
                  ASSUMPTION,
                  "Not in the sources: a prompt and its answer, the Cost estimator's assumed "
                  "prompt plus answer per query.",
                  integer=True),
    TrainingInput("epochs", "Epochs", "passes over the examples", (1, 3), 1, 100, "data",
                  ASSUMPTION,
                  "Not in the sources: one to three passes; more fit the examples closer, "
                  "at the risk of learning them by heart.",
                  integer=True),
    TrainingInput("method", "Method", "lora, qlora or full", None, 0, 0, "model", "ref-lora",
                  "LoRA trains small adapters beside frozen weights; QLoRA does so over "
                  "4-bit weights; full fine-tuning updates every weight.",
                  choices=tuple(METHODS)),
    TrainingInput("params_billion", "Model size", "billions of parameters", (8, 8), 0.1, 1_000,
                  "model", ASSUMPTION,
                  "Not in the sources: a small open model such as an 8B Llama, the kind "
                  "Akoode's small LoRA run tunes."),
    TrainingInput("where", "Where it trains", "gpu or api", None, 0, 0, "model", ASSUMPTION,
                  "gpu: GPUs you rent and run the training on; api: a provider's "
                  "fine-tuning service, billed per token. The result shows both.",
                  choices=("gpu", "api")),
    TrainingInput("provider", "Fine-tuning API", "a provider", None, 0, 0, "api",
                  "ref-together-ft",
                  "A provider in the table below; 'other' takes your own price per million "
                  "tokens.",
                  choices=(*TRAINING_PROVIDERS, "other")),
    TrainingInput("training_price_usd_per_mtok", "Price per million training tokens",
                  "USD per million tokens", None, 0, None, "api", "price-together-ft",
                  "Empty: the provider's listed price for this model size and method."),
    TrainingInput("gpu", "GPU", "a GPU from the table", None, 0, 0, "gpu", "gpu-l4",
                  "One of the GPUs in the table below.", choices=tuple(TRAINING_GPUS)),
    TrainingInput("gpus", "GPUs", "GPUs", (1, 1), 1, MAX_GPUS, "gpu", ASSUMPTION,
                  "One GPU to start with; the result says how many the model needs.",
                  integer=True),
    TrainingInput("mfu", "Model FLOPs utilisation", "share of the peak, 0 to 1", (0.213, 0.462),
                  0.01, 1, "gpu", "ref-palm",
                  "Chowdhery et al.: 21.3% for GPT-3's training and 46.2% for PaLM's, on "
                  "thousands of chips; a small fine-tuning job may do worse.",
                  cost_rises=False),
    TrainingInput("gpu_usd_per_hour", "GPU price", "USD per GPU-hour", None, 0, None, "gpu",
                  "price-runpod-gpu",
                  "Empty: the table's price for the chosen GPU, billed by the second."),
)

_SPEC = {i.key: i for i in TRAINING_INPUTS}
#: Inputs whose default is a table's price: empty means "from the table".
TABLE_PRICED = frozenset(i.key for i in TRAINING_INPUTS if i.default is None and not i.choices)


def read_inputs(
    inputs: Mapping[str, object] | None,
) -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """Check every input and fill in the defaults.

    Args:
        inputs: Input key -> a number, ``"low..high"``, ``(low, high)`` or a
            word for a choice; a missing key (or an empty table price) takes
            its default.

    Returns:
        ``(numbers, words)``: each numeric key -> ``(low, high)`` (a table
        price the reader left empty is absent), each choice key -> its word.

    Raises:
        InputError: naming the key and what is allowed, for an unknown key, a
            word outside a choice's list, a non-number, NaN or infinity, a
            value outside the allowed range, a fraction where only whole
            numbers are allowed, or a low end above the high end.
    """
    if inputs is None:
        inputs = {}
    if not isinstance(inputs, Mapping):
        raise InputError("inputs", "expected a mapping of input key to value")
    numbers = {i.key: i.default for i in TRAINING_INPUTS if i.default is not None}
    words = {i.key: i.choices[0] for i in TRAINING_INPUTS if i.choices}
    for key, value in inputs.items():
        spec = _SPEC.get(str(key))
        if spec is None:
            raise InputError(str(key), f"unknown input; allowed keys: {', '.join(_SPEC)}")
        if spec.choices:
            word = str(value).strip().lower()
            if word not in spec.choices:
                raise InputError(spec.key, f"{str(value)!r} is not allowed; allowed: {', '.join(spec.choices)}")
            words[spec.key] = word
        elif spec.key in TABLE_PRICED and str(value).strip() == "":
            numbers.pop(spec.key, None)
        else:
            numbers[spec.key] = _range(spec, value)
    return numbers, words


def _range(spec: TrainingInput, value: object) -> tuple[float, float]:
    if isinstance(value, (tuple, list)) and len(value) == 2:
        parts = list(value)
    elif isinstance(value, str) and ".." in value:
        parts = value.split("..", 1)
    else:
        parts = [value, value]
    low, high = (_number(spec, part) for part in parts)
    if low > high:
        raise InputError(spec.key, f"the low end {_fmt(low)} is above the high end {_fmt(high)}")
    return low, high


def _number(spec: TrainingInput, raw: object) -> float:
    allowed = allowed_text(spec)
    if isinstance(raw, bool):
        raise InputError(spec.key, f"expected a number; allowed: {allowed}")
    text = raw.strip() if isinstance(raw, str) else repr(raw)
    if not isinstance(raw, (int, float, str)) or not NUMBER_TEXT.fullmatch(text):
        raise InputError(spec.key, f"{raw!r} is not a number; allowed: {allowed}")
    number = float(text.replace(",", ""))
    if not math.isfinite(number):
        raise InputError(spec.key, f"{raw!r} is not a finite number; allowed: {allowed}")
    if number < spec.minimum or (spec.maximum is not None and number > spec.maximum):
        raise InputError(spec.key, f"{_fmt(number)} is out of range; allowed: {allowed}")
    if spec.integer and not number.is_integer():
        raise InputError(spec.key, f"{_fmt(number)} is not a whole number; allowed: {allowed}")
    return number


def allowed_text(spec: TrainingInput) -> str:
    """What ``spec`` allows, in words: ``"whole numbers of 1 or more (examples), or a range low..high"``."""
    kind = "whole numbers" if spec.integer else "numbers"
    if spec.maximum is None:
        span = f"{kind} of {_fmt(spec.minimum)} or more"
    else:
        span = f"{kind} from {_fmt(spec.minimum)} to {_fmt(spec.maximum)}"
    return f"{span} ({spec.unit}), or a range low..high"


def _fmt(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,}"
