"""The cost model: the whole bill of RAG, fine-tuning and both, as ranges.

Every uncertain input is a range ``(low, high)``. Each line of the bill rises
with every cost input and falls with the two inputs that save money
(``ft_retrain_every_months`` and ``ft_prompt_reduction``), so running the
model once with every input at its cheap end and once at its dear end gives
the low and the high bound of every line, and of each total, at each month.

Formulas, for month ``m`` from 0 (the upfront spend) to ``horizon_months``.
Write ``Q`` = ``queries_per_month``, ``R`` = ``request_tokens``, ``C`` =
``rag_context_tokens``, ``O`` = ``output_tokens``, ``Pi`` and ``Po`` the
input and output prices per million tokens, ``F`` = ``ft_price_factor``,
``r`` = ``ft_prompt_reduction``, ``T`` = ``ft_training_usd``, ``k`` =
``ft_retrain_every_months``, and
``tokens(n, f) = Q x (n x Pi + O x Po) / 1,000,000 x f``, a month's bill for
``n`` input tokens per query at price factor ``f``.

**RAG**

- build: ``rag_setup_usd``, paid at month 0;
- platform: m x ``rag_monthly_usd``;
- embedding: ``corpus_tokens`` x ``embedding_price_usd_per_mtok`` / 1e6 x
  (1 + m x ``corpus_churn_per_month``): the whole corpus once, then the share
  that changes each month;
- tokens: m x tokens(R + C, 1), the prompt, the retrieved context and the
  output, at the base model's prices.

**Fine-tuning**

- data preparation: ``ft_data_prep_usd`` at month 0, before the first run;
- training: T x (1 + floor(m / k)), the first run and one every k months;
- serving, by ``ft_serving``: ``"api"``: m x tokens(R x (1 - r), F), the
  shorter prompt at F times the base prices; ``"self-hosted"``: m x
  ``serving_gpus`` x ``gpu_usd_per_hour`` x 730 hours, billed with or without
  traffic;
- upkeep: m x ``ft_upkeep_usd_per_month``.

**Hybrid**: RAG's build, platform and embedding, fine-tuning's data
preparation, training and upkeep, and serving the tuned model with the
retrieved context: ``"api"``: m x tokens(R x (1 - r) + C, F); ``"self-hosted"``:
the same GPUs as fine-tuning. The hybrid never costs less than fine-tuning
alone, so the cheaper of RAG and fine-tuning is the cheapest of the three.

Akoode puts the first year of fine-tuning at 3 to 5 times the training
compute (:data:`AKOODE_LIFECYCLE_MULTIPLE`). The model does not take that
multiple as an input: it reports the multiple the inputs imply,
(data preparation + training runs + 12 x upkeep in the first 12 months) / T,
so a reader can check it against Akoode's.

>>> r = estimate_cost({"queries_per_month": "0", "corpus_tokens": "0"})
>>> r.total("rag", 12)
(11000.0, 66000.0)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError

__all__ = [
    "AKOODE_LIFECYCLE_MULTIPLE",
    "COST_APPROACHES",
    "COST_INPUTS",
    "COST_LINES",
    "DECISION_ADJUSTMENTS",
    "HOURS_PER_MONTH",
    "MID_SIZE_TRAINING_USD",
    "PRESETS",
    "REPLACED_INPUTS",
    "CostEstimate",
    "CostInput",
    "CostSeries",
    "DecisionAdjustment",
    "Preset",
    "estimate_cost",
    "inputs_from_decision",
    "parse_range",
]

#: The approaches the cost model compares.
COST_APPROACHES: tuple[str, ...] = ("rag", "fine-tuning", "hybrid")

#: Hours in an average month (365 x 24 / 12), for GPUs that are always on.
HOURS_PER_MONTH = 730

#: Akoode: fine-tuning's first year costs 3 to 5 times its training compute.
AKOODE_LIFECYCLE_MULTIPLE: tuple[float, float] = (3, 5)

#: Akoode: training compute alone for a mid-size model on a substantial dataset, USD.
MID_SIZE_TRAINING_USD: tuple[float, float] = (5_000, 50_000)


@dataclass(frozen=True)
class CostInput:
    """One input of the cost model, with its sourced default.

    Attributes:
        key: The input's key in :func:`estimate_cost`'s mapping.
        label: A short label for the form.
        unit: ``"USD"``, ``"USD/month"``, ``"months"``, ``"tokens"``, ...
        default: ``(low, high)``; equal values mean a single number. For a
            choice input, ``(0, 0)``; its default is ``choices[0]``.
        minimum: The smallest allowed value.
        maximum: The largest allowed value, or ``None`` for no limit.
        group: Form section: ``"general"``, ``"rag"``, ``"fine-tuning"`` or
            ``"usage"``.
        source: A source id from the guide's ``docs/data/sources.csv``, or
            ``"assumption"`` for a value the sources do not give.
        note: Where the default comes from (or why an assumed value), in a sentence.
        integer: Whether only whole numbers are allowed.
        cost_rises: ``True`` when a larger value never lowers any line of the
            bill; ``False`` for the two inputs that save money.
        choices: The allowed words of a choice input (the first is the
            default); empty for a number.
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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"key", "label", "unit", "default": {"low", "high"}
        (or the default word of a choice), "minimum", "maximum", "group",
        "source", "note", "integer", "cost_rises", "choices"}``."""
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
            "note": self.note,
            "integer": self.integer,
            "cost_rises": self.cost_rises,
            "choices": list(self.choices),
        }


def _in(key, label, unit, default, minimum, maximum, group, source, note, **kw) -> CostInput:
    return CostInput(key, label, unit, default, minimum, maximum, group, source, note, **kw)


COST_INPUTS: tuple[CostInput, ...] = (
    _in("horizon_months", "Horizon", "months", (36, 36), 1, 120, "general", "akoode",
        "Three years: Akoode compares the approaches over year one and through year three.",
        integer=True),
    # RAG
    _in("rag_setup_usd", "RAG build", "USD", (5_000, 30_000), 0, None, "rag", "akoode",
        "Vector database, embedding model, retrieval pipeline and integration, paid up front."),
    _in("rag_monthly_usd", "RAG platform", "USD/month", (500, 3_000), 0, None, "rag", "akoode",
        "A mid-scale system on a managed vector database with moderate traffic."),
    _in("corpus_tokens", "Corpus size", "tokens", (1_000_000, 20_000_000), 0, None, "rag",
        "assumption",
        "Not in the sources: a few thousand documents of a few thousand tokens each.",
        integer=True),
    _in("corpus_churn_per_month", "Corpus that changes", "share per month", (0.05, 0.2), 0, 1,
        "rag", "assumption",
        "Not in the sources: the share re-embedded each month; 0 is a fixed corpus, 1 all of it."),
    _in("embedding_price_usd_per_mtok", "Embedding price", "USD per million tokens",
        (0.02, 0.13), 0, None, "rag", "price-openai",
        "OpenAI's list prices for text-embedding-3-small and text-embedding-3-large."),
    _in("rag_context_tokens", "Retrieved context per query", "tokens", (1_000, 3_000), 0, None,
        "rag", "assumption",
        "Not in the sources: a few retrieved passages of a few hundred tokens each.",
        integer=True),
    # Fine-tuning
    _in("ft_data_prep_usd", "Data preparation and evaluation", "USD", (220, 2_200), 0, None,
        "fine-tuning", "assumption",
        "Curation, labelling and an evaluation set, paid before the first run; chosen so that, "
        "with the other defaults, the first year comes to Akoode's 3-5 times the training compute."),
    _in("ft_training_usd", "Training run", "USD", (200, 2_000), 0, None, "fine-tuning", "akoode",
        "GPU compute for a small open model with LoRA adapters; the mid-size preset uses "
        "Akoode's range for a mid-size model."),
    _in("ft_retrain_every_months", "Retrain every", "months", (6, 12), 1, 120, "fine-tuning",
        "assumption",
        "Akoode: revalidate every quarter and retrain when the base model or the knowledge "
        "changes; once or twice a year is our assumption for a stable task.",
        integer=True, cost_rises=False),
    _in("ft_upkeep_usd_per_month", "Upkeep", "USD/month", (15, 150), 0, None, "fine-tuning",
        "assumption",
        "Adapter versioning, rollback and quarterly revalidation; an assumption, set so that "
        "with the other defaults the first year lands in Akoode's 3-5 times the training compute."),
    _in("ft_serving", "Serving the tuned model", "api or self-hosted", (0, 0), 0, 0,
        "fine-tuning", "price-fireworks",
        "api: a provider hosts the tuned model and bills per token; self-hosted: GPUs you rent "
        "(Fireworks bills a dedicated deployment per GPU-second), paid whether or not requests "
        "arrive.",
        choices=("api", "self-hosted")),
    _in("ft_price_factor", "Tuned-model price factor (api)", "x base price", (1, 2), 0, None,
        "fine-tuning", "price-openai-ft",
        "1 bills the tuned model at its base model's token prices; 2 is OpenAI's tuned "
        "gpt-4o-mini against its base model, in TokenMix's table of OpenAI's prices."),
    _in("ft_prompt_reduction", "Prompt the tuned model no longer needs", "share", (0.2, 0.5),
        0, 1, "fine-tuning", "assumption",
        "Hamd: a tuned model works without long instructions in every prompt; the share is our "
        "assumption.",
        cost_rises=False),
    _in("serving_gpus", "GPUs (self-hosted)", "GPUs", (1, 1), 1, None, "fine-tuning",
        "assumption", "One GPU serves a small model with its adapters; add more for traffic.",
        integer=True),
    _in("gpu_usd_per_hour", "GPU price (self-hosted)", "USD per GPU-hour", (0.47, 2.16), 0, None,
        "fine-tuning", "price-runpod",
        "RunPod always-on workers, from an L4 (24 GB) to an A100 (80 GB)."),
    # Traffic and tokens
    _in("queries_per_month", "Queries", "per month", (10_000, 100_000), 0, None, "usage",
        "assumption",
        "An illustration, not from the sources: put in your own traffic.", integer=True),
    _in("request_tokens", "Prompt per query, without retrieval", "tokens", (500, 1_500), 0, None,
        "usage", "assumption", "Not in the sources: a question with its instructions.",
        integer=True),
    _in("output_tokens", "Answer per query", "tokens", (200, 500), 0, None, "usage",
        "assumption", "Not in the sources: an answer of a paragraph or two.", integer=True),
    _in("input_price_usd_per_mtok", "Input price", "USD per million tokens", (0.25, 3.0), 0,
        None, "usage", "price-anthropic",
        "Anthropic's list prices, from Claude Haiku 3 to Claude Sonnet 4.5."),
    _in("output_price_usd_per_mtok", "Output price", "USD per million tokens", (1.25, 15.0), 0,
        None, "usage", "price-anthropic",
        "Anthropic's list prices, from Claude Haiku 3 to Claude Sonnet 4.5."),
)

_INPUT = {i.key: i for i in COST_INPUTS}
_NUMERIC = tuple(i for i in COST_INPUTS if not i.choices)

#: Inputs that no longer exist -> what replaced them, for old links and the CLI.
REPLACED_INPUTS: dict[str, str] = {
    "ft_lifecycle_multiplier": (
        "replaced: the bill now lists data preparation (ft_data_prep_usd), retraining "
        "(ft_retrain_every_months) and upkeep (ft_upkeep_usd_per_month), and shows the "
        "multiple of the training compute they imply next to Akoode's 3-5x"
    ),
}

#: Each approach's lines: (id, label), in bill order.
COST_LINES: dict[str, tuple[tuple[str, str], ...]] = {
    "rag": (
        ("build", "Build"),
        ("platform", "Platform (vector database, retrieval)"),
        ("embedding", "Embedding the corpus"),
        ("tokens", "Model tokens (prompt, context, answer)"),
    ),
    "fine-tuning": (
        ("data-prep", "Data preparation and evaluation"),
        ("training", "Training runs"),
        ("serving", "Serving the tuned model"),
        ("upkeep", "Upkeep (versions, rollback, revalidation)"),
    ),
    "hybrid": (
        ("build", "Build"),
        ("platform", "Platform (vector database, retrieval)"),
        ("embedding", "Embedding the corpus"),
        ("data-prep", "Data preparation and evaluation"),
        ("training", "Training runs"),
        ("serving", "Serving the tuned model, with context"),
        ("upkeep", "Upkeep (versions, rollback, revalidation)"),
    ),
}


@dataclass(frozen=True)
class Preset:
    """A starting point for one kind of team.

    Attributes:
        name: The preset's id, used in the page's buttons.
        label: The button's text.
        team: One sentence: what kind of team this is, and that its traffic
            figures are illustrations.
        inputs: Input key -> value string, for :func:`estimate_cost`.
        sources: Every key of ``inputs`` -> where its value comes from: a
            source id from ``docs/data/sources.csv``, or ``"assumption"`` for
            a value no source gives (traffic, corpus size, a sub-range we
            picked). The build's figure check fails on a key without one.
    """

    name: str
    label: str
    team: str
    inputs: dict[str, str]
    sources: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"name", "label", "team", "inputs", "sources"}``."""
        return {"name": self.name, "label": self.label, "team": self.team,
                "inputs": dict(self.inputs), "sources": dict(self.sources)}


