"""Render the calculators' forms, build-time results and rule tables into pages.

A page opts in with a marker comment, for example ``<!-- calculator:decision -->``.
The HTML comes from the ``calculators`` package itself: the form from
``QUESTIONS``, the result from ``recommend`` and ``render_decision`` (the same
functions the browser runs through Pyodide), the cheat-sheet table from
``RULES``. A marker this hook does not know fails the build.
"""

from __future__ import annotations

import json
from html import escape

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import calculators
from _site_data import SOURCES, replace_markers
from calculators.decision import APPROACH_NAMES


def on_page_content(html: str, page: Page, **_: object) -> str | None:
    """Replace each ``<!-- calculator:NAME -->`` marker with its HTML; on the Decide and
    Cost pages the introduction then moves into the calculator's inputs column."""
    if "<!-- calculator:" not in html:
        return None
    return _intro_beside_result(replace_markers(html, "calculator", RENDERERS, page.file.src_path))


# Helpers


def _decision_form() -> str:
    """The decision form, with the build-time result for the default answers."""
    default = calculators.recommend({})
    groups = []
    for group, heading in GROUPS.items():
        questions = "".join(
            _question(q, default.answers[q.key]) for q in calculators.QUESTIONS if q.group == group
        )
        groups.append(
            f'<fieldset class="rft-group"><legend class="rft-group__title">{escape(heading)}'
            f"</legend>{questions}</fieldset>"
        )
    return (
        '<div class="rft-decide">'
        + _INPUTS_OPEN
        + '<form class="rft-form" data-calculator="decision" novalidate '
        f"aria-label=\"Decision questions\" data-carry='{escape(json.dumps(_cost_keys()))}'>"
        + "".join(groups)
        + '<div class="rft-form__bar">'
        '<button type="button" class="md-button md-button--primary" data-action="copy-link">'
        "Copy link to this result</button>"
        '<button type="reset" class="md-button">Reset answers</button></div>'
        '<p class="rft-summary" data-summary aria-hidden="true">Current recommendation: '
        f'<strong data-summary-title>{escape(default.title)}</strong>'
        '<span data-summary-gate hidden> · gate: <strong data-summary-gate-label></strong></span>'
        ' · <a href="#decision-result" tabindex="-1">see why</a></p>'
        "</form></div>"
        '<section class="rft-result" id="decision-result" aria-labelledby="decision-result-title">'
        + _result_head("decision-result-title", "Your result", "Computed when this site was built, "
                       "for the default answers. Python starts in your browser when scripts are enabled.",
                       "this recommendation")
        + f'<div class="rft-result__body" data-result data-source="build" '
        f'data-approach="{default.approach}">'
        f"{calculators.render_decision(default)}</div>"
        + _carry("../cost-estimator/", "Estimate the costs with these answers",
                 "The Cost estimator opens with these answers applied to its inputs; inputs "
                 "carried here from it keep their values, and one record holds both.")
        + "</section></div>"
    )


