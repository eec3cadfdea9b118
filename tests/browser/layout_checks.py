"""What the result layout promises, as JavaScript expressions every engine can run.

The Decide and Cost pages share one layout (docs/stylesheets/calculators.css,
docs/javascripts/result-layout.mjs). The checks read stable hooks only, not the
result's wording, so they hold while the result's content changes:

- ``[data-result]``: the result region Python fills; in it
  ``[data-result-answer]`` (what the result opens with, up to its first
  ``h3.rft-result__h`` or through its first ``figure.rft-chart``) and
  ``[data-result-details]`` (the rest);
- ``.rft-result__headline``: the headline, which the answer holds;
- ``[data-summary]`` and ``[data-summary-title]``: the narrow screen's summary bar;
- ``.md-header``: Material's sticky header, which nothing we show may hide under.

Each expression returns plain JSON; the tests assert on it. A wide screen is one
of at least 60em (960 px), where the result sits beside the inputs.
"""

from __future__ import annotations

import json

from calculators import QUESTIONS, recommend

#: Widest width that still gets the one-column layout and its summary bar (60em at 16 px, less 1).
NARROW_MAX_PX = 959

#: Where the summary bar's link puts its target: this far below the header, as the target's
#: scroll-margin-top (3.6rem, 72 px) less the header's 2.4rem (48 px) makes it.
LANDING_GAP_PX = 24

#: Sizes the tests use: two laptop screens and a small phone.
SIZES = {"1280x800": (1280, 800), "1440x900": (1440, 900), "360x780": (360, 780)}


def answer_in_view(section: str) -> str:
    """Where the answer and its headline are, and whether the headline is what shows at its centre."""
    return f"""(() => {{
      const answer = document.querySelector('{section} [data-result] > [data-result-answer]');
      const headline = answer?.querySelector('.rft-result__headline');
      if (!headline) return null;
      const a = answer.getBoundingClientRect(), h = headline.getBoundingClientRect();
      const hit = document.elementFromPoint(h.left + 4, (h.top + h.bottom) / 2);
      return {{top: a.top, bottom: a.bottom, header: document.querySelector('.md-header').getBoundingClientRect().bottom,
              height: innerHeight, headlineShown: headline.contains(hit)}};
    }})()"""


def summary_in_view(form: str) -> str:
    """Where the summary bar is, whether it shows, what it says, and whether it is on top where it is."""
    return f"""(() => {{
      const bar = document.querySelector('{form} [data-summary]');
      const r = bar.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 4, (r.top + r.bottom) / 2);
      return {{top: r.top, bottom: r.bottom, header: document.querySelector('.md-header').getBoundingClientRect().bottom,
              height: innerHeight, shown: !bar.hidden && getComputedStyle(bar).display !== 'none',
              onTop: bar.contains(hit), text: bar.querySelector('[data-summary-title]').textContent.replace(/\\s+/g, ' ').trim(),
              gate: (() => {{ const g = bar.querySelector('[data-summary-gate]');
                             return g && !g.hidden ? g.querySelector('[data-summary-gate-label]').textContent : null; }})()}};
    }})()"""


#: Every box in or around a calculator that scrolls its content inside the page. Parts that
#: skip layout while far from the window (content-visibility) are laid out first, as they are
#: when a reader scrolls to them: Firefox and WebKit report a skipped part's full content
#: height in a box of its placeholder height.
SCROLL_BOXES = """(() => {
  const calculators = [...document.querySelectorAll('.rft-decide, .rft-cost')];
  const inside = calculators.flatMap((c) => [c, ...c.querySelectorAll('*')]);
  const around = [];
  for (let e = calculators[0]?.parentElement; e && e !== document.scrollingElement; e = e.parentElement) around.push(e);
  const boxes = [...inside, ...around];
  // Through the CSS object model: the site's policy refuses a <style> element.
  const skipping = boxes.filter((e) => getComputedStyle(e).contentVisibility === 'auto');
  for (const e of skipping) e.style.setProperty('content-visibility', 'visible', 'important');
  const found = boxes
    .filter((e) => /auto|scroll/.test(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 1)
    .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${String(e.className.baseVal ?? e.className)}`
               + ` (${e.scrollHeight} px in ${e.clientHeight} px)`);
  for (const e of skipping) e.style.removeProperty('content-visibility');
  return found;
})()"""

#: The Cost estimator's main chart, scrolled to as a reader would: where it lands and which boxes moved.
CHART_REACHED = """(() => {
  const chart = document.querySelector('#cost-result [data-result] figure.rft-chart:not(.rft-chart--breakdown)');
  if (!chart) return null;
  chart.scrollIntoView({block: 'center'});
  const moved = [];
  for (let e = chart.parentElement; e && e !== document.scrollingElement; e = e.parentElement) {
    if (e.scrollTop || e.scrollLeft) moved.push(`${e.tagName.toLowerCase()}.${e.className}`);
  }
  const r = chart.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: innerHeight, moved};
})()"""

def follow_summary_link(form: str) -> str:
    """Tap the summary bar's link; returns the id of the element it leads to."""
    return f"""(() => {{ const link = document.querySelector('{form} [data-summary] a'); link.click();
                       return link.hash.slice(1); }})()"""


def landed(target_id: str) -> str:
    """Whether the element with this id sits just below the header, LANDING_GAP_PX (within 4 px) under it."""
    return f"""(() => {{ const gap = document.getElementById({json.dumps(target_id)}).getBoundingClientRect().top
                         - document.querySelector('.md-header').getBoundingClientRect().bottom;
                       return Math.abs(gap - {LANDING_GAP_PX}) <= 4; }})()"""


def screens_down(selector: str) -> str:
    """The element's distance from the top of the document, in window heights."""
    return f"(document.querySelector({json.dumps(selector)}).getBoundingClientRect().top + scrollY) / innerHeight"


def assert_answer_in_view(shown: dict | None, where: str) -> None:
    """The whole answer lies below the header and above the window's bottom, its headline on top."""
    assert shown is not None, f"{where}: no [data-result-answer] holding .rft-result__headline"
    assert shown["top"] >= shown["header"] - 1, f"{where}: the answer starts under the header: {shown}"
    assert shown["bottom"] <= shown["height"] + 1, f"{where}: the answer runs below the window: {shown}"
    assert shown["headlineShown"], f"{where}: something covers the headline: {shown}"


def assert_summary_in_view(shown: dict, where: str) -> None:
    """The summary bar shows, fully inside the window, below the header, with nothing over it."""
    assert shown["shown"], f"{where}: the summary bar is hidden"
    assert shown["top"] >= shown["header"] - 1 and shown["bottom"] <= shown["height"] + 1, f"{where}: {shown}"
    assert shown["onTop"], f"{where}: something covers the summary bar: {shown}"


def far_decision_change() -> tuple[dict[str, str], str, str]:
    """Start answers, and a question in the lower half of the Decide form with the answer that
    changes the recommendation from the start's: the last such question, so the reader is far down.

    Which answer changes it is the decision rule's business, so the rule is asked, not told.
    """
    keys = [q.key for q in QUESTIONS]
    starts = [{}] + [{k: v} for k in keys[: len(keys) // 2] for v in ("yes", "no")]
    for key in reversed(keys[len(keys) // 2 :]):
        for start in starts:
            for answer in ("yes", "no"):
                if recommend({**start, key: answer}).approach != recommend(start).approach:
                    return start, key, answer
    raise AssertionError("no answer in the lower half of the Decide form changes the recommendation")
