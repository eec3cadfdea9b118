"""Run the README's commands in a clean Debian root: a check for a person preparing a release.

Usage, as root: ``python3 scripts/debian_root.py {12,13} [--bench] [--keep]``

Builds a minimal root file system of Debian 12 (bookworm) or 13 (trixie)
with mmdebstrap (``--variant=minbase`` plus what the README asks for:
``python3 nodejs npm make git ca-certificates``), clones this repository's
committed HEAD into ``/root/project`` there, and runs, timing each:

1. ``make serve``: its set-up (``python3-venv`` from apt, the venv, npm ci),
   then the server itself, in a network namespace of its own (so that port
   8000 is the root's, not another server's on this machine), until
   ``/decide/`` answers with the Decide page;
2. ``make test``, whose pytest summary and versions line it reports;
3. with ``--bench``, a short ``make bench`` (``BENCH_RUNS=1
   LIGHTHOUSE_RUNS=1 ENGINE_RUNS=1 BENCH_TIERS=loopback``).

Uncommitted changes are not in the clone. The apt mirror is the one this
machine's own ``/etc/apt/sources.list(.d)`` names for its Debian release
(``--mirror`` and ``--security-mirror`` override it), with the other
release's suite names. The root gets what a minbase root lacks for the tests:
``/etc/hosts`` (WebKitWebDriver is reached at ``localhost``), this machine's
``resolv.conf`` and its local CA certificates (``/usr/local/share/
ca-certificates``, e.g. a proxy's, which pip and npm are pointed at through
``PIP_CERT`` and ``NODE_EXTRA_CA_CERTS``), and ``proc``, ``sys`` and ``dev``
mounted. On every exit, error or signal included, the processes left in the
root are stopped, those mounts are undone, and the root is removed (unless
``--keep``; it is never removed while anything is still mounted in it).
The log of each step and a summary (``summary.md``) stay in ``--logs``.

Not part of ``make test``: it needs root, mmdebstrap, about 4 GB of disk and
20 to 60 minutes per release on a busy 2-core machine (2026-12-06: Debian 13
21 minutes at load 5 to 7, Debian 12 with --bench 59 minutes at load 11 to
20). Written in Python rather than shell so that the clean-up runs in one
``finally`` for every way out, the step times and the pytest summary are
parsed and reported, and the apt sources (one-line and deb822) are read with
tested code.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASES = {"12": "bookworm", "13": "trixie"}
#: What the README asks a new user to install first.
INCLUDE = ("python3", "nodejs", "npm", "make", "git", "ca-certificates")
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
PROJECT = "/root/project"
BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
BENCH_ENV = {"BENCH_RUNS": "1", "LIGHTHOUSE_RUNS": "1", "ENGINE_RUNS": "1", "BENCH_TIERS": "loopback"}
SERVE_TIMEOUT_S = 900
#: Waits, inside the root's own network namespace, for `make serve` to answer with the Decide page.
SERVE_CHECK = """\
import os, signal, subprocess, sys, time, urllib.request
server = subprocess.Popen(["make", "serve"], cwd="{project}", start_new_session=True)
deadline = time.monotonic() + {timeout}
try:
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen("http://127.0.0.1:8000/decide/", timeout=10) as response:
                page = response.read().decode()
            if 'data-calculator="decision"' in page:
                print("serve check: http://127.0.0.1:8000/decide/ answered with the Decide page", flush=True)
                sys.exit(0)
        except OSError:
            pass
        time.sleep(2)
    print("serve check: no Decide page at http://127.0.0.1:8000/decide/", flush=True)
    sys.exit(1)
