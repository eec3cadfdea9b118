// Make a Pyodide memory snapshot with the calculators package already imported.
//
// Usage: node docs/.hooks/make_snapshot.mjs PYODIDE_DIR CALCULATORS_ZIP OUT_FILE [STDLIB_ZIP]
// Writes the raw snapshot to OUT_FILE (the build hook gzips it). STDLIB_ZIP is
// the standard library to mount (default: Pyodide's whole one); it must be the
// zip the browser mounts on restore, as Python keeps the zip's index. Called by
// docs/.hooks/pyodide_assets.py; uses Pyodide's private _makeSnapshot option.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, zipPath, outFile, stdlibZip] = process.argv.slice(2);
if (!outFile) {
  console.error("usage: make_snapshot.mjs PYODIDE_DIR CALCULATORS_ZIP OUT_FILE");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: path.resolve(pyodideDir) + path.sep,
  ...(stdlibZip ? { stdLibURL: path.resolve(stdlibZip) } : {}),
  // Docstrings and asserts left out of everything imported before the
  // snapshot: measured, the .bin.gz shrinks from 6.57 to 6.20 MB (Pyodide 314.0.7).
  env: { PYTHONOPTIMIZE: "2" },
  _makeSnapshot: true,
});
// Unpack with Python's own zipfile so no JavaScript object is held by Python
// when the snapshot is taken.
pyodide.FS.writeFile("/tmp/calculators.zip", new Uint8Array(await readFile(zipPath)));
// Import everything the page calls, and warm it once, before the snapshot.
pyodide.runPython(
  "import gc, sysconfig, zipfile\n" +
    "zipfile.ZipFile('/tmp/calculators.zip').extractall(sysconfig.get_path('purelib'))\n" +
    "import calculators, calculators.web, json\n" +
    "calculators.web.handle(json.dumps({'call': 'decide', 'args': {}}))\n" +
    "gc.collect()\n",
);
zeroFreeMemory(pyodide._module);
await writeFile(outFile, pyodide.makeMemorySnapshot());

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