def _cost_form() -> str:
    """The cost estimator: inputs grouped by approach with sourced defaults, presets,
    and the build-time estimate for the defaults."""
    estimate = calculators.estimate_cost()
    groups = []
    for group, heading in COST_GROUPS.items():
        fields = "".join(_cost_field(i) for i in calculators.COST_INPUTS if i.group == group)
        groups.append(
            f'<fieldset class="rft-group"><legend class="rft-group__title">{escape(heading)}'
            f"</legend>{fields}</fieldset>"
        )
    presets = "".join(
        f'<button type="button" class="md-button" data-preset="{p.name}" '
        f'aria-describedby="cost-preset-note">{escape(p.label)}</button>'
        for p in calculators.PRESETS.values()
    )
    # A preset fills in its own inputs and what its Decide answers change of the rest,
    # and carries its answers into the address (cost-form.mjs).
    preset_data = {
        p.name: {"inputs": p.estimate_inputs(), "team": p.team, "answers": p.answers}
        for p in calculators.PRESETS.values()
    }
    return (
        '<div class="rft-cost">'
        + _INPUTS_OPEN
        + '<form class="rft-form" data-calculator="cost" novalidate aria-label="Cost inputs" '
        f"data-presets='{escape(json.dumps(preset_data))}' "
        f"data-replaced='{escape(json.dumps(calculators.REPLACED_INPUTS))}' "
        f"data-questions='{escape(json.dumps(_question_answers()))}'>"
        '<p class="rft-note" data-replaced-note role="status" hidden></p>'
        f'<div class="rft-form__bar" role="group" aria-label="Presets">{presets}'
        '<button type="button" class="md-button" data-action="from-decision">'
        "Use my decision answers</button></div>"
        '<p class="rft-note" id="cost-preset-note" data-preset-note>Presets are starting points '
        "for a kind of team; their traffic figures are illustrations, not measurements.</p>"
        '<p class="rft-field-error" data-error-for="from-decision" hidden></p>'
        + _decision_mappings()
        + "".join(groups)
        + '<div class="rft-form__bar">'
        '<button type="button" class="md-button md-button--primary" data-action="copy-link">'
        "Copy link to this estimate</button>"
        '<button type="reset" class="md-button">Reset to the sourced defaults</button></div>'
        # Filled from the result's headline by cost-form.mjs, so hidden until it runs.
        '<p class="rft-summary" data-summary aria-hidden="true" hidden>'
        '<strong data-summary-title></strong> · '
        '<a href="#cost-result-answer" tabindex="-1">see the chart</a></p>'
        "</form></div>"
        '<section class="rft-result" id="cost-result" aria-labelledby="cost-result-title">'
        + _result_head("cost-result-title", "Estimate", "Computed when this site was built, for the "
                       "default inputs. Python starts in your browser when scripts are enabled.",
                       "this estimate")
        + '<div class="rft-result__body" data-result data-source="build" '
        f'data-break-even="{"" if estimate.break_even_month is None else estimate.break_even_month}">'
        f"{calculators.render_cost(estimate)}</div>"
        + _carry("../decide/", "Back to the Decide page with these inputs",
                 "The Decide page keeps these inputs and scenarios in its address, so its "
                 "record holds them too.")
        + "</section></div>"
        + _scenarios_block()
    )


def _scenarios_block() -> str:
    """Scenarios side by side (docs/javascripts/cost-scenarios.mjs); hidden until the
    script mounts it, since Python compares them."""
    return (
        '<section class="rft-scenarios-block" id="cost-scenarios" data-scenarios '
        'aria-labelledby="cost-scenarios-title" hidden>'
        '<h2 id="cost-scenarios-title">Scenarios side by side</h2>'
        f"<p>Pin the current inputs under a name and compare up to "
        f"{calculators.MAX_SCENARIOS} scenarios. They stay in the page's address, so the link "
        "reproduces the comparison.</p>"
        '<div class="rft-form__bar"><label for="scenario-name">Name</label>'
        '<input id="scenario-name" name="scenario-name" type="text" maxlength="40" '
        'autocomplete="off" placeholder="e.g. Self-hosted">'
        '<button type="button" class="md-button md-button--primary" data-action="pin-scenario">'
        "Pin these inputs</button></div>"
        '<p class="rft-note" data-scenario-status role="status" aria-live="polite" hidden></p>'
        '<ul class="rft-pinned" data-pinned></ul>'
        '<p class="rft-overlay-toggle" hidden><label><input type="checkbox" name="overlay-scenarios" '
        'data-overlay-toggle checked> Draw the pinned scenarios on the estimate\'s chart</label></p>'
        "<div data-scenarios-result></div></section>"
    )


def _result_head(title_id: str, title: str, status: str, what: str) -> str:
    """The top of a result section: its heading, Python's status line, the live region
    that announces a new result, the printed date and link, and the record buttons."""
    return (
        '<div class="rft-result__head">'
        f'<h2 id="{title_id}">{escape(title)}</h2>'
        f'<p class="rft-status" data-python-status>{escape(status)}</p>'
        '<p class="rft-visually-hidden" data-announce aria-live="polite" role="status"></p>'
        + _print_meta()
        + _record_bar(what)
        + "</div>"
    )


