"""Runs the stages: scan -> read -> clean -> (de-duplicate) -> index, incrementally.

A manifest of file fingerprints (size, mtime, SHA-256) tells which files were added, changed or
removed since the last build; only those are read again. Progress and cancellation are
callbacks, so the CLI can draw a bar and the reader can build in a worker.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import clean, corpusdb, corrections, derive, sources
from .analysis import analyse, analysis_notes, name_keys
from .lifeline import die_with_parent
from .locations import CorpusError, check_corpus, index_dir_for  # noqa: F401 (part of this module's API)
from .models import Article, Problem
from .settings import DEFAULT_SETTINGS, Settings, index_fingerprint
from .spool import Spool
from .store import Build, BuildLocked, IndexStore, IndexWriteError, writing
from .timing import Timings, timed


class BuildCancelled(Exception):
    """The caller asked to stop; the previous index is untouched."""


@dataclass(frozen=True)
class Progress:
    """How far a build has got."""

    done: int
    total: int
    path: str | None = None
    stage: str = "reading files"


@dataclass
class BuildReport:
    """What a build did and found."""

    corpus: Path
    index_dir: Path
    articles: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    problems: list[Problem] = field(default_factory=list)  # every known problem in the corpus
    new_problems: list[Problem] = field(default_factory=list)  # found by this run
    elapsed: float = 0.0
    #: why the index could not be brought up to date (locked by another build, disk full,
    #: read-only); the last good generation is what readers see. None when the index is current.
    stale: str | None = None
    #: what re-deriving entities, links and clusters touched (None when nothing was derived)
    derivation: derive.Outcome | None = None
    #: seconds spent in each stage of the build
    timings: Timings = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether readers should open the index again: files changed, or entities were derived anew
        (the corrections changed)."""
        return bool(self.added or self.updated or self.removed or self.rebuilt or self.stale or self.derivation)

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.skipped)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "article"


def assign_ids(paths: list[str]) -> dict[str, str]:
    """Stable, unique ids from relative paths (see :func:`assign_ids_reporting`)."""
    return assign_ids_reporting(paths)[0]


def assign_ids_reporting(paths: list[str]) -> tuple[dict[str, str], list[Problem]]:
    """Stable ids from relative paths: the slug of the path without its extension; if two files
    differ only by extension, both keep the extension in their id. Paths whose slugs still
    collide (``world/iraq.md`` and ``world-iraq.md``) never share an id: the first in sorted
    order keeps the slug, each later one gets a suffix hashed from its own path, and a warning
    names both files."""
    stems = {p: p.rsplit(".", 1)[0] for p in paths}
    counts: dict[str, int] = {}
    for stem in stems.values():
        counts[stem] = counts.get(stem, 0) + 1
    wanted = {p: _slug(stem if counts[stem] == 1 else p) for p, stem in stems.items()}
    ids: dict[str, str] = {}
    owner: dict[str, str] = {}
    problems: list[Problem] = []
    taken = set(wanted.values())
    for path in sorted(paths, key=lambda p: (wanted[p], p)):
        slug = wanted[path]
        if slug not in owner:
            ids[path], owner[slug] = slug, path
            continue
        unique = _suffixed_id(slug, path, taken)
        taken.add(unique)
        ids[path], owner[unique] = unique, path
        problems.append(Problem(path, f"has the same id as {owner[slug]} ({slug}); indexed as {unique}", skipped=False))
    return ids, problems


def _suffixed_id(slug: str, path: str, taken: set[str]) -> str:
    """``slug`` plus the shortest prefix (6+ hex digits) of the path's hash that no other id uses."""
    digest = hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()
    for length in range(6, len(digest) + 1):
        candidate = f"{slug}-{digest[:length]}"
        if candidate not in taken:
            return candidate
    return f"{slug}-{digest}-{len(taken)}"  # unreachable in practice: 2**256 paths