finally:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
"""


@dataclass
class Step:
    """One timed command in the root, and what its output said."""

    name: str
    seconds: float = 0.0
    status: int | None = None
    load: str = ""
    summary: str = ""
    log: Path | None = None


@dataclass
class Run:
    """Everything the summary reports for one release."""

    release: str
    steps: list[Step] = field(default_factory=list)
    versions: str = ""


def apt_sources(texts: Iterable[str]) -> list[tuple[str, list[str]]]:
    """The ``deb`` sources in apt files, one-line or deb822, as ``(uri, suites)``.

    Disabled deb822 stanzas (``Enabled: no``) and ``deb-src`` lines are left out.
    """
    sources: list[tuple[str, list[str]]] = []
    for text in texts:
        for stanza in re.split(r"\n\s*\n", text):
            fields: dict[str, str] = {}
            for line in stanza.splitlines():
                line = line.split("#", 1)[0].rstrip()
                if not line.strip():
                    continue
                one_line = re.match(r"^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", line)
                if one_line:
                    sources.append((one_line.group(1), [one_line.group(2)]))
                elif ":" in line and not line[0].isspace():
                    key, value = line.split(":", 1)
                    fields[key.strip().lower()] = value.strip()
            if "uris" in fields and "deb" in fields.get("types", "").split() and fields.get("enabled", "yes") != "no":
                for uri in fields["uris"].split():
                    sources.append((uri, fields.get("suites", "").split()))
    return sources


def mirrors(sources: Sequence[tuple[str, list[str]]], codename: str) -> tuple[str, str]:
    """The archive and security mirrors that serve ``codename`` in ``sources``, else deb.debian.org's."""
    archive = next((uri for uri, suites in sources if codename in suites), "http://deb.debian.org/debian")
    security = next((uri for uri, suites in sources if f"{codename}-security" in suites), "http://deb.debian.org/debian-security")
    return archive.rstrip("/"), security.rstrip("/")


def mmdebstrap_command(suite: str, target: Path, archive: str, security: str) -> list[str]:
    """The mmdebstrap command line for a minbase root of ``suite`` with the README's packages."""
    signed = f"[signed-by={KEYRING}]"
    return [
        "mmdebstrap", "--variant=minbase", f"--include={','.join(INCLUDE)}",
        "--aptopt=Acquire::Retries \"3\"", suite, str(target),
        f"deb {signed} {archive} {suite} main",
        f"deb {signed} {archive} {suite}-updates main",
        f"deb {signed} {security} {suite}-security main",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Build the root, run the steps, clean up; return 0 when every step passed, 1 otherwise, 2 on bad use."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", choices=sorted(RELEASES), help="Debian release: 12 (bookworm) or 13 (trixie)")
    parser.add_argument("--bench", action="store_true", help="also run a short make bench")
    parser.add_argument("--keep", action="store_true", help="leave the root in place (unmounted) at the end")
    parser.add_argument("--workdir", type=Path, default=Path("/var/tmp"), help="where the root is built (default /var/tmp)")
    parser.add_argument("--logs", type=Path, help="where logs and summary.md go (default: a new folder in /var/tmp)")
    parser.add_argument("--mirror", help="Debian archive (default: this machine's, else deb.debian.org)")
    parser.add_argument("--security-mirror", help="Debian security archive (default: as --mirror)")
    args = parser.parse_args(argv)
    missing = [tool for tool in ("mmdebstrap", "unshare", "ip", "git", "mount", "umount", "chroot") if shutil.which(tool) is None]
    if os.geteuid() != 0 or missing:
        why = "it must run as root (mmdebstrap, mount and chroot)" if os.geteuid() != 0 else f"missing {' '.join(missing)}"
        print(f"debian_root: {why}; apt-get install mmdebstrap iproute2 util-linux git", file=sys.stderr)
        return 2
    suite = RELEASES[args.release]
    host = _host_codename()
    archive, security = mirrors(apt_sources(_apt_files()), host)
    archive, security = args.mirror or archive, args.security_mirror or security
    logs = args.logs or Path(tempfile.mkdtemp(prefix=f"debian-root-{suite}-logs-", dir="/var/tmp"))
    logs.mkdir(parents=True, exist_ok=True)
    revision = _git("rev-parse", "HEAD")
    if _git("status", "--porcelain"):
        print("debian_root: note: uncommitted changes in the working tree are not in the clone", file=sys.stderr)
    run = Run(f"Debian {args.release} ({suite})")
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)
    target = Path(tempfile.mkdtemp(prefix=f"debian-root-{suite}-", dir=args.workdir)).resolve()
    print(f"debian_root: {run.release} at {target}, {archive} and {security}; clone of {revision[:12]}; logs in {logs}", flush=True)
    try:
        if not _step(run, "mmdebstrap", mmdebstrap_command(suite, target, archive, security), logs):
            return 1
        _prepare(target)
        with _mounted(target):
            subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target) + PROJECT], check=True)
            subprocess.run(["git", "-C", str(target) + PROJECT, "checkout", "--quiet", "--detach", revision], check=True)
            ok = _step(run, "make serve (set-up)", _in_root(target, "make SYSTEM_PACKAGES=build system-packages .venv/.installed node_modules/.installed"), logs)
            check = target / "root" / "serve_check.py"
            check.write_text(SERVE_CHECK.format(project=PROJECT, timeout=SERVE_TIMEOUT_S))
            ok &= _step(run, "make serve (Decide page served)", ["unshare", "--net", "--", "sh", "-c",
                        "ip link set lo up && exec " + shlex.join(_in_root(target, "python3 /root/serve_check.py"))], logs)
            ok &= _step(run, "make test", _in_root(target, "make test"), logs)
            if args.bench:
                ok &= _step(run, "make bench (short)", _in_root(target, "make bench", BENCH_ENV), logs)
                latest = target / PROJECT.lstrip("/") / "bench" / "results" / "latest.md"
                if latest.exists():
                    shutil.copy(latest, logs / "bench-latest.md")
            run.versions = _versions(logs)
        return 0 if ok else 1
    finally:
        _stop_processes(target)
        _unmount_all(target)
        if not args.keep and not _mounts_under(target):
            subprocess.run(["rm", "-rf", "--one-file-system", str(target)], check=False)
        elif _mounts_under(target):
            print(f"debian_root: {target} still has mounts; left in place: {_mounts_under(target)}", file=sys.stderr)
        summary = _summary(run, revision, archive)
        (logs / "summary.md").write_text(summary)
        print(summary, flush=True)


