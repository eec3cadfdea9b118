"""The trimmed standard library the site ships holds everything the calculators import.

The build ships only part of Pyodide's standard library (see
docs/.hooks/pyodide_assets.py). These tests fail when a change to the
calculators imports something outside it: natively, by reading every import
statement of the modules the page loads, and inside Pyodide under Node, by
starting Python with only that zip and answering every shared case, which
must give the same replies as the native run.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from calculators import web

from cost_cases import COST_CASES
from decision_cases import DECISION_CASES
from training_cases import TRAINING_CASES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "calculators"
#: Modules of the package the page never loads: the command line only.
COMMAND_LINE = {"cli.py", "__main__.py", "training/cli.py"}


def _manifest(site: Path) -> dict:
    text = (site / "javascripts" / "python-assets.mjs").read_text(encoding="utf-8")
    return json.loads(text.split("export default", 1)[1].rstrip().rstrip(";"))


def _requests() -> list[dict]:
    """One request per shared case, plus each kind of bad input."""
    requests = [{"call": "decide", "args": answers} for _, answers, _ in DECISION_CASES]
    requests += [{"call": "cost", "args": inputs} for _, inputs, *_ in COST_CASES]
    requests += [{"call": "cost-inputs-from-decision", "args": answers} for _, answers, _ in DECISION_CASES[:3]]
    requests += [
        {"call": "record", "args": {"answers": answers, "inputs": inputs, "date": "2026-11-27", "site_url": "https://example.org/guide/"}}
        for (_, answers, _), (_, inputs, *_) in zip(DECISION_CASES, COST_CASES)
    ]
    requests += [{"call": "scenarios", "args": {"scenarios": ["Base:", "Busy:queries_per_month=1000000", "Bad:queries_per_month=x"]}}]
    requests += [{"call": "training", "args": inputs} for _, inputs, _ in TRAINING_CASES]
    requests += [{"call": "record", "args": {"answers": None, "inputs": {}, "date": "2026-12-06",
                                             "site_url": "https://example.org/guide/", "training": "gpus=2"}}]
    requests += [
        {"call": "decide", "args": {"no_such_question": "yes"}},
        {"call": "cost", "args": {"queries_per_month": "-1"}},
        {"call": "no-such-call", "args": {}},
    ]
    return requests


@pytest.fixture(scope="module")
def shipped(built_site: Path) -> tuple[Path, Path]:
    """The built site's trimmed stdlib zip and calculators zip."""
    manifest = _manifest(built_site)
    base = built_site / "javascripts"
    return (base / manifest["stdlibZip"]).resolve(), (base / manifest["calculatorsZip"]).resolve()


@pytest.fixture(scope="module")
def pyodide_run(shipped: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The Node runner's output: replies to _requests(), and the modules built into Pyodide or loaded."""
    node = shutil.which("node")
    assert node, "Node.js is needed for the Pyodide tests"
    requests = tmp_path_factory.mktemp("stdlib") / "requests.json"
    requests.write_text(json.dumps(_requests()))
    result = subprocess.run(
        [node, "tests/pyodide/stdlib.mjs", *map(str, shipped), str(requests)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_shipped_stdlib_is_a_small_part_of_pyodides(shipped: tuple[Path, Path]) -> None:
    """Assert that the trimmed zip is under half of Pyodide's and holds only its files, unchanged."""
    full_path = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
    with zipfile.ZipFile(shipped[0]) as trimmed, zipfile.ZipFile(full_path) as full:
        names = trimmed.namelist()
        assert names and set(names) <= set(full.namelist())
        for name in names:
            assert trimmed.read(name) == full.read(name), name
    assert shipped[0].stat().st_size < full_path.stat().st_size / 2


def test_calculators_answer_alike_in_pyodide_with_only_the_shipped_stdlib(pyodide_run: dict) -> None:
    """Assert that every shared case gets, in Pyodide with the trimmed stdlib, the native reply."""
    requests = _requests()
    assert len(pyodide_run["replies"]) == len(requests)
    for request, reply in zip(requests, pyodide_run["replies"]):
        assert json.loads(reply) == json.loads(web.handle(json.dumps(request))), request


def test_every_import_of_the_calculators_is_shipped(shipped: tuple[Path, Path], pyodide_run: dict) -> None:
    """Assert that each module any page-side calculators file imports, even inside a function,
    is in the trimmed zip, or built into Pyodide (or frozen, as ``collections.abc`` is)."""
    with zipfile.ZipFile(shipped[0]) as trimmed:
        members = set(trimmed.namelist())
    builtins = set(pyodide_run["loaded"])
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() in COMMAND_LINE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue  # relative imports stay inside the package
            for name in names:
                parts = name.split(".")
                # The module and each package above it must be importable.
                for depth in range(1, len(parts) + 1):
                    dotted = ".".join(parts[:depth])
                    stem = "/".join(parts[:depth])
                    if dotted not in builtins and not {f"{stem}.py", f"{stem}/__init__.py"} & members:
                        missing.append(f"{path.name}: {dotted}")
    assert missing == [], f"imported but not in the shipped stdlib: {missing}"
