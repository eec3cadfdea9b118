// Scenarios side by side on the Cost estimator: pin the current inputs under a
// name, compare up to three. The pinned scenarios live in the page address
// (one `scenario=NAME:KEY=VALUE;...` each), so a link reproduces the whole
// comparison; Python (calculators.scenarios) checks and compares them, and
// names a broken one with its field while keeping the others.

import { call } from "./python-client.mjs";

const MAX = 3;

/**
 * @param {HTMLElement} block   the [data-scenarios] section
 * @param {string[]} pinned     the scenarios from the address; changed in place
 * @param {() => object} changed  the form's inputs that differ from their defaults
 * @param {() => void} remember   rewrites the address with the inputs and the pinned scenarios
 *                                 (and redraws the estimate, whose chart overlays them)
 */
export function mountScenarios(block, pinned, changed, remember) {
  block.hidden = false;
  const nameField = block.querySelector('[name="scenario-name"]');
  const status = block.querySelector("[data-scenario-status]");
  const list = block.querySelector("[data-pinned]");
  const result = block.querySelector("[data-scenarios-result]");
  const overlay = block.querySelector(".rft-overlay-toggle");

  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  async function refresh() {
    list.replaceChildren(
      ...pinned.map((text, index) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        const name = text.split(":")[0];
        button.type = "button";
        button.className = "md-button";
        button.textContent = `Remove ${name}`;
        button.addEventListener("click", () => {
          pinned.splice(index, 1);
          remember();
          refresh();
          say(`Removed ${name}.`);
        });
        item.append(name, " ", button);
        return item;
      }),
    );
    if (overlay) overlay.hidden = !pinned.length;
    if (!pinned.length) {
      result.replaceChildren();
      return;
    }
    try {
      const reply = await call({ call: "scenarios", args: { scenarios: pinned } });
      const template = document.createElement("template");
      template.innerHTML = reply.html;
      result.replaceChildren(template.content);
      result.dataset.source = "python";
    } catch (error) {
      say(`Comparing needs Python, which could not start: ${error.message}`);
    }
  }

  block.querySelector('[data-action="pin-scenario"]').addEventListener("click", () => {
    const name = nameField.value.trim() || `Scenario ${pinned.length + 1}`;
    if (pinned.length >= MAX) return say(`At most ${MAX} scenarios: remove one to pin another.`);
    if (pinned.some((text) => text.split(":")[0] === name)) return say(`A scenario is already called ${name}: choose another name.`);
    const inputs = Object.entries(changed()).map(([key, value]) => `${key}=${value}`).join(";");
    pinned.push(`${name}:${inputs}`);
    nameField.value = "";
    remember();
    refresh();
    say(`Pinned ${name}.`);
  });
  refresh();
}
