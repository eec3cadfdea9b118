// The Decide page: reads the answers, asks Python for the recommendation, and
// keeps the answers in the URL so a link restores the result.
//
// The form and a build-time result are already in the HTML (rendered by
// docs/.hooks/calculator_widgets.py with the same Python functions), so the
// page is useful before Python starts and without JavaScript.
import { bindCopyLink, followPython, readStored, store, markComputed, newestWins, showFieldErrors, showResult, writeQuery } from "./calculator-form.mjs";
import { call } from "./python-client.mjs";

const DEFAULT_ANSWER = "unsure";

function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "true";
  const section = form.ownerDocument.getElementById("decision-result");
  const region = section.querySelector("[data-result]");
  const announce = section.querySelector("[data-announce]");
  const summary = form.querySelector("[data-summary-title]");
  const run = newestWins(call, form);
  // Answers from a shared link that we could not accept: shown by their field
  // until the person answers that question.
  const linkErrors = restoreFromUrl(form);
  followPython(section, "the default answers");

  function update() {
    const answers = readAnswers(form);
    run({ call: "decide", args: answers }, (reply) => {
      showFieldErrors(form, reply.ok ? linkErrors : { ...linkErrors, [reply.error.field]: reply.error.message });
      if (!reply.ok) return; // keep the last good result next to the message
      const changed = region.dataset.approach !== reply.result.approach;
      showResult(region, reply.html);
      region.dataset.approach = reply.result.approach;
      region.dataset.source = "python";
      if (summary) summary.textContent = reply.result.title;
      // A short sentence for screen readers, not the whole result.
      if (changed) announce.textContent = `Recommendation: ${reply.result.title}`;
      markComputed(section, "your answers");
    });
    remember(answers); // after the request is on its way to Python
  }

  form.addEventListener("change", (event) => {
    delete linkErrors[event.target.name];
    update();
  });
  form.addEventListener("reset", () => setTimeout(update)); // after the fields reset
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  bindCopyLink(form, announce);
  // The record holds these answers, and the cost inputs last used in this browser.
  import("./record-buttons.mjs").then(({ bindRecordButtons }) =>
    bindRecordButtons(section, () => ({ answers: readAnswers(form), inputs: readStored("inputs") }), "decision-record"),
  );
  update();
}

function readAnswers(form) {
  const answers = {};
  for (const input of form.querySelectorAll('input[type="radio"]:checked')) {
    answers[input.name] = input.value;
  }
  return answers;
}

/** Keep the answers in the address bar (for a link) and in storage (for the cost estimator). */
function remember(answers) {
  writeQuery(answers, (_, value) => value === DEFAULT_ANSWER);
  // The cost estimator's "Use my decision answers" and its record read them from here.
  store("answers", answers);
}

function restoreFromUrl(form) {
  const errors = {};
  const params = new URLSearchParams(location.search);
  for (const [key, value] of params) {
    const input = form.querySelector(`input[type="radio"][name="${CSS.escape(key)}"][value="${CSS.escape(value)}"]`);
    if (input) {
      input.checked = true;
    } else if (form.querySelector(`input[name="${CSS.escape(key)}"]`)) {
      // A known question with an answer we do not accept: say so by the field.
      // The allowed answers are the field's own choices, rendered from Python.
      const allowed = [...form.querySelectorAll(`input[name="${CSS.escape(key)}"]`)].map((i) => i.value);
      errors[key] = `${key}: the link says "${value}"; allowed answers: ${allowed.join(", ")}`;
    }
  }
  showFieldErrors(form, errors);
  return errors;
}

document$.subscribe(() => {
  for (const form of document.querySelectorAll('form[data-calculator="decision"]')) mount(form);
});
