// What every calculator form shares: the "starting Python" status line, error
// messages by their fields, the copy-link button and the URL query string.

import { onStatus } from "./python-client.mjs";
import { answerId, arrange, layOut } from "./result-layout.mjs";

/**
 * Keep a result section's status line in step with Python's start-up.
 * @param {HTMLElement} section  the result section, holding [data-python-status]
 * @param {string} fallback      what the build-time result shows, e.g. "the default answers"
 */
export function followPython(section, fallback) {
  const line = section.querySelector("[data-python-status]");
  return onStatus(({ status, detail, progress }) => {
    if (status === "loading") {
      const percent = typeof progress === "number" ? ` (${Math.round(progress * 100)}%)` : "";
      line.textContent = `Starting Python in your browser${percent}: ${detail}…`;
    }
    if (status === "failed") {
      line.textContent =
        `Python could not start in this browser: ${detail} ` +
        `The result shown was computed when the site was built, for ${fallback}.`;
      section.dataset.pythonFailed = "true";
    }
  });
}

// The HTML each result region last showed from Python.
const shown = new WeakMap();

/**
 * Show a result's HTML in region, unless region already shows the same.
 * Python's first answer usually equals the build-time result (the same
 * renderer made both); leaving the DOM alone then saves a style and layout
 * pass while the page is still starting. Later answers are compared with the
 * last one as strings, which costs next to nothing. The result is shown split
 * into its answer and its details (result-layout.mjs).
 * @param {HTMLElement} region  the [data-result] element
 * @param {string} html         calculators.render's output
 */
export function showResult(region, html) {
  if (shown.get(region) === html) return;
  const template = document.createElement("template");
  template.innerHTML = html;
  arrange(template.content, answerId(region));
  if (shown.has(region) || comparable(template.content.childNodes) !== comparable(region.childNodes)) {
    region.replaceChildren(template.content);
  }
  shown.set(region, html);
  layOut(region);
}

// Markup to compare two results by. Material's instant navigation rewrites the
// page's relative links as absolute ones, so links are compared resolved.
function comparable(nodes) {
  const box = document.createElement("div");
  box.append(...[...nodes].map((node) => node.cloneNode(true)));
  for (const element of box.querySelectorAll("[href], [src]")) {
    for (const name of ["href", "src"]) {
      const value = element.getAttribute(name);
      if (value !== null) element.setAttribute(name, new URL(value, document.baseURI).href);
    }
  }
  return box.innerHTML;
}

/** Say in the status line that Python computed what is shown. */
export function markComputed(section, what) {
  section.querySelector("[data-python-status]").textContent = `Computed by Python in your browser from ${what}.`;
}

/** Show each message (field -> text) by its field and clear the others. */
export function showFieldErrors(form, errors) {
  for (const slot of form.querySelectorAll("[data-error-for]")) {
    const message = errors[slot.dataset.errorFor] || "";
    if (slot.textContent === message && slot.hidden === !message) continue; // nothing to redo
    slot.hidden = !message;
    slot.textContent = message;
    const field = form.querySelector(`[name="${CSS.escape(slot.dataset.errorFor)}"]`);
    (field?.type === "radio" ? slot.closest("fieldset") : field)?.toggleAttribute("aria-invalid", Boolean(message));
  }
}

/** The copy-link button: copies the page address, which holds the inputs. */
export function bindCopyLink(form, announce) {
  const button = form.querySelector('[data-action="copy-link"]');
  if (!button) return;
  const label = button.textContent;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      button.textContent = "Link copied";
    } catch {
      button.textContent = "Copy the address bar instead";
    }
    announce.textContent = button.textContent;
    setTimeout(() => (button.textContent = label), 2500);
  });
}

/** Replace the query string with these values (dropping defaults), keeping history clean. */
export function writeQuery(values, isDefault, extra = []) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (!isDefault(key, value)) params.set(key, value);
  }
  for (const [key, value] of extra) params.append(key, value); // e.g. pinned scenarios
  const query = params.toString();
  history.replaceState(history.state, "", query ? `?${query}` : location.pathname);
  writePrintMeta();
}

/** On paper: the date and the address that reopens what is shown. */
export function writePrintMeta() {
  const date = new Date().toISOString().slice(0, 10);
  for (const line of document.querySelectorAll("[data-print-meta]")) {
    line.textContent = `Printed on ${date} (UTC) from ${location.href}. Open that address to see the same result.`;
  }
}
window.addEventListener("beforeprint", writePrintMeta);

/**
 * Serialise calls: only the newest request's reply is applied.
 * Returns run(request, apply): apply(reply) runs only if no newer call started.
 */
export function newestWins(call, form) {
  let latest = 0;
  return async (request, apply) => {
    const ticket = ++latest;
    form.setAttribute("aria-busy", "true");
    let reply;
    try {
      reply = await call(request);
    } catch {
      return; // followPython already explains; the build-time result stays.
    } finally {
      if (ticket === latest) form.removeAttribute("aria-busy");
    }
    if (ticket === latest) apply(reply);
  };
}

// Where each calculator keeps its inputs for the other page, so one record
// can hold both the decision answers and the cost inputs.
export const STORED = { answers: "rft-decision-answers", inputs: "rft-cost-inputs" };

/** Read one calculator's stored inputs, or null. */
export function readStored(which) {
  try {
    const value = JSON.parse(localStorage.getItem(STORED[which]) || "null");
    return value && typeof value === "object" ? value : null;
  } catch {
    return null; // storage off or unreadable: the record leaves that part out
  }
}

/** Keep one calculator's inputs for the other page's record. */
export function store(which, values) {
  try {
    localStorage.setItem(STORED[which], JSON.stringify(values));
  } catch {
    // Storage may be off; the record then holds this page's part only.
  }
}
