"""Render the Training cost page's calculator and its data tables.

Markers (``<!-- training:NAME -->``, one family, this hook's own):

- ``calculator``: the form from ``calculators.TRAINING_INPUTS``, the result
  for the default inputs from ``estimate_training`` and ``render_training``
  (the very functions the browser runs through Pyodide), and the page's
  script, which only this page loads;
- ``gpus``, ``providers``, ``factors``: the dated tables every figure of the
  result links back to, each row with its source and the date it was read.

An unknown marker or source id fails the build.
"""

from __future__ import annotations

from html import escape

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import calculators
from _site_data import SOURCES, replace_markers
from calculators.training import METHODS


def on_page_content(html: str, page: Page, **_: object) -> str | None:
    """Replace each ``<!-- training:NAME -->`` marker with its HTML."""
    if "<!-- training:" not in html:
        return None
    return replace_markers(html, "training", RENDERERS, page.file.src_path)


# Helpers


def _calculator() -> str:
    """The form, the build-time result for the defaults, and the page's script."""
    default = calculators.estimate_training()
    groups = "".join(
        f'<fieldset class="rft-group"><legend class="rft-group__title">{escape(heading)}</legend>'
        + "".join(_field(spec) for spec in calculators.TRAINING_INPUTS if spec.group == group)
        + "</fieldset>"
        for group, heading in GROUPS.items()
    )
    return (
        '<div class="rft-training">'
        '<form class="rft-form" data-calculator="training" novalidate aria-label="Training run inputs">'
        + groups
        + '<div class="rft-form__bar">'
        '<button type="button" class="md-button md-button--primary" data-action="copy-link">'
        "Copy link to this result</button>"
        '<button type="reset" class="md-button">Reset to the sourced defaults</button></div>'
        "</form>"
        '<section class="rft-result" id="training-result" aria-labelledby="training-result-title">'
        '<h2 id="training-result-title">The run</h2>'
        '<p class="rft-status" data-python-status>Computed when this site was built, for the '
        "default inputs. Python starts in your browser when scripts are enabled.</p>"
        '<p class="rft-visually-hidden" data-announce aria-live="polite" role="status"></p>'
        '<p class="rft-print-only rft-print-meta" data-print-meta></p>'
        '<div class="rft-result__body" data-result data-source="build">'
        f"{calculators.render_training(default)}</div></section></div>"
        # Only this page loads its script; Material re-runs it after instant navigation.
        '<script type="module" src="../javascripts/training-form.mjs"></script>'
    )


def _field(spec: calculators.TrainingInput) -> str:
    fid = f"t-{spec.key}"
    described = f'aria-describedby="{fid}-help {fid}-error"'
    if spec.choices:
        default = spec.choices[0]
        options = "".join(
            f'<option value="{c}"{" selected" if c == default else ""}>{escape(_choice(spec.key, c))}</option>'
            for c in spec.choices
        )
        control = f'<select id="{fid}" name="{spec.key}" data-default="{default}" {described}>{options}</select>'
        shown = default
    else:
        default = "" if spec.default is None else _span(spec.default)
        placeholder = ' placeholder="from the table"' if spec.default is None else ""
        control = (
            f'<input id="{fid}" name="{spec.key}" type="text" inputmode="decimal" autocomplete="off" '
            f'value="{default}" data-default="{default}"{placeholder} {described}>'
        )
        shown = default or "the table's price"
    return (
        f'<div class="rft-field"><label for="{fid}">{escape(spec.label)} '
        f'<span class="rft-unit">({escape(spec.unit)})</span></label>{control}'
        f'<p class="rft-question__help" id="{fid}-help">Default {escape(shown)}; source: '
        f"{_source(spec.source)}. {escape(spec.note)}</p>"
        f'<p class="rft-field-error" id="{fid}-error" data-error-for="{spec.key}" hidden></p></div>'
    )


def _choice(key: str, word: str) -> str:
    """What a choice reads as in the form."""
    if key == "method":
        return f"{word}: {METHODS[word]}"
    if key == "gpu":
        return f"{word}: {calculators.TRAINING_GPUS[word].name}"
    if key == "provider":
        return f"{word}: {calculators.TRAINING_PROVIDERS[word].name}" if word != "other" else "other: your own price"
    return {"gpu": "gpu: GPUs you rent", "api": "api: a fine-tuning API"}.get(word, word)


