"""Render the "What the studies found" page: each study, its setting, and the rule checked against it.

Markers a page may use (block comments, replaced in the page's Markdown so
that MkDocs checks every anchor and link, and the data_tables and
figure_check hooks, which run after this one, render and check every figure):

- ``<!-- studies:summary -->``: one table row per study: the approach its
  finding favours, what the Decide rule recommends for its setting, and
  whether the two agree;
- ``<!-- studies:entries -->``: one section per study, anchored with the
  study's id: the paper, the prose of ``docs/data/studies.yml``, the setting
  as Decide answers with the reason for each, and the rule's verdict;
- ``<!-- studies:by-rule -->``: each rule or fallback of the cheat sheet that
  applies to some study's setting, anchored ``for-rule-<id>``, with those
  studies (the cheat sheet links its rows here).

The settings, findings and explanations come from ``calculators.STUDIES``;
the prose from ``docs/data/studies.yml``. A marker this hook does not know, a
study in one list but not the other, a missing or unknown field, or a study
without a sources.csv row fails the build with PluginError.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import calculators
from _site_data import SOURCES, load_yaml, replace_markers
from calculators.decision import APPROACH_NAMES


def on_page_markdown(markdown: str, page: Page, **_: object) -> str | None:
    """Replace each ``<!-- studies:NAME -->`` marker with its Markdown."""
    if "<!-- studies:" not in markdown:
        return None
    return replace_markers(markdown, "studies", RENDERERS, page.file.src_path)


def check_prose(entries: Iterable[Mapping[str, object]], studies: Iterable[calculators.Study]) -> dict:
    """Index the page's prose by study id after checking it against the studies.

    Args:
        entries: The mappings of ``docs/data/studies.yml``, each with exactly
            the keys of :data:`FIELDS`.
        studies: The studies the prose describes (``calculators.STUDIES``).

    Returns:
        ``{study id: entry}``.

    Raises:
        PluginError: an entry with a missing, empty or unknown field; a study
            with no entry or an entry with no study; a study whose id is not a
            reference row of ``docs/data/sources.csv``.
    """
    index = {}
    for entry in entries:
        unknown = set(entry) - set(FIELDS)
        missing = [f for f in FIELDS if not entry.get(f)]
        if unknown or missing:
            raise PluginError(
                f"studies: entry {entry.get('id')!r} in studies.yml has unknown field(s) "
                f"{sorted(unknown)} or lacks {missing}; fields: {', '.join(FIELDS)}"
            )
        index[str(entry["id"])] = entry
    ids = [s.id for s in studies]
    if set(index) != set(ids):
        raise PluginError(
            f"studies: studies.yml and calculators.STUDIES differ: only in studies.yml "
            f"{sorted(set(index) - set(ids))}, only in STUDIES {sorted(set(ids) - set(index))}"
        )
    for study_id in ids:
        if SOURCES.get(study_id, {}).get("kind") != "reference":
            raise PluginError(f"studies: {study_id!r} needs a reference row in sources.csv")
    return index


def render_summary() -> str:
    """One Markdown table row per study: finding, the rule's recommendation, agreement."""
    rows = [
        f"| [{c.study.name}](#{c.study.id}) | {_favours(c.study)} | "
        f"{APPROACH_NAMES[c.recommendation.approach]} | {VERDICT[c.agrees]} |"
        for c in CHECKS
    ]
    return "\n".join(
        ["| Study | Its finding favours | Decide recommends for its setting | Agree? |",
         "|---|---|---|---|", *rows]
    )


def render_entries() -> str:
    """One section per study: the paper, the prose, the setting, the rule's verdict."""
    return "\n\n".join(_entry(check) for check in CHECKS)


def render_by_rule() -> str:
    """Each rule or fallback that applies to some study, with those studies."""
    parts = []
    for rule in (*calculators.RULES, *calculators.FALLBACKS):
        studies = calculators.studies_for_rule(rule.id)
        if not studies:
            continue
        target = getattr(rule, "points_to", None) or rule.approach
        listed = "; ".join(
            f"[{s.name}](#{s.id}) (favours {APPROACH_NAMES[s.favours]}; "
            f"{'agrees' if calculators.check_study(s).agrees else 'differs'})"
            for s in studies
        )
        parts.append(
            f"### {rule.condition} {{#for-rule-{rule.id}}}\n\n"
            f"The {_rule_link(rule.id, 'cheat sheet row')} points to "
            f"{APPROACH_NAMES[target]}. It applies to the setting of: {listed}."
        )
    return "\n\n".join(parts)


# Helpers


def _entry(check: calculators.StudyCheck) -> str:
    study, prose, source = check.study, PROSE[check.study.id], SOURCES[check.study.id]
    given = study.answers
    rows = "\n".join(
        f"| {LABELS[a.key]} | {CHOICES[a.answer]} | {a.why} |" for a in study.setting
    )
    silent = [LABELS[q.key] for q in calculators.QUESTIONS if q.key not in given]
    reasons = ", ".join(
        _rule_link(r.rule, r.condition) for r in check.recommendation.reasons
    )
    verdict = (
        "**They agree.**"
        if check.agrees
        else f"**They differ.** {study.explanation}"
    )
    decide_link = "decide.md?" + urlencode(given)
    parts = [
            f"## {study.name} {{#{study.id}}}",
            f"*[{source['title']}]({source['address']})*{'' if source['title'][-1] in '?!.' else '.'} "
            f"{source['publisher']}, "
            f"{source['date']}; read {source['read']}.",
            f"**Task and data.** {prose['task']}",
            f"**Models.** {prose['models']}",
            f"**What was compared.** {prose['compared']}",
            f"**Result.** {prose['result']}",
            f"**Limits.** {prose['limits']}",
            f"**What it means for your decision.** {prose['meaning']}",
            f"**Against the five articles.** {prose['articles']}",
            "**The setting as Decide answers.** Each answer, and why it follows from the paper:",
            "| Question | Answer | Why, from the paper |\n|---|---|---|\n" + rows,
            (f"Not sure, because the paper does not say: {'; '.join(silent)}." if silent else ""),
            f"**The rule checked against the finding.** {study.finding} That favours "
            f"**{_favours(study)}**. For this setting, Decide recommends "
            f"**{APPROACH_NAMES[check.recommendation.approach]}** ({reasons}). {verdict} "
            f"[Open this setting on the Decide page]({decide_link}).",
    ]
    return "\n\n".join(part for part in parts if part)


def _rule_link(rule_id: str, text: str) -> str:
    """A link to a rule's row on the cheat sheet. The row's anchor is made in the
    page's HTML (calculator_widgets), after MkDocs checks Markdown anchors, so
    the link is HTML too, relative to this page as the built site serves it."""
    return f'<a href="../cheat-sheet/#rule-{rule_id}">{escape(text)}</a>'


def _favours(study: calculators.Study) -> str:
    name = APPROACH_NAMES[study.favours]
    return name if study.compared else f"{name} (our reading: the paper did not compare the approaches)"


# Constants

#: The fields of each entry of ``docs/data/studies.yml``.
FIELDS = ("id", "task", "models", "compared", "result", "limits", "meaning", "articles")

LABELS = {q.key: q.label for q in calculators.QUESTIONS}
CHOICES = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
VERDICT = {True: "Yes", False: "No: the entry says why"}

PROSE = check_prose(load_yaml("studies"), calculators.STUDIES)
CHECKS = tuple(calculators.check_study(s) for s in calculators.STUDIES)

RENDERERS = {
    "summary": render_summary,
    "entries": render_entries,
    "by-rule": render_by_rule,
}
