"""Expected cost cases shared by every test level, each worked by hand.

``COST_CASES``: (id, inputs, approach, month, expected USD). Every input a
case's approach reads is a single number, so all its draws agree and the
median, the percentiles and both extremes equal the hand-worked total; the
arithmetic is in the comment above each case. The same cases run natively,
inside Pyodide and through the Cost estimator page, and each layer checks
the expected figure itself, not only agreement with the command line.

``EXTREME_CASES``: (id, inputs, approach, month, (low USD, high USD)): the
two extremes of a case with ranges, every input at its cheap or dear end.
``PER_1000_CASES`` and ``MULTIPLE_CASES`` check USD per 1,000 queries and
the first-year multiple of the training compute.
"""

from __future__ import annotations

#: Inputs that switch off every RAG line but the ones a case looks at.
NO_RAG = {"rag_setup_usd": "0", "rag_monthly_usd": "0", "corpus_tokens": "0", "queries_per_month": "0"}
#: Inputs that switch off every fine-tuning line.
NO_FT = {"ft_data_prep_usd": "0", "ft_training_usd": "0", "ft_upkeep_usd_per_month": "0"}

#: The Costs page's worked case (docs/.hooks/calculator_widgets.py WORKED_CASE).
WORKED = {
    "queries_per_month": "50000", "request_tokens": "1000", "rag_context_tokens": "2000",
    "output_tokens": "400", "input_price_usd_per_mtok": "0.9", "output_price_usd_per_mtok": "0.9",
    "rag_setup_usd": "15000", "rag_monthly_usd": "200", "corpus_tokens": "5000000",
    "embedding_price_usd_per_mtok": "0.02", "corpus_churn_per_month": "0.1",
    "ft_examples": "1000", "ft_eval_examples": "200", "ft_minutes_per_example": "5",
    "ft_labour_usd_per_hour": "60", "ft_data_refresh_share": "0.3", "ft_training_usd": "600",
    "ft_retrain_every_months": "2", "ft_prompt_reduction": "0.4", "ft_price_factor": "1",
    "ft_upkeep_usd_per_month": "300",
}

