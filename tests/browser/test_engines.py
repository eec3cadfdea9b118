"""The Decide, Cost and Training cost pages in Chromium, Firefox and WebKit (Safari's engine), behind nginx at /guide/.

Each engine gets the same expected cases as the native tests
(tests/decision_cases.py, tests/cost_cases.py, tests/training_cases.py), through shared links, with
Python's answers compared to the CLI's. Each engine also starts from a site
whose snapshot is missing (Python starts the normal way), and from one whose
pyodide.asm.wasm is missing (the start fails, visibly, with its message). The
tests read Python's state from the marks python-client.mjs puts on <html>, the
one channel all three drivers share (engines.py).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import brotli
import pytest

from calculators import COST_APPROACHES
from cost_cases import COST_CASES
from decision_cases import DECISION_BASIS, DECISION_CASES, DECISION_GATE
from engines import ENGINES, PythonDidNotStart, Tab, lacks, launch
import layout_checks
from study_cases import LINK_CASES
from training_cases import TRAINING_CASES
from wasm_data import data_segments

PYTHON_RESULT = "document.querySelector('{section} [data-result][data-source=\"python\"]')"


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="session", params=ENGINES)
def new_tab(request: pytest.FixtureRequest, playwright) -> Iterator[Callable[[], Tab]]:
    """A factory of fresh tabs in one engine; the engine's browser lives for the session."""
    try:
        with launch(request.param, playwright) as factory:
            yield factory
    except FileNotFoundError as error:
        pytest.fail(str(error))


@pytest.fixture
def tab(new_tab: Callable[[], Tab]) -> Iterator[Tab]:
    """A fresh tab; the test fails if the page recorded an uncaught error."""
    tab = new_tab()
    try:
        yield tab
        assert tab.errors() == [], f"{tab.engine}: page errors"
    finally:
        tab.close()


def _variant(built_site: Path, tmp_path_factory: pytest.TempPathFactory, name: str, change: Callable[[Path], None]) -> Path:
    """A copy of the built site (hard links, so cheap) with one deliberate fault."""
    copy = tmp_path_factory.mktemp(name) / "site"
    shutil.copytree(built_site, copy, copy_function=os.link)
    change(copy)
    return copy


