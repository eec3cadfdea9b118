"""Command line for both calculators.

- ``python -m calculators decide KEY=VALUE ... [--json | --format markdown]``
- ``python -m calculators cost KEY=VALUE ... [--json | --format markdown]``: cost
  inputs, and any decision answers (as a Decide link carries them)
- ``python -m calculators record KEY=VALUE ... [--output FILE]``: one decision
  record (Markdown) from decision answers and cost inputs together
- ``python -m calculators training KEY=VALUE ... [--json | --format markdown]``:
  what one fine-tuning run costs (:mod:`calculators.training.cli`)
- ``python -m calculators inputs --json``

``--format markdown`` and ``record`` print :func:`calculators.record.render_record`'s
document, dated ``--date`` (default: today, UTC) with links below
``--site-url`` (default: the ``SITE_URL`` environment variable, else the
address ``make serve`` uses).

Bad input prints one line naming the key and the allowed values to standard
error and exits with status 2; no traceback is shown. This module is the only
part of the package that does I/O, and only when run as a program.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from collections.abc import Callable, Sequence

from .cost import COST_INPUTS, CostEstimate, estimate_with_answers
from .decision import APPROACH_NAMES, QUESTIONS, Recommendation, recommend
from .errors import InputError
from .record import render_record
from .scenarios import compare_scenarios
from .cost.summary import headline, headline_details, multiple_words
from .render import answer_words, score_note
from .sources import source_name
from .training import cli as training_cli

__all__ = ["main"]

#: Each question's short label, for the reasons in words.
_LABEL = {q.key: q.label for q in QUESTIONS}

#: Exit status for bad input, as argparse uses for bad usage.
EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns:
        The exit status: 0 on success, 2 on bad input or usage.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        pairs = parse_pairs(args.pairs)
        if getattr(args, "json", False) and getattr(args, "format", "text") == "markdown":
            raise InputError("--format", "markdown cannot be combined with --json; choose one")
        if args.command == "training":
            status = training_cli.run(args, pairs, DEFAULT_SITE_URL)
        elif args.command in ("decide", "cost", "record") and (
            args.command == "record" or args.format == "markdown"
        ):
            status = _markdown(args, pairs)
        else:
            status = COMMANDS[args.command](pairs, args.json)
        sys.stdout.flush()  # a closed pipe shows up here, not at exit
        return status
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (ArithmeticError, RecursionError, MemoryError) as error:
        # Limits on every input keep the numbers finite; should anything slip
        # through, say so in one line, never with a traceback.
        print(f"error: the estimate could not be computed ({error}); please report this input", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped early (`... | head -1`): leave quietly. Point
        # stdout at devnull so the interpreter's final flush cannot fail
        # again (the recipe in Python's `signal` module documentation).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def parse_pairs(items: Sequence[str]) -> dict[str, str]:
    """Turn ``["key=value", ...]`` into a dict.

    Raises:
        InputError: for an item without ``=`` or a key given twice.
    """
    pairs: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(item or "''", "expected KEY=VALUE")
        if key in pairs:
            raise InputError(key, "given more than once")
        pairs[key] = value
    return pairs


def split_pairs(pairs: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """``(answers, inputs)``: the decision answers among the pairs, and the rest."""
    questions = {q.key for q in QUESTIONS}
    return ({k: v for k, v in pairs.items() if k in questions},
            {k: v for k, v in pairs.items() if k not in questions})


#: The site address links point below when neither --site-url nor SITE_URL is given.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def _markdown(args: argparse.Namespace, pairs: dict[str, str]) -> int:
    """Print (or write to --output) the decision record for these inputs."""
    if args.command == "record":
        answers, inputs = split_pairs(pairs)
        rec, est = recommend(answers), estimate_with_answers(inputs, answers)
    elif args.command == "decide":
        rec, est = recommend(pairs), None
    else:
        answers, inputs = split_pairs(pairs)
        rec, est = None, estimate_with_answers(inputs, answers)
    date = args.date or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    site = args.site_url or os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    pinned = compare_scenarios(args.scenario, est.answers if est is not None else None) if getattr(args, "scenario", None) else None
    if pinned is not None and pinned.errors:
        first = pinned.errors[0]
        raise InputError(first["field"], first["message"].split(": ", 1)[1].split(": ", 1)[-1] + f" (scenario {first['scenario']})")
    training = None
    if getattr(args, "training", None) is not None:  # the run the Cost estimator's address carries
        from .training.summary import training_from_carried

        training = training_from_carried(args.training)
    text = render_record(rec, est, date=date, site_url=site, scenarios=pinned, training=training)
    if getattr(args, "output", None):
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
        except OSError as error:
            raise InputError("--output", f"cannot write {args.output}: {error.strerror}") from None
    else:
        sys.stdout.write(text)
    return 0


def _decide(pairs: dict[str, str], as_json: bool) -> int:
    result = recommend(pairs)
    if as_json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(_decision_text(result) + ("" if pairs else "\n\n" + _question_list()))
    return 0


def _decision_text(result: Recommendation) -> str:
    """The result in words: labels and answers, and sources by name, never keys."""
    lines = [f"Recommendation: {result.title}", result.headline]
    if result.gate is not None:
        lines.append(result.gate_text)
    lines += ["", "Why:"]
    for reason in result.reasons:
        fired = "; ".join(f"{_LABEL[k]}: {answer_words(k, v)}" for k, v in reason.answers)
        line = f"- {reason.text}" + (f" ({fired})" if fired else "")
        if reason.sources:
            line += f" Sources: {', '.join(source_name(i) for i in reason.sources)}."
        lines.append(line)
    lines += ["", "Steps:"] + [f"{i}. {step}" for i, step in enumerate(result.steps, 1)]
    if result.caveats:
        lines += ["", "Watch out for:"] + [f"- {caveat}" for caveat in result.caveats]
    lines += ["", "How much of what you need does each answer?", score_note(result)]
    for approach, value in result.scores.items():
        line = f"- {APPROACH_NAMES[approach]}: {value:.0%}"
        if result.needs and result.unmet[approach]:
            line += f"; leaves out: {'; '.join(result.unmet[approach])}"
        if approach in result.not_chosen:
            line += f". Not chosen: {result.not_chosen[approach]}"
        lines.append(line)
    return "\n".join(lines)


def _question_list() -> str:
    """Every question's key and allowed answers, for a bare ``decide`` and ``decide --help``."""
    lines = ["Questions (give each as KEY=VALUE; an unanswered one counts as unsure):"]
    for q in QUESTIONS:
        lines.append(f"  {q.key}={'|'.join(q.answers)}")
        lines.append(f"      {q.text}")
    return "\n".join(lines)


