"""engines.lacks: what each engine is expected to lack, WebKitGTK's JSPI by its version; no browser runs.

WebKitGTK 2.50.6 (Debian 12) lacks JSPI and 2.54.3 (Debian 13) has it (both
seen 2026-12-06), so the cross-engine check expects JSPI's fallback in WebKit
on Debian 12 only. The installed version is read when asked for, never when
engines.py is imported.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engines import MINIBROWSER, lacks, webkitgtk_version

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("engine", "webkitgtk", "expected"), [
    ("chromium", (2, 50, 6), set()),
    ("firefox", (2, 50, 6), set()),
    ("webkit", (2, 50, 6), {"jspi", "requestIdleCallback"}),  # Debian 12
    ("webkit", (2, 53, 90), {"jspi", "requestIdleCallback"}),  # a development release before 2.54
    ("webkit", (2, 54), {"requestIdleCallback"}),
    ("webkit", (2, 54, 3), {"requestIdleCallback"}),  # Debian 13
    ("webkit", (3, 0), {"requestIdleCallback"}),
    ("webkit", (), {"jspi", "requestIdleCallback"}),  # version unknown: JSPI not expected
])
def test_lacks_by_engine_and_webkitgtk_version(engine: str, webkitgtk: tuple[int, ...], expected: set[str]) -> None:
    """Assert each engine's expected gaps, WebKit's JSPI only before WebKitGTK 2.54."""
    assert lacks(engine, webkitgtk) == expected


def test_lacks_returns_a_copy() -> None:
    """Assert that changing the set lacks() returns leaves the next answer as it was."""
    lacks("webkit", (2, 50, 6)).clear()
    assert lacks("webkit", (2, 50, 6)) == {"jspi", "requestIdleCallback"}


def test_lacks_refuses_an_unknown_engine() -> None:
    """Assert that an engine outside ENGINES raises KeyError naming it."""
    with pytest.raises(KeyError, match="safari"):
        lacks("safari", (2, 54, 3))


def test_importing_engines_probes_nothing() -> None:
    """Assert that importing engines.py runs no program and reads no package: system_packages is not loaded."""
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); import engines;"
             " print(sorted(m for m in ('system_packages', 'subprocess', 'selenium') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, str(ROOT / "tests" / "browser")],
                            capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(not (os.path.exists(MINIBROWSER) and shutil.which("dpkg-query")),
                    reason="no WebKitGTK MiniBrowser from a Debian package here")
def test_webkitgtk_version_is_the_installed_package() -> None:
    """Assert that webkitgtk_version() gives the upstream version of the package holding MiniBrowser,
    as dpkg-query reports it for that package by name (e.g. 2.50.6-1~deb12u2 -> (2, 50, 6))."""
    package = "libwebkit2gtk-4.1-0"
    shown = subprocess.run(["dpkg-query", "--show", "--showformat=${Version}", package],
                           capture_output=True, text=True, check=True).stdout
    upstream = re.fullmatch(r"(?:\d+:)?(\d+(?:\.\d+)+)-.*", shown.strip())
    assert upstream, shown
    assert webkitgtk_version() == tuple(int(part) for part in upstream.group(1).split("."))
