// The bare page's script, in its own file so nginx's strict policy (no inline
// scripts) lets it run: start bare-worker.mjs and note when it answers.
const pyodide = new URLSearchParams(location.search).get("pyodide");
const worker = new Worker(`./bare-worker.mjs?pyodide=${encodeURIComponent(pyodide)}`, { type: "module" });
worker.onmessage = ({ data }) => {
  window.__ready = performance.now();
  document.documentElement.dataset.benchReady = "";
  document.getElementById("out").textContent = `ready: ${data.result}`;
};
