// "Copy as Markdown" and "Download .md": the current result as a decision
// record, written by calculators.record.render_record in the Python worker
// (the same function as `python -m calculators record`), never in JavaScript.
//
// The buttons work before Python is ready: a click waits for it and says so.
// If Python cannot start, they say why; the rest of the page keeps working.
// The forms import this module only when they mount, so pages without a
// calculator never load it.

import { call, onStatus } from "./python-client.mjs";

/** The guide's address (the site root, below any sub-path), from Material's config. */
function siteUrl() {
  let base = "..";
  try {
    base = JSON.parse(document.getElementById("__config").textContent).base || "..";
  } catch {
    // Material always writes __config; ".." fits a page one level down.
  }
  return new URL(base.endsWith("/") ? base : `${base}/`, location.href).href;
}

/**
 * Bind the record buttons of one result section.
 * @param {HTMLElement} section  holds [data-action=copy-markdown], [data-action=download-markdown], [data-record-status]
 * @param {() => {answers: object|null, inputs: object|null}} parts  what goes into the record now
 * @param {string} stem  the download's file name before the date, e.g. "decision-record"
 */
export function bindRecordButtons(section, parts, stem) {
  const copy = section.querySelector('[data-action="copy-markdown"]');
  const download = section.querySelector('[data-action="download-markdown"]');
  const status = section.querySelector("[data-record-status]");
  if (!copy || !download || !status) return;
  copy.closest("[data-record-bar]").hidden = false; // the script is here, so Python can be
  let failed = "";
  let ready = false;
  onStatus(({ status: state, detail }) => {
    ready = state === "ready";
    if (state === "failed") {
      failed = detail;
      for (const button of [copy, download]) button.setAttribute("aria-disabled", "true");
      say(`Copy and download need Python, which could not start: ${detail}`);
    }
  });

  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  async function markdown() {
    if (failed) throw new Error(`Python could not start: ${failed}`);
    if (!ready) say("Waiting for Python to start; the record follows as soon as it is ready…");
    const date = new Date().toISOString().slice(0, 10); // UTC, as on the command line
    const reply = await call({ call: "record", args: { ...parts(), date, site_url: siteUrl() } });
    if (!reply.ok) throw new Error(`Fix ${reply.error.field} first: ${reply.error.message}`);
    return { text: reply.markdown, date };
  }

  copy.addEventListener("click", async () => {
    if (failed) return say(`Copy needs Python, which could not start: ${failed}`);
    const pending = markdown();
    try {
      if (window.ClipboardItem && navigator.clipboard?.write) {
        // Hand the clipboard a promise now, while the click still counts as
        // the person's gesture (Safari requires it; the record may take a moment).
        const blob = pending.then(({ text }) => new Blob([text], { type: "text/plain" }));
        await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
      } else {
        await navigator.clipboard.writeText((await pending).text);
      }
      say("Copied the record as Markdown.");
    } catch (error) {
      const reason = await pending.then(() => "", (e) => e.message);
      say(reason || `The browser refused the clipboard (${error.message}); use Download .md instead.`);
    }
  });

  download.addEventListener("click", async () => {
    if (failed) return say(`Download needs Python, which could not start: ${failed}`);
    try {
      const { text, date } = await markdown();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
      link.download = `${stem}-${date}.md`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      say(`Saved ${link.download}.`);
    } catch (error) {
      say(error.message);
    }
  });
}
