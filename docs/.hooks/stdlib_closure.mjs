// List the standard-library files the calculators need in Pyodide.
//
// Usage: node docs/.hooks/stdlib_closure.mjs PYODIDE_DIR CALCULATORS_ZIP [REQUESTS_JSON]
// Starts Pyodide (with PYODIDE_DIR/python_stdlib.zip, the whole standard
// library) the way python-worker.mjs starts it without a snapshot, imports
// calculators.web and answers every request in REQUESTS_JSON (a JSON list of
// {call, args}; by default one of each call, and two bad ones). Prints a JSON
// list of the stdlib zip's members that Python then has loaded: the import
// closure of Pyodide's start plus the calculators. Called by
// docs/.hooks/pyodide_assets.py, which writes the trimmed zip.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, zipPath, requestsPath] = process.argv.slice(2);
if (!zipPath) {
  console.error("usage: stdlib_closure.mjs PYODIDE_DIR CALCULATORS_ZIP [REQUESTS_JSON]");
  process.exit(2);
}
const requests = requestsPath
  ? JSON.parse(await readFile(requestsPath, "utf-8"))
  : [
      { call: "decide", args: {} },
      { call: "cost", args: {} },
      { call: "cost-inputs-from-decision", args: {} },
      { call: "decide", args: { no_such_question: "yes" } },
      { call: "no-such-call", args: {} },
    ];
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + path.sep, packages: [] });
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
pyodide.unpackArchive(new Uint8Array(await readFile(zipPath)), "zip", { extractDir: sitePackages });
const handle = pyodide.pyimport("calculators.web").handle;
for (const request of requests) handle(JSON.stringify(request));
console.log(
  pyodide.runPython(`
import json, sys
stdlib = next(p for p in sys.path if p.endswith(".zip")) + "/"
json.dumps(sorted({
    origin[len(stdlib):]
    for origin in (getattr(m.__spec__, "origin", None) for m in list(sys.modules.values()))
    if isinstance(origin, str) and origin.startswith(stdlib)
}))
`),
);
