"""scripts/system_packages.py: what `make` checks and installs before it builds or tests, on fake paths."""

from __future__ import annotations

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
