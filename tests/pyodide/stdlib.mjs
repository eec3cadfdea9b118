// Start Pyodide under Node with the build's trimmed standard library, the way
// python-worker.mjs starts it without a snapshot, and answer requests.
//
// Usage: node tests/pyodide/stdlib.mjs STDLIB_ZIP CALCULATORS_ZIP REQUESTS_JSON
// Prints one JSON object: {"replies": [calculators.web.handle's JSON text,
// one per request], "loaded": the names of sys.builtin_module_names and
// sys.modules, which hold the built-in, frozen and loaded modules}. Any import missing
// from STDLIB_ZIP makes Python raise, and this exit non-zero.
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [stdlibZip, calculatorsZip, requestsJson] = process.argv.slice(2);
if (!requestsJson) {
  console.error("usage: node tests/pyodide/stdlib.mjs STDLIB_ZIP CALCULATORS_ZIP REQUESTS_JSON");
  process.exit(2);
}
const lock = JSON.parse(readFileSync(new URL("../../node_modules/pyodide/pyodide-lock.json", import.meta.url), "utf-8"));
const pyodide = await loadPyodide({
  stdLibURL: path.resolve(stdlibZip),
  lockFileContents: { info: lock.info, packages: {} },
  packages: [],
});
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
pyodide.unpackArchive(new Uint8Array(readFileSync(calculatorsZip)), "zip", { extractDir: sitePackages });
const handle = pyodide.pyimport("calculators.web").handle;
const replies = JSON.parse(readFileSync(requestsJson, "utf-8")).map((request) => handle(JSON.stringify(request)));
const loaded = pyodide.runPython("import sys, json; json.dumps(sorted({*sys.builtin_module_names, *sys.modules}))");
console.log(JSON.stringify({ replies, loaded: JSON.parse(loaded) }));