def _cost(pairs: dict[str, str], as_json: bool) -> int:
    answers, inputs = split_pairs(pairs)
    estimate = estimate_with_answers(inputs, answers)
    print(json.dumps(estimate.to_dict(), indent=2, allow_nan=False) if as_json else _cost_text(estimate))
    return 0


def _cost_text(estimate: CostEstimate) -> str:
    h = estimate.horizon_months
    first = min(12, h)
    lines = [
        "Cumulative cost, USD: median (10th-90th percentile) over "
        f"{estimate.draws} draws",
        f"{'approach':<18} {f'{first} months':>34} {f'{h} months':>34}",
    ]
    for name in estimate.approaches:
        lines.append(
            f"{name:<18} {_median(*estimate.percentiles(name, first)):>34} "
            f"{_median(*estimate.percentiles(name, h)):>34}"
        )
    lines.append(headline(estimate))
    lines += headline_details(estimate)[:2]
    lines += [f"Warning: {w['message']}" for w in estimate.warnings]
    for name, series in estimate.approaches.items():
        lines.append(f"{name} lines at {h} months (USD on average over the draws):")
        lines += [f"  {line['label']:<44} {line['kind']:<9} {line['mean']:>14,.0f}" for line in series.lines]
    multiple = multiple_words(estimate)
    if multiple is not None:
        lines.append(f"Check: {multiple}.")
    return "\n".join(lines)


