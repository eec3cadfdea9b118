// Module Web Worker that runs the calculators in Pyodide, off the main thread.
//
// Protocol (structured-clone messages):
//   page -> worker  {snapshotPort}   first, a MessagePort to the snapshot helper the page
//                                    started; or {snapshotProblem} if it could not
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

// The page starts the snapshot helper (python-snapshot-worker.mjs) beside this
// worker and sends each of them one end of a MessageChannel: this worker's
// first message is {snapshotPort}, or {snapshotProblem} when the helper could
// not be started. No worker is started from here: Firefox ESR 153 now and then
// never returns from a `new Worker()` called inside a worker (traced on cold
// visits: this thread stopped inside that constructor, about one visit in
// forty on a busy machine), which left Python at "loading" for good.
let helperFailed;
let portArrived;
const helperPort = new Promise((resolve, reject) => {
  [portArrived, helperFailed] = [resolve, reject];
});
self.addEventListener("message", ({ data }) => {
  if (data.snapshotPort) portArrived(data.snapshotPort);
  else if ("snapshotProblem" in data) helperFailed(new Error(data.snapshotProblem || "the snapshot helper failed"));
});
helperPort.catch(() => {}); // reported where the snapshot is awaited

/**
 * The snapshot's raw bytes, from the helper worker that downloads and gunzips
 * them on its own thread (python-snapshot-worker.mjs says why). Download
 * progress is passed on as start-up status. Rejects with the helper's reason,
 * or if the page could not start the helper.
 */
async function snapshotBytes() {
  const { url, size, ranges } = assets.snapshot;
  const href = new URL(url, import.meta.url).href;
  // Fetched here and the body handed over, so the download counts as this
  // worker's: Chromium's network emulation (the benchmark's slow links)
  // reaches this worker's requests. Where a stream cannot be transferred, the
  // helper fetches the file itself.
  const [response, port] = await Promise.all([fetch(href), helperPort]);
  return new Promise((resolve, reject) => {
    const finish = (settle, value) => {
      port.close();
      settle(value);
    };
    helperFailed = (error) => finish(reject, error); // the helper stopped: the page says so
    port.onmessage = ({ data }) => {
      if (data.bytes) finish(resolve, data.bytes);
      else if (data.error) finish(reject, new Error(data.error));
      else status("loading", "Downloading Python, ready to run", { progress: 0.05 + 0.85 * data.progress });
    };
    if (!response.ok) {
      response.body?.cancel();
      finish(reject, new Error(`${response.status} ${response.statusText} for ${response.url}`));
      return;
    }
    const headers = { "content-encoding": response.headers.get("content-encoding"), "content-length": response.headers.get("content-length") };
    try {
      port.postMessage({ body: response.body, headers, size, ranges }, [response.body]);
    } catch {
      response.body.cancel();
      port.postMessage({ url: href, size, ranges });
    }
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

async function fromSnapshot(loadPyodide, version, bytes) {
  checkSnapshot(version);
  const pyodide = await loadPyodide({ ...runtimeOptions(), _loadSnapshot: bytes });
  return pyodide.pyimport("calculators.web").handle;
}

async function fromScratch(loadPyodide) {
  status("loading", "Downloading the Python runtime", { progress: 0.1 });
  const pyodide = await loadPyodide(runtimeOptions());
  status("loading", "Loading the calculators", { progress: 0.9 });
  const response = await fetch(new URL(assets.calculatorsZip, import.meta.url));
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText} for ${response.url}`);
  }
  const archive = new Uint8Array(await response.arrayBuffer());
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(archive, "zip", { extractDir: sitePackages });
  return pyodide.pyimport("calculators.web").handle;
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
  if (!("request" in data)) return; // news of the snapshot helper, taken above
  const { id, request } = data;
  let handle;
  try {
    handle = await ready;
  } catch (error) {
    self.postMessage({ id, failure: { message: message(error) } });
    return;
  }
  try {
    self.postMessage({ id, reply: JSON.parse(handle(JSON.stringify(request))) });
  } catch (error) {
    self.postMessage({ id, failure: { message: message(error) } });
  }
};
