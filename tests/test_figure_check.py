"""The figure check: a figure not in the figures data fails the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs" / ".hooks"))
import figure_check  # noqa: E402  (a hook file, not a package)


def _build(tmp_path: Path, page: str, first_hooks: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """Run a real `mkdocs build --strict` of one page with the data and figure hooks, after
    ``first_hooks`` (hook files in ``tmp_path``)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(page, encoding="utf-8")
    hooks = ROOT / "docs" / ".hooks"
    listed = [*first_hooks, hooks / "data_tables.py", hooks / "figure_check.py"]
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Figure check\nhooks:\n" + "".join(f"  - {h}\n" for h in listed), encoding="utf-8"
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def _page(path: str = "page.md") -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_path=path))


@pytest.mark.parametrize(
    "text",
    [
        # Odd values that no entry of the figures data holds (asserted below).
        "A pilot costs 7,919 USD.",
        "Budget $4,133 for it.",
        "Accuracy rose by 41.7%.",
        "Training takes 23–61 weeks.",
        "The real cost is 7.3–9.1× the compute.",
        "About 257 examples are enough.",
    ],
)
def test_a_stray_figure_in_a_page_fails(text: str) -> None:
    """Assert that a figure with no entry in the figures data fails the page, naming it."""
    assert not figure_check.is_entry(text, figure_check.ENTRIES)
    with pytest.raises(PluginError, match="page.md") as info:
        figure_check.on_page_markdown(f"# Title\n\n{text}\n", page=_page())
    assert "figure_check" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "RAG setup runs [[fig:rag-setup]] ([[src:akoode]]).",  # the marker the pages use
        "RAG setup runs 5,000–30,000 USD by Akoode's figures.",  # one entry's values, written out
        "A small LoRA run costs $200 to $2,000 in compute.",
        "The lifecycle multiple is 3–5×, over 12 months.",
        "A thousand good examples beat ten thousand poor ones; check every quarter.",  # worded
        "Published in 2026, step 3 of the list.",  # years and bare numbers are no figures
        "Run `sleep 30 seconds` or see [the note](page.md#note-5-days).",  # code and link targets
        "<!-- data:figures -->\n\n1. First\n2. Second",
    ],
)
def test_sourced_figures_and_words_pass(text: str) -> None:
    """Assert that sourced figures, worded quantities and non-figures pass the page check."""
    assert figure_check.on_page_markdown(text, page=_page()) is None


def test_a_figure_from_two_entries_is_not_sourced() -> None:
    """Assert that a range whose ends come from different entries is stray."""
    assert figure_check.check_text("x", "a range of 200–30,000 USD") == ["x: '200–30,000 USD'"]


@pytest.mark.parametrize(
    ("figure", "kind"),
    [("10 MB", "memory"), ("25 MB", "memory"), ("34 USD", "money"), ("12%", "percent"), ("500 months", "time")],
)
def test_a_number_borrowed_from_an_entry_of_another_kind_is_stray(figure: str, kind: str) -> None:
    """Assert that a figure's number must come from an entry whose unit measures the same kind of
    thing: the figures data holds each of these numbers, but only under another unit (a count, a
    percentage, points or draws), so each figure is stray."""
    number = float(figure.split()[0].rstrip("%"))
    assert figure_check.unit_kind(figure) == kind
    holders = [entry_kind for values, entry_kind in figure_check.ENTRIES if number in values]
    assert holders and kind not in holders
    assert not figure_check.is_entry(figure, figure_check.ENTRIES)
    assert figure_check.check_text("x", f"It needs {figure}.") == [f"x: {figure!r}"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("USD per million tokens", "money"), ("tokens a second per V100", "count"), ("x base price", "multiple"),
     ("percentage points", "percent"), ("months", "time"), ("billion", None), ("share", None)],
)
def test_unit_kinds(text: str, kind: str | None) -> None:
    """Assert what each unit is read as measuring, money before counts and counts before time."""
    assert figure_check.unit_kind(text) == kind


def test_allowed_figures_pass_only_where_allowed() -> None:
    """Assert that a text's own allowed list lets a figure stand there and nowhere else."""
    # 17: a number no figure entry holds.
    assert figure_check.check_text("x", "Pyodide needs 17 MB.", {"17 MB"}) == []
    assert figure_check.check_text("y", "Pyodide needs 17 MB.") == ["y: '17 MB'"]


def test_every_text_source_is_clean_today() -> None:
    """Assert that the guide's own data texts hold no stray figure, and that each source yields text."""
    for source in figure_check.TEXT_SOURCES:
        triples = list(source())
        assert triples, source.__name__
        for where, text, allowed in triples:
            assert figure_check.check_text(where, text, allowed) == []