def _intro_beside_result(html: str) -> str:
    """Move the page's introduction (what stands between its title and the calculator) to
    the top of the inputs column: on a wide screen the result then starts just below the
    title, beside the introduction, and is seen without scrolling. On a phone the order
    stays (introduction, inputs, result); on paper print.css leaves the introduction out."""
    slot = html.find(_INTRO_SLOT)
    if slot < 0:
        return html
    calculator = max(html.rfind(f'<div class="{name}">', 0, slot) for name in ("rft-decide", "rft-cost"))
    start = html.rfind("</h1>", 0, calculator)
    if start < 0:
        raise PluginError("calculator_widgets: the Decide and Cost calculators need the page's title before them")
    start += len("</h1>")
    intro = html[start:calculator].strip()
    return html[:start] + html[calculator:slot] + intro + html[slot + len(_INTRO_SLOT):]


def _carry(href: str, text: str, help_text: str) -> str:
    """The link to the other calculator that carries this page's address along
    (decision-form.mjs and cost-form.mjs keep its query current), and the note
    that says what the address carried here from the other page."""
    return (
        '<div class="rft-carry">'
        f'<p><a href="{href}" data-carry-link>{escape(text)}</a>. {escape(help_text)}</p>'
        '<p class="rft-note" data-carry-note role="status" hidden></p></div>'
    )


def _cost_keys() -> dict[str, list[str]]:
    """The Cost estimator's address keys, which the Decide page carries along."""
    return {
        "inputs": [i.key for i in calculators.COST_INPUTS],
        "replaced": list(calculators.REPLACED_INPUTS),
    }


def _question_answers() -> dict[str, list[str]]:
    """Each decision question's key and allowed answers, which the Cost estimator carries."""
    return {q.key: list(q.answers) for q in calculators.QUESTIONS}


def _print_meta() -> str:
    """The date and the link that reopens the result, shown on paper only;
    calculator-form.mjs keeps it current."""
    return '<p class="rft-print-only rft-print-meta" data-print-meta></p>'


def _record_bar(what: str) -> str:
    """The "Copy as Markdown" and "Download .md" buttons (docs/javascripts/record-buttons.mjs).

    Hidden until the page's script mounts them: without JavaScript there is no
    Python to write the record.
    """
    return (
        f'<div class="rft-form__bar rft-record" role="group" aria-label="Take {what} away" '
        "data-record-bar hidden>"
        '<button type="button" class="md-button" data-action="copy-markdown">Copy as Markdown</button>'
        '<button type="button" class="md-button" data-action="download-markdown">Download .md</button>'
        '<p class="rft-note" data-record-status role="status" aria-live="polite" hidden></p></div>'
    )


def _decision_mappings() -> str:
    """How "Use my decision answers" changes the inputs: each mapping once, with its source."""
    questions = {q.key: q.text for q in calculators.QUESTIONS}
    labels = {i.key: i.label for i in calculators.COST_INPUTS}
    items = "".join(
        f'<li data-mapping="{a.question}:{a.answer}:{a.key}">If you answered <em>{escape(CHOICE_LABELS[a.answer])}</em> '
        f"to “{escape(questions[a.question])}”: {escape(labels[a.key])} <code>{a.key}</code> "
        f"becomes <code>{escape(a.value)}</code>. {escape(a.why)} "
        f"({_source_name(a.source)})</li>"
        for a in calculators.DECISION_ADJUSTMENTS
    )
    return (
        '<details class="rft-mappings"><summary>What “Use my decision answers” changes</summary>'
        f"<ul>{items}</ul></details>"
    )


def _source_name(source_id: str) -> str:
    if source_id == "assumption":
        return "an assumption"
    return f'<a href="../sources/#source-{source_id}">{escape(SOURCES[source_id]["short"])}</a>'


