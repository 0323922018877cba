"""Reader speed in a real terminal (tmux): launch to first paint, launch to first results, and
keystroke to results, with a ready index.

    python -m benchmarks.bench_tui [--corpus DIR] [--runs 5] [--query WORD]

First paint = the search bar is drawn; first results = the status line counts the articles;
keystroke to results = from typing a query (one burst of keys) to the status line showing its
matches (includes the 0.15 s search-as-you-type debounce). Medians of --runs launches; needs tmux.
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.machine import describe
from index.locations import bundled_corpus
from index.pipeline import build

SESSION = "broadsheet-bench"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def wait(predicate: object, timeout: float = 120.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate(tmux("capture-pane", "-p", "-t", SESSION)):  # type: ignore[operator]
            return time.perf_counter()
        time.sleep(0.005)
    raise TimeoutError(tmux("capture-pane", "-p", "-t", SESSION))


def once(corpus: Path, index_dir: Path, query: str) -> tuple[float, float, float]:
    tmux("kill-session", "-t", SESSION)
    command = f"{shlex.quote(sys.executable)} -m tui {shlex.quote(str(corpus))} --index {shlex.quote(str(index_dir))}"
    tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", "sleep 0.3; exec " + command)
    tmux("set-option", "-t", SESSION, "window-size", "manual")
    start = time.perf_counter() + 0.3
    painted = wait(lambda s: "Search:" in s)
    ready = wait(lambda s: " articles" in s)
    sent = time.perf_counter()
    tmux("send-keys", "-t", SESSION, *query)  # a burst of keys, as a user types
    found = wait(lambda s: " match" in s)
    tmux("kill-session", "-t", SESSION)
    return painted - start, ready - start, found - sent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=bundled_corpus())
    ap.add_argument("--index", type=Path, help="index folder (built first if needed)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--query", default="Sudani")
    ns = ap.parse_args()
    index_dir = ns.index or Path("/tmp/broadsheet-bench-tui") / ns.corpus.name
    report = build(ns.corpus, index_dir)
    runs = [once(ns.corpus, index_dir, ns.query) for _ in range(ns.runs)]
    paint, ready, keys = (sorted(x) for x in zip(*runs, strict=True))
    print(json.dumps({
        "machine": describe(),
        "corpus": str(ns.corpus),
        "articles": report.articles,
        "runs": ns.runs,
        "first_paint_s": round(statistics.median(paint), 3),
        "first_results_s": round(statistics.median(ready), 3),
        "keystroke_to_results_s": round(statistics.median(keys), 3),
        "keystroke_to_results_max_s": round(keys[-1], 3),
    }, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
