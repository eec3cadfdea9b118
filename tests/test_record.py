"""The decision record (calculators.record): natively and inside Pyodide.

The page asks calculators.web for the record; the command line calls
calculators.cli. Both must give the same bytes for the same inputs, date and
site address: checked here in-process (so it runs under Pyodide too) and, as
a real subprocess, in test_cli_record.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from calculators import (
    PRESETS,
    QUESTIONS,
    RULES,
    InputError,
    cli,
    compare_scenarios,
    estimate_cost,
    estimate_with_answers,
    recommend,
    render_record,
    web,
)
from calculators.cost.summary import IN_TEXT

from cost_cases import COST_CASES
from decision_cases import DECISION_CASES

DATE = "2026-11-27"
SITE = "https://example.org/guide/"

QUESTION_KEYS = {q.key for q in QUESTIONS}

#: Inputs with several flip thresholds: a narrow task whose traffic and retraining cadence are unknown.
FLIPPING = {**PRESETS["narrow-high-volume"].inputs, "queries_per_month": "300000..30000000",
            "ft_retrain_every_months": "1..12"}

NAMES = {"prompt-engineering": "Prompt only", "rag": "RAG", "fine-tuning": "Fine-tuning", "hybrid": "Hybrid"}


def _median(est, approach: str, month: int) -> str:
    """A total as the record writes it: median (10th-90th percentile), USD."""
    p10, p50, p90 = est.percentiles(approach, month)
    if round(p10) == round(p90):
        return f"{p50:,.0f}\u00a0USD"
    return f"{p50:,.0f}\u00a0USD ({p10:,.0f}–{p90:,.0f})"


def _span(low: float, high: float) -> str:
    return f"{low:,.0f}\u00a0USD" if round(low) == round(high) else f"{low:,.0f}–{high:,.0f}\u00a0USD"


def _page(answers: dict | None, inputs: dict | None, date: str = DATE) -> str:
    reply = json.loads(web.handle(json.dumps({
        "call": "record",
        "args": {"answers": answers, "inputs": inputs, "date": date, "site_url": SITE},
    })))
    assert reply["ok"], reply
    return reply["markdown"]


def _cli(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main([*args, "--date", DATE, "--site-url", SITE]) == 0
    return out.getvalue()


def _pairs(values: dict[str, str]) -> list[str]:
    return [f"{k}={v}" for k, v in values.items()]


def _links(text: str) -> dict[str, str]:
    return dict(re.findall(r"\[([^\]]+)\]\((https?://[^)]+)\)", text))


#: How each answer reads in the record's table, written out: most questions'
#: answers, then the two questions that word theirs.
WORDS = {"yes": "yes", "no": "no", "unsure": "not sure", "format": "only a strict format"}
PROMPTING_WORDS = {**WORDS, "yes": "yes, not good enough", "costly": "yes, good enough but too costly"}


@pytest.mark.parametrize(("answers", "approach"), [pytest.param(a, ap, id=c) for c, a, ap in DECISION_CASES])
def test_decision_record_holds_every_answer_reason_step_and_caveat(answers: dict, approach: str) -> None:
    """Assert that the record names the approach and holds each question with its answer in words
    and as the address carries it, each reason with its cheat-sheet link and its sources by name
    (linked to the Sources page, never by bare id), each step in order and each caveat."""
    rec = recommend(answers)
    text = render_record(rec, date=DATE, site_url=SITE)
    assert rec.approach == approach
    assert text.startswith(f"# Decision record: {rec.title}\n")
    assert f"- Date: {DATE}\n- Status: proposed\n" in text
    for q in QUESTIONS:
        value = answers.get(q.key, "unsure")
        words = (PROMPTING_WORDS if q.key == "prompting_tried" else WORDS)[value]
        assert f"| {q.text} | {words} | `{q.key}={value}` |" in text
    for reason in rec.reasons:
        line = next(line for line in text.splitlines() if f"**{reason.condition}**" in line)
        assert f"({SITE}cheat-sheet/#{reason.kind}-{reason.rule})" in line
        for source in reason.sources:
            assert f"]({SITE}sources/#source-{source})" in line
        assert "Sources: " not in line or "Sources: [" in line
    steps = [line for line in text.splitlines() if re.match(r"\d+\. ", line)]
    assert [s.split(". ", 1)[1] for s in steps] == list(rec.steps)
    for caveat in rec.caveats:
        assert f"- {caveat}" in text
    if rec.gate is not None:
        assert f"\n{rec.gate.label}: " in text
    assert "## Consequences" in text and "No cost estimate is part of this record" in text


def test_decision_record_reads_in_words() -> None:
    """Assert the decision part of one record line by line, as written out by hand: the headline,
    the gate sentence, each approach's share of the needs, and a reason with its sources by name."""
    text = render_record(recommend({"own_knowledge": "yes", "large_corpus": "no"}), date=DATE, site_url=SITE)
    assert "**Prompt engineering first.** Start with prompt engineering; RAG is the next step if measured results fall short." in text
    assert "\nPrompt first: prompting has not been tried yet or has not fallen short, and every need you named can be met in a prompt, so measure a prompt before building anything.\n" in text
    assert "\n- Fine-tuning: 0%; leaves out: Answers must come from your own data\n" in text
    assert "\n- RAG: 100%. Not chosen: The next step if a measured prompt falls short; a prompt can meet these needs first.\n" in text
    assert (
        "- **Answers must come from your own data** (Your own data: yes): Retrieval hands the model your "
        "documents at query time, so it can use them without any retraining. Rule: "
        f"[own-knowledge]({SITE}cheat-sheet/#rule-own-knowledge). Sources: [Haink]({SITE}sources/#source-haink), "
        f"[Hamd]({SITE}sources/#source-hamd)."
    ) in text