def _cost_field(spec: calculators.CostInput) -> str:
    value = _default_value(spec)
    fid = f"c-{spec.key}"
    source = _sources_text(spec)
    if spec.choices:
        options = "".join(
            f'<option value="{c}"{" selected" if c == value else ""}>{c}</option>'
            for c in spec.choices
        )
        control = (
            f'<select id="{fid}" name="{spec.key}" data-default="{value}" '
            f'aria-describedby="{fid}-help {fid}-error">{options}</select>'
        )
    else:
        placeholder = ' placeholder="from the parts above"' if spec.blank else ""
        control = (
            f'<input id="{fid}" name="{spec.key}" type="text" inputmode="decimal" '
            f'autocomplete="off" value="{value}" data-default="{value}"{placeholder} '
            f'aria-describedby="{fid}-help {fid}-error">'
        )
    default = "blank" if spec.blank else value
    return (
        f'<div class="rft-field"><label for="{fid}">{escape(spec.label)} '
        f'<span class="rft-unit">({escape(spec.unit)})</span></label>'
        + control +
        f'<p class="rft-question__help" id="{fid}-help">Default {default}; source: {source}. '
        f"{escape(spec.note)}</p>"
        f'<p class="rft-field-error" id="{fid}-error" data-error-for="{spec.key}" hidden></p></div>'
    )


def _sources_text(spec: calculators.CostInput) -> str:
    """Each source behind a default, a price with the date it was read beside it; an
    assumption says so, with the public figures it was built from."""
    if spec.source == "assumption":
        if spec.other_sources:
            return "an assumption, built on " + " and ".join(_source_cell(i) for i in spec.other_sources)
        return "none, an assumption"
    return " and ".join(_source_cell(source_id) for source_id in (spec.source, *spec.other_sources))


def _cost_figures() -> str:
    """The cost model's inputs with default, unit, limit and source, for the Costs page."""
    rows = "".join(
        f"<tr><td>{escape(i.label)} <code>{i.key}</code></td>"
        f"<td>{_default_text(i)}&nbsp;{escape(i.unit)}</td>"
        f"<td>{_source_column(i)}</td>"
        f"<td>{escape(i.note)}</td></tr>"
        for i in calculators.COST_INPUTS
    )
    return _table(("Input", "Default", "Source", "What it covers"), rows)


def _source_column(spec: calculators.CostInput) -> str:
    if spec.source != "assumption":
        return _sources_text(spec)
    return "Assumption" + ("" if not spec.other_sources else ", built on " + " and ".join(
        _source_cell(i) for i in spec.other_sources))


def _year_one_readings() -> str:
    """Akoode's "RAG is cheaper in year one" on Akoode's own figures: a small LoRA
    run and a mid-size run, each times Akoode's 3-5x, against RAG's first year."""
    mult_lo, mult_hi = calculators.AKOODE_LIFECYCLE_MULTIPLE
    setup = dict(zip(("low", "high"), calculators.AKOODE_RAG_SETUP_USD))
    monthly = dict(zip(("low", "high"), calculators.AKOODE_RAG_MONTHLY_USD))
    rag = (setup["low"] + 12 * monthly["low"], setup["high"] + 12 * monthly["high"])
    rows = []
    for rid, label, training in YEAR_ONE_READINGS:
        akoode = (training[0] * mult_lo, training[1] * mult_hi)
        rows.append(
            f'<tr id="reading-{rid}-akoode"><th scope="row">{escape(label)}: Akoode\'s arithmetic</th>'
            f"<td>{_n(training[0])}–{_n(training[1])} × {_n(mult_lo)}–{_n(mult_hi)} = "
            f"{_usd_span(akoode)}</td>"
            f"<td>{_n(setup['low'])}–{_n(setup['high'])} + 12 × {_n(monthly['low'])}–"
            f"{_n(monthly['high'])} = {_usd_span(rag)}</td><td>{_cheaper(akoode, rag)}</td></tr>"
        )
    return _table(("Reading", "Fine-tuning, first 12 months", "RAG, first 12 months", "Cheaper, middle of the ranges"), "".join(rows))


