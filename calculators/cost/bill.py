"""The bill: one function per line, for many draws at once.

Every line of every approach's bill is piecewise linear in the month ``m``
(0 is the upfront spend, then one step per month up to the horizon ``H``),
so a line is three coefficients, each in USD:

- ``at_start``: paid at month 0;
- ``per_month``: paid for every month that passes;
- ``per_rerun``: paid for each training run after the first.

Its cumulative cost at month ``m`` is ``at_start + per_month x m + per_rerun
x (runs(m) - 1)``. The first training run is at month 0, then one every
``k`` = ``ft_retrain_every_months``, and a run is billed only if it serves
inside the horizon: none in month ``H`` itself, so ``runs(m) = 1 + min(m, H -
1) // k`` (:func:`runs`).

A line function takes *columns*: input key -> a list of values, one per draw
(a single point is a column of length one), and the choice inputs, and
returns a :class:`Line` of columns. Write ``Q`` = ``queries_per_month``,
``R`` = ``request_tokens``, ``C`` = ``rag_context_tokens``, ``O`` =
``output_tokens``, ``Pi`` and ``Po`` the input and output prices (USD per
million tokens), ``F`` = ``ft_price_factor``, ``r`` = ``ft_prompt_reduction``:

**RAG**: build ``rag_setup_usd`` at start; platform ``rag_monthly_usd`` a
month; embedding ``corpus_tokens x embedding_price_usd_per_mtok / 1e6`` at
start and that times ``corpus_churn_per_month`` a month; tokens ``Q x ((R +
C) x Pi + O x Po) / 1e6`` a month.

**Fine-tuning**: data preparation ``P`` at start and ``P x
ft_data_refresh_share`` per rerun, where ``P`` is ``ft_data_prep_usd`` or,
left blank, ``(ft_examples + ft_eval_examples) x ft_minutes_per_example / 60
x ft_labour_usd_per_hour``; training ``ft_training_usd`` at start and per
rerun; serving, by ``ft_serving``: ``"api"`` ``Q x (R x (1 - r) x Pi + O x Po)
/ 1e6 x F`` a month, ``"self-hosted"`` ``serving_gpus x gpu_usd_per_hour x
730`` a month, traffic or not; upkeep ``ft_upkeep_usd_per_month`` a month.

**Hybrid**: RAG's build, platform and embedding, fine-tuning's data
preparation, training and upkeep, and the tuned model serving with the
retrieved context: ``"api"`` ``Q x ((R x (1 - r) + C) x Pi + O x Po) / 1e6 x
F`` a month; ``"self-hosted"`` the same GPUs as fine-tuning, paid once.

Adding a line means a function here, its entry in :data:`APPROACH_LINES`,
its inputs in :mod:`calculators.cost.inputs`, and its tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

__all__ = ["APPROACH_LINES", "COST_APPROACHES", "COST_LINES", "HOURS_PER_MONTH", "Line", "bill", "runs"]

#: Hours in an average month (365 x 24 / 12), for GPUs that are always on.
HOURS_PER_MONTH = 730

Columns = Mapping[str, Sequence[float]]
Options = Mapping[str, str]


class Line(NamedTuple):
    """One line of a bill, per draw: USD at month 0, each month, each rerun.

    Each attribute is a list with one value per draw, or ``None`` for zero.
    """

    at_start: Sequence[float] | None = None
    per_month: Sequence[float] | None = None
    per_rerun: Sequence[float] | None = None


def runs(month: int, horizon: int, every: float) -> int:
    """Training runs billed by ``month``: the first at month 0, then one every
    ``every`` months, none in the horizon month itself."""
    return 1 + int(min(month, horizon - 1) // every)


# The lines. Each takes columns (input key -> values per draw) and options.


def build(v: Columns, o: Options) -> Line:
    """RAG's build, paid up front."""
    return Line(at_start=v["rag_setup_usd"])


def platform(v: Columns, o: Options) -> Line:
    """The vector database and retrieval service, every month."""
    return Line(per_month=v["rag_monthly_usd"])


def embedding(v: Columns, o: Options) -> Line:
    """The whole corpus embedded once, then the share that changes each month."""
    once = [c * p / 1e6 for c, p in zip(v["corpus_tokens"], v["embedding_price_usd_per_mtok"])]
    return Line(at_start=once, per_month=[e * s for e, s in zip(once, v["corpus_churn_per_month"])])