@pytest.mark.parametrize("inputs", [pytest.param(i, id=c) for c, i, *_ in COST_CASES] + [pytest.param(FLIPPING, id="flipping")])
def test_cost_record_holds_totals_lines_and_flips(inputs: dict) -> None:
    """Assert that the record has the totals at 12 months and at the horizon, every line of
    every bill, the page's headline with its chances, and each flip threshold."""
    est = estimate_cost(inputs)
    text = render_record(None, est, date=DATE, site_url=SITE)
    h = est.horizon_months
    assert text.startswith("# Cost record:")
    for name in est.approaches:
        assert f"| {NAMES[name]} | {_median(est, name, min(12, h))} | {_median(est, name, h)} |" in text
        for line in est.approaches[name].lines:
            assert (
                f"| {line['label']} | {line['kind']} | {line['mean']:,.0f}\u00a0USD "
                f"| {_span(line['low'], line['high'])} |"
            ) in text
    # One line gives the headline: the approach cheapest in most draws and in how many.
    verdicts = [ln for ln in text.splitlines()
                if ln.startswith("- ") and not ln.startswith("- Warning: ") and " of 500 draws" in ln]
    assert len(verdicts) == 1, verdicts
    for c in est.cheaper_at:
        assert re.search(rf"\b[Aa]t {c['month']} months|at {c['month']}\b", verdicts[0])
        if c["approach"] and not c["close_call"]:
            count = round(c["chance"] * 500)
            said = rf"{IN_TEXT[c['approach']]} is (?:cheaper than .*?|the cheapest) in {count} of 500 draws at {c['month']}"
            assert re.search(rf"{said}|in {count} of 500 at {c['month']}", verdicts[0], re.I), verdicts[0]
    flips = [r for r in est.sensitivity if r["flips"]]
    for row in flips:
        assert f"(`{row['key']}`," in text
    assert len(re.findall(r"^- .*\(`\w+`, .*\): from [\d.,]+ up, ", text, re.M)) == len(flips)


def test_the_flipping_case_flips_on_several_inputs() -> None:
    """Assert that the flipping case used above does flip, so its checks are not empty."""
    assert sum(r["flips"] for r in estimate_cost(FLIPPING).sensitivity) >= 2


