"""Tests of the guide's content: data tables, figures, and answered questions."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / ".hooks"))

import data_tables  # noqa: E402
from _site_data import SOURCES, load_sources, load_yaml  # noqa: E402

GOOD_ROW = {"id": "x", "dimension": "D", "rag": "r", "fine_tuning": "f", "sources": ["akoode"]}
QUESTIONS = load_yaml("questions")
PAGES = sorted(p for p in DOCS.rglob("*.md") if ".includes" not in p.parts)

# What a page's Markdown may hold that looks like a figure but is not one:
# fenced and inline code, comments, [[fig:ID]] markers, {#anchors}, link
# targets, years 1900-2099, the number that starts an ordered-list item, and
# names that end in digits (BM25).
NOT_FIGURES = [
    re.compile(r"^```.*?^```", re.M | re.S),
    re.compile(r"`[^`\n]*`"),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"\[\[fig:[a-z0-9-]+\]\]"),
    re.compile(r"\{[#:][^}]*\}"),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"\b(?:19|20)\d\d\b"),
    re.compile(r"^\s*\d+\.\s", re.M),
    re.compile(r"\b[A-Z][A-Za-z]*\d+\b"),  # names such as BM25 or A100
]


def test_compare_renders_every_row() -> None:
    """Assert that the compare table has an anchored row and a citation for every data row."""
    rows = load_yaml("compare")
    html = data_tables.render_compare(rows, SOURCES)
    for row in rows:
        assert f'id="compare-{row["id"]}"' in html
    assert html.startswith('<div class="md-typeset__scrollwrap">')


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({**GOOD_ROW, "cost": "low"}, "unknown column"),
        ({**GOOD_ROW, "sources": []}, "lacks"),
        ({k: v for k, v in GOOD_ROW.items() if k != "sources"}, "lacks"),
        ({**GOOD_ROW, "sources": ["wikipedia"]}, "unknown source"),
    ],
    ids=["unknown-column", "empty-sources", "no-sources", "unknown-source"],
)
def test_compare_rejects_bad_rows(row: dict, message: str) -> None:
    """Assert that a compare row with an unknown column or without a known source fails the build."""
    with pytest.raises(PluginError, match=message):
        data_tables.render_compare([GOOD_ROW, row], SOURCES)


SOURCE_HEADER = "id,kind,short,title,publisher,date,address,read,file\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x,article,X,T,P,2026,,,", "names no file"),
        ("x,reference,X,T,P,2026,,2026-11-26,", "http"),
        ("x,reference,X,T,P,2026,https://example.org/p,yesterday,", "date read"),
        ("x,blog,X,T,P,2026,,,x.txt", "allowed: article, reference"),
    ],
    ids=["article-without-file", "reference-without-address", "reference-without-date", "unknown-kind"],
)
def test_sources_csv_rows_are_checked(tmp_path: Path, row: str, message: str) -> None:
    """Assert that a source row of unknown kind or missing what its kind needs fails the build."""
    path = tmp_path / "sources.csv"
    path.write_text(SOURCE_HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(PluginError, match=message):
        load_sources(path)


def test_reference_rows_are_listed_apart(tmp_path: Path) -> None:
    """Assert that a well-formed reference row loads with its address and date read."""
    path = tmp_path / "sources.csv"
    path.write_text(SOURCE_HEADER + "p,reference,P,Prices,Pub,,https://example.org/p,2026-11-26,\n", encoding="utf-8")
    assert load_sources(path)["p"]["read"] == "2026-11-26"


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        ({"id": "f", "value": 1, "unit": "USD", "source": "blog", "note": "n"}, "unknown source"),
        ({"id": "f", "value": 1, "unit": "USD", "source": None, "note": "n"}, "lacks 'source'"),
        ({"id": "f", "value": 1, "unit": "", "source": "akoode", "note": "n"}, "lacks 'unit'"),
    ],
    ids=["unknown-source", "no-source", "no-unit"],
)
def test_figures_need_a_known_source(figure: dict, message: str) -> None:
    """Assert that a figure entry without a known source or unit is refused."""
    with pytest.raises(PluginError, match=message):
        data_tables.check_figures([figure], SOURCES)


def test_every_figure_entry_names_a_known_source() -> None:
    """Assert that each entry of docs/data/figures.yml cites a source listed in sources.csv."""
    figures = load_yaml("figures")
    assert figures
    assert {f["source"] for f in figures} <= set(SOURCES)
    assert len({f["id"] for f in figures}) == len(figures)


def test_unknown_figure_marker_fails() -> None:
    """Assert that a [[fig:ID]] marker naming no figure fails the build."""
    with pytest.raises(PluginError, match="unknown figure"):
        data_tables.render_figure("no-such-figure", data_tables.FIGURES, "page.md")


def test_question_without_anchor_fails() -> None:
    """Assert that a ??? question block without an {#anchor} first line fails the build."""
    with pytest.raises(PluginError, match="lacks a"):
        data_tables.anchor_questions('??? question "Why?"\n    Because.\n', "faq.md")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_bare_figures_in_pages(page: Path) -> None:
    """Assert that a page's Markdown writes no number except through a sourced [[fig:ID]] marker."""
    text = page.read_text(encoding="utf-8")
    for pattern in NOT_FIGURES:
        text = pattern.sub(" ", text)
    bare = [line.strip() for line in text.splitlines() if re.search(r"\d", line)]
    assert bare == []


def test_bare_figure_rule_catches_a_number() -> None:
    """Assert that the bare-figure rule keeps a price but drops years, list numbers and markers."""
    sample = "1. Costs $5,000 in 2026, see [[fig:rag-setup]] and [x](a.md#b2)."
    for pattern in NOT_FIGURES:
        sample = pattern.sub(" ", sample)
    assert re.findall(r"\d+", sample) == ["5", "000"]


@pytest.mark.parametrize("entry", QUESTIONS, ids=lambda q: f'{q["source"]}:{q["anchor"]}')
def test_every_source_question_is_answered(built_site: Path, entry: dict) -> None:
    """Assert that each question a source answers has an anchored answer on the site."""
    assert entry["source"] in SOURCES
    html = (built_site / entry["page"] / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<details class="question" id="{entry["anchor"]}">\s*<summary>', html)


@pytest.mark.parametrize("page", ["faq", "compare", "misconceptions"])
def test_which_is_cheaper_lives_on_the_costs_page_only(built_site: Path, page: str) -> None:
    """Assert that FAQ, Compare and Misconceptions link to the one full "which is cheaper"
    argument on the Costs page instead of repeating its figures."""
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    assert 'href="../costs/#which-is-cheaper"' in html
    for figure in ("lora-compute", "rag-setup", "lifecycle-multiplier"):
        assert f'data-figure="{figure}"' not in html
    assert "year-one" not in html


def test_self_hosting_is_named_for_what_it_hosts() -> None:
    """Assert that the navigation calls the page that hosts this guide "Host this guide", at its
    old address, and lists the page on serving a model beside the guide's pages."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:", 1)[1]
    assert re.search(r"^  - Host this guide: self-hosting\.md$", nav, re.M)
    assert "Self-hosting:" not in nav
    assert re.search(r"^      - Serving an open-weight model: serving-open-models\.md$", nav, re.M)


@pytest.mark.parametrize("term", ["LoRA", "PEFT", "adapter", "embedding", "vector database",
                                  "hallucination", "chunking", "prompt engineering", "hybrid",
                                  "BM25", "structured outputs", "open-weight"])
def test_search_index_finds_key_terms(built_site: Path, term: str) -> None:
    """Assert that the search index holds each key term of the guide."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(term.lower() in doc["text"].lower() for doc in index["docs"])


@pytest.mark.parametrize("page", ["index", "compare", "faq", "glossary"])
def test_glossary_terms_show_on_hover(built_site: Path, page: str) -> None:
    """Assert that glossary terms are wrapped in abbr with a definition on the guide's pages."""
    html = (built_site / ("" if page == "index" else page) / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="Retrieval-augmented generation[^"]*">RAG</abbr>', html)


@pytest.mark.parametrize(
    "page",
    ["index.md", "compare.md", "cheat-sheet.md", "when-to-use.md", "fine-tuning.md",
     "misconceptions.md", "faq.md", "glossary.md", "sources.md",
     "knowledge-or-behaviour.md", "first-week.md", "access-and-privacy.md",
     "beyond-the-sources.md", "serving-open-models.md"],
)
def test_guide_page_is_in_the_navigation(page: str) -> None:
    """Assert that each guide page is listed in mkdocs.yml's nav."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config.split("\nnav:", 1)[1]
    assert re.search(rf":\s+{re.escape(page)}\s*$", nav, re.M)