def _remove(pattern: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        found = list(site.glob(pattern))
        assert found, f"{pattern} not in the build"
        for path in found:
            path.unlink()
    return change


def _without_decompression_stream(site: Path) -> None:
    # Without the snapshot's brotli copy, nginx sends the .bin.gz, which only
    # DecompressionStream unpacks (the browser decodes the .br copy itself).
    _remove("assets/python/pyodide-snapshot-*.br")(site)
    # Unlink first: the copy's files are hard links to the build's.
    path = site / "javascripts" / "python-snapshot-worker.mjs"
    text = path.read_text()
    path.unlink()
    path.write_text("delete globalThis.DecompressionStream;\n" + text)


def _damaged_delta(site: Path) -> None:
    # One byte of the snapshot delta changed, in both its gzip and brotli copies, each still valid.
    (path,) = site.glob("assets/python/pyodide-snapshot-*.bin.gz")
    packed = bytearray(gzip.decompress(path.read_bytes()))
    packed[len(packed) // 2] ^= 0x01
    for copy, data in ((path, gzip.compress(bytes(packed))), (path.with_name(path.name + ".br"), brotli.compress(bytes(packed), quality=5))):
        copy.unlink()
        copy.write_bytes(data)


def _other_runtime(site: Path) -> None:
    # A pyodide.asm.wasm whose static data differs from the one the delta was made against by one
    # letter of a string constant: a runtime from another build, which still starts the normal way.
    (path,) = site.glob("pyodide/*/pyodide.asm.wasm")
    wasm = bytearray(path.read_bytes())
    text = b"Python Software Foundation"
    segment = next(s for s in data_segments(bytes(wasm)) if text in wasm[s.file_offset : s.file_offset + s.length])
    wasm[wasm.index(text, segment.file_offset)] ^= 0x20
    path.unlink()
    path.write_bytes(bytes(wasm))


@pytest.fixture(scope="session")
def broken_sites(built_site: Path, tmp_path_factory: pytest.TempPathFactory, nginx_serve) -> dict[str, str]:
    """nginx URLs of the built site with one fault each: no snapshot, no .wasm, no DecompressionStream,
    a damaged snapshot delta, a runtime the delta was not made for; and one served without brotli."""
    faults = {
        "no-snapshot": _remove("assets/python/pyodide-snapshot-*"),
        "no-wasm": _remove("pyodide/*/pyodide.asm.wasm*"),
        "no-decompression-stream": _without_decompression_stream,
        "damaged-delta": _damaged_delta,
        "other-runtime": _other_runtime,
        "no-brotli": _remove("**/*.br"),
    }
    return {name: nginx_serve(_variant(built_site, tmp_path_factory, name, change)) for name, change in faults.items()}


# -- helpers -------------------------------------------------------------------------------------


def _cli(command: str, inputs: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "calculators", command, *(f"{k}={v}" for k, v in inputs.items()), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def _decision(tab: Tab) -> dict:
    """The Decide page's result as the page shows it: source, approach, basis, gate, next step,
    steps, and the checked answers."""
    return tab.js(
        "({source: document.querySelector('#decision-result [data-result]').dataset.source,"
        " approach: document.querySelector('#decision-result [data-result]').dataset.approach,"
        " basis: document.querySelector('#decision-result .rft-result__basis')?.dataset.basis ?? null,"
        " then: document.querySelector('#decision-result .rft-result__basis')?.dataset.then ?? null,"
        " gate: document.querySelector('#decision-result .rft-result__gate')?.dataset.gate ?? null,"
        " steps: [...document.querySelectorAll('#decision-result [data-result] .rft-result__steps li')]"
        "   .map((li) => li.textContent.replace(/\\s+/g, ' ').trim()),"
        " answers: Object.fromEntries([...document.querySelectorAll('form[data-calculator=\"decision\"] input:checked')]"
        "   .map((i) => [i.name, i.value]))})"
    )


def _expected_decision(answers: dict[str, str]) -> dict:
    cli = _cli("decide", answers)
    return {"source": "python", "approach": cli["approach"], "basis": cli["basis"], "then": cli["then"],
            "gate": cli["gate"] and cli["gate"]["id"],
            "steps": [" ".join(s.split()) for s in cli["steps"]], "answers": cli["answers"]}


def _median(series: dict, month: int) -> str:
    """A total as the page writes it: median (10th-90th percentile)."""
    p10, p50, p90 = (series[k][month] for k in ("p10", "p50", "p90"))
    if round(p10) == round(p90):
        return f"{p50:,.0f}\u00a0USD"
    return f"{p50:,.0f}\u00a0USD ({p10:,.0f}–{p90:,.0f})"


def _estimate(tab: Tab) -> dict:
    """The Cost page's estimate as shown: source, break-even month and the totals table's first two columns."""
    return tab.js(
        "({source: document.querySelector('#cost-result [data-result]').dataset.source,"
        " breakEven: document.querySelector('#cost-result [data-result]').dataset.breakEven ?? null,"
        " totals: [...document.querySelectorAll('#cost-result .rft-totals tbody tr')]"
        "   .map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent.trim()))})"
    )


def _expected_estimate(inputs: dict[str, str]) -> dict:
    data = _cli("cost", inputs)
    h = data["horizon_months"]
    totals = []
    for name in COST_APPROACHES:  # the totals table's rows, the prompt-only baseline first
        series = data["approaches"][name]["cumulative_usd"]
        totals.append([_median(series, min(12, h)), _median(series, h)])
    month = data["break_even_month"]
    return {"source": "python", "breakEven": "" if month is None else str(month), "totals": totals}


def _click(tab: Tab, selector: str) -> None:
    # A DOM click, the same in all three drivers: Material draws its own radio buttons over the inputs.
    assert tab.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e?.click(); return Boolean(e); }})()")


