// Module Web Worker that runs the calculators in Pyodide, off the main thread.
//
// Protocol (structured-clone messages):
//   page -> worker  {snapshot}       the snapshot helper's messages, which the page
//                                    passes on: {verdict} | {progress} | {bytes} | {error}
//                   {id, request}    request is {call, args}, see calculators/web.py
//   worker -> page  {id, reply}      reply is the parsed JSON from calculators.web.handle
//                   {id, failure}    Python could not start or crashed: {message, file?}
//                   {status, detail, progress?, snapshot?, snapshotProblem?, jspi?, timings?}
//                                    start-up: "loading" | "ready" | "failed";
//                                    progress is 0..1 while loading; timings are
//                                    when each step ended, by step, in ms since the
//                                    epoch (performance.timeOrigin + now): a
//                                    worker's own clock starts when its script
//                                    arrives, 80-180 ms after the page created it
//
// Start-up: when the build shipped a memory snapshot (see
// docs/.hooks/pyodide_assets.py) the worker restores it, which gives a Python
// with calculators already imported. The snapshot comes as a delta against
// the .wasm's own memory (python-snapshot-delta.mjs), downloaded by the
// helper worker, which first says whether this link is fast enough for the
// snapshot to pay. Both starts need the runtime (pyodide.asm.mjs and the
// .wasm), so this worker downloads it at once, beside the delta, and does not
// wait for that verdict (earlyRuntime()). If the
// link is too slow, or anything about the snapshot fails (missing, corrupt,
// made for another runtime or other calculators), it starts Pyodide the
// normal way, so the page works the same, only slower.
//
// A start from the snapshot downloads neither the standard library nor the
// calculators zip: Pyodide mounts an empty zip, and files_on_demand.py (in the
// snapshot) fetches either zip through fetchNow() if Python ever imports
// something from it that is not loaded yet.
//
// Engine differences, said once here (tests/browser/test_engines.py runs each
// path in an engine that takes it):
// - JSPI (WebAssembly.Suspending): Chromium and Firefox ESR 153 have it;
//   WebKitGTK 2.50 (Safari's engine) does not. Pyodide checks for it itself and
//   runs without it; the calculators never wait on JavaScript from Python, so
//   nothing here needs it. The ready status reports which path ran (jspi).
// - DecompressionStream: the snapshot helper needs it to gunzip the snapshot
//   when the server sends the .bin.gz as it is (no brotli); without it the
//   snapshot is skipped and Python starts the normal way.
// - requestIdleCallback: the page's side, python-client.mjs.
import assets from "./python-assets.mjs";
import { rebuild, unpack, withBaseline } from "./python-snapshot-delta.mjs";

const JSPI = typeof WebAssembly.Suspending === "function";

const pyodideDir = new URL(assets.pyodideDir, import.meta.url);
const timings = {};
const runtime = earlyRuntime();

/** Note when a step of the start ended, in ms since the epoch (reported with "ready"). */
function mark(step) {
  timings[step] = Math.round(performance.timeOrigin + performance.now());
}
mark("started");

function status(state, detail = "", extra = {}) {
  self.postMessage({ status: state, detail, ...extra });
}

function message(error) {
  return String(error && error.message ? error.message : error);
}

/**
 * Start downloading the runtime now, which either start needs: the import of
 * pyodide.asm.mjs, under way (a promise of the module), and the .wasm, whose
 * response waits here for Pyodide. Pyodide fetches the .wasm itself, with the
 * global fetch() and its address as a string (Pyodide 314's
 * browser_getBinaryResponse); this worker's fetch() hands Pyodide's first
 * request for that address the response already under way, so the .wasm is
 * downloaded once, and any later request (a second start) goes to the network
 * (the HTTP cache) as usual. Measured at 50 Mbit/s with 40 ms latency
 * (bench/RESULTS.md): the .wasm's download began 120-150 ms after the
 * delta's when it waited for the helper's verdict.
 */
function earlyRuntime() {
  const wasm = new URL("pyodide.asm.wasm", pyodideDir).href;
  let response = fetch(wasm, { credentials: "same-origin" });
  response.catch(() => {}); // a failure reaches Pyodide, which reports it, when it takes the response
  const fetchAnew = self.fetch.bind(self);
  self.fetch = (input, init) => {
    if (response && String(input) === wasm) {
      const taken = response;
      response = null;
      return taken;
    }
    return fetchAnew(input, init);
  };
  const module = import(new URL("pyodide.asm.mjs", pyodideDir).href);
  module.catch(() => {}); // reported by the start that awaits it
  return module;
}

/**
 * The snapshot helper's news (python-snapshot-worker.mjs), which the page
 * passes on as {snapshot: {verdict} | {progress} | {bytes} | {error}}:
 * `verdict` resolves to the helper's {use, mbps, detail}, `packed` to the
 * delta's packed ranges; each rejects with the helper's reason. Download
 * progress is passed on as start-up status.
 *
 * No worker is started from here: Firefox ESR 153 now and then never returned
 * from a `new Worker()` called inside this worker (traced on cold visits: the
 * thread stopped inside that constructor, on one visit in twenty to eighty on
 * a busy machine), which left Python at "loading" for good. The page relays
 * rather than a MessageChannel joining the two workers: in Firefox the
 * snapshot then reached this worker 0.2-0.4 s later (median of 25 cold visits
 * each), likely because Gecko carries a MessagePort's messages through its
 * parent process, where a worker's postMessage hands the buffer over in place.
 */
