"""The bill: one function per line, for many draws at once.

Every line of every approach's bill is piecewise linear in the month ``m``
(0 is the upfront spend, then one step per month up to the horizon ``H``),
so a line is three coefficients, each in USD:

- ``at_start``: paid at month 0;
- ``per_month``: paid for every month that passes;
- ``per_rerun``: paid for each training run after the first.

Its cumulative cost at month ``m`` is ``at_start + per_month x m + per_rerun
x (runs(m) - 1)``. The first training run is at month 0, then one every
``k`` months, and a run is billed only if it serves inside the horizon: none
in month ``H`` itself, so ``runs(m) = 1 + min(m, H - 1) // k`` (:func:`runs`).
Fine-tuning alone is retrained every ``ft_retrain_every_months`` (the
knowledge's pace, when it holds the knowledge); the hybrid's tuned model every
``hybrid_retrain_every_months`` (the behaviour's pace: new knowledge is
re-indexed, not trained in) (:data:`RETRAIN_EVERY`).

A line function takes *columns*: input key -> a list of values, one per draw
(a single point is a column of length one), and the choice inputs, and
returns a :class:`Line` of columns (``None`` for a zero part). Write ``Q`` =
``queries_per_month``, ``R`` = ``request_tokens``, ``C`` =
``rag_context_tokens``, ``O`` = ``output_tokens``, ``Pi`` and ``Po`` the base
model's input and output prices, ``Ti`` and ``To`` the tuned model's (USD per
million tokens), ``r`` = ``ft_prompt_reduction``, ``E`` =
``engineer_usd_per_month``, ``G`` = ``serving_gpus``, and two multipliers
for what teams do to cut a hosted model's token bill:

- the cache: of a prompt of ``R`` tokens, the share ``s`` =
  ``prompt_cached_share`` (its fixed opening: instructions, examples) is
  billed at ``f`` = ``cached_input_price_factor`` times the input price. A
  tuned model drops the share ``r`` of the prompt, the same fixed opening, so
  it reads ``R x (1 - max(s, r))`` fresh tokens and ``R x max(0, s - r)``
  cached ones; write ``R'`` for ``R x (1 - max(s, r) + max(0, s - r) x f)``,
  the prompt's price in fresh tokens (``r`` = 0 for the base model). The
  retrieved passages change with every query and are not cached.
- the batch: ``b = 1 - batch_share x (1 - batch_price_factor)`` on every token.

A GPU hour ``h`` is ``gpu_usd_per_hour`` when rented; when owned it is
``(gpu_purchase_usd / gpu_life_months + gpu_running_usd_per_month) / 730``.

**People** (each approach): building it, ``E x`` its engineer-months at the
start; running it, ``E x`` its share of an engineer every month (the prompt
baseline's ``prompt_*``, RAG's ``rag_*``, fine-tuning's ``ft_*``; the hybrid
pays RAG's and fine-tuning's both). Fine-tuning's data preparation is people
too: ``P`` at start and ``P x ft_data_refresh_share`` per rerun, ``P`` being
``ft_data_prep_usd`` or, left blank, ``(ft_examples + ft_eval_examples) x
ft_minutes_per_example / 60 x ft_labour_usd_per_hour``. RAG's build at
Akoode's price includes its work.

**Prompt-only baseline**: tokens ``Q x (R' x Pi + O x Po) x b / 1e6`` a
month through an API, or GPUs when ``rag_serving`` is ``self-hosted``.

**RAG**: build ``rag_setup_usd`` at start; platform ``rag_monthly_usd`` (a
managed vector database) or ``self_run_store_usd_per_month`` (``vector_store``
``self-run``) a month; embedding ``corpus_tokens x embedding_price_usd_per_mtok
/ 1e6`` at start and that times ``corpus_churn_per_month`` a month, through an
API (none when ``embedding_serving`` is ``self-hosted``: it runs on the
GPUs); tokens ``Q x ((R' + C) x Pi + O x Po) x b / 1e6`` a month through an
API (none when ``rag_serving`` is ``self-hosted``).

**Fine-tuning**: data preparation; training ``ft_training_usd`` at start and
per rerun; serving through an API ``Q x (R' x Ti + O x To) x b / 1e6`` a
month plus ``ft_hosting_usd_per_hour x 730``, or GPUs when ``ft_serving`` is
``self-hosted``.

**Hybrid**: RAG's build, platform and embedding, fine-tuning's data
preparation and training (at its own cadence), and the tuned model serving
with the retrieved context: ``Q x ((R' + C) x Ti + O x To) x b / 1e6`` plus
the hosting fee through an API, or GPUs as ``ft_serving`` says.

**GPUs**: ``G x h x 730`` every month, traffic or not, for an approach any
of whose models runs on them: the baseline and RAG when ``rag_serving`` is
``self-hosted``, RAG and the hybrid when ``embedding_serving`` is, fine-tuning
and the hybrid when ``ft_serving`` is. Each approach pays its GPUs once,
whatever runs on them: the hybrid's tuned model and its embedding model share
them.

Adding a line means a function here, its entry in :data:`APPROACH_LINES`,
its inputs in :mod:`calculators.cost.defaults`, and its tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

__all__ = [
    "APPROACH_LINES",
    "COST_APPROACHES",
    "COST_LINES",
    "HOURS_PER_MONTH",
    "LINE_KINDS",
    "RETRAIN_EVERY",
    "Line",
    "bill",
    "gpu_hour_usd",
    "runs",
]

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


def gpu_hour_usd(v: Columns, o: Options) -> list[float]:
    """USD per GPU-hour, per draw: the rental price, or an owned GPU's purchase
    spread over its life plus its power and hosting, over 730 hours."""
    if o["gpu_ownership"] == "owned":
        return [
            (price / life + running) / HOURS_PER_MONTH
            for price, life, running in zip(
                v["gpu_purchase_usd"], v["gpu_life_months"], v["gpu_running_usd_per_month"]
            )
        ]
    return list(v["gpu_usd_per_hour"])


# The lines. Each takes columns (input key -> values per draw) and options.


def _people(v: Columns, build: Sequence[str], ops: Sequence[str]) -> tuple[Line, Line]:
    engineer = v["engineer_usd_per_month"]
    months = [sum(parts) for parts in zip(*(v[k] for k in build))]
    shares = [sum(parts) for parts in zip(*(v[k] for k in ops))]
    return (Line(at_start=[m * e for m, e in zip(months, engineer)]),
            Line(per_month=[s * e for s, e in zip(shares, engineer)]))


def prompt_building(v: Columns, o: Options) -> Line:
    """Engineers writing the prompt and a way to measure it."""
    return _people(v, ("prompt_build_engineer_months",), ())[0]


def prompt_running(v: Columns, o: Options) -> Line:
    """A share of an engineer watching and adjusting the prompt."""
    return _people(v, (), ("prompt_ops_engineer_share",))[1]


def rag_building(v: Columns, o: Options) -> Line:
    """Engineers preparing the documents and checking retrieval."""
    return _people(v, ("rag_build_engineer_months",), ())[0]


def rag_running(v: Columns, o: Options) -> Line:
    """A share of an engineer running the retrieval pipeline."""
    return _people(v, (), ("rag_ops_engineer_share",))[1]


def ft_building(v: Columns, o: Options) -> Line:
    """Engineers building the training pipeline, evaluation and serving."""
    return _people(v, ("ft_build_engineer_months",), ())[0]


def ft_running(v: Columns, o: Options) -> Line:
    """A share of an engineer on versions, rollback, retraining and revalidation."""
    return _people(v, (), ("ft_ops_engineer_share",))[1]


def hybrid_building(v: Columns, o: Options) -> Line:
    """Both builds: the retrieval pipeline and the training pipeline."""
    return _people(v, ("rag_build_engineer_months", "ft_build_engineer_months"), ())[0]


def hybrid_running(v: Columns, o: Options) -> Line:
    """Both running shares."""
    return _people(v, (), ("rag_ops_engineer_share", "ft_ops_engineer_share"))[1]


def build(v: Columns, o: Options) -> Line:
    """RAG's build at Akoode's price, paid up front."""
    return Line(at_start=v["rag_setup_usd"])


def platform(v: Columns, o: Options) -> Line:
    """The vector store: a managed database, or the server of a self-run one, every month."""
    key = "self_run_store_usd_per_month" if o["vector_store"] == "self-run" else "rag_monthly_usd"
    return Line(per_month=v[key])


def embedding(v: Columns, o: Options) -> Line:
    """The whole corpus embedded once, then the share that changes each month,
    through an API; nothing when the embedding model runs on the GPUs."""
    if o["embedding_serving"] == "self-hosted":
        return Line()
    once = [c * p / 1e6 for c, p in zip(v["corpus_tokens"], v["embedding_price_usd_per_mtok"])]
    return Line(at_start=once, per_month=[e * s for e, s in zip(once, v["corpus_churn_per_month"])])


def prompt_tokens(v: Columns, o: Options) -> Line:
    """The general model reading the prompt and writing the answer, through an API."""
    return _tokens(v, o["rag_serving"], context=False, tuned=False)


def rag_tokens(v: Columns, o: Options) -> Line:
    """The general model reading prompt and retrieved context, writing the answer."""
    return _tokens(v, o["rag_serving"], context=True, tuned=False)


def data_prep(v: Columns, o: Options) -> Line:
    """Examples and evaluation set before the first run; a share again with each rerun."""
    prep = v["ft_data_prep_usd"]
    return Line(at_start=prep, per_rerun=[p * s for p, s in zip(prep, v["ft_data_refresh_share"])])


def training(v: Columns, o: Options) -> Line:
    """The first training run, and each retraining run."""
    return Line(at_start=v["ft_training_usd"], per_rerun=v["ft_training_usd"])


def ft_serving(v: Columns, o: Options) -> Line:
    """The tuned model answering through an API, with the shorter prompt it needs."""
    return _tokens(v, o["ft_serving"], context=False, tuned=True)


def hybrid_serving(v: Columns, o: Options) -> Line:
    """The tuned model answering through an API with the retrieved context."""
    return _tokens(v, o["ft_serving"], context=True, tuned=True)


def hosting(v: Columns, o: Options) -> Line:
    """A provider's hourly fee for keeping a tuned model deployed, used or not."""
    if o["ft_serving"] != "api":
        return Line()
    return Line(per_month=[f * HOURS_PER_MONTH for f in v["ft_hosting_usd_per_hour"]])


