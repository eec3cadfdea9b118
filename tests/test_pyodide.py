"""Run the calculators' unit tests a second time, inside Pyodide under Node.

The test packages come from this virtual environment (pure-Python
distributions only), so Pyodide runs the same pytest and hypothesis versions
as the native run, and nothing is downloaded.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: pytest, hypothesis and everything they import at run time.
TEST_DISTRIBUTIONS = (
    "pytest",
    "pluggy",
    "iniconfig",
    "packaging",
    "pygments",
    "hypothesis",
    "sortedcontainers",
)


def _pure_python_zip(target: Path) -> Path:
    """Zip the test distributions' installed files, as laid out in site-packages."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in TEST_DISTRIBUTIONS:
            dist = importlib.metadata.distribution(name)
            wheel = dist.read_text("WHEEL") or ""
            assert "Root-Is-Purelib: true" in wheel, f"{name} is not pure Python; Pyodide cannot load it"
            for file in dist.files or ():
                if file.parts[0].startswith("..") or file.suffix == ".pyc":
                    continue  # console scripts and byte code
                archive.write(file.locate(), file.as_posix())
    return target


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    assert path, "Node.js 18 or newer is needed for the Pyodide tests"
    assert (ROOT / "node_modules" / "pyodide").is_dir(), "run `npm ci` (make test does)"
    return path


def test_unit_tests_pass_inside_pyodide(node: str, tmp_path: Path) -> None:
    """Assert that every calculators unit test passes under Pyodide, and that some ran."""
    packages = _pure_python_zip(tmp_path / "test-packages.zip")
    result = subprocess.run(
        [node, "tests/pyodide/run.mjs", str(packages), "-q", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    passed = re.search(r"(\d+) passed", output)
    assert passed and int(passed.group(1)) > 0, output[-4000:]
    assert not re.search(r"\d+ (failed|errors?)\b", output), output[-4000:]
    print(output.strip().splitlines()[-1])
