"""What one fine-tuning run costs, from the examples up, and whether it fits the GPU.

A package per concern, imports running one way: :mod:`.tables` (data:
GPUs, prices, providers, sourced factors) <- :mod:`.inputs` (the inputs
and their one validator) <- :mod:`.engine` (the formulas) <-
:mod:`.summary` (the run in words) <- :mod:`.render` (HTML, text,
Markdown). The page loads this package on demand: the Decide and Cost
pages' Python start never imports it.
"""

from __future__ import annotations

from .engine import ApiRun, GpuRun, TrainingEstimate, estimate_training
from .inputs import TRAINING_INPUTS, TrainingInput
from .render import render_training, training_markdown, training_section, training_text
from .summary import carried, cost_input, parse_carried
from .tables import (
    MAX_GPUS,
    METHODS,
    TRAINING_FACTORS,
    TRAINING_GPU_PRICES,
    TRAINING_GPUS,
    TRAINING_PROVIDER_PRICES,
    TRAINING_PROVIDERS,
    Factor,
    Gpu,
    GpuPrice,
    Provider,
    ProviderPrice,
)

__all__ = [
    "MAX_GPUS",
    "METHODS",
    "TRAINING_FACTORS",
    "TRAINING_GPUS",
    "TRAINING_GPU_PRICES",
    "TRAINING_INPUTS",
    "TRAINING_PROVIDERS",
    "TRAINING_PROVIDER_PRICES",
    "ApiRun",
    "Factor",
    "Gpu",
    "GpuPrice",
    "GpuRun",
    "Provider",
    "ProviderPrice",
    "TrainingEstimate",
    "TrainingInput",
    "carried",
    "cost_input",
    "estimate_training",
    "parse_carried",
    "render_training",
    "training_markdown",
    "training_section",
    "training_text",
]
