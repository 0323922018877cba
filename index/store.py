"""The on-disk index of a corpus: a Whoosh index plus a manifest, built atomically.

Layout of an index folder::

    CURRENT           name of the live generation (replaced atomically)
    gen-000042/       whoosh/ (the Whoosh index), manifest.json, corpus.json
    tmp-*/            a build in progress; never read; removed by the next build
    build.lock        held by the process that builds

A build writes a whole new generation in a temp folder (copying the previous Whoosh index for
an incremental update), then renames it and swaps ``CURRENT``. An interrupted build therefore
leaves the previous generation untouched and usable. This module (with :mod:`index.search`) is
the only one that imports whoosh; nothing Whoosh-typed leaves it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import analysis, fields
from whoosh import index as whoosh_index

from .models import Article, LinkRef
from .settings import index_fingerprint
from .textfold import fold

WHOOSH_DIR = "whoosh"
MANIFEST = "manifest.json"
CORPUS_DATA = "corpus.json"
ANALYSES = "analyses.json"


class IndexError_(Exception):
    """The index cannot be read or written (message says which folder and why)."""


class BuildLocked(IndexError_):
    """Another process is building this index."""


class FoldFilter(analysis.Filter):
    """Applies :func:`index.textfold.fold` to every token and drops tokens left empty."""

    def __call__(self, tokens: Iterator[analysis.Token]) -> Iterator[analysis.Token]:  # type: ignore[override]
        for t in tokens:
            t.text = fold(t.text)
            if t.text:
                yield t


def analyzer() -> analysis.Analyzer:
    """Tokenise words (keeping inner dots and apostrophes), fold, then stem."""
    return (
        analysis.RegexTokenizer(r"\w+(?:[.'\u2019\u02bc]\w+)*") | FoldFilter() | analysis.StemFilter(cachesize=100_000)
    )


def schema() -> fields.Schema:
    """The fields of one article document."""
    text = analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        title=fields.TEXT(analyzer=text, stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=text, stored=True),
        source=fields.TEXT(analyzer=text, stored=True, field_boost=1.5),
        published=fields.DATETIME(sortable=True),
        published_text=fields.STORED,
        url=fields.STORED,
        author=fields.STORED,
        content_hash=fields.ID(stored=True),
        entities=fields.KEYWORD(commas=True, lowercase=True, scorable=True, stored=True),
        payload=fields.STORED,
    )


def published_datetime(value: str | None) -> dt.datetime | None:
    """The first instant of a YYYY / YYYY-MM / YYYY-MM-DD date (for sorting and ranges)."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        return dt.datetime(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def article_from_stored(doc: dict[str, Any]) -> Article:
    """Rebuild an :class:`Article` from a stored Whoosh document."""
    return Article(
        id=doc["id"],
        path=doc["path"],
        title=doc.get("title") or None,
        published=doc.get("published_text") or None,
        source=doc.get("source") or None,
        url=doc.get("url") or None,
        text=doc.get("body", ""),
        content_hash=doc.get("content_hash", ""),
        author=doc.get("author") or None,
        **_extras_from_payload(doc.get("payload") or {}),
    )


def _payload_of(article: Article) -> dict[str, Any]:
    """Article fields that are shown but never searched, stored as plain lists and strings."""
    return {
        "published_from": article.published_from,
        "links": [[lk.start, lk.end, lk.href] for lk in article.links],
        "extra": [list(kv) for kv in article.extra],
    }


