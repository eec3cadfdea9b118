// The memory snapshot ships as a delta: the snapshot XOR-ed with the memory
// that pyodide.asm.wasm has right after it is instantiated (its data segments
// at their fixed offsets, zeros elsewhere; the module has no start function).
// Most of the static data is unchanged by the time the snapshot is taken, so
// the delta is mostly zeros where the snapshot repeats the .wasm's own bytes:
// 2.23 MB brotli against 3.26 MB for the snapshot itself (Pyodide 314.0.7 with
// the calculators, measured 2026-12-06).
//
// How it is put back: Pyodide's loadPyodide gets a zeroed buffer of the
// snapshot's size at once, so it goes on to compile and instantiate the .wasm
// while the delta still downloads; withBaseline() holds the instantiated
// module back from Emscripten until the delta is in that buffer and the
// memory's baseline is XOR-ed into it (rebuild()), and only then lets Pyodide
// restore from the buffer. This leans on Pyodide 314's order of steps
// (loadPyodide: snapshot awaited, module created through instantiateWasm,
// then restoreSnapshot), which the pinned version fixes; if that order ever
// changes, Pyodide finds no snapshot header in the buffer and the worker
// starts Python the normal way.
//
// Used by python-worker.mjs and python-snapshot-worker.mjs in the browser and
// by docs/.hooks/make_snapshot.mjs in Node (which takes the baseline the same
// way); no DOM, no fetch.

/** Raised when the delta and this runtime do not rebuild the snapshot the build made. */
export class SnapshotMismatch extends Error {}

/**
 * Wrap Pyodide's createPyodideModule so that `onInstantiated(memory)` runs on
 * the instantiated module's memory (a Uint8Array over it, still the .wasm's
 * baseline) before Emscripten receives the module; Emscripten waits for the
 * promise it returns. If that promise rejects, the returned function rejects
 * with the same error, so loadPyodide does too.
 * @param {(settings: object) => Promise<object>} createPyodideModule  pyodide.asm.mjs's default export
 * @param {(memory: Uint8Array) => (void|Promise<void>)} onInstantiated
 * @returns {(settings: object) => Promise<object>}
 */
export function withBaseline(createPyodideModule, onInstantiated) {
  return (settings) => {
    const instantiateWasm = settings.instantiateWasm;
    if (typeof instantiateWasm !== "function") {
      return Promise.reject(new SnapshotMismatch("this Pyodide instantiates its .wasm without instantiateWasm"));
    }
    let failed;
    const failure = new Promise((_, reject) => (failed = reject));
    settings.instantiateWasm = (imports, receive) =>
      instantiateWasm(imports, (instance, module) => {
        const memory = instance.exports.memory ?? imports.env?.memory;
        Promise.resolve()
          .then(() => onInstantiated(new Uint8Array(memory.buffer)))
          .then(() => receive(instance, module), failed);
      });
    return Promise.race([createPyodideModule(settings), failure]);
  };
}

/**
 * Write the delta's packed ranges (the file's bytes, back to back) to their
 * offsets in `into`, a zeroed buffer of the snapshot's size.
 * @param {Uint8Array} packed
 * @param {Array<[number, number]>} ranges  [[offset, length], ...] (the manifest's)
 * @param {Uint8Array} into
 * @throws {SnapshotMismatch} when the ranges' lengths do not add up to the packed bytes
 */
export function unpack(packed, ranges, into) {
  let used = 0;
  for (const [offset, length] of ranges) {
    into.set(packed.subarray(used, used + length), offset);
    used += length;
  }
  if (used !== packed.length) throw new SnapshotMismatch(`the snapshot file holds ${packed.length} bytes, its ranges ${used}`);
}

/**
 * Turn `snapshot`, which holds the delta, into the snapshot, in place: XOR the
 * baseline (memory's first `baselineBytes` bytes) in at `heapOffset`, after
 * checking that the baseline is the one the delta was made against. The
 * delta itself was checked when it arrived (python-snapshot-worker.mjs), so
 * the result is the snapshot the build took, byte for byte
 * (tests/test_snapshot_delta.py rebuilds it so, natively and under Node).
 * @param {Uint8Array} snapshot  the delta, `size` bytes (the build's manifest: assets.snapshot)
 * @param {Uint8Array} memory    the instantiated module's memory
 * @param {{heapOffset: number, baselineBytes: number, baselineChecksum: number}} layout
 * @throws {SnapshotMismatch} when the baseline is not the expected one
 */
export function rebuild(snapshot, memory, { heapOffset, baselineBytes, baselineChecksum }) {
  const baseline = memory.subarray(0, baselineBytes);
  const found = checksum(baseline);
  if (found !== baselineChecksum) {
    throw new SnapshotMismatch(
      `pyodide.asm.wasm is not the one the snapshot delta was made from (its data checksum ${hex(found)}, expected ${hex(baselineChecksum)})`,
    );
  }
  xorInto(snapshot.subarray(heapOffset, heapOffset + baselineBytes), baseline);
}

/**
 * Check the delta's packed bytes against the build's checksum of them.
 * @param {Uint8Array} packed
 * @param {number} expected  the manifest's deltaChecksum
 * @throws {SnapshotMismatch} when they differ: the file was changed on its way
 */
export function checkDelta(packed, expected) {
  const found = checksum(packed);
  if (found !== expected) {
    throw new SnapshotMismatch(`the snapshot delta is damaged (checksum ${hex(found)}, expected ${hex(expected)})`);
  }
}

/**
 * FNV-1a over the bytes as little-endian 32-bit words (a shorter tail word
 * zero-padded), as an unsigned 32-bit number. Not a cryptographic hash: it
 * catches a wrong baseline or a damaged delta, at about 3 ms for the 9 MB
 * delta in V8. docs/.hooks/pyodide_assets.py's checksum() is the same, in
 * Python; tests/test_snapshot_delta.py checks both on hand-worked cases.
 * @param {Uint8Array} bytes
 * @returns {number}
 */
export function checksum(bytes) {
  const whole = bytes.length >>> 2;
  let hash = 0x811c9dc5;
  if (bytes.byteOffset % 4 === 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, whole);
    for (let i = 0; i < whole; i++) hash = Math.imul(hash ^ words[i], 0x01000193);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    for (let i = 0; i < whole; i++) hash = Math.imul(hash ^ view.getUint32(4 * i, true), 0x01000193);
  }
  if (bytes.length % 4) {
    let tail = 0;
    for (let i = bytes.length - 1; i >= 4 * whole; i--) tail = (tail << 8) | bytes[i];
    hash = Math.imul(hash ^ tail, 0x01000193);
  }
  return hash >>> 0;
}

/** target[i] ^= source[i] for every i of source (the two the same length), a word at a time where aligned. */
function xorInto(target, source) {
  const aligned = target.byteOffset % 4 === 0 && source.byteOffset % 4 === 0;
  const whole = aligned ? source.length >>> 2 : 0;
  if (whole) {
    const t = new Uint32Array(target.buffer, target.byteOffset, whole);
    const s = new Uint32Array(source.buffer, source.byteOffset, whole);
    for (let i = 0; i < whole; i++) t[i] ^= s[i];
  }
  for (let i = 4 * whole; i < source.length; i++) target[i] ^= source[i];
}

function hex(n) {
  return n.toString(16).padStart(8, "0");
}
