"""Check, and install through apt-get, the system packages that `make` targets need.

Usage: ``python3 scripts/system_packages.py {build,test} [--dry-run]``

``build`` (what ``make serve`` and ``make build`` need) checks Python's venv
module (Debian's ``python3-venv``), Node.js and npm. ``test`` (``make test``
and ``make bench``) adds the browsers and servers the tests drive: Chromium,
Firefox ESR, WebKitGTK's WebDriver and MiniBrowser, Xvfb, xauth, nginx and
its brotli_static module.

Each program is looked for at a path that an environment variable can
override (``CHROMIUM_PATH``, ``FIREFOX_PATH``, ``WEBKIT_DRIVER_PATH``,
``MINIBROWSER_PATH``, ``NGINX_PATH``, ``NGINX_BROTLI_MODULE``, ...). What is
missing is installed with ``apt-get install`` when this runs as root or with
a ``sudo`` that needs no password (or can ask on a terminal). Otherwise the
script prints one line naming the exact command to run and exits with
status 2, before any test runs. A path set in the environment that does not
exist is never "fixed" by apt: the message names the variable instead.
``--dry-run`` prints what would be run and changes nothing.

When everything is there, one line says which versions it found (Python,
Node.js and npm; with ``test`` also Chromium, Firefox ESR, WebKitGTK and
nginx), and a Python or Node.js older than the project allows
(``requires-python`` in pyproject.toml, ``engines`` in package.json) stops
with status 2 naming both versions.

Package names and paths are those of Debian 12 (bookworm) and Debian 13
(trixie), checked with ``apt-cache policy`` and the packages' file lists in
clean roots of both (``scripts/debian_root.py``) on 2026-12-06. One name
differs: Debian 13 ships WebKitWebDriver in ``webkitgtk-webdriver``, and its
``webkit2gtk-driver`` is only a transitional package, so from Debian 13 on
(``/etc/os-release``) the new name is asked for.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Need:
    """One Debian package and how to tell it is there.

    ``env`` names the variable that overrides ``path``; ``path`` is an
    absolute file path, or a bare program name looked up on ``PATH``. A Need
    with ``check`` set is tested by that function instead of a path.
    ``label`` names the program in the versions line; its version comes from
    running it with ``version_flag``, or, with no flag, from the Debian
    package that owns the file (``dpkg-query``). ``minimum`` is the oldest
    version allowed, as a tuple of ints.
    """

    package: str
    path: str = ""
    env: str = ""
    check: Callable[[], bool] | None = None
    label: str = ""
    version_flag: str = ""
    minimum: tuple[int, ...] = ()
    version: Callable[[], str] | None = None
    #: The package's name from a Debian release on: ``(13, "new-name")``.
    renamed: tuple[int, str] | None = None

    def package_on(self, release: int | None) -> str:
        """The package's name on Debian ``release`` (None: not Debian, or unknown: the Debian 12 name)."""
        if self.renamed and release is not None and release >= self.renamed[0]:
            return self.renamed[1]
        return self.package


def _has_venv() -> bool:
    # Debian splits ensurepip out of python3 into python3-venv; without it
    # `python3 -m venv` fails halfway through.
    return importlib.util.find_spec("ensurepip") is not None and importlib.util.find_spec("venv") is not None


def _minimum(text: str, pattern: str) -> tuple[int, ...]:
    """The version after ``>=`` that ``pattern`` finds in ``text``, as ints."""
    found = re.search(pattern, text, re.MULTILINE)
    if found is None:
        raise ValueError(f"no '>=' version matching {pattern!r}")
    return tuple(int(part) for part in found.group(1).split("."))


#: The oldest Python and Node.js the project allows, read from where they are written.
PYTHON_MINIMUM = _minimum((ROOT / "pyproject.toml").read_text(), r'^requires-python\s*=\s*">=\s*([\d.]+)"')
NODE_MINIMUM = _minimum(json.loads((ROOT / "package.json").read_text())["engines"]["node"], r">=\s*([\d.]+)")

BUILD: tuple[Need, ...] = (
    Need("python3-venv", check=_has_venv, label="Python", minimum=PYTHON_MINIMUM, version=platform.python_version),
    Need("nodejs", "node", label="Node.js", version_flag="--version", minimum=NODE_MINIMUM),
    Need("npm", "npm", label="npm", version_flag="--version"),
)