def _extras_from_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`_payload_of`, tolerant of payloads written by older builds."""
    links = tuple(LinkRef(int(s), int(e), str(h)) for s, e, h in payload.get("links") or ())
    extra = tuple((str(k), str(v)) for k, v in payload.get("extra") or ())
    return {"published_from": payload.get("published_from"), "links": links, "extra": extra}


@dataclass
class Generation:
    """One complete, readable build of the index."""

    path: Path

    @property
    def whoosh_dir(self) -> Path:
        return self.path / WHOOSH_DIR

    def manifest(self) -> dict[str, Any]:
        return _read_json(self.path / MANIFEST)

    def corpus_data(self) -> dict[str, Any]:
        return _read_json(self.path / CORPUS_DATA) if (self.path / CORPUS_DATA).exists() else {}

    def open(self) -> Any:
        """The Whoosh index of this generation (an opaque object for :mod:`index.search`)."""
        return whoosh_index.open_dir(str(self.whoosh_dir))


@dataclass
class IndexStore:
    """The index folder of one corpus."""

    root: Path

    def current(self) -> Generation | None:
        """The live generation, or None when nothing has been built yet."""
        pointer = self.root / "CURRENT"
        try:
            name = pointer.read_text().strip()
        except FileNotFoundError:
            return None
        except OSError as err:
            raise IndexError_(f"{pointer}: cannot read: {err.strerror or err}") from err
        gen = Generation(self.root / name)
        return gen if (gen.path / MANIFEST).exists() else None

    def manifest(self) -> dict[str, Any] | None:
        """The live manifest if it was written by this schema and code version, else None."""
        gen = self.current()
        if gen is None:
            return None
        try:
            data = gen.manifest()
        except (OSError, ValueError):
            return None
        return data if data.get("fingerprint") == index_fingerprint() else None

    def corpus_data(self) -> dict[str, Any]:
        """Entities, links and events of the live generation (empty before the first build)."""
        gen = self.current()
        return gen.corpus_data() if gen is not None else {}

    def analyses(self) -> dict[str, dict[str, Any]]:
        """Per-article analyses of the live generation, by article id."""
        gen = self.current()
        path = gen.path / ANALYSES if gen is not None else None
        return _read_json(path) if path is not None and path.exists() else {}

    def article_entities(self) -> dict[str, list[str]]:
        """Entity ids of each article in the live generation."""
        return self.corpus_data().get("article_entities", {})

    def articles(self) -> Iterator[Article]:
        """Every indexed article, in path order."""
        gen = self.current()
        if gen is None:
            return
        ix = gen.open()
        with ix.searcher() as s:
            docs = sorted(s.all_stored_fields(), key=lambda d: d["path"])
        for doc in docs:
            yield article_from_stored(doc)

    def article(self, article_id: str) -> Article | None:
        """One article by id, or None."""
        gen = self.current()
        if gen is None:
            return None
        with gen.open().searcher() as s:
            doc = s.document(id=article_id)
        return article_from_stored(doc) if doc else None

    def article_ids(self) -> list[str]:
        """All article ids, sorted."""
        gen = self.current()
        if gen is None:
            return []
        with gen.open().searcher() as s:
            return sorted(d["id"] for d in s.all_stored_fields())

    @contextlib.contextmanager
    def build(self, incremental: bool) -> Iterator[Build]:
        """A new generation, written in a temp folder and published only if the block succeeds."""
        self.root.mkdir(parents=True, exist_ok=True)
        with _lock(self.root / "build.lock"):
            self._remove_leftovers()
            tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=self.root))
            build = None
            try:
                base = self.current() if incremental else None
                if base is not None:
                    shutil.copytree(base.whoosh_dir, tmp / WHOOSH_DIR)
                    ix = whoosh_index.open_dir(str(tmp / WHOOSH_DIR))
                else:
                    (tmp / WHOOSH_DIR).mkdir()
                    ix = whoosh_index.create_in(str(tmp / WHOOSH_DIR), schema())
                build = Build(ix.writer(limitmb=128))
                yield build
                build.writer.commit(optimize=build.optimize)
                build.writer = None
                _write_json(tmp / MANIFEST, build.manifest)
                _write_json(tmp / CORPUS_DATA, build.corpus_data)
                _write_json(tmp / ANALYSES, build.analyses)
                self._publish(tmp)
            except BaseException:
                if build is not None and build.writer is not None:
                    with contextlib.suppress(Exception):
                        build.writer.cancel()
                shutil.rmtree(tmp, ignore_errors=True)
                raise

    def _publish(self, tmp: Path) -> None:
        old = self.current()
        number = int(old.path.name.split("-")[1]) + 1 if old and old.path.name.startswith("gen-") else 1
        final = self.root / f"gen-{number:06d}"
        shutil.rmtree(final, ignore_errors=True)
        tmp.rename(final)
        _atomic_write(self.root / "CURRENT", final.name)
        if old is not None and old.path != final:
            shutil.rmtree(old.path, ignore_errors=True)

    def _remove_leftovers(self) -> None:
        """Delete temp folders of interrupted builds and generations no longer current."""
        live = self.current()
        for child in self.root.iterdir():
            stale = child.name.startswith("tmp-") or (
                child.name.startswith("gen-") and (live is None or child != live.path)
            )
            if stale and child.is_dir():
                shutil.rmtree(child, ignore_errors=True)


@dataclass
class Build:
    """What a build step may do: add and delete article documents, set the manifest."""

    writer: Any
    manifest: dict[str, Any] = field(default_factory=dict)
    corpus_data: dict[str, Any] = field(default_factory=dict)
    analyses: dict[str, Any] = field(default_factory=dict)
    optimize: bool = False

    def add(self, article: Article, entities: list[str] | None = None) -> None:
        """Add (or replace) one article."""
        self.writer.update_document(
            id=article.id,
            path=article.path,
            title=article.title or "",
            body=article.text,
            source=article.source or "",
            published=published_datetime(article.published),
            published_text=article.published or "",
            url=article.url or "",
            author=article.author or "",
            content_hash=article.content_hash,
            entities=",".join(entities or []),
            payload=_payload_of(article),
        )

    def retag(self, article_id: str, entities: list[str]) -> None:
        """Replace the entity ids of an article already in the index."""
        with self.writer.searcher() as s:
            doc = s.document(id=article_id)
        if doc is None:
            return
        self.add(article_from_stored(doc), entities)

    def delete(self, article_id: str) -> None:
        """Remove one article by id (no error if absent)."""
        self.writer.delete_by_term("id", article_id)


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive lock file holding our pid; a lock left by a dead process is taken over."""
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if _holder_alive(path):
                raise BuildLocked(f"{path.parent}: another broadsheet process is building this index") from None
            path.unlink(missing_ok=True)
            continue
        except OSError as err:
            raise IndexError_(f"{path.parent}: cannot write the index folder: {err.strerror or err}") from err
        with os.fdopen(fd, "w") as fh:
            fh.write(str(os.getpid()))
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
        return
    raise BuildLocked(f"{path.parent}: cannot take the build lock")


def _holder_alive(path: Path) -> bool:
    try:
        pid = int(path.read_text().strip() or 0)
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _write_json(path: Path, data: Any) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"), check_circular=False)
        fh.flush()
        os.fsync(fh.fileno())


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