#: Starting points, by name. Training ranges are Akoode's; traffic, corpus and
#: GPU counts are illustrations.
PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "support-docs", "Support answers over docs",
            "A small team answering customer questions from a few thousand help articles "
            "that change every week; traffic is an illustration.",
            {
                "queries_per_month": "20000",
                "corpus_churn_per_month": "0.2..0.4",
                "ft_retrain_every_months": "1",
                "rag_setup_usd": "5000..10000",
                "rag_monthly_usd": "500..1000",
            },
            # The lower part of Akoode's ranges is our pick for a small team.
            {"queries_per_month": "assumption", "corpus_churn_per_month": "assumption",
             "ft_retrain_every_months": "assumption", "rag_setup_usd": "assumption",
             "rag_monthly_usd": "assumption"},
        ),
        Preset(
            "narrow-high-volume", "Narrow task, high volume",
            "A team classifying millions of short tickets a month with a small tuned model "
            "on its own GPU, where long instructions and examples fill every prompt; traffic "
            "is an illustration.",
            {
                "queries_per_month": "3000000",
                "request_tokens": "1500..2500",
                "output_tokens": "20..50",
                "ft_serving": "self-hosted",
                "serving_gpus": "2",
                "ft_prompt_reduction": "0.6..0.8",
            },
            {"queries_per_month": "assumption", "request_tokens": "assumption",
             "output_tokens": "assumption", "ft_serving": "assumption",
             "serving_gpus": "assumption", "ft_prompt_reduction": "assumption"},
        ),
        Preset(
            "mid-size-self-hosted", "Mid-size model, self-hosted",
            "A team tuning a mid-size open model on a substantial dataset and serving it on "
            "rented A100s, at moderate traffic; traffic is an illustration.",
            {
                "ft_training_usd": f"{MID_SIZE_TRAINING_USD[0]:.0f}..{MID_SIZE_TRAINING_USD[1]:.0f}",
                "ft_data_prep_usd": "5500..55000",
                "ft_serving": "self-hosted",
                "serving_gpus": "2",
                "gpu_usd_per_hour": "2.16",
                "queries_per_month": "200000",
            },
            {"ft_training_usd": "akoode", "ft_data_prep_usd": "assumption",
             "ft_serving": "assumption", "serving_gpus": "assumption",
             "gpu_usd_per_hour": "price-runpod", "queries_per_month": "assumption"},
        ),
        Preset(
            "enterprise-assistant", "Enterprise assistant",
            "A large organisation's internal assistant over a big, changing document base, "
            "answering a million questions a month; traffic is an illustration.",
            {
                "rag_setup_usd": "30000",
                "rag_monthly_usd": "3000",
                "corpus_tokens": "200000000",
                "queries_per_month": "1000000",
                "ft_training_usd": f"{MID_SIZE_TRAINING_USD[0]:.0f}..{MID_SIZE_TRAINING_USD[1]:.0f}",
                "ft_data_prep_usd": "5500..55000",
            },
            {"rag_setup_usd": "akoode", "rag_monthly_usd": "akoode",
             "corpus_tokens": "assumption", "queries_per_month": "assumption",
             "ft_training_usd": "akoode", "ft_data_prep_usd": "assumption"},
        ),
    )
}