function snapshotNews() {
  const settle = {};
  const verdict = new Promise((resolve, reject) => (settle.verdict = { resolve, reject }));
  const packed = new Promise((resolve, reject) => (settle.packed = { resolve, reject }));
  // A failure is reported where these are awaited (if the bytes ever are),
  // maybe later than it comes: no unhandled rejection meanwhile.
  verdict.catch(() => {});
  packed.catch(() => {});
  self.addEventListener("message", function news({ data: { snapshot } }) {
    if (!snapshot) return;
    if (snapshot.verdict) {
      mark("verdict");
      settle.verdict.resolve(snapshot.verdict);
    } else if (snapshot.bytes) {
      mark("delta");
      settle.packed.resolve(snapshot.bytes);
    } else if (snapshot.error) {
      settle.verdict.reject(new Error(snapshot.error));
      settle.packed.reject(new Error(snapshot.error));
    } else {
      status("loading", "Downloading Python, ready to run", { progress: 0.05 + 0.85 * snapshot.progress });
    }
    if (snapshot.bytes || snapshot.error) self.removeEventListener("message", news);
  });
  return { verdict, packed };
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
 * loadPyodide's options for both starts: a standard library (by default the
 * build's trimmed one), and a lock file with no packages in it, so Pyodide's
 * 119 KB list of packages this site never loads is not downloaded
 * (docs/.hooks/pyodide_assets.py).
 */
function runtimeOptions(stdlib = assets.stdlibZip) {
  return {
    indexURL: pyodideDir.href,
    stdLibURL: new URL(stdlib, import.meta.url).href,
    lockFileContents: { info: assets.lockInfo, packages: {} },
    packages: [],
  };
}

/**
 * Start from the snapshot. Pyodide gets a zeroed buffer of the snapshot's size
 * at once, so it compiles and instantiates the .wasm while the delta still
 * downloads; withBaseline holds the module until the delta is in the buffer
 * and rebuilt into the snapshot, which Pyodide then restores. `runtime` is the
 * import of pyodide.asm.mjs, under way.
 */
async function fromSnapshot(loadPyodide, version, packed, runtime) {
  checkSnapshot(version);
  const layout = assets.snapshot;
  const snapshot = new Uint8Array(layout.size);
  // Pyodide's module is awaited inside, so loadPyodide starts the .wasm's
  // download first, while pyodide.asm.mjs is still coming.
  const createPyodideModule = (settings) => runtime.then(({ default: create }) => create(settings));
  const pyodide = await loadPyodide({
    ...runtimeOptions(layout.emptyStdlibZip),
    _loadSnapshot: snapshot,
    createPyodideModule: withBaseline(createPyodideModule, async (memory) => {
      mark("instantiated");
      unpack(await packed, layout.ranges, snapshot);
      rebuild(snapshot, memory, layout);
      mark("rebuilt");
    }),
  });
  pyodide.registerJsModule("_snapshot_files", { fetch: fetchNow });
  return pyodide.pyimport("calculators.web").handle;
}

/**
 * The bytes of the standard library zip ("stdlib") or the calculators zip
 * ("calculators"), downloaded before this returns: files_on_demand.py calls
 * this from Python, which cannot wait for a promise without JSPI. A
 * synchronous request, which a worker may make.
 */
function fetchNow(kind) {
  const url = new URL(kind === "stdlib" ? assets.stdlibZip : assets.calculatorsZip, import.meta.url);
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(`${request.status} ${request.statusText} for ${url}`);
  return new Uint8Array(request.response);
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
  // The snapshot's news first: the helper is already downloading the delta
  // while this worker imports Pyodide's small module and the runtime comes.
  const news = assets.snapshot ? snapshotNews() : null;
  news?.packed.then(
    () => status("loading", "Restoring Python", { progress: 0.92 }),
    () => {},
  );
  const { loadPyodide, version } = await import(new URL("pyodide.mjs", pyodideDir).href);
  mark("imported");
  let snapshotProblem = "no snapshot in this build";
  if (news) {
    try {
      const verdict = await news.verdict;
      if (!verdict.use) throw new Error(verdict.detail);
      const handle = await fromSnapshot(loadPyodide, version, news.packed, runtime);
      mark("ready");
      status("ready", `Pyodide ${version}`, { progress: 1, snapshot: true, jspi: JSPI, timings });
      return handle;
    } catch (error) {
      snapshotProblem = message(error);
    }
  }
  const handle = await fromScratch(loadPyodide);
  mark("ready");
  status("ready", `Pyodide ${version}`, { progress: 1, snapshot: false, snapshotProblem, jspi: JSPI, timings });
  return handle;
}

const ready = start();
// The one place start-up failures are reported.
ready.catch((error) => status("failed", message(error)));

self.onmessage = async ({ data }) => {
  if (!("request" in data)) return; // the snapshot helper's news, taken by snapshotNews()
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