TEST: tuple[Need, ...] = BUILD + (
    Need("chromium", "/usr/bin/chromium", "CHROMIUM_PATH", label="Chromium", version_flag="--version"),
    Need("firefox-esr", "/usr/bin/firefox-esr", "FIREFOX_PATH", label="Firefox", version_flag="--version"),
    Need("webkit2gtk-driver", "/usr/bin/WebKitWebDriver", "WEBKIT_DRIVER_PATH", renamed=(13, "webkitgtk-webdriver")),
    # WebKitWebDriver has no --version: WebKitGTK's version is its package's.
    Need("libwebkit2gtk-4.1-0", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "MINIBROWSER_PATH", label="WebKitGTK"),
    Need("xvfb", "/usr/bin/Xvfb", "XVFB_PATH"),
    Need("xauth", "/usr/bin/xauth", "XAUTH_PATH"),
    Need("nginx", "/usr/sbin/nginx", "NGINX_PATH", label="nginx", version_flag="-v"),
    Need("libnginx-mod-http-brotli-static", "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so", "NGINX_BROTLI_MODULE"),
)

PROFILES = {"build": BUILD, "test": TEST}


@dataclass(frozen=True)
class Report:
    """What is missing: Debian packages apt can add, and overridden paths it cannot."""

    packages: list[str]
    bad_overrides: list[str]


def debian_release(os_release: str) -> int | None:
    """The Debian major release that ``/etc/os-release``'s text names (99 for testing and
    unstable, which have no VERSION_ID); None for another distribution."""
    fields = dict(re.findall(r'^(\w+)=["\']?([^"\'\n]*)', os_release, re.MULTILINE))
    if fields.get("ID") != "debian":
        return None
    version = fields.get("VERSION_ID", "")
    return int(version.split(".")[0]) if version[:1].isdigit() else 99


def _read_os_release() -> str:
    try:
        return Path("/etc/os-release").read_text()
    except OSError:
        return ""


def missing(needs: Sequence[Need], environ: Mapping[str, str] = os.environ, release: int | None = None) -> Report:
    """Return the packages in ``needs`` that are absent from this machine.

    Packages are named as Debian ``release`` names them. A path overridden
    in ``environ`` that does not exist is listed in ``bad_overrides`` as
    ``"VAR=value"`` rather than as a package.
    """
    packages: list[str] = []
    bad: list[str] = []
    for need in needs:
        if need.check is not None:
            if not need.check():
                packages.append(need.package_on(release))
            continue
        if _found(need, environ):
            continue
        override = environ.get(need.env) if need.env else None
        if override:
            bad.append(f"{need.env}={override}")
        else:
            packages.append(need.package_on(release))
    return Report(packages, bad)


def _found(need: Need, environ: Mapping[str, str]) -> str | None:
    """The file that satisfies ``need`` (its override, else its default path or name on PATH), or None."""
    path = (environ.get(need.env) if need.env else None) or need.path
    if os.sep not in path:
        return shutil.which(path, path=environ.get("PATH"))
    return path if os.path.exists(path) else None


