"""The training calculator's data: GPUs, prices, providers and the sourced factors.

Data only, no formulas (those are in :mod:`calculators.training.engine`).
Every row carries ``source``: a row id of the guide's
``docs/data/sources.csv`` (which holds the publisher, the address and the
date each figure was read), or ``"assumption"`` with the reason in ``note``.
Prices are list prices on the date read: planning figures, not quotes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = [
    "ASSUMPTION",
    "MAX_GPUS",
    "METHODS",
    "TRAINING_FACTORS",
    "TRAINING_GPUS",
    "TRAINING_GPU_PRICES",
    "TRAINING_PROVIDERS",
    "TRAINING_PROVIDER_PRICES",
    "Factor",
    "Gpu",
    "GpuPrice",
    "Provider",
    "ProviderPrice",
]

#: The ``source`` of a figure that no source gives.
ASSUMPTION = "assumption"

#: The most GPUs one run may use: eight servers of eight GPUs. Beyond that a
#: team is planning a cluster, not a fine-tuning run.
MAX_GPUS = 64

#: Fine-tuning methods, by key: the label a reader sees.
METHODS: dict[str, str] = {
    "lora": "LoRA",
    "qlora": "QLoRA",
    "full": "full fine-tuning",
}


def _as_dict(row: object) -> dict[str, Any]:
    data = asdict(row)  # type: ignore[call-overload]
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


@dataclass(frozen=True)
class Gpu:
    """One GPU model, as its vendor specifies it.

    Attributes:
        key: The name the ``gpu`` input takes, e.g. ``"l4"``.
        name: The name a reader sees, e.g. ``"NVIDIA L4"``.
        memory_gb: Memory on one GPU, GB.
        bf16_dense_tflops: Peak BF16 tensor throughput without sparsity,
            teraFLOPS (10^12 FLOP per second).
        source: The ``sources.csv`` row of the specification.
        note: How the figures were read.
    """

    key: str
    name: str
    memory_gb: float
    bf16_dense_tflops: float
    source: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every attribute by name."""
        return _as_dict(self)


@dataclass(frozen=True)
class GpuPrice:
    """What renting one GPU costs, and the unit it is billed in.

    Attributes:
        gpu: A :class:`Gpu` key.
        seller: Who rents it out, e.g. ``"RunPod"``.
        usd_per_second: The list price, USD per GPU-second.
        billing_seconds: The billing unit, seconds: each GPU's time is rounded
            up to a whole number of these.
        source: The ``sources.csv`` row of the price.
        note: Which offer the price is, and what the seller rounds.
    """

    gpu: str
    seller: str
    usd_per_second: float
    billing_seconds: int
    source: str
    note: str

    @property
    def usd_per_hour(self) -> float:
        """The same price per GPU-hour, USD."""
        return round(self.usd_per_second * 3600, 6)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every attribute by name, and ``usd_per_hour``."""
        return {**_as_dict(self), "usd_per_hour": self.usd_per_hour}


@dataclass(frozen=True)
class Provider:
    """A fine-tuning API: the methods it offers and how it bills.

    Attributes:
        key: The name the ``provider`` input takes, e.g. ``"together"``.
        name: The name a reader sees.
        methods: The :data:`METHODS` keys it offers.
        billing: How it counts what it bills, in a sentence.
        source: The ``sources.csv`` row that says which methods it offers
            and how it bills.
        note: What the row leaves out.
    """

    key: str
    name: str
    methods: tuple[str, ...]
    billing: str
    source: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every attribute by name."""
        return _as_dict(self)


