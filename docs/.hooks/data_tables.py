"""Render the guide's reference data: tables, figures and question anchors.

Markers a page may use:

- ``<!-- data:NAME -->`` (a block comment) becomes the table ``NAME``;
- ``[[fig:ID]]`` (inline) becomes figure ``ID`` from ``docs/data/figures.yml``,
  with its unit and, on hover, its source;
- ``{#ANCHOR}`` as the first line of a ``??? question`` block gives that
  collapsible block the id ``ANCHOR`` (pymdownx.details has no attribute
  syntax of its own).

An unknown marker, figure, column or source fails the build with PluginError.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from html import escape

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import calculators
from _site_data import SOURCES, load_yaml, replace_markers


def on_page_markdown(markdown: str, page: Page, **_: object) -> str | None:
    """Give anchored question blocks their ids; replace each ``[[fig:ID]]`` with
    its figure and each ``[[src:ID]]`` with a link to that source."""
    if not any(m in markdown for m in ("[[fig:", "[[src:", "??? question", SOURCES_MARKER)):
        return None
    where = page.file.src_path
    # The source list is Markdown, so MkDocs sees its anchors and checks every
    # link to them.
    markdown = markdown.replace(SOURCES_MARKER, _sources_markdown())
    markdown = anchor_questions(markdown, where)
    markdown = SOURCE.sub(lambda m: render_source(m.group(1), page.file.src_uri, where), markdown)
    return FIGURE.sub(lambda m: render_figure(m.group(1), FIGURES, where), markdown)


def on_page_content(html: str, page: Page, **_: object) -> str | None:
    """Replace each ``<!-- data:NAME -->`` marker with its table."""
    if "<!-- data:" not in html:
        return None
    return replace_markers(html, "data", RENDERERS, page.file.src_path)


def anchor_questions(markdown: str, where: str) -> str:
    """Rewrite each ``??? question "Title"`` whose body starts with ``{#ANCHOR}``.

    pymdownx.details has no attribute syntax, so the block becomes the same
    ``<details class="question">`` through md_in_html, with ``id="ANCHOR"``
    that MkDocs sees when it validates links.

    Raises:
        PluginError: a ``??? question`` block has no ``{#ANCHOR}`` first line.
    """
    lines, out, i = markdown.split("\n"), [], 0
    while i < len(lines):
        head = QUESTION.match(lines[i])
        if not head:
            out.append(lines[i])
            i += 1
            continue
        anchor = ANCHOR.match(lines[i + 1]) if i + 1 < len(lines) else None
        if not anchor:
            raise PluginError(f"data_tables: question {head.group(1)!r} in {where} lacks a {{#anchor}} line")
        i += 2
        body = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith("    ")):
            body.append(lines[i][4:])
            i += 1
        out += [
            f'<details class="question" id="{anchor.group(1)}" markdown>',
            f"<summary>{escape(head.group(1))}</summary>",
            "",
            *body,
            "",
            "</details>",
            "",
        ]
    return "\n".join(out)


def render_compare(rows: Iterable[Mapping[str, object]], sources: Mapping[str, object]) -> str:
    """Render the RAG and fine-tuning comparison as a scrollable table.

    Args:
        rows: mappings with the keys in ``COMPARE_COLUMNS``, and optionally
            ``studies``: ids of controlled studies (``study-...`` rows of
            sources.csv) that measured the row, linked in its sources cell to
            their entries on the studies page.
        sources: known source ids (``docs/data/sources.csv``).

    Returns:
        The table's HTML, one ``<tr id="compare-ID">`` per row.

    Raises:
        PluginError: a row has an unknown or missing column, or no known source.
    """
    body = []
    for row in rows:
        unknown = set(row) - set(COMPARE_COLUMNS) - {"studies"}
        if unknown:
            raise PluginError(
                f"data_tables: compare row {row.get('id')!r} has unknown column(s) "
                f"{sorted(unknown)}; allowed: {', '.join(COMPARE_COLUMNS)}"
            )
        missing = [c for c in COMPARE_COLUMNS if not row.get(c)]
        if missing:
            raise PluginError(f"data_tables: compare row {row.get('id')!r} lacks {missing}")
        _check_sources(row["sources"], sources, f"compare row {row['id']!r}")
        studies = ""
        if "studies" in row:
            _check_sources(row["studies"], sources, f"compare row {row['id']!r} studies")
            studies = "; measured in " + ", ".join(
                f'<a href="../studies/#{escape(str(s))}">{escape(sources[str(s)]["short"])}</a>'
                for s in row["studies"]
            )
        body.append(
            f'<tr id="compare-{escape(str(row["id"]))}"><th scope="row">{escape(str(row["dimension"]))}</th>'
            f'<td>{escape(str(row["rag"]))}</td><td>{escape(str(row["fine_tuning"]))}</td>'
            f"<td>{_cite(row['sources'])}{studies}</td></tr>"
        )
    return _table(["Dimension", "RAG", "Fine-tuning", "Sources"], "".join(body))


def render_source(source_id: str, page_uri: str, where: str) -> str:
    """Render a citation as a Markdown link to the source's row on the Sources page.

    The link is Markdown, so MkDocs checks it like any other.

    Raises:
        PluginError: the source id is not in ``docs/data/sources.csv``.
    """
    if source_id not in SOURCES:
        raise PluginError(
            f"data_tables: unknown source 'src:{source_id}' in {where}; known: {', '.join(SOURCES)}"
        )
    target = posixpath.relpath("sources.md", posixpath.dirname(page_uri) or ".")
    return f"[{SOURCES[source_id]['short']}]({target}#source-{source_id})"


def render_figure(figure_id: str, figures: Mapping[str, Mapping[str, object]], where: str) -> str:
    """Render one figure inline: its value, its unit, its source on hover.

    Raises:
        PluginError: the figure id is not in ``docs/data/figures.yml``.
    """
    if figure_id not in figures:
        raise PluginError(f"data_tables: unknown figure 'fig:{figure_id}' in {where}")
    figure = figures[figure_id]
    if figure["source"] == ASSUMPTION:
        title = "An assumption: no source gives this figure; put your own in its place"
    elif str(figure["source"]).startswith("study-"):
        title = f"Measured in {SOURCES[str(figure['source'])]['short']}, as the paper reports it"
    else:
        title = (
            f"Source: {SOURCES[str(figure['source'])]['publisher']}; gathered 2026, "
            "a planning figure, not a quote"
        )
    return f'<span class="figure" data-figure="{figure_id}" title="{escape(title)}">{_value(figure)}</span>'


def check_figures(figures: Iterable[Mapping[str, object]], sources: Mapping[str, object]) -> dict:
    """Index figures by id after checking each names a known source.

    A figure no source gives names ``source: assumption``; its note should
    say why the value was chosen.

    Raises:
        PluginError: a figure has no value, no unit, or no known source.
    """
    index = {}
    for figure in figures:
        for key in ("id", "value", "unit", "source", "note"):
            if figure.get(key) in (None, ""):
                raise PluginError(f"data_tables: figure {figure.get('id')!r} lacks {key!r}")
        if figure["source"] != ASSUMPTION:
            _check_sources([figure["source"]], sources, f"figure {figure['id']!r}")
        index[str(figure["id"])] = figure
    return index


# Helpers


def _check_sources(cited: object, sources: Mapping[str, object], what: str) -> None:
    if not isinstance(cited, list) or not cited:
        raise PluginError(f"data_tables: {what} names no source")
    unknown = [s for s in cited if s not in sources]
    if unknown:
        raise PluginError(f"data_tables: {what} cites unknown source(s) {unknown}; known: {', '.join(sources)}")


def _cite(ids: Iterable[object]) -> str:
    """Source links for a table cell on a page one level below the site root."""
    return ", ".join(
        f'<a href="../sources/#source-{escape(str(s))}">{escape(SOURCES[str(s)]["short"])}</a>'
        for s in ids
    )


def _number(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,}"


def _span(value: object) -> tuple[float, float]:
    return (value[0], value[1]) if isinstance(value, list) else (value, value)


def _value(figure: Mapping[str, object]) -> str:
    low, high = _span(figure["value"])
    shown = _number(low) if low == high else f"{_number(low)}–{_number(high)}"
    return f"{shown}\u00a0{escape(str(figure['unit']))}"


def _table(headers: list[str], body: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></div>"
    )


def _sources_markdown() -> str:
    """The five articles, then the other public sources, one heading each, anchored ``source-<id>``."""
    articles = [s for s in SOURCES.values() if s["kind"] == "article"]
    references = [s for s in SOURCES.values() if s["kind"] == "reference"]
    parts = [
        f'### {s["short"]} {{#source-{s["id"]}}}\n\n'
        f'*{s["title"]}*. {s["publisher"]}, {s["date"]}. Cited on this site as '
        f'"{s["short"]}".'
        for s in articles
    ]
    if references:
        parts.append(
            "## Other public sources {#other-sources}\n\n"
            "Facts the five articles do not give (current prices, how a method "
            "works) come from these pages and papers. Each shows the date we read it: "
            "prices change, so check the page before you commit a budget."
        )
        parts += [
            f'### {s["short"]} {{#source-{s["id"]}}}\n\n'
            f'*{s["title"]}*. {s["publisher"]}'
            + (f', {s["date"]}' if s["date"] else "")
            + f'. <{s["address"]}>, read {s["read"]}. Cited on this site as "{s["short"]}".'
            for s in references
        ]
    return "\n\n".join(parts)


def _figures_table() -> str:
    rows = "".join(
        f'<tr id="fig-{escape(i)}"><td>{_value(f)}</td><td>{escape(str(f["note"]))}</td>'
        f"<td>{'Assumption' if f['source'] == ASSUMPTION else _cite([f['source']])}</td></tr>"
        for i, f in FIGURES.items()
    )
    return _table(["Figure", "What it measures", "Source"], rows)


# Constants

#: The ``source`` of a figure that no source gives.
ASSUMPTION = "assumption"

FIGURE = re.compile(r"\[\[fig:([a-z0-9-]+)\]\]")
SOURCES_MARKER = "<!-- data:sources -->"
SOURCE = re.compile(r"\[\[src:([a-z0-9-]+)\]\]")
QUESTION = re.compile(r'^\?\?\? question "(.*)"\s*$')
ANCHOR = re.compile(r"^    \{#([a-z0-9-]+)\}\s*$")

COMPARE_COLUMNS = ("id", "dimension", "rag", "fine_tuning", "sources")
def _cost_model_figures() -> list[dict[str, object]]:
    """Akoode's figures and the cost model's constants, as figure entries (one source of truth)."""
    entries = []
    for figure_id, (low, high), unit, source, note in (
        ("rag-setup", calculators.AKOODE_RAG_SETUP_USD, "USD", "akoode",
         "a RAG build: vector database, embedding model, retrieval pipeline and integration"),
        ("rag-monthly", calculators.AKOODE_RAG_MONTHLY_USD, "USD/month", "akoode",
         "a mid-scale RAG system on a managed vector database with moderate traffic"),
        ("lora-compute", calculators.AKOODE_LORA_TRAINING_USD, "USD", "akoode",
         "GPU compute for a small open model with LoRA adapters on a focused dataset"),
        ("lifecycle-multiplier", calculators.AKOODE_LIFECYCLE_MULTIPLE, "x training compute", "akoode",
         "the first year's full cost of fine-tuning as a multiple of the training compute"),
        ("midsize-compute", calculators.MID_SIZE_TRAINING_USD, "USD", "akoode",
         "training compute alone for a mid-size model on a substantial dataset"),
        ("cost-draws", (calculators.DRAWS, calculators.DRAWS), "draws", "assumption",
         "how many times the cost estimator draws every range; the least that reads a chance "
         "to within about two percentage points"),
        ("log-scale-ratio", (calculators.LOG_SCALE_RATIO, calculators.LOG_SCALE_RATIO),
         "times its low end", "assumption",
         "a range whose high end is this many times its low end or more is drawn on a log scale"),
    ):
        entries.append({"id": figure_id, "value": [low, high], "unit": unit, "source": source, "note": note})
    return entries


FIGURES = check_figures([*_cost_model_figures(), *load_yaml("figures")], SOURCES)

RENDERERS = {
    "figures": _figures_table,
    "compare": lambda: render_compare(load_yaml("compare"), SOURCES),
}
