"""The cost model's inputs: units, sourced defaults, real-world limits, and strict reading.

Every input is declared once here, as data (:data:`COST_INPUTS`), the way
scikit-learn declares its parameter constraints: the form, the command line,
``python -m calculators inputs --json``, the error messages and the sampler
all read it. Each default names its source (an id from the guide's
``docs/data/sources.csv``) or says ``"assumption"`` with the reason.

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
from dataclasses import dataclass
from typing import Any

from ..errors import InputError

__all__ = [
    "AKOODE_LIFECYCLE_MULTIPLE",
    "AKOODE_LORA_TRAINING_USD",
    "AKOODE_RAG_MONTHLY_USD",
    "AKOODE_RAG_SETUP_USD",
    "COST_INPUTS",
    "DATA_PREP_PARTS",
    "MAX_PROMPT_TOKENS",
    "MID_SIZE_TRAINING_USD",
    "REPLACED_INPUTS",
    "TIED_INPUTS",
    "CostInput",
    "parse_number",
    "parse_range",
    "read_inputs",
]

# Akoode's figures, written once. The model takes some as defaults and checks
# its result against the others; the Costs page quotes them from here.

#: Akoode: a RAG build (vector database, embedding, retrieval, integration), USD.
AKOODE_RAG_SETUP_USD: tuple[float, float] = (5_000, 30_000)

#: Akoode: a mid-scale RAG system on a managed vector database with moderate
#: traffic, USD a month. Akoode calls it "primarily infrastructure"; it may
#: include the model's own usage, so the estimator does not add it to a token line.
AKOODE_RAG_MONTHLY_USD: tuple[float, float] = (500, 3_000)

#: Akoode: GPU compute for a small open model with LoRA adapters on a focused dataset, USD.
AKOODE_LORA_TRAINING_USD: tuple[float, float] = (200, 2_000)

#: Akoode: fine-tuning's first year costs 3 to 5 times its training compute.
AKOODE_LIFECYCLE_MULTIPLE: tuple[float, float] = (3, 5)

#: Akoode: training compute alone for a mid-size model on a substantial dataset, USD.
MID_SIZE_TRAINING_USD: tuple[float, float] = (5_000, 50_000)

#: The longest prompt (request plus retrieved context) any model reads today, in
#: tokens: 2 million, the largest context window on offer (an assumption, see
#: ``request_tokens``). A value above it is a typing slip, not a system.
MAX_PROMPT_TOKENS = 2_000_000


@dataclass(frozen=True)
class CostInput:
    """One input of the cost model, with its sourced default and its limits.

    Attributes:
        key: The input's key in :func:`calculators.estimate_cost`'s mapping.
        label: A short label for the form.
        unit: ``"USD"``, ``"USD/month"``, ``"months"``, ``"tokens"``, ...
        default: ``(low, high)``; equal values mean a single number. For a
            choice input, ``(0, 0)``; its default is ``choices[0]``. For an
            input left blank by default (:attr:`blank`), the range its parts
            give at their defaults, shown for reference.
        minimum: The smallest allowed value.
        maximum: The largest allowed value: a limit no real system reaches,
            so that a slip (an extra zero, ``1e308``) is named, not computed.
        group: Form section: ``"general"``, ``"rag"``, ``"fine-tuning"`` or
            ``"usage"``.
        source: A source id from the guide's ``docs/data/sources.csv``, or
            ``"assumption"`` for a value the sources do not give.
        note: Where the default comes from (or why an assumed value), in a sentence.
        integer: Whether only whole numbers are allowed (and drawn).
        cost_rises: ``True`` when a larger value never lowers any line of the
            bill; ``False`` for the two inputs that save money.
        choices: The allowed words of a choice input (the first is the
            default); empty for a number.
        other_sources: Further source ids behind a default that spans
            several providers (the first is :attr:`source`).
        blank: For an input whose default is computed from other inputs,
            what leaving it blank means; empty for every other input.
        limit_note: Why :attr:`maximum` is where it is.
    """

    key: str
    label: str
    unit: str
    default: tuple[float, float]
    minimum: float
    maximum: float | None
    group: str
    source: str
    note: str
    integer: bool = False
    cost_rises: bool = True
    choices: tuple[str, ...] = ()
    other_sources: tuple[str, ...] = ()
    blank: str = ""
    limit_note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"key", "label", "unit", "default": {"low", "high"}
        (or the default word of a choice), "minimum", "maximum", "group",
        "source", "other_sources", "note", "integer", "cost_rises", "choices",
        "blank", "limit_note"}``."""
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "default": self.choices[0] if self.choices
            else {"low": self.default[0], "high": self.default[1]},
            "minimum": self.minimum,
            "maximum": self.maximum,
            "group": self.group,
            "source": self.source,
            "other_sources": list(self.other_sources),
            "note": self.note,
            "integer": self.integer,
            "cost_rises": self.cost_rises,
            "choices": list(self.choices),
            "blank": self.blank,
            "limit_note": self.limit_note,
        }


