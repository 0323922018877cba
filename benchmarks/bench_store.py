"""Corpus-store benchmark: build, update, size, query, reader and anchor figures in one JSON report.

    python -m benchmarks.bench_store --count 10000 --workdir /tmp/bench-store [--queries 30]
        [--skip-anchors] [--skip-tui] [--out FILE]

The generated corpus is cached in the work folder (``corpus-COUNT``); the index lives where the
reader looks for it by default, with ``BROADSHEET_CACHE_DIR`` set to ``WORKDIR/cache``. Every build
step runs in a fresh ``python -c`` process that prints its wall time and peak RSS (its own and its
pool workers') as JSON. Sections are printed to stderr and the report file rewritten as each one
finishes, so a run stopped part-way keeps what it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate import generate
from benchmarks.machine import describe

REPO = Path(__file__).resolve().parent.parent  # put first on the children's path: they run this checkout

#: invented words that appear nowhere in generated text: the one-file change is found by them
CHANGE_PERSON = "Tavish Quorrendale"
CHANGE_SENTENCE = f"\n{CHANGE_PERSON} arrived in Basra on March 3, 2021, officials said.\n"
ADDED_FOLDER = "added-seed99"
ADDED_SEED = 99
ADDED_COUNT = 10

QUERIES: dict[str, list[str]] = {
    "term": ["government", "Lindqvist", "harvest", "Kirkuk", "officials"],
    "and": ["strike AND Basra", "ceasefire AND Mosul", "sanctions AND Tehran", "budget AND Cairo"],
    "or": ["floods OR harvest", "Erbil OR Najaf", "strike OR protests", "Brennan OR Osei"],
    "phrase": ['"drone attack"', '"trade deal"', '"Central Bank"', '"Harbour Authority"', '"coming weeks"'],
    "prefix": ["negot*", "sanct*", "invest*", "elect*", "withdr*"],
    "fuzzy": ["Kowalsky~", "Nakamora~", "Petrof~", "Haddat~", "Castilo~"],
    "title": ["title:floods", "title:Baghdad", "title:ceasefire", "title:Mosul"],
    "date_year": ["date:2021", "talks date:2020", "date:2022"],
    "date_range": ["date:[2020-01 to 2020-06]", "strike date:[2021-03 to 2021-09]"],
    "entity": ["entity:Baghdad", 'entity:"Central Bank"', "entity:Basra", 'entity:"Supreme Court"'],
}
#: the same words for the FTS5 anchor (its own query syntax)
ANCHOR_QUERIES = {"term": QUERIES["term"], "phrase": QUERIES["phrase"]}

BUILD_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from index.pipeline import build
imported = time.perf_counter()
report = build(Path(sys.argv[1]), Path(sys.argv[2]))
built = time.perf_counter()
out = {"import_s": imported - started, "build_s": built - imported, "articles": report.articles,
       "added": report.added, "updated": report.updated, "removed": report.removed,
       "unchanged": report.unchanged, "rebuilt": report.rebuilt, "stale": report.stale,
       "stages_s": getattr(report, "timings", {})}
if len(sys.argv) > 3:  # time until the change is searchable: open the new generation and find it
    from index.search import Searcher
    from index.store import IndexStore
    with Searcher(IndexStore(Path(sys.argv[2])).current()) as s:
        out["probe_hits"] = s.search(sys.argv[3], limit=20).total
    out["reflected_s"] = time.perf_counter() - imported
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
out.update(rss_self_mb=me.ru_maxrss / 1024, rss_children_mb=kids.ru_maxrss / 1024)
print(json.dumps(out))
"""

READER_CHILD = r"""
import json, sys
from pathlib import Path
from benchmarks.bench_store import reader_entity_page
print(json.dumps(reader_entity_page(Path(sys.argv[1]), Path(sys.argv[2]))))
"""


# ---- helpers
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rounded(data: Any, digits: int = 3) -> Any:
    """Floats rounded for the report, recursively."""
    if isinstance(data, float):
        return round(data, digits)
    if isinstance(data, dict):
        return {k: rounded(v, digits) for k, v in data.items()}
    if isinstance(data, list):
        return [rounded(v, digits) for v in data]
    return data


