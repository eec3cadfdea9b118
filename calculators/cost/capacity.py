"""Can the GPUs carry the traffic? A check that warns, and never changes the bill.

A model on your own GPUs handles so many tokens a second
(``gpu_tokens_per_second``, prompt and answer together, from a published
benchmark). In the busiest hour, ``traffic_peak_ratio`` times the month's
average hour, each approach that answers on its own GPUs needs

    GPUs = ceil(Q x tokens per query x peak / (730 x 3,600) / gpu_tokens_per_second)

where the tokens per query are ``R + O`` for the prompt-only baseline, ``R +
C + O`` for RAG, ``R x (1 - r) + O`` for a tuned model and ``R x (1 - r) + C
+ O`` for the hybrid's (the embedding model's load is left out: a corpus is
embedded once, then only what changes). When a draw needs more than the
``serving_gpus`` it was given, the estimate says so, naming how many; the
bill still counts the GPUs the reader entered.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from .bill import HOURS_PER_MONTH

__all__ = ["capacity_warnings", "gpus_needed"]

#: Seconds in an average month.
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3_600

#: Each approach -> the choice input that puts its answering model on your GPUs.
_ANSWERS_ON = {
    "prompt-engineering": "rag_serving",
    "rag": "rag_serving",
    "fine-tuning": "ft_serving",
    "hybrid": "ft_serving",
}

_NAMES = {"prompt-engineering": "The prompt-only baseline", "rag": "RAG", "fine-tuning": "Fine-tuning",
          "hybrid": "The hybrid"}


def gpus_needed(name: str, v: Mapping[str, Sequence[float]]) -> list[int]:
    """GPUs approach ``name`` needs in the busiest hour, per draw (at least 1)."""
    tuned = name in ("fine-tuning", "hybrid")
    context = name in ("rag", "hybrid")
    n = len(v["queries_per_month"])
    cut = v["ft_prompt_reduction"] if tuned else [0.0] * n
    ctx = v["rag_context_tokens"] if context else [0.0] * n
    return [
        max(1, math.ceil(q * (r * (1 - k) + c + o) * peak / SECONDS_PER_MONTH / tps - 1e-9))
        for q, r, k, c, o, peak, tps in zip(
            v["queries_per_month"], v["request_tokens"], cut, ctx, v["output_tokens"],
            v["traffic_peak_ratio"], v["gpu_tokens_per_second"],
        )
    ]


def capacity_warnings(v: Mapping[str, Sequence[float]], options: Mapping[str, str]) -> list[dict[str, Any]]:
    """One warning per approach whose own GPUs fall short in some draws.

    Args:
        v: Columns of draws, input key -> values.
        options: The choice inputs.

    Returns:
        ``[{"id": "capacity-<approach>", "message": str}]``; the message says
        in how many draws the busiest hour needs more GPUs than entered, the
        median and 90th percentile of the GPUs it needs, and the GPUs
        entered (their median).
    """
    out = []
    n = len(v["queries_per_month"])
    entered = v["serving_gpus"]
    for name, choice in _ANSWERS_ON.items():
        if options[choice] != "self-hosted":
            continue
        needed = gpus_needed(name, v)
        short = sum(need > have for need, have in zip(needed, entered))
        if not short:
            continue
        ordered = sorted(needed)
        p50, p90 = ordered[(n - 1) // 2], ordered[int(0.9 * (n - 1))]
        have = sorted(entered)[(n - 1) // 2]
        message = (
            f"{_NAMES[name]} on your own GPUs: in {short} of {n} draws the busiest hour needs more "
            f"than the {have:,.0f} GPU{'s' if have != 1 else ''} entered, about {p50:,} at the "
            f"median and {p90:,} at the 90th percentile. The bill counts the GPUs entered: "
            f"raise serving_gpus to price what the traffic needs."
        )
        out.append({"id": f"capacity-{name}", "message": message})
    return out
