"""Named starting points for the cost model, and how Decide answers change its inputs.

The default inputs are the preset :data:`DEFAULT_PRESET`: a knowledge
assistant over company documents that change, at moderate traffic, which is
the case all five sources describe. Every preset names the source of each
input it sets (:attr:`Preset.sources`), so its figures can be checked like
any other on the site. Three presets are readers who tried the guide with
their own situations (an insurer's policy assistant, a high-volume
classifier, a hospital that keeps its data on its own network); they carry
their Decide answers too (:attr:`Preset.answers`), so their headline
compares only the approaches that meet their needs.

:func:`inputs_with_answers` is the one place where decision answers change
cost inputs: the page, the command line's ``cost`` and ``record``, and the
presets all call it, so the same link gives the same estimate and record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .spec import AKOODE_RAG_MONTHLY_USD, AKOODE_RAG_SETUP_USD, MID_SIZE_TRAINING_USD

__all__ = [
    "DECISION_ADJUSTMENTS",
    "DEFAULT_PRESET",
    "PRESETS",
    "DecisionAdjustment",
    "Preset",
    "inputs_from_decision",
    "inputs_with_answers",
]


@dataclass(frozen=True)
class Preset:
    """A starting point for one kind of team.

    Attributes:
        name: The preset's id, used in the page's buttons.
        label: The button's text.
        team: What kind of team this is, where its numbers come from, and
            that its traffic figures are illustrations.
        inputs: Input key -> value string, for :func:`calculators.estimate_cost`.
        sources: Every key of :attr:`inputs` -> a source id from
            ``docs/data/sources.csv``, or ``"assumption"``.
        answers: The team's Decide answers (question key -> answer), or
            empty; with them the estimate marks the approaches that miss a
            need, and the answers change the inputs the preset leaves alone
            (:meth:`estimate_inputs`).
    """

    name: str
    label: str
    team: str
    inputs: dict[str, str]
    sources: dict[str, str]
    answers: dict[str, str] = field(default_factory=dict)

    def estimate_inputs(self) -> dict[str, str]:
        """The inputs the page fills in for this preset: its own, and what its
        answers change of the rest (:func:`inputs_with_answers`)."""
        return inputs_with_answers(self.inputs, self.answers)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"name", "label", "team", "inputs", "sources", "answers"}``."""
        return {
            "name": self.name, "label": self.label, "team": self.team,
            "inputs": dict(self.inputs), "sources": dict(self.sources), "answers": dict(self.answers),
        }


def _span(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.0f}..{pair[1]:.0f}"


#: The preset the default inputs describe.
DEFAULT_PRESET = "knowledge-assistant"

