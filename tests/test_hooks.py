"""Tests of the site build: hooks, self-hosted Pyodide, and the air gap."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

import calculators
from decision_cases import DECISION_CASES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs" / ".hooks"))
import air_gap  # noqa: E402  (a hook file, not a package)
import pyodide_assets  # noqa: E402
from _site_data import replace_markers  # noqa: E402

PINNED = json.loads((Path(__file__).resolve().parent.parent / "package.json").read_text())[
    "dependencies"
]["pyodide"]


def test_runtime_is_self_hosted(built_site: Path) -> None:
    """Assert that exactly the core Pyodide runtime is copied, under its pinned version."""
    runtime = built_site / "pyodide" / PINNED
    assert sorted(p.name for p in runtime.iterdir()) == sorted(
        ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"]
    )


def test_calculators_zip_matches_the_package(built_site: Path) -> None:
    """Assert that the zip shipped to the browser holds every module of the package."""
    manifest_js = (built_site / "javascripts" / "python-assets.mjs").read_text()
    manifest = json.loads(manifest_js.split("export default", 1)[1].rstrip().rstrip(";"))
    assert manifest["pyodideVersion"] == PINNED
    archive = (built_site / "javascripts" / manifest["calculatorsZip"]).resolve()
    package = Path(calculators.__file__).parent
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == sorted(
            f"calculators/{p.relative_to(package).as_posix()}" for p in package.rglob("*.py")
        )


def test_decide_page_has_form_and_build_time_result(built_site: Path) -> None:
    """Assert that the Decide page holds one field per question and the default result."""
    html = (built_site / "decide" / "index.html").read_text()
    for question in calculators.QUESTIONS:
        assert f'name="{question.key}"' in html
    default = calculators.recommend({})
    assert f'data-approach="{default.approach}"' in html
    assert 'data-source="build"' in html


def test_cheat_sheet_lists_every_rule(built_site: Path) -> None:
    """Assert that the cheat sheet has an anchored row for every rule, fallback and gate, the
    gates in the order the calculator applies them, so every reason's link lands on its row."""
    html = (built_site / "cheat-sheet" / "index.html").read_text()
    for rule in (*calculators.RULES, *calculators.FALLBACKS):
        assert f'id="rule-{rule.id}"' in html
    at = [html.index(f'id="gate-{gate}"') for gate in ("prompt-first", "feasible-now", "two-halves", "format-first")]
    assert at == sorted(at) and len(calculators.GATES) == 4
    for _, answers, _ in DECISION_CASES:
        for reason in calculators.recommend(answers).reasons:
            assert f'id="{reason.anchor}"' in html, reason.anchor


def test_decide_form_offers_each_question_its_own_answers(built_site: Path) -> None:
    """Assert that the form offers "Only a strict format" for the behaviour question and "too
    costly" for prompting, three answers elsewhere, and links the high-volume hint to the Cost
    estimator and the network question to the serving page."""
    html = (built_site / "decide" / "index.html").read_text()
    radios = {}
    for name, value in re.findall(r'<input type="radio" name="([a-z_]+)" value="([a-z]+)"', html):
        radios.setdefault(name, []).append(value)
    assert radios["behaviour"] == ["yes", "format", "no", "unsure"]
    assert radios["prompting_tried"] == ["yes", "costly", "no", "unsure"]
    assert radios["citations"] == ["yes", "no", "unsure"] and radios["own_network"] == ["yes", "no", "unsure"]
    assert len(radios) == 13
    help_high = html[html.index('id="q-high_volume-help"'):]
    assert help_high[: help_high.index("</p>")].count('href="../cost-estimator/"') == 1
    assert 'href="../serving-open-models/"' in html


def test_built_site_passes_the_air_gap_check(built_site: Path) -> None:
    """Assert that the built site, scanned as the build does, fetches nothing from another origin."""
    assert list(built_site.rglob("*.html"))
    assert air_gap.find_foreign_fetches(built_site) == []


