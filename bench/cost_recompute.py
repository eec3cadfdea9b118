"""Recompute latency on the Cost estimator page: input change to painted result.

Not part of `make test`. Run against a served build, e.g.
``python bench/cost_recompute.py http://127.0.0.1:8000/cost-estimator/``.
Each change types a new value and submits the form (skipping the page's
150 ms typing pause, which is a choice, not work), then waits for the form's
aria-busy to clear and for the next paint. Prints the median and p95 over
CHANGES changes x RUNS page loads, in one run.
"""

from __future__ import annotations

import os
import sys

import recompute  # (bench/recompute.py; bench/ is on the path when run as a script)

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CHANGES = 50

#: Four cost inputs in turn, each between two ranges (see bench/recompute.py
#: for what is timed).
RECOMPUTE_JS = recompute.recompute_js(
    "cost",
    setup="""const fields = ["queries_per_month", "rag_monthly_usd", "ft_training_usd", "gpu_usd_per_hour"];
  const values = [["20000..400000", "50000..3000000"], ["500..3000", "800..2500"],
                  ["200..2000", "5000..50000"], ["0.47..2.16", "1..3"]];""",
    change="""const k = i % fields.length;
    form.elements[fields[k]].value = values[k][Math.floor(i / fields.length) % 2];
    form.requestSubmit();""",
)


def measure(url: str, runs: int = RUNS) -> list[float]:
    """Milliseconds from each input change to the painted result, CHANGES per page load."""
    return recompute.measure(url, RECOMPUTE_JS, '#cost-result [data-result][data-source="python"]', runs, CHANGES)


def summary(painted: list[float]) -> str:
    return recompute.summary("Cost", painted)


def main(url: str) -> int:
    print(summary(measure(url)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/cost-estimator/"))
