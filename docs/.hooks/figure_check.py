"""Fail the build on a figure that the figures data does not hold.

A *figure* is a number with a unit, a currency, a percent sign or a
multiplier: ``5,000 USD``, ``$200``, ``3–5×``, ``40%``, ``12 months``. Every
figure the guide shows must be an entry of the figures data (the cost model's
sourced defaults and ``docs/data/figures.yml``), whose ``source`` names a row
of ``docs/data/sources.csv`` or says ``assumption``. Pages write figures as
``[[fig:ID]]`` markers, which the data_tables hook renders with their source;
a figure written out by hand passes only when its numbers are those of one
entry. Worded quantities ("a thousand", "every quarter") are not figures.

Checked:

- each page's Markdown (:func:`on_page_markdown`), without code, comments,
  ``[[fig:ID]]`` markers, attribute lists and link targets;
- every text in :data:`TEXT_SOURCES`, once per build (:func:`on_config`): the
  Compare cells, the figure notes, the questions data, the glossary
  abbreviations, and every text written in the calculators' data that a
  reader sees: each exported name of ``calculators`` (its ``__all__``) is
  walked through, dataclass fields, mappings and tuples alike, so the
  decision rule's questions, rules, gates, fallbacks, steps and caveats, the
  cost inputs' labels and notes, the presets, the decision-to-cost
  adjustments and any table a later calculator exports are all read;
- where every such figure comes from (:data:`SOURCE_CHECKS`): each data row
  of the calculators that has a ``source`` or ``sources`` must name ids of
  ``docs/data/sources.csv`` or ``assumption``; a row with ``inputs`` (a cost
  preset) must give a source for every input it sets; and the short names
  the calculators show for sources (``calculators.SOURCE_NAMES``) must be
  those of ``sources.csv``, with every id a decision text cites among them.

To check another text, append a callable to :data:`TEXT_SOURCES` that returns
``(where, text, allowed)`` triples; ``allowed`` is a set of figure strings
that may stand in that text as written (for instance a version number with a
unit that is no claim). A callable appended to :data:`SOURCE_CHECKS` returns
messages, one per problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import calculators
from _site_data import DATA, SOURCES, load_yaml
from data_tables import FIGURES


def on_config(config: object, **_: object) -> None:
    """Check every text of :data:`TEXT_SOURCES` once, before any page is built.

    Raises:
        PluginError: naming each stray figure and where it stands.
    """
    problems = [
        message
        for source in TEXT_SOURCES
        for where, text, allowed in source()
        for message in check_text(where, text, allowed)
    ]
    _fail(problems)
    _fail_sources([message for check in SOURCE_CHECKS for message in check()])


def on_page_markdown(markdown: str, page: Page, **_: object) -> None:
    """Check one page's Markdown for figures not in the figures data.

    Raises:
        PluginError: naming each stray figure and the page.
    """
    _fail(check_text(page.file.src_path, strip_markup(markdown)))


def check_text(where: str, text: str, allowed: Iterable[str] = ()) -> list[str]:
    """Return one message per figure in ``text`` that is neither an entry nor allowed.

    Args:
        where: Where the text stands, for the message (a page path, a data row).
        text: The text, with any markup already removed.
        allowed: Figure strings that may stand as written in this text.

    Returns:
        Messages such as ``"faq.md: '40%'"``; empty when every figure is sourced.
    """
    allowed = set(allowed)
    return [
        f"{where}: {match.group(0).strip()!r}"
        for match in FIGURE.finditer(text)
        if match.group(0).strip() not in allowed and not is_entry(match.group(0), ENTRIES)
    ]


def is_entry(figure: str, entries: Iterable[tuple[frozenset[float], str | None]]) -> bool:
    """Return whether every number in ``figure`` is a value of one single entry of the same kind.

    The kind is what the unit measures (:func:`unit_kind`): a percentage
    cannot borrow the number of a price, nor megabytes that of a share. A
    figure whose unit only scales a number ("7 billion") matches on its
    numbers alone.
    """
    numbers = {float(n.replace(",", "")) for n in NUMBER.findall(figure)}
    kind = unit_kind(figure)
    return any(
        numbers <= values and (kind is None or entry_kind is None or kind == entry_kind)
        for values, entry_kind in entries
    )


def unit_kind(text: str) -> str | None:
    """What a figure's or an entry's unit measures: ``"money"``, ``"percent"``,
    ``"multiple"``, ``"memory"``, ``"count"`` or ``"time"``, the first that
    :data:`UNIT_KINDS` finds in ``text``; ``None`` for none (a bare scale word
    such as "million", or a share)."""
    for kind, pattern in UNIT_KINDS:
        if pattern.search(text):
            return kind
    return None


def strip_markup(markdown: str) -> str:
    """Remove what looks like a figure but is not one: code, comments, markers, link targets."""
    for pattern in NOT_FIGURES:
        markdown = pattern.sub(" ", markdown)
    return markdown


# Helpers


def _fail(problems: list[str]) -> None:
    if problems:
        raise PluginError(
            "figure_check: figure(s) with no entry in the figures data: "
            + "; ".join(problems)
            + ". Write each as [[fig:ID]] from docs/data/figures.yml, with its source, "
            "or add an entry with `source: assumption` and a note saying why."
        )


def _fail_sources(problems: list[str]) -> None:
    if problems:
        raise PluginError(
            "figure_check: figure(s) in the calculators without a known source: "
            + "; ".join(problems)
            + ". Give each a source id from docs/data/sources.csv, or \"assumption\" for a "
            "value no source gives."
        )


def _entries(figures: Mapping[str, Mapping[str, object]]) -> list[tuple[frozenset[float], str | None]]:
    """The values of each figure entry and each cost model default, as sets of
    numbers, each with the kind of its unit (:func:`unit_kind`)."""
    values = [(figure["value"], str(figure.get("unit", ""))) for figure in figures.values()]
    values += [(list(spec.default), spec.unit) for spec in calculators.COST_INPUTS]
    return [
        (frozenset(float(v) for v in (value if isinstance(value, list) else [value])), unit_kind(unit))
        for value, unit in values
    ]


def _compare_cells() -> Iterable[tuple[str, str, frozenset[str]]]:
    for row in load_yaml("compare"):
        for column in ("dimension", "rag", "fine_tuning"):
            yield f"compare.yml {row['id']!r} {column}", str(row[column]), frozenset()


def _figure_notes() -> Iterable[tuple[str, str, frozenset[str]]]:
    for figure_id, figure in FIGURES.items():
        yield f"figure {figure_id!r} note", str(figure["note"]), frozenset()


def _questions_data() -> Iterable[tuple[str, str, frozenset[str]]]:
    for entry in load_yaml("questions"):
        yield f"questions.yml {entry['anchor']!r}", str(entry["question"]), frozenset()


def _abbreviations() -> Iterable[tuple[str, str, frozenset[str]]]:
    path = Path(DATA).parent / ".includes" / "abbreviations.md"
    yield "abbreviations.md", path.read_text(encoding="utf-8"), frozenset()


def _exported() -> Iterator[tuple[str, object]]:
    """Each exported data value of ``calculators``: not its functions or classes."""
    for name in calculators.__all__:
        value = getattr(calculators, name)
        if not callable(value) or isinstance(value, Mapping):
            yield f"calculators.{name}", value


def _walk(value: object, where: str) -> Iterator[tuple[str, object]]:
    """Every value inside ``value`` with its path, the value itself first."""
    yield where, value
    if is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            yield from _walk(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, f"{where}[{key!r}]")
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from _walk(item, f"{where}[{index}]")
    elif isinstance(value, (set, frozenset)):
        for item in sorted(value, key=repr):
            yield from _walk(item, f"{where}{{{item!r}}}")


def _calculator_texts() -> Iterable[tuple[str, str, frozenset[str]]]:
    """Every text written in the calculators' exported data."""
    for name, value in _exported():
        for where, item in _walk(value, name):
            if isinstance(item, str):
                yield where, item, frozenset()