def found_versions(needs: Sequence[Need], environ: Mapping[str, str] = os.environ,
                   probe: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> list[tuple[Need, str]]:
    """The version of each labelled need that is present, as ``(need, "1.2.3")``.

    The version is the first dotted number the program prints for its
    ``version_flag`` (stdout first, then stderr), or the upstream part of the
    version of the Debian package that owns its file; ``""`` when neither
    says.
    """
    versions: list[tuple[Need, str]] = []
    for need in needs:
        if not need.label:
            continue
        if need.version is not None:
            versions.append((need, need.version()))
            continue
        path = _found(need, environ)
        if path is None:
            continue
        if need.version_flag:
            text = _output(probe, [path, need.version_flag])
        else:
            owner = _output(probe, ["dpkg-query", "--search", os.path.realpath(path)]).split(":")[0].strip()
            text = _output(probe, ["dpkg-query", "--show", "--showformat=${Version}", owner]).split(":")[-1] if owner else ""
        match = re.search(r"\d+(?:\.\d+)+(?:esr)?", text)
        versions.append((need, match.group(0) if match else ""))
    return versions


def _output(probe: Callable[..., subprocess.CompletedProcess], command: list[str]) -> str:
    """What ``command`` prints, stdout before stderr; ``""`` when it cannot run in 30 s."""
    try:
        result = probe(command, capture_output=True, text=True, timeout=30, check=False,
                       stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return f"{result.stdout}\n{result.stderr}"


def too_old(versions: Sequence[tuple[Need, str]]) -> list[str]:
    """One phrase per need whose version is below its ``minimum``, naming both versions."""
    old: list[str] = []
    for need, version in versions:
        if not need.minimum or not version:
            continue
        have = tuple(int(part) for part in re.findall(r"\d+", version))
        if have[:len(need.minimum)] < need.minimum:
            wanted = ".".join(map(str, need.minimum))
            old.append(f"{need.label} {version} is older than the {wanted} this project needs")
    return old


def install_command(packages: Sequence[str], *, is_root: bool) -> list[str]:
    """The apt-get command line that installs ``packages`` (with ``sudo`` unless root)."""
    return _elevated(["apt-get", "install", "-y", "--no-install-recommends", *packages], is_root)


def _elevated(command: list[str], is_root: bool) -> list[str]:
    return command if is_root else ["sudo", "env", "DEBIAN_FRONTEND=noninteractive", *command]


def can_elevate(is_root: bool, run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> bool:
    """Whether apt-get can run: as root, through a password-less sudo, or a sudo that can ask on a terminal."""
    if is_root:
        return True
    if shutil.which("sudo") is None:
        return False
    if run(["sudo", "-n", "true"], capture_output=True, check=False).returncode == 0:
        return True
    return sys.stdin.isatty()


def main(argv: Sequence[str] | None = None, *, environ: Mapping[str, str] = os.environ,
         is_root: bool | None = None, run: Callable[..., subprocess.CompletedProcess] = subprocess.run,
         probe: Callable[..., subprocess.CompletedProcess] = subprocess.run, os_release: str | None = None) -> int:
    """Check the profile's packages and install what is missing; return the exit status (0, or 2).

    ``run`` runs sudo and apt-get, ``probe`` the version queries (both
    ``subprocess.run`` unless a test stands in); ``os_release`` is the text
    of the ``/etc/os-release`` whose Debian release names the packages
    (default: this machine's).
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", choices=sorted(PROFILES), help="what the packages are for: build (make serve/build) or test (make test/bench)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be installed and change nothing")
    args = parser.parse_args(argv)
    release = debian_release(_read_os_release() if os_release is None else os_release)
    report = missing(PROFILES[args.profile], environ, release)
    if report.bad_overrides:
        print(f"system packages: {', '.join(report.bad_overrides)} does not exist; fix or unset the variable", file=sys.stderr)
        return 2
    if not report.packages:
        return _report_versions(PROFILES[args.profile], environ, probe)
    root = (os.geteuid() == 0) if is_root is None else is_root
    steps = [_elevated(["apt-get", "update", "-qq"], root), install_command(report.packages, is_root=root)]
    if args.dry_run:
        print("system packages: would run: " + " && ".join(" ".join(step) for step in steps))
        return 0
    if not can_elevate(root, run):
        names = " ".join(report.packages)
        print(f"system packages missing: {names}; run: sudo apt-get update && sudo apt-get install -y {names}", file=sys.stderr)
        return 2
    print(f"system packages: installing {' '.join(report.packages)}", file=sys.stderr)
    env = {**environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in steps:
        if run(step, env=env, check=False).returncode != 0:
            print(f"system packages: `{' '.join(step)}` failed; run it by hand and retry", file=sys.stderr)
            return 2
    left = missing(PROFILES[args.profile], environ, release).packages
    if left:
        print(f"system packages: still missing after apt-get: {' '.join(left)}", file=sys.stderr)
        return 2
    return _report_versions(PROFILES[args.profile], environ, probe)


def _report_versions(needs: Sequence[Need], environ: Mapping[str, str],
                     probe: Callable[..., subprocess.CompletedProcess]) -> int:
    """Print the versions found on one line; return 2 (saying why) if one is too old, else 0."""
    versions = found_versions(needs, environ, probe)
    if versions:
        print("system packages: found " + ", ".join(f"{need.label} {version or '(version unknown)'}" for need, version in versions))
    old = too_old(versions)
    if old:
        print(f"system packages: {'; '.join(old)} (pyproject.toml requires-python, package.json engines)", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
