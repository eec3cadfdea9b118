// Module Web Worker that runs the calculators in Pyodide, off the main thread.
//
// Protocol (structured-clone messages):
//   page -> worker  {snapshot}       the snapshot helper's messages, which the page
//                                    passes on: {progress} | {bytes} | {error}
//                   {id, request}    request is {call, args}, see calculators/web.py
//   worker -> page  {id, reply}      reply is the parsed JSON from calculators.web.handle
//                   {id, failure}    Python could not start or crashed: {message, file?}
//                   {status, detail, progress?, snapshot?, snapshotProblem?, jspi?}
//                                    start-up: "loading" | "ready" | "failed";
//                                    progress is 0..1 while loading
//
// Start-up: when the build shipped a memory snapshot (see
// docs/.hooks/pyodide_assets.py) the worker restores it, which gives a Python
// with calculators already imported. If anything about the snapshot fails
// (missing, corrupt, made for another Pyodide or other calculators), it starts
// Pyodide the normal way, so the page works the same, only slower.
//
// Engine differences, said once here (tests/browser/test_engines.py runs each
// path in an engine that takes it):
// - JSPI (WebAssembly.Suspending): Chromium and Firefox ESR 153 have it;
//   WebKitGTK 2.50 (Safari's engine) does not. Pyodide checks for it itself and
//   runs without it; the calculators never wait on JavaScript from Python, so
//   nothing here needs it. The ready status reports which path ran (jspi).
// - DecompressionStream: the snapshot helper needs it to gunzip the snapshot;
//   without it the snapshot is skipped and Python starts the normal way.
// - requestIdleCallback: the page's side, python-client.mjs.
import assets from "./python-assets.mjs";

const JSPI = typeof WebAssembly.Suspending === "function";

const pyodideDir = new URL(assets.pyodideDir, import.meta.url);

function status(state, detail = "", extra = {}) {
  self.postMessage({ status: state, detail, ...extra });
}

function message(error) {
  return String(error && error.message ? error.message : error);
}

/**
 * The snapshot's raw bytes, from the helper worker that downloads and gunzips
 * them on its own thread (python-snapshot-worker.mjs says why). The page
 * starts the helper beside this worker and passes its messages on, as
 * {snapshot: {progress} | {bytes} | {error}}; download progress is passed on
 * as start-up status. Rejects with the helper's reason.
 *
 * No worker is started from here: Firefox ESR 153 now and then never returned
 * from a `new Worker()` called inside this worker (traced on cold visits: the
 * thread stopped inside that constructor, on one visit in twenty to eighty on
 * a busy machine), which left Python at "loading" for good. The page relays
 * rather than a MessageChannel joining the two workers: in Firefox the
 * snapshot then reached this worker 0.2-0.4 s later (median of 25 cold visits
 * each), likely because Gecko carries a MessagePort's messages through its
 * parent process, where a worker's postMessage hands the 31 MB over in place.
 */
function snapshotBytes() {
  return new Promise((resolve, reject) => {
    self.addEventListener("message", function news({ data: { snapshot } }) {
      if (!snapshot) return;
      if (snapshot.bytes || snapshot.error) self.removeEventListener("message", news);
      if (snapshot.bytes) resolve(snapshot.bytes);
      else if (snapshot.error) reject(new Error(snapshot.error));
      else status("loading", "Downloading Python, ready to run", { progress: 0.05 + 0.85 * snapshot.progress });
    });
  });
}

/** Check that the snapshot fits this runtime and these calculators; raise if not. */
function checkSnapshot(version) {
  const snapshot = assets.snapshot;
  if (snapshot.pyodideVersion !== version) {
    throw new Error(`snapshot is for Pyodide ${snapshot.pyodideVersion}, not ${version}`);
  }
  if (snapshot.calculatorsHash !== assets.calculatorsHash) {
    throw new Error("snapshot was made from other calculators");
  }
}

/**
 * loadPyodide's options for both starts: the build's trimmed standard library,
 * and a lock file with no packages in it, so Pyodide's 119 KB list of packages
 * this site never loads is not downloaded (docs/.hooks/pyodide_assets.py).
 */