# Limits, in one place each, with the reason the message gives.
_USD_ONCE = (1e9, "no build, run or data effort of one system costs a billion USD")
_USD_MONTH = (1e8, "no single system's line costs a hundred million USD a month")
_TOKEN_PRICE = (1_000, "the dearest list price is some hundreds of USD per million tokens")
_MONTHS = (120, "the estimator looks ten years ahead at most")


def _in(key, label, unit, default, minimum, limit, group, source, note, **kw) -> CostInput:
    maximum, why = limit
    return CostInput(key, label, unit, default, minimum, maximum, group, source, note,
                     limit_note=why, **kw)


#: Data preparation from its parts, for a fine-tuned model: the examples to
#: train on and the held-out evaluation set, each written or checked by a
#: person at an hourly rate. ``ft_data_prep_usd`` left blank is
#: ``(ft_examples + ft_eval_examples) x ft_minutes_per_example / 60 x
#: ft_labour_usd_per_hour``; a value in it replaces the parts.
DATA_PREP_PARTS = ("ft_examples", "ft_eval_examples", "ft_minutes_per_example", "ft_labour_usd_per_hour")

_PARTS_DEFAULT = {"ft_examples": (1_000, 1_000), "ft_eval_examples": (100, 300),
                  "ft_minutes_per_example": (2, 15), "ft_labour_usd_per_hour": (30, 100)}


def _prep_from_parts(parts: Mapping[str, float]) -> float:
    """USD to prepare the data, from point values of the four parts."""
    return ((parts["ft_examples"] + parts["ft_eval_examples"]) * parts["ft_minutes_per_example"]
            / 60 * parts["ft_labour_usd_per_hour"])


_PREP_DEFAULT = tuple(
    _prep_from_parts({k: v[end] for k, v in _PARTS_DEFAULT.items()}) for end in (0, 1)
)