@dataclass(frozen=True)
class ProviderPrice:
    """A provider's price per million training tokens for one size bracket.

    Attributes:
        provider: A :class:`Provider` key.
        up_to_billion: The largest model of the bracket, billions of parameters;
            the bracket starts above the previous row's.
        usd_per_mtok: ``(low, high)`` USD per million training tokens.
        source: The ``sources.csv`` row of the price.
        note: What the range covers.
    """

    provider: str
    up_to_billion: float
    usd_per_mtok: tuple[float, float]
    source: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every attribute by name."""
        return _as_dict(self)


@dataclass(frozen=True)
class Factor:
    """A figure the formulas use, with its source.

    Attributes:
        key: The factor's id.
        label: What it is, for the page.
        value: ``(low, high)``; equal values mean one figure.
        unit: Its unit.
        source: A ``sources.csv`` row, or ``"assumption"``.
        note: What the source measured, or why the assumption.
    """

    key: str
    label: str
    value: tuple[float, float]
    unit: str
    source: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every attribute by name."""
        return _as_dict(self)


#: GPUs, by key, in the order the form lists them.
TRAINING_GPUS: dict[str, Gpu] = {
    g.key: g
    for g in (
        Gpu("l4", "NVIDIA L4", 24, 121, "gpu-l4",
            "24 GB; NVIDIA lists 242 teraFLOPS of FP16 tensor throughput with sparsity, "
            "half that without. BF16 is taken at the FP16 rate, as the L4's tensor cores "
            "run both alike."),
        Gpu("a100-80gb", "NVIDIA A100 80 GB", 80, 312, "gpu-a100",
            "80 GB; BF16 tensor throughput 312 teraFLOPS without sparsity (624 with it), "
            "from NVIDIA's datasheet as restated."),
        Gpu("h100-80gb", "NVIDIA H100 SXM 80 GB", 80, 989.5, "gpu-h100",
            "80 GB; NVIDIA lists 1,979 teraFLOPS of BF16 tensor throughput with sparsity "
            "and says the figures are half without it. The PCIe card peaks lower (1,513 "
            "with sparsity)."),
    )
}

#: What renting each GPU costs, by GPU key.
TRAINING_GPU_PRICES: dict[str, GpuPrice] = {
    p.gpu: p
    for p in (
        GpuPrice("l4", "RunPod", 0.00019, 1, "price-runpod-gpu",
                 "RunPod's flex (scale-to-zero) price for its 24 GB tier (L4, A5000, 3090), "
                 "billed by the second with partial seconds rounded up."),
        GpuPrice("a100-80gb", "RunPod", 0.00076, 1, "price-runpod-gpu",
                 "RunPod's flex price for an A100 80 GB, billed by the second with partial "
                 "seconds rounded up."),
        GpuPrice("h100-80gb", "RunPod", 0.00116, 1, "price-runpod-gpu",
                 "RunPod's flex price for its H100 tier, which does not say SXM or PCIe; "
                 "billed by the second with partial seconds rounded up."),
    )
}

#: Fine-tuning APIs, by key, in the order the form lists them.
TRAINING_PROVIDERS: dict[str, Provider] = {
    p.key: p
    for p in (
        Provider("together", "Together AI", ("lora", "full"),
                 "every token processed: the epochs times the tokens of the training set, "
                 "plus any validation tokens; no minimum charge",
                 "ref-together-ft",
                 "Validation tokens are left out here."),
        Provider("fireworks", "Fireworks AI", ("lora",),
                 "the tokens of the fine-tuning dataset times the number of epochs",
                 "ref-fireworks-ft",
                 "Fireworks' documentation says it tunes with LoRA; its price page lists "
                 "no other method."),
        Provider("ori", "Ori", ("lora",),
                 "every token processed in training, summed over the epochs, plus any "
                 "validation tokens",
                 "price-ori-ft",
                 "Ori's documentation says all of its fine-tuning uses LoRA. Validation "
                 "tokens are left out here."),
    )
}

#: Each provider's price by size bracket, smallest bracket first.
TRAINING_PROVIDER_PRICES: tuple[ProviderPrice, ...] = (
    ProviderPrice("together", 16, (0.48, 1.35), "price-together-ft",
                  "Models up to 16B; the copy gives one range for LoRA and full, supervised "
                  "and preference tuning, so the low end is the cheapest of them."),
    ProviderPrice("together", 69, (1.50, 4.12), "price-together-ft",
                  "Models of 16.1B to 69B, one range for every method as above."),
    ProviderPrice("together", 100, (2.90, 8.00), "price-together-ft",
                  "Models of 70B to 100B, one range for every method as above."),
    ProviderPrice("fireworks", 16, (0.50, 0.50), "price-fireworks-ft",
                  "Models up to 16B parameters."),
    ProviderPrice("fireworks", 80, (3.00, 3.00), "price-fireworks-ft",
                  "Models of 16.1B to 80B."),
    ProviderPrice("ori", 10, (0.46, 0.46), "price-ori-ft", "Models up to 10B parameters."),
)