def _worked_case() -> str:
    """One case with a single number for every input, worked line by line: the
    arithmetic from the inputs, and the estimator's total beside it."""
    estimate = calculators.estimate_cost(WORKED_CASE)
    v = {k: lo for k, (lo, _) in estimate.inputs.items()}
    h = estimate.horizon_months
    runs = {
        name: 1 + int((h - 1) // v[key]) for name, key in calculators.RETRAIN_EVERY.items()
    }
    prep = v["ft_data_prep_usd"]
    query = {
        "prompt-engineering": v["request_tokens"],
        "rag": v["request_tokens"] + v["rag_context_tokens"],
        "fine-tuning": v["request_tokens"] * (1 - v["ft_prompt_reduction"]),
        "hybrid": v["request_tokens"] * (1 - v["ft_prompt_reduction"]) + v["rag_context_tokens"],
    }
    people = {
        "prompt-engineering": (("prompt_build_engineer_months",), ("prompt_ops_engineer_share",)),
        "rag": (("rag_build_engineer_months",), ("rag_ops_engineer_share",)),
        "fine-tuning": (("ft_build_engineer_months",), ("ft_ops_engineer_share",)),
        "hybrid": (("rag_build_engineer_months", "ft_build_engineer_months"),
                   ("rag_ops_engineer_share", "ft_ops_engineer_share")),
    }

    def tokens(name: str) -> str:
        tuned = name in calculators.RETRAIN_EVERY
        pi, po = ("ft_input_price_usd_per_mtok", "ft_output_price_usd_per_mtok") if tuned else (
            "input_price_usd_per_mtok", "output_price_usd_per_mtok")
        return (
            f"{h} × {_n(v['queries_per_month'])} × ({_n(query[name])} × {_n(v[pi])} "
            f"+ {_n(v['output_tokens'])} × {_n(v[po])}) ÷ 1,000,000"
        )

    def engineers(name: str, part: int) -> str:
        keys = people[name][part]
        amount = " + ".join(_n(v[k]) for k in keys)
        amount = f"({amount})" if len(keys) > 1 else amount
        return (f"{amount} engineer-months" if part == 0 else f"{h} × {amount} of an engineer") + (
            f" × {_n(v['engineer_usd_per_month'])}")

    def work(name: str, lid: str) -> str:
        if lid in ("tokens", "serving"):
            return tokens(name)
        if lid == "engineers-build":
            return engineers(name, 0)
        if lid == "engineers-run":
            return engineers(name, 1)
        if lid == "data-prep":
            return (
                f"({_n(v['ft_examples'])} + {_n(v['ft_eval_examples'])}) × {_n(v['ft_minutes_per_example'])} "
                f"÷ 60 × {_n(v['ft_labour_usd_per_hour'])} = {_n(prep)}, then {runs[name] - 1} reruns × "
                f"{_n(v['ft_data_refresh_share'])} × {_n(prep)}"
            )
        if lid == "training":
            every = v[calculators.RETRAIN_EVERY[name]]
            return (f"{runs[name]} runs (months 0 to {_n(every * (runs[name] - 1))}, one every "
                    f"{_n(every)}) × {_n(v['ft_training_usd'])}")
        return {
            "build": f"{_n(v['rag_setup_usd'])}, once",
            "platform": f"{h} × {_n(v['rag_monthly_usd'])}",
            "embedding": f"{_n(v['corpus_tokens'])} × {_n(v['embedding_price_usd_per_mtok'])} ÷ 1,000,000 "
                         f"× (1 + {h} × {_n(v['corpus_churn_per_month'])})",
            "hosting": f"{h} × 730 × {_n(v['ft_hosting_usd_per_hour'])}",
        }.get(lid, "no GPUs: every model through an API")

    rows = []
    for name in calculators.COST_APPROACHES:
        for line in estimate.approaches[name].lines:
            lid = line["id"]
            if line["high"] == 0 and lid in ("hosting", "gpus"):
                continue  # nothing to bill in this case
            rows.append(
                f'<tr data-approach="{name}" data-line="{lid}"><th scope="row">{escape(_approach(name))}: '
                f"{escape(line['label'])}</th><td>{escape(work(name, lid))}</td><td>{_usd(line['mean'])}</td></tr>"
            )
        rows.append(
            f'<tr data-approach="{name}" data-line="total"><th scope="row">{escape(_approach(name))}: '
            f"total</th><td></td><td><strong>{_usd(estimate.approaches[name].p50[h])}</strong></td></tr>"
        )
    inputs = escape(json.dumps(WORKED_CASE))
    return (
        f'<div class="md-typeset__scrollwrap" data-inputs="{inputs}"><div class="md-typeset__table"><table>'
        "<thead><tr><th>Line</th><th>Arithmetic</th><th>After "
        f"{h} months</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div></div>"
    )


def _preset_headlines() -> str:
    """The readers' presets: each with its team, its Decide answers and what the
    estimator says for it, for the Costs page."""
    from calculators.cost.summary import headline

    rows = []
    for name in READER_PRESETS:
        p = calculators.PRESETS[name]
        estimate = calculators.estimate_cost(p.estimate_inputs(), p.answers)
        answers = ", ".join(f"<code>{k}={v}</code>" for k, v in p.answers.items())
        rows.append(
            f'<tr data-preset="{name}"><th scope="row">{escape(p.label)}</th><td>{escape(p.team)}</td>'
            f"<td>{answers}</td><td>{escape(headline(estimate))}</td></tr>"
        )
    return _table(("Preset", "The team, and where its numbers come from", "Decide answers", "The estimator says"),
                  "".join(rows))


def _default_headline() -> str:
    """What the estimator says for its defaults: the headline and where the median lines cross."""
    from calculators.cost.summary import headline, headline_details

    estimate = calculators.estimate_cost()
    crossing = next(s for s in headline_details(estimate) if s.startswith("The median lines"))
    return (
        f'<blockquote class="rft-default-headline"><p>{escape(headline(estimate))} '
        f"{escape(crossing)}</p></blockquote>"
    )


def _approach(name: str) -> str:
    from calculators.cost.summary import APPROACH_NAMES as NAMES

    return NAMES[name]


def _usd(value: float) -> str:
    return f"{value:,.2f}\u00a0USD" if not float(value).is_integer() else f"{value:,.0f}\u00a0USD"


def _n(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,}"


def _usd_span(pair: tuple[float, float]) -> str:
    return f"{pair[0]:,.0f}–{pair[1]:,.0f}\u00a0USD"


def _cheaper(ft: tuple[float, float], rag: tuple[float, float]) -> str:
    """The cheaper on the middle of the ranges, and whether the ranges overlap at all."""
    mid_ft, mid_rag = sum(ft) / 2, sum(rag) / 2
    name = "Fine-tuning" if mid_ft <= mid_rag else "RAG"
    if ft[1] < rag[0] or rag[1] < ft[0]:
        return f"{name}, over the whole range"
    return f"{name}, but the ranges overlap"


def _default_value(spec: calculators.CostInput) -> str:
    if spec.choices:
        return spec.choices[0]
    if spec.blank:
        return ""
    low, high = spec.default
    return _plain(low) if low == high else f"{_plain(low)}..{_plain(high)}"


def _default_text(spec: calculators.CostInput) -> str:
    if spec.choices:
        return spec.choices[0]
    if spec.blank:
        return "blank (from its parts)"
    low, high = spec.default
    return f"{low:,g}" if low == high else f"{low:,g}–{high:,g}"


def _source_cell(source_id: str) -> str:
    """A link to one source; a price page with the date its price was read."""
    source = SOURCES[source_id]
    if source.get("read"):
        kind = "price read" if source_id.startswith("price-") else "read"
        return (
            f'<a href="../sources/#source-{source_id}">{escape(source["short"])}</a>, '
            f'{kind} <time datetime="{source["read"]}">{source["read"]}</time>'
        )
    return f'<a href="../sources/#source-{source_id}">{escape(source["short"])}</a>'


def _plain(number: float) -> str:
    return f"{number:g}" if not float(number).is_integer() else str(int(number))


def _question(question: calculators.Question, selected: str) -> str:
    choices = "".join(
        f'<label class="rft-choice"><input type="radio" name="{question.key}" value="{c.value}"'
        f'{" checked" if c.value == selected else ""}><span>{escape(c.label)}</span></label>'
        for c in question.choices
    )
    qid = f"q-{question.key}"
    link = ""
    if question.link is not None:
        link = f' <a href="{question.link[0]}">{escape(question.link[1])}</a>.'
    return (
        f'<fieldset class="rft-question" id="{qid}" aria-describedby="{qid}-help {qid}-error">'
        f'<legend class="rft-question__text">{escape(question.text)}</legend>'
        f'<p class="rft-question__help" id="{qid}-help">{escape(question.help)}{link}</p>'
        f'<div class="rft-choices">{choices}</div>'
        f'<p class="rft-field-error" id="{qid}-error" data-error-for="{question.key}" hidden></p>'
        "</fieldset>"
    )


def _rules_table() -> str:
    """The cheat sheet: one row per rule, then how they combine (``FALLBACKS``)."""
    rows = "".join(
        f'<tr id="rule-{rule.id}"><td>{escape(rule.condition)} '
        f"<code>{rule.key}</code>"
        + "".join(f" and <code>{k}</code>" for k in rule.requires)
        + "</td>"
        f"<td><strong>{escape(APPROACH_NAMES[rule.points_to])}</strong></td>"
        f"<td>{escape(rule.because)}{_studies_link(rule.id)}</td><td>{_source_links(rule.sources)}</td></tr>"
        for rule in calculators.RULES
    )
    rows += "".join(
        f'<tr id="rule-{f.id}"><td>{escape(f.condition)}</td>'
        f"<td><strong>{escape(APPROACH_NAMES[f.approach])}</strong></td>"
        f"<td>{escape(f.because)}{_studies_link(f.id)}</td><td>{_source_links(f.sources)}</td></tr>"
        for f in calculators.FALLBACKS
    )
    return _table(("If", "Then", "Why", "Sources"), rows)


def _studies_link(rule_id: str) -> str:
    """A link to the studies whose setting the rule applies to (docs/.hooks/studies.py), if any."""
    n = len(calculators.studies_for_rule(rule_id))
    if not n:
        return ""
    return (
        f' <a class="rft-studies-link" href="../studies/#for-rule-{rule_id}">'
        f"What {n} {'study' if n == 1 else 'studies'} found</a>"
    )


def _gates_table() -> str:
    """The gates, in the order the calculator applies them: ``GATES``."""
    rows = "".join(
        f'<tr id="gate-{g.id}"><td><strong>{escape(g.label)}</strong></td>'
        f"<td>{escape(g.condition)}</td><td>{escape(g.effect)}</td>"
        f"<td>{_source_links(g.sources)}</td></tr>"
        for g in calculators.GATES
    )
    return _table(("Gate", "When", "Then", "Sources"), rows)


def _steps_table() -> str:
    """The path to each approach and what to watch: ``STEPS`` and ``CAVEATS``."""
    rows = "".join(
        f'<tr id="{kind}-{a.id}"><td>{label}</td><td>{escape(a.text)}</td>'
        f"<td>{', '.join(APPROACH_NAMES[x] for x in calculators.APPROACHES if x in a.applies_to)}"
        f"{' (now, or as the next step)' if a.also_next else ''}</td>"
        f"<td>{_condition(a)}</td><td>{_source_links(a.sources)}</td></tr>"
        for kind, label, items in (
            ("step", "Step", calculators.STEPS),
            ("caveat", "Caveat", calculators.CAVEATS),
        )
        for a in items
    )
    return _table(("Kind", "Advice", "For", "When", "Sources"), rows)


def _condition(advice: calculators.Advice) -> str:
    if not advice.when:
        return "Always"
    words = {q.key: {c.value: c.label for c in q.choices} for q in calculators.QUESTIONS}
    return " and ".join(
        f"<code>{key}</code> is " + " or ".join(escape(words[key][a]).lower() for a in answers)
        for key, answers in advice.when
    )


def _table(headings: tuple[str, ...], rows: str) -> str:
    head = "".join(f"<th>{h}</th>" for h in headings)
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></div>"
    )