@dataclass(frozen=True)
class DecisionAdjustment:
    """How one Decide-page answer changes one cost input.

    Attributes:
        question: The decision question's key.
        answer: The answer that triggers it.
        key: The cost input it sets.
        value: The value it sets, as for :func:`estimate_cost`.
        why: The reason, in a sentence.
        source: The source id the reason comes from, or ``"assumption"``.
    """

    question: str
    answer: str
    key: str
    value: str
    why: str
    source: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready: ``{"question", "answer", "key", "value", "why", "source"}``."""
        return {
            "question": self.question, "answer": self.answer, "key": self.key,
            "value": self.value, "why": self.why, "source": self.source,
        }


#: How decision answers adjust the cost inputs, applied in order by
#: :func:`inputs_from_decision`; each is written once and shown on the page.
DECISION_ADJUSTMENTS: tuple[DecisionAdjustment, ...] = (
    DecisionAdjustment(
        "changes_often", "yes", "ft_retrain_every_months", "1..3",
        "Knowledge that changes often means a retraining run each time it shifts.", "akoode",
    ),
    DecisionAdjustment(
        "changes_often", "yes", "corpus_churn_per_month", "0.2..0.5",
        "For RAG, a change is an edit and a re-index: more of the corpus is embedded again "
        "each month.", "haink",
    ),
    DecisionAdjustment(
        "large_corpus", "yes", "corpus_tokens", "20000000..100000000",
        "Thousands of documents to chunk and embed.", "akoode",
    ),
    DecisionAdjustment(
        "large_corpus", "yes", "rag_setup_usd", "17500..30000",
        "A large corpus: the upper half of Akoode's build range.", "akoode",
    ),
    DecisionAdjustment(
        "high_volume", "yes", "queries_per_month", "1000000",
        "High volume: an illustrative million queries a month.", "assumption",
    ),
    DecisionAdjustment(
        "own_network", "yes", "ft_serving", "self-hosted",
        "Data that must stay on your network rules out a provider's hosted model: "
        "the tuned model runs on GPUs you control.", "ref-vllm-serving",
    ),
)


def inputs_from_decision(answers: Mapping[str, str]) -> dict[str, str]:
    """Turn Decide-page answers into cost inputs (see :data:`DECISION_ADJUSTMENTS`).

    Args:
        answers: Question key -> ``"yes"`` / ``"no"`` / ``"unsure"``, as for
            :func:`calculators.recommend`.

    Returns:
        Input key -> value string, for :func:`estimate_cost`; empty when no
        answer changes an input.

    Raises:
        InputError: for answers :func:`calculators.recommend` would refuse.
    """
    from .decision import recommend  # validates the answers the same way

    filled = recommend(answers).answers
    return {a.key: a.value for a in DECISION_ADJUSTMENTS if filled[a.question] == a.answer}


@dataclass(frozen=True)
class CostSeries:
    """One approach's cumulative cost, month by month, with its lines.

    Attributes:
        low: Cumulative USD at months 0..horizon, every input at its cheap end.
        high: The same with every input at its dear end.
        lines: ``{"id", "label", "low", "high"}`` per line of the bill: its
            cumulative USD at the horizon; the lines add up to the totals.
    """

    low: tuple[float, ...]
    high: tuple[float, ...]
    lines: tuple[dict[str, Any], ...] = ()

    def midpoint(self, month: int) -> float:
        """The middle of the range at ``month``, in USD."""
        return (self.low[month] + self.high[month]) / 2


@dataclass(frozen=True)
class CostEstimate:
    """The result of :func:`estimate_cost`.

    Attributes:
        inputs: Every numeric input as ``(low, high)``, defaults filled in.
        options: Every choice input -> its word (``{"ft_serving": "api"}``).
        horizon_months: The number of months modelled.
        approaches: ``"rag"``, ``"fine-tuning"``, ``"hybrid"`` -> :class:`CostSeries`.
        break_even_month: The first month from which fine-tuning's cumulative
            cost stays at or below RAG's to the horizon, on midpoints; ``None``
            when it never does.
        crossings: ``{"month", "cheaper"}`` for every month where the cheaper
            of RAG and fine-tuning (on midpoints) changes, either way.
        cheaper_at: ``{"month", "approach", "close_call"}`` at 12 months (or
            the horizon, if shorter) and at the horizon: the cheaper of RAG and
            fine-tuning on midpoints, and whether the ranges overlap so much
            that each midpoint lies inside the other's range.
        sensitivity: One row per input given as a range: ``{"key",
            "cheaper_at_low", "cheaper_at_high", "flips", "threshold",
            "cheaper_above"}``: the cheaper of RAG and fine-tuning at the
            horizon when only that input moves across its range (the others
            at their midpoints); where it flips, the value at which it does
            and the approach that is cheaper above it (else ``None``).
        usd_per_1000_queries: Approach -> ``{"low", "high"}`` USD per 1,000
            queries over the horizon, or ``None`` with no queries.
        lifecycle_multiple: ``{"implied": {"low", "high"}, "akoode": {"low",
            "high"}}``: fine-tuning's first 12 months (data preparation,
            training runs, upkeep) over one training run, against Akoode's.
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

    def total(self, approach: str, month: int) -> tuple[float, float]:
        """``(low, high)`` cumulative USD for ``approach`` at ``month``."""
        series = self.approaches[approach]
        return series.low[month], series.high[month]

    @property
    def close_call(self) -> bool:
        """Whether the answer at the horizon is a close call (see :attr:`cheaper_at`)."""
        return bool(self.cheaper_at and self.cheaper_at[-1]["close_call"])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data.

        Returns:
            ``{"horizon_months": int, "inputs": {key: {"low", "high"} or a
            word}, "approaches": {name: {"cumulative_usd": {"low": [USD...],
            "high": [USD...]}, "lines": [{"id", "label", "low", "high"}],
            "usd_per_1000_queries": {"low", "high"} | None}},
            "break_even_month": int | None, "crossings": [...],
            "cheaper_at": [...], "close_call": bool, "sensitivity": [...],
            "lifecycle_multiple": {...}}``; each cumulative list has
            ``horizon_months + 1`` numbers, index = month.
        """
        inputs: dict[str, Any] = {k: {"low": lo, "high": hi} for k, (lo, hi) in self.inputs.items()}
        inputs.update(self.options)
        return {
            "horizon_months": self.horizon_months,
            "inputs": inputs,
            "approaches": {
                name: {
                    "cumulative_usd": {"low": list(s.low), "high": list(s.high)},
                    "lines": [dict(line) for line in s.lines],
                    "usd_per_1000_queries": self.usd_per_1000_queries.get(name),
                }
                for name, s in self.approaches.items()
            },
            "break_even_month": self.break_even_month,
            "crossings": [dict(c) for c in self.crossings],
            "cheaper_at": [dict(c) for c in self.cheaper_at],
            "close_call": self.close_call,
            "sensitivity": [dict(row) for row in self.sensitivity],
            "lifecycle_multiple": {k: dict(v) for k, v in self.lifecycle_multiple.items()},
        }


def parse_range(key: str, value: object) -> tuple[float, float]:
    """Read one numeric input as ``(low, high)``.

    Args:
        key: The input's key, for messages and limits.
        value: A number, a string ``"1200"`` or ``"500..3000"``, or a pair.

    Returns:
        ``(low, high)`` as floats.

    Raises:
        InputError: for an unknown or replaced key, a choice input, a
            non-number, NaN, infinity, a value outside the input's allowed
            range, a fraction where only whole numbers are allowed, or a low
            end above the high end; the message names the key and what is
            allowed.
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
    low, high = (_number(spec, part) for part in parts)
    if low > high:
        raise InputError(key, f"the low end {_fmt(low)} is above the high end {_fmt(high)}")
    return low, high


