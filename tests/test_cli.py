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
    result = _run("decide", "behaviour=yes", "prompting_tried=yes")
    assert result.returncode == 0
    assert result.stdout.startswith("Recommendation: Fine-tuning")


def test_decide_text_reads_in_words_with_the_gate() -> None:
    """Assert that the reasons name answers by label and sources by name, never by key, and the
    gate sentence follows the headline."""
    out = _run("decide", "own_knowledge=yes", "large_corpus=no").stdout.splitlines()
    assert out[:3] == [
        "Recommendation: Prompt engineering first",
        "Start with prompt engineering; RAG is the next step if measured results fall short.",
        "Prompt first: prompting has not been tried yet or has not fallen short, and every need you "
        "named can be met in a prompt, so measure a prompt before building anything.",
    ]
    reason = next(line for line in out if line.startswith("- Answers must come from your own data"))
    assert reason.endswith("(Your own data: yes) Sources: Haink, Hamd.")
    assert not any("own_knowledge=" in line or "[" in line for line in out)


def test_every_answer_key_is_listed_by_help_and_by_a_bare_decide() -> None:
    """Assert that `decide --help` and a bare `decide` both list every question's key with its answers."""
    listed = [_run("decide", "--help").stdout, _run("decide").stdout]
    for key, answers in [
        ("own_knowledge", "yes|no|unsure"), ("changes_often", "yes|no|unsure"), ("citations", "yes|no|unsure"),
        ("large_corpus", "yes|no|unsure"), ("behaviour", "yes|format|no|unsure"),
        ("domain_terms", "yes|no|unsure"), ("narrow_task", "yes|no|unsure"), ("low_latency", "yes|no|unsure"),
        ("high_volume", "yes|no|unsure"), ("training_examples", "yes|no|unsure"),
        ("ml_capacity", "yes|no|unsure"), ("own_network", "yes|no|unsure"),
        ("prompting_tried", "yes|costly|no|unsure"),
    ]:
        for text in listed:
            assert f"  {key}={answers}\n" in text
    assert "Questions (give each as KEY=VALUE" not in _run("decide", "citations=yes").stdout


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