def _source_links(ids: tuple[str, ...]) -> str:
    for source_id in ids:
        if source_id not in SOURCES:
            raise PluginError(f"calculator_widgets: unknown source id {source_id!r}")
    return ", ".join(
        f'<a href="../sources/#source-{i}">{escape(SOURCES[i]["publisher"])}</a>'
        for i in ids
    )


# Constants


#: Where _intro_beside_result puts the page's introduction, in the inputs column.
_INTRO_SLOT = "<!-- rft-intro -->"
_INPUTS_OPEN = f'<div class="rft-calculator__inputs"><div class="rft-intro">{_INTRO_SLOT}</div>'

RENDERERS = {
    "cost": _cost_form,
    "year-one-readings": _year_one_readings,
    "worked-case": _worked_case,
    "default-headline": _default_headline,
    "preset-headlines": _preset_headlines,
    "cost-figures": _cost_figures,
    "decision": _decision_form,
    "rules": _rules_table,
    "gates": _gates_table,
    "steps": _steps_table,
}

GROUPS = {
    "knowledge": "Your knowledge",
    "behaviour": "The model's behaviour",
    "team": "Your team and data",
}

#: Akoode's two readings of "RAG is cheaper in year one": (id, label, Akoode's
#: training compute in USD).
YEAR_ONE_READINGS = (
    ("small-lora", "Small LoRA run", calculators.AKOODE_LORA_TRAINING_USD),
    ("mid-size", "Mid-size run", calculators.MID_SIZE_TRAINING_USD),
)

