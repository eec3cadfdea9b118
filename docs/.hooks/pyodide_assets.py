"""Ship a self-hosted Pyodide runtime and the calculators package with the site.

The pinned Pyodide version is read from ``package.json`` (the one place it is
written) and checked against the installed ``node_modules/pyodide``. After the
build, only the core runtime files are copied to ``pyodide/<version>/``, the
``calculators`` package is zipped for ``pyodide.unpackArchive`` under a
content-hashed name, and ``javascripts/python-assets.mjs`` tells the worker
where both are. Nothing is fetched from the network and nothing is written
into ``docs/``.

The standard library ships trimmed: Pyodide's ``python_stdlib.zip`` (2.55 MB)
holds all of it, but the worker gets a zip of only the files Python has loaded
once it has started and answered the calculators' calls (``stdlib_closure.mjs``
lists them; 130 files, 0.75 MB for Pyodide 314.0.7), under a content-hashed
name. ``tests/test_stdlib.py`` fails when the calculators import anything
outside it. Pyodide's package lock file is not shipped either: the site loads
no packages, so the worker passes a lock with none in it (``lockInfo``, the
real lock's ``info``, whose ABI version Pyodide checks).

Unless turned off, the build also ships a Pyodide memory snapshot taken in
Node with ``calculators`` already imported (``make_snapshot.mjs``), so the
browser restores a ready Python instead of starting one. It ships as a
delta: the snapshot XOR-ed with the memory ``pyodide.asm.wasm`` has right
after it is instantiated (``xor_delta``), which the browser has anyway by
the time it restores (python-snapshot-delta.mjs). The maker zeroes the C
heap's free memory first, and the delta is zeros wherever the snapshot still
holds the .wasm's own data, so most of its 31 MB is pages of zeros; only the
other ranges are shipped, gzip-compressed and back to back. The manifest
lists where each range goes (``size`` and ``ranges``, see ``sparse_ranges``),
how to rebuild and check the snapshot (``heapOffset``, ``baselineBytes``,
``baselineChecksum``, ``deltaChecksum``), the Pyodide version and the calculators
zip hash the snapshot belongs to; the worker falls back to a normal start on
any mismatch or failure. A start from the snapshot downloads neither the
standard library nor the calculators zip: it mounts an empty zip instead
(``emptyStdlibZip``), and ``files_on_demand.py`` fetches either zip if Python
ever needs it. Snapshots are cached in ``.cache/pyodide-snapshot/`` keyed by
their inputs, so ``mkdocs serve`` rebuilds stay fast. Turn them off with
``extra: python_snapshot: false`` in ``mkdocs.yml`` or the environment
variable ``PYTHON_SNAPSHOT=0`` (the environment wins).

Beside the ``.bin.gz`` goes a ``.bin.gz.br``: the same packed ranges
brotli-compressed (quality 11; 2.23 MB against gzip's 3.20 MB, measured 2026-12-06).
nginx's ``brotli_static`` sends it, with ``Content-Encoding: br``, for the
``.bin.gz`` address to a browser that accepts brotli; the browser decodes it
and the snapshot worker, seeing that header, takes the bytes as they come.
Any other host or browser gets the ``.bin.gz`` itself.
"""

from __future__ import annotations