def prompt_gpus(v: Columns, o: Options) -> Line:
    """GPUs for the general model, when it runs on your own."""
    return _gpus(v, o, o["rag_serving"] == "self-hosted")


def rag_gpus(v: Columns, o: Options) -> Line:
    """GPUs for the general model or the embedding model, paid once."""
    return _gpus(v, o, "self-hosted" in (o["rag_serving"], o["embedding_serving"]))


def ft_gpus(v: Columns, o: Options) -> Line:
    """GPUs for the tuned model, when it runs on your own."""
    return _gpus(v, o, o["ft_serving"] == "self-hosted")


def hybrid_gpus(v: Columns, o: Options) -> Line:
    """GPUs for the tuned model or the embedding model, paid once."""
    return _gpus(v, o, "self-hosted" in (o["ft_serving"], o["embedding_serving"]))


def _gpus(v: Columns, o: Options, used: bool) -> Line:
    if not used:
        return Line()
    return Line(per_month=[
        g * h * HOURS_PER_MONTH for g, h in zip(v["serving_gpus"], gpu_hour_usd(v, o))
    ])


def _tokens(v: Columns, serving: str, context: bool, tuned: bool) -> Line:
    """Model tokens through an API per month (none on your own GPUs): the prompt
    (shortened for a tuned model, partly cached), the context, the answer, batched."""
    if serving != "api":
        return Line()
    n = len(v["queries_per_month"])
    ctx = v["rag_context_tokens"] if context else [0.0] * n
    if tuned:
        prompt = [  # R': fresh tokens, and cached ones at their price; the cut part is gone
            r * (1 - max(s, k) + max(0.0, s - k) * f)
            for r, k, s, f in zip(v["request_tokens"], v["ft_prompt_reduction"], v["prompt_cached_share"],
                                  v["cached_input_price_factor"])
        ]
        pi, po = v["ft_input_price_usd_per_mtok"], v["ft_output_price_usd_per_mtok"]
    else:
        prompt = [
            r * (1 - s + s * f)
            for r, s, f in zip(v["request_tokens"], v["prompt_cached_share"], v["cached_input_price_factor"])
        ]
        pi, po = v["input_price_usd_per_mtok"], v["output_price_usd_per_mtok"]
    return Line(per_month=[
        q * ((r + c) * i + out * p) * (1 - bs * (1 - bf)) / 1e6
        for q, r, c, i, out, p, bs, bf in zip(
            v["queries_per_month"], prompt, ctx, pi, v["output_tokens"], po, v["batch_share"],
            v["batch_price_factor"],
        )
    ])


