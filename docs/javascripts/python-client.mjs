// The page's side of the Python worker: one worker per visit, shared by every
// calculator on every page. ES modules are evaluated once per document, and
// Material's instant navigation keeps the document, so this state survives
// moving between pages. The worker starts early on a page that holds a
// calculator, or else on the first call(); pages without a calculator never
// call, so they load no Pyodide byte.

import assets from "./python-assets.mjs";
import { diagnose, explainSnapshot, preflight } from "./python-diagnosis.mjs";

let worker = null;
let helper = null;
let starting = null;
let nextId = 0;
const pending = new Map();
const listeners = new Set();
let lastStatus = { status: "idle", detail: "" };

// Python's state, marked on <html> for whoever cannot read the console (a
// WebDriver session of WebKit cannot): data-python is "loading", "snapshot"
// (restored from the build's memory snapshot), "fallback" (started the normal
// way) or "failed"; data-python-problem says why it is not "snapshot";
// data-python-jspi whether WebAssembly JSPI was there; data-python-stalls how
// many starts were stopped for making no progress; data-page-errors lists
// the page's uncaught errors, one a line.
const root = document.documentElement;
function mark(state, problem) {
  root.dataset.python = state;
  if (problem) root.dataset.pythonProblem = problem;
}
function recordError(text) {
  root.dataset.pageErrors = [root.dataset.pageErrors, String(text)].filter(Boolean).join("\n");
}
window.addEventListener("error", (event) => recordError(event.message || event.error));
window.addEventListener("unhandledrejection", (event) => recordError(event.reason?.message ?? event.reason));

// When the worker starts. A page that holds a calculator starts it as soon as
// this module runs: python-start.mjs, an async module script in the page's
// head (docs/.hooks/python_start.py), calls startEarly() without waiting for
// Material's deferred bundle or the forms, and the head's modulepreload links
// fetch this module's imports at once instead of one level at a time.
// Measured at 50 Mbit/s with 40 ms latency (bench/RESULTS.md): the worker
// was created 600-800 ms into a cold Decide visit when it waited for the
// load event, and the runtime's downloads started only after that. Starting
// it earlier still, from an inline script at the top of the head, was
// measured and not kept: the workers' start then competes with the page's
// own first layout and Material's bundle for the CPU, and Lighthouse's
// performance score fell from 0.97-0.99 to 0.90-0.92 on the bench machine.
// Any other first call (a page reached by Material's instant navigation,
// where the document is long loaded) starts it after a quiet moment of at
// most IDLE_WAIT_MS, and at once on a repeat visit (below).
const IDLE_WAIT_MS = 200;

// A repeat visit: this browser has started this build's snapshot before, so
// the runtime and the snapshot are likely in its HTTP cache (immutable, one
// year). Remembered in localStorage under REPEAT_KEY as the snapshot's
// address, which changes with every build that changes it.
const REPEAT_KEY = "rft-python-snapshot";

function repeatVisit() {
  try {
    return Boolean(assets.snapshot) && localStorage.getItem(REPEAT_KEY) === assets.snapshot.url;
  } catch {
    return false; // storage turned off: treated as a first visit
  }
}

function afterPageLoad() {
  return new Promise((resolve) => {
    // Engine difference: WebKit (Safari) has no requestIdleCallback; it starts
    // on the next task instead (covered by tests/browser/test_engines.py).
    const whenIdle = () =>
      repeatVisit() ? resolve() : "requestIdleCallback" in window ? requestIdleCallback(() => resolve(), { timeout: IDLE_WAIT_MS }) : setTimeout(resolve);
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
  });
}

// A start that sends no news (a status message: a step done, or a tenth of
// the snapshot downloaded) for STALL_MS is taken to have stalled: its workers
// are stopped and Python is started once more, allowed twice as long; a second
// stall fails the start, with the build-time result kept on the page.
// Measured normal starts: on 79 cold visits in Firefox ESR 153 on a busy
// 2-core machine (loopback), the whole start took 1.3 s (median), at most
// 2.7 s, and the longest silence between two status messages was at most
// 1.6 s. The longest silence on a slow link is the end of pyodide.asm.wasm's
// download, after the snapshot's: 7 s in Chromium held at 10 Mbit/s, so about
// 70 s divided by the link's Mbit/s. A second start finds the snapshot cached
// and waits for the whole .wasm, 9.6 MB, about 77 s divided by the Mbit/s. So
// 30 s, then 60 s, lets links of about 2.5 Mbit/s through at the first try and
// of about 1.5 Mbit/s at the second. Tests shorten the wait with
// window.__pythonStallMs.
const STALL_MS = 30_000;
let attempts = 0;
let watchdog = null;

/** How long the current start (or the given attempt) may go without news, in ms. */
function stallMs(attempt = attempts) {
  return (Number(window.__pythonStallMs) || STALL_MS) * attempt;
}

/** The one worker of this visit, started after the page has loaded unless startEarly() came first. */
function ensureWorker() {
  starting ??= afterPageLoad().then(() => worker ?? startWorker());
  return starting;
}

/**
 * Start the worker now, without waiting for the page to load: for a page
 * whose calculator will call Python as soon as it mounts (python-start.mjs).
 * Does nothing if the worker has started. A form that called first (its
 * module may run before python-start.mjs) left ensureWorker() waiting for
 * the load event; the worker started here is the one it then uses.
 */
