"""Recompute latency on the Training cost page: input change to painted result.

Not part of `make test`. Run against a served build, e.g.
``python bench/training_recompute.py http://127.0.0.1:8000/training-cost/``.
Timing starts once the page shows Python's first result, by which time the
worker has loaded the training package (a snapshot start does not hold it).
Each change sets a value and submits the form (skipping the page's 150 ms
typing pause), then waits for the form's aria-busy to clear and for the
next paint (bench/recompute.py). Prints the median and p95 over CHANGES
changes x RUNS page loads, in one run.
"""

from __future__ import annotations

import os
import sys

import recompute  # (bench/recompute.py; bench/ is on the path when run as a script)

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CHANGES = 50

#: Five inputs in turn, two of them choices, each between two values.
RECOMPUTE_JS = recompute.recompute_js(
    "training",
    setup="""const fields = ["examples", "tokens_per_example", "method", "params_billion", "gpu"];
  const values = [["1000", "5000..20000"], ["700..2000", "300"], ["lora", "full"], ["8", "13..70"],
                  ["l4", "h100-80gb"]];""",
    change="""const k = i % fields.length;
    form.elements[fields[k]].value = values[k][(Math.floor(i / fields.length) + 1) % 2];
    form.requestSubmit();""",
)


def measure(url: str, runs: int = RUNS) -> list[float]:
    """Milliseconds from each input change to the painted result, CHANGES per page load."""
    return recompute.measure(url, RECOMPUTE_JS, '#training-result [data-result][data-source="python"]', runs, CHANGES)


def main(url: str) -> int:
    print(recompute.summary("Training cost", measure(url)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/training-cost/"))
