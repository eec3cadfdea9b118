"""Expected cost cases shared by every test level, worked by hand from the sources' figures.

Each case: (id, inputs, approach, month, (low USD, high USD)). The arithmetic
is in the comment above each case; the same cases run natively, inside
Pyodide and through the Cost estimator page.
"""

from __future__ import annotations

#: Inputs that switch off every line a case does not look at.
NO_TRAFFIC = {"queries_per_month": "0", "corpus_tokens": "0"}
ONLY_SERVING = {
    "ft_data_prep_usd": "0",
    "ft_training_usd": "0",
    "ft_upkeep_usd_per_month": "0",
}

COST_CASES: list[tuple[str, dict[str, str], str, int, tuple[float, float]]] = [
    # Akoode: build 5,000..30,000 plus 12 x 500..3,000 a month for the platform.
    ("rag-first-year-from-akoode", NO_TRAFFIC, "rag", 12, (11_000, 66_000)),
    # Akoode's small LoRA run, 200..2,000. Cheap end: 220 prep + 2 runs x 200
    # (retrain every 12 months) + 12 x 15 upkeep = 800 = 4 x 200. Dear end:
    # 2,200 + 3 runs x 2,000 (every 6 months) + 12 x 150 = 10,000 = 5 x 2,000.
    ("small-lora-first-year", NO_TRAFFIC, "fine-tuning", 12, (800, 10_000)),
    # Akoode's mid-size run, 5,000..50,000, with data work equal to one run,
    # one retraining in the year and no upkeep: 3 x the training compute.
    (
        "mid-size-first-year",
        {
            **NO_TRAFFIC,
            "ft_training_usd": "5000..50000",
            "ft_data_prep_usd": "5000..50000",
            "ft_retrain_every_months": "12",
            "ft_upkeep_usd_per_month": "0",
        },
        "fine-tuning",
        12,
        (15_000, 150_000),
    ),
    # Both bills: RAG's 11,000..66,000 plus the small LoRA's 800..10,000.
    ("hybrid-first-year", NO_TRAFFIC, "hybrid", 12, (11_800, 76_000)),
    # Month 0: the build, plus embedding the corpus once: 1M tokens x 0.02 USD
    # per million = 0.02; 20M x 0.13 = 2.60.
    ("rag-upfront", {}, "rag", 0, (5_000.02, 30_002.60)),
    # 1,000,000 queries a month, each 1,000 input tokens at 1 USD per million
    # and 100 output tokens at 5 USD per million: 1,000 + 500 = 1,500 USD a
    # month, 18,000 over 12 months.
    (
        "rag-tokens-with-output",
        {
            "queries_per_month": "1000000",
            "request_tokens": "1000",
            "rag_context_tokens": "0",
            "output_tokens": "100",
            "input_price_usd_per_mtok": "1",
            "output_price_usd_per_mtok": "5",
            "rag_setup_usd": "0",
            "rag_monthly_usd": "0",
            "corpus_tokens": "0",
        },
        "rag",
        12,
        (18_000, 18_000),
    ),
    # 10M tokens at 0.10 USD per million = 1 USD to embed once; half of it
    # again each month = 0.50; after 12 months 1 + 6 = 7 USD.
    (
        "rag-embedding-and-churn",
        {
            "queries_per_month": "0",
            "rag_setup_usd": "0",
            "rag_monthly_usd": "0",
            "corpus_tokens": "10000000",
            "embedding_price_usd_per_mtok": "0.1",
            "corpus_churn_per_month": "0.5",
        },
        "rag",
        12,
        (7, 7),
    ),
    # Self-hosted with no traffic at all: 2 GPUs x 1 USD an hour x 730 hours
    # x 12 months = 17,520 USD.
    (
        "self-hosted-idle",
        {
            **NO_TRAFFIC,
            **ONLY_SERVING,
            "ft_serving": "self-hosted",
            "serving_gpus": "2",
            "gpu_usd_per_hour": "1",
        },
        "fine-tuning",
        12,
        (17_520, 17_520),
    ),
    # A tuned model on an API: half the 1,000-token prompt left (500 x 1 USD
    # per million) plus 100 output tokens x 5 USD per million = 1,000 USD per
    # million queries, at twice the base price: 2,000 a month, 24,000 a year.
    (
        "tuned-api-shorter-prompt",
        {
            **ONLY_SERVING,
            "queries_per_month": "1000000",
            "request_tokens": "1000",
            "ft_prompt_reduction": "0.5",
            "output_tokens": "100",
            "input_price_usd_per_mtok": "1",
            "output_price_usd_per_mtok": "5",
            "ft_price_factor": "2",
        },
        "fine-tuning",
        12,
        (24_000, 24_000),
    ),
    # A 1,000 USD run, retrained every 3 months: months 0, 3, 6, 9 and 12 = 5 runs.
    (
        "quarterly-retraining",
        {
            **NO_TRAFFIC,
            "ft_data_prep_usd": "0",
            "ft_upkeep_usd_per_month": "0",
            "ft_training_usd": "1000",
            "ft_retrain_every_months": "3",
        },
        "fine-tuning",
        12,
        (5_000, 5_000),
    ),
]