@pytest.mark.parametrize(
    ("answers", "inputs"),
    [({"citations": "yes", "behaviour": "no"}, None), (None, FLIPPING),
     ({"own_knowledge": "yes"}, {"ft_serving": "self-hosted", "queries_per_month": "5000..70000"}),
     # An input set back to its plain default, which the answers would have changed: the link
     # must carry it, or reopening would fill in what the answers say.
     ({"changes_often": "yes", "own_network": "yes"},
      {"corpus_churn_per_month": "0.05..0.2", "ft_serving": "api", "ft_retrain_every_months": "2"})],
)
def test_links_reopen_the_same_answers_and_inputs(answers: dict | None, inputs: dict | None) -> None:
    """Assert that the record's links, read back as the pages read them (each its own keys,
    carrying the other page's), give the same result; with both parts, each link holds both."""
    links = _links(_page(answers, inputs))
    pages = {"Reopen these answers on the Decide page": "/guide/decide/", "Reopen these inputs on the Cost estimator": "/guide/cost-estimator/"}
    opened = [label for label in pages if label in links]
    assert len(opened) == (answers is not None) + (inputs is not None)
    for label in opened:
        url = urlsplit(links[label])
        assert url.path == pages[label]
        query = parse_qsl(url.query)
        asked = {k: v for k, v in query if k in QUESTION_KEYS}
        given = {k: v for k, v in query if k not in QUESTION_KEYS}
        assert len(asked) + len(given) == len(query)
        if answers is not None:
            assert recommend(asked).to_dict() == recommend(answers).to_dict()
        else:
            assert asked == {}
        if inputs is not None:
            # Read back as the Cost estimator reads it: the answers fill in what the link leaves alone.
            assert estimate_with_answers(given, asked).to_dict() == estimate_with_answers(inputs, answers).to_dict()
        else:
            assert given == {}


def test_both_links_carry_the_pinned_scenarios() -> None:
    """Assert that with answers, inputs and scenarios, both links reopen all three."""
    scenarios = compare_scenarios(["Today:", "Busy:queries_per_month=1000000"])
    text = render_record(recommend({"citations": "yes"}), estimate_cost({"horizon_months": "24"}), date=DATE, site_url=SITE, scenarios=scenarios)
    links = _links(text)
    for label in ("Reopen these answers on the Decide page", "Reopen these inputs on the Cost estimator"):
        query = parse_qsl(urlsplit(links[label]).query)
        assert ("citations", "yes") in query and ("horizon_months", "24") in query
        assert [v for k, v in query if k == "scenario"] == ["Today:", "Busy:queries_per_month=1000000"]


@pytest.mark.parametrize(
    ("command", "answers", "inputs"),
    [
        ("decide", {"own_knowledge": "yes", "changes_often": "yes", "behaviour": "yes"}, None),
        ("decide", {}, None),
        ("cost", None, FLIPPING),
        ("cost", None, {}),
        ("record", {"narrow_task": "yes", "high_volume": "yes"}, PRESETS["narrow-high-volume"].inputs),
    ],
)
def test_page_and_command_line_give_the_same_bytes(command: str, answers: dict | None, inputs: dict | None) -> None:
    """Assert that calculators.web (the page) and calculators.cli give byte-identical Markdown."""
    pairs = _pairs(answers or {}) + _pairs(inputs or {})
    args = [command, *pairs] + ([] if command == "record" else ["--format", "markdown"])
    if command == "record":
        answers, inputs = answers or {}, inputs or {}
    assert _cli(*args) == _page(answers, inputs)


def test_the_date_is_passed_in_and_nothing_else_varies() -> None:
    """Assert that another date changes only the date line: nothing in the record reads a clock."""
    one, later = _page({"citations": "yes"}, {}), _page({"citations": "yes"}, {}, "2027-02-28")
    diff = [(a, b) for a, b in zip(one.splitlines(), later.splitlines()) if a != b]
    assert diff == [(f"- Date: {DATE}", "- Date: 2027-02-28")]


