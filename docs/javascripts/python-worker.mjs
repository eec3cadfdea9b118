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

/** Fetch a URL to bytes, reporting download progress between from and to. */
async function download(url, label, from, to) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${response.url}`);
  const total = Number(response.headers.get("content-length")) || 0;
  if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
  const chunks = [];
  let received = 0;
  let reported = 0;
  for (const reader = response.body.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (received - reported > total / 20) {
      reported = received;
      status("loading", label, { progress: from + ((to - from) * Math.min(received, total)) / total });
    }
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** The snapshot's bytes, gunzipped unless the server already decoded them. */
async function snapshotBytes(version) {
  const snapshot = assets.snapshot;
  if (snapshot.pyodideVersion !== version) {
    throw new Error(`snapshot is for Pyodide ${snapshot.pyodideVersion}, not ${version}`);
  }
  if (snapshot.calculatorsHash !== assets.calculatorsHash) {
    throw new Error("snapshot was made from other calculators");
  }
  const bytes = await download(new URL(snapshot.url, import.meta.url), "Downloading Python, ready to run", 0.05, 0.8);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // served with Content-Encoding: gzip
  status("loading", "Unpacking Python", { progress: 0.85 });
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function fromSnapshot(loadPyodide, version) {
  // Downloaded while Pyodide fetches its code; a failure surfaces through
  // loadPyodide, so it is not also an unhandled rejection.
  const bytes = snapshotBytes(version);
  bytes.catch(() => {});
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
  const { loadPyodide, version } = await import(new URL("pyodide.mjs", pyodideDir).href);
  let snapshotProblem = "no snapshot in this build";
  if (assets.snapshot) {
    try {
      const handle = await fromSnapshot(loadPyodide, version);
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
