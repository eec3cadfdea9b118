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
  "import sysconfig, zipfile\n" +
    "zipfile.ZipFile('/tmp/calculators.zip').extractall(sysconfig.get_path('purelib'))\n" +
    "import calculators, calculators.web, json\n" +
    "calculators.web.handle(json.dumps({'call': 'decide', 'args': {}}))\n",
);
await writeFile(outFile, pyodide.makeMemorySnapshot());
