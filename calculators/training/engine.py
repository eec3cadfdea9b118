"""What one fine-tuning run costs, from the examples up, and whether it fits the GPU.

Every numeric input is a range ``(low, high)``. Cost rises with every input
except the utilisation (``mfu``), so the low end of each result comes from
the cheap end of every input and the high end from the dear end.

Formulas. Write ``E`` = ``examples``, ``L`` = ``tokens_per_example``,
``P`` = ``epochs``, ``N`` = ``params_billion`` x 10^9, ``G`` = ``gpus``.

- training tokens ``D = E x L x P``;
- on an API: ``USD = D / 10^6 x price per million``; providers bill each
  token, so nothing is rounded;
- on GPUs: compute ``C = k x N x D`` FLOPs, with ``k`` = 6 for full
  fine-tuning (Kaplan et al. 2020: about 2 FLOPs per parameter per token
  forward, twice that backward), 4 to 4.8 for LoRA (Hu et al. 2021 measured
  a 25% speed-up) and 4 to 6 for QLoRA (Dettmers et al. 2023);
  ``GPU-hours = C / (peak x mfu) / 3600``, with the GPU's dense BF16 peak;
  ``USD = G x ceil(seconds per GPU / billing unit) x billing unit x price
  per second``, each GPU's time rounded up to the seller's billing unit;
- memory on each GPU, GB: ``params_billion x bytes per parameter / G +
  activations + working memory``; bytes per parameter are 16 for full
  fine-tuning (weights, gradients and Adam's state; Rajbhandari et al.
  2019), 2 for LoRA's frozen 16-bit weights and 0.516 to 0.721 for QLoRA's
  4-bit ones (Dettmers et al.), plus 0.2% of the parameters as an adapter
  at 16 bytes each. Activations are an allowance scaled from Dettmers et
  al.'s 7B measurement; working memory is an assumption. The model states
  are taken as sharded evenly across the GPUs, as ZeRO and FSDP do.

Every figure comes from :mod:`calculators.training.tables` with its source.

>>> run = estimate_training({"examples": "1000", "tokens_per_example": "1000",
...                          "epochs": "3", "where": "api", "provider": "fireworks"})
>>> run.usd
(1.5, 1.5)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .inputs import TRAINING_INPUTS, read_inputs
from .tables import (
    MAX_GPUS,
    METHODS,
    TRAINING_FACTORS,
    TRAINING_GPU_PRICES,
    TRAINING_GPUS,
    TRAINING_PROVIDER_PRICES,
    TRAINING_PROVIDERS,
    Gpu,
)

__all__ = ["ApiRun", "GpuRun", "TrainingEstimate", "estimate_training", "memory_per_gpu"]

Pair = tuple[float, float]
_SPEC = {i.key: i for i in TRAINING_INPUTS}


@dataclass(frozen=True)
class ApiRun:
    """The run on a fine-tuning API.

    Attributes:
        provider: A provider key, or ``"other"``.
        name: The provider's name for a reader.
        price: ``(low, high)`` USD per million training tokens.
        price_source: The ``sources.csv`` row of the price, or ``"yours"``.
        bracket: The largest model of the price's size bracket, billions of
            parameters, or ``None`` for the reader's own price.
        usd: ``(low, high)`` USD for the run.
    """

    provider: str
    name: str
    price: Pair
    price_source: str
    bracket: float | None
    usd: Pair


@dataclass(frozen=True)
class GpuRun:
    """The run on rented GPUs.

    Attributes:
        gpu: The :class:`~calculators.training.tables.Gpu` used.
        gpus: ``(low, high)`` number of GPUs.
        flops: ``(low, high)`` compute, FLOPs.
        gpu_hours: ``(low, high)`` GPU-hours over all GPUs.
        hours_each: ``(low, high)`` hours on each GPU (the run's duration).
        usd_per_hour: ``(low, high)`` USD per GPU-hour.
        price_source: The ``sources.csv`` row of the price, or ``"yours"``.
        billing_seconds: The seller's billing unit, seconds.
        usd: ``(low, high)`` USD billed, each GPU rounded up to the unit.
        memory_gb: ``(low, high)`` GB needed on each GPU.
        memory_parts: Each part of the memory on one GPU at the high end, GB:
            ``{"model", "activations", "overhead"}``.
        fits: Whether the high end fits in the GPU's memory.
        gpus_needed: The fewest GPUs of this kind that hold the high end, or
            ``None`` when more than :data:`MAX_GPUS` would be needed.
        fitting_methods: The methods whose high end fits on the low number
            of GPUs, in :data:`METHODS` order.
        elsewhere: ``((gpu key, GPUs needed), ...)`` for every listed GPU
            that can hold the run with the chosen method.
    """

    gpu: Gpu
    gpus: Pair
    flops: Pair
    gpu_hours: Pair
    hours_each: Pair
    usd_per_hour: Pair
    price_source: str
    billing_seconds: int
    usd: Pair
    memory_gb: Pair
    memory_parts: dict[str, float]
    fits: bool
    gpus_needed: int | None
    fitting_methods: tuple[str, ...]
    elsewhere: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class TrainingEstimate:
    """One fine-tuning run, priced on an API and on GPUs.

    Attributes:
        inputs: Numeric input key -> ``(low, high)``; a table price left
            empty is absent.
        options: Choice input key -> word (``method``, ``where``,
            ``provider``, ``gpu``).
        training_tokens: ``(low, high)`` tokens the run trains on.
        api: The run on the API, or ``None`` when it cannot be priced
            there (see ``api_problem``).
        api_problem: Why not, or ``None``.
        gpu: The run on GPUs, or ``None`` when no listed GPU holds it.
        gpu_problem: Why not, or ``None``.
    """

    inputs: dict[str, Pair]
    options: dict[str, str]
    training_tokens: Pair
    api: ApiRun | None
    api_problem: str | None
    gpu: GpuRun | None
    gpu_problem: str | None

    @property
    def where(self) -> str:
        """``"gpu"`` or ``"api"``: which the reader chose."""
        return self.options["where"]

    @property
    def usd(self) -> Pair:
        """``(low, high)`` USD for the run where the reader chose to train."""
        run = self.gpu if self.where == "gpu" else self.api
        if run is None:  # estimate_training raises instead; a hand-made estimate may not
            raise InputError("where", f"no {self.where} run in this estimate")
        return run.usd

    def changed(self) -> dict[str, str]:
        """The inputs away from their defaults, as text: what a link carries."""
        out: dict[str, str] = {}
        for spec in TRAINING_INPUTS:
            if spec.choices:
                if self.options[spec.key] != spec.choices[0]:
                    out[spec.key] = self.options[spec.key]
            elif spec.key in self.inputs and self.inputs[spec.key] != spec.default:
                out[spec.key] = span_text(self.inputs[spec.key])
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data.

        Returns:
            ``{"inputs": {key: {"low", "high"} or a word}, "where": str,
            "training_tokens": {"low", "high"}, "usd": {"low", "high"},
            "gpu_hours": {"low", "high"} | None, "memory_gb": {"low",
            "high"} | None, "fits": bool | None, "gpus_needed": int | None,
            "api": {...} | None, "api_problem": str | None, "gpu": {...} |
            None, "gpu_problem": str | None}``; ``gpu_hours``,
            ``memory_gb``, ``fits`` and ``gpus_needed`` describe the GPU run
            whichever ``where`` is, and are ``None`` without one.
        """
        data: dict[str, Any] = {k: _pair(v) for k, v in self.inputs.items()}
        data.update(self.options)
        g = self.gpu
        return {
            "inputs": data,
            "where": self.where,
            "training_tokens": _pair(self.training_tokens),
            "usd": _pair(self.usd),
            "gpu_hours": _pair(g.gpu_hours) if g else None,
            "memory_gb": _pair(g.memory_gb) if g else None,
            "fits": g.fits if g else None,
            "gpus_needed": g.gpus_needed if g else None,
            "api": None if self.api is None else {
                "provider": self.api.provider, "name": self.api.name,
                "usd_per_mtok": _pair(self.api.price), "price_source": self.api.price_source,
                "bracket_up_to_billion": self.api.bracket, "usd": _pair(self.api.usd),
            },
            "api_problem": self.api_problem,
            "gpu": None if g is None else {
                "gpu": g.gpu.key, "name": g.gpu.name, "gpus": _pair(g.gpus),
                "flops": _pair(g.flops), "gpu_hours": _pair(g.gpu_hours),
                "hours_each": _pair(g.hours_each), "usd_per_hour": _pair(g.usd_per_hour),
                "price_source": g.price_source, "billing_seconds": g.billing_seconds,
                "usd": _pair(g.usd), "memory_gb": _pair(g.memory_gb),
                "memory_parts": dict(g.memory_parts), "gpu_memory_gb": g.gpu.memory_gb,
                "fits": g.fits, "gpus_needed": g.gpus_needed,
                "fitting_methods": list(g.fitting_methods),
                "elsewhere": [{"gpu": k, "gpus": n} for k, n in g.elsewhere],
            },
            "gpu_problem": self.gpu_problem,
        }


def estimate_training(inputs: Mapping[str, object] | None = None) -> TrainingEstimate:
    """Price one fine-tuning run on an API and on GPUs, and check it fits the GPU.

    Args:
        inputs: Input key -> a number, ``"low..high"``, ``(low, high)`` or a
            word; keys, units and sourced defaults are those of
            :data:`~calculators.training.inputs.TRAINING_INPUTS`
            (``examples``, ``tokens_per_example`` in tokens, ``epochs``,
            ``method``, ``params_billion`` in billions of parameters,
            ``where``, ``provider``, ``training_price_usd_per_mtok`` in USD
            per million tokens, ``gpu``, ``gpus``, ``mfu`` from 0 to 1,
            ``gpu_usd_per_hour`` in USD per GPU-hour). A missing key takes
            its default; the two prices default to the tables'.

    Returns:
        A :class:`TrainingEstimate` with the training tokens, the run on the
        API and on GPUs (each ``None`` with the reason when it cannot be
        priced there), and ``usd`` for where the reader chose to train.

    Raises:
        InputError: (a :class:`ValueError`) naming the key: for any input
            :func:`~calculators.training.inputs.read_inputs` refuses; where
            ``where`` is ``api``, for a provider that does not offer the
            method (``method``), a model above the provider's largest
            listed size (``params_billion``) or ``other`` without a price
            (``training_price_usd_per_mtok``); where ``where`` is ``gpu``,
            for a model that fits on no listed GPU, even with
            :data:`MAX_GPUS` of them (``params_billion``).
    """
    values, options = read_inputs(inputs)
    tokens = (
        values["examples"][0] * values["tokens_per_example"][0] * values["epochs"][0],
        values["examples"][1] * values["tokens_per_example"][1] * values["epochs"][1],
    )
    api, api_problem = _api(values, options, tokens)
    gpu, gpu_problem = _gpu(values, options, tokens)
    if options["where"] == "api" and api is None:
        raise api_problem  # type: ignore[misc]
    if options["where"] == "gpu" and gpu is None:
        raise gpu_problem  # type: ignore[misc]
    return TrainingEstimate(
        inputs=values,
        options=options,
        training_tokens=tokens,
        api=api,
        api_problem=None if api_problem is None else str(api_problem),
        gpu=gpu,
        gpu_problem=None if gpu_problem is None else str(gpu_problem),
    )


def memory_per_gpu(method: str, params_billion: Pair, gpus: Pair) -> tuple[Pair, dict[str, float]]:
    """GB needed on each GPU for ``method``: ``((low, high), parts at the high end)``.

    The model's weights and training state are sharded over the GPUs; the
    activation and working-memory allowances sit on every GPU.
    """
    per_param = _bytes_per_param(method)
    act = TRAINING_FACTORS["activations-7b"].value
    overhead = TRAINING_FACTORS["overhead"].value
    model = (params_billion[0] * per_param[0] / gpus[1], params_billion[1] * per_param[1] / gpus[0])
    activations = (params_billion[0] * act[0] / 7, params_billion[1] * act[1] / 7)
    low = model[0] + activations[0] + overhead[0]
    high = model[1] + activations[1] + overhead[1]
    parts = {"model": round(model[1], 3), "activations": round(activations[1], 3), "overhead": overhead[1]}
    return (round(low, 3), round(high, 3)), parts


# Helpers


def _api(values: Mapping[str, Pair], options: Mapping[str, str], tokens: Pair) -> tuple[ApiRun | None, InputError | None]:
    key, method = options["provider"], options["method"]
    params = values["params_billion"][1]
    own = values.get("training_price_usd_per_mtok")
    if key == "other":
        if own is None:
            return None, InputError(
                "training_price_usd_per_mtok",
                "provider 'other' needs your price per million training tokens; "
                f"or choose one of: {', '.join(TRAINING_PROVIDERS)}",
            )
        name, source, bracket = "your provider", "yours", None
    else:
        provider = TRAINING_PROVIDERS[key]
        name = provider.name
        if method not in provider.methods:
            return None, InputError(
                "method",
                f"{provider.name} does not offer {METHODS[method]} fine-tuning; it offers: "
                f"{', '.join(provider.methods)}",
            )
        if own is None:
            row = next((r for r in TRAINING_PROVIDER_PRICES if r.provider == key and params <= r.up_to_billion), None)
            if row is None:
                largest = max(r.up_to_billion for r in TRAINING_PROVIDER_PRICES if r.provider == key)
                return None, InputError(
                    "params_billion",
                    f"{provider.name} lists prices for models up to {largest:g}B, not "
                    f"{params:g}B; choose another provider or give training_price_usd_per_mtok",
                )
            own, source, bracket = row.usd_per_mtok, row.source, row.up_to_billion
        else:
            source, bracket = "yours", None
    usd = (round(tokens[0] / 1e6 * own[0], 6), round(tokens[1] / 1e6 * own[1], 6))
    return ApiRun(key, name, own, source, bracket, usd), None


def _gpu(values: Mapping[str, Pair], options: Mapping[str, str], tokens: Pair) -> tuple[GpuRun | None, InputError | None]:
    method, gpu = options["method"], TRAINING_GPUS[options["gpu"]]
    params, gpus = values["params_billion"], values["gpus"]
    needed = {key: _gpus_needed(method, params[1], g) for key, g in TRAINING_GPUS.items()}
    elsewhere = tuple((k, n) for k, n in needed.items() if n is not None)
    if not elsewhere:
        return None, InputError(
            "params_billion",
            f"a {params[1]:g}B model fits on no listed GPU for {METHODS[method]}, even with "
            f"{MAX_GPUS} of them; choose qlora or lora, or a smaller model",
        )
    k = TRAINING_FACTORS[f"compute-{method}"].value
    flops = (k[0] * params[0] * 1e9 * tokens[0], k[1] * params[1] * 1e9 * tokens[1])
    peak = gpu.bf16_dense_tflops * 1e12
    mfu = values["mfu"]
    seconds = (flops[0] / (peak * mfu[1]), flops[1] / (peak * mfu[0]))
    price = TRAINING_GPU_PRICES[gpu.key]
    if "gpu_usd_per_hour" in values:
        per_hour, source = values["gpu_usd_per_hour"], "yours"
    else:
        per_hour, source = (price.usd_per_hour, price.usd_per_hour), price.source
    unit = price.billing_seconds
    usd = (
        min(_billed(seconds[0], n, unit) for n in gpus) * per_hour[0] / 3600,
        max(_billed(seconds[1], n, unit) for n in gpus) * per_hour[1] / 3600,
    )
    memory, parts = memory_per_gpu(method, params, gpus)
    fitting = tuple(m for m in METHODS if memory_per_gpu(m, params, gpus)[0][1] <= gpu.memory_gb)
    return GpuRun(
        gpu=gpu,
        gpus=gpus,
        flops=flops,
        gpu_hours=(seconds[0] / 3600, seconds[1] / 3600),
        hours_each=(seconds[0] / 3600 / gpus[1], seconds[1] / 3600 / gpus[0]),
        usd_per_hour=per_hour,
        price_source=source,
        billing_seconds=unit,
        usd=(round(usd[0], 6), round(usd[1], 6)),
        memory_gb=memory,
        memory_parts=parts,
        fits=memory[1] <= gpu.memory_gb,
        gpus_needed=needed[gpu.key],
        fitting_methods=fitting,
        elsewhere=elsewhere,
    ), None


def _bytes_per_param(method: str) -> Pair:
    if method == "full":
        return TRAINING_FACTORS["bytes-full"].value
    frozen = TRAINING_FACTORS[f"bytes-{method}"].value
    share = TRAINING_FACTORS["adapter-share"].value
    adapter = TRAINING_FACTORS["bytes-adapter"].value
    return (frozen[0] + share[0] * adapter[0], frozen[1] + share[1] * adapter[1])


def _gpus_needed(method: str, params_billion: float, gpu: Gpu) -> int | None:
    """The fewest GPUs of this kind that hold the high end of the run, or None."""
    for n in range(1, MAX_GPUS + 1):
        if memory_per_gpu(method, (params_billion, params_billion), (n, n))[0][1] <= gpu.memory_gb:
            return n
    return None


def _billed(seconds: float, gpus: float, unit: int) -> float:
    """GPU-seconds billed: each of ``gpus`` GPUs runs ``seconds / gpus``, rounded up to ``unit``."""
    each = seconds / gpus
    return math.ceil(each / unit - 1e-9) * unit * gpus


def _pair(pair: Pair) -> dict[str, float]:
    return {"low": pair[0], "high": pair[1]}


def span_text(pair: Pair) -> str:
    """``"low..high"``, or one number when both ends are equal; as the inputs read them."""
    low, high = (format(v, ".10g") for v in pair)
    return low if low == high else f"{low}..{high}"

