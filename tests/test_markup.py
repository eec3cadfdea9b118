"""The calculators' own HTML escape (calculators/markup.py) against the standard library's."""

from __future__ import annotations

import ast
import html
from pathlib import Path

import pytest

from calculators.markup import escape

PACKAGE = Path(__file__).resolve().parent.parent / "calculators"

#: Each text with its escaped form, worked by hand from the five replacements
#: (& first, then < > " ').
CASES = [
    ("plain words, 1.5 USD", "plain words, 1.5 USD"),
    ("", ""),
    ("R&D", "R&amp;D"),
    ("<b>", "&lt;b&gt;"),
    ('say "yes"', "say &quot;yes&quot;"),
    ("it's", "it&#x27;s"),
    ("&amp;", "&amp;amp;"),
    ("&lt;already&gt;", "&amp;lt;already&amp;gt;"),
    ("a < b > c", "a &lt; b &gt; c"),
    ("""<a href="x?a=1&b='2'">""", "&lt;a href=&quot;x?a=1&amp;b=&#x27;2&#x27;&quot;&gt;"),
    ("3–5× “RAG” café", "3–5× “RAG” café"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_escape_gives_the_hand_worked_text(text: str, expected: str) -> None:
    """Assert that escape() turns each text into its hand-worked form."""
    assert escape(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_escape_matches_the_standard_librarys(text: str, expected: str) -> None:
    """Assert that escape() and html.escape() (quotes escaped, its default) agree on each case."""
    assert html.escape(text) == expected == escape(text)


def test_the_calculators_do_not_import_html() -> None:
    """Assert that no module of the calculators imports the standard library's html package, which
    would bring html.entities into the page's memory snapshot (calculators/markup.py says why)."""
    importers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if any(n == "html" or n.startswith("html.") for n in names):
                importers.append(path.relative_to(PACKAGE).as_posix())
    assert importers == []
