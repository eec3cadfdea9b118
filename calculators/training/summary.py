"""The training run in words and numbers: headline, comparison, steps, links.

Shared by the page (:mod:`calculators.training.render`), the command line
and the decision record, so all three say the same thing. Nothing here
computes a new figure: every number comes from the estimate or the tables.
"""

from __future__ import annotations

import math
from typing import Any

from ..cost import COST_INPUTS, MID_SIZE_TRAINING_USD
from .engine import TrainingEstimate, span_text
from .inputs import TRAINING_INPUTS
from .tables import METHODS, TRAINING_FACTORS, TRAINING_GPUS

__all__ = [
    "AKOODE_SMALL_RUN_USD",
    "DATA_PREP_USD",
    "akoode_comparison",
    "carried",
    "cost_input",
    "details",
    "headline",
    "parse_carried",
    "steps",
]

Pair = tuple[float, float]


def _cost_default(key: str) -> Pair:
    return next(i.default for i in COST_INPUTS if i.key == key)


#: Akoode's GPU compute for a small LoRA run, USD: the Cost estimator's default training run.
AKOODE_SMALL_RUN_USD: Pair = _cost_default("ft_training_usd")
#: The Cost estimator's default data preparation and evaluation, USD.
DATA_PREP_USD: Pair = _cost_default("ft_data_prep_usd")


def headline(est: TrainingEstimate) -> str:
    """One sentence: the run where the reader chose, the other way in brackets or after."""
    g, a = est.gpu, est.api
    parts = []
    if g is not None:
        on = _on_gpus(est)
        gpu_text = f"{hours_range(g.gpu_hours)} GPU-hours {on} ({usd_range(g.usd)})"
        if not g.fits:
            gpu_text += f", which {'do' if g.gpus[0] > 1 else 'does'} not hold the model"
    if a is not None:
        api_text = f"{usd_range(a.usd)} on {a.name}'s fine-tuning API"
    if est.where == "gpu":
        parts.append(f"About {gpu_text}")
        if a is not None:
            parts.append(f"or {api_text}")
    else:
        parts.append(f"About {api_text}")
        if g is not None:
            parts.append(f"or {gpu_text}")
    text = ", ".join(parts)
    if est.usd[1] < DATA_PREP_USD[0]:
        text += "; the data work will likely cost more than the run"
    return text + "."


def details(est: TrainingEstimate) -> list[str]:
    """Sentences under the headline: fit advice, the data work, Akoode's ranges and why they differ."""
    out = []
    g = est.gpu
    if g is not None and not g.fits:
        out.append(fit_advice(est))
    if est.usd[1] < DATA_PREP_USD[0]:
        out.append(
            f"The Cost estimator's default for data preparation and evaluation, from Akoode's "
            f"figures, is {usd_range(DATA_PREP_USD)}: more than this run at its dearest."
        )
    out += akoode_comparison(est)["sentences"]
    return out


def fit_advice(est: TrainingEstimate) -> str:
    """What would hold the model when the chosen GPUs do not."""
    g = est.gpu
    assert g is not None
    method = METHODS[est.options["method"]]
    need = (
        f"it needs {g.gpus_needed} of them for {method}" if g.gpus_needed is not None
        else f"even {_count(64)} of them cannot hold it for {method}"
    )
    text = (
        f"The model needs up to {gb(g.memory_gb[1])} on each GPU and each {g.gpu.name} has "
        f"{gb(g.gpu.memory_gb)}: {need}"
    )
    others = [m for m in g.fitting_methods if m != est.options["method"]]
    if others:
        text += f"; on {_count(g.gpus[0])} as chosen, {' or '.join(METHODS[m] for m in others)} would fit"
    alternatives = [f"{_count(n)} {TRAINING_GPUS[k].name}" for k, n in g.elsewhere if k != g.gpu.key]
    if alternatives:
        text += f"; other GPUs that hold it: {', '.join(alternatives)}"
    return text + "."


