"""Python's start-up on the Decide page: an earlier commit against the working tree, side by side.

Usage: ``.venv/bin/python bench/ab.py REV [RUNS]`` (RUNS defaults to 7);
``AB_TIER=10`` holds every visit's link at 10 Mbit/s (bench/run.py's tiers;
default loopback); ``AB_PATH=cost-estimator/`` visits the Cost page instead.

Builds the snapshot site twice, from a temporary git worktree of ``REV`` and
from this working tree, serves both with the real nginx configuration, and
makes RUNS rounds of cold visits (a fresh browser profile each, as
``bench/run.py`` does): the bare Pyodide page, REV's Decide page and this
tree's, the order reversed every other round. Prints the medians and the
ratios, all from the one run, so a change can be judged on whether it added
start-up time, whatever the machine's load does to the absolute times.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT / "deploy")]
import local_nginx  # noqa: E402
import make_dist  # noqa: E402
import run  # noqa: E402  (bench/run.py: its bare page and cold visit)

#: The page visited; AB_PATH=cost-estimator/ times the Cost page instead.
PATH = os.environ.get("AB_PATH", "decide/?own_knowledge=yes")
TIER = os.environ.get("AB_TIER", "loopback")


def _build(tree: Path, site: Path) -> None:
    # PYTHONPATH: the hooks import `calculators`, which must be the tree's own.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHON_SNAPSHOT": "1", "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=tree, env=env, check=True)
    make_dist.precompress(site)


def main(rev: str, runs: int) -> int:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"bare": [], rev: [], "this tree": []}
    sizes: dict[str, list[int]] = {kind: [] for kind in times}
    with tempfile.TemporaryDirectory(prefix="bench-ab-") as tmp, ExitStack() as stack:
        old = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(old), rev], cwd=ROOT, check=True)
        stack.callback(subprocess.run, ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
        (old / "node_modules").symlink_to(ROOT / "node_modules")  # the same Pyodide for both
        print(f"building {rev} and this tree…", file=sys.stderr)
        _build(old, Path(tmp) / "old")
        _build(ROOT, Path(tmp) / "new")
        run.add_bare_page(Path(tmp) / "new")
        old_url = stack.enter_context(local_nginx.serve(Path(tmp) / "old"))
        new_url = stack.enter_context(local_nginx.serve(Path(tmp) / "new"))
        order = [("bare", run.bare_url(new_url)), (rev, old_url + PATH), ("this tree", new_url + PATH)]
        with sync_playwright() as playwright:
            for i in range(runs):
                for kind, url in order if i % 2 == 0 else order[::-1]:
                    visit = run.cold_visit(playwright, url, TIER)
                    times[kind].append(visit["ready_ms"])
                    sizes[kind].append(visit["bytes"])
                    print(f"run {i + 1}/{runs} {kind}: {visit['ready_ms']:.0f} ms ({visit['python']})", file=sys.stderr)
    medians = {kind: statistics.median(values) for kind, values in times.items()}
    print(f"| page: {PATH} ({runs} cold visits each, alternating, link: {TIER}) | median ms | x bare | MB |\n|---|---:|---:|---:|")
    for kind, median in medians.items():
        print(f"| {kind} | {median:.0f} | {median / medians['bare']:.3f} | {statistics.median(sizes[kind]) / 1e6:.2f} |")
    print(f"\nthis tree / {rev}: {medians['this tree'] / medians[rev]:.3f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 7))