COST_CASES: list[tuple[str, dict[str, str], str, int, float]] = [
    # The worked case, 36 months. RAG: build 15,000; platform 36 x 200 = 7,200;
    # embedding 5,000,000 x 0.02 / 1e6 = 0.10 once, plus 36 x 0.1 x 0.10 = 0.36;
    # tokens 36 x 50,000 x (3,000 x 0.9 + 400 x 0.9) / 1e6 = 36 x 153 = 5,508.
    # 15,000 + 7,200 + 0.46 + 5,508 = 27,708.46.
    ("worked-rag-36", WORKED, "rag", 36, 27_708.46),
    # Fine-tuning: data (1,000 + 200) x 5 / 60 x 60 = 6,000; a run every 2
    # months from month 0, none in month 36: months 0..34, 18 runs, so 17
    # reruns each redoing 0.3 x 6,000 = 1,800: 6,000 + 30,600 = 36,600;
    # training 18 x 600 = 10,800; serving 36 x 50,000 x (600 x 0.9 + 400 x
    # 0.9) / 1e6 x 1 = 36 x 45 = 1,620; upkeep 36 x 300 = 10,800. 59,820.
    ("worked-ft-36", WORKED, "fine-tuning", 36, 59_820),
    # Hybrid: RAG's build, platform, embedding (22,200.46), fine-tuning's data,
    # training and upkeep (58,200), and serving with the context: 36 x 50,000
    # x ((600 + 2,000) x 0.9 + 400 x 0.9) / 1e6 = 36 x 135 = 4,860. 85,260.46.
    ("worked-hybrid-36", WORKED, "hybrid", 36, 85_260.46),
    # 12 months of the same. RAG: 15,000 + 2,400 + 0.10 + 0.12 + 12 x 153 = 19,236.22.
    ("worked-rag-12", WORKED, "rag", 12, 19_236.22),
    # Fine-tuning at month 12 of 36: runs in months 0, 2, ..., 12: 7 runs.
    # Data 6,000 + 6 x 1,800 = 16,800; training 4,200; serving 540; upkeep 3,600.
    ("worked-ft-12", WORKED, "fine-tuning", 12, 25_140),
    # Hybrid: 17,400.22 + 16,800 + 4,200 + 12 x 135 + 3,600 = 43,620.22.
    ("worked-hybrid-12", WORKED, "hybrid", 12, 43_620.22),
    # Akoode's RAG year, one number each: 5,000 + 12 x 500 = 11,000 (no corpus, no traffic).
    ("rag-first-year-from-akoode",
     {"rag_setup_usd": "5000", "rag_monthly_usd": "500", "corpus_tokens": "0", "queries_per_month": "0"},
     "rag", 12, 11_000),
    # A 12-month horizon and a run every 12 months: one run, at month 0; the
    # one due in month 12 would serve nothing inside the horizon.
    ("no-run-in-the-horizon-month",
     {**NO_RAG, **NO_FT, "horizon_months": "12", "ft_training_usd": "1000", "ft_retrain_every_months": "12"},
     "fine-tuning", 12, 1_000),
    # A 1,000 USD run every 3 months over 36 months, seen at month 12: runs in
    # months 0, 3, 6, 9 and 12 (month 12 serves months 12 to 15) = 5 runs.
    ("quarterly-retraining-at-12",
     {**NO_RAG, **NO_FT, "ft_training_usd": "1000", "ft_retrain_every_months": "3"},
     "fine-tuning", 12, 5_000),
    # The same over a 12-month horizon: months 0, 3, 6, 9 = 4 runs, none in month 12.
    ("quarterly-retraining-12-month-horizon",
     {**NO_RAG, **NO_FT, "horizon_months": "12", "ft_training_usd": "1000", "ft_retrain_every_months": "3"},
     "fine-tuning", 12, 4_000),
    # Data work from its parts, redone in part with each run: (1,000 + 200) x
    # 6 minutes / 60 x 50 USD = 6,000; runs at months 0, 6, 12, 18 of 24 = 3
    # reruns x 0.5 x 6,000 = 9,000; 15,000 in all.
    ("data-work-repeats-with-each-run",
     {**NO_RAG, **NO_FT, "horizon_months": "24", "ft_data_prep_usd": "", "ft_examples": "1000",
      "ft_eval_examples": "200", "ft_minutes_per_example": "6", "ft_labour_usd_per_hour": "50",
      "ft_data_refresh_share": "0.5", "ft_retrain_every_months": "6"},
     "fine-tuning", 24, 15_000),
    # 1,000,000 queries a month, each 1,000 input tokens at 1 USD per million
    # and 100 output tokens at 5 USD per million: 1,000 + 500 = 1,500 USD a
    # month, 18,000 over 12 months.
    ("rag-tokens-with-output",
     {"queries_per_month": "1000000", "request_tokens": "1000", "rag_context_tokens": "0",
      "output_tokens": "100", "input_price_usd_per_mtok": "1", "output_price_usd_per_mtok": "5",
      "rag_setup_usd": "0", "rag_monthly_usd": "0", "corpus_tokens": "0"},
     "rag", 12, 18_000),
    # 10M tokens at 0.10 USD per million = 1 USD to embed once; half of it
    # again each month = 0.50; after 12 months 1 + 6 = 7 USD.
    ("rag-embedding-and-churn",
     {"queries_per_month": "0", "rag_setup_usd": "0", "rag_monthly_usd": "0",
      "corpus_tokens": "10000000", "embedding_price_usd_per_mtok": "0.1", "corpus_churn_per_month": "0.5"},
     "rag", 12, 7),
    # The hybrid embeds the corpus too: the same 7 USD, with every other line at 0.
    ("hybrid-embedding-and-churn",
     {**NO_FT, "queries_per_month": "0", "rag_setup_usd": "0", "rag_monthly_usd": "0",
      "corpus_tokens": "10000000", "embedding_price_usd_per_mtok": "0.1", "corpus_churn_per_month": "0.5"},
     "hybrid", 12, 7),
    # Self-hosted with no traffic at all: 2 GPUs x 1 USD an hour x 730 hours
    # x 12 months = 17,520 USD.
    ("self-hosted-idle",
     {**NO_RAG, **NO_FT, "ft_serving": "self-hosted", "serving_gpus": "2", "gpu_usd_per_hour": "1"},
     "fine-tuning", 12, 17_520),
    # A tuned model on an API: half the 1,000-token prompt left (500 x 1 USD
    # per million) plus 100 output tokens x 5 USD per million = 1,000 USD per
    # million queries, at twice the base price: 2,000 a month, 24,000 a year.
    ("tuned-api-shorter-prompt",
     {**NO_FT, "queries_per_month": "1000000", "request_tokens": "1000", "ft_prompt_reduction": "0.5",
      "output_tokens": "100", "input_price_usd_per_mtok": "1", "output_price_usd_per_mtok": "5",
      "ft_price_factor": "2"},
     "fine-tuning", 12, 24_000),
    # The hybrid's tuned model reads the retrieved context too: (500 + 1,000)
    # x 1 + 100 x 5 = 2,000 USD per million queries, twice that for the tuned
    # model: 4,000 a month, 48,000 a year.
    ("hybrid-api-reads-the-context",
     {**NO_FT, "queries_per_month": "1000000", "request_tokens": "1000", "ft_prompt_reduction": "0.5",
      "rag_context_tokens": "1000", "output_tokens": "100", "input_price_usd_per_mtok": "1",
      "output_price_usd_per_mtok": "5", "ft_price_factor": "2", "rag_setup_usd": "0",
      "rag_monthly_usd": "0", "corpus_tokens": "0"},
     "hybrid", 12, 48_000),
]

