"""The recompute harness both calculator pages are measured with.

:func:`recompute_js` returns a function for Playwright's ``page.evaluate``
that makes ``changes`` input changes on one calculator form and times each:
input -> result in the DOM (the form's ``aria-busy`` is cleared in the same
turn as the result is written) and input -> next frame painted. A 100 ms
pause between changes keeps one change's rendering out of the next one's
time. Only the change itself differs between the pages.
"""

from __future__ import annotations

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