COST_INPUTS: tuple[CostInput, ...] = (
    _in("horizon_months", "Horizon", "months", (36, 36), 1, _MONTHS, "general", "akoode",
        "Three years: Akoode compares the approaches over year one and through year three.",
        integer=True),
    # RAG
    _in("rag_setup_usd", "RAG build", "USD", AKOODE_RAG_SETUP_USD, 0, _USD_ONCE, "rag",
        "akoode",
        "Vector database, embedding model, retrieval pipeline and integration, paid up front."),
    _in("rag_monthly_usd", "RAG platform", "USD/month", (50, 500), 0, _USD_MONTH, "rag",
        "price-pinecone",
        "From the 50 USD monthly minimum of Pinecone's Standard plan to the bottom of Akoode's "
        "500-3,000 for a mid-scale system; Akoode's figure may include the model's usage, which "
        "is a line of its own here, so its upper part is left out.",
        other_sources=("akoode",)),
    _in("corpus_tokens", "Corpus size", "tokens", (1_000_000, 20_000_000), 0,
        (1e13, "ten trillion tokens is more text than any document store holds"), "rag",
        "assumption",
        "Not in the sources: a few thousand documents of a few thousand tokens each.",
        integer=True),
    _in("corpus_churn_per_month", "Corpus that changes", "share per month", (0.05, 0.2), 0,
        (1, "a share"), "rag", "assumption",
        "Not in the sources: the share re-embedded each month; 0 is a fixed corpus, 1 all of it."),
    _in("embedding_price_usd_per_mtok", "Embedding price", "USD per million tokens",
        (0.02, 0.13), 0, (100, "embedding list prices are cents per million tokens"), "rag",
        "price-openai",
        "OpenAI's list prices for text-embedding-3-small and text-embedding-3-large."),
    _in("rag_context_tokens", "Retrieved context per query", "tokens", (1_000, 3_000), 0,
        (MAX_PROMPT_TOKENS, "no model reads a longer prompt"), "rag", "assumption",
        "Not in the sources: a few retrieved passages of a few hundred tokens each.",
        integer=True),
    # Fine-tuning
    _in("ft_examples", "Training examples", "examples", _PARTS_DEFAULT["ft_examples"], 0,
        (1e7, "ten million hand-checked examples is past any team's budget"), "fine-tuning",
        "akoode",
        "Akoode: a thousand good prompt-completion pairs beat ten thousand poor ones.",
        integer=True),
    _in("ft_eval_examples", "Evaluation set", "examples", _PARTS_DEFAULT["ft_eval_examples"], 0,
        (1e7, "ten million hand-checked examples is past any team's budget"), "fine-tuning",
        "assumption",
        "Not in the sources: real questions with known answers, held out from training, to "
        "check each run before it ships.",
        integer=True),
    _in("ft_minutes_per_example", "Minutes per example", "minutes",
        _PARTS_DEFAULT["ft_minutes_per_example"], 0,
        (600, "ten hours for one example is a project, not an example"), "fine-tuning",
        "assumption",
        "Not in the sources: a couple of minutes to check a drafted pair, a quarter of an hour "
        "to write one from the documents."),
    _in("ft_labour_usd_per_hour", "Labour rate", "USD/hour",
        _PARTS_DEFAULT["ft_labour_usd_per_hour"], 0,
        (10_000, "no one's time costs ten thousand USD an hour"), "fine-tuning", "assumption",
        "Not in the sources: what an hour of the person who writes or checks examples costs "
        "the team; put your own."),
    _in("ft_data_prep_usd", "Data preparation and evaluation", "USD", _PREP_DEFAULT, 0,
        _USD_ONCE, "fine-tuning", "assumption",
        "Blank: built from the four parts above (examples and evaluation set, times minutes "
        "each, at the labour rate). A value here replaces the parts.",
        blank="built from ft_examples, ft_eval_examples, ft_minutes_per_example and "
        "ft_labour_usd_per_hour"),
    _in("ft_data_refresh_share", "Data work each retraining repeats", "share", (0.2, 0.5), 0,
        (1, "a share"), "fine-tuning", "assumption",
        "Not in the sources: each retraining run writes examples for what changed and "
        "re-checks the evaluation set; 0 reuses all the data, 1 redoes it."),
    _in("ft_training_usd", "Training run", "USD", AKOODE_LORA_TRAINING_USD, 0, _USD_ONCE,
        "fine-tuning", "akoode",
        "GPU compute for a small open model with LoRA adapters; the mid-size preset uses "
        "Akoode's range for a mid-size model."),
    _in("ft_retrain_every_months", "Retrain every", "months", (1, 3), 1, _MONTHS,
        "fine-tuning", "akoode",
        "Akoode: a fine-tuned model needs a new training run whenever the knowledge it holds "
        "changes; documents that change monthly to quarterly mean a run every 1 to 3 months.",
        integer=True, cost_rises=False),
    _in("ft_upkeep_usd_per_month", "Upkeep", "USD/month", (100, 500), 0, _USD_MONTH,
        "fine-tuning", "assumption",
        "Not in the sources as a figure: a few hours a month for the adapter versioning, "
        "rollback and quarterly revalidation Akoode advises."),
    _in("ft_serving", "Serving the tuned model", "api or self-hosted", (0, 0), 0, (0, ""),
        "fine-tuning", "price-fireworks-pricing",
        "api: a provider hosts the tuned model and bills per token (Fireworks serves a LoRA "
        "adapter at its base model's price); self-hosted: GPUs you rent, paid whether or not "
        "requests arrive.",
        choices=("api", "self-hosted")),
    _in("ft_price_factor", "Tuned-model price factor (api)", "x base price", (1, 1), 0,
        (100, "no provider bills a tuned model at a hundred times its base"), "fine-tuning",
        "price-fireworks-pricing",
        "Fireworks bills a LoRA adapter at its base model's token price: 1. OpenAI bills its "
        "tuned models above their base (TokenMix: 2 for gpt-4o-mini); put that if you tune there.",
        other_sources=("price-openai-ft",)),
    _in("ft_prompt_reduction", "Prompt the tuned model no longer needs", "share", (0.2, 0.5),
        0, (1, "a share"), "fine-tuning", "hamd",
        "Hamd: a tuned model works without long instructions in every prompt; the share is our "
        "assumption.",
        cost_rises=False),
    _in("serving_gpus", "GPUs (self-hosted)", "GPUs", (1, 1), 1,
        (100_000, "no single service rents a hundred thousand GPUs"), "fine-tuning",
        "assumption", "One GPU serves a small model with its adapters; add more for traffic.",
        integer=True),
    _in("gpu_usd_per_hour", "GPU price", "USD per GPU-hour", (0.47, 3.89), 0,
        (1_000, "GPUs rent for a few USD an hour"), "fine-tuning", "price-runpod",
        "From a RunPod always-on L4 (24 GB) to an A100 (80 GB) on a Fireworks dedicated "
        "deployment; the hyperscalers' list prices could not be read at their own pages.",
        other_sources=("price-fireworks-pricing",)),
    # Traffic and tokens
    _in("queries_per_month", "Queries", "per month", (10_000, 100_000), 0,
        (1e11, "a hundred billion queries a month is more than any single service answers"),
        "usage", "assumption", "An illustration, not from the sources: put in your own traffic.",
        integer=True),
    _in("request_tokens", "Prompt per query, without retrieval", "tokens", (500, 1_500), 0,
        (MAX_PROMPT_TOKENS, "the largest context window today holds 2 million tokens"),
        "usage", "assumption", "Not in the sources: a question with its instructions.",
        integer=True),
    _in("output_tokens", "Answer per query", "tokens", (200, 500), 0,
        (200_000, "no model writes a longer answer in one reply"), "usage", "assumption",
        "Not in the sources: an answer of a paragraph or two.", integer=True),
    _in("input_price_usd_per_mtok", "Input price", "USD per million tokens", (0.2, 0.9), 0,
        _TOKEN_PRICE, "usage", "price-fireworks-pricing",
        "Fireworks' serverless prices for open models that can be tuned with LoRA: up to 16 "
        "billion parameters, and from 16 to 80 billion."),
    _in("output_price_usd_per_mtok", "Output price", "USD per million tokens", (0.2, 0.9), 0,
        _TOKEN_PRICE, "usage", "price-fireworks-pricing",
        "The same models' output prices; drawn together with the input price, as one model."),
)