EXTREME_CASES: list[tuple[str, dict[str, str], str, int, tuple[float, float]]] = [
    # Akoode: build 5,000..30,000 plus 12 x 500..3,000 a month for the platform.
    ("rag-first-year-akoode-ranges",
     {"rag_monthly_usd": "500..3000", "corpus_tokens": "0", "queries_per_month": "0"},
     "rag", 12, (11_000, 66_000)),
    # A run of 200..2,000 every 12..6 months over 12 months (none in month
    # 12): cheap end 1 run x 200, dear end 2 runs (months 0, 6) x 2,000.
    ("small-lora-runs-first-year",
     {**NO_RAG, **NO_FT, "horizon_months": "12", "ft_training_usd": "200..2000",
      "ft_retrain_every_months": "6..12"},
     "fine-tuning", 12, (200, 4_000)),
]

#: (id, inputs, approach, USD per 1,000 queries over the horizon).
PER_1000_CASES: list[tuple[str, dict[str, str], str, float]] = [
    # 18,000 USD over 12 months of 1,000,000 queries: 18,000 / 12,000,000 x 1,000 = 1.5.
    ("rag-tokens-per-1000", {**COST_CASES[11][1], "horizon_months": "12"}, "rag", 1.5),
]

#: (id, inputs, fine-tuning's first 12 months over one training run).
MULTIPLE_CASES: list[tuple[str, dict[str, str], float]] = [
    # Data 6,000 (from its parts), runs at months 0 and 6 in the first year:
    # 6,000 x (1 + 0.5) + 2 x 1,000 + 12 x 100 = 12,200, over 1,000 = 12.2.
    ("first-year-multiple",
     {"ft_examples": "1000", "ft_eval_examples": "200", "ft_minutes_per_example": "6",
      "ft_labour_usd_per_hour": "50", "ft_data_refresh_share": "0.5", "ft_training_usd": "1000",
      "ft_retrain_every_months": "6", "ft_upkeep_usd_per_month": "100"},
     12.2),
]