def _type(tab: Tab, name: str, value: str) -> None:
    assert tab.js(
        f"(() => {{ const e = document.querySelector('input[name={json.dumps(name)}]'); if (!e) return false;"
        f" e.value = {json.dumps(value)}; e.dispatchEvent(new Event('input', {{bubbles: true}})); return true; }})()"
    )


# -- tests ---------------------------------------------------------------------------------------


def test_engine_still_lacks_what_its_fallbacks_cover(tab: Tab, nginx_url: str) -> None:
    """Assert each engine lacks exactly the features listed in LACKS (JSPI in WebKitGTK before 2.54
    only), so each fallback runs somewhere, and that Python reports the JSPI path it took."""
    tab.goto(nginx_url + "decide/")
    tab.wait_for(PYTHON_RESULT.format(section="#decision-result"))
    missing = {name for name, present in tab.js(
        "({jspi: typeof WebAssembly.Suspending === 'function',"
        " requestIdleCallback: 'requestIdleCallback' in window,"
        " DecompressionStream: typeof DecompressionStream === 'function'})"
    ).items() if not present}
    assert missing == lacks(tab.engine)
    assert tab.state() == {"python": "snapshot", "problem": None, "jspi": str("jspi" not in missing).lower()}


@pytest.mark.parametrize(("case", "answers", "approach"), [pytest.param(*c, id=c[0]) for c in DECISION_CASES])
def test_decide_link_gives_the_cli_result(tab: Tab, nginx_url: str, case: str, answers: dict[str, str], approach: str) -> None:
    """Assert that a decision case's shared link, opened in a fresh tab, restores its answers and shows
    the approach, basis, gate and next step the case expects, equal to the CLI's result, computed by
    Python from the snapshot; and that changing an answer recomputes."""
    tab.goto(nginx_url + "decide/?" + urlencode(answers))
    expected = _expected_decision(answers)
    gate, then = DECISION_GATE[case]
    assert (expected["approach"], expected["basis"], expected["gate"], expected["then"]) == (
        approach, DECISION_BASIS[case], gate, then)
    tab.eventually(lambda: _decision(tab), expected)
    assert tab.state()["python"] == "snapshot"
    changed = {**answers, "behaviour": "no" if answers.get("behaviour") == "yes" else "yes"}
    _click(tab, f'input[name="behaviour"][value="{changed["behaviour"]}"]')
    tab.eventually(lambda: _decision(tab), _expected_decision(changed))


@pytest.mark.parametrize(("answers", "study_id", "name"), [pytest.param(a, s, n, id=c) for c, a, s, n in LINK_CASES])
def test_decide_result_links_to_the_studies_for_its_case(tab: Tab, nginx_url: str, answers: dict[str, str], study_id: str, name: str) -> None:
    """Assert that the Decide result Python computes for a study-like setting links to that study under
    "What studies found for cases like yours", and that the link, opened, shows the studies page at
    that study's entry."""
    tab.goto(nginx_url + "decide/?" + urlencode(answers))
    link = f'#decision-result [data-result][data-source="python"] .rft-result__studies a[href="../studies/#{study_id}"]'
    tab.wait_for(f"document.querySelector({json.dumps(link)})")
    href = tab.js(f"document.querySelector({json.dumps(link)}).href")
    assert href == f"{nginx_url}studies/#{study_id}"
    tab.goto(href)
    tab.wait_for(f"document.getElementById('{study_id}')")
    assert name in tab.js(f"document.getElementById('{study_id}').textContent")


def _cost_links() -> list:
    """One link per distinct case inputs, with every hand-worked total it should show:
    (approach, month, expected USD) for months the totals table has."""
    links: dict[str, tuple[dict[str, str], list]] = {}
    for case, inputs, approach, month, expected in COST_CASES:
        key = json.dumps(inputs, sort_keys=True)
        if key not in links:
            links[key] = (inputs, [], case)
        if month in (12, int(inputs.get("horizon_months", 36))):
            links[key][1].append((approach, month, expected))
    return [pytest.param(inputs, checks, id=case) for inputs, checks, case in links.values() if checks]


