// The Training cost page: reads the inputs, asks Python what the run costs, and
// keeps the changed inputs in the address so a link restores the result.
//
// The form and the result for the sourced defaults are already in the HTML
// (docs/.hooks/training_widgets.py renders them with the same Python), so the
// page works before Python starts and without JavaScript. Only this page loads
// this module (a script tag in its content); the Python worker loads the
// training package the first time this page asks (python-worker.mjs).
import { bindCopyLink, followPython, markComputed, newestWins, showFieldErrors, showResult, writeQuery } from "./calculator-form.mjs";
import { call } from "./python-client.mjs";

const TYPING_PAUSE_MS = 150;

function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "true";
  const section = form.ownerDocument.getElementById("training-result");
  const region = section.querySelector("[data-result]");
  const announce = section.querySelector("[data-announce]");
  const fields = [...form.querySelectorAll("input[data-default], select[data-default]")];
  const run = newestWins(call, form);
  let timer = 0;

  // A link restores its inputs; a value Python refuses is kept and named by its field.
  const params = new URLSearchParams(location.search);
  for (const field of fields) {
    if (!params.has(field.name)) continue;
    const value = params.get(field.name);
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) {
      // A select cannot hold a word it does not list: keep the default and ask Python to
      // name the problem, so the reader sees which word the link carried.
      field.dataset.linkValue = value;
    } else {
      field.value = value;
    }
  }
  followPython(section, "the sourced defaults");

  const isDefault = (key, value) => value === form.elements[key].dataset.default;

  function values() {
    return Object.fromEntries(fields.map((f) => [f.name, f.dataset.linkValue ?? f.value.trim()]));
  }

  function update() {
    const inputs = values();
    run({ call: "training", args: inputs }, (reply) => {
      showFieldErrors(form, reply.ok ? {} : { [reply.error.field]: reply.error.message });
      if (!reply.ok) return; // the last good result stays; the input is kept
      showResult(region, reply.html);
      region.dataset.source = "python";
      region.dataset.usd = `${reply.result.usd.low}..${reply.result.usd.high}`;
      announce.textContent = region.querySelector(".rft-result__headline")?.textContent || "";
      markComputed(section, "your inputs");
    });
    writeQuery(inputs, isDefault); // after the request is on its way to Python
  }

  form.addEventListener("input", (event) => {
    delete event.target.dataset.linkValue; // the reader chose a listed word
    clearTimeout(timer);
    timer = setTimeout(update, TYPING_PAUSE_MS);
  });
  form.addEventListener("reset", () => {
    for (const field of fields) delete field.dataset.linkValue;
    setTimeout(update); // after the fields reset
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  bindCopyLink(form, announce);
  update();
}

function start() {
  document$.subscribe(() => {
    for (const form of document.querySelectorAll('form[data-calculator="training"]')) mount(form);
  });
}

// This module's script tag sits in the page's content, before Material's bundle
// (deferred scripts run in document order): wait for the bundle's document$.
if (window.document$) start();
else document.addEventListener("DOMContentLoaded", start, { once: true });
