"""The memory snapshot ships as a delta against pyodide.asm.wasm's own memory: rebuilt natively and in Pyodide under Node.

The build takes the baseline from the instantiated runtime
(docs/.hooks/make_snapshot.mjs); these tests read it from the .wasm file's
data segments themselves (tests/wasm_data.py), so the two must agree for a
test to pass. The page's own rebuild (python-snapshot-delta.mjs) runs here
under Node, and in the three browsers through tests/browser/test_engines.py.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import brotli
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import web

from decision_cases import DECISION_CASES
from wasm_data import data_segments, initial_memory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs" / ".hooks"))
import pyodide_assets  # noqa: E402

WASM = ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm"


def _manifest(site: Path) -> dict:
    text = (site / "javascripts" / "python-assets.mjs").read_text(encoding="utf-8")
    return json.loads(text.split("export default", 1)[1].rstrip().rstrip(";"))


def _packed(site: Path, layout: dict) -> bytes:
    """The delta's packed ranges from the shipped .bin.gz, after checking its brotli copy holds the same."""
    path = (site / "javascripts" / layout["url"]).resolve()
    packed = gzip.decompress(path.read_bytes())
    assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == packed
    return packed


@pytest.fixture(scope="module")
def shipped(built_site: Path) -> tuple[dict, bytes, bytes]:
    """The built site's snapshot layout, its delta's packed ranges, and those written back into a zeroed buffer of the snapshot's size."""
    layout = _manifest(built_site)["snapshot"]
    packed = _packed(built_site, layout)
    delta = bytearray(layout["size"])
    at = 0
    for offset, length in layout["ranges"]:
        delta[offset : offset + length] = packed[at : at + length]
        at += length
    assert at == len(packed)
    return layout, packed, bytes(delta)


def test_delta_and_the_wasms_data_rebuild_the_exact_snapshot(shipped: tuple[dict, bytes, bytes]) -> None:
    """Assert that the shipped delta, XOR-ed with the memory that pyodide.asm.wasm's data segments
    give (read here from the file), is byte for byte the snapshot the build took (its SHA-256), and
    that the build's two checksums are those of the packed delta and of that memory."""
    layout, packed, delta = shipped
    wasm = WASM.read_bytes()
    memory = initial_memory(wasm)
    assert len(data_segments(wasm)) > 10_000
    assert len(memory) <= layout["baselineBytes"] < len(memory) + 4
    baseline = memory.ljust(layout["baselineBytes"], b"\0")
    heap = layout["heapOffset"]
    rebuilt = pyodide_assets.xor_delta(delta, baseline, heap)
    assert hashlib.sha256(rebuilt).hexdigest() == layout["sha256"]
    assert pyodide_assets.checksum(packed) == layout["deltaChecksum"]
    assert pyodide_assets.checksum(baseline) == layout["baselineChecksum"]
    # The point of the delta: where the snapshot repeats the .wasm's data, it ships zeros.
    unchanged = sum(1 for start in range(0, len(baseline), 4096) if not any(delta[heap + start : heap + start + 4096]))
    assert unchanged > 500


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", 0x811C9DC5, id="empty: the offset basis"),
        # (0x811c9dc5 ^ 1) * 0x01000193 mod 2**32: 0x400c5b8c + 0xc4000000, carry dropped.
        pytest.param(b"\x01\0\0\0", 0x040C5B8C, id="one word"),
        pytest.param(b"\x01\x02\x03\x04\x05", 0x00A3EAAB, id="a word and a one-byte tail"),
    ],
)
def test_checksum_of_known_bytes(node: str, data: bytes, expected: int) -> None:
    """Assert the checksum's value for small inputs, both in the build's Python and in the page's JavaScript."""
    assert pyodide_assets.checksum(data) == expected
    module = (ROOT / "docs" / "javascripts" / "python-snapshot-delta.mjs").as_uri()
    script = f"const {{ checksum }} = await import({json.dumps(module)}); console.log(checksum(new Uint8Array({list(data)})));"
    result = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    assert int(result.stdout) == expected


