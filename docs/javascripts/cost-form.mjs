// The Cost estimator: reads the inputs, asks Python for the estimate, and keeps
// the changed inputs in the URL so a link restores the estimate.
//
// The form and the estimate for the sourced defaults are already in the HTML
// (rendered at build time by the same Python functions), so the chart shows
// before Python starts and without JavaScript.
import { bindCopyLink, followPython, readStored, store, markComputed, newestWins, showFieldErrors, showResult, writeQuery } from "./calculator-form.mjs";
import { call } from "./python-client.mjs";
import { followSummaryLink, layOut } from "./result-layout.mjs";

const TYPING_PAUSE_MS = 150;

function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "true";
  const section = form.ownerDocument.getElementById("cost-result");
  const region = section.querySelector("[data-result]");
  const announce = section.querySelector("[data-announce]");
  layOut(region); // the headline and chart beside the inputs, the details after them
  const summary = form.querySelector("[data-summary]");
  if (summary) followSummaryLink(summary);
  const fields = [...form.querySelectorAll("input[data-default], select[data-default]")];
  const presets = JSON.parse(form.dataset.presets);
  const replaced = JSON.parse(form.dataset.replaced || "{}");
  const presetNote = form.querySelector("[data-preset-note]");
  const run = newestWins(call, form);
  let timer = 0;

  const params = new URLSearchParams(location.search);
  // Pinned scenarios (cost-scenarios.mjs) stay in the address with the inputs.
  const pinned = params.getAll("scenario").slice(0, 10);
  // A run from the Training cost page ("Use as the training-run cost", issue 26): kept in
  // the address and the record, and the link back to that page reopens its inputs.
  const training = params.get("training");
  const trainingLink = form.ownerDocument.querySelector('.md-content a[href$="training-cost/"]');
  if (trainingLink && training !== null) trainingLink.search = training.replaceAll(";", "&");
  // Decision answers carried from the Decide page, kept as given (a value the
  // Decide page refuses is still carried back to it, never lost); the record
  // holds the accepted ones.
  const questions = JSON.parse(form.dataset.questions || "{}");
  let answerPairs = [...params].filter(([key]) => Object.hasOwn(questions, key));
  let answersFromPreset = false; // whether answerPairs came with a reader's preset
  const accepted = () => Object.fromEntries(answerPairs.filter(([key, value]) => questions[key].includes(value)));
  const carryLink = section.querySelector("[data-carry-link]");
  const carryNote = section.querySelector("[data-carry-note]");
  for (const field of fields) {
    if (!params.has(field.name)) continue;
    const value = params.get(field.name);
    if (field.tagName === "SELECT" && ![...field.options].some((option) => option.value === value)) {
      // A word the link carries that the list lacks: keep it, marked, so Python
      // names the very value the link held, and the reader can pick another.
      field.append(new Option(`${value} (from the link, not allowed)`, value));
    }
    field.value = value;
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

  // What the carried decision answers set (calculators.cost.inputs_from_decision):
  // with answers, a link means those values for the inputs it leaves alone, so the
  // address keeps only what differs from them, and reopens the same estimate.
  let baseline = {};
  const isDefault = (key, value) => value === (baseline[key] ?? form.elements[key].dataset.default);

  // "Draw the pinned scenarios on the estimate's chart" (in the scenarios block).
  const overlayToggle = form.ownerDocument.querySelector("[data-overlay-toggle]");

  function update() {
    const inputs = values();
    // slim: the page reads only the break-even month from the result (the HTML holds the rest).
    const request = { call: "cost", args: inputs, slim: true };
    // The answers mark the approaches that miss a need; the headline compares the rest.
    const answers = accepted();
    if (Object.keys(answers).length) request.answers = answers;
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
      const headline = region.querySelector(".rft-result__headline")?.textContent || "";
      announce.textContent = headline;
      summarise(headline);
      markComputed(section, "your inputs");
    });
    // After the request is on its way to Python.
    rewrite(inputs);
  }

  /** The address: changed inputs, carried answers, pinned scenarios; the Decide link follows it. */
  function rewrite(inputs) {
    writeQuery(inputs, isDefault, [...answerPairs, ...pinned.map((text) => ["scenario", text]), ...(training === null ? [] : [["training", training]])]);
    if (carryLink) carryLink.search = location.search;
  }

  function sayCarried() {
    if (!carryNote) return;
    carryNote.hidden = !answerPairs.length;
    if (!answerPairs.length) return;
    const bad = answerPairs.filter(([key, value]) => !questions[key].includes(value));
    const count = answerPairs.length - bad.length;
    let text = `This address also holds ${count} decision answer${count === 1 ? "" : "s"} from the Decide page; the record and the link above keep them.`;
    if (bad.length) {
      text += " The Decide page does not accept " +
        bad.map(([key, value]) => `${key}=${value} (allowed: ${questions[key].join(", ")})`).join(", ") +
        ", so the record leaves it out; the link above takes it back there to fix.";
    }
    carryNote.textContent = text;
    carryNote.hidden = false;
  }

  /** The phone's one-line summary below the inputs: the headline, the chart a tap away. */
  function summarise(headline) {
    if (!summary) return;
    summary.querySelector("[data-summary-title]").textContent = headline;
    summary.hidden = !headline;
  }
  summarise(region.querySelector(".rft-result__headline")?.textContent || "");

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
      if (Object.keys(preset.answers).length) {
        // A reader's preset carries its team's Decide answers: the address, the
        // estimate and the record hold them from now on.
        answerPairs = Object.entries(preset.answers);
        answersFromPreset = true;
        sayCarried();
      } else if (answersFromPreset) {
        answerPairs = []; // another preset's answers are not this team's
        answersFromPreset = false;
        sayCarried();
      }
      if (!answerPairs.length) {
        baseline = {};
        setValues(preset.inputs);
        return;
      }
      applyAnswers(accepted(), preset.inputs, false);
    });
  }
  /**
   * Fill the form with what these inputs mean with these decision answers:
   * the one Python function (calculators.cost.inputs_with_answers) that the
   * command line's `cost` and `record` use too, so a link gives the same
   * estimate and record everywhere. The inputs given keep their values (the
   * note says where they differ from what the answers set); the rest take
   * what the answers set.
   * @param {object} answers  question key -> answer
   * @param {object} given    input key -> value the link, the form or a preset sets
   * @param {boolean} say     whether the note says what the answers changed
   */
  function applyAnswers(answers, given, say = true) {
    return call({ call: "cost-inputs-with-answers", args: { inputs: given, answers } }).then((reply) => {
      showFieldErrors(form, reply.ok ? {} : { "from-decision": reply.error.message });
      if (!reply.ok) return update();
      baseline = reply.adjusted;
      const kept = Object.keys(reply.adjusted).filter((key) => key in given && given[key] !== reply.adjusted[key]);
      for (const item of form.querySelectorAll("[data-mapping]")) {
        const used = reply.applied.some((a) => item.dataset.mapping === `${a.question}:${a.answer}:${a.key}`);
        item.toggleAttribute("data-applied", used);
      }
      if (say) {
        presetNote.textContent = reply.applied.length
          ? `Your decision answers changed ${reply.applied.length} input(s); the list below says which and why.`
          : "Your decision answers change none of the inputs.";
        if (kept.length) presetNote.textContent += ` The link's own value is kept for ${kept.join(", ")}.`;
        if (reply.applied.length) form.querySelector(".rft-mappings").open = true;
      }
      setValues(reply.result);
    }, () => update()); // Python failed to start: followPython explains; the build-time result stays
  }

  form.querySelector('[data-action="from-decision"]')?.addEventListener("click", () => {
    // The answers this address carries, else the ones last given in this browser.
    const answers = answerPairs.length ? accepted() : readStored("answers");
    if (!answers) {
      showFieldErrors(form, { "from-decision": "No decision answers yet: answer the questions on the Decide page first." });
      return;
    }
    if (!answerPairs.length) {
      // From now on the address (and so the link and the record) carries them.
      answerPairs = Object.entries(answers).filter(([key, value]) => Object.hasOwn(questions, key) && value !== "unsure");
      sayCarried();
    }
    // Every input the answers set changes; the others keep what the form holds.
    applyAnswers(answers, {});
  });
  bindCopyLink(form, announce);
  // The record holds these inputs, and the decision answers the address carries
  // (or, without any, the ones last given in this browser).
  import("./record-buttons.mjs").then(({ bindRecordButtons }) =>
    bindRecordButtons(
      section,
      () => ({ answers: answerPairs.length ? accepted() : readStored("answers"), inputs: values(), scenarios: pinned, training }),
      "cost-record",
    ),
  );
  const scenarios = form.ownerDocument.querySelector("[data-scenarios]");
  if (scenarios) {
    import("./cost-scenarios.mjs").then(({ mountScenarios }) =>
      // A pin or removal rewrites the address and redraws the chart's scenario lines.
      mountScenarios(scenarios, pinned, changed, update),
    );
    overlayToggle?.addEventListener("change", update);
  }
  sayCarried();
  if (Object.keys(accepted()).length) {
    // A link with decision answers (from the Decide page's "Estimate the costs
    // with these answers", a copied link, a record): the inputs it leaves alone
    // take what the answers set. The address drops the Decide page's `apply`.
    const given = Object.fromEntries(fields.filter((f) => params.has(f.name)).map((f) => [f.name, f.value.trim()]));
    applyAnswers(accepted(), given, params.get("apply") === "answers");
  } else {
    update();
  }
}

document$.subscribe(() => {
  for (const form of document.querySelectorAll('form[data-calculator="cost"]')) mount(form);
});
