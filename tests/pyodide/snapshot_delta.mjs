// Start Pyodide under Node from a built site's snapshot delta, the way
// python-worker.mjs and python-snapshot-worker.mjs start it in the browser
// (python-snapshot-delta.mjs's checkDelta, withBaseline, unpack and rebuild;
// the empty standard library zip), and report what happened.
//
// Usage: node tests/pyodide/snapshot_delta.mjs SITE_DIR REQUESTS_JSON [PYODIDE_DIR] [--flip-byte N]
// PYODIDE_DIR defaults to node_modules/pyodide (another one tries a runtime the
// delta was not made for); --flip-byte N changes packed byte N of the delta.
// Prints one JSON object: {sha256 of the rebuilt snapshot, replies (one per
// request), fetched: the zips files_on_demand.py asked for after the replies,
// then after `import sysconfig` (standard library) and after
// `import calculators.cli` (a calculators module the snapshot has not
// imported), with what each import gave}, or {error} when the snapshot could
// not be used.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

const [siteDir, requestsJson, ...rest] = process.argv.slice(2);
if (!requestsJson) {
  console.error("usage: node tests/pyodide/snapshot_delta.mjs SITE_DIR REQUESTS_JSON [PYODIDE_DIR] [--flip-byte N]");
  process.exit(2);
}
const flip = rest.includes("--flip-byte") ? Number(rest[rest.indexOf("--flip-byte") + 1]) : null;
const pyodideDir = path.resolve(rest.find((arg, i) => !arg.startsWith("--") && rest[i - 1] !== "--flip-byte") ??
  fileURLToPath(new URL("../../node_modules/pyodide/", import.meta.url)));
const javascripts = path.join(siteDir, "javascripts");
const asset = (relative) => path.resolve(javascripts, relative);
const { default: assets } = await import(pathToFileURL(path.join(javascripts, "python-assets.mjs")).href);
const { checkDelta, rebuild, unpack, withBaseline } = await import(pathToFileURL(path.join(javascripts, "python-snapshot-delta.mjs")).href);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const { default: createPyodideModule } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.asm.mjs")).href);

const layout = assets.snapshot;
const packed = new Uint8Array(gunzipSync(readFileSync(asset(layout.url))));
if (flip !== null) packed[flip] ^= 0x01;
const snapshot = new Uint8Array(layout.size);
let pyodide;
try {
  pyodide = await loadPyodide({
    indexURL: pyodideDir + path.sep,
    stdLibURL: asset(layout.emptyStdlibZip),
    lockFileContents: { info: assets.lockInfo, packages: {} },
    packages: [],
    _loadSnapshot: snapshot,
    createPyodideModule: withBaseline(createPyodideModule, (memory) => {
      checkDelta(packed, layout.deltaChecksum); // the snapshot helper's check, in the browser
      unpack(packed, layout.ranges, snapshot);
      rebuild(snapshot, memory, layout);
    }),
  });
} catch (error) {
  console.log(JSON.stringify({ error: `${error.constructor.name}: ${error.message}` }));
  process.exit(0);
}
const sha256 = createHash("sha256").update(snapshot).digest("hex");
const fetched = [];
pyodide.registerJsModule("_snapshot_files", {
  fetch: (kind) => {
    fetched.push(kind);
    return new Uint8Array(readFileSync(asset(kind === "stdlib" ? assets.stdlibZip : assets.calculatorsZip)));
  },
});
const handle = pyodide.pyimport("calculators.web").handle;
const replies = JSON.parse(readFileSync(requestsJson, "utf-8")).map((request) => handle(JSON.stringify(request)));
const steps = { afterReplies: [...fetched] };
steps.stdlibImport = pyodide.runPython("import sysconfig\nsysconfig.get_path('purelib')");
steps.afterStdlibImport = [...fetched];
// The command line is a calculators module the page never imports; it needs
// argparse, which the trimmed standard library leaves out, so its import gets
// as far as that line of cli.py.
steps.calculatorsImport = pyodide.runPython(`
try:
    import calculators.cli
except ModuleNotFoundError as error:
    result = f"{error.name}: {error.__traceback__.tb_next and error.__traceback__.tb_next.tb_frame.f_code.co_filename}"
else:
    result = "imported"
result`);
steps.afterCalculatorsImport = [...fetched];
console.log(JSON.stringify({ sha256, replies, fetched: steps }));