@pytest.mark.parametrize(("inputs", "checks"), _cost_links())
def test_cost_link_shows_the_hand_worked_totals(tab: Tab, nginx_url: str, inputs: dict[str, str], checks: list) -> None:
    """Assert that a cost case's shared link, opened in a fresh tab, shows the totals worked
    by hand in tests/cost_cases.py, computed by Python from the snapshot, and that typing
    recomputes to what the CLI gives."""
    tab.goto(nginx_url + "cost-estimator/?" + urlencode(inputs))
    h = int(inputs.get("horizon_months", 36))
    rows = COST_APPROACHES  # the totals table's rows

    def shown() -> list:
        estimate = _estimate(tab)
        if estimate["source"] != "python":
            return []
        return [estimate["totals"][rows.index(a)][0 if m == min(12, h) else 1] for a, m, _ in checks]

    tab.eventually(shown, [f"{e:,.0f}\u00a0USD" for *_, e in checks])
    assert tab.state()["python"] == "snapshot"
    _type(tab, "horizon_months", "36")
    tab.eventually(lambda: _estimate(tab), _expected_estimate({**inputs, "horizon_months": "36"}))


def _training(tab: Tab) -> dict:
    """The Training cost page's run as shown: source, USD range, fit, and the headline's text."""
    return tab.js(
        "({source: document.querySelector('#training-result [data-result]').dataset.source,"
        " usd: document.querySelector('#training-result [data-result]').dataset.usd ?? null,"
        " fits: document.querySelector('#training-result tr[data-where=\"gpu\"] td[data-fits]')?.dataset.fits ?? null,"
        " headline: document.querySelector('#training-result .rft-result__headline').textContent})"
    )


def _usd_pair(text: str | None) -> tuple[float, float] | None:
    return None if text is None else tuple(float(x) for x in text.split(".."))


@pytest.mark.parametrize(("inputs", "expected"), [pytest.param(i, e, id=c) for c, i, e in TRAINING_CASES])
def test_training_link_gives_the_worked_case(tab: Tab, nginx_url: str, inputs: dict[str, str], expected: dict) -> None:
    """Assert that a training case's shared link, opened in a fresh tab, shows the hand-worked USD and fit,
    computed by Python after a snapshot start (the page loads its package on demand), with the CLI's
    headline; and that typing recomputes."""
    tab.goto(nginx_url + "training-cost/?" + urlencode(inputs))
    tab.wait_for(PYTHON_RESULT.format(section="#training-result"))
    shown = _training(tab)
    cli = _cli("training", inputs)
    assert _usd_pair(shown["usd"]) == pytest.approx(expected["usd"], rel=1e-6)
    assert shown["fits"] == str(cli["fits"]).lower()  # an API run shows the GPU way too
    if "fits" in expected:
        assert shown["fits"] == str(expected["fits"]).lower()
    assert shown["headline"] == cli["headline"]
    assert tab.state()["python"] == "snapshot"
    _type(tab, "examples", "12345")
    again = _cli("training", {**inputs, "examples": "12345"})
    tab.eventually(lambda: _training(tab)["headline"], again["headline"])


@pytest.mark.parametrize(("fault", "problem", "fix"), [
    pytest.param("no-snapshot", "404", "deploy the whole site folder", id="no-snapshot"),
    pytest.param("no-decompression-stream", "DecompressionStream", "nginx-brotli.conf", id="no-decompression-stream"),
    pytest.param("damaged-delta", "the snapshot delta is damaged (checksum", "clear any proxy cache", id="damaged-delta"),
    pytest.param("other-runtime", "pyodide.asm.wasm is not the one the snapshot delta was made from", "from one archive", id="other-runtime"),
])
def test_python_starts_the_normal_way_without_the_snapshot(
    tab: Tab, broken_sites: dict[str, str], fault: str, problem: str, fix: str
) -> None:
    """Assert that when the snapshot cannot be used (missing, not unpackable, a delta whose checksum
    fails, or one made for another runtime) the page still gets Python's
    result, started the normal way, and marks why with the administrator's fix."""
    answers = {"behaviour": "yes"}
    tab.goto(broken_sites[fault] + "decide/?" + urlencode(answers))
    tab.eventually(lambda: _decision(tab), _expected_decision(answers))
    state = tab.state()
    assert state["python"] == "fallback"
    assert problem in state["problem"]
    assert fix in state["problem"].split("Fix:", 1)[1]


