"""Shared fixtures; inside Pyodide only the pure unit tests are collected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Inside Pyodide there are no subprocesses, no MkDocs and no browser: only the
# tests of the calculators themselves run there.
if sys.platform == "emscripten":
    collect_ignore = ["browser", "pyodide", "test_cli.py", "test_content.py", "test_hooks.py", "test_pyodide.py"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once per test session into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return site
