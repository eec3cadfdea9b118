"""scripts/system_packages.py: what `make` checks and installs before it builds or tests, on fake paths."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import system_packages as sp  # noqa: E402  (a script folder, not a package)


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Two fake packages whose files live under tmp_path; only ``present`` exists at first."""
    paths = {"present": tmp_path / "present-bin", "absent": tmp_path / "absent-bin"}
    paths["present"].touch()
    monkeypatch.setattr(sp, "PROFILES", {
        "test": (sp.Need("pkg-present", str(paths["present"]), "PRESENT_PATH"), sp.Need("pkg-absent", str(paths["absent"]), "ABSENT_PATH")),
        "build": (sp.Need("pkg-present", str(paths["present"]), "PRESENT_PATH"),),
    })
    return paths


class Recorder:
    """Stands in for subprocess.run: records each command; 'installs' by creating the given files."""

    def __init__(self, creates: list[Path] = (), status: int = 0) -> None:
        self.calls: list[list[str]] = []
        self.creates = creates
        self.status = status

    def __call__(self, command, **kwargs) -> subprocess.CompletedProcess:
        self.calls.append(list(command))
        if "install" in command:
            for path in self.creates:
                path.touch()
        return subprocess.CompletedProcess(command, self.status)


def test_missing_lists_absent_packages_and_honours_overrides(fake: dict[str, Path], tmp_path: Path) -> None:
    """Assert that an absent default path names its package, and an override that exists satisfies it."""
    needs = sp.PROFILES["test"]
    assert sp.missing(needs, {}).packages == ["pkg-absent"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.touch()
    assert sp.missing(needs, {"ABSENT_PATH": str(elsewhere)}) == sp.Report([], [])


def test_an_override_that_does_not_exist_is_named_not_installed(fake: dict[str, Path], capsys: pytest.CaptureFixture) -> None:
    """Assert that a wrong PRESENT_PATH stops with status 2 naming the variable, and apt is never run."""
    run = Recorder()
    assert sp.main(["build"], environ={"PRESENT_PATH": "/no/such/file"}, is_root=True, run=run) == 2
    assert run.calls == []
    assert "PRESENT_PATH=/no/such/file does not exist" in capsys.readouterr().err


def test_nothing_missing_runs_nothing(fake: dict[str, Path]) -> None:
    """Assert that with every package present no command runs and the status is 0."""
    run = Recorder()
    assert sp.main(["build"], environ={}, is_root=True, run=run) == 0
    assert run.calls == []


def test_root_installs_what_is_missing_with_apt_get(fake: dict[str, Path]) -> None:
    """Assert that as root apt-get update then apt-get install of just the missing package run, and the status is 0."""
    run = Recorder(creates=[fake["absent"]])
    assert sp.main(["test"], environ={}, is_root=True, run=run) == 0
    assert run.calls == [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "--no-install-recommends", "pkg-absent"],
    ]


def test_a_failed_or_ineffective_install_stops_with_status_2(fake: dict[str, Path], capsys: pytest.CaptureFixture) -> None:
    """Assert that a failing apt-get, or one that leaves the file absent, stops with status 2 and says so."""
    assert sp.main(["test"], environ={}, is_root=True, run=Recorder(status=100)) == 2
    assert "failed" in capsys.readouterr().err
    assert sp.main(["test"], environ={}, is_root=True, run=Recorder()) == 2
    assert "still missing after apt-get: pkg-absent" in capsys.readouterr().err