#: The figures the formulas use, by key.
TRAINING_FACTORS: dict[str, Factor] = {
    f.key: f
    for f in (
        Factor("compute-full", "Compute of full fine-tuning", (6, 6),
               "FLOPs per parameter per training token", "ref-kaplan",
               "Kaplan et al. count about 2 FLOPs per parameter per token for the forward "
               "pass and twice that for the backward pass."),
        Factor("compute-lora", "Compute of LoRA", (4, 4.8),
               "FLOPs per parameter per training token", "ref-lora",
               "High end: Hu et al. measured LoRA training 25% faster than full fine-tuning "
               "on GPT-3 175B (43.1 against 32.5 tokens a second per V100), since frozen "
               "weights need no gradient: 6 / 1.25 = 4.8. Low end, 4: our arithmetic on "
               "Kaplan et al.'s split, dropping the half of the backward pass that computes "
               "weight gradients; an assumption."),
        Factor("compute-qlora", "Compute of QLoRA", (4, 6),
               "FLOPs per parameter per training token", "ref-qlora",
               "Dettmers et al. compute the forward and backward pass in 16-bit after "
               "dequantizing the 4-bit weights, and report no slower run time than 16-bit "
               "full fine-tuning: at most full fine-tuning's 6, at least LoRA's 4 "
               "(the low end is the assumption above)."),
        Factor("bytes-full", "Memory of full fine-tuning", (16, 16), "bytes per parameter",
               "ref-zero",
               "Rajbhandari et al.: mixed-precision training with Adam holds 16-bit weights "
               "and gradients (2 + 2 bytes) and 32-bit weights, momentum and variance "
               "(12 bytes); sharded across the GPUs as their ZeRO does."),
        Factor("bytes-lora", "Frozen weights under LoRA", (2, 2), "bytes per parameter",
               "ref-lora",
               "16-bit weights. Hu et al. measured 350 GB of GPU memory for GPT-3 175B "
               "tuned with LoRA, against 1.2 TB for full fine-tuning."),
        Factor("bytes-qlora", "Frozen weights under QLoRA", (0.516, 0.721),
               "bytes per parameter", "ref-qlora",
               "Low end: 4-bit NormalFloat weights plus 0.127 bits of quantization "
               "constants per parameter after double quantization (4.127 / 8). High end: "
               "the 5,048 MB Dettmers et al. measured for a 7B model's 4-bit base, divided "
               "by 7 billion."),
        Factor("adapter-share", "Adapter parameters", (0.002, 0.002),
               "share of the model's parameters", "ref-qlora",
               "Dettmers et al. call LoRA weights of 0.2% of the model's \"commonly used\"."),
        Factor("bytes-adapter", "Adapter training state", (16, 16),
               "bytes per adapter parameter", "ref-zero",
               "The adapter is trained like any weights: 16 bytes per parameter with "
               "mixed-precision Adam, as for full fine-tuning."),
        Factor("activations-7b", "Activations (allowance)", (0.018, 0.567),
               "GB for a 7B model, one example at a time", "ref-qlora",
               "Dettmers et al. measured a 7B model's LoRA input gradients at 567 MB with a "
               "batch of one, and 18 MB per sequence with gradient checkpointing; scaled "
               "here by model size. An allowance, not a measurement of your run: longer "
               "examples or larger batches need more."),
        Factor("overhead", "Working memory (allowance)", (0.5, 2), "GB per GPU", ASSUMPTION,
               "Not in the sources: the CUDA context and the training framework's buffers "
               "take some memory on every GPU; an assumption that leaves headroom."),
    )
}
