// When Python cannot start, say why in words an administrator can act on.
//
// The usual causes on an internal host: the WebAssembly runtime file is
// blocked or missing, served with the wrong MIME type, refused by the
// Content-Security-Policy (no 'wasm-unsafe-eval'), or the memory snapshot is
// rejected. Pyodide reports some of these only as console warnings and then
// never finishes loading, so preflight() checks the host directly while the
// worker starts, and diagnose() turns a reported failure into one short
// message: the file, the likely cause and the fix. Nothing here throws.
import assets from "./python-assets.mjs";

const WASM_MIME = "application/wasm";
const wasmUrl = new URL(`${assets.pyodideDir}pyodide.asm.wasm`, import.meta.url);
// The smallest valid WebAssembly module: magic number and version.
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const CSP_TEXT = /Content[- ]Security[- ]Policy|wasm-unsafe-eval|unsafe-eval/i;
const SNAPSHOT_TEXT = /snapshot/i;

let preflightResult = null;

/**
 * Check the host for the failures that stop Pyodide: run once per document.
 * @returns {Promise<string|null>} the administrator message, or null if no fault was found
 */
export function preflight() {
  preflightResult ??= (async () => (await checkPolicy()) ?? (await checkWasmFile()))().catch(() => null);
  return preflightResult;
}

/**
 * Turn a start-up failure into the one short administrator message.
 * @param {string} detail what the worker or the browser reported
 * @returns {Promise<string>}
 */
export async function diagnose(detail) {
  const reported = String(detail || "");
  if (CSP_TEXT.test(reported)) return policyMessage();
  const found = await preflight();
  if (found) return found;
  if (SNAPSHOT_TEXT.test(reported)) {
    const file = reported.match(/\S+\.(?:bin|snapshot)\b/)?.[0] ?? "the Python memory snapshot";
    return (
      `${file} was rejected (${reported}). Likely cause: it does not match the Pyodide runtime beside it, ` +
      "for example after a partial upgrade. Fix: deploy the whole site folder from one archive and clear any proxy cache"
    );
  }
  return (
    `${reported || "the Python worker stopped"}. Likely cause: a file under ${wasmUrl.pathname.replace(/[^/]+$/, "")} ` +
    "or javascripts/ is missing or blocked. Fix: deploy the whole site folder from one archive (see the Self-hosting page)"
  );
}

/**
 * Why Python started the normal way instead of from the build's snapshot, in
 * words an administrator can act on: the reason the worker reported, then,
 * when it is a fault of the host or the deployment, its likely cause and fix.
 * A link too slow for the snapshot to pay, and a build without one, are no
 * fault: their reason is returned as it is.
 * @param {string|undefined} problem  the worker's snapshotProblem
 * @returns {string|null} null when there was no problem to report
 */
export function explainSnapshot(problem) {
  if (!problem) return null;
  const file = assets.snapshot ? new URL(assets.snapshot.url, import.meta.url).pathname : "the Python memory snapshot";
  if (!assets.snapshot || /^the link gave /.test(problem)) return problem;
  if (/DecompressionStream/.test(problem)) {
    return (
      `${file} could not be unpacked (${problem}). Likely cause: the server sends it without brotli and this browser ` +
      "cannot gunzip. Fix: serve the site with nginx-brotli.conf (see the Self-hosting page)"
    );
  }
  if (/\b(404|410)\b/.test(problem)) {
    return `${file} is missing (${problem}). Likely cause: the site was copied without it. Fix: deploy the whole site folder from the archive`;
  }
  if (/not the one|other calculators|snapshot is for|build id/i.test(problem)) {
    return (
      `${file} does not fit the Python runtime beside it (${problem}). Likely cause: files from two builds mixed, ` +
      "for example after a partial upgrade. Fix: deploy the whole site folder from one archive and clear any proxy cache"
    );
  }
  return (
    `${file} could not be used (${problem}). Likely cause: the file was changed or cut short on its way, for ` +
    "example by a proxy. Fix: deploy the whole site folder from one archive and clear any proxy cache"
  );
}

async function checkPolicy() {
  try {
    await WebAssembly.compile(EMPTY_MODULE);
    return null;
  } catch (error) {
    return CSP_TEXT.test(String(error && error.message)) || error instanceof WebAssembly.CompileError
      ? policyMessage()
      : null;
  }
}

async function checkWasmFile() {
  let response;
  try {
    response = await fetch(wasmUrl, { method: "HEAD", cache: "no-store" });
  } catch {
    return (
      `${wasmUrl.pathname} could not be downloaded. Likely cause: a proxy, firewall or content filter blocks ` +
      ".wasm files. Fix: allow this file from this server"
    );
  }
  if (response.status === 404 || response.status === 410) {
    return (
      `${wasmUrl.pathname} is missing (${response.status}). Likely cause: the site was copied without its ` +
      "pyodide/ folder. Fix: deploy the whole site folder from the archive"
    );
  }
  if (response.status === 401 || response.status === 403) {
    return (
      `${wasmUrl.pathname} is refused (${response.status}). Likely cause: a server rule blocks .wasm files. ` +
      "Fix: allow this file for every reader"
    );
  }
  const type = (response.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
  if (response.ok && type !== WASM_MIME) {
    return (
      `${wasmUrl.pathname} is served as ${type || "no type"}. Likely cause: the server does not know .wasm. ` +
      `Fix: send it as ${WASM_MIME} (nginx: types { ${WASM_MIME} wasm; })`
    );
  }
  return null;
}

function policyMessage() {
  return (
    `${wasmUrl.pathname} was refused by the Content-Security-Policy. Likely cause: script-src lacks ` +
    "'wasm-unsafe-eval'. Fix: add 'wasm-unsafe-eval' to script-src for this site"
  );
}