def _step(run: Run, name: str, command: list[str], logs: Path) -> bool:
    """Run ``command``, teeing its output to the terminal and a log; record its time, status and load."""
    step = Step(name, log=logs / (re.sub(r"[^a-z]+", "-", name.lower()).strip("-") + ".log"))
    run.steps.append(step)
    print(f"\n== {run.release}: {name}", flush=True)
    start = time.monotonic()
    load_before = _load()
    with step.log.open("w", buffering=1) as log:  # line by line, to follow with tail -f
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True, errors="replace")
        for line in process.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            log.write(line)
        step.status = process.wait()
    step.seconds = time.monotonic() - start
    step.load = f"{load_before} -> {_load()}"
    text = step.log.read_text()
    pytest_line = re.findall(r"^=+ (.*(?:passed|failed|error).* in [\d.]+s.*?) =+$", text, re.MULTILINE)
    served = re.findall(r"^serve check: .*$", text, re.MULTILINE)
    installed = [f"npm ci: {line}" for line in re.findall(r"^added \d+ packages.*$", text, re.MULTILINE)]
    step.summary = (pytest_line or served or installed or [""])[-1]
    return step.status == 0


def _in_root(target: Path, command: str, extra: dict[str, str] | None = None) -> list[str]:
    """A command line that runs ``command`` in the clone inside the root, as root, with a clean environment."""
    env = {
        "HOME": "/root", "LANG": "C.UTF-8", "TERM": "dumb",
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        # The root's bundle holds this machine's local CAs too (a proxy's, say);
        # pip reads its own bundle and Node.js its own unless told.
        "PIP_CERT": BUNDLE, "NODE_EXTRA_CA_CERTS": BUNDLE, **(extra or {}),
    }
    return ["chroot", str(target), "/usr/bin/env", "-i", *(f"{k}={v}" for k, v in env.items()),
            "/bin/sh", "-c", f"cd {PROJECT} && {command}"]