LineFunction = Callable[[Columns, Options], Line]

#: Each approach's lines in bill order: (id, label, function). The hybrid
#: shares RAG's and fine-tuning's functions, and so their values.
APPROACH_LINES: dict[str, tuple[tuple[str, str, LineFunction], ...]] = {
    "prompt-engineering": (
        ("engineers-build", "Engineers: building it", prompt_building),
        ("engineers-run", "Engineers: running it", prompt_running),
        ("tokens", "Model tokens (prompt, answer)", prompt_tokens),
        ("gpus", "GPUs (self-hosted model)", prompt_gpus),
    ),
    "rag": (
        ("engineers-build", "Engineers: building it", rag_building),
        ("engineers-run", "Engineers: running it", rag_running),
        ("build", "Build, at Akoode's price (work included)", build),
        ("platform", "Vector store", platform),
        ("embedding", "Embedding the corpus (api)", embedding),
        ("tokens", "Model tokens (prompt, context, answer)", rag_tokens),
        ("gpus", "GPUs (self-hosted models)", rag_gpus),
    ),
    "fine-tuning": (
        ("engineers-build", "Engineers: building it", ft_building),
        ("engineers-run", "Engineers: running it", ft_running),
        ("data-prep", "Data preparation and evaluation", data_prep),
        ("training", "Training runs", training),
        ("serving", "Tuned model tokens (api)", ft_serving),
        ("hosting", "Hosting fee for the tuned model (api)", hosting),
        ("gpus", "GPUs (self-hosted model)", ft_gpus),
    ),
    "hybrid": (
        ("engineers-build", "Engineers: building it", hybrid_building),
        ("engineers-run", "Engineers: running it", hybrid_running),
        ("build", "Build, at Akoode's price (work included)", build),
        ("data-prep", "Data preparation and evaluation", data_prep),
        ("platform", "Vector store", platform),
        ("embedding", "Embedding the corpus (api)", embedding),
        ("training", "Training runs", training),
        ("serving", "Tuned model tokens, with context (api)", hybrid_serving),
        ("hosting", "Hosting fee for the tuned model (api)", hosting),
        ("gpus", "GPUs (self-hosted models)", hybrid_gpus),
    ),
}

#: The approaches the cost model compares; the prompt-only baseline first.
COST_APPROACHES: tuple[str, ...] = tuple(APPROACH_LINES)

#: Each approach's lines: (id, label), in bill order.
COST_LINES: dict[str, tuple[tuple[str, str], ...]] = {
    name: tuple((lid, label) for lid, label, _ in lines) for name, lines in APPROACH_LINES.items()
}

#: Each line id -> ``"people"`` (people's time, bought or your own) or
#: ``"machines"`` (services, tokens, compute and hardware).
LINE_KINDS: dict[str, str] = {
    "engineers-build": "people", "engineers-run": "people", "build": "people", "data-prep": "people",
    "platform": "machines", "embedding": "machines", "tokens": "machines", "training": "machines",
    "serving": "machines", "hosting": "machines", "gpus": "machines",
}

#: The approaches that train, -> the input that sets how often they retrain.
RETRAIN_EVERY: dict[str, str] = {
    "fine-tuning": "ft_retrain_every_months",
    "hybrid": "hybrid_retrain_every_months",
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
