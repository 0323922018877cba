"""Ingest + query benchmark on generated articles.

    python -m benchmarks.bench_ingest_query [--count 10000] [--queries 50] [--workdir DIR]

Reports articles/s for a full build and for a no-change rebuild, the searcher open time, and
p50/p95 latency per query kind (top 20 hits with highlighted snippets, as the CLI and reader ask).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.machine import describe
from index.pipeline import build
from index.search import Searcher
from index.store import IndexStore

QUERIES = {
    "common term": ["government", "officials", "region", "talks", "said"],
    "rare term": ["Lindqvist", "Karbala", "harvest", "Brennan", "Kirkuk"],
    "two-term AND": ["strike Basra", "ceasefire Mosul", "sanctions Tehran", "budget Cairo", "floods Erbil"],
    "phrase": ['"drone attack"', '"trade deal"', '"Central Bank"', '"Harbour Authority"', '"coming weeks"'],
    "prefix": ["negot*", "sanct*", "invest*", "elect*", "withdr*"],
    "fuzzy": ["Kowalsky~", "Nakamora~", "Petrof~", "Haddat~", "Castilo~"],
    "date range": ["talks date:2021", "strike date:[2020-01 to 2020-06]", "floods date:>2022"],
}


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def run(count: int, queries: int, workdir: Path) -> dict:
    corpus = workdir / f"corpus-{count}"
    if not corpus.exists():
        generate(corpus, count)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.rglob("*.*"))
    ix_dir = workdir / f"index-{count}"
    shutil.rmtree(ix_dir, ignore_errors=True)
    t = time.perf_counter()
    report = build(corpus, ix_dir)
    full = time.perf_counter() - t
    t = time.perf_counter()
    build(corpus, ix_dir)
    noop = time.perf_counter() - t
    gen = IndexStore(ix_dir).current()
    assert gen is not None
    t = time.perf_counter()
    searcher = Searcher(gen)
    open_ms = (time.perf_counter() - t) * 1000
    latencies: dict[str, dict[str, float]] = {}
    with searcher:
        for kind, qs in QUERIES.items():
            times = []
            for i in range(queries):
                q = qs[i % len(qs)]
                t = time.perf_counter()
                searcher.search(q, limit=20)
                times.append((time.perf_counter() - t) * 1000)
            latencies[kind] = {"p50_ms": round(percentile(times, 0.5), 1), "p95_ms": round(percentile(times, 0.95), 1)}
    size = sum(f.stat().st_size for f in gen.path.rglob("*") if f.is_file())
    return {
        "machine": describe(),
        "articles": report.articles,
        "words": words,
        "full_build_s": round(full, 1),
        "articles_per_s": round(report.articles / full, 1),
        "noop_update_s": round(noop, 2),
        "index_mb": round(size / 1e6, 1),
        "searcher_open_ms": round(open_ms, 1),
        "queries": latencies,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=50, help="runs per query kind")
    ap.add_argument("--workdir", type=Path, help="keep generated corpora and indexes here")
    ns = ap.parse_args()
    workdir = ns.workdir or Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(json.dumps(run(ns.count, ns.queries, workdir), indent=1))


if __name__ == "__main__":
    main()
