"""Render the calculators' forms, build-time results and rule tables into pages.

A page opts in with a marker comment, for example ``<!-- calculator:decision -->``.
The HTML comes from the ``calculators`` package itself: the form from
``QUESTIONS``, the result from ``recommend`` and ``render_decision`` (the same
functions the browser runs through Pyodide), the cheat-sheet table from
``RULES``. A marker this hook does not know fails the build.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import calculators
from _site_data import SOURCES
from calculators.decision import APPROACH_NAMES


def on_page_content(html: str, page: Page, **_: object) -> str | None:
    """Replace each ``<!-- calculator:NAME -->`` marker with its HTML."""
    if "<!-- calculator:" not in html:
        return None

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in RENDERERS:
            raise PluginError(
                f"calculator_widgets: unknown marker 'calculator:{name}' in "
                f"{page.file.src_path}; known: {', '.join(sorted(RENDERERS))}"
            )
        return RENDERERS[name]()

    return MARKER.sub(replace, html)


# Helpers


def _decision_form() -> str:
    """The decision form, with the build-time result for the default answers."""
    default = calculators.recommend({})
    groups = []
    for group, heading in GROUPS.items():
        questions = "".join(
            _question(q, default.answers[q.key]) for q in calculators.QUESTIONS if q.group == group
        )
        groups.append(
            f'<fieldset class="rft-group"><legend class="rft-group__title">{escape(heading)}'
            f"</legend>{questions}</fieldset>"
        )
    return (
        '<form class="rft-form" data-calculator="decision" novalidate>'
        + "".join(groups)
        + '<div class="rft-form__bar">'
        '<button type="button" class="md-button" data-action="copy-link">Copy link to this result</button>'
        '<button type="reset" class="md-button">Reset answers</button></div>'
        "</form>"
        '<section class="rft-result" id="decision-result" aria-labelledby="decision-result-title">'
        '<h2 id="decision-result-title">Recommendation</h2>'
        '<p class="rft-status" data-python-status role="status">Computed when this site was built, '
        "for the default answers. Python starts in your browser when scripts are enabled.</p>"
        f'<div class="rft-result__body" data-result data-source="build" '
        f'data-approach="{default.approach}" aria-live="polite">'
        f"{calculators.render_decision(default)}</div></section>"
    )


def _question(question: calculators.Question, selected: str) -> str:
    choices = "".join(
        f'<label class="rft-choice"><input type="radio" name="{question.key}" value="{value}"'
        f'{" checked" if value == selected else ""}><span>{label}</span></label>'
        for value, label in CHOICE_LABELS.items()
    )
    qid = f"q-{question.key}"
    return (
        f'<fieldset class="rft-question" id="{qid}" aria-describedby="{qid}-help {qid}-error">'
        f'<legend class="rft-question__text">{escape(question.text)}</legend>'
        f'<p class="rft-question__help" id="{qid}-help">{escape(question.help)}</p>'
        f'<div class="rft-choices">{choices}</div>'
        f'<p class="rft-field-error" id="{qid}-error" data-error-for="{question.key}" hidden></p>'
        "</fieldset>"
    )


def _rules_table() -> str:
    """The cheat sheet: one row per rule in ``calculators.RULES``, plus the fallbacks."""
    rows = "".join(
        f'<tr id="rule-{rule.id}"><td>{escape(rule.condition)}</td>'
        f"<td><strong>{escape(APPROACH_NAMES[rule.points_to])}</strong></td>"
        f"<td>{escape(rule.because)}</td><td>{_source_links(rule.sources)}</td></tr>"
        for rule in calculators.RULES
    )
    rows += (
        '<tr id="rule-hybrid"><td>Needs of both kinds fire</td>'
        f"<td><strong>{APPROACH_NAMES['hybrid']}</strong></td>"
        "<td>RAG supplies the knowledge and fine-tuning the behaviour.</td>"
        f"<td>{_source_links(('haink', 'lap'))}</td></tr>"
        '<tr id="rule-not-sure"><td>Not sure</td>'
        f"<td><strong>{APPROACH_NAMES['rag']}</strong></td>"
        "<td>Quick to set up, cheap to change, and no retraining when data moves.</td>"
        f"<td>{_source_links(('lap',))}</td></tr>"
        '<tr id="rule-no-need"><td>No rule fires</td>'
        f"<td><strong>{APPROACH_NAMES['prompt-engineering']}</strong></td>"
        "<td>Try instructions and examples in the prompt before building anything.</td>"
        f"<td>{_source_links(('akoode',))}</td></tr>"
    )
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        "<thead><tr><th>If</th><th>Then</th><th>Why</th><th>Sources</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></div>"
    )


def _source_links(ids: tuple[str, ...]) -> str:
    for source_id in ids:
        if source_id not in SOURCES:
            raise PluginError(f"calculator_widgets: unknown source id {source_id!r}")
    return ", ".join(
        f'<a href="../sources/#source-{i}">{escape(SOURCES[i]["publisher"])}</a>'
        for i in ids
    )


# Constants

MARKER = re.compile(r"<!-- calculator:([a-z-]+) -->")

RENDERERS = {
    "decision": _decision_form,
    "rules": _rules_table,
}

GROUPS = {
    "knowledge": "Your knowledge",
    "behaviour": "The model's behaviour",
    "team": "Your team and data",
}

CHOICE_LABELS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
