// Module Web Worker that runs the calculators in Pyodide, off the main thread.
//
// Protocol (structured-clone messages):
//   page -> worker  {id, request}    request is {call, args}, see calculators/web.py
//   worker -> page  {id, reply}      reply is the parsed JSON from calculators.web.handle
//                   {id, failure}    Python could not start or crashed: {message, file?}
//                   {status, detail, progress?, snapshot?}
//                                    start-up: "loading" | "ready" | "failed";
//                                    progress is 0..1 while loading
//
// Start-up: when the build shipped a memory snapshot (see
// docs/.hooks/pyodide_assets.py) the worker restores it, which gives a Python
// with calculators already imported. If anything about the snapshot fails
// (missing, corrupt, made for another Pyodide or other calculators), it starts
// Pyodide the normal way, so the page works the same, only slower.
import assets from "./python-assets.mjs";

const pyodideDir = new URL(assets.pyodideDir, import.meta.url);

function status(state, detail = "", extra = {}) {
  self.postMessage({ status: state, detail, ...extra });
}

function message(error) {
  return String(error && error.message ? error.message : error);
}

/**
 * The snapshot's bytes, gunzipped while they download (unless the server sent
 * them with Content-Encoding: gzip, when the browser has decoded them already).
 * Progress counts the bytes as they arrive.
 */
async function snapshotBytes() {
  const response = await fetch(new URL(assets.snapshot.url, import.meta.url));
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${response.url}`);
  // With Content-Encoding: gzip the browser decodes the bytes, but
  // Content-Length counts the encoded ones: no progress from bytes then.
  const decoded = /gzip/i.test(response.headers.get("content-encoding") || "");
  const total = decoded ? 0 : Number(response.headers.get("content-length")) || 0;
  let received = 0;
  let reported = 0;
  const counted = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        received += chunk.length;
        if (total && received - reported > total / 10) {
          reported = received;
          status("loading", "Downloading Python, ready to run", { progress: 0.05 + (0.85 * Math.min(received, total)) / total });
        }
        controller.enqueue(chunk);
      },
    }),
  );
  const stream = decoded ? counted : counted.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
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

async function fromSnapshot(loadPyodide, version, bytes) {
  checkSnapshot(version);
  const pyodide = await loadPyodide({
    indexURL: pyodideDir.href,
    lockFileURL: new URL("pyodide-lock.json", pyodideDir).href,
    packages: [],
    _loadSnapshot: bytes,
  });
  return pyodide.pyimport("calculators.web").handle;
}

async function fromScratch(loadPyodide) {
  status("loading", "Downloading the Python runtime", { progress: 0.1 });
  const pyodide = await loadPyodide({
    indexURL: pyodideDir.href,
    lockFileURL: new URL("pyodide-lock.json", pyodideDir).href,
    packages: [],
  });
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
  // Pyodide's small module first: gunzipping the snapshot keeps this thread
  // busy, and loadPyodide's own downloads (the .wasm above all) should not
  // wait behind it. The snapshot then downloads while they do. A failure
  // surfaces where it is awaited (inside loadPyodide), so it is not also an
  // unhandled rejection.
  const { loadPyodide, version } = await import(new URL("pyodide.mjs", pyodideDir).href);
  const bytes = assets.snapshot ? snapshotBytes() : null;
  bytes?.then(
    () => status("loading", "Restoring Python", { progress: 0.92 }),
    () => {},
  );
  let snapshotProblem = "no snapshot in this build";
  if (bytes) {
    try {
      const handle = await fromSnapshot(loadPyodide, version, bytes);
      status("ready", `Pyodide ${version}`, { progress: 1, snapshot: true });
      return handle;
    } catch (error) {
      snapshotProblem = message(error);
      console.warn(`Python snapshot not used (${snapshotProblem}); starting Python the normal way.`);
    }
  }
  const handle = await fromScratch(loadPyodide);
  status("ready", `Pyodide ${version}`, { progress: 1, snapshot: false, snapshotProblem });
  return handle;
}

const ready = start();
// The one place start-up failures are reported.
ready.catch((error) => status("failed", message(error)));

self.onmessage = async ({ data }) => {
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