def akoode_comparison(est: TrainingEstimate) -> dict[str, Any]:
    """This run against Akoode's ranges.

    Returns:
        ``{"small": "below" | "within" | "overlapping" | "above", "mid": ...,
        "sentences": [str, ...]}``: where the run stands against Akoode's
        small LoRA run (200-2,000 USD) and mid-size run (5,000-50,000 USD),
        and two sentences that say so and explain the difference.
    """
    usd = est.usd
    small, mid = _relation(usd, AKOODE_SMALL_RUN_USD), _relation(usd, MID_SIZE_TRAINING_USD)
    if small == mid:
        where = f"{_REL[small]} both"
    else:
        where = f"{_REL[small]} the first and {_REL[mid]} the second"
    sentences = [
        f"Akoode puts the GPU compute of a small LoRA run at {usd_range(AKOODE_SMALL_RUN_USD)} "
        f"and of a mid-size model on a substantial dataset at {usd_range(MID_SIZE_TRAINING_USD)}; "
        f"this run, at {usd_range(usd)}, is {where}."
    ]
    if small == "below" and usd[1] > 0:
        times = (AKOODE_SMALL_RUN_USD[0] / usd[1], AKOODE_SMALL_RUN_USD[0] / usd[0] if usd[0] > 0 else math.inf)
        sentences.append(
            "Akoode does not say how many tokens, runs or GPU-hours its ranges cover. At these "
            f"prices its {usd_range((AKOODE_SMALL_RUN_USD[0],) * 2)} would pay for this run "
            f"{_times(times)}: a dataset that many times larger, more epochs, several runs while "
            "the settings are tuned, or GPUs paid for while they set up, evaluate or wait."
        )
    elif mid == "above":
        sentences.append(
            "This run is larger than the runs Akoode describes, which name no model size or "
            "number of tokens: more parameters or more tokens than a mid-size run on a "
            "substantial dataset."
        )
    else:
        sentences.append(
            "Akoode does not say how many tokens, runs or GPU-hours its ranges cover, so the "
            "ranges can be compared but not checked against each other."
        )
    return {"small": small, "mid": mid, "sentences": sentences}


def steps(est: TrainingEstimate) -> list[dict[str, Any]]:
    """Each step of the working: ``{"id", "label", "formula", "result", "refs"}``.

    ``formula`` is the step's formula with this run's numbers; ``refs`` are
    the rows its figures come from, each ``{"anchor", "label", "source"}``:
    the id of the row on the Training cost page (a form field or a row of
    its tables), what to call it, and its ``sources.csv`` id (or
    ``"assumption"``, or ``"yours"`` for a price the reader gave).
    """
    v, o = est.inputs, est.options
    out = [{
        "id": "tokens",
        "label": "Training tokens",
        "formula": f"examples × tokens per example × epochs = {num_range(v['examples'])} × "
                   f"{num_range(v['tokens_per_example'])} × {num_range(v['epochs'])}",
        "result": f"{tokens_range(est.training_tokens)} tokens",
        "refs": [_input_ref(k) for k in ("examples", "tokens_per_example", "epochs")],
    }]
    a = est.api
    if a is not None:
        out.append({
            "id": "api",
            "label": f"On {a.name}'s API",
            "formula": f"tokens ÷ 1,000,000 × price per million = {tokens_range(est.training_tokens)} "
                       f"÷ 1,000,000 × {usd_range(a.price)}",
            "result": usd_range(a.usd),
            "refs": [
                _input_ref("training_price_usd_per_mtok") if a.bracket is None
                else {"anchor": f"training-provider-{a.provider}-{a.bracket:g}",
                      "label": f"{a.name}, models up to {a.bracket:g}B", "source": a.price_source}
            ],
        })
    g = est.gpu
    if g is not None:
        method = o["method"]
        k = TRAINING_FACTORS[f"compute-{method}"]
        out.append({
            "id": "compute",
            "label": "Compute",
            "formula": f"k × parameters × tokens, k = {num_range(k.value)} for {METHODS[method]}: "
                       f"{num_range(k.value)} × {num_range(v['params_billion'])} billion × "
                       f"{tokens_range(est.training_tokens)}",
            "result": f"{flops_range(g.flops)} FLOPs",
            "refs": _unique([_factor_ref("compute-full"), _factor_ref(k.key), _input_ref("params_billion")]),
        })
        out.append({
            "id": "gpu-hours",
            "label": "GPU-hours",
            "formula": f"compute ÷ (peak × utilisation) ÷ 3,600 = {flops_range(g.flops)} ÷ "
                       f"({g.gpu.bf16_dense_tflops:g} teraFLOPS × {num_range(v['mfu'])}) ÷ 3,600",
            "result": f"{hours_range(g.gpu_hours)} GPU-hours, {hours_range(g.hours_each)} hours "
                      f"on each of {num_range(g.gpus)} GPUs" if g.gpus[1] > 1
                      else f"{hours_range(g.gpu_hours)} GPU-hours",
            "refs": [{"anchor": f"training-gpu-{g.gpu.key}", "label": g.gpu.name, "source": g.gpu.source},
                     _input_ref("mfu")],
        })
        out.append({
            "id": "gpu-cost",
            "label": "GPU cost",
            "formula": f"GPUs × seconds on each, rounded up to the {_unit(g.billing_seconds)} × price per "
                       f"GPU-hour ÷ 3,600 = {num_range(g.gpus)} × {seconds_range(g.hours_each)} × "
                       f"{price_range(g.usd_per_hour)} ÷ 3,600",
            "result": usd_range(g.usd),
            "refs": [_input_ref("gpu_usd_per_hour") if g.price_source == "yours"
                     else {"anchor": f"training-price-{g.gpu.key}", "label": f"{g.gpu.name} price",
                           "source": g.price_source}],
        })
        per_param = "16 bytes" if method == "full" else "frozen weights plus a 0.2% adapter at 16 bytes"
        keys = ["bytes-full"] if method == "full" else [f"bytes-{method}", "adapter-share", "bytes-adapter"]
        out.append({
            "id": "memory",
            "label": "Memory on each GPU",
            "formula": f"parameters × bytes ({per_param}) ÷ GPUs + activations + working memory = "
                       f"{gb(g.memory_parts['model'])} + {gb(g.memory_parts['activations'])} + "
                       f"{gb(g.memory_parts['overhead'])} at the high end",
            "result": f"{gb_range(g.memory_gb)}; each {g.gpu.name} has {gb(g.gpu.memory_gb)}: "
                      + ("it fits" if g.fits else "it does not fit"),
            "refs": [_factor_ref(key) for key in (*keys, "activations-7b", "overhead")],
        })
    return out