#: Starting points, by name; the first is the defaults' own.
PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            DEFAULT_PRESET, "Knowledge assistant (the defaults)",
            "An assistant answering staff questions over company documents that change every "
            "month or so, at moderate traffic: the case all five sources describe. Because the "
            "documents change, a fine-tuned model alone must be retrained every 1 to 3 months "
            "to stay current (Akoode), and each run repeats part of the data work; traffic is "
            "an illustration.",
            {
                "queries_per_month": "10000..100000",
                "corpus_churn_per_month": "0.05..0.2",
                "ft_retrain_every_months": "1..3",
                "ft_data_refresh_share": "0.2..0.5",
                "rag_monthly_usd": "50..500",
            },
            {
                "queries_per_month": "assumption",
                "corpus_churn_per_month": "assumption",
                "ft_retrain_every_months": "akoode",
                "ft_data_refresh_share": "assumption",
                "rag_monthly_usd": "price-pinecone",
            },
        ),
        Preset(
            "support-docs", "Support answers over docs",
            "A small team answering customer questions from a few thousand help articles that "
            "change every week, so a fine-tuned model would need a new run every month; a "
            "small help centre sits in the lower part of Akoode's build range; traffic is an "
            "illustration.",
            {
                "queries_per_month": "20000",
                "corpus_churn_per_month": "0.2..0.4",
                "ft_retrain_every_months": "1",
                "rag_setup_usd": "5000..10000",
                "rag_monthly_usd": "50..200",
            },
            {
                "queries_per_month": "assumption",
                "corpus_churn_per_month": "assumption",
                "ft_retrain_every_months": "akoode",
                "rag_setup_usd": "akoode",
                "rag_monthly_usd": "price-pinecone",
            },
        ),
        Preset(
            "narrow-high-volume", "Narrow task, high volume",
            "A team classifying millions of short tickets a month with a small tuned model on "
            "its own GPUs, where long instructions and examples fill every prompt (Hamd, "
            "Akoode); the task is stable, so the model is retrained when the base model "
            "changes rather than monthly; traffic is an illustration.",
            {
                "queries_per_month": "3000000",
                "request_tokens": "1500..2500",
                "output_tokens": "20..50",
                "ft_serving": "self-hosted",
                "serving_gpus": "2",
                "ft_prompt_reduction": "0.6..0.8",
                "ft_retrain_every_months": "6..12",
                "corpus_churn_per_month": "0..0.05",
            },
            {
                "queries_per_month": "assumption",
                "request_tokens": "assumption",
                "output_tokens": "assumption",
                "ft_serving": "price-runpod",
                "serving_gpus": "assumption",
                "ft_prompt_reduction": "hamd",
                "ft_retrain_every_months": "akoode",
                "corpus_churn_per_month": "assumption",
            },
        ),
        Preset(
            "mid-size-self-hosted", "Mid-size model, self-hosted",
            "A team tuning a mid-size open model on a substantial dataset (Akoode's mid-size "
            "compute) and serving it on two rented A100s, for a stable task retrained twice a "
            "year; traffic is an illustration.",
            {
                "ft_training_usd": _span(MID_SIZE_TRAINING_USD),
                "ft_examples": "5000..20000",
                "ft_retrain_every_months": "6",
                "ft_serving": "self-hosted",
                "serving_gpus": "2",
                "gpu_usd_per_hour": "2.16..3.89",
                "queries_per_month": "200000",
            },
            {
                "ft_training_usd": "akoode",
                "ft_examples": "assumption",
                "ft_retrain_every_months": "assumption",
                "ft_serving": "price-runpod",
                "serving_gpus": "assumption",
                "gpu_usd_per_hour": "price-runpod",
                "queries_per_month": "assumption",
            },
        ),
        Preset(
            "enterprise-assistant", "Enterprise assistant",
            "A large organisation's internal assistant over a big, changing document base, "
            "answering a million questions a month: the top of Akoode's build range, and "
            "Akoode's mid-scale platform range for a system this busy (the model's tokens are "
            "billed on their own line: lower the platform if your quote includes them); "
            "traffic is an illustration.",
            {
                "rag_setup_usd": f"{AKOODE_RAG_SETUP_USD[1]:.0f}",
                "rag_monthly_usd": _span(AKOODE_RAG_MONTHLY_USD),
                "corpus_tokens": "200000000",
                "queries_per_month": "1000000",
                "ft_training_usd": _span(MID_SIZE_TRAINING_USD),
                "ft_examples": "2000..5000",
            },
            {
                "rag_setup_usd": "akoode",
                "rag_monthly_usd": "akoode",
                "corpus_tokens": "assumption",
                "queries_per_month": "assumption",
                "ft_training_usd": "akoode",
                "ft_examples": "assumption",
            },
        ),
        Preset(
            "insurer-policies", "Policy answers at an insurer",
            "An engineering manager's team of three backend developers and no ML engineer, "
            "answering claims staff's questions from four thousand policy PDFs that change "
            "monthly, with a citation for every answer. Her developers build and run it, so "
            "Akoode's bought-in build is zero and their months (PDF parsing, and the claims "
            "staff's evaluation questions counted at an engineer's cost) are people's time; "
            "document sizes, traffic and shares are our assumptions, the traffic an "
            "illustration.",
            {
                "corpus_tokens": "20000000..60000000",
                "corpus_churn_per_month": "0.05..0.15",
                "queries_per_month": "10000..40000",
                "request_tokens": "300..800",
                "rag_context_tokens": "3000..6000",
                "output_tokens": "300..600",
                "rag_setup_usd": "0",
                "rag_build_engineer_months": "6..9",
                "rag_ops_engineer_share": "0.5..1",
            },
            {
                "corpus_tokens": "assumption",
                "corpus_churn_per_month": "assumption",
                "queries_per_month": "assumption",
                "request_tokens": "assumption",
                "rag_context_tokens": "assumption",
                "output_tokens": "assumption",
                "rag_setup_usd": "akoode",
                "rag_build_engineer_months": "assumption",
                "rag_ops_engineer_share": "assumption",
            },
            {
                "own_knowledge": "yes", "changes_often": "yes", "citations": "yes",
                "large_corpus": "yes", "behaviour": "no", "ml_capacity": "no",
            },
        ),
        Preset(
            "review-classifier", "Classifying reviews at high volume",
            "An ML lead classifying eight million reviews a month into twelve labels, today on "
            "a large hosted model (Claude Sonnet 5's list price) with a long few-shot prompt "
            "whose fixed opening is cached and sent as a batch at the providers' own discounts, "
            "against a small open model tuned with LoRA and served at Fireworks' price for its "
            "size. The prompt exists already, so it costs nothing to build; prompt lengths, "
            "shares, examples and engineers' time are our assumptions, the traffic an "
            "illustration.",
            {
                "queries_per_month": "8000000",
                "request_tokens": "2000..3000",
                "output_tokens": "5..20",
                "input_price_usd_per_mtok": "2",
                "output_price_usd_per_mtok": "10",
                "prompt_cached_share": "0.8..0.95",
                "cached_input_price_factor": "0.1",
                "batch_share": "1",
                "ft_input_price_usd_per_mtok": "0.2",
                "ft_output_price_usd_per_mtok": "0.2",
                "ft_prompt_reduction": "0.85..0.95",
                "ft_examples": "2000..5000",
                "ft_minutes_per_example": "1..3",
                "ft_retrain_every_months": "6..12",
                "prompt_build_engineer_months": "0",
                "prompt_ops_engineer_share": "0.05..0.1",
                "ft_build_engineer_months": "1..2",
                "ft_ops_engineer_share": "0.1..0.2",
            },
            {
                "queries_per_month": "assumption",
                "request_tokens": "assumption",
                "output_tokens": "assumption",
                "input_price_usd_per_mtok": "price-anthropic-sonnet",
                "output_price_usd_per_mtok": "price-anthropic-sonnet",
                "prompt_cached_share": "assumption",
                "cached_input_price_factor": "price-anthropic-pricing",
                "batch_share": "assumption",
                "ft_input_price_usd_per_mtok": "price-fireworks-pricing",
                "ft_output_price_usd_per_mtok": "price-fireworks-pricing",
                "ft_prompt_reduction": "hamd",
                "ft_examples": "assumption",
                "ft_minutes_per_example": "assumption",
                "ft_retrain_every_months": "akoode",
                "prompt_build_engineer_months": "assumption",
                "prompt_ops_engineer_share": "assumption",
                "ft_build_engineer_months": "assumption",
                "ft_ops_engineer_share": "assumption",
            },
            {
                "own_knowledge": "no", "changes_often": "no", "citations": "no", "large_corpus": "no",
                "behaviour": "format", "narrow_task": "yes", "high_volume": "yes", "low_latency": "no",
                "training_examples": "yes", "ml_capacity": "yes", "prompting_tried": "costly",
            },
        ),
        Preset(
            "hospital-own-network", "Hospital, data on its own network",
            "A platform engineer at a hospital whose prompts, documents and answers must stay "
            "on its own network: an open model and its embedding model on two GPUs the hospital "
            "buys (an L40S at its list price, over a four-to-five-year life, with power and "
            "hosting), pgvector on its own server, and her own months to build and run it. "
            "Traffic, corpus, months and running costs are our assumptions, the traffic an "
            "illustration.",
            {
                "rag_serving": "self-hosted",
                "embedding_serving": "self-hosted",
                "vector_store": "self-run",
                "ft_serving": "self-hosted",
                "gpu_ownership": "owned",
                "serving_gpus": "2",
                "gpu_purchase_usd": "8500",
                "gpu_life_months": "48..60",
                "gpu_running_usd_per_month": "50..200",
                "self_run_store_usd_per_month": "100..400",
                "corpus_tokens": "30000000..100000000",
                "queries_per_month": "20000..100000",
                "rag_setup_usd": "0",
                "rag_build_engineer_months": "3..6",
                "rag_ops_engineer_share": "0.25..0.5",
            },
            {
                "rag_serving": "ref-vllm-serving",
                "embedding_serving": "ref-vllm-serving",
                "vector_store": "ref-pgvector",
                "ft_serving": "ref-vllm-serving",
                "gpu_ownership": "assumption",
                "serving_gpus": "assumption",
                "gpu_purchase_usd": "ref-hf-hardware-l40s",
                "gpu_life_months": "assumption",
                "gpu_running_usd_per_month": "assumption",
                "self_run_store_usd_per_month": "assumption",
                "corpus_tokens": "assumption",
                "queries_per_month": "assumption",
                "rag_setup_usd": "akoode",
                "rag_build_engineer_months": "assumption",
                "rag_ops_engineer_share": "assumption",
            },
            {
                "own_knowledge": "yes", "changes_often": "no", "citations": "yes", "large_corpus": "yes",
                "behaviour": "no", "own_network": "yes", "ml_capacity": "no",
            },
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
        value: The value it sets, as for :func:`calculators.estimate_cost`.
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
        "Knowledge that changes often means a retraining run each time it shifts, for a "
        "fine-tuned model that holds it; the hybrid re-indexes instead, and keeps its own pace.",
        "akoode",
    ),
    DecisionAdjustment(
        "changes_often", "yes", "corpus_churn_per_month", "0.2..0.5",
        "For RAG, a change is an edit and a re-index: more of the corpus is embedded again "
        "each month.", "haink",
    ),
    DecisionAdjustment(
        "changes_often", "no", "ft_retrain_every_months", "6..12",
        "Knowledge that holds still needs a run only when the base model changes; Akoode "
        "advises checking the adapter every quarter.", "akoode",
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
    DecisionAdjustment(
        "own_network", "yes", "rag_serving", "self-hosted",
        "The same holds for the general model that RAG and the prompt-only baseline call.",
        "ref-vllm-serving",
    ),
    DecisionAdjustment(
        "own_network", "yes", "embedding_serving", "self-hosted",
        "Documents sent to a hosted embedding model leave the network too: the embedding "
        "model runs on your GPUs.", "ref-vllm-serving",
    ),
    DecisionAdjustment(
        "own_network", "yes", "vector_store", "self-run",
        "A managed vector database keeps your documents with its provider: the vector store "
        "runs on your own server, for example Postgres with pgvector.", "ref-pgvector",
    ),
)


