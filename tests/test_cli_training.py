"""The training command line, run as a real subprocess, and the record that carries a run."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from calculators import TRAINING_GPUS, TRAINING_PROVIDERS, estimate_training, web
from calculators.training.render import training_json
from training_cases import TRAINING_CASES

DATE = "2026-12-06"
SITE = "https://example.org/guide/"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("inputs", [pytest.param({}, id="defaults")] + [pytest.param(i, id=c) for c, i, _ in TRAINING_CASES])
def test_json_agrees_with_the_function_and_the_page(inputs: dict[str, str]) -> None:
    """Assert `training --json` prints what the function returns, which is what the page receives."""
    result = _run("training", *(f"{k}={v}" for k, v in inputs.items()), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(training_json(estimate_training(inputs))))
    page = json.loads(web.handle(json.dumps({"call": "training", "args": inputs})))["result"]
    assert data == page
    for key in ("training_tokens", "usd", "gpu_hours", "memory_gb"):
        assert set(data[key]) == {"low", "high"}
    assert isinstance(data["fits"], bool) and isinstance(data["gpus_needed"], int)


def test_help_lists_the_gpu_and_api_tables_with_sources() -> None:
    """Assert `training --help` lists every GPU with memory, peak, price and sources, and every API."""
    out = _run("training", "--help").stdout
    for key, gpu in TRAINING_GPUS.items():
        line = next(line for line in out.splitlines() if line.strip().startswith(key + " "))
        assert gpu.name in line and f"{gpu.memory_gb:g} GB" in line and gpu.source in line
        assert "price-runpod-gpu" in line and "billed by the second" in line
    for key, provider in TRAINING_PROVIDERS.items():
        assert f"{key}" in out and provider.name in out and provider.source in out
    for key in ("examples", "tokens_per_example", "epochs", "method", "params_billion", "where",
                "training_price_usd_per_mtok", "gpu", "gpus", "mfu", "gpu_usd_per_hour"):
        assert f"  {key}: " in out


def test_text_shows_the_sentence_the_steps_and_the_cost_input() -> None:
    """Assert the text output gives the headline, each step with its sources, and ft_training_usd."""
    out = _run("training", *(f"{k}={v}" for k, v in TRAINING_CASES[2][1].items())).stdout
    assert out.startswith("About 0.55–0.66 GPU-hours on one NVIDIA L4 (0.38–0.45 USD)")
    assert "Compute: k × parameters × tokens" in out and "[ref-kaplan]" in out and "[ref-lora]" in out
    assert out.rstrip().endswith("ft_training_usd=0.37..0.46")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["examples=0"], "examples"),
        (["gpu=v100"], "gpu"),
        (["where=api", "provider=acme"], "provider"),
        (["where=api", "method=qlora"], "method"),
        (["params_billion=900", "method=full"], "params_billion"),
        (["epochs"], "epochs"),
        (["--json", "--format", "markdown"], "--format"),
    ],
)
def test_bad_input_exits_2_naming_the_field(args: list[str], named: str) -> None:
    """Assert bad input exits 2 with one line on stderr naming the field, and no traceback."""
    result = _run("training", *args)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in result.stderr


def test_markdown_is_a_record_of_the_run() -> None:
    """Assert `training --format markdown` is a dated record with the inputs, the steps and a link back."""
    result = _run("training", "method=full", "params_billion=70", "gpu=h100-80gb", "gpus=16",
                  "--format", "markdown", "--date", DATE, "--site-url", SITE)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Training-run cost: 70B model, full fine-tuning\n\n- Date: 2026-12-06\n")
    assert "| Model size | 70 | billions of parameters | set | assumption |" in text
    assert "| Memory on each GPU |" in text and "ref-zero" in text
    assert f"({SITE}training-cost/?method=full&params_billion=70&gpu=h100-80gb&gpus=16)" in text


def test_cost_record_with_a_carried_run_is_the_pages_record() -> None:
    """Assert `cost --format markdown --training` gives the bytes the Cost page's record gives for the same address,
    with the run's section, and the Cost estimator link carrying the run again."""
    carried = "examples=1000;tokens_per_example=1000;epochs=3;mfu=0.4"
    inputs = {"ft_training_usd": "0.37..0.46"}
    result = _run("cost", "ft_training_usd=0.37..0.46", "--format", "markdown", f"--training={carried}",
                  "--date", DATE, "--site-url", SITE)
    assert result.returncode == 0, result.stderr
    request = {"answers": None, "inputs": inputs, "date": DATE, "site_url": SITE, "training": carried}
    page = json.loads(web.handle(json.dumps({"call": "record", "args": request})))["markdown"]
    assert result.stdout == page
    assert "### The training run" in page
    assert "The Cost estimator's training run (`ft_training_usd`) is this run's 0.37–0.46 USD." in page
    # examples=1000 is the default, so the link carries the three inputs that differ.
    assert "&training=tokens_per_example%3D1000%3Bepochs%3D3%3Bmfu%3D0.4)" in page


def test_a_changed_training_input_is_flagged_in_the_record() -> None:
    """Assert the record says so when the Cost estimator's training run is no longer the carried run's."""
    request = {"answers": None, "inputs": {"ft_training_usd": "500"}, "date": DATE, "site_url": SITE, "training": ""}
    page = json.loads(web.handle(json.dumps({"call": "record", "args": request})))["markdown"]
    assert "is 500 USD, not this run's 0.07–1.70 USD: it was changed after the run was carried over." in page


def test_a_bad_carried_run_exits_2_naming_training() -> None:
    """Assert a carried run the calculator refuses is named as `training` with the input at fault."""
    result = _run("record", "--training=gpus=0")
    assert result.returncode == 2 and "training" in result.stderr and "gpus" in result.stderr


def test_the_decide_and_cost_start_never_imports_the_training_package() -> None:
    """Assert that importing the calculators as the snapshot does and answering the Decide and Cost
    pages' calls (a record included) loads no module of calculators.training; a training call does."""
    code = (
        "import json, sys, calculators, calculators.web as web\n"
        "for call, args in (('decide', {}), ('cost', {}), ('cost-inputs-from-decision', {}),\n"
        "                   ('record', {'answers': {}, 'inputs': {}, 'date': '2026-12-06', 'site_url': 'https://e.org/'})):\n"
        "    assert json.loads(web.handle(json.dumps({'call': call, 'args': args})))['ok']\n"
        "before = sorted(m for m in sys.modules if m.startswith('calculators.training'))\n"
        "web.handle(json.dumps({'call': 'training', 'args': {}}))\n"
        "after = sorted(m for m in sys.modules if m.startswith('calculators.training'))\n"
        "print(json.dumps([before, after]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = json.loads(result.stdout)
    assert before == [] and "calculators.training.engine" in after