def _gpus() -> str:
    """Each GPU: memory and dense BF16 peak with their source, price and billing unit with theirs."""
    rows = "".join(
        f'<tr id="training-gpu-{g.key}"><th scope="row">{escape(g.name)} <code>{g.key}</code></th>'
        f"<td>{g.memory_gb:g}&nbsp;GB</td><td>{g.bf16_dense_tflops:,g}&nbsp;teraFLOPS</td>"
        f"<td>{_source(g.source)}</td>"
        f'<td id="training-price-{g.key}">{p.usd_per_hour:g}&nbsp;USD ({escape(p.seller)})</td>'
        f"<td>{_billing(p.billing_seconds)}</td><td>{_source(p.source)}</td></tr>"
        for g in calculators.TRAINING_GPUS.values()
        for p in (calculators.TRAINING_GPU_PRICES[g.key],)
    )
    notes = "".join(
        f"<li><strong>{escape(g.name)}</strong>: {escape(g.note)} "
        f"{escape(calculators.TRAINING_GPU_PRICES[g.key].note)}</li>"
        for g in calculators.TRAINING_GPUS.values()
    )
    return _table(
        ("GPU", "Memory", "Dense BF16 peak", "Source", "Price per GPU-hour", "Billed", "Source"), rows
    ) + f'<ul class="rft-table-notes">{notes}</ul>'


def _providers() -> str:
    """Each fine-tuning API: methods and billing, then its price per size bracket."""
    rows = "".join(
        f'<tr id="training-provider-{p.key}"><th scope="row">{escape(p.name)} <code>{p.key}</code></th>'
        f"<td>{', '.join(METHODS[m] for m in p.methods)}</td><td>{escape(p.billing)}</td>"
        f"<td>{_source(p.source)}</td><td>{escape(p.note)}</td></tr>"
        for p in calculators.TRAINING_PROVIDERS.values()
    )
    prices = "".join(
        f'<tr id="training-provider-{r.provider}-{r.up_to_billion:g}"><th scope="row">'
        f"{escape(calculators.TRAINING_PROVIDERS[r.provider].name)}</th><td>{r.up_to_billion:g}B</td>"
        f"<td>{_usd(r.usd_per_mtok)}</td><td>{_source(r.source)}</td><td>{escape(r.note)}</td></tr>"
        for r in calculators.TRAINING_PROVIDER_PRICES
    )
    return _table(("API", "Methods", "Bills", "Source", "Note"), rows) + _table(
        ("API", "Models up to", "Per million training tokens", "Source", "What the price covers"), prices
    )


def _factors() -> str:
    """The factors of the formulas, each with its source and what the source measured."""
    rows = "".join(
        f'<tr id="training-factor-{f.key}"><th scope="row">{escape(f.label)}</th>'
        f"<td>{_span(f.value, ' to ')}&nbsp;{escape(f.unit)}</td><td>{_source(f.source)}</td>"
        f"<td>{escape(f.note)}</td></tr>"
        for f in calculators.TRAINING_FACTORS.values()
    )
    return _table(("Figure", "Value", "Source", "What the source measured"), rows)


def _source(source_id: str) -> str:
    if source_id == "assumption":
        return "an assumption"
    if source_id not in SOURCES:
        raise PluginError(f"training_widgets: unknown source id {source_id!r}")
    row = SOURCES[source_id]
    read = f", read {row['read']}" if row.get("read") else ""
    return f'<a href="../sources/#source-{source_id}">{escape(row["short"])}</a>{read}'


def _span(pair: tuple[float, float], dash: str = "..") -> str:
    low, high = (f"{v:g}" for v in pair)
    return low if low == high else f"{low}{dash}{high}"


def _usd(pair: tuple[float, float]) -> str:
    return f"{_span(pair, '–')}&nbsp;USD"


def _billing(seconds: int) -> str:
    return "by the second, rounded up" if seconds == 1 else f"in units of {seconds} seconds, rounded up"


def _table(headings: tuple[str, ...], rows: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    return (
        '<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="'
        f'{escape(headings[0])} table"><div class="md-typeset__table"><table>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></div>"
    )


# Constants

RENDERERS = {
    "calculator": _calculator,
    "gpus": _gpus,
    "providers": _providers,
    "factors": _factors,
}

#: Form sections, by the inputs' group.
GROUPS = {
    "data": "Your examples",
    "model": "The model and the method",
    "api": "On a fine-tuning API",
    "gpu": "On GPUs you rent",
}