export function startEarly() {
  if (!worker) startWorker();
  starting ??= Promise.resolve(worker);
}

function startWorker() {
  attempts += 1;
  const started = new Worker(new URL("./python-worker.mjs", import.meta.url), { type: "module" });
  worker = started;
  helper = startSnapshotHelper(started);
  watch();
  started.onmessage = async ({ data }) => {
    if (started !== worker) return; // a stalled start's last words
    if (data.status) {
      if (data.status === "failed") return fail(await diagnose(data.detail));
      clearTimeout(watchdog);
      if (data.status === "ready") {
        helper?.terminate();
        const problem = data.snapshot ? null : explainSnapshot(data.snapshotProblem);
        if (problem) console.warn(`Python started the normal way: ${problem}`);
        mark(data.snapshot ? "snapshot" : "fallback", problem);
        if (data.snapshot) remember();
        root.dataset.pythonJspi = String(Boolean(data.jspi));
      } else {
        watch();
        mark(data.status);
        if (attempts > 1) data.detail += ` (second try: the first start made no progress for ${Math.round(stallMs(1) / 1000)} s)`;
      }
      lastStatus = data;
      for (const listener of listeners) listener(data);
      return;
    }
    const entry = pending.get(data.id);
    if (!entry) return;
    pending.delete(data.id);
    if (data.failure) entry.reject(new PythonUnavailable(data.failure.message));
    else entry.resolve(data.reply);
  };
  started.onerror = (event) => {
    event.preventDefault();
    diagnose(event.message || "the Python worker could not start").then(fail);
  };
  preflight().then((message) => message && fail(message)); // Pyodide may hang instead of failing
  return started;
}

function remember() {
  try {
    localStorage.setItem(REPEAT_KEY, assets.snapshot.url);
  } catch {
    // storage turned off or full: the next visit is taken for a first one
  }
}

function watch() {
  clearTimeout(watchdog);
  watchdog = setTimeout(stalled, stallMs());
}

// The start sent no news for stallMs(): stop it, and start again once.
async function stalled() {
  const seconds = Math.round(stallMs() / 1000);
  worker.terminate();
  helper?.terminate();
  root.dataset.pythonStalls = String(attempts);
  if (attempts >= 2) {
    const found = await preflight();
    return fail(
      found ??
        `the start made no progress, twice (the second time for ${seconds} s). Likely cause: this browser ` +
          "stopped the start, as Firefox ESR 153 has been seen to. Fix: reload the page.",
    );
  }
  const restarting = { status: "loading", detail: `the start made no progress for ${seconds} s; starting again`, progress: 0 };
  lastStatus = restarting;
  for (const listener of listeners) listener(restarting);
  startWorker();
  for (const [id, { request }] of pending) worker.postMessage({ id, request });
}

/**
 * Start the snapshot helper (python-snapshot-worker.mjs) beside the Python
 * worker and pass its messages on to it; it reads what to download from the
 * build's manifest itself. Started here, not by the Python worker:
 * python-worker.mjs says why.
 */
function startSnapshotHelper(python) {
  if (!assets.snapshot) return null;
  const tell = (news, transfer = []) => python.postMessage({ snapshot: news }, transfer);
  let started;
  try {
    started = new Worker(new URL("./python-snapshot-worker.mjs", import.meta.url), { type: "module" });
  } catch (error) {
    tell({ error: String(error?.message ?? error) });
    return null;
  }
  started.onmessage = ({ data }) => tell(data, data.bytes ? [data.bytes.buffer] : []);
  started.onerror = (event) => {
    event.preventDefault();
    tell({ error: event.message || "the snapshot worker failed to start" });
  };
  return started;
}

// Report a start-up failure once, with the administrator message from python-diagnosis.mjs.
function fail(detail) {
  if (lastStatus.status === "failed") return;
  clearTimeout(watchdog);
  worker?.terminate();
  helper?.terminate();
  const failure = { status: "failed", detail };
  lastStatus = failure;
  mark("failed", detail);
  for (const listener of listeners) listener(failure);
  for (const entry of pending.values()) entry.reject(new PythonUnavailable(failure.detail));
  pending.clear();
}

/** Raised when Python cannot start or a call cannot complete. */
export class PythonUnavailable extends Error {}

/**
 * Run one calculators.web request in the worker.
 * @param {{call: string, args: object}} request
 * @returns {Promise<{ok: boolean, result?: object, html?: string, error?: {field: string, message: string}}>}
 */
export function call(request) {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    if (lastStatus.status === "failed") return reject(new PythonUnavailable(lastStatus.detail));
    pending.set(id, { resolve, reject, request }); // the request is sent again if the start is restarted
    // Once the worker exists, post at once: the form does its other chores
    // (address bar, storage) while Python computes.
    if (worker) worker.postMessage({ id, request });
    else ensureWorker().then(() => worker.postMessage({ id, request }));
  });
}

/**
 * Follow the worker's start-up: called now with the current state and again on
 * every change. Returns a function that stops listening.
 */
export function onStatus(listener) {
  listeners.add(listener);
  listener(lastStatus);
  return () => listeners.delete(listener);
}