function runtimeOptions() {
  return {
    indexURL: pyodideDir.href,
    stdLibURL: new URL(assets.stdlibZip, import.meta.url).href,
    lockFileContents: { info: assets.lockInfo, packages: {} },
    packages: [],
  };
}

// The running Python, for unpacking the calculators' files on demand.
let runtime = null;

async function fromSnapshot(loadPyodide, version, bytes) {
  checkSnapshot(version);
  runtime = await loadPyodide({ ...runtimeOptions(), _loadSnapshot: bytes });
  return runtime.pyimport("calculators.web").handle;
}

async function fromScratch(loadPyodide) {
  status("loading", "Downloading the Python runtime", { progress: 0.1 });
  runtime = await loadPyodide(runtimeOptions());
  status("loading", "Loading the calculators", { progress: 0.9 });
  await unpackCalculators(runtime);
  return runtime.pyimport("calculators.web").handle;
}

/** Fetch the calculators zip and unpack it where Python imports packages from. */
async function unpackCalculators(pyodide) {
  const response = await fetch(new URL(assets.calculatorsZip, import.meta.url));
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText} for ${response.url}`);
  }
  const archive = new Uint8Array(await response.arrayBuffer());
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(archive, "zip", { extractDir: sitePackages });
}

// A memory snapshot holds the modules imported when it was taken, but not the
// files they came from. A module only one page imports (calculators.training,
// issue 26) is therefore missing after a restore: the first call that needs it
// unpacks the calculators zip, as a start without the snapshot does, and is
// answered again. The Decide and Cost pages never take this path.
let unpacked = null;

async function answer(handle, request) {
  try {
    return handle(JSON.stringify(request));
  } catch (error) {
    const missing = error?.type === "ModuleNotFoundError" && /'calculators\./.test(message(error));
    if (!missing || unpacked) throw error;
    unpacked = unpackCalculators(runtime).then(() => runtime.runPython("import sys; sys.path_importer_cache.clear()"));
    await unpacked;
    return handle(JSON.stringify(request));
  }
}

async function start() {
  status("loading", "Downloading the Python runtime", { progress: 0 });
  // The snapshot first: loadPyodide awaits it before it compiles the .wasm,
  // and the helper's thread fetches and gunzips it while this one imports
  // Pyodide's module. A snapshot failure surfaces where it is awaited (inside
  // loadPyodide), so it is not also an unhandled rejection.
  const bytes = assets.snapshot ? snapshotBytes() : null;
  bytes?.then(
    () => status("loading", "Restoring Python", { progress: 0.92 }),
    () => {},
  );
  const { loadPyodide, version } = await import(new URL("pyodide.mjs", pyodideDir).href);
  let snapshotProblem = "no snapshot in this build";
  if (bytes) {
    try {
      const handle = await fromSnapshot(loadPyodide, version, bytes);
      status("ready", `Pyodide ${version}`, { progress: 1, snapshot: true, jspi: JSPI });
      return handle;
    } catch (error) {
      snapshotProblem = message(error);
      console.warn(`Python snapshot not used (${snapshotProblem}); starting Python the normal way.`);
    }
  }
  const handle = await fromScratch(loadPyodide);
  status("ready", `Pyodide ${version}`, { progress: 1, snapshot: false, snapshotProblem, jspi: JSPI });
  return handle;
}

const ready = start();
// The one place start-up failures are reported.
ready.catch((error) => status("failed", message(error)));

self.onmessage = async ({ data }) => {
  if (!("request" in data)) return; // the snapshot helper's news, taken above
  const { id, request } = data;
  let handle;
  try {
    handle = await ready;
  } catch (error) {
    self.postMessage({ id, failure: { message: message(error) } });
    return;
  }
  try {
    if (unpacked) await unpacked; // a call that arrives while the files are unpacked waits
    self.postMessage({ id, reply: JSON.parse(await answer(handle, request)) });
  } catch (error) {
    self.postMessage({ id, failure: { message: message(error) } });
  }
};
