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

from .cost_html import render_cost
from .decision import APPROACH_NAMES, APPROACHES, QUESTIONS, Recommendation
from .markup import escape
from .sources import source_name
from .studies import render_related_studies

__all__ = ["render_cost", "render_decision"]

#: Where the cheat sheet and the Sources page live, relative to the Decide page.
CHEAT_SHEET_URL = "../cheat-sheet/"
SOURCES_URL = "../sources/"

#: Guide pages to read next for each approach: (relative URL, link text).
READ_NEXT: dict[str, tuple[tuple[str, str], ...]] = {
    "prompt-engineering": (
        ("../cheat-sheet/#the-order-to-try-things-in", "The order to try things in"),
        ("../first-week/", "Your first week"),
        ("../beyond-the-sources/", "Beyond the five sources"),
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

#: Pages to read next on one answer, whatever the approach: (key, answer) -> link.
READ_NEXT_ON: dict[tuple[str, str], tuple[str, str]] = {
    ("own_network", "yes"): ("../serving-open-models/", "Serving an open-weight model"),
}


def render_decision(recommendation: Recommendation) -> str:
    """Render a recommendation as an HTML fragment for the Decide page.

    Args:
        recommendation: The result of :func:`calculators.recommend`.

    Returns:
        HTML: a headline naming the approach; a sentence saying what it
        rests on (``data-basis``, and ``data-then`` for a staged next step);
        the gate that applied, in words (``data-gate``), when one did; the
        reasons, each naming the answers that fired it in words ("Your own
        data: not sure"), linking to its row on the cheat sheet and naming
        its sources; the ordered steps; the caveats; each approach's share
        of the named needs as a ``<meter>``, with the needs it leaves out
        and, for one that reads as high as the recommendation, why it was
        not chosen; the studies whose setting shares the deciding answers
        (:func:`calculators.studies.render_related_studies`); and links to
        read next.
    """
    rec = recommendation
    scores = "".join(_score_line(rec, a) for a in APPROACHES)
    reasons = "".join(
        f'<li data-reason="{escape(r.rule)}"><a href="{CHEAT_SHEET_URL}#{escape(r.anchor)}">'
        f"{escape(r.condition)}</a>{_answer_list(r.answers)}: {escape(r.because)}"
        f"{_source_list(r.sources)}</li>"
        for r in rec.reasons
    )
    steps = "".join(f"<li>{escape(step)}</li>" for step in rec.steps)
    caveats = "".join(f"<li>{escape(caveat)}</li>" for caveat in rec.caveats)
    links = [*READ_NEXT[rec.approach]]
    links += [link for (key, answer), link in READ_NEXT_ON.items() if rec.answers.get(key) == answer]
    read_next = " · ".join(f'<a href="{url}">{escape(text)}</a>' for url, text in links)
    then = f' data-then="{rec.then}"' if rec.then else ""
    gate = ""
    if rec.gate is not None:
        rest = rec.gate_text[len(rec.gate.label) + 2:]
        gate = (
            f'<p class="rft-result__gate" data-gate="{escape(rec.gate.id)}">'
            f"<strong>{escape(rec.gate.label)}:</strong> {escape(rest)}</p>"
        )
    return (
        f'<p class="rft-result__headline">Recommendation: '
        f"<strong>{escape(rec.title)}</strong></p>"
        f'<p class="rft-result__basis" data-basis="{rec.basis}"{then}>{escape(rec.headline)}</p>'
        + gate
        + f'<h3 class="rft-result__h">Why</h3><ul class="rft-result__reasons">{reasons}</ul>'
        f'<h3 class="rft-result__h">Steps, in order</h3><ol class="rft-result__steps">{steps}</ol>'
        + (
            f'<h3 class="rft-result__h">Watch out for</h3>'
            f'<ul class="rft-result__caveats">{caveats}</ul>'
            if caveats
            else ""
        )
        + f'<h3 class="rft-result__h">How much of what you need does each answer?</h3>'
        f'<p class="rft-result__note">{escape(score_note(rec))}</p>'
        f'<ul class="rft-scores">{scores}</ul>'
        + render_related_studies(rec)
        + f'<p class="rft-result__next">Read next: {read_next}</p>'
    )


def _score_line(rec: Recommendation, approach: str) -> str:
    name, share = APPROACH_NAMES[approach], round(rec.scores[approach] * 100)
    unmet = rec.unmet.get(approach, ())
    details = ""
    if rec.needs and unmet:
        details += f'<li class="rft-score__unmet">Leaves out: {escape("; ".join(unmet))}.</li>'
    if approach in rec.not_chosen:
        details += f'<li class="rft-score__why">Not chosen: {escape(rec.not_chosen[approach])}</li>'
    return (
        f'<li data-approach="{approach}"><span class="rft-score__label">{escape(name)}</span> '
        f'<meter min="0" max="1" value="{rec.scores[approach]}" '
        f'aria-label="{escape(name)}: {share}% of your needs">{share}%</meter> '
        f'<span class="rft-score__value">{share}%</span>'
        + (f'<ul class="rft-score__details">{details}</ul>' if details else "")
        + "</li>"
    )


def _answer_list(answers: tuple[tuple[str, str], ...]) -> str:
    if not answers:
        return ""
    shown = "; ".join(f"{escape(LABELS[k])}: {escape(answer_words(k, v))}" for k, v in answers)
    return f' <span class="rft-result__answers">({shown})</span>'


def _source_list(ids: tuple[str, ...]) -> str:
    if not ids:
        return ""
    links = ", ".join(
        f'<a href="{SOURCES_URL}#source-{escape(i)}">{escape(source_name(i))}</a>' for i in ids
    )
    return f' <span class="rft-result__sources">(Sources: {links})</span>'


def answer_words(key: str, value: str) -> str:
    """How an answer reads after its question's label, e.g. ``"not sure"``."""
    return _QUESTION[key].words(value)


def score_note(rec: Recommendation) -> str:
    """The note above the scores: what they measure, for this result."""
    if rec.basis == "answers" and not rec.needs:
        return SCORE_NOTES["no-need"]
    return SCORE_NOTES[rec.basis]


_QUESTION = {q.key: q for q in QUESTIONS}

#: Each question's short label, for the reasons ("Your own data: not sure").
LABELS: dict[str, str] = {q.key: q.label for q in QUESTIONS}

#: The note above the scores, by the recommendation's basis (``"no-need"``:
#: the answers ruled every need out).
SCORE_NOTES: dict[str, str] = {
    "answers": "Each value is the share of the needs you named that the approach answers, "
    "with the needs it leaves out. An approach that reads as high as the recommendation "
    "says why it was not chosen.",
    "no-need": "You ruled out every need the rules know, so no approach answers one and every "
    "value is 0%: the simplest start is a prompt.",
    "next-step": "No rule applies to your answers, so no approach scores on them; the "
    "recommendation is the next step after prompt engineering, not a score.",
    "default": "No rule applies to your answers yet, so no approach has their support: "
    "the recommendation above is a default, not the top score.",
}
