// The Decide page: reads the answers, asks Python for the recommendation, and
// keeps the answers in the URL so a link restores the result.
//
// The form and a build-time result are already in the HTML (rendered by
// docs/.hooks/calculator_widgets.py with the same Python functions), so the
// page is useful before Python starts and without JavaScript.
import { call, onStatus } from "./python-client.mjs";

const DEFAULT_ANSWER = "unsure";

function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "true";
  const section = form.ownerDocument.getElementById("decision-result");
  const region = section.querySelector("[data-result]");
  const statusLine = section.querySelector("[data-python-status]");
  const announce = section.querySelector("[data-announce]");
  const summary = form.querySelector("[data-summary-title]");
  let latest = 0;
  // Answers from a shared link that we could not accept: shown by their field
  // until the person answers that question.
  const linkErrors = restoreFromUrl(form);
  const stopStatus = onStatus(({ status, detail }) => {
    if (status === "loading") statusLine.textContent = `Starting Python in your browser: ${detail}…`;
    if (status === "failed") {
      statusLine.textContent =
        `Python could not start in this browser (${detail}). ` +
        "The result shown was computed when the site was built, for the default answers.";
      section.dataset.pythonFailed = "true";
    }
  });

  async function update() {
    const answers = readAnswers(form);
    writeUrl(answers);
    const ticket = ++latest;
    form.setAttribute("aria-busy", "true");
    let reply;
    try {
      reply = await call({ call: "decide", args: answers });
    } catch {
      return; // onStatus already explains; the build-time result stays.
    } finally {
      if (ticket === latest) form.removeAttribute("aria-busy");
    }
    if (ticket !== latest) return; // a newer answer is on its way
    showFieldErrors(form, reply.ok ? linkErrors : { ...linkErrors, [reply.error.field]: reply.error.message });
    if (!reply.ok) return; // keep the last good result next to the message
    const changed = region.dataset.approach !== reply.result.approach;
    region.innerHTML = reply.html;
    region.dataset.approach = reply.result.approach;
    region.dataset.source = "python";
    if (summary) summary.textContent = reply.result.title;
    // A short sentence for screen readers, not the whole result.
    if (changed) announce.textContent = `Recommendation: ${reply.result.title}`;
    statusLine.textContent = "Computed by Python in your browser from your answers.";
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
  form.querySelector('[data-action="copy-link"]')?.addEventListener("click", async (event) => {
    const button = event.currentTarget;
    try {
      await navigator.clipboard.writeText(location.href);
      button.textContent = "Link copied";
    } catch {
      button.textContent = "Copy the address bar instead";
    }
    announce.textContent = button.textContent;
    setTimeout(() => (button.textContent = "Copy link to this result"), 2500);
  });
  update();
  return stopStatus;
}

function readAnswers(form) {
  const answers = {};
  for (const input of form.querySelectorAll('input[type="radio"]:checked')) {
    answers[input.name] = input.value;
  }
  return answers;
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

function writeUrl(answers) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(answers)) {
    if (value !== DEFAULT_ANSWER) params.set(key, value);
  }
  const query = params.toString();
  history.replaceState(history.state, "", query ? `?${query}` : location.pathname);
}

/** Show each message (field -> text) by its field and clear the others. */
function showFieldErrors(form, errors) {
  for (const slot of form.querySelectorAll("[data-error-for]")) {
    const message = errors[slot.dataset.errorFor];
    slot.hidden = !message;
    slot.textContent = message || "";
    slot.closest("fieldset")?.toggleAttribute("aria-invalid", Boolean(message));
  }
}

document$.subscribe(() => {
  for (const form of document.querySelectorAll('form[data-calculator="decision"]')) mount(form);
});
