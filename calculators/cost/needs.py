"""Which approaches meet the needs that decision answers name.

The Decide page's rule (:func:`calculators.recommend`) says which approaches
answer each need the answers name; an approach that leaves one out cannot
do the job, however cheap its bill. The estimate marks it with each need it
misses, in words (:data:`MISSED`), and leaves it out of the headline's
comparison; its bill is still shown.

One need marks no approach here: *high volume on one narrow task* is a claim
that a smaller tuned model costs less at the team's traffic, which is what
the estimate itself tests (:data:`COST_NEEDS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["COST_NEEDS", "MISSED", "WHO", "missed_needs"]

#: Each approach as it opens a sentence about a need it misses.
WHO: dict[str, str] = {
    "prompt-engineering": "a prompt alone",
    "rag": "RAG",
    "fine-tuning": "fine-tuning alone",
    "hybrid": "the hybrid",
}

#: Needs that the estimate answers itself rather than checks: a need id ->
#: why it marks no approach.
COST_NEEDS: dict[str, str] = {
    "high-volume": "whether a smaller tuned model costs less at your traffic is what this "
    "estimate works out",
}

#: (approach, need id) -> what the approach cannot do, after its name. The
#: changes-often words end with the retraining pace the inputs give.
MISSED: dict[tuple[str, str], str] = {
    ("fine-tuning", "own-knowledge"): "does not read your documents when it answers; it holds "
    "what it learned at its last training run",
    ("fine-tuning", "changes-often"): "must be retrained whenever the knowledge changes",
    ("fine-tuning", "citations"): "cannot cite its sources",
    ("fine-tuning", "large-corpus"): "cannot hold thousands of documents in its weights reliably",
    ("prompt-engineering", "own-knowledge"): "looks nothing up in your documents",
    ("prompt-engineering", "changes-often"): "holds no knowledge beyond what is written into the "
    "prompt",
    ("prompt-engineering", "citations"): "cannot cite documents it was never given",
    ("prompt-engineering", "large-corpus"): "cannot fit thousands of documents into one prompt",
    ("rag", "behaviour"): "does not train a consistent tone, voice or format into the model",
    ("rag", "domain-terms"): "does not teach the model your terminology",
    ("rag", "narrow-task"): "does not train the model for one narrow task",
    ("rag", "low-latency"): "adds a retrieval step before every answer",
    ("hybrid", "low-latency"): "adds a retrieval step before every answer",
}

#: A prompt that was tried and fell short misses the needs a prompt might
#: otherwise meet.
_FELL_SHORT = "fell short on this need when you tried it"


def missed_needs(answers: Mapping[str, str], every: tuple[float, float]) -> dict[str, list[dict[str, Any]]]:
    """Each approach's missed needs, from decision answers.

    Args:
        answers: Question key -> answer, as for :func:`calculators.recommend`.
        every: ``ft_retrain_every_months`` as ``(low, high)``, for the words
            of a fine-tuned model that must keep up with changing knowledge.

    Returns:
        Approach -> a list of ``{"need": need id, "message": str}``, one per
        need it leaves out (the ids of :attr:`calculators.Need.id`), empty
        when it meets every need; in the order of the needs.

    Raises:
        InputError: for answers :func:`calculators.recommend` refuses.
    """
    from ..decision import APPROACHES, recommend  # on demand: the estimate without answers never loads it

    rec = recommend(answers)
    out: dict[str, list[dict[str, Any]]] = {a: [] for a in APPROACHES}
    for need in rec.needs:
        if need.id in COST_NEEDS:
            continue
        for approach in APPROACHES:
            if approach not in need.answered_by:
                out[approach].append({"need": need.id, "message": _message(approach, need, every, answers)})
    return out


def _message(approach: str, need: Any, every: tuple[float, float], answers: Mapping[str, str]) -> str:
    words = MISSED.get((approach, need.id))
    if approach == "prompt-engineering" and answers.get("prompting_tried") == "yes" and words is None:
        words = _FELL_SHORT
    if words is None:
        words = f"does not answer the need: {need.label[:1].lower()}{need.label[1:]}"
    if (approach, need.id) == ("fine-tuning", "changes-often"):
        words += f", here every {_months(every)}"
    return f"{WHO[approach]}: {words}"


def _months(every: tuple[float, float]) -> str:
    low, high = (int(x) for x in every)
    if low == high:
        return "month" if low == 1 else f"{low} months"
    return f"{low} to {high} months"
