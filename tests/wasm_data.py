"""Read a WebAssembly module's active data segments, to rebuild the memory it starts with.

The tests' own reading of the binary format (WebAssembly Core Specification
2.0, section 5.5: modules are a magic number, a version and sections of
``id, size, content``; the data section, id 11, is a vector of segments),
kept apart from the build, which takes the same memory from the runtime
itself (docs/.hooks/make_snapshot.mjs). Only what Pyodide's module uses is
read: active segments of memory 0 at an ``i32.const`` offset.
"""

from __future__ import annotations

from typing import NamedTuple

DATA_SECTION = 11
I32_CONST = 0x41
END = 0x0B


class Segment(NamedTuple):
    """One active data segment: where it goes in memory, and where its bytes are in the file."""

    address: int
    file_offset: int
    length: int


def data_segments(wasm: bytes) -> list[Segment]:
    """The module's active data segments, in file order.

    Raises ValueError for a file that is not WebAssembly 1, or a segment kind
    this reader does not handle (passive, another memory, a computed offset).
    """
    if wasm[:8] != b"\0asm\x01\0\0\0":
        raise ValueError("not a WebAssembly 1 module")
    at = 8
    while at < len(wasm):
        section = wasm[at]
        size, at = _uleb(wasm, at + 1)
        if section == DATA_SECTION:
            return _segments(wasm, at)
        at += size
    return []


def initial_memory(wasm: bytes) -> bytes:
    """The memory right after instantiation, up to the last segment's end: zeros, with every segment in place."""
    segments = data_segments(wasm)
    memory = bytearray(max((s.address + s.length for s in segments), default=0))
    for s in segments:
        memory[s.address : s.address + s.length] = wasm[s.file_offset : s.file_offset + s.length]
    return bytes(memory)


def _segments(wasm: bytes, at: int) -> list[Segment]:
    count, at = _uleb(wasm, at)
    segments = []
    for _ in range(count):
        flags, at = _uleb(wasm, at)
        if flags != 0 or wasm[at] != I32_CONST:
            raise ValueError(f"data segment {len(segments)}: kind {flags} is not an active segment at a constant offset")
        address, at = _sleb(wasm, at + 1)
        if wasm[at] != END:
            raise ValueError(f"data segment {len(segments)}: offset expression longer than one i32.const")
        length, at = _uleb(wasm, at + 1)
        segments.append(Segment(address, at, length))
        at += length
    return segments


def _uleb(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def _sleb(data: bytes, at: int) -> tuple[int, int]:
    value, end = _uleb(data, at)
    bits = 7 * (end - at)
    if data[end - 1] & 0x40:
        value -= 1 << bits
    return value, end