def _known(source_id: object) -> bool:
    return source_id == ASSUMPTION or source_id in SOURCES


def _row_sources() -> list[str]:
    """Each data row's ``source`` / ``sources`` must name known ids, and cover its ``inputs``."""
    problems = []
    for name, value in _exported():
        for where, row in _walk(value, name):
            if not is_dataclass(row) or isinstance(row, type):
                continue
            single = getattr(row, "source", None)
            if single is not None and not _known(single):
                problems.append(f"{where}.source: {single!r}")
            cited = getattr(row, "sources", None)
            if isinstance(cited, Mapping):
                problems += [f"{where}.sources[{k!r}]: {v!r}" for k, v in cited.items() if not _known(v)]
                inputs = getattr(row, "inputs", None)
                if isinstance(inputs, Mapping):
                    problems += [
                        f"{where}.inputs[{key!r}] = {inputs[key]!r}: no source" for key in inputs if key not in cited
                    ]
            elif isinstance(cited, (tuple, list)):
                problems += [f"{where}.sources: {s!r}" for s in cited if not _known(s)]
    return problems


def _source_names() -> list[str]:
    """The short names the calculators show must be sources.csv's, and cover every cited id."""
    names = calculators.SOURCE_NAMES
    problems = [
        f"calculators.SOURCE_NAMES[{i!r}] = {name!r}, but sources.csv says "
        f"{SOURCES[i]['short'] if i in SOURCES else 'nothing'}"
        for i, name in names.items()
        if i not in SOURCES or SOURCES[i]["short"] != name
    ]
    cited = {
        s
        for rows in (calculators.RULES, calculators.GATES, calculators.FALLBACKS, calculators.STEPS, calculators.CAVEATS)
        for row in rows
        for s in row.sources
    }
    problems += [f"{i!r} is cited by the decision rule but missing from calculators.SOURCE_NAMES" for i in sorted(cited - set(names))]
    return problems


