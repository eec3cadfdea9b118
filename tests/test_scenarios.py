"""Cost scenarios side by side (calculators.scenarios), natively and inside Pyodide."""

from __future__ import annotations

import json
import re
from html import escape

import pytest

from calculators import InputError, compare_scenarios, estimate_cost, render_record, render_scenarios, web
from calculators.scenarios import parse_scenario

from cost_cases import COST_CASES

THREE = [
    "Today:",
    "Self-hosted:ft_serving=self-hosted;queries_per_month=3000000",
    "Monthly retrain:ft_retrain_every_months=1",
]


def test_three_scenarios_give_each_estimate_and_the_inputs_that_differ() -> None:
    """Assert that each scenario's totals are estimate_cost's for its inputs, and that exactly
    the inputs set differently are listed as differing."""
    c = compare_scenarios(THREE)
    assert [s.name for s in c.scenarios] == ["Today", "Self-hosted", "Monthly retrain"]
    assert c.errors == ()
    assert c.differing == ["ft_retrain_every_months", "ft_serving", "queries_per_month"]
    data = c.to_dict()
    for row, s in zip(data["scenarios"], c.scenarios):
        direct = estimate_cost(s.inputs)
        h = direct.horizon_months
        assert row["totals"]["rag"]["horizon"] == {
            **dict(zip(("low", "high"), direct.total("rag", h))),
            **dict(zip(("p10", "p50", "p90"), direct.percentiles("rag", h))),
        }
        assert row["cheaper_at_horizon"] == direct.cheaper_at[-1]["approach"]
        assert row["chance"] == direct.cheaper_at[-1]["chance"]


@pytest.mark.parametrize(("case", "inputs"), [(c, i) for c, i, *_ in COST_CASES[:4]])
def test_a_scenario_equals_its_inputs_on_the_estimator(case: str, inputs: dict) -> None:
    """Assert that a pinned scenario carries the shared cost cases' estimates unchanged."""
    text = f"{case}:" + ";".join(f"{k}={v}" for k, v in inputs.items())
    (s,) = compare_scenarios([text]).scenarios
    assert s.estimate.to_dict() == estimate_cost(inputs).to_dict()


@pytest.mark.parametrize(
    ("items", "scenario", "field"),
    [
        (["Good:", "Bad:queries_per_month=lots"], "Bad", "queries_per_month"),
        (["Good:", "Bad:colour=blue"], "Bad", "colour"),
        (["Good:", "Twice:horizon_months=12;horizon_months=24"], "Twice", "horizon_months"),
        (["Good:", "no colon"], "#2", "scenario"),
        (["Good:", "<b>:"], "#2", "scenario"),
        (["Good:", "Good:horizon_months=12"], "Good", "scenario"),
        (["Good:", "B:", "C:", "D:"], "D", "scenario"),
    ],
)
def test_a_broken_scenario_is_named_with_its_field_and_the_others_kept(items: list, scenario: str, field: str) -> None:
    """Assert that a bad scenario yields one error naming it and the field, and the good ones stay."""
    c = compare_scenarios(items)
    assert [e["scenario"] for e in c.errors] == [scenario]
    assert c.errors[0]["field"] == field and c.errors[0]["message"].startswith(f"Scenario {scenario}: {field}: ")
    assert c.scenarios[0].name == "Good"
    html = render_scenarios(c)
    assert f'data-scenario-error="{escape(scenario)}"' in html
    assert "<b>" not in html


def test_parse_scenario_reads_name_and_inputs() -> None:
    """Assert the address form NAME:KEY=VALUE;KEY=VALUE, with an empty part allowed."""
    assert parse_scenario("A b:x=1;y=2..3") == ("A b", {"x": "1", "y": "2..3"})
    assert parse_scenario("Base:") == ("Base", {})
    with pytest.raises(InputError, match="^scenario: "):
        parse_scenario(":x=1")


def test_page_table_and_record_show_each_scenarios_totals() -> None:
    """Assert that the page's table (web call "scenarios") holds each scenario's totals at 12
    months and at the horizon, the record its totals at the horizon, for every approach, its
    cheaper approach, and the differing inputs."""
    reply = json.loads(web.handle(json.dumps({"call": "scenarios", "args": {"scenarios": THREE}})))
    assert reply["ok"]
    html = reply["html"]
    record = render_record(None, estimate_cost({}), date="2026-11-27", site_url="https://example.org/g/", scenarios=compare_scenarios(THREE))
    for s in compare_scenarios(THREE).scenarios:
        e = s.estimate
        for n in ("prompt-engineering", "rag", "fine-tuning", "hybrid"):
            at_12, at_h = _median(e, n, 12), _median(e, n, e.horizon_months)
            assert at_12 in html and at_h in html and at_h in record
    assert len(re.findall(r"<tr data-input=", html)) == 3 and html.count("<mark>") == 9
    # Tables wider than a phone scroll from the keyboard (axe scrollable-region-focusable).
    wrappers = re.findall(r'<div class="md-typeset__scrollwrap"([^>]*)>', html)
    assert len(wrappers) == 2 and all('tabindex="0" role="region" aria-label="' in w for w in wrappers)
    assert "| Queries (`queries_per_month`) | 10,000..100,000 | 3,000,000 | 10,000..100,000 |" in record
    assert "scenario=Self-hosted%3Aft_serving%3Dself-hosted%3Bqueries_per_month%3D3000000" in record