def test_without_root_or_sudo_one_line_names_the_command(
    fake: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """Assert that without a way to run apt-get the script prints one line with the exact command and exits 2."""
    monkeypatch.setattr(sp, "can_elevate", lambda is_root, run: False)
    run = Recorder()
    assert sp.main(["test"], environ={}, is_root=False, run=run) == 2
    assert run.calls == []
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "run: sudo apt-get update && sudo apt-get install -y pkg-absent" in err


def test_sudo_without_a_password_is_used(fake: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert that a non-root user with a password-less sudo gets apt-get run through sudo."""
    monkeypatch.setattr(sp.shutil, "which", lambda name, path=None: "/usr/bin/sudo" if name == "sudo" else None)
    run = Recorder(creates=[fake["absent"]])
    assert sp.main(["test"], environ={}, is_root=False, run=run) == 0
    assert run.calls[0] == ["sudo", "-n", "true"]
    assert run.calls[-1][:3] == ["sudo", "env", "DEBIAN_FRONTEND=noninteractive"]
    assert run.calls[-1][-1] == "pkg-absent"


def test_dry_run_prints_and_changes_nothing(fake: dict[str, Path], capsys: pytest.CaptureFixture) -> None:
    """Assert that --dry-run prints the apt-get commands and runs none."""
    run = Recorder()
    assert sp.main(["test", "--dry-run"], environ={}, is_root=True, run=run) == 0
    assert run.calls == []
    assert "apt-get install -y --no-install-recommends pkg-absent" in capsys.readouterr().out


def test_profiles_cover_what_the_suite_drives() -> None:
    """Assert that `test` checks the browsers, display and server the browser tests use, and `build` only the toolchain."""
    test = {need.package for need in sp.TEST}
    assert {"chromium", "firefox-esr", "webkit2gtk-driver", "libwebkit2gtk-4.1-0", "xvfb", "xauth", "nginx",
            "libnginx-mod-http-brotli-static", "python3-venv", "nodejs", "npm"} <= test
    assert {need.package for need in sp.BUILD} == {"python3-venv", "nodejs", "npm"}


def test_the_real_machine_check_runs_as_make_does() -> None:
    """Assert that the script runs as a program and --dry-run exits 0 whatever is installed."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "system_packages.py"), "build", "--dry-run"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("target", "profile"), [("test", "test"), ("serve", "build"), ("build", "build"), ("bench", "test")])
def test_make_checks_system_packages_before_anything_else(target: str, profile: str) -> None:
    """Assert that each make target runs the system-package check first, with the profile it needs."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # Under `make test` this runs as a sub-make, which prints "Entering directory"
    # lines and inherits the outer make's flags; run it as a top-level make.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", target],
        cwd=ROOT, capture_output=True, text=True, check=False, env=env,
    )
    assert result.returncode == 0, result.stderr
    commands = [line for line in result.stdout.splitlines() if line.strip()]
    assert commands[0].endswith(f" scripts/system_packages.py {profile}"), commands[:3]


def _program(folder: Path, name: str, stdout: str, stderr: str = "") -> Path:
    """A stand-in program that prints ``stdout`` and ``stderr`` whatever it is asked."""
    path = folder / name
    path.write_text(f"#!/bin/sh\nprintf '%s\\n' '{stdout}'\nprintf '%s\\n' '{stderr}' >&2\n")
    path.chmod(0o755)
    return path


def test_found_versions_reads_what_each_program_prints_or_its_package(tmp_path: Path) -> None:
    """Assert that versions come from --version or -v output (Debian 13's wording), stderr noise
    aside, and from the owning package's version for a program with no version flag."""
    chromium = _program(tmp_path, "chromium", "Chromium 143.0.7499.169 built on Debian GNU/Linux 13 (trixie)",
                        "/usr/bin/chromium: 9: [: 25276194816: unexpected operator")
    firefox = _program(tmp_path, "firefox-esr", "Mozilla Firefox 140.6.0esr")
    nginx = _program(tmp_path, "nginx", "", "nginx version: nginx/1.26.3")
    node = _program(tmp_path, "node", "v20.19.2")
    minibrowser = tmp_path / "MiniBrowser"
    minibrowser.touch()
    needs = (
        sp.Need("python3-venv", label="Python", version=lambda: "3.13.5"),
        sp.Need("nodejs", str(node), label="Node.js", version_flag="--version"),
        sp.Need("chromium", str(chromium), label="Chromium", version_flag="--version"),
        sp.Need("firefox-esr", str(firefox), label="Firefox", version_flag="--version"),
        sp.Need("libwebkit2gtk-4.1-0", str(minibrowser), label="WebKitGTK"),
        sp.Need("nginx", str(nginx), label="nginx", version_flag="-v"),
        sp.Need("xauth", str(tmp_path / "absent")),
    )

    def probe(command, **kwargs):
        """Runs the stand-ins; answers dpkg-query as Debian 13's dpkg would for the MiniBrowser."""
        if command[0] == "dpkg-query":
            answer = {"--search": f"libwebkit2gtk-4.1-0:amd64: {minibrowser}", "--show": "2.48.3-1~deb13u1"}[command[1]]
            return subprocess.CompletedProcess(command, 0, answer + "\n", "")
        return subprocess.run(command, **kwargs)

    found = {need.label: version for need, version in sp.found_versions(needs, {}, probe)}
    assert found == {"Python": "3.13.5", "Node.js": "20.19.2", "Chromium": "143.0.7499.169",
                     "Firefox": "140.6.0esr", "WebKitGTK": "2.48.3", "nginx": "1.26.3"}


@pytest.mark.parametrize(("printed", "status", "line"), [
    ("v18.19.0", 0, "system packages: found Node.js 18.19.0, npm 9.2.0\n"),
    ("v16.20.2", 2, "Node.js 16.20.2 is older than the 18 this project needs"),
])
def test_a_node_older_than_package_json_allows_stops_with_status_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, printed: str, status: int, line: str
) -> None:
    """Assert that the versions line names what was found, and a Node.js below the minimum stops with both versions."""
    node = _program(tmp_path, "node", printed)
    npm = _program(tmp_path, "npm", "9.2.0")
    monkeypatch.setattr(sp, "PROFILES", {"build": (
        sp.Need("nodejs", str(node), label="Node.js", version_flag="--version", minimum=(18,)),
        sp.Need("npm", str(npm), label="npm", version_flag="--version"),
    )})
    assert sp.main(["build"], environ={}, is_root=True, run=Recorder()) == status
    out, err = capsys.readouterr()
    assert line in (out if status == 0 else err)


def test_the_minimums_are_read_from_pyproject_and_package_json() -> None:
    """Assert that the Python and Node.js minimums are the README's: Python 3.11, Node.js 18."""
    assert sp.PYTHON_MINIMUM == (3, 11)
    assert sp.NODE_MINIMUM == (18,)


BOOKWORM = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n'
TRIXIE = 'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nVERSION_ID="13"\nVERSION_CODENAME=trixie\nID=debian\n'
FORKY = 'PRETTY_NAME="Debian GNU/Linux forky/sid"\nVERSION_CODENAME=forky\nID=debian\n'
NOBLE = 'PRETTY_NAME="Ubuntu 24.04.3 LTS"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n'


@pytest.mark.parametrize(("os_release", "release"), [(BOOKWORM, 12), (TRIXIE, 13), (FORKY, 99), (NOBLE, None), ("", None)])
def test_debian_release_reads_os_release(os_release: str, release: int | None) -> None:
    """Assert that Debian 12 and 13 give their numbers, testing (no VERSION_ID) counts as newest, and Ubuntu as not Debian."""
    assert sp.debian_release(os_release) == release


@pytest.mark.parametrize(("os_release", "package"), [
    (BOOKWORM, "webkit2gtk-driver"), (TRIXIE, "webkitgtk-webdriver"), (FORKY, "webkitgtk-webdriver"), (NOBLE, "webkit2gtk-driver"),
])
def test_webkitwebdriver_is_asked_for_by_each_release_s_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, os_release: str, package: str
) -> None:
    """Assert that a missing WebKitWebDriver is installed as webkit2gtk-driver on Debian 12 and Ubuntu,
    and as webkitgtk-webdriver from Debian 13 on, where the old name is a transitional package."""
    driver = tmp_path / "WebKitWebDriver"
    real = next(need for need in sp.TEST if need.env == "WEBKIT_DRIVER_PATH")
    monkeypatch.setattr(sp, "PROFILES", {"test": (dataclasses.replace(real, path=str(driver)),)})
    run = Recorder(creates=[driver])
    assert sp.main(["test"], environ={}, is_root=True, run=run, os_release=os_release) == 0
    assert run.calls[-1] == ["apt-get", "install", "-y", "--no-install-recommends", package]