def test_record_has_no_html() -> None:
    """Assert that no line of any record carries an HTML tag or entity, and that
    characters Markdown would read as markup in our texts come out escaped."""
    for _, answers, _ in DECISION_CASES:
        text = _page(answers, FLIPPING)
        assert not re.search(r"<[a-zA-Z/!]|&[a-z]+;|&#", text)
    assert render_record(recommend({}), date=DATE, site_url=SITE).count("\n## ") >= 6


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"date": "27/11/2026"}, "date"),
        ({"date": "2026-02-30"}, "date"),
        ({"date": None}, "date"),
        ({"site_url": "example.org"}, "site_url"),
        ({"site_url": "https://x.org/a)b"}, "site_url"),
        ({"answers": {"citations": "maybe"}}, "citations"),
        ({"inputs": {"queries_per_month": "-5"}}, "queries_per_month"),
        ({"answers": None, "inputs": None}, "record"),
    ],
)
def test_bad_input_names_the_field(args: dict, field: str) -> None:
    """Assert that the page gets ok: false with the field at fault, not a traceback."""
    request = {"answers": {}, "inputs": None, "date": DATE, "site_url": SITE, **args}
    reply = json.loads(web.handle(json.dumps({"call": "record", "args": request})))
    assert reply["ok"] is False and reply["error"]["field"] == field
    assert reply["error"]["message"].startswith(f"{field}: ")


def test_bad_date_raises_input_error() -> None:
    """Assert that render_record refuses a date that is no day, naming the field."""
    with pytest.raises(InputError, match="^date: "):
        render_record(recommend({}), date="2026-13-01", site_url=SITE)


def test_markdown_renders_as_headings_lists_tables_and_links() -> None:
    """Assert that Python-Markdown (MkDocs' renderer) reads the record as intended."""
    markdown = pytest.importorskip("markdown")
    html = markdown.markdown(_page({"behaviour": "yes", "prompting_tried": "yes"}, FLIPPING), extensions=["tables"])
    assert html.count("<h2>") >= 7 and html.count("<table>") == 7  # answers, inputs, totals, four bills
    assert '<a href="https://example.org/guide/decide/?behaviour=yes&amp;' in html  # the inputs follow
    assert "<strong>Fine-tuning.</strong>" in html


def test_markdown_renders_the_same_in_a_plain_commonmark_viewer() -> None:
    """Assert that markdown-it (the renderer of VS Code's preview; CommonMark with
    GitHub's tables) reads the record as Python-Markdown does: the same headings,
    tables, links and bold decision, and no raw HTML passed through."""
    markdown_it = pytest.importorskip("markdown_it")
    text = _page({"behaviour": "yes", "prompting_tried": "yes"}, FLIPPING)
    html = markdown_it.MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    assert html.count("<h2>") >= 7 and html.count("<table>") == 7
    assert '<a href="https://example.org/guide/decide/?behaviour=yes&amp;' in html
    assert "<strong>Fine-tuning.</strong>" in html
    assert "&lt;" not in html  # nothing in the record was HTML that a viewer would escape


@pytest.mark.parametrize("preset", ["insurer-policies", "review-classifier", "hospital-own-network"])
def test_the_page_and_the_record_command_give_the_same_record_for_the_same_link(preset: str) -> None:
    """Assert that a Cost estimator link with a reader's inputs and Decide answers gives the same
    record from the page's bridge (the form filled by the one function, then its record) and from
    `record` with the link's pairs: the answers change the same inputs on both sides."""
    p = PRESETS[preset]
    link_inputs, answers = p.inputs, p.answers
    # The page fills its form with what the link means, then asks for the record with the form's values.
    filled = json.loads(web.handle(json.dumps({
        "call": "cost-inputs-with-answers", "args": {"inputs": link_inputs, "answers": answers},
    })))["result"]
    page = _page(answers, filled)
    command = _cli("record", *_pairs(answers), *_pairs(link_inputs))
    assert page == command
    assert "Meets the needs" in page and "cannot cite its sources" in page or preset == "review-classifier"


def test_a_cost_record_with_answers_says_which_approaches_it_compared() -> None:
    """Assert the decision line of a record whose answers leave fine-tuning alone out."""
    text = _page({"citations": "yes", "own_knowledge": "yes"}, {})
    line = next(ln for ln in text.splitlines() if ln.startswith("On cost alone"))
    assert line.startswith("On cost alone, of the approaches that meet the needs named (RAG and the hybrid), RAG")
    assert "| Fine-tuning |" in text and "No: does not read your documents" in text
