"""Expected cost cases shared by every test level, worked from the sources' figures.

Each case: (id, inputs, approach, month, (low USD, high USD)).
"""

from __future__ import annotations

COST_CASES: list[tuple[str, dict[str, str], str, int, tuple[float, float]]] = [
    # Akoode: setup 5,000..30,000 plus 12 x 500..3,000 a month.
    ("rag-first-year-from-defaults", {"queries_per_month": "0"}, "rag", 12, (11_000, 66_000)),
    # Akoode: a small LoRA run, 200..2,000, at 3..5 x over its first year.
    ("small-lora-first-year", {"queries_per_month": "0"}, "fine-tuning", 12, (600, 10_000)),
    # Akoode: a mid-size run, 5,000..50,000, at 3..5 x.
    (
        "mid-size-first-year",
        {"queries_per_month": "0", "ft_training_usd": "5000..50000"},
        "fine-tuning",
        12,
        (15_000, 250_000),
    ),
    # Both pipelines: RAG's 11,000..66,000 plus the small LoRA's 600..10,000.
    ("hybrid-first-year", {"queries_per_month": "0"}, "hybrid", 12, (11_600, 76_000)),
    # Upfront spend only, at month 0.
    ("rag-upfront", {}, "rag", 0, (5_000, 30_000)),
    # 1,000,000 queries of 1,000 tokens at 1 USD per million: 1,000 USD a month.
    (
        "token-costs",
        {
            "queries_per_month": "1000000",
            "request_tokens": "1000",
            "rag_context_tokens": "0",
            "input_price_usd_per_mtok": "1",
            "rag_setup_usd": "0",
            "rag_monthly_usd": "0",
        },
        "rag",
        12,
        (12_000, 12_000),
    ),
]
