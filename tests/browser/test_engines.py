"""The Decide and Cost pages in Chromium, Firefox and WebKit (Safari's engine), behind nginx at /guide/.

Each engine gets the same expected cases as the native tests
(tests/decision_cases.py, tests/cost_cases.py), through shared links, with
Python's answers compared to the CLI's. Each engine also starts from a site
whose snapshot is missing (Python starts the normal way), and from one whose
pyodide.asm.wasm is missing (the start fails, visibly, with its message). The
tests read Python's state from the marks python-client.mjs puts on <html>, the
one channel all three drivers share (engines.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from cost_cases import COST_CASES
from decision_cases import DECISION_CASES
from engines import ENGINES, PythonDidNotStart, Tab, lacks, launch

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


@pytest.fixture(scope="session")
def broken_sites(built_site: Path, tmp_path_factory: pytest.TempPathFactory, nginx_serve) -> dict[str, str]:
    """nginx URLs of the built site with one fault each: no snapshot, no .wasm, no DecompressionStream."""
    faults = {
        "no-snapshot": _remove("assets/python/pyodide-snapshot-*"),
        "no-wasm": _remove("pyodide/*/pyodide.asm.wasm*"),
        "no-decompression-stream": _without_decompression_stream,
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
    """The Decide page's result as the page shows it: source, approach, steps, and the checked answers."""
    return tab.js(
        "({source: document.querySelector('#decision-result [data-result]').dataset.source,"
        " approach: document.querySelector('#decision-result [data-result]').dataset.approach,"
        " steps: [...document.querySelectorAll('#decision-result [data-result] .rft-result__steps li')]"
        "   .map((li) => li.textContent.replace(/\\s+/g, ' ').trim()),"
        " answers: Object.fromEntries([...document.querySelectorAll('form[data-calculator=\"decision\"] input:checked')]"
        "   .map((i) => [i.name, i.value]))})"
    )


def _expected_decision(answers: dict[str, str]) -> dict:
    cli = _cli("decide", answers)
    return {"source": "python", "approach": cli["approach"], "steps": [" ".join(s.split()) for s in cli["steps"]],
            "answers": cli["answers"]}


def _usd_range(low: float, high: float) -> str:
    return f"{low:,.0f}\u00a0USD" if round(low) == round(high) else f"{low:,.0f}–{high:,.0f}\u00a0USD"


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
    for name in ("rag", "fine-tuning", "hybrid"):
        series = data["approaches"][name]["cumulative_usd"]
        totals.append([_usd_range(series["low"][min(12, h)], series["high"][min(12, h)]),
                       _usd_range(series["low"][h], series["high"][h])])
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


@pytest.mark.parametrize(("answers", "approach"), [pytest.param(a, ap, id=case) for case, a, ap in DECISION_CASES])
def test_decide_link_gives_the_cli_result(tab: Tab, nginx_url: str, answers: dict[str, str], approach: str) -> None:
    """Assert that a decision case's shared link, opened in a fresh tab, restores its answers and
    Python's result (from the snapshot) equals the CLI's, and that changing an answer recomputes."""
    tab.goto(nginx_url + "decide/?" + urlencode(answers))
    expected = _expected_decision(answers)
    assert expected["approach"] == approach
    tab.eventually(lambda: _decision(tab), expected)
    assert tab.state()["python"] == "snapshot"
    changed = {**answers, "behaviour": "no" if answers.get("behaviour") == "yes" else "yes"}
    _click(tab, f'input[name="behaviour"][value="{changed["behaviour"]}"]')
    tab.eventually(lambda: _decision(tab), _expected_decision(changed))


def _unique_cost_inputs() -> list:
    unique: list[tuple[str, dict[str, str]]] = []
    for case, inputs, *_ in COST_CASES:
        if all(inputs != seen for _, seen in unique):
            unique.append((case, inputs))
    return [pytest.param(inputs, id=case) for case, inputs in unique]


def test_cost_cases_hold_for_the_cli() -> None:
    """Assert that each 12-month cost case's expected range is what the CLI gives, so the links below
    check the page against the cases."""
    for case, inputs, approach, month, (low, high) in COST_CASES:
        if month == 12:
            row = ("rag", "fine-tuning", "hybrid").index(approach)
            assert _expected_estimate(inputs)["totals"][row][0] == _usd_range(low, high), case


@pytest.mark.parametrize("inputs", _unique_cost_inputs())
def test_cost_link_gives_the_cli_estimate(tab: Tab, nginx_url: str, inputs: dict[str, str]) -> None:
    """Assert that a cost case's shared link, opened in a fresh tab, shows the CLI's totals and
    break-even, computed by Python, and that typing recomputes."""
    tab.goto(nginx_url + "cost-estimator/?" + urlencode(inputs))
    tab.eventually(lambda: _estimate(tab), _expected_estimate(inputs))
    assert tab.state()["python"] == "snapshot"
    _type(tab, "horizon_months", "36")
    tab.eventually(lambda: _estimate(tab), _expected_estimate({**inputs, "horizon_months": "36"}))


@pytest.mark.parametrize(("fault", "problem"), [
    pytest.param("no-snapshot", "404", id="no-snapshot"),
    pytest.param("no-decompression-stream", "DecompressionStream", id="no-decompression-stream"),
])
def test_python_starts_the_normal_way_without_the_snapshot(tab: Tab, broken_sites: dict[str, str], fault: str, problem: str) -> None:
    """Assert that when the snapshot cannot be used the page still gets Python's result, started the
    normal way, and marks why."""
    answers = {"behaviour": "yes"}
    tab.goto(broken_sites[fault] + "decide/?" + urlencode(answers))
    tab.eventually(lambda: _decision(tab), _expected_decision(answers))
    state = tab.state()
    assert state["python"] == "fallback"
    assert problem in state["problem"]


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
