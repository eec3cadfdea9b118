"""Unit tests of calculators.training; these also run inside Pyodide."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators import InputError, estimate_training, web
from calculators.training import (
    MAX_GPUS,
    METHODS,
    TRAINING_FACTORS,
    TRAINING_GPU_PRICES,
    TRAINING_GPUS,
    TRAINING_INPUTS,
    TRAINING_PROVIDER_PRICES,
    TRAINING_PROVIDERS,
    carried,
    cost_input,
    parse_carried,
)
from calculators.training.engine import memory_per_gpu
from calculators.training.summary import akoode_comparison, headline, training_from_carried
from training_cases import TRAINING_CASES

SOURCES_CSV = Path(__file__).resolve().parent.parent / "docs" / "data" / "sources.csv"


def _pair(value: object) -> object:
    return (value["low"], value["high"]) if isinstance(value, dict) else value


@pytest.mark.parametrize(("inputs", "expected"), [pytest.param(i, e, id=c) for c, i, e in TRAINING_CASES])
def test_training_cases(inputs: dict[str, str], expected: dict[str, object]) -> None:
    """Assert each hand-worked case: tokens, USD, GPU-hours, memory, fit and GPUs needed."""
    data = estimate_training(inputs).to_dict()
    for key, value in expected.items():
        got = _pair(data[key])
        assert got == (pytest.approx(value, rel=1e-6) if isinstance(value, tuple) else value), key


def test_json_has_the_interface_keys() -> None:
    """Assert the JSON holds training_tokens, usd, gpu_hours and memory_gb as {low, high}, fits and gpus_needed."""
    data = estimate_training().to_dict()
    for key in ("training_tokens", "usd", "gpu_hours", "memory_gb"):
        assert set(data[key]) == {"low", "high"} and data[key]["low"] <= data[key]["high"]
    assert isinstance(data["fits"], bool) and isinstance(data["gpus_needed"], int)
    assert json.loads(json.dumps(data)) == data


def test_every_data_row_names_a_dated_source_or_an_assumption() -> None:
    """Assert every GPU, price, provider, factor and input default cites a sources.csv row with a
    read date, or says assumption with its reason in the note."""
    if not SOURCES_CSV.is_file():
        pytest.skip("sources.csv is not inside the Pyodide test tree")  # the native run checks it
    with SOURCES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    cited = [
        *TRAINING_GPUS.values(), *TRAINING_GPU_PRICES.values(), *TRAINING_PROVIDERS.values(),
        *TRAINING_PROVIDER_PRICES, *TRAINING_FACTORS.values(), *TRAINING_INPUTS,
    ]
    for row in cited:
        assert row.note, row
        if row.source == "assumption":
            continue
        assert row.source in rows, row.source
        assert rows[row.source]["kind"] == "article" or rows[row.source]["read"], row.source


def test_defaults_give_the_sentence_the_issue_asks_for() -> None:
    """Assert the default run's sentence gives GPU-hours on one L4 with its USD, the API's USD, and that
    the data work costs more."""
    text = headline(estimate_training())
    assert text == (
        "About 0.11–2.5 GPU-hours on one NVIDIA L4 (0.08–1.70\u00a0USD), or 0.34–8.10\u00a0USD on "
        "Together AI's fine-tuning API; the data work will likely cost more than the run."
    )


@pytest.mark.parametrize(
    ("inputs", "field", "words"),
    [
        ({"examples": "0"}, "examples", "1 or more"),
        ({"gpu": "v100"}, "gpu", "l4, a100-80gb, h100-80gb"),
        ({"provider": "acme", "where": "api"}, "provider", "together, fireworks, ori, other"),
        ({"method": "qlora", "where": "api"}, "method", "offers: lora, full"),
        ({"method": "full", "where": "api", "provider": "fireworks"}, "method", "offers: lora"),
        ({"params_billion": "900", "method": "full"}, "params_billion", "fits on no listed GPU"),
        ({"params_billion": "200", "where": "api"}, "params_billion", "up to 100B"),
        ({"provider": "other", "where": "api"}, "training_price_usd_per_mtok", "needs your price"),
        ({"mfu": "1.5"}, "mfu", "from 0.01 to 1"),
        ({"gpus": "2.5"}, "gpus", "whole number"),
        ({"epochs": "3..1"}, "epochs", "above the high end"),
        ({"tokens_per_example": "many"}, "tokens_per_example", "not a number"),
        ({"examples": "1,0,0"}, "examples", "not a number"),
        ({"batch_size": "8"}, "batch_size", "unknown input"),
    ],
)
def test_bad_input_names_its_field(inputs: dict[str, str], field: str, words: str) -> None:
    """Assert bad input raises an InputError (a ValueError) naming the field and what is allowed."""
    with pytest.raises(InputError) as error:
        estimate_training(inputs)
    assert error.value.field == field
    assert str(error.value).startswith(f"{field}: ") and words in str(error.value)
    assert isinstance(error.value, ValueError)


def test_the_other_way_may_fail_without_failing_the_run() -> None:
    """Assert a method the API does not offer leaves the GPU run standing, with the reason kept."""
    est = estimate_training({"method": "qlora"})
    assert est.api is None and "does not offer QLoRA" in est.api_problem
    assert est.gpu is not None and est.usd == est.gpu.usd


def test_own_prices_replace_the_tables() -> None:
    """Assert a price of your own replaces the table's, for the API and for the GPU."""
    api = estimate_training({"where": "api", "provider": "other", "training_price_usd_per_mtok": "2",
                             "examples": "1000", "tokens_per_example": "500", "epochs": "2"})
    assert api.usd == (2.0, 2.0) and api.api.price_source == "yours"
    gpu = estimate_training({"gpu_usd_per_hour": "3.6", "examples": "1000", "tokens_per_example": "1000",
                             "epochs": "3", "mfu": "0.4"})
    # 1,984 and 2,381 s (the L4 case) at 0.001 USD a second.
    assert gpu.usd == pytest.approx((1.984, 2.381)) and gpu.gpu.price_source == "yours"


