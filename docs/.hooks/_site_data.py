"""Data files the hooks share. Not a hook itself: hooks import it.

MkDocs puts this folder on ``sys.path`` while it loads a hook, so a hook can
``import _site_data`` at its top.
"""

from __future__ import annotations

import csv
from pathlib import Path

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