def _input_ref(key: str) -> dict[str, str]:
    spec = next(i for i in TRAINING_INPUTS if i.key == key)
    return {"anchor": f"t-{key}", "label": spec.label, "source": spec.source}


def _factor_ref(key: str) -> dict[str, str]:
    f = TRAINING_FACTORS[key]
    return {"anchor": f"training-factor-{key}", "label": f.label, "source": f.source}


def cost_input(est: TrainingEstimate) -> str:
    """The run's USD as the Cost estimator's ``ft_training_usd`` reads it: cents, low end
    rounded down and high end up, so the range holds the run."""
    low = math.floor(est.usd[0] * 100 + 1e-9) / 100
    high = math.ceil(est.usd[1] * 100 - 1e-9) / 100
    return span_text((low, high))


def carried(est: TrainingEstimate) -> str:
    """The inputs away from their defaults as ``"key=value;key=value"``: what the Cost
    estimator's address carries as ``training`` and the record reads back."""
    return ";".join(f"{k}={v}" for k, v in est.changed().items())


def parse_carried(text: str) -> dict[str, str]:
    """Read :func:`carried`'s text back into inputs; an empty text gives the defaults.

    Raises:
        InputError: for a part without ``=`` (field ``"training"``).
    """
    from ..errors import InputError

    pairs: dict[str, str] = {}
    for part in filter(None, str(text).split(";")):
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise InputError("training", f"{part!r} is not KEY=VALUE; the address carries the training inputs as key=value;key=value")
        pairs[key.strip()] = value.strip()
    return pairs