def test_the_chart_overlays_each_scenarios_cheaper_approach() -> None:
    """Assert that a cost call with pinned scenarios draws one named line per readable scenario
    (its cheaper approach at its horizon, each with its own dashes), with its ranges in the
    chart's table, and that the broken one is left off the chart."""
    items = [*THREE[:2], "Broken:queries_per_month=lots", "Long:horizon_months=60"]
    request = {"call": "cost", "args": {"queries_per_month": "50000"}, "overlay": items}
    reply = json.loads(web.handle(json.dumps(request)))
    html = reply["html"]
    readable = compare_scenarios(items).scenarios
    assert [s.name for s in readable] == ["Today", "Self-hosted"]  # the fourth is over the limit
    groups = re.findall(r'<g role="img" aria-label="([^"]*)" data-overlay="([^"]*)" data-approach="([^"]*)">'
                        r'<polyline [^>]*stroke-dasharray="([^"]*)"', html)
    assert [(g[1], g[2]) for g in groups] == [(s.name, s.estimate.cheaper_at[-1]["approach"]) for s in readable]
    assert len({g[3] for g in groups}) == 2
    table = html[html.index('class="rft-chart-data"'):]
    for (label, name, approach, _), s in zip(groups, readable):
        h = s.estimate.horizon_months
        median = s.estimate.percentiles(approach, h)[1]
        assert label.startswith(f"Scenario {name}: ") and label.endswith(f"{median:,.0f}\u00a0USD after {h} months")
        assert f"Scenario {name}: " in table and _median(s.estimate, approach, h) in table
    assert "Broken" not in html
    plain = json.loads(web.handle(json.dumps({"call": "cost", "args": {"queries_per_month": "50000"}})))
    assert "data-overlay" not in plain["html"] and plain["result"] == reply["result"]


def test_a_longer_scenario_stretches_the_time_axis() -> None:
    """Assert that a scenario with a longer horizon extends the chart's months and its table,
    where the current inputs' columns read as a dash beyond their own horizon."""
    reply = json.loads(web.handle(json.dumps({"call": "cost", "args": {"horizon_months": "24"}, "overlay": ["Long:horizon_months=60"]})))
    html = reply["html"]
    assert re.search(r'text-anchor="middle" fill="currentColor">60</text>', html)
    row = re.search(r'<tr><th scope="row">60</th>(.*?)</tr>', html).group(1)
    assert row.count("<td>—</td>") == 4 and row.count("USD") == 1


def test_a_close_call_scenario_says_so_in_the_table_and_on_the_chart() -> None:
    """Assert that a scenario whose middles lie inside each other's range is called a close call
    wherever its cheaper approach is named, and a clear-cut one is not."""
    close = "Close:ft_serving=self-hosted;queries_per_month=1500000;gpu_usd_per_hour=1"
    clear = "Clear:ft_serving=self-hosted;queries_per_month=3000000;gpu_usd_per_hour=1"
    comparison = compare_scenarios([close, clear])
    assert [s.estimate.close_call for s in comparison.scenarios] == [True, False]
    table = render_scenarios(comparison)
    row = lambda name: re.search(rf'<tr data-scenario="{name}">(.*?)</tr>', table).group(1)  # noqa: E731
    assert row("Close").endswith("RAG (a close call)</td>") and "close call" not in row("Clear")
    assert [r["close_call"] for r in comparison.to_dict()["scenarios"]] == [True, False]
    record = render_record(None, estimate_cost({}), date="2026-11-27", site_url="https://example.org/", scenarios=comparison)
    assert re.search(r"\| Close \|.*\| RAG \(a close call\) \|", record)
    assert re.search(r"\| Clear \|.*\| Fine-tuning \|", record)
    html = json.loads(web.handle(json.dumps({"call": "cost", "args": {}, "overlay": [close, clear]})))["html"]
    labels = dict((n, label) for label, n in re.findall(r'<g role="img" aria-label="([^"]*)" data-overlay="([^"]*)"', html))
    assert ", a close call, but the cheaper after" in labels["Close"]
    assert "close call" not in labels["Clear"]


def test_repeated_overlays_follow_the_scenarios_asked_for() -> None:
    """Assert that the estimates kept for repeat requests never stand in for other scenarios:
    the same list gives the same chart, and a changed scenario changes it."""
    def chart(items: list[str]) -> str:
        html = json.loads(web.handle(json.dumps({"call": "cost", "args": {}, "overlay": items})))["html"]
        return "".join(re.findall(r'<g role="img" aria-label="[^"]*" data-overlay=.*?</g>', html))

    first = chart(["A:queries_per_month=20000"])
    other = chart(["A:queries_per_month=2000000"])
    assert first != other
    assert chart(["A:queries_per_month=20000"]) == first
    assert other == chart(["A:queries_per_month=2000000"])
    reply = json.loads(web.handle(json.dumps({"call": "scenarios", "args": {"scenarios": [{"not": "text"}]}})))
    # A non-text item skips the kept estimates and is named like any broken scenario.
    assert [e["scenario"] for e in reply["result"]["errors"]] == ["#1"]


def _median(estimate, approach: str, month: int) -> str:
    """A total as the table and the record write it: median (10th-90th percentile)."""
    p10, p50, p90 = estimate.percentiles(approach, month)
    if round(p10) == round(p90):
        return f"{p50:,.0f}\u00a0USD"
    return f"{p50:,.0f}\u00a0USD ({p10:,.0f}–{p90:,.0f})"