def test_not_fitting_says_what_would() -> None:
    """Assert a model too large for the chosen GPU names how many it needs, the method that would fit,
    and the other GPUs that hold it."""
    est = estimate_training({"method": "full", "params_billion": "8"})
    g = est.gpu
    # 8 x 16 = 128 GB of weights and Adam state, plus 0.648 + 2 GB on each GPU: on 6 GPUs
    # 21.33 + 2.65 = 23.98 GB fits in 24; on 5, 25.6 + 2.65 = 28.25 GB does not.
    assert not g.fits and g.gpus_needed == 6
    assert g.fitting_methods == ("lora", "qlora")
    assert dict(g.elsewhere) == {"l4": 6, "a100-80gb": 2, "h100-80gb": 2}  # 64 + 2.65 fits in 80
    assert "which does not hold the model" in headline(est)


def test_akoode_ranges_are_compared_and_the_gap_explained() -> None:
    """Assert the run is placed against Akoode's two ranges, and a run below them gets the number of
    such runs Akoode's low end would buy."""
    small = akoode_comparison(estimate_training({"where": "api", "provider": "fireworks",
                                                 "examples": "1000", "tokens_per_example": "1000",
                                                 "epochs": "3"}))
    assert (small["small"], small["mid"]) == ("below", "below")
    assert "would pay for this run 133 times" in small["sentences"][1]  # 200 / 1.50
    big = akoode_comparison(estimate_training({"where": "api", "provider": "other",
                                               "training_price_usd_per_mtok": "1",
                                               "examples": "100000", "tokens_per_example": "2000",
                                               "epochs": "3"}))
    assert (big["small"], big["mid"]) == ("within", "below")  # 600 USD


def test_cost_input_holds_the_run_in_whole_cents() -> None:
    """Assert the Cost estimator's ft_training_usd rounds the low end down and the high end up to the cent."""
    est = estimate_training({"examples": "1000", "tokens_per_example": "1000", "epochs": "3", "mfu": "0.4"})
    assert cost_input(est) == "0.37..0.46"
    assert calculators.estimate_cost({"ft_training_usd": cost_input(est)}).inputs["ft_training_usd"] == (0.37, 0.46)


def test_carried_inputs_read_back_to_the_same_run() -> None:
    """Assert the text the Cost estimator's address carries gives the same run again."""
    for _, inputs, _ in TRAINING_CASES:
        est = estimate_training(inputs)
        again = estimate_training(parse_carried(carried(est)))
        assert again.to_dict() == est.to_dict()
    with pytest.raises(InputError) as error:
        training_from_carried("examples=0;method=lora")
    assert error.value.field == "training" and "examples: 0 is out of range" in str(error.value)


def test_the_page_gets_the_function_s_result() -> None:
    """Assert the web bridge answers 'training' with the estimate, its HTML, and bad input by field."""
    reply = json.loads(web.handle(json.dumps({"call": "training", "args": TRAINING_CASES[2][1]})))
    assert reply["ok"] and reply["result"]["usd"] == {"low": 0.37696, "high": 0.45239}
    assert "Use as the training-run cost" in reply["html"] and "ft_training_usd=0.37..0.46" in reply["html"]
    bad = json.loads(web.handle(json.dumps({"call": "training", "args": {"gpus": "0"}})))
    assert bad == {"ok": False, "error": {"field": "gpus", "message": bad["error"]["message"]}}
    assert "from 1 to 64" in bad["error"]["message"]