def test_an_added_text_source_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert that a text appended to TEXT_SOURCES (e.g. cost-model notes) is checked at config time."""
    figure_check.on_config(None)  # today's data passes
    stray = "retraining adds 13.7% a year"
    assert not figure_check.is_entry(stray, figure_check.ENTRIES)
    extra = lambda: [("cost note 'x'", stray, frozenset())]  # noqa: E731
    monkeypatch.setattr(figure_check, "TEXT_SOURCES", [*figure_check.TEXT_SOURCES, extra])
    with pytest.raises(PluginError, match="cost note 'x': '13.7%'"):
        figure_check.on_config(None)


@pytest.mark.parametrize(
    ("line", "fails"),
    [("It costs 9,973 USD to start.", True), ("It costs [[fig:rag-setup]] to start.", False)],
    ids=["stray", "sourced"],
)
def test_the_build_fails_on_a_stray_figure(tmp_path: Path, line: str, fails: bool) -> None:
    """Assert that `mkdocs build` with the hook fails on a stray figure and passes a sourced one."""
    result = _build(tmp_path, f"# Test\n\n{line}\n")
    assert (result.returncode != 0) == fails, result.stderr[-2000:]
    assert ("9,973 USD" in result.stderr) == fails


# The calculators' data: every figure a reader sees there has a source.


def _stray_preset(**changes: object) -> dict:
    """The cost presets plus one whose team sentence, inputs or sources are given in ``changes``."""
    import dataclasses

    import calculators

    base = calculators.PRESETS["support-docs"]
    return {**calculators.PRESETS, "stray": dataclasses.replace(base, name="stray", **changes)}


def test_a_stray_figure_in_a_preset_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert that a figure in a preset's text that no entry holds fails the check, naming the preset."""
    import calculators

    figure_check.on_config(None)  # today's presets pass
    monkeypatch.setattr(calculators, "PRESETS", _stray_preset(team="A team answering 7,919 queries a day."))
    with pytest.raises(PluginError, match=r"calculators\.PRESETS\['stray'\]\.team: '7,919 queries'"):
        figure_check.on_config(None)


def test_a_preset_value_without_a_source_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert that a preset input with no entry in the preset's sources, or an unknown source id,
    fails the check: an empty sources mapping is not enough."""
    import calculators

    inputs = {"queries_per_month": "45000"}
    monkeypatch.setattr(calculators, "PRESETS", _stray_preset(inputs=inputs, sources={}))
    with pytest.raises(PluginError, match=r"inputs\['queries_per_month'\] = '45000': no source"):
        figure_check.on_config(None)
    monkeypatch.setattr(calculators, "PRESETS", _stray_preset(inputs=inputs, sources={"queries_per_month": "a-blog"}))
    with pytest.raises(PluginError, match=r"sources\['queries_per_month'\]: 'a-blog'"):
        figure_check.on_config(None)


def test_every_preset_input_has_a_known_source_today() -> None:
    """Assert that each of today's presets names a source or "assumption" for every input it sets."""
    import calculators

    for preset in calculators.PRESETS.values():
        assert set(preset.sources) == set(preset.inputs), preset.name
        assert all(s == "assumption" or s in figure_check.SOURCES for s in preset.sources.values())


@pytest.mark.parametrize(
    ("name", "row", "message"),
    [
        ("DECISION_ADJUSTMENTS", "adjustment", r"DECISION_ADJUSTMENTS\[\d+\]\.source: 'a-forum'"),
        ("RULES", "rule", r"RULES\[\d+\]\.sources: 'a-forum'"),
        ("STEPS", "step", r"STEPS\[\d+\]\.text: '13 weeks'"),
    ],
)
def test_decision_and_adjustment_rows_are_checked(monkeypatch: pytest.MonkeyPatch, name: str, row: str, message: str) -> None:
    """Assert that a decision-to-cost adjustment or a rule citing an unknown source, and a step
    with a stray figure, each fail the check."""
    import dataclasses

    import calculators

    rows = getattr(calculators, name)
    first = rows[0]
    changed = {
        "adjustment": lambda: dataclasses.replace(first, source="a-forum"),
        "rule": lambda: dataclasses.replace(first, sources=("a-forum",)),
        "step": lambda: dataclasses.replace(first, text="Plan on 13 weeks of work."),
    }[row]()
    monkeypatch.setattr(calculators, name, (*rows, changed))
    with pytest.raises(PluginError, match=message):
        figure_check.on_config(None)


def test_source_names_must_be_those_of_sources_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert that a short name the calculators show that differs from sources.csv, or a cited id
    with no name, fails the check."""
    import calculators

    names = dict(calculators.SOURCE_NAMES)
    monkeypatch.setattr(calculators, "SOURCE_NAMES", {**names, "haink": "Haink Inc."})
    with pytest.raises(PluginError, match=r"SOURCE_NAMES\['haink'\] = 'Haink Inc\.', but sources\.csv says Haink"):
        figure_check.on_config(None)
    del names["akoode"]
    monkeypatch.setattr(calculators, "SOURCE_NAMES", names)
    with pytest.raises(PluginError, match=r"'akoode' is cited by the decision rule but missing"):
        figure_check.on_config(None)


def test_the_build_fails_on_a_stray_figure_in_a_preset(tmp_path: Path) -> None:
    """Assert that a real `mkdocs build` fails when a cost preset carries a figure with no source:
    a hook placed before the figure check adds such a preset, as a bad edit to cost.py would."""
    (tmp_path / "stray_preset.py").write_text(
        "import dataclasses\nimport calculators\n"
        "base = calculators.PRESETS['support-docs']\n"
        "calculators.PRESETS['stray'] = dataclasses.replace(base, name='stray', "
        "team='A team spending 9,973 USD a month.')\n",
        encoding="utf-8",
    )
    result = _build(tmp_path, "# Test\n\nNo figures here.\n", ("stray_preset.py",))
    assert result.returncode != 0
    assert "calculators.PRESETS['stray'].team: '9,973 USD'" in result.stderr, result.stderr[-2000:]