# Constants

#: The texts checked once per build: callables returning ``(where, text, allowed)``.
TEXT_SOURCES: list[Callable[[], Iterable[tuple[str, str, frozenset[str]]]]] = [
    _compare_cells,
    _figure_notes,
    _questions_data,
    _abbreviations,
    _calculator_texts,
]

#: The source checks made once per build: callables returning messages, one per problem.
SOURCE_CHECKS: list[Callable[[], list[str]]] = [_row_sources, _source_names]

#: The ``source`` of a value that no source gives.
ASSUMPTION = "assumption"

#: What a page's Markdown may hold that looks like a figure but is not one.
NOT_FIGURES = [
    re.compile(r"^\s*(```|~~~).*?^\s*\1", re.M | re.S),  # fenced code
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"<!--.*?-->", re.S),  # comments and widget markers
    re.compile(r"\[\[(?:fig|src):[a-z0-9-]+\]\]"),  # sourced figures and citations
    re.compile(r"\{[#:.][^}]*\}"),  # attribute lists and anchors
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"^---\n.*?\n---\n", re.S),  # front matter
]

NUMBER = re.compile(r"\d+(?:[,.]\d+)*")
_N = r"(?<![\w.,])\d+(?:[,.]\d+)*"
_RANGE = rf"{_N}(?:\s*(?:–|—|-|to|\.\.)\s*[$€£]?\d+(?:[,.]\d+)*)?"
_UNITS = (
    r"%|per\s?cent\b|×|x\b|times\b|USD\b|EUR\b|GBP\b|dollars?\b|k\b|K\b|M\b|bn\b|"
    r"million\b|billion\b|thousand\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|"
    r"seconds?\b|ms\b|years?\b|quarters?\b|tokens?\b|examples?\b|pairs?\b|documents?\b|"
    r"requests?\b|queries\b|GPUs?\b|GB\b|MB\b|TB\b|users?\b|parameters?\b"
)
#: A figure: a currency sign before a number or range, or a number or range
#: followed by a unit, percent sign or multiplier.
FIGURE = re.compile(rf"(?:[$€£]\s?{_RANGE}(?:\s?(?:{_UNITS}))?|{_RANGE}\s?(?:{_UNITS}))")

#: What a unit measures, checked in this order ("USD per million tokens" is
#: money, "tokens a second" a count).
UNIT_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("money", re.compile(r"[$€£]|\b(?:USD|EUR|GBP|dollars?)\b")),
    ("percent", re.compile(r"%|\bper\s?cent\b|\b(?:percentage )?points?\b")),
    ("multiple", re.compile(r"×|\b(?:x|times)\b")),
    ("memory", re.compile(r"\b(?:GB|MB|TB)\b")),
    ("count", re.compile(
        r"\b(?:tokens?|examples?|pairs?|documents?|requests?|queries|GPUs?|users?|parameters?|"
        r"epochs?|tasks?|questions?|models?|adapters?|draws?)\b"
    )),
    ("time", re.compile(r"\b(?:months?|weeks?|days?|hours?|minutes?|seconds?|ms|years?|quarters?)\b")),
)

ENTRIES = _entries(FIGURES)
