"""Data files the hooks share. Not a hook itself: hooks import it.

MkDocs puts this folder on ``sys.path`` while it loads a hook, so a hook can
``import _site_data`` at its top.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from mkdocs.exceptions import PluginError

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"


def load_sources(path: Path | None = None) -> dict[str, dict[str, str]]:
    """Read ``docs/data/sources.csv``: source id -> its bibliographic fields.

    Titles are quoted exactly as published, so they live in this citation
    file rather than in the guide's prose. Two kinds of row:

    - ``article``: one of the five source articles the guide is built from;
      ``file`` names its text in ``shared/sources/``.
    - ``reference``: a public page or paper beyond the five (a price list, the
      paper that defines a method), with its ``address`` and the date the
      figure was ``read`` (YYYY-MM-DD). The Sources page lists these apart.

    Args:
        path: The CSV file; ``docs/data/sources.csv`` when ``None``.

    Returns:
        ``{id: {"id", "kind", "short", "title", "publisher", "date",
        "address", "read", "file"}}`` in file order.

    Raises:
        PluginError: for a row of unknown kind, an article without its file,
            or a reference without an http(s) address or a read date.
    """
    with (path or DATA / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    for source_id, row in rows.items():
        kind = row.get("kind")
        if kind == "article" and not row.get("file"):
            raise PluginError(f"sources.csv: article {source_id!r} names no file")
        if kind == "reference":
            if not re.match(r"https?://", row.get("address") or ""):
                raise PluginError(f"sources.csv: reference {source_id!r} needs an http(s) address")
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.get("read") or ""):
                raise PluginError(f"sources.csv: reference {source_id!r} needs the date read, YYYY-MM-DD")
        elif kind != "article":
            raise PluginError(
                f"sources.csv: {source_id!r} has kind {kind!r}; allowed: article, reference"
            )
    return rows


def load_yaml(name: str) -> list[dict[str, object]]:
    """Read ``docs/data/NAME.yml``, a list of mappings."""
    with (DATA / f"{name}.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


SOURCES = load_sources()


def replace_markers(html: str, kind: str, renderers: Mapping[str, Callable[[], str]], where: str) -> str:
    """Replace each ``<!-- KIND:NAME -->`` comment with ``renderers[NAME]()``.

    Args:
        html: A page's HTML.
        kind: The marker family a hook owns, e.g. ``"calculator"`` or ``"data"``.
        renderers: NAME -> a function returning the HTML to put in its place.
        where: The page's source path, for the error message.

    Raises:
        PluginError: for a marker of this family that has no renderer.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in renderers:
            raise PluginError(
                f"unknown marker '{kind}:{name}' in {where}; known: {', '.join(sorted(renderers))}"
            )
        return renderers[name]()

    return re.sub(rf"<!-- {kind}:([a-z-]+) -->", replace, html)