_INPUT = {i.key: i for i in COST_INPUTS}

#: Inputs that describe one thing and so move together in every draw: the
#: input and output price of one model are one choice of model; one cloud's
#: GPU price sets both the training run and the serving GPUs. The first key
#: of each group names it in the tornado.
TIED_INPUTS: tuple[tuple[str, ...], ...] = (
    ("input_price_usd_per_mtok", "output_price_usd_per_mtok"),
    ("gpu_usd_per_hour", "ft_training_usd"),
)

#: Inputs that no longer exist -> what replaced them, for old links and the CLI.
REPLACED_INPUTS: dict[str, str] = {
    "ft_lifecycle_multiplier": (
        "replaced: the bill now lists data preparation (ft_data_prep_usd), retraining "
        "(ft_retrain_every_months) and upkeep (ft_upkeep_usd_per_month), and shows the "
        "multiple of the training compute they imply next to Akoode's 3-5x"
    ),
}

#: A number as the estimator reads it: an optional sign; digits, with commas
#: only between groups of three (1,000 and 12,345,678, not 1,0,0); at most
#: one decimal point; an optional exponent (1e6, 2.5E-3).
_NUMBER = re.compile(r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


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
    if not _NUMBER.fullmatch(text):
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
        value comes from other inputs (``ft_data_prep_usd`` unless given).
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
    if "ft_data_prep_usd" in blank:
        values["ft_data_prep_usd"] = tuple(  # type: ignore[assignment]
            _prep_from_parts({k: values[k][end] for k in DATA_PREP_PARTS}) for end in (0, 1)
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
