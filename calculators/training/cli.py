"""``python -m calculators training KEY=VALUE ... [--json | --format markdown]``.

The training calculator's command; :mod:`calculators.cli` registers it and
turns bad input into one line on standard error and exit status 2.
``--help`` lists the inputs, the GPU table and the API table with sources.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from collections.abc import Callable

from .engine import estimate_training
from .inputs import TRAINING_INPUTS
from .render import training_json, training_markdown, training_text
from .tables import METHODS, TRAINING_GPU_PRICES, TRAINING_GPUS, TRAINING_PROVIDER_PRICES, TRAINING_PROVIDERS

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction, markdown_options: Callable[[argparse.ArgumentParser, bool], None]) -> None:
    """Add the ``training`` command to the command line's subcommands.

    Args:
        commands: The command line's subparsers.
        markdown_options: The command line's ``--format``, ``--date`` and
            ``--site-url`` options, added the same way as for ``cost``.
    """
    parser = commands.add_parser(
        "training",
        help="what one fine-tuning run costs, and whether it fits the GPU",
        description="What one fine-tuning run costs on a fine-tuning API and on rented GPUs, "
        "from the examples up, and whether the model fits the GPU.",
        epilog=tables_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "pairs", nargs="*", metavar="KEY=VALUE",
        help="inputs: a number, a range low..high, or a word (keys below)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    markdown_options(parser, True)


def run(args: argparse.Namespace, pairs: dict[str, str], default_site: str) -> int:
    """Print the run as text, JSON or a Markdown record; return the exit status (0).

    Raises:
        InputError: for bad input, naming the key.
    """
    est = estimate_training(pairs)
    if args.format == "markdown":
        date = args.date or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        site = args.site_url or os.environ.get("SITE_URL") or default_site
        sys.stdout.write(training_markdown(est, date=date, site_url=site))
    elif args.json:
        print(json.dumps(training_json(est), indent=2, ensure_ascii=False))
    else:
        print(training_text(est))
    return 0


def tables_text() -> str:
    """The inputs, the GPU table and the API table, as ``--help`` prints them."""
    lines = ["inputs (KEY: unit; default; source of the default):"]
    for spec in TRAINING_INPUTS:
        if spec.choices:
            default = spec.choices[0]
        elif spec.default is None:
            default = "the table's price"
        else:
            low, high = spec.default
            default = f"{low:g}" if low == high else f"{low:g}..{high:g}"
        lines.append(f"  {spec.key}: {spec.unit}; {default}; {spec.source}")
    lines += ["", f"methods: {', '.join(METHODS)}", "", "GPUs (gpu=KEY):"]
    for key, gpu in TRAINING_GPUS.items():
        price = TRAINING_GPU_PRICES[key]
        lines.append(
            f"  {key:<10} {gpu.name:<22} {gpu.memory_gb:>4g} GB  {gpu.bf16_dense_tflops:>6g} TFLOPS dense BF16  "
            f"{price.usd_per_hour:g} USD/GPU-hour ({price.seller}, billed by the {'second' if price.billing_seconds == 1 else f'{price.billing_seconds} s'})  "
            f"sources: {gpu.source}, {price.source}"
        )
    lines += ["", "fine-tuning APIs (provider=KEY; 'other' takes training_price_usd_per_mtok):"]
    for key, provider in TRAINING_PROVIDERS.items():
        brackets = "; ".join(
            f"up to {row.up_to_billion:g}B: {row.usd_per_mtok[0]:g}"
            + ("" if row.usd_per_mtok[0] == row.usd_per_mtok[1] else f"..{row.usd_per_mtok[1]:g}")
            + " USD/M tokens"
            for row in TRAINING_PROVIDER_PRICES if row.provider == key
        )
        sources = sorted({provider.source, *(r.source for r in TRAINING_PROVIDER_PRICES if r.provider == key)})
        lines.append(f"  {key:<10} {provider.name}: {', '.join(provider.methods)}; {brackets}; sources: {', '.join(sources)}")
    lines += ["", "Sources: docs/data/sources.csv, by id, with the date each figure was read."]
    return "\n".join(lines)