def quote(text: str) -> str:
    """Percent-encode ``text`` for an address (letters, digits and ``-_.~`` stay)."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.~") else "".join(f"%{b:02X}" for b in c.encode()) for c in text)


# Numbers for reading


def usd_range(pair: Pair) -> str:
    """``"0.08–1.70 USD"``: cents below 10 USD, whole dollars above."""
    low, high = (_money(v) for v in pair)
    return f"{low}\u00a0USD" if low == high else f"{low}–{high}\u00a0USD"


def hours_range(pair: Pair) -> str:
    """Hours to two significant figures (whole hours from 10 up)."""
    return _span(pair, _sig2)


def num_range(pair: Pair) -> str:
    """An input as read: ``"1,000"`` or ``"700–2,000"``."""
    return _span(pair, lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.10g}")


def tokens_range(pair: Pair) -> str:
    """Tokens: ``"700,000–6 million"``."""
    return _span(pair, lambda v: f"{_sig3(v / 1e6)} million" if v >= 1e6 else f"{v:,.0f}")


def flops_range(pair: Pair) -> str:
    """FLOPs in powers of ten: ``"2.2 × 10¹⁶–2.3 × 10¹⁷"``."""
    return _span(pair, _power)


def seconds_range(pair_hours: Pair) -> str:
    """The hours on each GPU as seconds, rounded up: ``"401–8,940\u00a0s"``."""
    return _span(pair_hours, lambda h: f"{math.ceil(h * 3600 - 1e-9):,}") + "\u00a0s"


def price_range(pair: Pair) -> str:
    """A price per unit to four significant figures: ``"0.684\u00a0USD"``."""
    return _span(pair, lambda v: f"{v:,.4g}") + "\u00a0USD"


def gb(value: float) -> str:
    """GB to one decimal, none when whole: ``"18.9\u00a0GB"``, ``"24\u00a0GB"``."""
    return f"{_gb(value)}\u00a0GB"


def gb_range(pair: Pair) -> str:
    """A memory range: ``"16.8–18.9\u00a0GB"``."""
    return _span(pair, _gb) + "\u00a0GB"


def _gb(value: float) -> str:
    text = f"{value:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def _span(pair: Pair, fmt) -> str:
    low, high = fmt(pair[0]), fmt(pair[1])
    return low if low == high else f"{low}–{high}"


def _money(v: float) -> str:
    return f"{v:,.2f}" if v < 10 else f"{v:,.0f}"


def _sig2(v: float) -> str:
    if v >= 10:
        return f"{v:,.0f}"
    if v <= 0:
        return "0"
    digits = max(0, 1 - math.floor(math.log10(v)))
    return f"{round(v, digits):.{digits}f}"


def _sig3(v: float) -> str:
    return f"{v:.3g}" if v < 1000 else f"{v:,.0f}"


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _power(v: float) -> str:
    if v <= 0:
        return "0"
    exponent = math.floor(math.log10(v))
    mantissa = v / 10**exponent
    if round(mantissa, 1) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.1f} × 10{str(exponent).translate(_SUPERSCRIPT)}"


def _times(times: Pair) -> str:
    low, high = (f"{t:,.0f}" if t >= 10 else f"{t:.1f}" for t in times)
    if times[1] == math.inf:
        return f"at least {low} times"
    return f"{low} times" if low == high else f"{low} to {high} times"


def _count(n: float) -> str:
    return "one" if n == 1 else f"{n:,.0f}"


def _unit(seconds: int) -> str:
    return "second" if seconds == 1 else f"{seconds} seconds"


def _on_gpus(est: TrainingEstimate) -> str:
    g = est.gpu
    assert g is not None
    if g.gpus[1] <= 1:
        return f"on one {g.gpu.name}"
    return f"on {num_range(g.gpus)} {g.gpu.name} GPUs, {hours_range(g.hours_each)} hours each"


def _relation(usd: Pair, akoode: Pair) -> str:
    if usd[1] < akoode[0]:
        return "below"
    if usd[0] > akoode[1]:
        return "above"
    if akoode[0] <= usd[0] and usd[1] <= akoode[1]:
        return "within"
    return "overlapping"


_REL = {"below": "below", "above": "above", "within": "within", "overlapping": "overlapping"}


def _unique(ids: list[Any]) -> list[Any]:
    out: list[Any] = []
    for i in ids:
        if i not in out:
            out.append(i)
    return out



def training_from_carried(text: str) -> TrainingEstimate:
    """The run a Cost estimator address carried as ``training``, or why it cannot be read.

    Raises:
        InputError: field ``"training"``, naming the carried input at fault.
    """
    from ..errors import InputError
    from .engine import estimate_training

    try:
        return estimate_training(parse_carried(text))
    except InputError as error:
        if error.field == "training":
            raise
        raise InputError("training", f"the carried training run: {error}") from None


def record_link_pairs(est: TrainingEstimate | None) -> list[tuple[str, str]]:
    """The Cost estimator address's ``training`` pair for this run, percent-encoded; none without one."""
    return [] if est is None else [("training", quote(carried(est)))]
