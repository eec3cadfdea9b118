"""HTML for calculator results, shared by the build and the browser.

The Decide page's result is rendered here; the Cost estimator's lives in
:mod:`calculators.cost_html` (``render_cost`` is importable from here too),
so imports run one way: render -> cost_html -> cost, and scenarios only
ever import the cost model and its words.

The site's build hook calls these functions to put a result into the page
before any JavaScript runs, and the Pyodide worker calls the very same
functions when an answer changes, so a result looks identical whichever side
computed it. Output is an HTML fragment with every user-visible string
escaped; it carries no inline scripts or styles, so a strict
Content-Security-Policy allows it.
"""

from __future__ import annotations

from html import escape

from .decision import ANSWER_WORDS, APPROACH_NAMES, APPROACHES, QUESTIONS, Recommendation
from .cost_html import render_cost

__all__ = ["render_cost", "render_decision"]

#: Where the cheat sheet lives, relative to the Decide page.
CHEAT_SHEET_URL = "../cheat-sheet/"

#: Guide pages to read next for each approach: (relative URL, link text).
READ_NEXT: dict[str, tuple[tuple[str, str], ...]] = {
    "prompt-engineering": (
        ("../cheat-sheet/#the-order-to-try-things-in", "The order to try things in"),
        ("../first-week/", "Your first week"),
    ),
    "rag": (
        ("../knowledge-or-behaviour/", "Knowledge or behaviour?"),
        ("../first-week/", "Your first week"),
        ("../access-and-privacy/", "Access and privacy"),
    ),
    "fine-tuning": (
        ("../knowledge-or-behaviour/", "Knowledge or behaviour?"),
        ("../fine-tuning/", "How fine-tuning works"),
        ("../first-week/", "Your first week"),
    ),
    "hybrid": (
        ("../when-to-use/#both-the-hybrid-pattern", "The hybrid pattern"),
        ("../first-week/", "Your first week"),
        ("../access-and-privacy/", "Access and privacy"),
    ),
}


def render_decision(recommendation: Recommendation) -> str:
    """Render a recommendation as an HTML fragment for the Decide page.

    Args:
        recommendation: The result of :func:`calculators.recommend`.

    Returns:
        HTML: a headline naming the approach, and a sentence saying whether
        the answers decided it or it is a next step or a default; the score
        of every approach as a ``<meter>``; the reasons, each naming the
        answers that fired it in words ("Your own data: not sure") and
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
        f'<p class="rft-result__basis" data-basis="{rec.basis}">{escape(rec.headline)}</p>'
        f'<h3 class="rft-result__h">Why</h3><ul class="rft-result__reasons">{reasons}</ul>'
        f'<h3 class="rft-result__h">Steps, in order</h3><ol class="rft-result__steps">{steps}</ol>'
        + (
            f'<h3 class="rft-result__h">Watch out for</h3>'
            f'<ul class="rft-result__caveats">{caveats}</ul>'
            if caveats
            else ""
        )
        + f'<h3 class="rft-result__h">How strong is the case?</h3>'
        f'<p class="rft-result__note">{escape(SCORE_NOTES[rec.basis])}</p>'
        f'<ul class="rft-scores">{scores}</ul>'
        f'<p class="rft-result__next">Read next: {read_next}</p>'
    )


def _answer_list(answers: tuple[tuple[str, str], ...]) -> str:
    if not answers:
        return ""
    shown = "; ".join(f"{escape(LABELS[k])}: {escape(ANSWER_WORDS[v])}" for k, v in answers)
    return f' <span class="rft-result__answers">({shown})</span>'


#: Each question's short label, for the reasons ("Your own data: not sure").
LABELS: dict[str, str] = {q.key: q.label for q in QUESTIONS}

#: The note under the scores, by the recommendation's basis.
SCORE_NOTES: dict[str, str] = {
    "answers": "The share of each approach's rules that your answers support. "
    "Close values mean a close call.",
    "next-step": "No rule applies to your answers, so no approach scores on them; the "
    "recommendation is the next step after prompt engineering, not a score.",
    "default": "No rule applies to your answers yet, so no approach has their support: "
    "the recommendation above is a default, not the top score.",
}
