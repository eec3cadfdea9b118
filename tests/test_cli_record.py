"""The decision record on the command line, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import PRESETS, web

DATE = "2026-11-27"
SITE = "https://example.org/guide/"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args], capture_output=True, text=True, check=False
    )


def _page(answers: dict | None, inputs: dict | None) -> str:
    request = {"answers": answers, "inputs": inputs, "date": DATE, "site_url": SITE}
    return json.loads(web.handle(json.dumps({"call": "record", "args": request})))["markdown"]


ENTERPRISE = PRESETS["enterprise-assistant"].inputs


@pytest.mark.parametrize(
    ("args", "answers", "inputs"),
    [
        (["decide", "citations=yes", "behaviour=yes", "--format", "markdown"], {"citations": "yes", "behaviour": "yes"}, None),
        (["cost", *(f"{k}={v}" for k, v in ENTERPRISE.items()), "--format", "markdown"], None, ENTERPRISE),
        (["record", "high_volume=yes", "narrow_task=yes", "queries_per_month=3000000"], {"high_volume": "yes", "narrow_task": "yes"}, {"queries_per_month": "3000000"}),
    ],
)
def test_command_line_markdown_is_the_pages_markdown(args: list[str], answers: dict | None, inputs: dict | None) -> None:
    """Assert that the CLI prints byte for byte what the page gets from calculators.web."""
    result = _run(*args, "--date", DATE, "--site-url", SITE)
    assert result.returncode == 0, result.stderr
    assert result.stdout == _page(answers, inputs)


def test_record_with_scenarios_is_the_pages_record() -> None:
    """Assert that record --scenario gives the bytes the Cost page's record gives with those pins."""
    pins = ["Base:", "Busy:queries_per_month=1000000"]
    result = _run("record", "citations=yes", *(f"--scenario={p}" for p in pins), "--date", DATE, "--site-url", SITE)
    assert result.returncode == 0, result.stderr
    request = {"answers": {"citations": "yes"}, "inputs": {}, "date": DATE, "site_url": SITE, "scenarios": pins}
    assert result.stdout == json.loads(web.handle(json.dumps({"call": "record", "args": request})))["markdown"]
    assert "### Scenarios compared" in result.stdout


def test_a_broken_scenario_exits_2_naming_it_and_the_field() -> None:
    """Assert that record --scenario with a bad value exits 2 naming the field and the scenario."""
    result = _run("record", "--scenario=Busy:queries_per_month=lots")
    assert result.returncode == 2 and "queries_per_month" in result.stderr and "Busy" in result.stderr


def test_record_writes_the_document_to_a_file(tmp_path: Path) -> None:
    """Assert that record --output writes the same document and prints nothing."""
    target = tmp_path / "decision.md"
    result = _run("record", "citations=yes", "--date", DATE, "--site-url", SITE, "--output", str(target))
    assert result.returncode == 0 and result.stdout == ""
    assert target.read_bytes() == _page({"citations": "yes"}, {}).encode()


def test_site_url_comes_from_the_environment_without_the_option() -> None:
    """Assert that SITE_URL (as `make dist` sets it) is where links point by default."""
    result = subprocess.run(
        [sys.executable, "-m", "calculators", "decide", "--format", "markdown", "--date", DATE],
        capture_output=True, text=True, check=False, env={"SITE_URL": "https://intranet.example/rft/", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "(https://intranet.example/rft/decide/)" in result.stdout


def test_json_is_unchanged_by_the_markdown_option() -> None:
    """Assert that --json still prints the result dict, not Markdown."""
    result = _run("cost", "--json")
    assert result.returncode == 0 and "horizon_months" in json.loads(result.stdout)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["decide", "--format", "markdown", "--date", "2026-02-30"], "date"),
        (["cost", "--format", "markdown", "--site-url", "intranet/guide"], "site_url"),
        (["record", "citations=perhaps"], "citations"),
        (["record", "queries_per_month=lots"], "queries_per_month"),
        (["record", "colour=blue"], "colour"),
        (["decide", "--json", "--format", "markdown"], "--format"),
    ],
)
def test_bad_input_exits_2_naming_the_field(args: list[str], named: str) -> None:
    """Assert that bad input exits 2 with one line on stderr naming the field, no traceback."""
    result = _run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in result.stderr