def estimate_cost(inputs: Mapping[str, object] | None = None) -> CostEstimate:
    """Estimate the cumulative cost of RAG, fine-tuning and hybrid, line by line.

    Args:
        inputs: Input key -> a number, ``"low..high"`` or ``(low, high)``;
            ``ft_serving`` takes ``"api"`` or ``"self-hosted"``. Keys, units
            and sources are those of :data:`COST_INPUTS` (USD, USD/month,
            tokens, months, shares from 0 to 1); a missing key takes its
            default. ``horizon_months`` must be one number from 1 to 120.

    Returns:
        A :class:`CostEstimate`: low and high series and lines per approach,
        the break-even month, every crossing, the cheaper approach at 12
        months and at the horizon, the sensitivity table with flip
        thresholds, USD per 1,000 queries and the implied lifecycle multiple.

    Raises:
        InputError: (a :class:`ValueError`) for any bad input, naming the key
            and what is allowed; see :func:`parse_range`. A replaced key such
            as ``ft_lifecycle_multiplier`` is refused with what replaced it.
    """
    values, options = _filled(inputs or {})
    horizon = int(values["horizon_months"][0])
    serving = options["ft_serving"]
    cheap, dear = _ends(values)
    low_bills = [_bill(cheap, serving, m) for m in range(horizon + 1)]
    high_bills = [_bill(dear, serving, m) for m in range(horizon + 1)]
    approaches = {
        name: CostSeries(
            low=tuple(_sum(b[name]) for b in low_bills),
            high=tuple(_sum(b[name]) for b in high_bills),
            lines=tuple(
                {"id": lid, "label": label, "low": round(lo, 2), "high": round(hi, 2)}
                for (lid, label), lo, hi in zip(
                    COST_LINES[name], low_bills[-1][name], high_bills[-1][name]
                )
            ),
        )
        for name in COST_APPROACHES
    }
    return CostEstimate(
        inputs=values,
        options=options,
        horizon_months=horizon,
        approaches=approaches,
        break_even_month=_break_even(approaches, horizon),
        crossings=_crossings(approaches, horizon),
        cheaper_at=tuple(_cheaper_at(approaches, m) for m in sorted({min(12, horizon), horizon})),
        sensitivity=_sensitivity(values, serving, horizon),
        usd_per_1000_queries=_per_1000(approaches, cheap, dear, horizon),
        lifecycle_multiple=_lifecycle_multiple(cheap, dear),
    )