def build(
    corpus: Path,
    index_dir: Path | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    progress: Callable[[Progress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    force: bool = False,
) -> BuildReport:
    """Bring the index of ``corpus`` up to date and report what changed."""
    started = time.perf_counter()
    corpus = check_corpus(corpus)
    store = IndexStore(index_dir_for(corpus, index_dir))
    report = BuildReport(corpus, store.root)
    with timed(report.timings, "scan folder"):
        entries, scan_problems = sources.scan(corpus)
        ids, id_problems = assign_ids_reporting([e.path for e in entries])
    scan_problems = scan_problems + id_problems
    store.check_folder()
    with timed(report.timings, "check index"):
        damage = store.damage()
        if damage is not None:
            scan_problems.append(Problem(str(store.root), damage, skipped=False))
        old = None if force or damage is not None else store.manifest()
    try:
        return _build(corpus, store, report, entries, scan_problems, ids, old, settings, progress, cancel, started)
    except (BuildLocked, IndexWriteError) as err:
        if store.current() is None:
            raise
        return _last_good(store, report, scan_problems, str(err), started)


def _last_good(
    store: IndexStore, report: BuildReport, scan_problems: list[Problem], why: str, started: float
) -> BuildReport:
    """The report of a build that could not run: readers get the last good generation."""
    gen = store.current()
    manifest = gen.manifest() if gen is not None else {"files": {}}
    records: dict[str, dict[str, Any]] = manifest["files"]
    report.stale = f"{why}; showing the last complete index"
    report.unchanged = len(records)
    report.articles = sum(1 for r in records.values() if r["status"] == "indexed")
    report.problems = scan_problems + _record_problems(records)
    report.new_problems = [Problem(str(store.root), report.stale.split(": ", 1)[-1], skipped=False), *scan_problems]
    report.elapsed = time.perf_counter() - started
    return report


def _build(
    corpus: Path,
    store: IndexStore,
    report: BuildReport,
    entries: list[sources.FileEntry],
    scan_problems: list[Problem],
    ids: dict[str, str],
    old: dict[str, Any] | None,
    settings: Settings,
    progress: Callable[[Progress], None] | None,
    cancel: Callable[[], bool] | None,
    started: float,
) -> BuildReport:
    old_files: dict[str, dict[str, Any]] = old["files"] if old else {}
    report.rebuilt = old is None
    try:
        fixes_hash = corrections.fingerprint(corpus)
    except corrections.CorrectionsError:
        fixes_hash = "unreadable"  # reported when the corrections are loaded below; the build goes on

    records: dict[str, dict[str, Any]] = {}
    fresh: dict[str, tuple[int, int]] = {}  # path -> handle of its article in the spool
    todo = []
    for e in entries:
        prev = old_files.get(e.path)
        if prev and prev["size"] == e.size and prev["mtime_ns"] == e.mtime_ns and prev.get("id") == ids[e.path]:
            records[e.path] = dict(prev)
        else:
            todo.append(e)
    removed = set(old_files) - {e.path for e in entries}
    was_indexed = {p for p, r in old_files.items() if r["status"] == "indexed"}

    if old is not None and not todo and not removed and old.get("corrections") == fixes_hash:
        report.unchanged = len(records)
        report.articles = sum(1 for r in records.values() if r["status"] == "indexed")
        report.problems = scan_problems + _record_problems(records)
        report.elapsed = time.perf_counter() - started
        return report

    timings = report.timings
    # analysed articles wait in the spool until every file is read (then duplicates are known)
    with store.build(incremental=old is not None, timings=timings) as b, _spool(b.root) as spool:

        def apply(p: Processed) -> None:
            rec = p.record
            prev = old_files.get(p.path)
            if p.touched and prev:
                rec.update({k: prev[k] for k in ("status", "content_hash", "metadata_fields", "problems") if k in prev})
                records[p.path] = rec  # touched, not changed
                return
            if p.article is not None and p.analysis is not None:
                with writing(b.root):  # a full disk is the index's problem: the last good one is kept
                    fresh[p.path] = spool.put(p.article, p.analysis)
            records[p.path] = rec
            report.new_problems.extend(p.problems)

        def prev_sha(e: sources.FileEntry) -> str | None:
            prev = old_files.get(e.path)
            return prev.get("sha256") if prev and prev.get("id") == ids[e.path] else None

        jobs = [(e, ids[e.path], prev_sha(e)) for e in todo]
        with timed(timings, "read and analyse files"):
            for n, processed in enumerate(_process_all(jobs, settings, cancel), 1):
                apply(processed)
                if progress is not None:
                    progress(Progress(n, len(todo), processed.path))
        _mark_duplicates(records, report)
        # a file that became the original of a duplicate group needs its article read again
        for path, record in sorted(records.items()):
            if record["status"] == "indexed" and path not in fresh and path not in was_indexed:
                entry = next(e for e in entries if e.path == path)
                apply(process_file(entry, ids[path], settings, None))
        if progress is not None:
            progress(Progress(len(todo), len(todo), stage="storing articles"))
        with timed(timings, "store articles"):
            touched, seeds = _store_articles(b, records, old_files, removed | set(fresh) | was_indexed, fresh,
                                                spool)  # fmt: skip
        try:
            fixes = corrections.load(corpus)
        except corrections.CorrectionsError as err:
            fixes = corrections.Corrections()
            report.new_problems.append(Problem(corrections.FILENAME, str(err).split(": ", 1)[-1], skipped=False))
        if progress is not None:
            progress(Progress(len(todo), len(todo), stage="linking entities and events"))
        full = old is None or old.get("corrections") != fixes_hash

        def check() -> None:
            if cancel is not None and cancel():
                raise BuildCancelled("index build cancelled; the previous index is unchanged")

        outcome = derive.refresh(b.db, touched, seeds, full, fixes, corrections.FILENAME, check, timings)
        report.new_problems.extend(outcome.problems)
        report.derivation = outcome
        b.manifest = {
            "fingerprint": index_fingerprint(),
            "corpus": str(corpus),
            "files": records,
            "corrections": fixes_hash,
        }

    report.added = sum(1 for p in fresh if p not in old_files and records[p]["status"] == "indexed")
    report.updated = sum(1 for p in fresh if p in old_files and records[p]["status"] == "indexed")
    report.removed = len(removed)
    report.unchanged = len(records) - len(todo)
    report.articles = sum(1 for r in records.values() if r["status"] == "indexed")
    report.problems = scan_problems + _record_problems(records)
    report.new_problems = scan_problems + report.new_problems
    report.elapsed = time.perf_counter() - started
    return report


@contextlib.contextmanager
def _spool(root: Path) -> Iterator[Spool]:
    """The build's spool, in the index folder (a failure to make it is one of writing the index)."""
    with writing(root):
        spool = Spool(root)
    with spool:
        yield spool


def _store_articles(
    b: Build,
    records: dict[str, dict[str, Any]],
    old_files: dict[str, dict[str, Any]],
    touched: set[str],
    fresh: dict[str, tuple[int, int]],
    spool: Spool,
) -> tuple[set[str], derive.Touched]:
    """Remove the articles that changed or left the index, then add the fresh ones: their text to
    Whoosh, their analysis and per-article parts to the corpus database. Returns the ids of the
    articles removed or added, and what resolution must read again: every key of an article added
    or removed, the keys an article stored again changed, and the atoms of their old versions."""
    ids: set[str] = set()
    seeds = derive.Touched()
    before: dict[str, derive.StoredParts] = {}  # article id -> its parts as they were stored
    for path in sorted(touched):
        old_rec = old_files.get(path)
        rec = records.get(path)
        if old_rec and old_rec["status"] == "indexed" and (rec is None or rec["status"] != "indexed" or path in fresh):
            b.delete(old_rec["id"])
            before[old_rec["id"]] = derive.stored_parts(b.db, old_rec["id"])
            corpusdb.delete_article(b.db, old_rec["id"])
            derive.drop_parts(b.db, old_rec["id"])
            ids.add(old_rec["id"])
    for path in sorted(fresh):
        if records[path]["status"] == "indexed":
            article, analysis = spool.get(fresh[path])
            b.add(article, name_keys(analysis))
            corpusdb.put_article(b.db, article.id, analysis)
            derive.store_parts(b.db, article.id, analysis)
            ids.add(article.id)
            was = before.pop(article.id, None)
            if was is None:
                seeds.keys |= derive.keys_of(b.db, [article.id])
            else:
                changed = derive.changed_keys(b.db, article.id, was)
                seeds.keys |= changed
                seeds.atoms |= was.atoms(article.id, changed)
    for article_id, was in before.items():
        seeds.keys |= set(was.by_key)
        seeds.atoms |= was.atoms(article_id, set(was.by_key))
    return ids, seeds


@dataclass
class Processed:
    """One file read, cleaned and analysed (possibly in another process)."""

    path: str
    record: dict[str, Any]
    article: Article | None = None
    analysis: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    touched: bool = False  # same bytes as in the previous build


def process_file(entry: sources.FileEntry, article_id: str, settings: Settings, prev_sha: str | None) -> Processed:
    """Read, clean and analyse one file (a pure function of the file, so it can run anywhere)."""
    doc, problems = sources.read(entry, settings)
    rec: dict[str, Any] = {"size": entry.size, "mtime_ns": entry.mtime_ns, "id": article_id,
                           "sha256": doc.sha256 if doc else None}  # fmt: skip
    if doc is not None and prev_sha == doc.sha256:
        return Processed(entry.path, rec, touched=True)
    article = analysis = None
    if doc is not None:
        try:
            article, more = clean.clean(doc, article_id, settings)
            problems += more
            analysis = analyse(article) if article is not None else None
            problems += [Problem(entry.path, note, skipped=False) for note in analysis_notes(analysis or {})]
        except Exception as err:  # one bad file never stops the build: it is reported and skipped
            article = None
            problems.append(Problem(entry.path, f"could not be read as an article ({type(err).__name__}: {err})"))
    if article is None or analysis is None:
        rec.update(status="skipped", problems=[_problem_dict(p) for p in problems])
        return Processed(entry.path, rec, problems=problems)
    meta = sum(1 for v in (article.title, article.published, article.source, article.url) if v)
    rec.update(status="indexed", content_hash=article.content_hash, metadata_fields=meta,
               problems=[_problem_dict(p) for p in problems])  # fmt: skip
    return Processed(entry.path, rec, article, analysis, problems)


def _process_all(
    jobs: list[tuple[sources.FileEntry, str, str | None]], settings: Settings, cancel: Callable[[], bool] | None
) -> Iterator[Processed]:
    """Process files in order; large batches use a pool of processes (one per core)."""
    workers = settings.workers or min(4, os.cpu_count() or 1)
    if workers < 2 or len(jobs) < settings.parallel_min_files:
        for e, aid, sha in jobs:
            if cancel is not None and cancel():
                raise BuildCancelled("index build cancelled; the previous index is unchanged")
            yield process_file(e, aid, settings, sha)
        return
    # spawn, not fork: the reader builds from a thread, and forking a threaded process can deadlock
    context = multiprocessing.get_context("spawn")
    done = 0
    try:
        _start_resource_tracker()
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            # a few chunks in flight at a time, results in order: a cancelled build waits only
            # for the chunks being processed (Executor.map would submit every file at once)
            chunks = [jobs[i : i + CHUNK_FILES] for i in range(0, len(jobs), CHUNK_FILES)]
            pending: collections.deque[Future[list[Processed]]] = collections.deque()
            try:
                for n in range(len(chunks)):
                    while len(pending) < IN_FLIGHT * workers and n + len(pending) < len(chunks):
                        pending.append(pool.submit(_process_chunk, chunks[n + len(pending)], settings))
                    for processed in pending.popleft().result():
                        if cancel is not None and cancel():
                            raise BuildCancelled("index build cancelled; the previous index is unchanged")
                        done += 1
                        yield processed
            finally:
                for future in pending:
                    future.cancel()
    except (BrokenProcessPool, PoolStartError):
        # workers could not start (a program read from stdin or a REPL has no __main__ file to
        # re-import): carry on in this process from where the pool stopped
        yield from _process_all(jobs[done:], replace(settings, workers=1), cancel)


#: files a worker process is given at a time, and chunks queued per worker
CHUNK_FILES = 8
IN_FLIGHT = 2


def _process_chunk(jobs: list[tuple[sources.FileEntry, str, str | None]], settings: Settings) -> list[Processed]:
    return [process_file(e, aid, settings, sha) for e, aid, sha in jobs]


class PoolStartError(Exception):
    """Worker processes cannot be started in this process."""


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the process's real stderr.

    The tracker is started with the file number of ``sys.stderr``; a full-screen app (the reader)
    replaces ``sys.stderr`` with an object whose file number is -1, and every pool it starts then
    fails ("bad value(s) in fds_to_keep"). Started once with the real stderr, it is reused."""
    from multiprocessing import resource_tracker

    saved = sys.stderr
    try:
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
    except (OSError, ValueError) as err:
        raise PoolStartError(str(err)) from err
    finally:
        sys.stderr = saved


def _mark_duplicates(records: dict[str, dict[str, Any]], report: BuildReport) -> None:
    """Of files with equal cleaned text, the one with the most metadata (then the first path) is
    indexed; the others are reported as its duplicates."""
    first: dict[str, str] = {}
    candidates = [p for p in records if records[p].get("status") in ("indexed", "duplicate")]
    for path in sorted(candidates, key=lambda p: (-records[p].get("metadata_fields", 0), p)):
        rec = records[path]
        original = first.setdefault(rec["content_hash"], path)
        problems = [p for p in rec.get("problems", []) if not p["reason"].startswith("duplicate of ")]
        if original == path:
            rec["status"] = "indexed"
        else:
            was = rec["status"] == "duplicate"
            rec["status"] = "duplicate"
            problem = Problem(path, f"duplicate of {original}")
            problems.append(_problem_dict(problem))
            if not was:
                report.new_problems.append(problem)
        rec["problems"] = problems


def _problem_dict(p: Problem) -> dict[str, Any]:
    return {"path": p.path, "reason": p.reason, "line": p.line, "skipped": p.skipped}


def _record_problems(records: dict[str, dict[str, Any]]) -> list[Problem]:
    return [Problem(**p) for path in sorted(records) for p in records[path].get("problems", [])]


def ensure_index(corpus: Path, index_dir: Path | None = None, **kwargs: Any) -> tuple[IndexStore, BuildReport]:
    """The store of ``corpus``, built or updated first if needed."""
    report = build(corpus, index_dir, **kwargs)
    return IndexStore(report.index_dir), report