import array
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import brotli

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check that the installed Pyodide is the pinned one, and record it."""
    root = Path(config.config_file_path).parent
    pinned = _pinned_version(root)
    installed = _installed_version(root)
    if installed != pinned:
        raise PluginError(
            f"pyodide_assets: package.json pins pyodide {pinned}, but node_modules has "
            f"{installed or 'none'}; run `npm ci` (or `make serve`, which does)."
        )
    config.extra["pyodide_version"] = pinned
    return config


def on_post_build(config: MkDocsConfig) -> None:
    """Copy the runtime, zip ``calculators`` and write ``python-assets.mjs``."""
    root = Path(config.config_file_path).parent
    site = Path(config.site_dir)
    version = config.extra["pyodide_version"]
    runtime_dir = site / "pyodide" / version
    runtime_dir.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        _copy_if_changed(root / "node_modules" / "pyodide" / name, runtime_dir / name)

    archive = _calculators_zip(root / PACKAGE)
    digest = hashlib.sha256(archive).hexdigest()[:12]
    zip_name = f"{PACKAGE}-{digest}.zip"
    assets = site / "assets" / "python"
    assets.mkdir(parents=True, exist_ok=True)
    for stale in [*assets.glob(f"{PACKAGE}-*.zip"), *assets.glob(f"{STDLIB_PREFIX}*.zip")]:
        stale.unlink()
    (assets / zip_name).write_bytes(archive)
    stdlib = _trimmed_stdlib(root, version, archive, digest)
    stdlib_name = f"{STDLIB_PREFIX}{stdlib.stem}.zip"
    shutil.copyfile(stdlib, assets / stdlib_name)
    lock = json.loads((root / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))

    manifest = {
        "pyodideVersion": version,
        "pyodideDir": f"../pyodide/{version}/",
        "calculatorsZip": f"../assets/python/{zip_name}",
        "calculatorsHash": digest,
        "stdlibZip": f"../assets/python/{stdlib_name}",
        "lockInfo": lock["info"],
        "snapshot": None,
    }
    for stale in [*assets.glob(f"{SNAPSHOT_PREFIX}*"), *assets.glob(f"{EMPTY_ZIP_PREFIX}*.zip")]:
        stale.unlink()
    if snapshots_enabled(config):
        snapshot, layout = _snapshot(root, version, archive, digest, stdlib)
        snapshot_name = f"{SNAPSHOT_PREFIX}{snapshot.stem.split('.')[0]}.bin.gz"
        shutil.copyfile(snapshot, assets / snapshot_name)
        shutil.copyfile(snapshot.with_name(snapshot.name + ".br"), assets / f"{snapshot_name}.br")
        empty_name = f"{EMPTY_ZIP_PREFIX}{hashlib.sha256(EMPTY_ZIP).hexdigest()[:12]}.zip"
        (assets / empty_name).write_bytes(EMPTY_ZIP)
        manifest["snapshot"] = {
            "url": f"../assets/python/{snapshot_name}",
            "pyodideVersion": version,
            "calculatorsHash": digest,
            "emptyStdlibZip": f"../assets/python/{empty_name}",
            "normalStartBytes": len(archive) + stdlib.stat().st_size,
            **layout,
        }
    (site / "javascripts" / "python-assets.mjs").write_text(
        "// Written by docs/.hooks/pyodide_assets.py at build time; paths are\n"
        "// relative to this file.\n"
        f"export default {json.dumps(manifest, indent=2)};\n",
        encoding="utf-8",
    )


def snapshots_enabled(config: MkDocsConfig) -> bool:
    """Whether to ship a memory snapshot: ``PYTHON_SNAPSHOT`` env, else ``extra.python_snapshot``."""
    env = os.environ.get("PYTHON_SNAPSHOT")
    if env is not None:
        return env.strip().lower() not in ("0", "false", "no", "off", "")
    return bool(config.extra.get("python_snapshot", True))


def sparse_ranges(raw: bytes, page: int = 4096) -> list[list[int]]:
    """Where ``raw`` is not all zeros, as ``[[offset, length], ...]`` in bytes.

    ``raw`` is scanned in ``page``-byte pages (the last one may be shorter);
    each page holding a non-zero byte is kept, and neighbouring kept pages
    merge into one range. Ranges are in ascending order and do not touch.
    Joining ``raw[offset:offset + length]`` for each range gives the packed
    bytes; writing them back at their offsets into ``len(raw)`` zero bytes
    gives ``raw`` again. Pyodide 314.0.7's snapshot delta with
    ``calculators``, measured 2026-12-06: 31.5 MB (31,457,408 bytes), 159
    ranges holding 9.06 MB (the snapshot itself: 145 ranges, 12.43 MB).
    """
    ranges: list[list[int]] = []
    zeros = bytes(page)
    for offset in range(0, len(raw), page):
        chunk = raw[offset : offset + page]
        if chunk == zeros[: len(chunk)]:
            continue
        if ranges and ranges[-1][0] + ranges[-1][1] == offset:
            ranges[-1][1] += len(chunk)
        else:
            ranges.append([offset, len(chunk)])
    return ranges


# Helpers


def _trimmed_stdlib(root: Path, version: str, archive: bytes, digest: str) -> Path:
    """Return the cached trimmed standard-library zip for this Pyodide and calculators zip, making it if needed.

    Its members are those ``stdlib_closure.mjs`` lists, copied from Pyodide's
    ``python_stdlib.zip`` with their names, times and compression unchanged;
    the file is named for the first 12 hex digits of its SHA-256.
    Raises PluginError when the listing fails or names a file the zip lacks.
    """
    script = Path(__file__).with_name("stdlib_closure.mjs")
    key = hashlib.sha256(b"\0".join([version.encode(), digest.encode(), script.read_bytes()])).hexdigest()[:16]
    cache = root / ".cache" / "pyodide-stdlib"
    marker = cache / f"{key}.name"
    if marker.is_file() and (cache / marker.read_text()).is_file():
        return cache / marker.read_text()
    cache.mkdir(parents=True, exist_ok=True)
    pyodide_dir = root / "node_modules" / "pyodide"
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = Path(tmp) / "calculators.zip"
        zip_path.write_bytes(archive)
        result = subprocess.run(
            ["node", str(script), str(pyodide_dir), str(zip_path)], capture_output=True, text=True, check=False
        )
    if result.returncode != 0:
        raise PluginError(f"pyodide_assets: could not list the standard library the calculators use:\n{result.stderr[-2000:]}")
    names = json.loads(result.stdout.strip().splitlines()[-1])
    buffer = io.BytesIO()
    with zipfile.ZipFile(pyodide_dir / "python_stdlib.zip") as full, zipfile.ZipFile(buffer, "w") as trimmed:
        known = set(full.namelist())
        missing = [name for name in names if name not in known]
        if missing:
            raise PluginError(f"pyodide_assets: python_stdlib.zip has no {', '.join(missing)}")
        for name in sorted(names):
            info = full.getinfo(name)
            trimmed.writestr(info, full.read(name), compress_type=info.compress_type)
    data = buffer.getvalue()
    name = f"{hashlib.sha256(data).hexdigest()[:12]}.zip"
    (cache / name).write_bytes(data)
    marker.write_text(name)
    return cache / name


def _snapshot(root: Path, version: str, archive: bytes, digest: str, stdlib: Path) -> tuple[Path, dict]:
    """Return the cached packed snapshot delta for this Pyodide, calculators zip and trimmed stdlib, making it if needed.

    The snapshot is taken with ``stdlib`` as the standard library, the very
    zip a normal start mounts (Python keeps its index; files_on_demand.py).

    Returns the ``.bin.gz`` (the delta's non-zero ranges, gzip-compressed; a
    ``.bin.gz.br`` beside it holds them brotli-compressed) and its layout,
    which the cache keeps in a ``.json`` beside it: ``size`` (bytes of the
    whole snapshot), ``ranges`` (``sparse_ranges`` of the delta),
    ``deltaChecksum`` (``checksum`` of the packed ranges), from
    ``make_snapshot.mjs`` ``heapOffset``, ``baselineBytes`` and
    ``baselineChecksum`` (python-snapshot-delta.mjs), and ``sha256`` of the
    whole snapshot, for the tests.
    """
    maker = Path(__file__).with_name("make_snapshot.mjs")
    scripts = [maker, Path(__file__).with_name("files_on_demand.py"), root / "docs" / "javascripts" / "python-snapshot-delta.mjs"]
    key = hashlib.sha256(
        b"\0".join([version.encode(), digest.encode(), *(p.read_bytes() for p in scripts), SNAPSHOT_FORMAT, stdlib.name.encode()])
    ).hexdigest()[:16]
    cache = root / ".cache" / "pyodide-snapshot"
    cached = cache / f"{key}.bin.gz"
    layout = cache / f"{key}.json"
    if cached.is_file() and layout.is_file() and cached.with_name(cached.name + ".br").is_file():
        return cached, json.loads(layout.read_text(encoding="utf-8"))
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with zipfile.ZipFile(io.BytesIO(archive)) as package:
            package.extractall(work / "package")
        result = subprocess.run(
            ["node", str(maker), str(root / "node_modules" / "pyodide"), str(work / "package"), str(stdlib), str(work)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not (work / "snapshot.bin").is_file():
            raise PluginError(
                "pyodide_assets: could not make the Pyodide memory snapshot "
                f"(set PYTHON_SNAPSHOT=0 to build without one):\n{result.stderr[-2000:]}"
            )
        made = json.loads(result.stdout.strip().splitlines()[-1])
        data = (work / "snapshot.bin").read_bytes()
        delta = xor_delta(data, (work / "baseline.bin").read_bytes(), made["heapOffset"])
    shape = {"size": len(data), "ranges": sparse_ranges(delta), **made, "sha256": hashlib.sha256(data).hexdigest()}
    packed_ranges = b"".join(delta[offset : offset + length] for offset, length in shape["ranges"])
    shape["deltaChecksum"] = checksum(packed_ranges)
    partial = cached.with_suffix(".part")
    with partial.open("wb") as out:
        # mtime=0 keeps the file reproducible for the same input.
        with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=6, mtime=0) as packed:
            packed.write(packed_ranges)
    cached.with_name(cached.name + ".br").write_bytes(brotli.compress(packed_ranges, quality=11))
    layout.write_text(json.dumps(shape), encoding="utf-8")
    partial.replace(cached)
    return cached, shape


def xor_delta(snapshot: bytes, baseline: bytes, heap_offset: int) -> bytes:
    """``snapshot`` with ``baseline`` XOR-ed in at ``heap_offset`` (the rest unchanged), as bytes.

    ``baseline`` is the memory of the instantiated ``pyodide.asm.wasm``
    (``make_snapshot.mjs``), which the heap, from ``heap_offset`` on, starts
    from. XOR-ing it in again gives the snapshot back, which is how the
    browser rebuilds it (python-snapshot-delta.mjs). Where the snapshot
    still holds the .wasm's own bytes the delta is zeros, so fewer pages
    ship: Pyodide 314.0.7 with the calculators, measured 2026-12-06, 9.06 MB
    of non-zero ranges against 12.43 MB, 2.23 MB brotli against 3.26 MB.
    """
    end = heap_offset + len(baseline)
    if end > len(snapshot):
        raise ValueError(f"baseline of {len(baseline)} bytes at {heap_offset} runs past the {len(snapshot)}-byte snapshot")
    mixed = int.from_bytes(snapshot[heap_offset:end], "little") ^ int.from_bytes(baseline, "little")
    return snapshot[:heap_offset] + mixed.to_bytes(len(baseline), "little") + snapshot[end:]


def checksum(data: bytes) -> int:
    """FNV-1a over ``data`` as little-endian 32-bit words, a shorter tail zero-padded: an unsigned 32-bit int.

    The same as python-snapshot-delta.mjs's ``checksum``, which the browser
    checks the snapshot delta with. About 1 s for the 9 MB delta in
    CPython, once per snapshot made.
    """
    whole = len(data) // 4 * 4
    words = array.array("I", data[:whole])
    if sys.byteorder == "big":
        words.byteswap()
    value = FNV_BASIS
    for word in words:
        value = ((value ^ word) * FNV_PRIME) & 0xFFFFFFFF
    if len(data) > whole:
        value = ((value ^ int.from_bytes(data[whole:], "little")) * FNV_PRIME) & 0xFFFFFFFF
    return value


def _pinned_version(root: Path) -> str:
    package = json.loads((root / "package.json").read_text(encoding="utf-8"))
    try:
        return package["dependencies"]["pyodide"]
    except KeyError:
        raise PluginError("pyodide_assets: package.json has no dependencies.pyodide pin") from None


def _installed_version(root: Path) -> str | None:
    path = root / "node_modules" / "pyodide" / "package.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["version"]


def _copy_if_changed(source: Path, target: Path) -> None:
    """Copy unless an identical file (same size and mtime) is already there."""
    if target.is_file():
        a, b = source.stat(), target.stat()
        if a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime):
            return
    shutil.copy2(source, target)


def _calculators_zip(package_dir: Path) -> bytes:
    """Zip the package's ``.py`` files reproducibly (sorted, fixed timestamps)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(package_dir.rglob("*.py")):
            info = zipfile.ZipInfo(path.relative_to(package_dir.parent).as_posix(), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


# Constants

#: The core runtime: everything Pyodide needs to start, and nothing else.
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
)

PACKAGE = "calculators"
SNAPSHOT_PREFIX = "pyodide-snapshot-"
STDLIB_PREFIX = "python_stdlib-"
EMPTY_ZIP_PREFIX = "empty-"
#: A zip with no members (its end record alone): what a start from the snapshot
#: mounts as the standard library (files_on_demand.py says why).
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)
#: Part of the snapshot cache key: bump when the packed file's layout changes.
SNAPSHOT_FORMAT = b"xor-delta-2"
FNV_BASIS = 0x811C9DC5
FNV_PRIME = 0x01000193
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