# Helpers


def _spec(key: str) -> CostInput:
    if key in REPLACED_INPUTS:
        raise InputError(key, REPLACED_INPUTS[key])
    spec = _INPUT.get(key)
    if spec is None:
        raise InputError(key, f"unknown input; allowed keys: {', '.join(_INPUT)}")
    return spec


def _filled(inputs: Mapping[str, object]) -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    if not isinstance(inputs, Mapping):
        raise InputError("inputs", "expected a mapping of input key to value")
    values = {i.key: i.default for i in _NUMERIC}
    options = {i.key: i.choices[0] for i in COST_INPUTS if i.choices}
    for key, value in inputs.items():
        spec = _spec(str(key))
        if spec.choices:
            word = str(value).strip()
            if word not in spec.choices:
                raise InputError(
                    spec.key, f"{str(value)!r} is not allowed; allowed: {', '.join(spec.choices)}"
                )
            options[spec.key] = word
        else:
            values[spec.key] = parse_range(spec.key, value)
    low, high = values["horizon_months"]
    if low != high:
        raise InputError("horizon_months", "must be a single number of months from 1 to 120")
    return values, options


def _number(spec: CostInput, raw: object) -> float:
    allowed = _allowed(spec)
    if isinstance(raw, bool):
        raise InputError(spec.key, f"expected a number; allowed: {allowed}")
    try:
        number = float(str(raw).replace(",", "").replace("_", "").strip())
    except ValueError:
        raise InputError(spec.key, f"{raw!r} is not a number; allowed: {allowed}") from None
    if not math.isfinite(number):
        raise InputError(spec.key, f"{raw!r} is not a finite number; allowed: {allowed}")
    if number < spec.minimum or (spec.maximum is not None and number > spec.maximum):
        raise InputError(spec.key, f"{_fmt(number)} is out of range; allowed: {allowed}")
    if spec.integer and not number.is_integer():
        raise InputError(spec.key, f"{_fmt(number)} is not a whole number; allowed: {allowed}")
    return number