def _prepare(target: Path) -> None:
    """Give the root /etc/hosts, this machine's resolv.conf and its local CA certificates."""
    (target / "etc" / "hosts").write_text("127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n")
    resolv = target / "etc" / "resolv.conf"
    resolv.unlink(missing_ok=True)
    shutil.copy("/etc/resolv.conf", resolv)
    local = Path("/usr/local/share/ca-certificates")
    if local.is_dir():
        shutil.copytree(local, target / str(local).lstrip("/"), dirs_exist_ok=True)
        subprocess.run(["chroot", str(target), "update-ca-certificates"], check=True, stdout=subprocess.DEVNULL)
    if Path(BUNDLE).is_file():
        shutil.copy(BUNDLE, target / BUNDLE.lstrip("/"))


@contextmanager
def _mounted(target: Path) -> Iterator[None]:
    """proc, sys and dev mounted in the root for the duration (undone again in main's finally)."""
    subprocess.run(["mount", "-t", "proc", "proc", str(target / "proc")], check=True)
    for name in ("sys", "dev"):
        subprocess.run(["mount", "--rbind", f"/{name}", str(target / name)], check=True)
        subprocess.run(["mount", "--make-rslave", str(target / name)], check=True)
    try:
        yield
    finally:
        _stop_processes(target)
        _unmount_all(target)


def _mounts_under(target: Path) -> list[str]:
    """The mount points at or below ``target``, deepest first."""
    points = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        point = line.split()[4].replace("\\040", " ")
        if point == str(target) or point.startswith(str(target) + "/"):
            points.append(point)
    return sorted(points, key=len, reverse=True)


def _unmount_all(target: Path) -> None:
    """Unmount everything below ``target``, lazily for what stays busy."""
    for point in _mounts_under(target):
        if subprocess.run(["umount", point], capture_output=True, check=False).returncode != 0:
            subprocess.run(["umount", "--lazy", point], capture_output=True, check=False)


def _stop_processes(target: Path) -> None:
    """End the processes whose root is ``target`` (a server or browser a failed step left): TERM, then KILL."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and os.readlink(proc / "root") == str(target):
                    pids.append(int(proc.name))
            except OSError:
                continue
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        if not pids:
            return
        time.sleep(5)


def _versions(logs: Path) -> str:
    """The last versions line that scripts/system_packages.py printed in the steps' logs."""
    found = ""
    for log in sorted(logs.glob("*.log"), key=lambda p: p.stat().st_mtime):
        found = ([found] + re.findall(r"^system packages: found (.*)$", log.read_text(), re.MULTILINE))[-1]
    return found


def _summary(run: Run, revision: str, archive: str) -> str:
    """A Markdown table of the steps: time, status, what they said, and the load average."""
    rows = [f"| {s.name} | {s.seconds / 60:.1f} min | {'passed' if s.status == 0 else f'FAILED ({s.status})'} | {s.summary} | {s.load} |"
            for s in run.steps]
    return "\n".join([
        f"## {run.release}: commit {revision[:12]}, from {archive}",
        "",
        f"Found: {run.versions or '(no versions line)'}",
        "",
        "| step | time | status | result | load average (1 min) before -> after |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ])


def _load() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def _host_codename() -> str:
    found = re.search(r"^VERSION_CODENAME=(\S+)", Path("/etc/os-release").read_text(), re.MULTILINE)
    return found.group(1).strip('"') if found else "bookworm"


def _apt_files() -> list[str]:
    files = [Path("/etc/apt/sources.list")] + sorted(Path("/etc/apt/sources.list.d").glob("*"))
    return [p.read_text() for p in files if p.is_file() and p.suffix in (".list", ".sources")]


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
