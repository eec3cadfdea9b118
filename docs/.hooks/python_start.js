// Inlined by python_start.py at the top of the head of every page that holds a
// calculator: starts the Python worker and the snapshot helper while the page
// is still being parsed, before its stylesheets and scripts have arrived.
// python-client.mjs takes both workers over (adoptEarlyStart) when it first
// runs; until then the Python worker's messages wait in `held`. The helper's
// messages go straight to the Python worker, as python-client.mjs's
// startSnapshotHelper() passes them for a start of its own. A failure here
// leaves no early start behind, and python-client.mjs starts Python itself.
// A classic script, the same text on every page (one hash in the
// Content-Security-Policy); the folder of the site's scripts comes from its
// data-javascripts attribute.
(function () {
  var python = null;
  try {
    var folder = new URL(document.currentScript.dataset.javascripts, document.baseURI);
    python = new Worker(new URL("python-worker.mjs", folder), { type: "module" });
    var held = [];
    python.onmessage = python.onerror = function (event) {
      if (event.type === "error") event.preventDefault();
      held.push(event);
    };
    var helper = new Worker(new URL("python-snapshot-worker.mjs", folder), { type: "module" });
    helper.onmessage = function (event) {
      var news = event.data;
      python.postMessage({ snapshot: news }, news.bytes ? [news.bytes.buffer] : []);
    };
    helper.onerror = function (event) {
      event.preventDefault();
      python.postMessage({ snapshot: { error: event.message || "the snapshot worker failed to start" } });
    };
    window.__rftPythonStart = { python: python, helper: helper, held: held };
  } catch (error) {
    if (python) python.terminate();
  }
})();
