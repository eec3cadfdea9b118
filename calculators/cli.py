"""Command line: ``python -m calculators decide KEY=VALUE ... [--json]``.

Bad input prints one line naming the key and the allowed values to standard
error and exits with status 2; no traceback is shown. This module is the only
part of the package that does I/O, and only when run as a program.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from .decision import Recommendation, recommend
from .errors import InputError

__all__ = ["main"]

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
        return COMMANDS[args.command](pairs, args.json)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


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


def _decide(pairs: dict[str, str], as_json: bool) -> int:
    result = recommend(pairs)
    print(json.dumps(result.to_dict(), indent=2) if as_json else _decision_text(result))
    return 0


def _decision_text(result: Recommendation) -> str:
    lines = [f"Recommendation: {result.title}", "", "Why:"]
    for reason in result.reasons:
        fired = ", ".join(f"{k}={v}" for k, v in reason.answers)
        lines.append(f"- {reason.text}" + (f" [{fired}]" if fired else ""))
    lines += ["", "Steps:"] + [f"{i}. {step}" for i, step in enumerate(result.steps, 1)]
    if result.caveats:
        lines += ["", "Watch out for:"] + [f"- {caveat}" for caveat in result.caveats]
    scores = ", ".join(f"{name} {value:.0%}" for name, value in result.scores.items())
    lines += ["", f"Scores: {scores}"]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculators",
        description="The RAG or Fine-Tune? calculators on the command line.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    decide = commands.add_parser(
        "decide", help="recommend RAG, fine-tuning, hybrid or prompt engineering"
    )
    decide.add_argument(
        "pairs", nargs="*", metavar="KEY=VALUE", help="answers: yes, no or unsure"
    )
    decide.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


#: Subcommand name -> handler(pairs, as_json) -> exit status.
COMMANDS: dict[str, Callable[[dict[str, str], bool], int]] = {
    "decide": _decide,
}
