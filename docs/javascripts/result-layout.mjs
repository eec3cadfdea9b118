// The result's layout on the Decide and Cost pages (docs/stylesheets/calculators.css).
//
// Python renders a result as one run of elements. This module splits it into
// the answer it opens with (the recommendation, or the headline with its
// chart) and the details that follow, so that on a wide screen the answer
// stays in view beside the inputs while the details come after them, and
// nothing scrolls inside the page. It changes neither the order nor the text.

/**
 * Split a result into its answer and its details, in place.
 *
 * The answer is what the result says before its first section heading
 * (`h3.rft-result__h`), ending with the first chart (`figure.rft-chart`)
 * where one comes first; the details are the rest.
 * @param {DocumentFragment|HTMLElement} parent  the result's nodes, e.g. a template's content
 * @param {string} id  the answer's id, which the phone's summary bar links to
 */
export function arrange(parent, id) {
  if (parent.firstElementChild?.matches("[data-result-answer]")) return; // already split
  const answer = document.createElement("div");
  answer.className = "rft-result__answer";
  answer.id = id;
  answer.dataset.resultAnswer = "";
  const details = document.createElement("div");
  details.className = "rft-result__details";
  details.dataset.resultDetails = "";
  let part = answer;
  for (const node of [...parent.childNodes]) {
    if (part === answer && node.matches?.(".rft-result__h")) part = details;
    part.append(node);
    if (part === answer && node.matches?.("figure.rft-chart")) part = details;
  }
  parent.append(answer, details);
}

/** The id of a result region's answer: its section's id and "-answer", e.g. "cost-result-answer". */
export function answerId(region) {
  return `${region.closest("section[id]")?.id || "result"}-answer`;
}

/**
 * Split the result region shows (at mount, the build-time one) and pin its
 * answer beside the inputs while all of it fits in the window; showResult
 * calls it again after each new result.
 * @param {HTMLElement} region  the [data-result] element
 */
export function layOut(region) {
  arrange(region, answerId(region));
  const answer = region.querySelector(":scope > [data-result-answer]");
  if (answer === watched.get(region)) return;
  forget((other) => other === region || !other.isConnected); // and pages left by instant navigation
  watched.set(region, answer);
  sizes.observe(answer);
  pin(region);
}

// Each region's current answer, watched for its height (fonts, the chart's
// drawing). Pinned in the next frame, outside the observer's callback, where a
// change of layout can make the browser report a ResizeObserver loop as a page
// error.
const watched = new Map();
const sizes = new ResizeObserver((entries) => {
  const regions = entries.map(({ target }) => target.parentElement).filter(Boolean);
  requestAnimationFrame(() => regions.forEach(pin));
});

/** Stop watching the regions that match. */
function forget(matches) {
  for (const [region, answer] of watched) {
    if (!matches(region)) continue;
    sizes.unobserve(answer);
    watched.delete(region);
  }
}

/**
 * Mark region data-pinned (calculators.css then makes its answer sticky) only
 * while the whole answer fits between the sticky offset and the window's
 * bottom: an answer that did not fit would hide its end until the inputs end.
 */
function pin(region) {
  const answer = watched.get(region);
  if (!answer?.isConnected) return;
  const top = parseFloat(getComputedStyle(answer).top) || 0;
  region.toggleAttribute("data-pinned", top + answer.offsetHeight <= window.innerHeight);
}

/**
 * The phone's summary bar links to the result, which is scrolled into view
 * here (its scroll-margin keeps it below the header): left to Material's
 * instant navigation, the click landed about 1,800 px off.
 * @param {HTMLElement} summary  the [data-summary] bar
 */
export function followSummaryLink(summary) {
  summary.querySelector("a")?.addEventListener("click", (event) => {
    const target = document.getElementById(event.currentTarget.hash.slice(1));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    target.scrollIntoView({ block: "start" });
  });
}

window.addEventListener("resize", () => {
  for (const region of watched.keys()) pin(region);
});
