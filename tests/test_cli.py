"""The command line, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from calculators import recommend
from decision_cases import DECISION_CASES


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("answers", "approach"),
    [pytest.param(a, ap, id=case) for case, a, ap in DECISION_CASES],
)
def test_decide_json_agrees_with_the_function(answers: dict[str, str], approach: str) -> None:
    """Assert that `decide --json` prints what recommend() returns for each case."""
    result = _run("decide", *(f"{k}={v}" for k, v in answers.items()), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["approach"] == approach
    assert data == recommend(answers).to_dict()


def test_decide_json_adds_basis_and_headline() -> None:
    """Assert that --json keeps its keys and adds the basis and the headline."""
    data = json.loads(_run("decide", "--json").stdout)
    assert {"approach", "title", "answers", "scores", "reasons", "steps", "caveats"} < set(data)
    assert data["basis"] == "default" and "default" in data["headline"]


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_reader_that_stops_early_gets_no_traceback(json_flag: list[str]) -> None:
    """Assert that `decide ... | head -1` (stdout closed before the write) exits 0, silently."""
    process = subprocess.Popen(
        [sys.executable, "-m", "calculators", "decide", "behaviour=yes", *json_flag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # like `head -1` exiting before Python writes
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 0, stderr
    assert stderr == ""


def test_decide_text_names_the_approach() -> None:
    """Assert that the text output starts with the recommendation's title."""
    result = _run("decide", "behaviour=yes")
    assert result.returncode == 0
    assert result.stdout.startswith("Recommendation: Fine-tuning")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["decide", "citations=perhaps"], "citations"),
        (["decide", "colour=yes"], "colour"),
        (["decide", "citations"], "citations"),
        (["decide", "citations=yes", "citations=no"], "citations"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], named: str) -> None:
    """Assert that bad input exits with status 2 and one line naming the key, no traceback."""
    result = _run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0]
    assert "Traceback" not in result.stderr
