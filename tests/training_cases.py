"""Expected training-run cases shared by every test level, worked by hand from published figures.

Each case: (id, inputs, expected). ``expected`` holds what the JSON gives:
``training_tokens`` and ``usd`` as (low, high), and for a GPU run also
``gpu_hours`` and ``memory_gb`` as (low, high), ``fits`` and ``gpus_needed``.
The arithmetic is in the comment above each case; the figures come from the
rows of docs/data/sources.csv named there. The same cases run natively,
inside Pyodide and through the Training cost page in Chromium, Firefox and
WebKit.
"""

from __future__ import annotations

TRAINING_CASES: list[tuple[str, dict[str, str], dict[str, object]]] = [
    # A hosted run. Fireworks lists 0.50 USD per million training tokens for
    # models up to 16B (price-fireworks-ft) and bills the dataset's tokens
    # times the epochs: 1,000 examples x 1,000 tokens x 3 epochs = 3,000,000
    # tokens; 3 x 0.50 = 1.50 USD.
    (
        "hosted-lora-fireworks",
        {"examples": "1000", "tokens_per_example": "1000", "epochs": "3", "method": "lora",
         "params_billion": "8", "where": "api", "provider": "fireworks"},
        {"training_tokens": (3_000_000, 3_000_000), "usd": (1.50, 1.50)},
    ),
    # A hosted run priced as a range. Together AI lists 0.48 to 1.35 USD per
    # million tokens for models up to 16B (price-together-ft): 2,000 examples
    # x 500 tokens x 2 epochs = 2,000,000 tokens; 2 x 0.48 = 0.96 and
    # 2 x 1.35 = 2.70 USD.
    (
        "hosted-lora-together",
        {"examples": "2000", "tokens_per_example": "500", "epochs": "2", "where": "api",
         "provider": "together"},
        {"training_tokens": (2_000_000, 2_000_000), "usd": (0.96, 2.70)},
    ),
    # LoRA on one GPU. 1,000 x 1,000 x 3 = 3,000,000 tokens. Compute: 4 to 4.8
    # FLOPs per parameter per token (ref-kaplan's 6, less the weight
    # gradients; ref-lora's measured 25% speed-up: 6 / 1.25 = 4.8) x 8e9 x 3e6
    # = 9.6e16 to 1.152e17 FLOPs. An L4 peaks at 121 teraFLOPS dense BF16
    # (gpu-l4); at 40% utilisation that is 4.84e13 FLOP/s, so 1,983.47 to
    # 2,380.17 s = 0.550964 to 0.661157 GPU-hours. RunPod bills by the
    # second, rounded up, at 0.00019 USD a second (price-runpod-gpu): 1,984 s
    # = 0.37696 USD and 2,381 s = 0.45239 USD. Memory: 8 x (2 bytes for the
    # frozen 16-bit weights, ref-lora, + 0.2% x 16 bytes for the adapter,
    # ref-qlora and ref-zero) = 16.256 GB; activations 8 x 18 MB / 7 = 0.021
    # to 8 x 567 MB / 7 = 0.648 GB (ref-qlora); working memory 0.5 to 2 GB
    # (assumption): 16.777 to 18.904 GB of the L4's 24: it fits on one.
    (
        "lora-one-l4",
        {"examples": "1000", "tokens_per_example": "1000", "epochs": "3", "method": "lora",
         "params_billion": "8", "where": "gpu", "gpu": "l4", "gpus": "1", "mfu": "0.4"},
        {"training_tokens": (3_000_000, 3_000_000), "usd": (0.37696, 0.45239),
         "gpu_hours": (0.550964, 0.661157), "memory_gb": (16.777, 18.904), "fits": True,
         "gpus_needed": 1},
    ),
    # Full fine-tuning that needs several GPUs. 10,000 x 1,000 x 2 = 2e7
    # tokens; 6 (ref-kaplan) x 70e9 x 2e7 = 8.4e18 FLOPs. An H100 SXM peaks
    # at 1,979 / 2 = 989.5 teraFLOPS dense BF16 (gpu-h100); at 40%, 3.958e14
    # FLOP/s: 21,222.84 s = 5.895233 GPU-hours. On 16 GPUs, 1,326.43 s each,
    # billed as 1,327 s x 16 = 21,232 GPU-seconds x 0.00116 USD
    # (price-runpod-gpu) = 24.62912 USD. Memory: 70 x 16 bytes (ref-zero) =
    # 1,120 GB of weights and Adam state, / 16 GPUs = 70 GB each, + 70 x 0.567
    # / 7 = 5.67 GB of activations + 2 GB = 77.67 GB of the H100's 80 (the low
    # end: 70 + 0.18 + 0.5 = 70.68); on 15 GPUs 74.67 + 7.67 = 82.33 GB does
    # not fit, so 16 are needed.
    (
        "full-70b-16-h100",
        {"examples": "10000", "tokens_per_example": "1000", "epochs": "2", "method": "full",
         "params_billion": "70", "where": "gpu", "gpu": "h100-80gb", "gpus": "16", "mfu": "0.4"},
        {"training_tokens": (20_000_000, 20_000_000), "usd": (24.62912, 24.62912),
         "gpu_hours": (5.895233, 5.895233), "memory_gb": (70.68, 77.67), "fits": True,
         "gpus_needed": 16},
    ),
    # The same run on one H100: 1,120 GB + 7.67 GB = 1,127.67 GB does not fit
    # in 80; it still needs 16. One GPU runs all 21,222.84 s, billed as
    # 21,223 s x 0.00116 = 24.61868 USD.
    (
        "full-70b-one-h100",
        {"examples": "10000", "tokens_per_example": "1000", "epochs": "2", "method": "full",
         "params_billion": "70", "where": "gpu", "gpu": "h100-80gb", "gpus": "1", "mfu": "0.4"},
        {"training_tokens": (20_000_000, 20_000_000), "usd": (24.61868, 24.61868),
         "gpu_hours": (5.895233, 5.895233), "memory_gb": (1120.68, 1127.67), "fits": False,
         "gpus_needed": 16},
    ),
]
