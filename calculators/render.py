"""HTML for calculator results, shared by the build and the browser.

The site's build hook calls these functions to put a result into the page
before any JavaScript runs, and the Pyodide worker calls the very same
functions when an answer changes, so a result looks identical whichever side
computed it. Output is an HTML fragment with every user-visible string
escaped; it carries no inline scripts or styles, so a strict
Content-Security-Policy allows it.
"""

from __future__ import annotations

from html import escape

from .decision import APPROACH_NAMES, APPROACHES, Recommendation

__all__ = ["render_decision"]

#: Where the cheat sheet lives, relative to the Decide page.
CHEAT_SHEET_URL = "../cheat-sheet/"

#: Guide pages to read next for each approach: (relative URL, link text).
READ_NEXT: dict[str, tuple[tuple[str, str], ...]] = {
    "prompt-engineering": (("../cheat-sheet/", "The order to try things in"),),
    "rag": (("../cheat-sheet/", "The cheat sheet"),),
    "fine-tuning": (("../cheat-sheet/", "The cheat sheet"),),
    "hybrid": (("../cheat-sheet/", "The cheat sheet"),),
}


def render_decision(recommendation: Recommendation) -> str:
    """Render a recommendation as an HTML fragment for the Decide page.

    Args:
        recommendation: The result of :func:`calculators.recommend`.

    Returns:
        HTML: a headline naming the approach; the score of every approach as
        a ``<meter>``; the reasons, each naming the answers that fired it and
        linking to its row on the cheat sheet; the ordered steps; the caveats;
        and links to read next.
    """
    rec = recommendation
    scores = "".join(
        f'<li><span class="rft-score__label">{escape(APPROACH_NAMES[a])}</span> '
        f'<meter min="0" max="1" value="{rec.scores[a]}" '
        f'aria-label="{escape(APPROACH_NAMES[a])}: {round(rec.scores[a] * 100)}%">'
        f"{round(rec.scores[a] * 100)}%</meter> "
        f'<span class="rft-score__value">{round(rec.scores[a] * 100)}%</span></li>'
        for a in APPROACHES
    )
    reasons = "".join(
        f'<li><a href="{CHEAT_SHEET_URL}#rule-{escape(r.rule)}">{escape(r.condition)}</a>'
        f"{_answer_list(r.answers)}: {escape(r.because)}</li>"
        for r in rec.reasons
    )
    steps = "".join(f"<li>{escape(step)}</li>" for step in rec.steps)
    caveats = "".join(f"<li>{escape(caveat)}</li>" for caveat in rec.caveats)
    read_next = " · ".join(
        f'<a href="{url}">{escape(text)}</a>' for url, text in READ_NEXT[rec.approach]
    )
    return (
        f'<p class="rft-result__headline">Recommendation: '
        f"<strong>{escape(rec.title)}</strong></p>"
        f'<h3 class="rft-result__h">Why</h3><ul class="rft-result__reasons">{reasons}</ul>'
        f'<h3 class="rft-result__h">Steps, in order</h3><ol class="rft-result__steps">{steps}</ol>'
        + (
            f'<h3 class="rft-result__h">Watch out for</h3>'
            f'<ul class="rft-result__caveats">{caveats}</ul>'
            if caveats
            else ""
        )
        + f'<h3 class="rft-result__h">How strong is the case?</h3>'
        f'<p class="rft-result__note">The share of each approach\'s rules that your '
        f"answers support. Close values mean a close call.</p>"
        f'<ul class="rft-scores">{scores}</ul>'
        f'<p class="rft-result__next">Read next: {read_next}</p>'
    )


def _answer_list(answers: tuple[tuple[str, str], ...]) -> str:
    if not answers:
        return ""
    shown = ", ".join(f"<code>{escape(k)}</code>&nbsp;=&nbsp;{escape(v)}" for k, v in answers)
    return f' <span class="rft-result__answers">({shown})</span>'