# Properties over random inputs

COUNTS = st.integers(min_value=1, max_value=50_000)
SIZES = st.floats(min_value=0.5, max_value=60, allow_nan=False)
METHOD = st.sampled_from(sorted(METHODS))
GPU = st.sampled_from(sorted(TRAINING_GPUS))


def _run(examples: int, epochs: int, params: float, method: str, gpu: str, where: str = "gpu") -> tuple[float, float]:
    return estimate_training({
        "examples": str(examples), "epochs": str(epochs), "params_billion": repr(params),
        "method": method, "gpu": gpu, "gpus": "64", "where": where,
    }).usd


@given(COUNTS, COUNTS, st.integers(1, 10), SIZES, METHOD, GPU)
def test_cost_grows_with_the_examples(a: int, b: int, epochs: int, params: float, method: str, gpu: str) -> None:
    """Assert more examples never cost less, on GPUs."""
    low, high = sorted((a, b))
    cheap, dear = _run(low, epochs, params, method, gpu), _run(high, epochs, params, method, gpu)
    assert cheap[0] <= dear[0] and cheap[1] <= dear[1]


@given(COUNTS, st.integers(1, 10), st.integers(1, 10), SIZES, METHOD, GPU)
def test_cost_grows_with_the_epochs(examples: int, a: int, b: int, params: float, method: str, gpu: str) -> None:
    """Assert more epochs never cost less, on GPUs."""
    low, high = sorted((a, b))
    cheap, dear = _run(examples, low, params, method, gpu), _run(examples, high, params, method, gpu)
    assert cheap[0] <= dear[0] and cheap[1] <= dear[1]


@given(COUNTS, st.integers(1, 10), SIZES, SIZES, METHOD, GPU)
def test_cost_grows_with_the_model(examples: int, epochs: int, a: float, b: float, method: str, gpu: str) -> None:
    """Assert a larger model never costs less, on GPUs."""
    low, high = sorted((a, b))
    cheap, dear = _run(examples, epochs, low, method, gpu), _run(examples, epochs, high, method, gpu)
    assert cheap[0] <= dear[0] and cheap[1] <= dear[1]


@given(COUNTS, st.integers(1, 10), st.floats(0.5, 16, allow_nan=False), st.floats(0.5, 16, allow_nan=False))
def test_api_cost_grows_with_examples_and_model(examples: int, epochs: int, a: float, b: float) -> None:
    """Assert on an API too, more examples and a larger model never cost less."""
    low, high = sorted((a, b))
    cheap = _run(examples, epochs, low, "lora", "l4", "api")
    dear = _run(examples + 1, epochs, high, "lora", "l4", "api")
    assert cheap[0] <= dear[0] and cheap[1] <= dear[1]


@given(st.floats(0.1, 1000, allow_nan=False), st.integers(1, MAX_GPUS), st.integers(1, MAX_GPUS))
def test_qlora_never_needs_more_memory_than_lora_nor_lora_than_full(params: float, a: int, b: int) -> None:
    """Assert QLoRA never needs more memory on a GPU than LoRA, nor LoRA more than full fine-tuning."""
    gpus = tuple(sorted((a, b)))
    qlora, lora, full = (memory_per_gpu(m, (params, params), gpus)[0] for m in ("qlora", "lora", "full"))
    assert qlora[0] <= lora[0] <= full[0] and qlora[1] <= lora[1] <= full[1]


@given(COUNTS, st.integers(1, 10), SIZES, METHOD, GPU, st.integers(1, 8))
def test_billed_cost_is_the_compute_rounded_up_to_the_second(examples: int, epochs: int, params: float, method: str, gpu: str, gpus: int) -> None:
    """Assert the GPU bill is at least the GPU-hours at the price, and less than a second more on each GPU."""
    est = estimate_training({"examples": str(examples), "epochs": str(epochs), "params_billion": repr(params),
                             "method": method, "gpu": gpu, "gpus": str(gpus), "where": "gpu"})
    g = est.gpu
    per_second = TRAINING_GPU_PRICES[gpu].usd_per_second
    for hours, usd in zip(g.gpu_hours, g.usd):
        exact = hours * 3600 * per_second
        assert exact - 1e-9 <= usd <= exact + gpus * per_second + 1e-9
    assert math.isclose(sum(g.memory_parts.values()), g.memory_gb[1], abs_tol=0.01)