def test_a_site_served_without_brotli_starts_from_the_snapshot(tab: Tab, broken_sites: dict[str, str]) -> None:
    """Assert that with no .br copy on the server (nginx sends the .bin.gz as it is) the page gunzips
    the snapshot delta itself, checks it and the runtime's data against the build's checksums,
    rebuilds the snapshot and computes in Python from it."""
    answers = {"own_knowledge": "yes"}
    tab.goto(broken_sites["no-brotli"] + "decide/?" + urlencode(answers))
    tab.eventually(lambda: _decision(tab), _expected_decision(answers))
    assert tab.state()["python"] == "snapshot"


@pytest.mark.parametrize(("path", "section"), [("decide/", "#decision-result"), ("cost-estimator/", "#cost-result")])
def test_broken_start_fails_visibly_with_its_message(new_tab: Callable[[], Tab], broken_sites: dict[str, str], path: str, section: str) -> None:
    """Assert that with pyodide.asm.wasm missing the page marks Python failed with the administrator's
    message, shows it, keeps the build-time result, and that waiting for Python's result (what every
    other test here does) fails with that message."""
    tab = new_tab()
    try:
        tab.goto(broken_sites["no-wasm"] + path)
        with pytest.raises(PythonDidNotStart) as failure:
            tab.wait_for(PYTHON_RESULT.format(section=section))
        assert "pyodide.asm.wasm is missing (404)" in str(failure.value)
        state = tab.state()
        assert state["python"] == "failed"
        assert "pyodide.asm.wasm is missing (404)" in state["problem"]
        shown = tab.js(f"document.querySelector('{section} [data-python-status]').textContent")
        assert "pyodide.asm.wasm is missing (404)" in shown and "Fix:" in shown
        assert tab.js(f"document.querySelector('{section} [data-result]').dataset.source") == "build"
    finally:
        tab.close()


#: Make the page's first ``stalls`` Python workers go silent after their first status message,
#: the way Firefox ESR 153's stalled starts looked from the page (python-client.mjs, STALL_MS);
#: shorten the page's wait for news to STALL_MS_IN_TESTS; and keep every text the status lines show.
STALLED_STARTS = """
window.__pythonStallMs = %(stall_ms)d;
window.__statusLines = [];
new MutationObserver(() => {
  for (const line of document.querySelectorAll("[data-python-status]")) {
    if (window.__statusLines.at(-1) !== line.textContent) window.__statusLines.push(line.textContent);
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
(() => {
  const RealWorker = window.Worker;
  const onmessage = Object.getOwnPropertyDescriptor(RealWorker.prototype, "onmessage");
  let silenced = 0;
  window.Worker = class extends RealWorker {
    constructor(url, options) {
      super(url, options);
      if (!String(url).includes("python-worker") || silenced >= %(stalls)d) return;
      silenced += 1;
      let heard = false;
      Object.defineProperty(this, "onmessage", {
        get: () => onmessage.get.call(this),
        set: (handler) => onmessage.set.call(this, (event) => {
          if (!heard) handler.call(this, event);
          heard = true;
        }),
      });
    }
  };
})();
"""
#: Long enough that a healthy start on a busy machine always sends news in time (its longest
#: silence measured at 1.6 s), short enough to keep the tests quick; the second start gets twice.
STALL_MS_IN_TESTS = 5_000


def _stall_starts(tab: Tab, stalls: int) -> None:
    try:
        tab.before_each_page(STALLED_STARTS % {"stall_ms": STALL_MS_IN_TESTS, "stalls": stalls})
    except NotImplementedError as error:
        pytest.skip(str(error))


