"""Unpack a tar archive the way ``filter="data"`` does, on every Python the README allows.

``tarfile``'s extraction filters arrived in Python 3.11.4 (and 3.12); Debian
12's Python is 3.11.2. Where ``tarfile.data_filter`` exists, ``extract_all``
uses it. Otherwise it checks each member just before extracting it, against
the files already on disk (so a symlink made by an earlier member counts),
and refuses what the data filter refuses: a member that lands outside the
destination, a link whose target does, an absolute link, and anything but a
file, a directory or a link (devices, FIFOs). It is stricter in two places:
an absolute member name is refused rather than made relative, and so is any
name with a ``..`` part. Like the data filter, it drops ownership and keeps
only the permission bits that are safe (no set-uid, no group or other write;
a file's owner may always read and write it).
"""

from __future__ import annotations

import copy
import os
import tarfile
from pathlib import Path, PurePosixPath

#: Whether this Python's tarfile has extraction filters (3.11.4 and later).
HAS_DATA_FILTER = hasattr(tarfile, "data_filter")


class UnsafeMemberError(tarfile.TarError):
    """A member that the data filter would refuse; the message names it and why."""


def extract_all(tar: tarfile.TarFile, dest: str | os.PathLike[str], *, data_filter: bool = HAS_DATA_FILTER) -> None:
    """Extract every member of ``tar`` under ``dest``, refusing unsafe ones.

    Args:
        tar: an archive open for reading.
        dest: the directory to extract into (created if missing).
        data_filter: use tarfile's own ``filter="data"``; the default is
            whether this Python has it. ``False`` takes the fallback, which
            the tests exercise on any Python.

    Raises:
        tarfile.TarError: a member is unsafe (``UnsafeMemberError`` from the
            fallback, a ``tarfile.FilterError`` from the data filter). Members
            before it may already have been extracted; nothing lands outside
            ``dest``.
    """
    if data_filter:
        tar.extractall(dest, filter="data")
        return
    os.makedirs(dest, exist_ok=True)
    root = os.path.realpath(dest)
    # The members are checked here, so tarfile is told not to filter again
    # (Python 3.12 and 3.13 warn when no filter is named; 3.11.2 has none).
    trusted = {"filter": "fully_trusted"} if HAS_DATA_FILTER else {}
    for member in tar.getmembers():
        safe = _checked(member, root)
        tar.extract(safe, root, set_attrs=False, **trusted)
        if safe.isreg():
            os.chmod(os.path.join(root, safe.name), safe.mode)


def _checked(member: tarfile.TarInfo, root: str) -> tarfile.TarInfo:
    """A copy of ``member`` with a safe mode, or UnsafeMemberError."""
    name = member.name
    parts = PurePosixPath(name).parts
    if name.startswith(("/", os.sep)) or os.path.isabs(name):
        raise UnsafeMemberError(f"{name!r}: absolute path")
    if ".." in parts:
        raise UnsafeMemberError(f"{name!r}: '..' in the path")
    _inside(root, os.path.join(root, name), name, "path")
    if not (member.isreg() or member.isdir() or member.issym() or member.islnk()):
        raise UnsafeMemberError(f"{name!r}: not a file, directory or link")
    if member.issym() or member.islnk():
        if os.path.isabs(member.linkname):
            raise UnsafeMemberError(f"{name!r}: absolute link to {member.linkname!r}")
        base = os.path.dirname(os.path.join(root, name)) if member.issym() else root
        _inside(root, os.path.join(base, member.linkname), name, f"link to {member.linkname!r}")
    safe = copy.copy(member)  # extracted with set_attrs=False: no owner, no times
    if member.isreg():
        mode = member.mode & 0o755
        if not mode & 0o100:
            mode &= ~0o111
        safe.mode = mode | 0o600
    return safe


def _inside(root: str, path: str, name: str, what: str) -> None:
    """Raise UnsafeMemberError when ``path``, its links resolved as they are on disk now, leaves ``root``."""
    target = os.path.realpath(path)
    if os.path.commonpath([target, root]) != root:
        raise UnsafeMemberError(f"{name!r}: {what} leads outside {Path(root).name}/ (to {target})")
