"""Every input of the cost model, as data: unit, sourced default, limits, form section.

One row per input (:data:`COST_INPUTS`), the way scikit-learn declares its
parameter constraints: the form, the command line, ``python -m calculators
inputs --json``, the error messages and the sampler all read it. Each
default names its source (an id from the guide's ``docs/data/sources.csv``)
or says ``"assumption"`` with the reason in its note.

Three inputs may be left blank, their value then built from other inputs
(:data:`BLANK_PARTS`): the data preparation from its parts, and the tuned
model's own token prices from the base model's times ``ft_price_factor``.
"""

from __future__ import annotations

from collections.abc import Mapping

from .spec import (
    AKOODE_LORA_TRAINING_USD,
    AKOODE_RAG_SETUP_USD,
    MAX_PROMPT_TOKENS,
    CostInput,
)

__all__ = [
    "BLANK_PARTS",
    "COST_INPUTS",
    "DATA_PREP_PARTS",
    "REPLACED_INPUTS",
    "TIED_INPUTS",
    "blank_value",
]

# Limits, in one place each, with the reason the message gives.
_USD_ONCE = (1e9, "no build, run or data effort of one system costs a billion USD")
_USD_MONTH = (1e8, "no single system's line costs a hundred million USD a month")
_TOKEN_PRICE = (1_000, "the dearest list price is some hundreds of USD per million tokens")
_MONTHS = (120, "the estimator looks ten years ahead at most")
_SHARE = (1, "a share")
_ENGINEER_MONTHS = (1_200, "a hundred engineers for a year is past any one system's build")
_ENGINEERS = (100, "a hundred engineers running one system is past any team's budget")


def _in(key, label, unit, default, minimum, limit, group, source, note, **kw) -> CostInput:
    maximum, why = limit
    return CostInput(key, label, unit, default, minimum, maximum, group, source, note,
                     limit_note=why, **kw)


def _choice(key, label, choices, group, source, note) -> CostInput:
    return CostInput(key, label, " or ".join(choices), (0, 0), 0, 0, group, source, note,
                     choices=choices)


#: Data preparation from its parts, for a fine-tuned model: the examples to
#: train on and the held-out evaluation set, each written or checked by a
#: person at an hourly rate. ``ft_data_prep_usd`` left blank is
#: ``(ft_examples + ft_eval_examples) x ft_minutes_per_example / 60 x
#: ft_labour_usd_per_hour``; a value in it replaces the parts.
DATA_PREP_PARTS = ("ft_examples", "ft_eval_examples", "ft_minutes_per_example", "ft_labour_usd_per_hour")

#: Each input that may be left blank -> the inputs its value is built from
#: (:func:`blank_value`).
BLANK_PARTS: dict[str, tuple[str, ...]] = {
    "ft_data_prep_usd": DATA_PREP_PARTS,
    "ft_input_price_usd_per_mtok": ("input_price_usd_per_mtok", "ft_price_factor"),
    "ft_output_price_usd_per_mtok": ("output_price_usd_per_mtok", "ft_price_factor"),
}


def blank_value(key: str, parts: Mapping[str, float]) -> float:
    """The value of a blank input from point values of its parts (:data:`BLANK_PARTS`):
    the data preparation in USD, or a tuned model's price in USD per million tokens."""
    if key == "ft_data_prep_usd":
        return ((parts["ft_examples"] + parts["ft_eval_examples"]) * parts["ft_minutes_per_example"]
                / 60 * parts["ft_labour_usd_per_hour"])
    base, factor = BLANK_PARTS[key]
    return parts[base] * parts[factor]


_PARTS_DEFAULT = {"ft_examples": (1_000, 1_000), "ft_eval_examples": (100, 300),
                  "ft_minutes_per_example": (2, 15), "ft_labour_usd_per_hour": (30, 100)}
_PRICE_DEFAULT = (0.2, 0.9)


def _blank_default(key: str) -> tuple[float, float]:
    ends = {**_PARTS_DEFAULT, "input_price_usd_per_mtok": _PRICE_DEFAULT,
            "output_price_usd_per_mtok": _PRICE_DEFAULT, "ft_price_factor": (1, 1)}
    return tuple(blank_value(key, {k: v[end] for k, v in ends.items()}) for end in (0, 1))  # type: ignore[return-value]