def _median(p10: float, p50: float, p90: float) -> str:
    return f"{p50:,.0f} ({p10:,.0f}-{p90:,.0f})"


def _inputs(pairs: dict[str, str], as_json: bool) -> int:
    if pairs:
        raise InputError(next(iter(pairs)), "inputs takes no KEY=VALUE arguments")
    rows = [i.to_dict() for i in COST_INPUTS]
    if as_json:
        print(json.dumps(rows, indent=2, allow_nan=False))
    else:
        for r in rows:
            d = r["default"]
            if isinstance(d, str):
                span = d
            elif r["blank"]:
                span = "(blank)"
            else:
                span = f"{d['low']:.10g}" if d["low"] == d["high"] else f"{d['low']:.10g}..{d['high']:.10g}"
            print(f"{r['key']:<26} {span:>14} {r['unit']:<22} source: {r['source']}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculators",
        description="The RAG or Fine-Tune? calculators on the command line.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    decide = commands.add_parser(
        "decide", help="recommend RAG, fine-tuning, hybrid or prompt engineering",
        epilog=_question_list(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    decide.add_argument(
        "pairs", nargs="*", metavar="KEY=VALUE",
        help="answers: yes, no or unsure (two questions allow one more; see below)",
    )
    decide.add_argument("--json", action="store_true", help="print the result as JSON")
    _markdown_options(decide, with_format=True)
    cost = commands.add_parser(
        "cost", help="estimate cumulative costs of a prompt-only baseline, RAG, fine-tuning, hybrid"
    )
    cost.add_argument(
        "pairs", nargs="*", metavar="KEY=VALUE",
        help="inputs: a number or a range low..high; decision answers (yes, no, unsure) too, "
        "which change the inputs not given and mark the approaches that miss a need",
    )
    cost.add_argument("--json", action="store_true", help="print the result as JSON")
    _markdown_options(cost, with_format=True)
    cost.add_argument(
        "--scenario", action="append", metavar="NAME:KEY=VALUE;...",
        help="with --format markdown: a scenario to compare (up to 3)",
    )
    record = commands.add_parser(
        "record", help="write one decision record (Markdown) from answers and cost inputs"
    )
    record.add_argument(
        "pairs", nargs="*", metavar="KEY=VALUE",
        help="decision answers (yes, no, unsure) and cost inputs, in any order",
    )
    _markdown_options(record, with_format=False)
    record.add_argument("-o", "--output", metavar="FILE", help="write the record to FILE")
    record.add_argument(
        "--scenario", action="append", metavar="NAME:KEY=VALUE;...",
        help="a cost scenario to compare (up to 3), as the Cost estimator's address carries it",
    )
    for sub in (cost, record):
        sub.add_argument(
            "--training", metavar="KEY=VALUE;...",
            help="the training run the Cost estimator's address carries (see the training command)",
        )
    training_cli.add_parser(commands, _markdown_options)
    inputs = commands.add_parser("inputs", help="list the cost inputs, units, defaults, sources")
    inputs.add_argument("pairs", nargs="*", help=argparse.SUPPRESS)
    inputs.add_argument("--json", action="store_true", help="print the list as JSON")
    return parser


def _markdown_options(parser: argparse.ArgumentParser, with_format: bool) -> None:
    if with_format:
        parser.add_argument(
            "--format", choices=("text", "markdown"), default="text",
            help="text (the default) or markdown: the decision record",
        )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the record's date (default: today, UTC)")
    parser.add_argument(
        "--site-url", metavar="URL",
        help=f"the guide's address for links (default: $SITE_URL or {DEFAULT_SITE_URL})",
    )


#: Subcommand name -> handler(pairs, as_json) -> exit status.
COMMANDS: dict[str, Callable[[dict[str, str], bool], int]] = {
    "decide": _decide,
    "cost": _cost,
    "inputs": _inputs,
}
