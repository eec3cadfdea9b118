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


def load_sources() -> dict[str, dict[str, str]]:
    """Read ``docs/data/sources.csv``: source id -> its bibliographic fields.

    Article titles are quoted exactly as published, so they live in this
    citation file rather than in the guide's prose.

    Returns:
        ``{id: {"id", "title", "publisher", "date", "file"}}`` in file order.
    """
    with (DATA / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


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
