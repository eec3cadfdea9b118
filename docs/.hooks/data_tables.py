"""Render the guide's reference tables from data.

A page opts in with a marker comment such as ``<!-- data:sources -->``. Each
table is built from one source of truth (here ``calculators.SOURCES``); a
marker this hook does not know fails the build.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import calculators
from _site_data import SOURCES


def on_page_content(html: str, page: Page, **_: object) -> str | None:
    """Replace each ``<!-- data:NAME -->`` marker with its table."""
    if "<!-- data:" not in html:
        return None

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in RENDERERS:
            raise PluginError(
                f"data_tables: unknown marker 'data:{name}' in {page.file.src_path}; "
                f"known: {', '.join(sorted(RENDERERS))}"
            )
        return RENDERERS[name]()

    return MARKER.sub(replace, html)


# Helpers


def _sources_table() -> str:
    rows = "".join(
        f'<tr id="source-{s["id"]}"><td>{escape(s["title"])}</td><td>{escape(s["publisher"])}</td>'
        f'<td>{escape(s["date"])}</td><td><code>{escape(s["id"])}</code></td></tr>'
        for s in SOURCES.values()
    )
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        "<thead><tr><th>Article</th><th>Publisher or author</th><th>Date</th>"
        f"<th>Cited as</th></tr></thead><tbody>{rows}</tbody></table></div></div>"
    )


# Constants

MARKER = re.compile(r"<!-- data:([a-z-]+) -->")

RENDERERS = {
    "sources": _sources_table,
}
