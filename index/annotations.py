"""Bookmarks, notes and read state of a corpus, kept outside the corpus folder.

One JSON file per corpus folder (:func:`index.locations.annotations_file`), written atomically
(a temporary file renamed over the old one). A file that cannot be parsed is moved aside, never
overwritten; one that cannot be read at all (permissions, a newer format) is left as it is and
nothing is saved over it. Either way :attr:`AnnotationBook.problem` says so, naming the file.

A bookmark quotes its passage and remembers where it was (article id, content hash, offsets).
When the article changes, :func:`anchor` finds the quote again, nearest to where it was; when it is
gone the bookmark stays, marked not found (bookmarks are never dropped silently). Because the
records live outside the index, they survive re-indexing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .models import Article
from .sanitize import for_terminal, path_for_display

FORMAT = "broadsheet.annotations/1"
CSV_FIELDS = ("article", "title", "source", "published", "url", "quote", "note", "tags", "start", "end", "found")


class AnnotationsError(Exception):
    """The annotations file could not be read or written (the message names it)."""


@dataclass(frozen=True)
class Bookmark:
    """A quoted passage of an article, with the reader's note and tags, and where to cite it from."""

    id: str
    article: str
    content_hash: str
    start: int
    end: int
    quote: str
    note: str = ""
    tags: tuple[str, ...] = ()
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    #: the article's file, relative to the corpus folder (named when it has no title)
    path: str = ""
    created: str = ""
    #: False when the passage is no longer in the article (or the article is gone)
    found: bool = True


@dataclass(frozen=True)
class Annotations:
    """Everything kept for one corpus."""

    bookmarks: tuple[Bookmark, ...] = ()
    #: ids of the articles opened
    read: frozenset[str] = frozenset()
    #: ids of the articles the corpus had in the last session (None before the first)
    seen: frozenset[str] | None = None