def folder_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def rss_mb() -> dict[str, float]:
    """Current resident set (from /proc) and peak, in MB."""
    current = 0.0
    try:
        with open("/proc/self/status") as fh:
            line = next(x for x in fh if x.startswith("VmRSS:"))
            current = int(line.split()[1]) / 1024
    except (OSError, StopIteration, ValueError):
        pass
    return {"rss_mb": current, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_child(code: str, *args: str) -> dict[str, Any]:
    """Run ``python -c code args`` and return the JSON it prints last, plus the wall time seen from here."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-5:], "wall_s": wall}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


# ---- corpus
def prepare_corpus(workdir: Path, count: int) -> Path:
    """The cached generated corpus, put back as generated (no earlier run's change or additions)."""
    corpus = workdir / f"corpus-{count}"
    if not (corpus / "0000").is_dir():
        generate(corpus, count)
    shutil.rmtree(corpus / ADDED_FOLDER, ignore_errors=True)
    target = changed_file(corpus)
    text = target.read_text(encoding="utf-8")
    if text.endswith(CHANGE_SENTENCE):
        target.write_text(text[: -len(CHANGE_SENTENCE)], encoding="utf-8")
    return corpus


def changed_file(corpus: Path) -> Path:
    return min((corpus / "0000").glob("*.md"))


def corpus_texts(corpus: Path) -> list[tuple[str, str]]:
    """(relative path, raw text) of every file, in path order."""
    return [(str(p.relative_to(corpus)), p.read_text(encoding="utf-8")) for p in sorted(corpus.rglob("*.*"))]


# ---- sections
def build_steps(corpus: Path, index_dir: Path) -> dict[str, Any]:
    """Full build, no-change re-run, one changed file, ten added files: each in a fresh process."""
    out: dict[str, Any] = {}
    shutil.rmtree(index_dir, ignore_errors=True)
    full = run_child(BUILD_CHILD, str(corpus), str(index_dir))
    if "build_s" in full:
        full["articles_per_s"] = full["articles"] / full["build_s"]
    out["full"] = full
    out["noop"] = run_child(BUILD_CHILD, str(corpus), str(index_dir))
    target = changed_file(corpus)
    with target.open("a", encoding="utf-8") as fh:
        fh.write(CHANGE_SENTENCE)
    out["one_changed"] = run_child(BUILD_CHILD, str(corpus), str(index_dir), f'"{CHANGE_PERSON}"')
    generate(corpus / ADDED_FOLDER, ADDED_COUNT, seed=ADDED_SEED)
    out["ten_added"] = run_child(BUILD_CHILD, str(corpus), str(index_dir))
    return out


def index_sizes(index_dir: Path) -> dict[str, Any]:
    """Bytes of each top-level entry of the live generation, and of the whole index folder."""
    from index.store import IndexStore

    gen = IndexStore(index_dir).current()
    if gen is None:
        return {"error": "no intact generation"}
    parts = {p.name: folder_bytes(p) for p in sorted(gen.path.iterdir())}
    return {
        "generation": gen.path.name,
        "parts_bytes": parts,
        "generation_bytes": sum(parts.values()),
        "index_folder_bytes": folder_bytes(index_dir),
    }


def query_latencies(index_dir: Path, runs: int) -> dict[str, Any]:
    """Searcher open time and p50/p95 per query kind (top 20 with snippets), after one warm-up query."""
    from index.search import QueryError, Searcher
    from index.store import IndexStore

    gen = IndexStore(index_dir).current()
    if gen is None:
        return {"error": "no intact generation"}
    searcher, open_s = timed(lambda: Searcher(gen))
    out: dict[str, Any] = {"searcher_open_ms": open_s * 1000}
    with searcher:
        searcher.search("government", limit=20)
        kinds: dict[str, Any] = {}
        for kind, queries in QUERIES.items():
            times, hits, errors = [], {}, []
            for i in range(runs):
                q = queries[i % len(queries)]
                started = time.perf_counter()
                try:
                    hits[q] = searcher.search(q, limit=20).total
                except QueryError as err:
                    errors.append(str(err))
                times.append((time.perf_counter() - started) * 1000)
            kinds[kind] = {"p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95), "hits": hits}
            if errors:
                kinds[kind]["errors"] = sorted(set(errors))
        out["kinds"] = kinds
    return out


def reader_entity_page(corpus: Path, index_dir: Path) -> dict[str, Any]:
    """Open the reader's library, then the most-mentioned entity's page and timeline (the first
    page of each list, as the entity screen asks) and one of its articles; times of each step and
    the process RSS after browsing."""
    from index.store import IndexStore
    from tui.library import Library

    out: dict[str, Any] = {}
    started = time.perf_counter()
    library = Library(corpus, IndexStore(index_dir), None)
    out["library_open_s"] = time.perf_counter() - started
    top_list, out["top_entity_s"] = timed(lambda: library.db.entities(limit=1))
    if not top_list:
        return {**out, "error": "no entities", **rss_mb()}
    top = top_list[0]
    out.update(entity=top.name, entity_mentions=top.mention_count)
    page = 51  # the entity screen's page size, plus one to know whether there are more
    found, out["entity_s"] = timed(lambda: library.entity(top.name))
    passages, out["passages_page_s"] = timed(lambda: library.passages(top.id, page))
    linked, out["linked_s"] = timed(lambda: library.linked(top.id, page))
    events, out["entity_events_s"] = timed(lambda: library.entity_events(top.id, page))
    out["entity_page_s"] = out["entity_s"] + out["passages_page_s"] + out["linked_s"] + out["entity_events_s"]
    _, out["entity_timeline_all_s"] = timed(lambda: library.entity_events(top.id))
    out.update(found=found is not None, passages=len(passages), links=len(linked), events=len(events))
    aid = library.db.mentions(top.id, 1, max(0, top.mention_count - 1))[0].article  # not cached by passages()

    def open_article() -> int:
        library.article(aid)
        library.mentions_in(aid)
        library.entities_in(aid)
        return len(library.events_of(aid))

    _, out["article_open_s"] = timed(open_article)
    library.close()
    out["after_browsing"] = rss_mb()
    return out


def tui_figures(corpus: Path, index_dir: Path, workdir: Path, runs: int = 3) -> dict[str, Any]:
    """Launch to first paint / first results and keystroke to results, in a private tmux server."""
    from benchmarks import bench_tui

    os.environ["TMUX_TMPDIR"] = str(workdir / "tmux")  # our own tmux server, started with our environment
    os.environ.pop("TMUX", None)
    (workdir / "tmux").mkdir(exist_ok=True)
    if shutil.which("tmux") is None:
        return {"error": "tmux not found"}
    try:
        results = [bench_tui.once(corpus, index_dir, "Sudani") for _ in range(runs)]
    except TimeoutError as err:
        return {"error": "timeout", "screen": str(err)[-2000:]}
    finally:
        subprocess.run(["tmux", "kill-server"], capture_output=True, check=False)
    paint, ready, keys = (sorted(x) for x in zip(*results, strict=True))
    return {
        "runs": runs,
        "first_paint_s": statistics.median(paint),
        "first_results_s": statistics.median(ready),
        "keystroke_to_results_s": statistics.median(keys),
        "keystroke_to_results_max_s": keys[-1],
    }


def whoosh_anchor(texts: list[tuple[str, str]], folder: Path, **writer_args: Any) -> dict[str, Any]:
    """A bare Whoosh index (id + stored stemmed body) of the raw texts."""
    from whoosh import fields, index
    from whoosh.analysis import StemmingAnalyzer

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True), body=fields.TEXT(stored=True, analyzer=StemmingAnalyzer())
    )
    ix = index.create_in(str(folder), schema)
    writer = ix.writer(**writer_args)
    for path, text in texts:
        writer.add_document(id=path, body=text)
    writer.commit()
    elapsed = time.perf_counter() - started
    return {"build_s": elapsed, "docs_per_s": len(texts) / elapsed, "bytes": folder_bytes(folder)}


def fts5_anchor(texts: list[tuple[str, str]], folder: Path, runs: int) -> dict[str, Any]:
    """An SQLite FTS5 table of the raw texts (porter stemming) and its query p50/p95 with snippets."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db_path = folder / "fts.db"
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO docs (id, body) VALUES (?, ?)", texts)
    db.commit()
    elapsed = time.perf_counter() - started
    sql = "SELECT id, snippet(docs, 1, '[', ']', '…', 20) FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 20"
    db.execute(sql, ("government",)).fetchall()  # warm-up
    kinds = {}
    for kind, queries in ANCHOR_QUERIES.items():
        times = []
        for i in range(runs):
            q = queries[i % len(queries)]
            t = time.perf_counter()
            db.execute(sql, (q,)).fetchall()
            times.append((time.perf_counter() - t) * 1000)
        kinds[kind] = {"p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95)}
    db.close()
    return {"build_s": elapsed, "docs_per_s": len(texts) / elapsed, "bytes": folder_bytes(folder), "queries": kinds}


def anchors(corpus: Path, workdir: Path, runs: int) -> dict[str, Any]:
    texts = corpus_texts(corpus)
    return {
        "docs": len(texts),
        "whoosh_1_writer": whoosh_anchor(texts, workdir / "anchor-whoosh-1"),
        "whoosh_2_procs": whoosh_anchor(texts, workdir / "anchor-whoosh-2", procs=2, multisegment=True),
        "fts5": fts5_anchor(texts, workdir / "anchor-fts5", runs),
    }


def ratios(report: dict[str, Any]) -> dict[str, Any]:
    """Our figures over the anchors' (missing inputs give no ratio)."""
    out: dict[str, Any] = {}
    try:
        anchor = report["anchors"]
        out["full_build_rate_over_whoosh_2_procs"] = (
            report["build"]["full"]["articles_per_s"] / anchor["whoosh_2_procs"]["docs_per_s"]
        )
        out["index_folder_over_bare_whoosh"] = report["size"]["index_folder_bytes"] / anchor["whoosh_2_procs"]["bytes"]
        out["index_folder_over_bare_whoosh_1_writer"] = (
            report["size"]["index_folder_bytes"] / anchor["whoosh_1_writer"]["bytes"]
        )
        # the folder keeps earlier generations too: the live one alone, for comparison
        out["live_generation_over_bare_whoosh"] = report["size"]["generation_bytes"] / anchor["whoosh_2_procs"]["bytes"]
        for kind in ANCHOR_QUERIES:
            ours = report["queries"]["kinds"][kind]["p95_ms"]
            out[f"{kind}_query_p95_over_fts5"] = ours / anchor["fts5"]["queries"][kind]["p95_ms"]
    except (KeyError, TypeError, ZeroDivisionError) as err:
        out["missing"] = str(err)
    return out


# ---- driver
def run(ns: argparse.Namespace) -> dict[str, Any]:
    workdir: Path = ns.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["BROADSHEET_CACHE_DIR"] = str(workdir / "cache")  # before index.locations is asked
    from index.locations import default_index_dir

    report: dict[str, Any] = {"machine": describe(), "count": ns.count, "loadavg_start": list(os.getloadavg())}

    def section(name: str, value: Any) -> None:
        report[name] = rounded(value)
        print(f"[bench_store] {name}: {json.dumps(report[name])}", file=sys.stderr, flush=True)
        if ns.out:
            ns.out.write_text(json.dumps(report, indent=1) + "\n")

    corpus, gen_s = timed(lambda: prepare_corpus(workdir, ns.count))
    index_dir = default_index_dir(corpus)
    section("corpus", {"path": str(corpus), "index": str(index_dir), "prepare_s": gen_s})
    section("build", build_steps(corpus, index_dir))
    section("size", index_sizes(index_dir))
    section("queries", query_latencies(index_dir, ns.queries))
    section("reader", run_child(READER_CHILD, str(corpus), str(index_dir)))
    if not ns.skip_tui:
        section("tui", tui_figures(corpus, index_dir, workdir))
    if not ns.skip_anchors:
        section("anchors", anchors(corpus, workdir, ns.queries))
        section("ratios", ratios(report))
    section("loadavg_end", list(os.getloadavg()))
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/bench-store"))
    ap.add_argument("--queries", type=int, default=30, help="runs per query kind")
    ap.add_argument("--skip-anchors", action="store_true")
    ap.add_argument("--skip-tui", action="store_true")
    ap.add_argument("--out", type=Path, help="also write the JSON here (rewritten after every section)")
    ns = ap.parse_args()
    print(json.dumps(run(ns), indent=1))


if __name__ == "__main__":
    main()