@pytest.mark.parametrize(
    ("name", "text", "foreign"),
    [
        ("page.html", '<script src="https://cdn.example/x.js"></script>', ["https://cdn.example/x.js"]),
        ("page.html", '<link rel="stylesheet" href="//fonts.example/a.css">', ["//fonts.example/a.css"]),
        ("page.html", '<img srcset="a.png 1x, https://img.example/b.png 2x">', ["https://img.example/b.png"]),
        ("page.html", '<source src="http://media.example/v.webm">', ["http://media.example/v.webm"]),
        ("page.html", '<div style="background: url(https://img.example/x.png)"></div>', ["https://img.example/x.png"]),
        ("page.html", "<style>@import 'https://fonts.example/f.css';</style>", ["https://fonts.example/f.css"]),
        ("page.html", '<script>fetch("https://api.example/data")</script>', ["https://api.example/data"]),
        ("style.css", '@font-face { src: url("https://fonts.example/f.woff2") }', ["https://fonts.example/f.woff2"]),
        ("style.css", '@import "//cdn.example/base.css";', ["//cdn.example/base.css"]),
        ("app.js", 'import x from "https://esm.example/x.mjs";', ["https://esm.example/x.mjs"]),
        ("app.mjs", 'await import("https://esm.example/y.mjs")', ["https://esm.example/y.mjs"]),
        ("app.mjs", "fetch('https://api.example/z.json')", ["https://api.example/z.json"]),
        # Allowed: links to read elsewhere, names that fetch nothing, same-origin paths.
        ("page.html", '<a href="https://example.org/paper">paper</a>', []),
        ("page.html", '<link rel="canonical" href="https://guide.example/decide/">', []),
        ("page.html", '<script src="../assets/x.js"></script><img src="data:image/png;base64,AA">', []),
        ("style.css", 'a { background: url("../images/x.svg") } /* url(https://a.example/) */', []),
        ("app.mjs", 'import("./python-worker.mjs"); const home = "https://example.org/";', []),
    ],
)
def test_air_gap_finds_foreign_fetches(tmp_path: Path, name: str, text: str, foreign: list[str]) -> None:
    """Assert that the air-gap scan reports each fetch from another origin and nothing else."""
    (tmp_path / name).write_text(text)
    assert air_gap.find_foreign_fetches(tmp_path) == [(name, url) for url in foreign]


def test_air_gap_fails_the_build(tmp_path: Path) -> None:
    """Assert that the hook stops the build, naming the file and address, when a page fetches from a CDN."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text('<script src="https://cdn.example/lib.js"></script>')
    config = SimpleNamespace(site_dir=str(tmp_path))
    with pytest.raises(PluginError, match=r"sub/index\.html: https://cdn\.example/lib\.js"):
        air_gap.on_post_build(config)


def test_every_cited_source_is_listed(built_site: Path) -> None:
    """Assert that every rule cites a source listed in docs/data/sources.csv, shown on the Sources page."""
    import csv

    with (Path(__file__).resolve().parent.parent / "docs" / "data" / "sources.csv").open() as f:
        rows = list(csv.DictReader(f))
    listed = {row["id"] for row in rows}
    assert len([row for row in rows if row["kind"] == "article"]) == 5
    for rule in calculators.RULES:
        assert set(rule.sources) <= listed, rule.id
    html = (built_site / "sources" / "index.html").read_text()
    for source_id in listed:
        assert f'id="source-{source_id}"' in html


def _manifest(site: Path) -> dict:
    text = (site / "javascripts" / "python-assets.mjs").read_text()
    return json.loads(text.split("export default", 1)[1].rstrip().rstrip(";"))


def test_snapshot_is_shipped_for_this_pyodide_and_calculators(built_site: Path) -> None:
    """Assert that the build ships a packed snapshot, tagged with the Pyodide version and zip hash, that unpacks to Pyodide's format."""
    import gzip
    import hashlib
    import struct

    manifest = _manifest(built_site)
    snapshot = manifest["snapshot"]
    assert snapshot["pyodideVersion"] == PINNED
    zip_bytes = (built_site / "javascripts" / manifest["calculatorsZip"]).resolve().read_bytes()
    assert snapshot["calculatorsHash"] == manifest["calculatorsHash"] == hashlib.sha256(zip_bytes).hexdigest()[:12]
    packed_file = (built_site / "javascripts" / snapshot["url"]).resolve().read_bytes()
    assert packed_file[:2] == b"\x1f\x8b"
    packed = gzip.decompress(packed_file)
    assert len(packed) == sum(length for _, length in snapshot["ranges"])
    raw = bytearray(snapshot["size"])
    at = 0
    for offset, length in snapshot["ranges"]:
        raw[offset : offset + length] = packed[at : at + length]
        at += length
    # Pyodide 314's snapshot header (API.makeSnapshot in pyodide.asm.mjs): a
    # magic number, where the heap starts, the length of a JSON part at byte 48.
    magic, heap_start, json_length = struct.unpack_from("<3I", raw)
    assert magic == 0x706E_7300
    assert "hiwireKeys" in json.loads(raw[48 : 48 + json_length])
    assert snapshot["size"] - heap_start > 10_000_000  # the wasm heap
    assert len(packed) < snapshot["size"] * 0.75  # the zero pages were left out
    assert len(packed_file) < 10_000_000


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 40)), max_size=12), st.sampled_from([1, 4, 16]))
def test_sparse_ranges_keep_every_nonzero_byte_and_drop_zero_pages(runs: list[tuple[int, int]], page: int) -> None:
    """Assert that writing the ranges back into zeros gives the input, and no kept page is all zeros."""
    raw = b"".join(bytes([value]) * count for value, count in runs)
    ranges = pyodide_assets.sparse_ranges(raw, page)
    rebuilt = bytearray(len(raw))
    for offset, length in ranges:
        assert offset % page == 0
        rebuilt[offset : offset + length] = raw[offset : offset + length]
        for start in range(offset, offset + length, page):
            assert any(raw[start : start + page])
    assert bytes(rebuilt) == raw
    # In order, and merged wherever two kept pages touch.
    assert all(a[0] + a[1] < b[0] for a, b in zip(ranges, ranges[1:]))


