// Module Web Worker that runs the calculators in Pyodide, off the main thread.
//
// Protocol (structured-clone messages):
//   page -> worker  {id, request}    request is {call, args}, see calculators/web.py
//   worker -> page  {id, reply}      reply is the parsed JSON from calculators.web.handle
//                   {id, failure}    Python could not start or crashed: {message, file?}
//                   {status, detail} start-up progress: "loading" | "ready" | "failed"
import assets from "./python-assets.mjs";

const pyodideDir = new URL(assets.pyodideDir, import.meta.url);

function status(state, detail = "") {
  self.postMessage({ status: state, detail });
}

async function start() {
  status("loading", "Downloading the Python runtime");
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideDir).href);
  const pyodide = await loadPyodide({
    indexURL: pyodideDir.href,
    lockFileURL: new URL("pyodide-lock.json", pyodideDir).href,
    packages: [],
  });
  status("loading", "Loading the calculators");
  const response = await fetch(new URL(assets.calculatorsZip, import.meta.url));
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText} for ${response.url}`);
  }
  const archive = new Uint8Array(await response.arrayBuffer());
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(archive, "zip", { extractDir: sitePackages });
  const handle = pyodide.pyimport("calculators.web").handle;
  status("ready", `Pyodide ${pyodide.version}`);
  return handle;
}

const ready = start();
ready.catch((error) => status("failed", String(error && error.message ? error.message : error)));

self.onmessage = async ({ data }) => {
  const { id, request } = data;
  let handle;
  try {
    handle = await ready;
  } catch (error) {
    self.postMessage({ id, failure: { message: String(error && error.message ? error.message : error) } });
    return;
  }
  try {
    self.postMessage({ id, reply: JSON.parse(handle(JSON.stringify(request))) });
  } catch (error) {
    self.postMessage({ id, failure: { message: String(error && error.message ? error.message : error) } });
  }
};
