"""The recompute harness every calculator page is measured with.

:func:`recompute_js` returns a function for Playwright's ``page.evaluate``
that makes ``changes`` input changes on one calculator form and times each:
input -> result in the DOM (the form's ``aria-busy`` is cleared in the same
turn as the result is written) and input -> next frame painted. A 100 ms
pause between changes keeps one change's rendering out of the next one's
time. Only the change itself differs between the pages. :func:`measure`
loads a page ``runs`` times in Chromium and runs the harness on each load;
:func:`summary` gives the median and p95 in one line.
"""

from __future__ import annotations

import os
import statistics

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

_HARNESS = """
async (changes) => {
  const form = document.querySelector('form[data-calculator="%(calculator)s"]');
  %(setup)s
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(0);
  }));
  const times = [];
  for (let i = 0; i < changes; i++) {
    const written = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (form.hasAttribute("aria-busy")) return;
        observer.disconnect();
        resolve(performance.now());
      });
      observer.observe(form, {attributes: true, attributeFilter: ["aria-busy"]});
    });
    const t0 = performance.now();
    %(change)s
    const t1 = await written;
    await painted();
    times.push({dom: t1 - t0, painted: performance.now() - t0});
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return times;
}
"""


def recompute_js(calculator: str, setup: str, change: str) -> str:
    """The harness for ``form[data-calculator=calculator]``.

    ``setup`` is JavaScript run once with ``form`` in scope; ``change`` is run
    for change ``i`` (in scope: ``form``, ``i`` and what ``setup`` declared)
    and must start the recompute. Returns the function's source text; its
    result is a list of ``{"dom": ms, "painted": ms}``, one per change.
    """
    return _HARNESS % {"calculator": calculator, "setup": setup, "change": change}


def measure(url: str, harness: str, ready: str, runs: int, changes: int) -> list[float]:
    """Milliseconds from each input change to the painted result, ``changes`` per page load.

    ``harness`` is :func:`recompute_js`'s text; ``ready`` is the selector of
    the result Python computed (the page is measured once it is there).
    """
    from playwright.sync_api import sync_playwright

    painted: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(runs):
            page = browser.new_context().new_page()
            page.goto(url)
            page.wait_for_selector(ready, timeout=120_000)
            painted += [t["painted"] for t in page.evaluate(harness, changes)]
            page.context.close()
        browser.close()
    return painted


def summary(page: str, painted: list[float]) -> str:
    """One line: the median, p95 and maximum of ``painted`` (ms) on ``page``, against the 50 ms target."""
    ordered = sorted(painted)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return (f"Recompute on the {page} page, input to painted result, {len(ordered)} changes: "
            f"median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms "
            "(target: p95 at most 50 ms).")