#: The Costs page's worked case: a knowledge assistant with one number per
#: input, so every line can be checked by hand (tests/cost_cases.py holds the
#: same case with its hand-worked totals).
WORKED_CASE = {
    "queries_per_month": "50000", "request_tokens": "1000", "rag_context_tokens": "2000",
    "output_tokens": "400", "input_price_usd_per_mtok": "0.9", "output_price_usd_per_mtok": "0.9",
    "rag_setup_usd": "15000", "rag_monthly_usd": "200", "corpus_tokens": "5000000",
    "embedding_price_usd_per_mtok": "0.02", "corpus_churn_per_month": "0.1",
    "ft_examples": "1000", "ft_eval_examples": "200", "ft_minutes_per_example": "5",
    "ft_labour_usd_per_hour": "60", "ft_data_refresh_share": "0.3", "ft_training_usd": "600",
    "ft_retrain_every_months": "2", "hybrid_retrain_every_months": "6", "ft_prompt_reduction": "0.4",
    "ft_price_factor": "1", "engineer_usd_per_month": "15000",
    "prompt_build_engineer_months": "0.5", "prompt_ops_engineer_share": "0.05",
    "rag_build_engineer_months": "2", "rag_ops_engineer_share": "0.1",
    "ft_build_engineer_months": "2", "ft_ops_engineer_share": "0.1",
}

COST_GROUPS = {
    "usage": "The prompt, traffic and tokens",
    "rag": "RAG",
    "fine-tuning": "Fine-tuning",
    "people": "People's time",
    "hardware": "Your own GPUs and servers",
    "general": "Horizon",
}

#: The presets of the three readers the Costs page shows.
READER_PRESETS = ("insurer-policies", "review-classifier", "hospital-own-network")

CHOICE_LABELS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