def rag_tokens(v: Columns, o: Options) -> Line:
    """The base model reading prompt and retrieved context, and writing the answer."""
    return Line(per_month=[
        q * ((r + c) * pi + out * po) / 1e6
        for q, r, c, pi, out, po in zip(
            v["queries_per_month"], v["request_tokens"], v["rag_context_tokens"],
            v["input_price_usd_per_mtok"], v["output_tokens"], v["output_price_usd_per_mtok"],
        )
    ])


def data_prep(v: Columns, o: Options) -> Line:
    """Examples and evaluation set before the first run; a share again with each rerun."""
    prep = v["ft_data_prep_usd"]
    return Line(at_start=prep, per_rerun=[p * s for p, s in zip(prep, v["ft_data_refresh_share"])])


def training(v: Columns, o: Options) -> Line:
    """The first training run, and each retraining run."""
    return Line(at_start=v["ft_training_usd"], per_rerun=v["ft_training_usd"])


def ft_serving(v: Columns, o: Options) -> Line:
    """The tuned model answering, with the shorter prompt it needs."""
    return _serving(v, o, with_context=False)


def hybrid_serving(v: Columns, o: Options) -> Line:
    """The tuned model answering with the retrieved context."""
    return _serving(v, o, with_context=True)


def upkeep(v: Columns, o: Options) -> Line:
    """Adapter versions, rollback and revalidation, every month."""
    return Line(per_month=v["ft_upkeep_usd_per_month"])


def _serving(v: Columns, o: Options, with_context: bool) -> Line:
    if o["ft_serving"] == "self-hosted":
        return Line(per_month=[
            g * p * HOURS_PER_MONTH for g, p in zip(v["serving_gpus"], v["gpu_usd_per_hour"])
        ])
    context = v["rag_context_tokens"] if with_context else [0.0] * len(v["request_tokens"])
    return Line(per_month=[
        q * ((r * (1 - cut) + c) * pi + out * po) / 1e6 * f
        for q, r, cut, c, pi, out, po, f in zip(
            v["queries_per_month"], v["request_tokens"], v["ft_prompt_reduction"], context,
            v["input_price_usd_per_mtok"], v["output_tokens"], v["output_price_usd_per_mtok"],
            v["ft_price_factor"],
        )
    ])


LineFunction = Callable[[Columns, Options], Line]

#: Each approach's lines in bill order: (id, label, function). The hybrid
#: shares RAG's and fine-tuning's functions, and so their values.
APPROACH_LINES: dict[str, tuple[tuple[str, str, LineFunction], ...]] = {
    "rag": (
        ("build", "Build", build),
        ("platform", "Platform (vector database, retrieval)", platform),
        ("embedding", "Embedding the corpus", embedding),
        ("tokens", "Model tokens (prompt, context, answer)", rag_tokens),
    ),
    "fine-tuning": (
        ("data-prep", "Data preparation and evaluation", data_prep),
        ("training", "Training runs", training),
        ("serving", "Serving the tuned model", ft_serving),
        ("upkeep", "Upkeep (versions, rollback, revalidation)", upkeep),
    ),
    "hybrid": (
        ("build", "Build", build),
        ("platform", "Platform (vector database, retrieval)", platform),
        ("embedding", "Embedding the corpus", embedding),
        ("data-prep", "Data preparation and evaluation", data_prep),
        ("training", "Training runs", training),
        ("serving", "Serving the tuned model, with context", hybrid_serving),
        ("upkeep", "Upkeep (versions, rollback, revalidation)", upkeep),
    ),
}

#: The approaches the cost model compares.
COST_APPROACHES: tuple[str, ...] = tuple(APPROACH_LINES)

#: Each approach's lines: (id, label), in bill order.
COST_LINES: dict[str, tuple[tuple[str, str], ...]] = {
    name: tuple((lid, label) for lid, label, _ in lines) for name, lines in APPROACH_LINES.items()
}


def bill(v: Columns, o: Options, approaches: Sequence[str] = COST_APPROACHES) -> dict[str, list[Line]]:
    """Each approach's lines for columns ``v``; each line function runs once."""
    done: dict[LineFunction, Line] = {}
    out: dict[str, list[Line]] = {}
    for name in approaches:
        lines = []
        for _, _, function in APPROACH_LINES[name]:
            if function not in done:
                done[function] = function(v, o)
            lines.append(done[function])
        out[name] = lines
    return out