def inputs_from_decision(answers: Mapping[str, str]) -> dict[str, str]:
    """Turn Decide-page answers into cost inputs (see :data:`DECISION_ADJUSTMENTS`).

    Args:
        answers: Question key -> ``"yes"`` / ``"no"`` / ``"unsure"``, as for
            :func:`calculators.recommend`.

    Returns:
        Input key -> value string, for :func:`calculators.estimate_cost`;
        empty when no answer changes an input.

    Raises:
        InputError: for answers :func:`calculators.recommend` would refuse.
    """
    from ..decision import recommend  # validates the answers the same way

    filled = recommend(answers).answers
    return {a.key: a.value for a in DECISION_ADJUSTMENTS if filled[a.question] == a.answer}


def inputs_with_answers(inputs: Mapping[str, object], answers: Mapping[str, str] | None) -> dict[str, object]:
    """The cost inputs a link (or a command line) means when it carries decision
    answers: what the answers change (:func:`inputs_from_decision`), then the
    inputs it sets itself, which win.

    The Cost estimator page fills its form with this when it opens with answers
    in its address, and ``python -m calculators cost`` and ``record`` estimate
    with it, so the same link gives the same estimate and the same record.

    Args:
        inputs: Input key -> value, as for :func:`calculators.estimate_cost`.
        answers: Question key -> answer, or ``None`` (no answers: the inputs
            as they are).

    Returns:
        Input key -> value.

    Raises:
        InputError: for answers :func:`calculators.recommend` would refuse.
    """
    if not answers:
        return dict(inputs)
    return {**inputs_from_decision(answers), **inputs}
