"""Shared fixtures; inside Pyodide only the pure unit tests are collected."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: the tests assert behaviour, never speed (that is
# `make bench`'s job), and a busy shared machine made hypothesis's default
# 200 ms deadline fail now and then.
settings.register_profile("no-deadline", deadline=None)
# `make mutation` runs the suite once per mutant: fewer examples each time.
settings.register_profile("mutation", deadline=None, max_examples=10)
settings.load_profile(os.environ.get("RFT_HYPOTHESIS_PROFILE", "no-deadline"))

ROOT = Path(__file__).resolve().parent.parent

# Inside Pyodide there are no subprocesses, no MkDocs and no browser: only the
# tests of the calculators themselves run there.
if sys.platform == "emscripten":
    collect_ignore = ["browser", "pyodide", "test_cli.py", "test_cli_cost.py", "test_cli_record.py", "test_cli_training.py", "test_content.py", "test_cost_pages.py", "test_figure_check.py", "test_hooks.py", "test_pyodide.py", "test_snapshot_delta.py", "test_stdlib.py", "test_studies_page.py", "test_system_packages.py"]


#: The site is served below this path in the tests, as on GitHub Pages or an intranet host.
SUB_PATH = "/guide/"


@pytest.fixture(scope="session")
def sub_path() -> str:
    """The path the test servers serve the site under."""
    return SUB_PATH


@pytest.fixture(scope="session")
def site_port() -> int:
    """A free port on 127.0.0.1 for the test server, known before the build."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """Build the site once per test session, for http://127.0.0.1:PORT/guide/.

    ``site_url`` must match where the site is served for Material's instant
    navigation to work, so the build is told the test server's address.
    """
    site = tmp_path_factory.mktemp("site")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": f"http://127.0.0.1:{site_port}{SUB_PATH}",
    }
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


@pytest.fixture(scope="session")
def nginx_serve() -> Iterator[Callable[[Path], str]]:
    """A function that serves a site folder with deploy/nginx.conf under /guide/ and returns its URL.

    Each nginx runs until the test session ends (deploy/local_nginx.py); a
    missing or failing nginx fails the test with nginx's own message.
    """
    sys.path.insert(0, str(ROOT / "deploy"))
    import local_nginx  # a script folder, not a package

    with contextlib.ExitStack() as stack:
        def serve(site: Path) -> str:
            try:
                return stack.enter_context(local_nginx.serve(site))
            except local_nginx.NginxError as error:
                pytest.fail(str(error))

        yield serve


@pytest.fixture(scope="session")
def nginx_url(built_site: Path, nginx_serve: Callable[[Path], str]) -> str:
    """The built site behind nginx with deploy/nginx.conf, e.g. ``http://127.0.0.1:PORT/guide/``."""
    return nginx_serve(built_site)
