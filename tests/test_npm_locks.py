"""The npm lock files install with npm 9.2, Debian 12's and Debian 13's npm.

npm 9.2 cannot apply an ``overrides`` entry to a dependency asked for by a
tag (``"latest"``): it stops with "Invalid comparator: latest". And without a
registry address (``resolved``) in the lock file, it looks such a tag up
again and finds the lock out of date as soon as a newer release is out.
Lighthouse's trace engine asks for two packages by ``"latest"``, so
``make bench`` needs a lock that names every package's address and no
overrides; ``bench/.npmrc`` keeps the addresses when the lock is regenerated.
Checked with ``npx npm@9.2.0 ci`` (and npm 10.9 and 11.19) on 2026-12-06.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tag_requests(lock: dict) -> list[str]:
    """Every dependency in ``lock`` asked for by a dist-tag rather than a version range."""
    return [f"{path} -> {name}@{spec}" for path, entry in lock["packages"].items()
            for name, spec in (entry.get("dependencies") or {}).items() if spec in ("latest", "next")]


@pytest.mark.parametrize("folder", [".", "bench"])
def test_a_lock_with_tag_requests_names_every_address_and_no_overrides(folder: str) -> None:
    """Assert that where a lock file holds a "latest" request, every package in it has a
    registry address and package.json has no overrides, so npm 9.2's `npm ci` accepts it."""
    lock = json.loads((ROOT / folder / "package-lock.json").read_text())
    manifest = json.loads((ROOT / folder / "package.json").read_text())
    if not _tag_requests(lock):
        return  # npm 9.2 is content with overrides and bare locks alike
    assert "overrides" not in manifest
    unresolved = [path for path, entry in lock["packages"].items()
                  if path and not entry.get("resolved", "").startswith("https://registry.npmjs.org/")]
    assert unresolved == []
    assert "omit-lockfile-registry-resolved=false" in (ROOT / folder / ".npmrc").read_text().splitlines()