# ---- bookmarks
def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, trimmed, without empties or repeats, in the order given."""
    tags = (" ".join(t.split()) for t in text.split(","))
    return tuple(dict.fromkeys(t for t in tags if t))


def new_bookmark(article: Article, start: int, end: int, note: str = "", tags: Iterable[str] = ()) -> Bookmark:
    """A bookmark of ``article.text[start:end]``, with the article's citation details."""
    return Bookmark(
        id=uuid.uuid4().hex,
        article=article.id,
        content_hash=article.content_hash,
        start=start,
        end=end,
        quote=article.text[start:end],
        note=note.strip(),
        tags=tuple(tags),
        title=article.title,
        source=article.source,
        published=article.published,
        url=article.url,
        path=article.path,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def anchor(bookmark: Bookmark, article: Article | None) -> Bookmark:
    """The bookmark placed on the article's current text: unchanged when the quote is still where it
    was, moved to the occurrence nearest its old offset when the text changed, or marked not found
    (offsets and quote kept) when the quote, or the article, is gone."""
    if article is None:
        return replace(bookmark, found=False)
    text = article.text
    if text[bookmark.start : bookmark.end] == bookmark.quote and bookmark.quote:
        return replace(bookmark, content_hash=article.content_hash, found=True)
    span = find_quote(text, bookmark.quote, near=bookmark.start)
    if span is None:
        return replace(bookmark, found=False)
    return replace(
        bookmark,
        start=span[0],
        end=span[1],
        content_hash=article.content_hash,
        title=article.title,
        source=article.source,
        published=article.published,
        url=article.url,
        path=article.path,
        found=True,
    )


def find_quote(text: str, quote: str, near: int = 0) -> tuple[int, int] | None:
    """The span of ``quote`` in ``text`` nearest to offset ``near``: an exact match, else one where
    only the whitespace differs (re-wrapped lines); None when it is not there."""
    words = quote.split()
    if not words:
        return None
    exact = [(m.start(), m.start() + len(quote)) for m in re.finditer(re.escape(quote), text)]
    spans = exact or [m.span() for m in re.finditer(r"\s+".join(map(re.escape, words)), text)]
    return min(spans, key=lambda span: abs(span[0] - near)) if spans else None


def excerpt(text: str, limit: int = 100) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut and not flat[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


# ---- citations and export
def citation_line(b: Bookmark) -> str:
    """``— Title, Outlet, date, URL`` (the parts the article has)."""
    name = for_terminal(b.title) if b.title else path_for_display(b.path or b.article)
    return "— " + ", ".join([name, *(for_terminal(p) for p in (b.source, b.published, b.url) if p)])


def citation(b: Bookmark) -> str:
    """A bookmark as a Markdown citation: the quote, the source, then the note and tags."""
    quote = for_terminal(b.quote, multiline=True).strip()
    lines = ["> " + line if line.strip() else ">" for line in quote.split("\n")]
    lines += ["", citation_line(b)]
    if not b.found:
        lines.append("(passage no longer found in the article)")
    if b.note:
        lines += ["", "Note: " + for_terminal(b.note)]
    if b.tags:
        lines += ["", "Tags: " + ", ".join(for_terminal(t) for t in b.tags)]
    return "\n".join(lines) + "\n"


def to_markdown(bookmarks: Iterable[Bookmark]) -> str:
    """Every bookmark as a Markdown citation, blank lines between them."""
    return "\n".join(citation(b) for b in bookmarks)


def to_csv(bookmarks: Iterable[Bookmark]) -> str:
    """One row per bookmark (tags joined with ``;``), text made safe for a terminal."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for b in bookmarks:
        row = {**asdict(b), "tags": "; ".join(b.tags)}
        writer.writerow([for_terminal(str(row[k])) if row[k] is not None else "" for k in CSV_FIELDS])
    return out.getvalue()


def to_records(bookmarks: Iterable[Bookmark]) -> list[dict[str, Any]]:
    """Bookmarks as JSON-ready dicts (exact text; the caller escapes for the terminal)."""
    return [{**asdict(b), "tags": list(b.tags)} for b in bookmarks]


# ---- the file
def load(path: Path) -> Annotations:
    """The annotations in ``path`` (empty when there is no file yet).

    Raises :class:`CorruptAnnotations` when the file is not a valid annotations file, and
    :class:`AnnotationsError` when it cannot be read at all or has a newer format.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Annotations()
    except (OSError, UnicodeDecodeError) as err:
        raise AnnotationsError(f"{path_for_display(str(path))}: cannot read the bookmarks file: {err}") from err
    try:
        return _parse(json.loads(raw))
    except _NewerFormat as err:
        raise AnnotationsError(f"{path_for_display(str(path))}: {err}") from err
    except (ValueError, TypeError, KeyError, AttributeError) as err:
        raise CorruptAnnotations(f"{path_for_display(str(path))}: not a valid bookmarks file ({err})") from err


class CorruptAnnotations(AnnotationsError):
    """The file exists and was read, but is not a valid annotations file."""


class _NewerFormat(Exception):
    pass


def _parse(doc: Any) -> Annotations:
    if not isinstance(doc, dict):
        raise ValueError("the file does not hold a JSON object")
    if doc.get("format") != FORMAT:
        if isinstance(doc.get("format"), str) and doc["format"].startswith("broadsheet.annotations/"):
            raise _NewerFormat(f"written by another version of broadsheet ({doc['format']}); left as it is")
        raise ValueError(f"unknown format {doc.get('format')!r}")
    seen = doc.get("seen")
    return Annotations(
        bookmarks=tuple(_bookmark(r) for r in doc.get("bookmarks", [])),
        read=frozenset(_strings(doc.get("read", []))),
        seen=None if seen is None else frozenset(_strings(seen)),
    )


def _strings(values: Any) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError("expected a list of strings")
    return values


_BOOKMARK_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "article": (str,),
    "content_hash": (str,),
    "start": (int,),
    "end": (int,),
    "quote": (str,),
    "note": (str,),
    "title": (str, type(None)),
    "source": (str, type(None)),
    "published": (str, type(None)),
    "url": (str, type(None)),
    "path": (str,),
    "created": (str,),
    "found": (bool,),
}


def _bookmark(record: Any) -> Bookmark:
    """A bookmark from its JSON record, every field checked (a wrong one means a corrupt file)."""
    if not isinstance(record, dict):
        raise ValueError("a bookmark is not a JSON object")
    values: dict[str, Any] = {}
    for name, types in _BOOKMARK_TYPES.items():
        if name in record:
            if not isinstance(record[name], types):
                raise ValueError(f"bookmark field {name!r} has the wrong type")
            values[name] = record[name]
    return Bookmark(**values, tags=tuple(_strings(record.get("tags", []))))


def save(path: Path, annotations: Annotations) -> None:
    """Write ``annotations`` to ``path`` atomically (a crash leaves the old file or the new one)."""
    doc = {
        "format": FORMAT,
        "bookmarks": to_records(annotations.bookmarks),
        "read": sorted(annotations.read),
        "seen": None if annotations.seen is None else sorted(annotations.seen),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise AnnotationsError(f"{path_for_display(str(path))}: cannot save bookmarks: {err}") from err


def move_aside(path: Path) -> Path:
    """Rename an unusable file next to itself (``NAME.corrupt-TIMESTAMP``), so nothing is lost."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target, n = path.with_name(f"{path.name}.corrupt-{stamp}-{n}"), n + 1
    path.rename(target)
    return target


@dataclass
class AnnotationBook:
    """The annotations of one corpus, changed and saved one step at a time (used by the reader)."""

    path: Path
    state: Annotations = field(default_factory=Annotations)
    #: what went wrong opening the file, for the user (None when all is well)
    problem: str | None = None
    #: False when the file could not be read: nothing is written over it
    writable: bool = True
    #: the articles of the last session, as they were when this one started
    _baseline: frozenset[str] | None = field(default=None, repr=False)
    _started: bool = field(default=False, repr=False)
    #: the articles added since the last session (set by :meth:`start_session`)
    new_articles: frozenset[str] = frozenset()

    @classmethod
    def open(cls, path: Path) -> AnnotationBook:
        """Load ``path``; a corrupt file is moved aside (and reported), an unreadable one left alone."""
        try:
            return cls(path, load(path))
        except CorruptAnnotations as err:
            try:
                aside = move_aside(path)
            except OSError:
                problem = f"{err}; it could not be moved aside, so nothing will be saved"
                return cls(path, problem=problem, writable=False)
            return cls(path, problem=f"{err}; it was moved to {path_for_display(aside.name)} and a new one started")
        except AnnotationsError as err:
            return cls(path, problem=f"{err}; bookmarks will not be saved this session", writable=False)

    @property
    def bookmarks(self) -> tuple[Bookmark, ...]:
        return self.state.bookmarks

    def bookmark(self, bookmark_id: str) -> Bookmark | None:
        return next((b for b in self.state.bookmarks if b.id == bookmark_id), None)

    def is_read(self, article_id: str) -> bool:
        return article_id in self.state.read

    def add(self, bookmark: Bookmark) -> None:
        self._commit(replace(self.state, bookmarks=(*self.state.bookmarks, bookmark)))

    def update(self, bookmarks: Iterable[Bookmark]) -> None:
        """Replace the bookmarks with these ids (re-anchored, or with a new note); saved only on change."""
        changed = {b.id: b for b in bookmarks}
        new = tuple(changed.get(b.id, b) for b in self.state.bookmarks)
        if new != self.state.bookmarks:
            self._commit(replace(self.state, bookmarks=new))

    def delete(self, bookmark_id: str) -> None:
        self._commit(replace(self.state, bookmarks=tuple(b for b in self.state.bookmarks if b.id != bookmark_id)))

    def mark_read(self, article_id: str) -> None:
        if article_id not in self.state.read:
            self._commit(replace(self.state, read=self.state.read | {article_id}))

    def start_session(self, article_ids: Iterable[str]) -> frozenset[str]:
        """Record the corpus's articles; returns those it did not have last session (none the first time).

        Called again in the same session (after a re-index), it still compares with the last session."""
        ids = frozenset(article_ids)
        if not self._started:
            self._baseline, self._started = self.state.seen, True
        new = ids - self._baseline if self._baseline is not None else frozenset()
        self.new_articles = new
        if ids != self.state.seen:
            self._commit(replace(self.state, seen=ids))
        return new

    def _commit(self, state: Annotations) -> None:
        """Keep the change in memory and save it (raises :class:`AnnotationsError` when it cannot be saved)."""
        self.state = state
        if not self.writable:
            raise AnnotationsError(f"{path_for_display(str(self.path))}: not saved (the file could not be read)")
        save(self.path, state)