def test_stalled_start_is_restarted_once(tab: Tab, nginx_url: str) -> None:
    """Assert that when Python's first start goes silent, the page stops it, says so in the status
    line, starts Python again, and shows Python's result, computed by the second start."""
    _stall_starts(tab, stalls=1)
    answers = {"own_knowledge": "yes"}
    tab.goto(nginx_url + "decide/?" + urlencode(answers))
    tab.eventually(lambda: _decision(tab), _expected_decision(answers))
    assert tab.state()["python"] == "snapshot"
    assert tab.js("document.documentElement.dataset.pythonStalls") == "1"
    lines = tab.js("window.__statusLines")
    assert any("second try: the first start made no progress for 5 s" in line for line in lines), lines


def test_start_that_stalls_twice_fails_visibly(tab: Tab, nginx_url: str) -> None:
    """Assert that when the second start goes silent too, the page marks Python failed, says why in
    the status line and keeps the build-time result."""
    _stall_starts(tab, stalls=2)
    tab.goto(nginx_url + "decide/")
    with pytest.raises(PythonDidNotStart) as failure:
        tab.wait_for(PYTHON_RESULT.format(section="#decision-result"))
    assert "made no progress, twice" in str(failure.value)
    assert tab.js("document.documentElement.dataset.pythonStalls") == "2"
    shown = tab.js("document.querySelector('#decision-result [data-python-status]').textContent")
    assert "Python could not start in this browser" in shown and "Fix: reload the page" in shown
    assert tab.js("document.querySelector('#decision-result [data-result]').dataset.source") == "build"


@pytest.mark.parametrize("size", [pytest.param(size, id=name) for name, size in layout_checks.SIZES.items() if name != "1440x900"])
def test_result_stays_in_view_and_nothing_scrolls_inside_the_page(tab: Tab, nginx_url: str, size: tuple[int, int]) -> None:
    """Assert, on a laptop screen and a phone's, that after a change far down each calculator's
    form the new answer is in view (beside the form, or in the summary bar), and that no box in
    or around the calculators scrolls inside the page (layout_checks.py; Chromium's own test,
    test_result_layout.py, holds the reasons)."""
    tab.resize(*size)
    start, key, answer = layout_checks.far_decision_change()
    pages = (
        ("decide/?" + urlencode(start), "#decision-result", 'form[data-calculator="decision"]',
         f'input[name="{key}"]', lambda: _click(tab, f'input[name="{key}"][value="{answer}"]')),
        ("cost-estimator/", "#cost-result", 'form[data-calculator="cost"]',
         'input[name="horizon_months"]', lambda: _type(tab, "horizon_months", "24")),
    )
    for path, section, form, field, change in pages:
        tab.goto(nginx_url + path)
        tab.wait_for(PYTHON_RESULT.format(section=section))
        where = f"{tab.engine} {tab.js('innerWidth')}x{tab.js('innerHeight')} {path}"
        assert tab.js(layout_checks.screens_down(field)) > 1.5, f"{where}: {field} is near the top"
        tab.js(f"document.querySelector({json.dumps(field)}).scrollIntoView({{block: 'center'}})")
        shown = tab.js(f"document.querySelector('{section} [data-result]').textContent")
        change()
        tab.wait_for(f"document.querySelector('{section} [data-result]').textContent !== {json.dumps(shown)}")
        if tab.js("innerWidth") > layout_checks.NARROW_MAX_PX:
            layout_checks.assert_answer_in_view(tab.js(layout_checks.answer_in_view(section)), where)
        else:
            layout_checks.assert_summary_in_view(tab.js(layout_checks.summary_in_view(form)), where)
            target = tab.js(layout_checks.follow_summary_link(form))
            tab.wait_for(layout_checks.landed(target), 5)
        if section == "#cost-result":
            chart = tab.js(layout_checks.CHART_REACHED)
            assert chart is not None and chart["moved"] == [], f"{where}: {chart}"
            assert 0 <= chart["top"] and chart["bottom"] <= chart["height"], f"{where}: {chart}"
        assert tab.js(layout_checks.SCROLL_BOXES) == [], where
