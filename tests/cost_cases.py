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

#: Inputs that switch off every engineer's line: people's time costs nothing.
NO_PEOPLE = {"engineer_usd_per_month": "0"}
#: Inputs that switch off every RAG line but the ones a case looks at.
NO_RAG = {"rag_setup_usd": "0", "rag_monthly_usd": "0", "corpus_tokens": "0", "queries_per_month": "0", **NO_PEOPLE}
#: Inputs that switch off every fine-tuning line.
NO_FT = {"ft_data_prep_usd": "0", "ft_training_usd": "0", **NO_PEOPLE}

#: The Costs page's worked case (docs/.hooks/calculator_widgets.py WORKED_CASE).
WORKED = {
    "queries_per_month": "50000", "request_tokens": "1000", "rag_context_tokens": "2000",
    "output_tokens": "400", "input_price_usd_per_mtok": "0.9", "output_price_usd_per_mtok": "0.9",
    "rag_setup_usd": "15000", "rag_monthly_usd": "200", "corpus_tokens": "5000000",
    "embedding_price_usd_per_mtok": "0.02", "corpus_churn_per_month": "0.1",
    "ft_examples": "1000", "ft_eval_examples": "200", "ft_minutes_per_example": "5",
    "ft_labour_usd_per_hour": "60", "ft_data_refresh_share": "0.3", "ft_training_usd": "600",
    "ft_retrain_every_months": "2", "hybrid_retrain_every_months": "6", "ft_prompt_reduction": "0.4",
    "ft_price_factor": "1", "engineer_usd_per_month": "15000",
    "prompt_build_engineer_months": "0.5", "prompt_ops_engineer_share": "0.05",
    "rag_build_engineer_months": "2", "rag_ops_engineer_share": "0.1",
    "ft_build_engineer_months": "2", "ft_ops_engineer_share": "0.1",
}

#: A tuned small model replacing a large one's long prompt (the review classifier's shape).
SMALL_TUNED = {
    **NO_FT, "queries_per_month": "8000000", "request_tokens": "2000", "ft_prompt_reduction": "0.9",
    "output_tokens": "10", "ft_input_price_usd_per_mtok": "0.2", "ft_output_price_usd_per_mtok": "0.2",
}

