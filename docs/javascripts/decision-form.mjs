// The Decide page: reads the answers, asks Python for the recommendation, and
// keeps the answers in the URL so a link restores the result.
//
// The form and a build-time result are already in the HTML (rendered by
// docs/.hooks/calculator_widgets.py with the same Python functions), so the
// page is useful before Python starts and without JavaScript.
import { bindCopyLink, followPython, readStored, store, markComputed, newestWins, showFieldErrors, showResult, writeQuery } from "./calculator-form.mjs";
import { call } from "./python-client.mjs";
import { followSummaryLink, layOut } from "./result-layout.mjs";

const DEFAULT_ANSWER = "unsure";

function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "true";
  const section = form.ownerDocument.getElementById("decision-result");
  const region = section.querySelector("[data-result]");
  const announce = section.querySelector("[data-announce]");
  layOut(region); // the answer beside the answers, the details after them
  const summary = form.querySelector("[data-summary]");
  if (summary) followSummaryLink(summary);
  const run = newestWins(call, form);
  // Answers from a shared link that we could not accept: shown by their field
  // until the person answers that question.
  const linkErrors = restoreFromUrl(form);
  // The Cost estimator's inputs and pinned scenarios, carried in this page's
  // address so one link (and one record) holds both parts.
  const carry = carried(form);
  const carryLink = section.querySelector("[data-carry-link]");
  const carryNote = section.querySelector("[data-carry-note]");
  let costProblem = null; // Python's message for a carried input it refuses
  let checked = false;
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
      if (summary) summarise(summary, reply.result);
      // A short sentence for screen readers, not the whole result.
      if (changed) announce.textContent = `Recommendation: ${reply.result.title}`;
      markComputed(section, "your answers");
      if (!checked) checkCarried(); // after the first result, never before it
    });
    remember(answers, carry.pairs); // after the request is on its way to Python
    // The Cost estimator opens with everything this address holds, the answers applied.
    if (carryLink) {
      const query = new URLSearchParams(location.search);
      query.set("apply", "answers");
      carryLink.search = query.toString();
    }
  }

  /** Ask Python whether it accepts the carried cost inputs, and say what was carried. */
  function checkCarried() {
    checked = true;
    if (!carry.pairs.length) return;
    call({ call: "check-cost", args: carry.inputs }).then((reply) => {
      costProblem = reply.ok ? null : reply.error.message;
      sayCarried();
    }, () => {});
    sayCarried();
  }

  function sayCarried() {
    const count = Object.keys(carry.inputs).length;
    const pinned = carry.scenarios.length;
    let text =
      `This address also holds ${count} cost input${count === 1 ? "" : "s"} and ${pinned} ` +
      `pinned scenario${pinned === 1 ? "" : "s"} from the Cost estimator; the record and the link above keep them.`;
    if (costProblem) {
      text += ` The Cost estimator does not accept one of them (${costProblem}), so the record leaves the costs ` +
        "out until you fix it there; the link above takes the value along.";
    }
    if (!carryNote) return;
    carryNote.textContent = text;
    carryNote.hidden = false;
  }

  /** What the record holds besides the answers: the carried costs, else those last used here. */
  function costPart() {
    if (!carry.pairs.length) return { inputs: readStored("inputs") };
    if (costProblem) return { inputs: null };
    return { inputs: carry.inputs, scenarios: carry.scenarios, training: carry.training };
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
  // The record holds these answers, and the cost inputs carried in the address
  // (or, without any, the ones last used in this browser).
  import("./record-buttons.mjs").then(({ bindRecordButtons }) =>
    bindRecordButtons(section, () => ({ answers: readAnswers(form), ...costPart() }), "decision-record"),
  );
  update();
}

/**
 * The phone's one-line summary below the questions: the recommendation, and
 * the gate that set it when one did (`result.gate`: null or {id, label, text}).
 */
function summarise(summary, result) {
  summary.querySelector("[data-summary-title]").textContent = result.title;
  const gate = summary.querySelector("[data-summary-gate]");
  const label = result.gate?.label || "";
  gate.querySelector("[data-summary-gate-label]").textContent = label;
  gate.hidden = !label;
}

function readAnswers(form) {
  const answers = {};
  for (const input of form.querySelectorAll('input[type="radio"]:checked')) {
    answers[input.name] = input.value;
  }
  return answers;
}

/** Keep the answers in the address bar (for a link) and in storage (for the cost estimator). */
function remember(answers, carriedPairs) {
  writeQuery(answers, (_, value) => value === DEFAULT_ANSWER, carriedPairs);
  // The cost estimator's "Use my decision answers" and its record read them from here.
  store("answers", answers);
}

/**
 * The Cost estimator's part of this address, kept as given (a value Python
 * refuses is still carried, so it is never lost): its input keys and
 * `scenario` and `training`, from the list the build wrote into the form.
 * @returns {{pairs: string[][], inputs: object, scenarios: string[], training: string|null}}
 */
function carried(form) {
  const keys = JSON.parse(form.dataset.carry || '{"inputs": [], "replaced": []}');
  // `training`: a run from the Training cost page that the Cost estimator's address carries.
  const known = new Set([...keys.inputs, ...keys.replaced, "scenario", "training"]);
  const pairs = [...new URLSearchParams(location.search)].filter(([key]) => known.has(key));
  return {
    pairs,
    // A replaced input is left out, as the Cost estimator leaves it out (with a note).
    inputs: Object.fromEntries(pairs.filter(([key]) => keys.inputs.includes(key))),
    scenarios: pairs.filter(([key]) => key === "scenario").map(([, value]) => value),
    training: pairs.find(([key]) => key === "training")?.[1] ?? null,
  };
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
