"""scripts/debian_root.py: the parts that need no root (apt sources, the mmdebstrap command)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import debian_root as dr  # noqa: E402  (a script folder, not a package)

#: A deb822 file like Debian 12's default, with a commented snapshot address.
DEB822 = """\
Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main

Types: deb
URIs: https://off.example/apt
Suites: nodistro
Components: main
Enabled: no
"""
ONE_LINE = """\
# a comment
deb-src http://src.example/debian bookworm main
deb [arch=amd64] https://deb.nodesource.example/node_20.x nodistro main
"""


def test_apt_sources_reads_deb822_and_one_line_files() -> None:
    """Assert that deb stanzas and lines are read with their suites, and deb-src and disabled stanzas are not."""
    assert dr.apt_sources([DEB822, ONE_LINE]) == [
        ("http://mirror.example/debian", ["bookworm", "bookworm-updates"]),
        ("http://mirror.example/debian-security", ["bookworm-security"]),
        ("https://deb.nodesource.example/node_20.x", ["nodistro"]),
    ]


def test_mirrors_are_the_host_s_for_its_release_else_debian_s() -> None:
    """Assert that the archive and security mirrors come from the stanzas naming the host's
    codename, and default to deb.debian.org when none does."""
    sources = dr.apt_sources([DEB822])
    assert dr.mirrors(sources, "bookworm") == ("http://mirror.example/debian", "http://mirror.example/debian-security")
    assert dr.mirrors(sources, "trixie") == ("http://deb.debian.org/debian", "http://deb.debian.org/debian-security")


def test_mmdebstrap_builds_a_minbase_root_with_the_readme_s_packages() -> None:
    """Assert that the root is minbase with python3, nodejs, npm, make, git and ca-certificates,
    from the release's main, -updates and -security suites, signed by Debian's keyring."""
    command = dr.mmdebstrap_command("trixie", Path("/var/tmp/r"), "http://m/debian", "http://m/debian-security")
    assert command[:3] == ["mmdebstrap", "--variant=minbase", "--include=python3,nodejs,npm,make,git,ca-certificates"]
    signed = "[signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]"
    assert command[-5:] == [
        "trixie", "/var/tmp/r",
        f"deb {signed} http://m/debian trixie main",
        f"deb {signed} http://m/debian trixie-updates main",
        f"deb {signed} http://m/debian-security trixie-security main",
    ]
