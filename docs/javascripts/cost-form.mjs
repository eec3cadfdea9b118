// The Cost estimator: reads the inputs, asks Python for the estimate, and keeps
// the changed inputs in the URL so a link restores the estimate.
//
// The form and the estimate for the sourced defaults are already in the HTML
// (rendered at build time by the same Python functions), so the chart shows
// before Python starts and without JavaScript.
import { bindCopyLink, followPython, readStored, store, markComputed, newestWins, showFieldErrors, showResult, writeQuery } from "./calculator-form.mjs";
import { call } from "./python-client.mjs";

const TYPING_PAUSE_MS = 150;

function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "true";
  const section = form.ownerDocument.getElementById("cost-result");
  const region = section.querySelector("[data-result]");
  const announce = section.querySelector("[data-announce]");
  const fields = [...form.querySelectorAll("input[data-default], select[data-default]")];
  const presets = JSON.parse(form.dataset.presets);
  const replaced = JSON.parse(form.dataset.replaced || "{}");
  const presetNote = form.querySelector("[data-preset-note]");
  const run = newestWins(call, form);
  let timer = 0;

  const params = new URLSearchParams(location.search);
  // Pinned scenarios (cost-scenarios.mjs) stay in the address with the inputs.
  const pinned = params.getAll("scenario").slice(0, 10);
  for (const field of fields) {
    if (params.has(field.name)) field.value = params.get(field.name);
  }
  // A link made before an input was replaced opens normally, with a note.
  const old = Object.keys(replaced).filter((key) => params.has(key));
  if (old.length) {
    const note = form.querySelector("[data-replaced-note]");
    note.textContent = old
      .map((key) => `This link set ${key}=${params.get(key)}, an input the estimator no longer has: ${replaced[key]}. The other values from the link are kept.`)
      .join(" ");
    note.hidden = false;
  }
  followPython(section, "the sourced defaults");

  function values() {
    return Object.fromEntries(fields.map((f) => [f.name, f.value.trim()]));
  }

  const isDefault = (key, value) => value === form.elements[key].dataset.default;

  // "Draw the pinned scenarios on the estimate's chart" (in the scenarios block).
  const overlayToggle = form.ownerDocument.querySelector("[data-overlay-toggle]");

  function update() {
    const inputs = values();
    const request = { call: "cost", args: inputs };
    // Python draws the pinned scenarios' lines into the chart it renders.
    if (pinned.length && overlayToggle?.checked) request.overlay = [...pinned];
    run(request, (reply) => {
      showFieldErrors(form, reply.ok ? {} : { [reply.error.field]: reply.error.message });
      if (!reply.ok) return; // the last good estimate stays; the input is kept
      // Inputs Python accepted, for the Decide page's record.
      store("inputs", changed());
      showResult(region, reply.html);
      region.dataset.source = "python";
      region.dataset.breakEven = String(reply.result.break_even_month ?? ""); // "" means never
      announce.textContent = region.querySelector(".rft-result__headline")?.textContent || "";
      markComputed(section, "your inputs");
    });
    // After the request is on its way to Python.
    writeQuery(inputs, isDefault, pinned.map((text) => ["scenario", text]));
  }

  function changed() {
    return Object.fromEntries(Object.entries(values()).filter(([key, value]) => !isDefault(key, value)));
  }

  function setValues(updates) {
    for (const [key, value] of Object.entries(updates)) {
      if (form.elements[key]) form.elements[key].value = value;
    }
    update();
  }

  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, TYPING_PAUSE_MS);
  });
  form.addEventListener("reset", () => setTimeout(update)); // after the fields reset
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  for (const button of form.querySelectorAll("[data-preset]")) {
    button.addEventListener("click", () => {
      const preset = presets[button.dataset.preset];
      for (const field of fields) field.value = field.dataset.default; // a preset starts from the defaults
      presetNote.textContent = `${button.textContent}: ${preset.team}`;
      setValues(preset.inputs);
    });
  }
  form.querySelector('[data-action="from-decision"]')?.addEventListener("click", () => {
    const answers = readStored("answers");
    if (!answers) {
      showFieldErrors(form, { "from-decision": "No decision answers yet: answer the questions on the Decide page first." });
      return;
    }
    run({ call: "cost-inputs-from-decision", args: answers }, (reply) => {
      showFieldErrors(form, reply.ok ? {} : { "from-decision": reply.error.message });
      if (!reply.ok) return;
      for (const item of form.querySelectorAll("[data-mapping]")) {
        const used = reply.applied.some((a) => item.dataset.mapping === `${a.question}:${a.key}`);
        item.toggleAttribute("data-applied", used);
      }
      presetNote.textContent = reply.applied.length
        ? `Your decision answers changed ${reply.applied.length} input(s); the list below says which and why.`
        : "Your decision answers change none of the inputs.";
      if (reply.applied.length) form.querySelector(".rft-mappings").open = true;
      setValues(reply.result);
    });
  });
  bindCopyLink(form, announce);
  // The record holds these inputs, and the decision answers last given in this browser.
  import("./record-buttons.mjs").then(({ bindRecordButtons }) =>
    bindRecordButtons(section, () => ({ answers: readStored("answers"), inputs: values(), scenarios: pinned }), "cost-record"),
  );
  const scenarios = form.ownerDocument.querySelector("[data-scenarios]");
  if (scenarios) {
    import("./cost-scenarios.mjs").then(({ mountScenarios }) =>
      // A pin or removal rewrites the address and redraws the chart's scenario lines.
      mountScenarios(scenarios, pinned, changed, update),
    );
    overlayToggle?.addEventListener("change", update);
  }
  update();
}

document$.subscribe(() => {
  for (const form of document.querySelectorAll('form[data-calculator="cost"]')) mount(form);
});
