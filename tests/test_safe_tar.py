"""tests/safe_tar.py: the archive unpacking that works on Python 3.11.2, checked on this Python.

Each case runs the fallback directly (``data_filter=False``), whatever this
Python has, and, where this Python has ``filter="data"``, the same archive
through it, so the two are seen to agree.
"""

from __future__ import annotations

import io
import stat
import sys
import tarfile
from pathlib import Path

import pytest

from safe_tar import HAS_DATA_FILTER, UnsafeMemberError, extract_all

# Pyodide's file system copies hard links, and archives are only ever unpacked natively.
pytestmark = pytest.mark.skipif(sys.platform == "emscripten", reason="no hard links in Pyodide's file system")

#: Both ways of unpacking: the fallback on every Python, tarfile's filter where it exists.
WAYS = [
    pytest.param(False, id="fallback"),
    pytest.param(True, id="data-filter", marks=pytest.mark.skipif(not HAS_DATA_FILTER, reason="no tarfile filters before Python 3.11.4")),
]


def _archive(tmp_path: Path, members: list[tuple[str, str, object, int]]) -> Path:
    """Write a .tar.gz holding ``members``: (name, type, data or link target, mode)."""
    path = tmp_path / "test.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, kind, payload, mode in members:
            info = tarfile.TarInfo(name)
            info.mode = mode
            info.uid = info.gid = 4242
            if kind == "file":
                info.size = len(payload)
                tar.addfile(info, io.BytesIO(payload))
                continue
            info.type = {"dir": tarfile.DIRTYPE, "symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE,
                         "fifo": tarfile.FIFOTYPE, "chardev": tarfile.CHRTYPE}[kind]
            if kind in ("symlink", "hardlink"):
                info.linkname = payload
            tar.addfile(info)
    return path


@pytest.mark.parametrize("data_filter", WAYS)
def test_a_plain_archive_unpacks_with_safe_modes(tmp_path: Path, data_filter: bool) -> None:
    """Assert that files, directories and inside links unpack with their bytes, the owner's
    execute bit kept, set-uid and group/other write dropped, and owner read/write added."""
    archive = _archive(tmp_path, [
        ("pkg", "dir", None, 0o755),
        ("pkg/start.sh", "file", b"#!/bin/sh\n", 0o755),
        ("pkg/readme.txt", "file", b"hello", 0o444),
        ("pkg/setuid", "file", b"x", 0o4777),
        ("pkg/others-exec", "file", b"y", 0o611),
        ("pkg/site", "dir", None, 0o700),
        ("pkg/site/index.html", "file", b"<p>", 0o644),
        ("pkg/current", "symlink", "site", 0o777),
        ("pkg/copy.html", "hardlink", "pkg/site/index.html", 0o644),
    ])
    out = tmp_path / "out"
    with tarfile.open(archive) as tar:
        extract_all(tar, out, data_filter=data_filter)
    pkg = out / "pkg"
    modes = {name: stat.S_IMODE((pkg / name).stat().st_mode) for name in ("start.sh", "readme.txt", "setuid", "others-exec")}
    assert modes == {"start.sh": 0o755, "readme.txt": 0o644, "setuid": 0o755, "others-exec": 0o600}
    assert (pkg / "readme.txt").read_bytes() == b"hello"
    assert (pkg / "current").is_symlink() and (pkg / "current" / "index.html").read_bytes() == b"<p>"
    assert (pkg / "copy.html").read_bytes() == b"<p>" and (pkg / "copy.html").stat().st_ino == (pkg / "site" / "index.html").stat().st_ino


#: Archives that try to write outside the destination or make special files;
#: each case writes (or points) at tmp_path / "outside" if it got through.
REFUSED = [
    pytest.param([("../outside", "file", b"evil", 0o644)], "../outside", "'..' in the path", id="dot-dot"),
    pytest.param([("ok/../../outside", "file", b"evil", 0o644)], "ok/../../outside", "'..' in the path", id="dot-dot-deeper"),
    pytest.param([("link", "symlink", "../outside", 0o777)], "link", "link to '../outside' leads outside", id="symlink-escapes"),
    pytest.param([("link", "symlink", "/etc/passwd", 0o777)], "link", "absolute link", id="symlink-absolute"),
    pytest.param([("hard", "hardlink", "../outside", 0o644)], "hard", "link to '../outside' leads outside", id="hardlink-escapes"),
    # A link that stays inside, then one through it that does not: only the
    # files on disk at that moment show it.
    pytest.param([("a", "symlink", ".", 0o777), ("a/b", "symlink", "..", 0o777), ("a/b/outside", "file", b"evil", 0o644)],
                 "a/b", "link to '..' leads outside", id="symlink-chain"),
    pytest.param([("pipe", "fifo", None, 0o644)], "pipe", "not a file, directory or link", id="fifo"),
    pytest.param([("tty", "chardev", None, 0o644)], "tty", "not a file, directory or link", id="device"),
]


@pytest.mark.parametrize(("members", "refused", "reason"), REFUSED)
@pytest.mark.parametrize("data_filter", WAYS)
def test_an_unsafe_member_is_refused_and_nothing_lands_outside(
    tmp_path: Path, members: list, refused: str, reason: str, data_filter: bool
) -> None:
    """Assert that an escaping path or link, or a special file, stops the unpacking with a
    TarError (naming the member and why, in the fallback) and nothing appears outside."""
    archive = _archive(tmp_path, members)
    with tarfile.open(archive) as tar, pytest.raises(tarfile.TarError) as error:
        extract_all(tar, tmp_path / "out", data_filter=data_filter)
    if not data_filter:
        assert isinstance(error.value, UnsafeMemberError)
        assert str(error.value).startswith(f"{refused!r}: {reason}"), error.value
    assert not (tmp_path / "outside").exists() and not (tmp_path / "outside").is_symlink()
    assert not (tmp_path / "out" / "pipe").exists() and not (tmp_path / "out" / "tty").exists()


def test_the_fallback_refuses_an_absolute_name_that_the_data_filter_moves_inside(tmp_path: Path) -> None:
    """Assert that the fallback refuses /abs/outside, where filter="data" only strips the leading slash."""
    absolute = (tmp_path / "outside").as_posix()
    archive = _archive(tmp_path, [(absolute, "file", b"evil", 0o644)])
    with tarfile.open(archive) as tar, pytest.raises(UnsafeMemberError, match="absolute path"):
        extract_all(tar, tmp_path / "out", data_filter=False)
    assert not (tmp_path / "outside").exists()
    if HAS_DATA_FILTER:
        with tarfile.open(archive) as tar:
            extract_all(tar, tmp_path / "filtered", data_filter=True)
        assert (tmp_path / "filtered" / absolute.lstrip("/")).read_bytes() == b"evil"
        assert not (tmp_path / "outside").exists()