def test_snapshot_can_be_turned_off(tmp_path: Path) -> None:
    """Assert that PYTHON_SNAPSHOT=0 builds a site with no snapshot and a manifest that says so."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHON_SNAPSHOT": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert _manifest(tmp_path)["snapshot"] is None
    assert list((tmp_path / "assets" / "python").glob("pyodide-snapshot-*")) == []


def test_markers_are_replaced_and_unknown_ones_fail() -> None:
    """Assert that a known marker is rendered, another family is left alone, and an unknown one stops the build."""
    renderers = {"table": lambda: "<table></table>"}
    html = "<p>a</p><!-- data:table --><!-- calculator:decision -->"
    assert replace_markers(html, "data", renderers, "x.md") == "<p>a</p><table></table><!-- calculator:decision -->"
    with pytest.raises(PluginError, match=r"unknown marker 'data:chart' in x\.md; known: table"):
        replace_markers("<!-- data:chart -->", "data", renderers, "x.md")


def test_read_next_links_point_at_built_pages(built_site: Path) -> None:
    """Assert that every "Read next" link of the decision result leads to a page and anchor that exist."""
    from calculators.render import READ_NEXT

    for links in READ_NEXT.values():
        for url, _ in links:
            path, _, anchor = url.removeprefix("../").partition("#")
            html = (built_site / path / "index.html").read_text(encoding="utf-8")
            assert not anchor or f'id="{anchor}"' in html, url


@pytest.mark.parametrize(("page", "calculator"), [("decide", "rft-decide"), ("cost-estimator", "rft-cost")])
def test_calculator_page_introduction_opens_the_inputs_column(built_site: Path, page: str, calculator: str) -> None:
    """Assert that the calculator follows the page's title directly, its introduction moved to the
    top of the inputs column, before the form, and the result section after them."""
    import re

    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'</h1>\s*<div class="{calculator}"><div class="rft-calculator__inputs"><div class="rft-intro"><p>', html)
    intro = html.index('<div class="rft-intro">')
    assert intro < html.index('<form class="rft-form"') < html.index('<section class="rft-result"')
    assert "<!-- rft-intro -->" not in html


@pytest.mark.parametrize("worker", ["python-worker.mjs", "python-snapshot-worker.mjs"])
def test_each_worker_is_one_module_holding_the_manifest(built_site: Path, worker: str) -> None:
    """Assert that each worker in the built site is bundled with its imports (bundle_workers.py): no
    static import is left to fetch, and it holds this build's manifest, written before the bundling."""
    manifest = (built_site / "javascripts" / "python-assets.mjs").read_text(encoding="utf-8")
    calculators_hash = re.search(r'"calculatorsHash": "([0-9a-f]+)"', manifest).group(1)
    text = (built_site / "javascripts" / worker).read_text(encoding="utf-8")
    assert re.findall(r"^\s*import\s[^(]", text, re.MULTILINE) == []
    assert calculators_hash in text
    assert "// javascripts/python-assets.mjs" in text


@pytest.mark.parametrize(("page", "calculator"), [("decide", True), ("cost-estimator", True), ("training-cost", True),
                                                   ("", False), ("faq", False)])
def test_only_calculator_pages_start_python_from_their_head(built_site: Path, page: str, calculator: bool) -> None:
    """Assert that each page holding a calculator form loads python-start.mjs as an async module
    from its head, with modulepreload links for its imports (files the build holds), and that
    other pages get none of it."""
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    start = re.findall(r'<script type="module" async src="([^"]+)"></script>', head)
    preloads = re.findall(r'<link rel="modulepreload" href="([^"]+)">', head)
    assert ('data-calculator="' in html) == calculator
    if not calculator:
        assert start == [] and preloads == []
        return
    assert [Path(src).name for src in start] == ["python-start.mjs"]
    assert sorted(Path(href).name for href in preloads) == ["python-assets.mjs", "python-client.mjs", "python-diagnosis.mjs"]
    for url in [*start, *preloads]:
        assert (built_site / page / url).resolve().is_file(), url