def _allowed(spec: CostInput) -> str:
    kind = "whole numbers" if spec.integer else "numbers"
    if spec.maximum is None:
        span = f"{kind} of {_fmt(spec.minimum)} or more"
    else:
        span = f"{kind} from {_fmt(spec.minimum)} to {_fmt(spec.maximum)}"
    ranged = "" if spec.key == "horizon_months" else ", or a range low..high"
    return f"{span} ({spec.unit}){ranged}"


def _fmt(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,}"


def _ends(values: Mapping[str, tuple[float, float]]) -> tuple[dict[str, float], dict[str, float]]:
    """Point values for the cheapest and the dearest bill."""
    cheap, dear = {}, {}
    for key, (lo, hi) in values.items():
        rises = _INPUT[key].cost_rises
        cheap[key], dear[key] = (lo, hi) if rises else (hi, lo)
    return cheap, dear


def _bill(v: Mapping[str, float], serving: str, m: int) -> dict[str, tuple[float, ...]]:
    """Each approach's lines, cumulative USD at month ``m``, for point values ``v``."""
    q, o = v["queries_per_month"], v["output_tokens"]
    p_in, p_out = v["input_price_usd_per_mtok"], v["output_price_usd_per_mtok"]

    def tokens(n: float, factor: float) -> float:
        return q * (n * p_in + o * p_out) / 1e6 * factor

    build = v["rag_setup_usd"]
    platform = m * v["rag_monthly_usd"]
    embedding = (
        v["corpus_tokens"] * v["embedding_price_usd_per_mtok"] / 1e6
        * (1 + m * v["corpus_churn_per_month"])
    )
    short = v["request_tokens"] * (1 - v["ft_prompt_reduction"])
    prep = v["ft_data_prep_usd"]
    training = v["ft_training_usd"] * (1 + m // int(v["ft_retrain_every_months"]))
    upkeep = m * v["ft_upkeep_usd_per_month"]
    if serving == "self-hosted":
        gpus = m * v["serving_gpus"] * v["gpu_usd_per_hour"] * HOURS_PER_MONTH
        ft_serving = hybrid_serving = gpus
    else:
        factor = v["ft_price_factor"]
        ft_serving = m * tokens(short, factor)
        hybrid_serving = m * tokens(short + v["rag_context_tokens"], factor)
    rag_tokens = m * tokens(v["request_tokens"] + v["rag_context_tokens"], 1)
    return {
        "rag": (build, platform, embedding, rag_tokens),
        "fine-tuning": (prep, training, ft_serving, upkeep),
        "hybrid": (build, platform, embedding, prep, training, hybrid_serving, upkeep),
    }


def _sum(lines: tuple[float, ...]) -> float:
    return round(math.fsum(lines), 2)


def _cheaper(rag: float, ft: float) -> str:
    return "fine-tuning" if ft <= rag else "rag"


def _break_even(approaches: Mapping[str, CostSeries], horizon: int) -> int | None:
    rag, ft = approaches["rag"], approaches["fine-tuning"]
    month = None
    for m in range(horizon, -1, -1):
        if ft.midpoint(m) <= rag.midpoint(m):
            month = m
        else:
            break
    return month


def _crossings(approaches: Mapping[str, CostSeries], horizon: int) -> tuple[dict[str, Any], ...]:
    rag, ft = approaches["rag"], approaches["fine-tuning"]
    found = []
    before = _cheaper(rag.midpoint(0), ft.midpoint(0))
    for m in range(1, horizon + 1):
        now = _cheaper(rag.midpoint(m), ft.midpoint(m))
        if now != before:
            found.append({"month": m, "cheaper": now})
        before = now
    return tuple(found)


def _cheaper_at(approaches: Mapping[str, CostSeries], month: int) -> dict[str, Any]:
    rag, ft = approaches["rag"], approaches["fine-tuning"]
    mid_rag, mid_ft = rag.midpoint(month), ft.midpoint(month)
    close = (
        rag.low[month] <= mid_ft <= rag.high[month] and ft.low[month] <= mid_rag <= ft.high[month]
    )
    return {"month": month, "approach": _cheaper(mid_rag, mid_ft), "close_call": close}


def _horizon_gap(values: Mapping[str, float], serving: str, horizon: int) -> float:
    """Fine-tuning minus RAG at the horizon, USD, for point values."""
    bill = _bill(values, serving, horizon)
    return math.fsum(bill["fine-tuning"]) - math.fsum(bill["rag"])


def _sensitivity(
    values: Mapping[str, tuple[float, float]], serving: str, horizon: int
) -> tuple[dict[str, Any], ...]:
    middle = {k: (lo + hi) / 2 for k, (lo, hi) in values.items()}
    for spec in _NUMERIC:
        if spec.integer:
            middle[spec.key] = float(round(middle[spec.key]))
    rows = []
    for spec in _NUMERIC:
        key = spec.key
        low, high = values[key]
        if low == high or key == "horizon_months":
            continue

        def gap(x: float, key: str = key) -> float:
            return _horizon_gap({**middle, key: x}, serving, horizon)

        at_low = "fine-tuning" if gap(low) <= 0 else "rag"
        at_high = "fine-tuning" if gap(high) <= 0 else "rag"
        flips = at_low != at_high
        rows.append({
            "key": key,
            "cheaper_at_low": at_low,
            "cheaper_at_high": at_high,
            "flips": flips,
            "threshold": _flip_point(gap, low, high, spec.integer) if flips else None,
            "cheaper_above": at_high if flips else None,
        })
    return tuple(rows)


def _flip_point(gap: Callable[[float], float], low: float, high: float, integer: bool) -> float:
    """The input value where ``gap`` changes sign, by bisection between ``low`` and ``high``.

    Returns the smallest value (to within a part in a million of the range,
    or exactly for whole numbers) at which the cheaper approach is the one
    that is cheaper at ``high``.
    """
    high_side = gap(high) <= 0
    lo, hi = low, high
    while True:
        if integer and hi - lo <= 1:
            return hi
        if not integer and hi - lo <= (high - low) * 1e-6:
            # Rounding to six places may step past an end of the range
            # (0.9999999999999999 rounds to 1.0): keep the answer inside it.
            return min(max(round(hi, 6), low), high)
        mid = math.floor((lo + hi) / 2) if integer else (lo + hi) / 2
        if (gap(mid) <= 0) == high_side:
            hi = mid
        else:
            lo = mid


def _per_1000(
    approaches: Mapping[str, CostSeries],
    cheap: Mapping[str, float],
    dear: Mapping[str, float],
    horizon: int,
) -> dict[str, dict[str, float] | None]:
    result: dict[str, dict[str, float] | None] = {}
    for name, series in approaches.items():
        rates = [
            total / (point["queries_per_month"] * horizon) * 1000
            for total, point in ((series.low[horizon], cheap), (series.high[horizon], dear))
            if point["queries_per_month"] > 0
        ]
        result[name] = {"low": round(min(rates), 4), "high": round(max(rates), 4)} if rates else None
    return result


def _lifecycle_multiple(cheap: Mapping[str, float], dear: Mapping[str, float]) -> dict[str, dict[str, float | None]]:
    def multiple(v: Mapping[str, float]) -> float | None:
        training = v["ft_training_usd"]
        if training <= 0:
            return None
        runs = 1 + 12 // int(v["ft_retrain_every_months"])
        year = v["ft_data_prep_usd"] + runs * training + 12 * v["ft_upkeep_usd_per_month"]
        return round(year / training, 2)

    lo, hi = multiple(cheap), multiple(dear)
    return {
        "implied": {"low": lo, "high": hi},
        "akoode": {"low": AKOODE_LIFECYCLE_MULTIPLE[0], "high": AKOODE_LIFECYCLE_MULTIPLE[1]},
    }
