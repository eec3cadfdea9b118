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
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    """One Debian package and how to tell it is there.

    ``env`` names the variable that overrides ``path``; ``path`` is an
    absolute file path, or a bare program name looked up on ``PATH``. A Need
    with ``check`` set is tested by that function instead of a path.
    """

    package: str
    path: str = ""
    env: str = ""
    check: Callable[[], bool] | None = None


def _has_venv() -> bool:
    # Debian splits ensurepip out of python3 into python3-venv; without it
    # `python3 -m venv` fails halfway through.
    return importlib.util.find_spec("ensurepip") is not None and importlib.util.find_spec("venv") is not None


BUILD: tuple[Need, ...] = (
    Need("python3-venv", check=_has_venv),
    Need("nodejs", "node"),
    Need("npm", "npm"),
)

TEST: tuple[Need, ...] = BUILD + (
    Need("chromium", "/usr/bin/chromium", "CHROMIUM_PATH"),
    Need("firefox-esr", "/usr/bin/firefox-esr", "FIREFOX_PATH"),
    Need("webkit2gtk-driver", "/usr/bin/WebKitWebDriver", "WEBKIT_DRIVER_PATH"),
    Need("libwebkit2gtk-4.1-0", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "MINIBROWSER_PATH"),
    Need("xvfb", "/usr/bin/Xvfb", "XVFB_PATH"),
    Need("xauth", "/usr/bin/xauth", "XAUTH_PATH"),
    Need("nginx", "/usr/sbin/nginx", "NGINX_PATH"),
    Need("libnginx-mod-http-brotli-static", "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so", "NGINX_BROTLI_MODULE"),
)

PROFILES = {"build": BUILD, "test": TEST}


@dataclass(frozen=True)
class Report:
    """What is missing: Debian packages apt can add, and overridden paths it cannot."""

    packages: list[str]
    bad_overrides: list[str]


def missing(needs: Sequence[Need], environ: Mapping[str, str] = os.environ) -> Report:
    """Return the packages in ``needs`` that are absent from this machine.

    A path overridden in ``environ`` that does not exist is listed in
    ``bad_overrides`` as ``"VAR=value"`` rather than as a package.
    """
    packages: list[str] = []
    bad: list[str] = []
    for need in needs:
        if need.check is not None:
            if not need.check():
                packages.append(need.package)
            continue
        override = environ.get(need.env) if need.env else None
        path = override or need.path
        found = shutil.which(path, path=environ.get("PATH")) if os.sep not in path else (path if os.path.exists(path) else None)
        if found:
            continue
        if override:
            bad.append(f"{need.env}={override}")
        else:
            packages.append(need.package)
    return Report(packages, bad)


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
         is_root: bool | None = None, run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> int:
    """Check the profile's packages and install what is missing; return the exit status (0, or 2)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", choices=sorted(PROFILES), help="what the packages are for: build (make serve/build) or test (make test/bench)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be installed and change nothing")
    args = parser.parse_args(argv)
    report = missing(PROFILES[args.profile], environ)
    if report.bad_overrides:
        print(f"system packages: {', '.join(report.bad_overrides)} does not exist; fix or unset the variable", file=sys.stderr)
        return 2
    if not report.packages:
        return 0
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
    left = missing(PROFILES[args.profile], environ).packages
    if left:
        print(f"system packages: still missing after apt-get: {' '.join(left)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