COST_INPUTS: tuple[CostInput, ...] = (
    # RAG
    _in("rag_setup_usd", "RAG build, as Akoode prices it", "USD", AKOODE_RAG_SETUP_USD, 0, _USD_ONCE,
        "rag", "akoode",
        "Vector database, embedding model, retrieval pipeline and integration, paid up front: "
        "Akoode's price for the build, the work included. If your own engineers build it, put 0 "
        "here and count their months in the RAG build months instead."),
    _choice("vector_store", "Vector store", ("managed", "self-run"), "rag", "price-pinecone",
            "managed: a vector database service billed by the month; self-run: a vector store "
            "you run yourself, such as Postgres with pgvector, on a server you pay for."),
    _in("rag_monthly_usd", "Managed vector database", "USD/month", (50, 500), 0, _USD_MONTH, "rag",
        "price-pinecone",
        "From the 50 USD monthly minimum of Pinecone's Standard plan to the bottom of Akoode's "
        "500-3,000 for a mid-scale system; Akoode's figure may include the model's usage, which "
        "is a line of its own here, so its upper part is left out.",
        other_sources=("akoode",)),
    _in("self_run_store_usd_per_month", "Self-run vector store server", "USD/month", (100, 400), 0,
        _USD_MONTH, "rag", "ref-pgvector",
        "With a self-run store: the server pgvector runs on, its share of hardware, power and "
        "hosting (the amount is our assumption); the people who run it are in the RAG running "
        "share."),
    _in("corpus_tokens", "Corpus size", "tokens", (1_000_000, 20_000_000), 0,
        (1e13, "ten trillion tokens is more text than any document store holds"), "rag",
        "assumption",
        "Not in the sources: a few thousand documents of a few thousand tokens each.",
        integer=True),
    _in("corpus_churn_per_month", "Corpus that changes", "share per month", (0.05, 0.2), 0,
        _SHARE, "rag", "assumption",
        "Not in the sources: the share re-embedded each month; 0 is a fixed corpus, 1 all of it."),
    _choice("embedding_serving", "Embedding model", ("api", "self-hosted"), "rag", "ref-vllm-serving",
            "api: a provider embeds the text and bills per token; self-hosted: an open embedding "
            "model on the GPUs below (vLLM serves embedding models too), with no token price."),
    _in("embedding_price_usd_per_mtok", "Embedding price (api)", "USD per million tokens",
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
    _in("ft_data_prep_usd", "Data preparation and evaluation", "USD",
        _blank_default("ft_data_prep_usd"), 0, _USD_ONCE, "fine-tuning", "assumption",
        "Blank: built from the four parts above (examples and evaluation set, times minutes "
        "each, at the labour rate). A value here replaces the parts.",
        blank="built from ft_examples, ft_eval_examples, ft_minutes_per_example and "
        "ft_labour_usd_per_hour"),
    _in("ft_data_refresh_share", "Data work each retraining repeats", "share", (0.2, 0.5), 0,
        _SHARE, "fine-tuning", "assumption",
        "Not in the sources: each retraining run writes examples for what changed and "
        "re-checks the evaluation set; 0 reuses all the data, 1 redoes it."),
    _in("ft_training_usd", "Training run", "USD", AKOODE_LORA_TRAINING_USD, 0, _USD_ONCE,
        "fine-tuning", "akoode",
        "GPU compute for a small open model with LoRA adapters; the mid-size preset uses "
        "Akoode's range for a mid-size model."),
    _in("ft_retrain_every_months", "Retrain fine-tuning alone every", "months", (1, 3), 1, _MONTHS,
        "fine-tuning", "akoode",
        "Akoode: a fine-tuned model needs a new training run whenever the knowledge it holds "
        "changes; documents that change monthly to quarterly mean a run every 1 to 3 months.",
        integer=True, cost_rises=False),
    _in("hybrid_retrain_every_months", "Retrain the hybrid's model every", "months", (6, 12), 1,
        _MONTHS, "fine-tuning", "akoode",
        "In the hybrid, new knowledge is re-indexed, not trained in: its tuned model is "
        "retrained at the behaviour's pace, when the base model changes; Akoode advises a "
        "check every quarter.",
        integer=True, cost_rises=False),
    _choice("ft_serving", "Serving the tuned model", ("api", "self-hosted"), "fine-tuning",
            "price-fireworks-pricing",
            "api: a provider hosts the tuned model and bills per token (Fireworks serves a LoRA "
            "adapter at its base model's price); self-hosted: on the GPUs below, paid whether "
            "or not requests arrive. The hybrid's tuned model is served the same way."),
    _in("ft_price_factor", "Tuned-model price factor (api)", "x base price", (1, 1), 0,
        (100, "no provider bills a tuned model at a hundred times its base"), "fine-tuning",
        "price-fireworks-pricing",
        "Used when the tuned model's own prices are blank. Fireworks bills a LoRA adapter at its "
        "base model's token price: 1. OpenAI bills its tuned models above their base (TokenMix: "
        "2 for gpt-4o-mini); put that if you tune there.",
        other_sources=("price-openai-ft",)),
    _in("ft_input_price_usd_per_mtok", "Tuned model's input price (api)", "USD per million tokens",
        _blank_default("ft_input_price_usd_per_mtok"), 0, _TOKEN_PRICE, "fine-tuning",
        "price-fireworks-pricing",
        "Blank: the base model's input price times the factor above. Put a smaller model's "
        "price here to price tuning a small model to replace a large one.",
        blank="built from input_price_usd_per_mtok and ft_price_factor"),
    _in("ft_output_price_usd_per_mtok", "Tuned model's output price (api)", "USD per million tokens",
        _blank_default("ft_output_price_usd_per_mtok"), 0, _TOKEN_PRICE, "fine-tuning",
        "price-fireworks-pricing",
        "Blank: the base model's output price times the factor above; drawn together with the "
        "tuned model's input price, as one model.",
        blank="built from output_price_usd_per_mtok and ft_price_factor"),
    _in("ft_hosting_usd_per_hour", "Hosting fee for a deployed tuned model (api)", "USD/hour",
        (0, 0), 0, (1_000, "hosting fees are a few USD an hour"), "fine-tuning",
        "price-fireworks-pricing",
        "0: Fireworks serves a LoRA adapter with no hosting fee, as OpenAI serves its tuned "
        "models (TokenMix). Azure adds 1.70 USD an hour for each deployed tuned model "
        "(Standard and Global Standard), used or not: put that if you deploy there.",
        other_sources=("price-openai-ft", "price-azure-ft-hosting")),
    _in("ft_prompt_reduction", "Prompt the tuned model no longer needs", "share", (0.2, 0.5),
        0, _SHARE, "fine-tuning", "hamd",
        "Hamd: a tuned model works without long instructions in every prompt; the share is our "
        "assumption.",
        cost_rises=False),
    # Traffic, tokens and what teams do to cut the token bill
    _in("queries_per_month", "Queries", "per month", (10_000, 100_000), 0,
        (1e11, "a hundred billion queries a month is more than any single service answers"),
        "usage", "assumption", "An illustration, not from the sources: put in your own traffic.",
        integer=True),
    _in("request_tokens", "Prompt per query, without retrieval", "tokens", (500, 1_500), 0,
        (MAX_PROMPT_TOKENS, "the largest context window today holds 2 million tokens"),
        "usage", "assumption",
        "Not in the sources: a question with its instructions and any few-shot examples, the "
        "prompt the team uses today.",
        integer=True),
    _in("output_tokens", "Answer per query", "tokens", (200, 500), 0,
        (200_000, "no model writes a longer answer in one reply"), "usage", "assumption",
        "Not in the sources: an answer of a paragraph or two.", integer=True),
    _choice("rag_serving", "Serving the general model", ("api", "self-hosted"), "usage",
            "ref-vllm-serving",
            "api: a provider's hosted model, billed per token; self-hosted: an open model on "
            "the GPUs below (for example with vLLM), paid every hour, traffic or not, with no "
            "token price. For the prompt-only baseline and RAG."),
    _in("input_price_usd_per_mtok", "Input price", "USD per million tokens", _PRICE_DEFAULT, 0,
        _TOKEN_PRICE, "usage", "price-fireworks-pricing",
        "Fireworks' serverless prices for open models that can be tuned with LoRA: up to 16 "
        "billion parameters, and from 16 to 80 billion."),
    _in("output_price_usd_per_mtok", "Output price", "USD per million tokens", _PRICE_DEFAULT, 0,
        _TOKEN_PRICE, "usage", "price-fireworks-pricing",
        "The same models' output prices; drawn together with the input price, as one model."),
    _in("prompt_cached_share", "Prompt served from a cache", "share", (0, 0), 0, _SHARE, "usage",
        "assumption",
        "0 unless you cache: the share of the prompt (not the retrieved passages, which change "
        "with each query) that a provider's prompt cache serves, such as fixed instructions "
        "and few-shot examples at its start.",
        cost_rises=False),
    _in("cached_input_price_factor", "Price of a cached token", "x input price", (0.1, 0.5), 0,
        (1, "a cached token costs no more than a fresh one"), "usage", "price-anthropic-pricing",
        "From a tenth of the input price (Anthropic's cache hits) to half (Fireworks' default "
        "discount); writing to the cache can cost more, which a prefix reused on many "
        "requests repays.",
        other_sources=("price-fireworks-caching",)),
    _in("batch_share", "Requests sent as a batch", "share", (0, 0), 0, _SHARE, "usage",
        "assumption",
        "0 unless the answers can wait: the share of requests sent through a provider's batch "
        "API, answered within a day instead of at once.",
        cost_rises=False),
    _in("batch_price_factor", "Price of a batched token", "x price", (0.5, 0.5), 0,
        (1, "a batched token costs no more than one sent at once"), "usage",
        "price-fireworks-serverless",
        "Half the price, input and output: Fireworks bills batch inference at 50% of its "
        "serverless prices, and Anthropic's Batch API takes 50% off.",
        other_sources=("price-anthropic-sonnet",)),
    # People's time
    _in("engineer_usd_per_month", "An engineer's loaded cost", "USD/month", (15_800, 15_800), 0,
        (1e6, "no one's loaded cost is a million USD a month"), "people", "assumption",
        "Our assumption from public US figures: the median software developer's wage, 133,080 "
        "USD a year (BLS, May 2024), over the 70% of an employer's cost that wages make (BLS), "
        "by the month; put your own.",
        other_sources=("ref-bls-oews", "ref-bls-ecec")),
    _in("prompt_build_engineer_months", "Prompt-only: engineer-months to build", "engineer-months",
        (0.25, 1), 0, _ENGINEER_MONTHS, "people", "assumption",
        "Not in the sources: writing the prompt and its examples, and a way to measure it on "
        "real requests, a week to a month of one engineer."),
    _in("prompt_ops_engineer_share", "Prompt-only: share of an engineer to run it", "engineers",
        (0.02, 0.1), 0, _ENGINEERS, "people", "assumption",
        "Not in the sources: a few hours a month to watch the answers and adjust the prompt when "
        "the model changes."),
    _in("rag_build_engineer_months", "RAG: engineer-months to build", "engineer-months", (1, 3), 0,
        _ENGINEER_MONTHS, "people", "assumption",
        "Not in the sources as a figure: the work Akoode's build price leaves out, which Akoode "
        "calls the hidden cost: getting documents parsed, chunked and indexed so retrieval "
        "finds the right passage, and checking it. If your engineers build the whole pipeline, "
        "count all of it here and put 0 in the RAG build."),
    _in("rag_ops_engineer_share", "RAG: share of an engineer to run it", "engineers", (0.1, 0.25), 0,
        _ENGINEERS, "people", "assumption",
        "Not in the sources: re-indexing, watching retrieval quality, and fixing the parsing "
        "when new kinds of documents arrive."),
    _in("ft_build_engineer_months", "Fine-tuning: engineer-months to build", "engineer-months",
        (1, 3), 0, _ENGINEER_MONTHS, "people", "assumption",
        "Not in the sources: the training pipeline, the evaluation harness and the serving "
        "set-up; writing the examples is the data preparation line. The hybrid pays both "
        "builds."),
    _in("ft_ops_engineer_share", "Fine-tuning: share of an engineer to run it", "engineers",
        (0.1, 0.25), 0, _ENGINEERS, "people", "akoode",
        "Akoode's maintenance tax: adapter versions, rollback plans, retraining and a check "
        "every quarter; the share is our assumption. The hybrid pays both running shares."),
    # Your own GPUs and servers
    _in("serving_gpus", "GPUs (self-hosted)", "GPUs", (1, 1), 1,
        (100_000, "no single service runs on a hundred thousand GPUs"), "hardware",
        "assumption",
        "One GPU serves a small model with its adapters; the capacity check below says when "
        "traffic needs more. Each approach pays its GPUs once, whatever runs on them.",
        integer=True),
    _choice("gpu_ownership", "GPUs", ("rented", "owned"), "hardware", "price-runpod",
            "rented: billed by the hour at the price below; owned: bought, the price spread over "
            "its life, with power and hosting each month."),
    _in("gpu_usd_per_hour", "GPU rental price", "USD per GPU-hour", (0.47, 3.89), 0,
        (1_000, "GPUs rent for a few USD an hour"), "hardware", "price-runpod",
        "From a RunPod always-on L4 (24 GB) to an A100 (80 GB) on a Fireworks dedicated "
        "deployment; the hyperscalers' list prices could not be read at their own pages.",
        other_sources=("price-fireworks-pricing",)),
    _in("gpu_purchase_usd", "GPU purchase price (owned)", "USD per GPU", (8_500, 8_500), 0,
        (1e7, "no single GPU costs ten million USD"), "hardware", "ref-hf-hardware-l40s",
        "An L40S (48 GB) at its list price on Hugging Face's hardware page; put your vendor's "
        "quote, with the GPU's share of the server it sits in."),
    _in("gpu_life_months", "GPU life (owned)", "months", (48, 60), 1, _MONTHS, "hardware",
        "assumption",
        "Our assumption: servers are commonly written off over four to five years.",
        integer=True, cost_rises=False),
    _in("gpu_running_usd_per_month", "Power and hosting per GPU (owned)", "USD/month", (50, 200), 0,
        _USD_MONTH, "hardware", "assumption",
        "Our assumption: a GPU of some hundreds of watts in a server that draws about twice "
        "that, around the clock, at commercial power prices with cooling, and its share of "
        "rack space."),
    _in("gpu_tokens_per_second", "Tokens one GPU handles a second", "tokens/s", (5_000, 5_000), 1,
        (1e7, "no GPU handles ten million tokens a second"), "hardware", "ref-nvidia-nim-bench",
        "For the capacity check, prompt and answer together: NVIDIA measured about 920 answer "
        "tokens a second on two H100s for Llama 3.3 70B with 5,000-token prompts and "
        "500-token answers, some 5,000 tokens a second for each GPU. A small model does more; "
        "measure your own."),
    _in("traffic_peak_ratio", "Busiest hour over the average", "x average", (3, 3), 1,
        (1_000, "no service's busiest hour carries a thousand times its average"), "hardware",
        "assumption",
        "Our assumption: traffic in working hours only runs at about three times the month's "
        "average hour; the GPUs must carry the busiest hour."),
    # The horizon
    _in("horizon_months", "Horizon", "months", (36, 36), 1, _MONTHS, "general", "akoode",
        "Three years: Akoode compares the approaches over year one and through year three.",
        integer=True),
)

#: Inputs that describe one thing and so move together in every draw: the
#: input and output price of one model are one choice of model; one cloud's
#: GPU price sets both the training run and the serving GPUs. The first key
#: of each group names it in the tornado.
TIED_INPUTS: tuple[tuple[str, ...], ...] = (
    ("input_price_usd_per_mtok", "output_price_usd_per_mtok"),
    ("ft_input_price_usd_per_mtok", "ft_output_price_usd_per_mtok"),
    ("gpu_usd_per_hour", "ft_training_usd"),
)

#: Inputs that no longer exist -> what replaced them, for old links and the CLI.
REPLACED_INPUTS: dict[str, str] = {
    "ft_lifecycle_multiplier": (
        "replaced: the bill now lists data preparation (ft_data_prep_usd), retraining "
        "(ft_retrain_every_months) and people's time (ft_ops_engineer_share), and shows the "
        "multiple of the training compute they imply next to Akoode's 3-5x"
    ),
    "ft_upkeep_usd_per_month": (
        "replaced: the upkeep of a tuned model (versions, rollback, revalidation) is people's "
        "time, now ft_ops_engineer_share (a share of an engineer) at engineer_usd_per_month"
    ),
}
