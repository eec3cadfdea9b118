"""Tests of the "What the studies found" page and the links to it (docs/.hooks/studies.py)."""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

import calculators

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs" / ".hooks"))
import studies as studies_hook  # noqa: E402  (a hook file, not a package)
from _site_data import load_yaml  # noqa: E402

from study_cases import STUDIES_BY_RULE  # noqa: E402

PROSE = load_yaml("studies")


def _page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda entries: [{**entries[0], "venue": "x"}, *entries[1:]], "unknown field"),
        (lambda entries: [{**entries[0], "limits": ""}, *entries[1:]], "lacks \\['limits'\\]"),
        (lambda entries: entries[1:], "only in STUDIES \\['study-ovadia'\\]"),
        (lambda entries: [*entries, {**entries[0], "id": "study-nobody"}], "only in studies.yml \\['study-nobody'\\]"),
    ],
    ids=["unknown-field", "empty-field", "study-without-prose", "prose-without-study"],
)
def test_prose_and_studies_must_match(change, message: str) -> None:
    """Assert that the build fails on an entry with an unknown or empty field, and when the prose
    and calculators.STUDIES do not list the same studies."""
    with pytest.raises(PluginError, match=message):
        studies_hook.check_prose(change(PROSE), calculators.STUDIES)


def test_study_needs_a_sources_row() -> None:
    """Assert that a study with no reference row in sources.csv fails the build."""
    stray = calculators.Study("study-nobody", "Nobody (2026)", (), "rag", "Nothing.")
    with pytest.raises(PluginError, match="study-nobody.*sources.csv"):
        studies_hook.check_prose([{**PROSE[0], "id": "study-nobody"}], [stray])


def test_studies_page_is_in_the_guide_navigation() -> None:
    """Assert that mkdocs.yml lists the studies page in the Guide section."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    guide = config.split("\n  - Guide:", 1)[1].split("\n  - ", 1)[0]
    assert re.search(r"^\s+- What the studies found: studies\.md$", guide, re.M)


def test_every_study_has_an_entry_with_its_verdict(built_site: Path) -> None:
    """Assert that the page has an anchored entry per study, with a summary row saying whether the
    rule agrees, the reason for every answer, and the explanation where it differs."""
    html = _page(built_site, "studies")
    for study in calculators.STUDIES:
        entry = unescape(re.sub(r"<[^>]+>", "", html.split(f'id="{study.id}"', 1)[1].split("<h2", 1)[0]))
        for answer in study.setting:
            assert answer.why in entry
        if calculators.check_study(study).agrees:
            assert "They agree." in entry
        else:
            assert "They differ." in entry and study.explanation.split(":")[0] in entry
    summary = html.split('id="the-rule-against-each-study"', 1)[1].split("</table>", 1)[0]
    assert summary.count("<tr>") == len(calculators.STUDIES) + 1
    assert summary.count("No: the entry says why") == 1


def test_study_entry_opens_its_setting_on_the_decide_page(built_site: Path) -> None:
    """Assert that each entry links to the Decide page with its setting in the address."""
    html = _page(built_site, "studies")
    links = re.findall(r'href="\.\./decide/\?([^"]+)"', html)
    assert len(links) == len(calculators.STUDIES)
    assert links[0].replace("&amp;", "&").startswith("own_knowledge=yes&changes_often=no")


def test_every_study_figure_is_sourced_to_its_study(built_site: Path) -> None:
    """Assert that each figure on the page is a figures.yml entry whose source is a study."""
    html = _page(built_site, "studies")
    shown = re.findall(r'data-figure="([a-z0-9-]+)"', html)
    figures = {f["id"]: f for f in load_yaml("figures")}
    assert len(shown) > 20
    assert all(figures[f]["source"].startswith("study-") for f in shown)


def test_cheat_sheet_rules_link_to_the_studies_that_bear_on_them(built_site: Path) -> None:
    """Assert that each cheat-sheet rule that applies to some study links to its list on the
    studies page, that the list exists, and that rules with no study carry no link."""
    cheat, page = _page(built_site, "cheat-sheet"), _page(built_site, "studies")
    for rule_id, expected in STUDIES_BY_RULE.items():
        row = cheat.split(f'id="rule-{rule_id}"', 1)[1].split("</tr>", 1)[0]
        link = f'href="../studies/#for-rule-{rule_id}"'
        if expected:
            assert link in row
            listed = page.split(f'id="for-rule-{rule_id}"', 1)[1].split("<h", 1)[0]
            assert re.findall(r'href="#(study-[a-z]+)"', listed) == expected
        else:
            assert link not in row and f'id="for-rule-{rule_id}"' not in page


def test_compare_accuracy_row_links_to_the_studies(built_site: Path) -> None:
    """Assert that Compare's accuracy row links to study entries that exist on the studies page."""
    row = _page(built_site, "compare").split('id="compare-accuracy"', 1)[1].split("</tr>", 1)[0]
    targets = re.findall(r'href="\.\./studies/#(study-[a-z]+)"', row)
    assert "study-ovadia" in targets and "study-loraland" in targets
    page = _page(built_site, "studies")
    assert all(f'id="{t}"' in page for t in targets)
