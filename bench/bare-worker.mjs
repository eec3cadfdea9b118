// Bare Pyodide for the benchmark: start the self-hosted runtime in a module
// worker and call one function, with no snapshot and no calculators.
const pyodideDir = new URL(new URL(self.location.href).searchParams.get("pyodide"), self.location.href);
const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideDir).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir.href, packages: [] });
self.postMessage({ result: pyodide.runPython("sum(range(10))") });
