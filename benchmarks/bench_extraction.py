"""Entity extraction speed (words per CPU-second, one core) on generated articles.

    python -m benchmarks.bench_extraction [--count 2000]

Times ``index.analysis.analyse`` (sentences + mentions) per article, and corpus-wide resolution
separately, on the deterministic generated corpus; lexicon loading is reported apart.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.machine import describe
from index import clean, lexicon, sources
from index.aliases import resolve
from index.analysis import analyse, entities_of


def run(count: int, workdir: Path) -> dict:
    corpus = workdir / f"corpus-{count}"
    if not corpus.exists():
        generate(corpus, count)
    entries, _ = sources.scan(corpus)
    articles = []
    for e in entries:
        doc, _ = sources.read(e)
        if doc is not None:
            art, _ = clean.clean(doc, e.path)
            if art is not None:
                articles.append(art)
    words = sum(len(a.text.split()) for a in articles)
    t = time.process_time()
    lexicon.places()
    lexicon.titles()
    lexicon.is_first_name("Anna")
    load = time.process_time() - t
    t = time.process_time()
    analyses = {a.id: analyse(a) for a in articles}
    extract_s = time.process_time() - t
    t = time.process_time()
    records = resolve({aid: entities_of(a) for aid, a in analyses.items()})
    resolve_s = time.process_time() - t
    return {
        "machine": describe(),
        "articles": len(articles),
        "words": words,
        "lexicon_load_cpu_s": round(load, 2),
        "extraction_cpu_s": round(extract_s, 2),
        "words_per_cpu_s": round(words / extract_s),
        "resolution_cpu_s": round(resolve_s, 2),
        "entities": len(records),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--workdir", type=Path)
    ns = ap.parse_args()
    workdir = ns.workdir or Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(json.dumps(run(ns.count, workdir), indent=1))


if __name__ == "__main__":
    main()