COST_CASES: list[tuple[str, dict[str, str], str, int, float]] = [
    # The worked case, 36 months. People: an engineer costs 15,000 a month.
    # Prompt only: building 0.5 x 15,000 = 7,500; running 36 x 0.05 x 15,000 =
    # 27,000; tokens 36 x 50,000 x (1,000 x 0.9 + 400 x 0.9) / 1e6 = 36 x 63 =
    # 2,268. 36,768.
    ("worked-prompt-36", WORKED, "prompt-engineering", 36, 36_768),
    # RAG: engineers 2 x 15,000 = 30,000 and 36 x 0.1 x 15,000 = 54,000; build
    # 15,000; platform 36 x 200 = 7,200; embedding 5,000,000 x 0.02 / 1e6 =
    # 0.10 once, plus 36 x 0.1 x 0.10 = 0.36; tokens 36 x 50,000 x (3,000 x 0.9
    # + 400 x 0.9) / 1e6 = 36 x 153 = 5,508. 84,000 + 27,708.46 = 111,708.46.
    ("worked-rag-36", WORKED, "rag", 36, 111_708.46),
    # Fine-tuning: engineers 84,000 as for RAG; data (1,000 + 200) x 5 / 60 x
    # 60 = 6,000; a run every 2 months from month 0, none in month 36: months
    # 0..34, 18 runs, so 17 reruns each redoing 0.3 x 6,000 = 1,800: 6,000 +
    # 30,600 = 36,600; training 18 x 600 = 10,800; serving 36 x 50,000 x (600 x
    # 0.9 + 400 x 0.9) / 1e6 = 36 x 45 = 1,620. 84,000 + 49,020 = 133,020.
    ("worked-ft-36", WORKED, "fine-tuning", 36, 133_020),
    # Hybrid: both builds (2 + 2) x 15,000 = 60,000 and both running shares 36 x
    # 0.2 x 15,000 = 108,000; RAG's build, platform, embedding (22,200.46); its
    # tuned model retrained every 6 months (months 0..30: 6 runs): data 6,000 +
    # 5 x 1,800 = 15,000, training 6 x 600 = 3,600; serving with the context 36
    # x 50,000 x ((600 + 2,000) x 0.9 + 400 x 0.9) / 1e6 = 36 x 135 = 4,860.
    # 168,000 + 22,200.46 + 15,000 + 3,600 + 4,860 = 213,660.46.
    ("worked-hybrid-36", WORKED, "hybrid", 36, 213_660.46),
    # 12 months of the same. Prompt only: 7,500 + 12 x 750 + 12 x 63 = 17,256.
    ("worked-prompt-12", WORKED, "prompt-engineering", 12, 17_256),
    # RAG: 30,000 + 12 x 1,500 + 15,000 + 2,400 + 0.10 + 0.12 + 12 x 153 = 67,236.22.
    ("worked-rag-12", WORKED, "rag", 12, 67_236.22),
    # Fine-tuning at month 12 of 36: runs in months 0, 2, ..., 12: 7 runs. Data
    # 6,000 + 6 x 1,800 = 16,800; training 4,200; serving 540; engineers 30,000
    # + 12 x 1,500 = 48,000. 69,540.
    ("worked-ft-12", WORKED, "fine-tuning", 12, 69_540),
    # Hybrid: runs in months 0, 6 and 12: data 6,000 + 2 x 1,800 = 9,600;
    # training 1,800; engineers 60,000 + 12 x 3,000 = 96,000; RAG's 17,400.22;
    # serving 12 x 135 = 1,620. 126,420.22.
    ("worked-hybrid-12", WORKED, "hybrid", 12, 126_420.22),
    # Akoode's RAG year, one number each: 5,000 + 12 x 500 = 11,000 (no corpus, no traffic, no engineers).
    ("rag-first-year-from-akoode",
     {**NO_PEOPLE, "rag_setup_usd": "5000", "rag_monthly_usd": "500", "corpus_tokens": "0", "queries_per_month": "0"},
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
    # Knowledge that changes monthly retrains fine-tuning alone every month (36
    # runs of 1,000 over 36 months); the hybrid re-indexes it and retrains its
    # tuned model every 12 months: months 0, 12, 24 = 3 runs.
    ("fine-tuning-alone-keeps-up-with-the-knowledge",
     {**NO_RAG, **NO_FT, "ft_training_usd": "1000", "ft_retrain_every_months": "1",
      "hybrid_retrain_every_months": "12"},
     "fine-tuning", 36, 36_000),
    ("the-hybrid-retrains-at-the-behaviours-pace",
     {**NO_RAG, **NO_FT, "ft_training_usd": "1000", "ft_retrain_every_months": "1",
      "hybrid_retrain_every_months": "12"},
     "hybrid", 36, 3_000),
    # 1,000,000 queries a month, each 1,000 input tokens at 1 USD per million
    # and 100 output tokens at 5 USD per million: 1,000 + 500 = 1,500 USD a
    # month, 18,000 over 12 months.
    ("rag-tokens-with-output",
     {**NO_PEOPLE, "queries_per_month": "1000000", "request_tokens": "1000", "rag_context_tokens": "0",
      "output_tokens": "100", "input_price_usd_per_mtok": "1", "output_price_usd_per_mtok": "5",
      "rag_setup_usd": "0", "rag_monthly_usd": "0", "corpus_tokens": "0"},
     "rag", 12, 18_000),
    # A prompt cache and a batch API on the same traffic, prompt only: 80% of
    # the 1,000-token prompt cached at a tenth of the price leaves 200 + 800 x
    # 0.1 = 280 tokens at full price, 280 x 1 + 100 x 5 = 780 USD per million
    # queries; half the requests batched at half price: 780 x (1 - 0.5 x 0.5)
    # = 585 a month, 7,020 over 12 months.
    ("cache-and-batch-cut-the-tokens",
     {**NO_PEOPLE, "queries_per_month": "1000000", "request_tokens": "1000", "output_tokens": "100",
      "input_price_usd_per_mtok": "1", "output_price_usd_per_mtok": "5", "prompt_cached_share": "0.8",
      "cached_input_price_factor": "0.1", "batch_share": "0.5", "batch_price_factor": "0.5"},
     "prompt-engineering", 12, 7_020),
    # 10M tokens at 0.10 USD per million = 1 USD to embed once; half of it
    # again each month = 0.50; after 12 months 1 + 6 = 7 USD.
    ("rag-embedding-and-churn",
     {**NO_PEOPLE, "queries_per_month": "0", "rag_setup_usd": "0", "rag_monthly_usd": "0",
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
    # RAG on your own GPUs pays them with no traffic too, and no token price: the same 17,520 USD.
    ("self-hosted-rag-idle",
     {**NO_RAG, "rag_serving": "self-hosted", "serving_gpus": "2", "gpu_usd_per_hour": "1"},
     "rag", 12, 17_520),
    # An owned GPU: 7,300 USD over 50 months is 146 a month, plus 54 for power
    # and hosting: 200 a month (200 / 730 USD an hour), 2,400 over 12 months.
    ("owned-gpu-from-its-purchase",
     {**NO_RAG, "rag_serving": "self-hosted", "gpu_ownership": "owned", "gpu_purchase_usd": "7300",
      "gpu_life_months": "50", "gpu_running_usd_per_month": "54"},
     "rag", 12, 2_400),
    # The hybrid's tuned model and its embedding model share 3 GPUs at 2 USD an
    # hour: 3 x 2 x 730 x 12 = 52,560, paid once, not once per model.
    ("hybrid-pays-its-gpus-once",
     {**NO_RAG, **NO_FT, "ft_serving": "self-hosted", "embedding_serving": "self-hosted",
      "serving_gpus": "3", "gpu_usd_per_hour": "2"},
     "hybrid", 12, 52_560),
    # RAG with a self-hosted embedding model and a hosted general model pays the GPUs once too.
    ("rag-pays-its-gpus-once",
     {**NO_RAG, "ft_serving": "self-hosted", "embedding_serving": "self-hosted",
      "serving_gpus": "3", "gpu_usd_per_hour": "2"},
     "rag", 12, 52_560),
    # Azure's fee for a deployed tuned model, billed hour by hour with no
    # traffic: 1.70 x 730 x 12 = 14,892 USD.
    ("hosting-fee-by-the-hour",
     {**NO_RAG, **NO_FT, "ft_hosting_usd_per_hour": "1.7"},
     "fine-tuning", 12, 14_892),
    # A tuned model on an API: half the 1,000-token prompt left (500 x 1 USD
    # per million) plus 100 output tokens x 5 USD per million = 1,000 USD per
    # million queries, at twice the base price: 2,000 a month, 24,000 a year.
    ("tuned-api-shorter-prompt",
     {**NO_FT, "queries_per_month": "1000000", "request_tokens": "1000", "ft_prompt_reduction": "0.5",
      "output_tokens": "100", "input_price_usd_per_mtok": "1", "output_price_usd_per_mtok": "5",
      "ft_price_factor": "2"},
     "fine-tuning", 12, 24_000),
    # A small tuned model at its own price: 8,000,000 queries of 2,000 - 90% =
    # 200 prompt tokens and 10 answer tokens, each at 0.2 USD per million: 8 x
    # 42 = 336 USD a month, 4,032 over 12 months.
    ("small-tuned-model-at-its-own-price", SMALL_TUNED, "fine-tuning", 12, 4_032),
    # The same with 95% of the prompt cached: the tuned model dropped the first
    # 90% of it, so only 5% is left to cache: 100 fresh tokens and 100 cached at
    # a tenth (10): 110 x 0.2 + 10 x 0.2 = 24 USD per million queries, 192 a
    # month, 2,304 over 12 months.
    ("a-cache-serves-only-what-the-tuned-model-still-reads",
     {**SMALL_TUNED, "prompt_cached_share": "0.95", "cached_input_price_factor": "0.1"},
     "fine-tuning", 12, 2_304),
    # The hybrid's tuned model reads the retrieved context too: (500 + 1,000)
    # x 1 + 100 x 5 = 2,000 USD per million queries, twice that for the tuned
    # model: 4,000 a month, 48,000 a year.
    ("hybrid-api-reads-the-context",
     {**NO_FT, "queries_per_month": "1000000", "request_tokens": "1000", "ft_prompt_reduction": "0.5",
      "rag_context_tokens": "1000", "output_tokens": "100", "input_price_usd_per_mtok": "1",
      "output_price_usd_per_mtok": "5", "ft_price_factor": "2", "rag_setup_usd": "0",
      "rag_monthly_usd": "0", "corpus_tokens": "0"},
     "hybrid", 12, 48_000),
    # People's time alone: an engineer at 10,000 a month, a month to build the
    # prompt and a tenth of an engineer to run it: 10,000 + 12 x 1,000 = 22,000.
    ("people-alone",
     {**NO_RAG, "engineer_usd_per_month": "10000", "prompt_build_engineer_months": "1",
      "prompt_ops_engineer_share": "0.1"},
     "prompt-engineering", 12, 22_000),
]

EXTREME_CASES: list[tuple[str, dict[str, str], str, int, tuple[float, float]]] = [
    # Akoode: build 5,000..30,000 plus 12 x 500..3,000 a month for the platform.
    ("rag-first-year-akoode-ranges",
     {**NO_PEOPLE, "rag_monthly_usd": "500..3000", "corpus_tokens": "0", "queries_per_month": "0"},
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
    ("rag-tokens-per-1000", {**next(c[1] for c in COST_CASES if c[0] == "rag-tokens-with-output"), "horizon_months": "12"}, "rag", 1.5),
]

#: (id, inputs, fine-tuning's first 12 months over one training run).
MULTIPLE_CASES: list[tuple[str, dict[str, str], float]] = [
    # Data 6,000 (from its parts), runs at months 0 and 6 in the first year, a
    # hundredth of an engineer at 10,000 a month running it:
    # 6,000 x (1 + 0.5) + 2 x 1,000 + 12 x 100 = 12,200, over 1,000 = 12.2.
    ("first-year-multiple",
     {"ft_examples": "1000", "ft_eval_examples": "200", "ft_minutes_per_example": "6",
      "ft_labour_usd_per_hour": "50", "ft_data_refresh_share": "0.5", "ft_training_usd": "1000",
      "ft_retrain_every_months": "6", "engineer_usd_per_month": "10000", "ft_ops_engineer_share": "0.01",
      "ft_build_engineer_months": "0"},
     12.2),
    # The same with half an engineer-month to build it: 12,200 + 5,000 = 17,200, 17.2 runs.
    ("first-year-multiple-with-the-build",
     {"ft_examples": "1000", "ft_eval_examples": "200", "ft_minutes_per_example": "6",
      "ft_labour_usd_per_hour": "50", "ft_data_refresh_share": "0.5", "ft_training_usd": "1000",
      "ft_retrain_every_months": "6", "engineer_usd_per_month": "10000", "ft_ops_engineer_share": "0.01",
      "ft_build_engineer_months": "0.5"},
     17.2),
]

#: The three readers' presets (calculators.PRESETS, with their Decide answers):
#: (preset, approaches compared, {approach left out: the needs it misses},
#: the approach cheapest at the horizon, clearly, and how the headline opens).
PRESET_CASES: list[tuple[str, tuple[str, ...], dict[str, list[str]], str, str]] = [
    # The insurer's needs are all knowledge needs: RAG and the hybrid answer them.
    # The hybrid pays every RAG line but tokens, and its tuned model can save at
    # most the cut part of the prompt: 800 x 0.5 tokens x 0.9 USD per million x
    # 40,000 queries x 36 months = 518 USD, against at least one engineer-month
    # (15,800 USD) to build the training pipeline: RAG is cheaper in every draw.
    ("insurer-policies", ("rag", "hybrid"),
     {"prompt-engineering": ["own-knowledge", "changes-often", "citations", "large-corpus"],
      "fine-tuning": ["own-knowledge", "changes-often", "citations", "large-corpus"]},
     "rag", "RAG is cheaper than the hybrid in 500 of 500 draws at 36 months, and in 500 of 500 at 12 months."),
    # The classifier's one narrow task is met by a prompt (tried, and too costly,
    # not short of the mark), a tuned model and the hybrid, not by RAG alone;
    # high volume marks no approach. Over 36 months the prompt's tokens alone come
    # to 8,000,000 x (2,000 x 0.145 x 2 + 5 x 10) / 1e6 x 0.5 x 36 = 90,720 USD or
    # more, its running share 28,000 or more; the tuned model's engineers,
    # data and runs stay below that in most draws.
    ("review-classifier", ("prompt-engineering", "fine-tuning", "hybrid"),
     {"rag": ["narrow-task"]},
     "fine-tuning", "Fine-tuning is the cheapest in "),
    # The hospital's needs are knowledge needs again; both RAG and the hybrid run
    # on the same two owned GPUs, and the hybrid adds the tuned model's people,
    # data and runs: RAG is cheaper in every draw.
    ("hospital-own-network", ("rag", "hybrid"),
     {"prompt-engineering": ["own-knowledge", "citations", "large-corpus"],
      "fine-tuning": ["own-knowledge", "citations", "large-corpus"]},
     "rag", "RAG is cheaper than the hybrid in 500 of 500 draws at 36 months, and in 500 of 500 at 12 months."),
]
