// Make a Pyodide memory snapshot with the calculators package already imported,
// and the baseline its delta is taken against.
//
// Usage: node docs/.hooks/make_snapshot.mjs PYODIDE_DIR PACKAGE_DIR STDLIB_ZIP OUT_DIR
// PACKAGE_DIR holds the calculators package as the site's zip unpacks it (a
// folder `calculators/` inside). STDLIB_ZIP is the standard library to mount:
// the trimmed zip the browser mounts on a normal start, whose index Python
// keeps (files_on_demand.py). Writes into OUT_DIR:
//   snapshot.bin  the raw snapshot;
//   baseline.bin  the memory pyodide.asm.wasm has right after it is
//                 instantiated, up to its last non-zero byte (rounded up to 4);
// and prints one JSON line: {heapOffset, baselineBytes, baselineChecksum}
// (python-snapshot-delta.mjs says what each is). Called by
// docs/.hooks/pyodide_assets.py, which makes the delta; uses Pyodide's private
// _makeSnapshot option.
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { checksum, withBaseline } from "../javascripts/python-snapshot-delta.mjs";

const [pyodideDir, packageDir, stdlibZip, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: make_snapshot.mjs PYODIDE_DIR PACKAGE_DIR STDLIB_ZIP OUT_DIR");
  process.exit(2);
}
const PACKAGE = "calculators";
const runtime = (name) => pathToFileURL(path.join(pyodideDir, name)).href;
const { loadPyodide } = await import(runtime("pyodide.mjs"));
let baseline;
const pyodide = await loadPyodide({
  indexURL: path.resolve(pyodideDir) + path.sep,
  stdLibURL: path.resolve(stdlibZip),
  // Leave out of everything imported before the snapshot: docstrings and
  // asserts (PYTHONOPTIMIZE=2; the old .bin.gz shrank from 6.57 to 6.20 MB),
  // and the column ranges tracebacks underline errors with
  // (PYTHONNODEBUGRANGES; measured with the delta below in pyodide_assets.py).
  env: { PYTHONOPTIMIZE: "2", PYTHONNODEBUGRANGES: "1" },
  createPyodideModule: withBaseline((await import(runtime("pyodide.asm.mjs"))).default, (memory) => {
    baseline = memory.slice(0, lastNonZero(memory));
  }),
  _makeSnapshot: true,
});
// The package's files are written from here, so Python imports nothing to
// unpack them (sysconfig and an unzip would stay in the snapshot).
const sitePackages = pyodide.runPython("import sys\nnext(p for p in sys.path if p.endswith('site-packages'))");
await copyTree(path.join(packageDir, PACKAGE), `${sitePackages}/${PACKAGE}`);
pyodide.FS.writeFile(`${sitePackages}/files_on_demand.py`, await readFile(new URL("files_on_demand.py", import.meta.url)));
// Import everything the page calls, and warm it once, before the snapshot; the
// finder goes in last, so no import here goes through it.
pyodide.runPython(
  "import gc, json, calculators, calculators.web, files_on_demand\n" +
    "calculators.web.handle(json.dumps({'call': 'decide', 'args': {}}))\n" +
    `files_on_demand.install(${JSON.stringify(PACKAGE)})\n` +
    "gc.collect()\n",
);
zeroFreeMemory(pyodide._module);
const snapshot = pyodide.makeMemorySnapshot();
await writeFile(path.join(outDir, "snapshot.bin"), snapshot);
await writeFile(path.join(outDir, "baseline.bin"), baseline);
const heapOffset = new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(4, true);
console.log(
  JSON.stringify({
    heapOffset,
    baselineBytes: baseline.length,
    baselineChecksum: checksum(baseline),
  }),
);

/** The length of bytes without its trailing zeros, rounded up to a multiple of 4. */
function lastNonZero(bytes) {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return Math.min(bytes.length, (end + 3) & ~3);
}

/** Copy a folder of the host's into Pyodide's file system, as it is. */
async function copyTree(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) await copyTree(source, `${to}/${entry.name}`);
    else pyodide.FS.writeFile(`${to}/${entry.name}`, await readFile(source));
  }
}

/**
 * Overwrite with zeros the C heap's free memory, which still holds what was
 * there before it was freed (source read from the zips, compiler scratch),
 * so that it compresses to almost nothing. Free memory's content is never
 * read, so this changes nothing Python can see. How: with the heap barred
 * from growing (malloc's footprint limit), malloc every free block it will
 * hand out, largest first, zero each, then free them all and lift the limit.
 * Measured (Pyodide 314.0.7): 4.6 MB zeroed; the .bin.gz shrinks from 6.09
 * to 5.04 MB.
 */
function zeroFreeMemory(module) {
  const limit = module._malloc_footprint_limit();
  module._malloc_set_footprint_limit(module._malloc_footprint());
  const held = [];
  try {
    for (let size = 1 << 26; size >= 8; size >>>= 1) {
      for (let block = module._malloc(size); block; block = module._malloc(size)) {
        held.push(block);
        module.HEAPU8.fill(0, block, block + size);
      }
    }
  } finally {
    for (const block of held) module._free(block);
    module._malloc_set_footprint_limit(limit);
  }
}