def test_xor_delta_of_a_hand_worked_case() -> None:
    """Assert that the delta keeps the bytes before the heap and XORs the baseline in from there."""
    assert pyodide_assets.xor_delta(b"HD\x41\x42\x43\x00", b"\x41\x43", 2) == b"HD\x00\x01\x43\x00"
    with pytest.raises(ValueError, match="runs past"):
        pyodide_assets.xor_delta(b"\0" * 4, b"\0" * 3, 2)


@given(st.binary(min_size=1, max_size=64), st.data())
def test_xor_delta_applied_twice_gives_the_snapshot_back(snapshot: bytes, data: st.DataObject) -> None:
    """Assert that XOR-ing the same baseline in again restores any snapshot."""
    offset = data.draw(st.integers(0, len(snapshot)))
    baseline = data.draw(st.binary(max_size=len(snapshot) - offset))
    delta = pyodide_assets.xor_delta(snapshot, baseline, offset)
    assert len(delta) == len(snapshot)
    assert pyodide_assets.xor_delta(delta, baseline, offset) == snapshot


# -- in Pyodide under Node -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    assert path, "Node.js is needed for the Pyodide tests"
    return path


def _run(node: str, site: Path, tmp_path: Path, *extra: str) -> dict:
    requests = tmp_path / "requests.json"
    requests.write_text(json.dumps([{"call": "decide", "args": answers} for _, answers, _ in DECISION_CASES]))
    result = subprocess.run(
        [node, "tests/pyodide/snapshot_delta.mjs", str(site), str(requests), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pyodide_restores_the_rebuilt_snapshot_and_fetches_files_only_on_demand(
    node: str, built_site: Path, tmp_path: Path
) -> None:
    """Assert that under Node the page's own rebuild gives the exact snapshot, that Python restored
    from it answers every decision case as the native code does, that nothing is fetched until a
    module outside the snapshot is imported, and that then the standard library, or the calculators
    zip, is fetched once and the import proceeds."""
    run = _run(node, built_site, tmp_path)
    assert run["sha256"] == _manifest(built_site)["snapshot"]["sha256"]
    assert [json.loads(r) for r in run["replies"]] == [
        json.loads(web.handle(json.dumps({"call": "decide", "args": answers}))) for _, answers, _ in DECISION_CASES
    ]
    fetched = run["fetched"]
    assert fetched["afterReplies"] == []
    assert fetched["stdlibImport"].endswith("/lib/python3.14/site-packages")
    assert fetched["afterStdlibImport"] == ["stdlib"]
    # cli.py was found and run up to its argparse import, which the page's trimmed stdlib leaves out.
    assert fetched["calculatorsImport"] == "argparse: /lib/python3.14/site-packages/calculators/cli.py"
    assert fetched["afterCalculatorsImport"] == ["stdlib", "calculators"]


def test_a_damaged_delta_is_refused_before_python_runs(node: str, built_site: Path, tmp_path: Path) -> None:
    """Assert that one changed byte in the delta stops the start with the checksum's message."""
    run = _run(node, built_site, tmp_path, "--flip-byte", "1000000")
    assert run["error"].startswith("SnapshotMismatch: the snapshot delta is damaged (checksum ")


def test_a_delta_for_another_runtime_is_refused(node: str, built_site: Path, tmp_path: Path) -> None:
    """Assert that with a pyodide.asm.wasm whose data differs by one byte from the one the delta was
    made against, the start stops with a message naming the .wasm, before Python runs."""
    runtime = tmp_path / "pyodide"
    shutil.copytree(ROOT / "node_modules" / "pyodide", runtime, ignore=shutil.ignore_patterns("node_modules"))
    _change_a_data_byte(runtime / "pyodide.asm.wasm")
    run = _run(node, built_site, tmp_path, str(runtime))
    assert run["error"].startswith("SnapshotMismatch: pyodide.asm.wasm is not the one the snapshot delta was made from")


def _change_a_data_byte(path: Path) -> None:
    """Swap the case of one letter in a string constant of the runtime's static data."""
    wasm = bytearray(path.read_bytes())
    text = b"Python Software Foundation"
    segment = next(s for s in data_segments(bytes(wasm)) if text in wasm[s.file_offset : s.file_offset + s.length])
    at = wasm.index(text, segment.file_offset)
    wasm[at] ^= 0x20
    path.write_bytes(bytes(wasm))
