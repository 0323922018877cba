"""The on-disk index of a corpus: a Whoosh index plus a manifest, built atomically.

Layout of an index folder::

    CURRENT           name of the live generation (replaced atomically)
    gen-000042/       whoosh/ (the Whoosh index: searchable text only), manifest.json,
                      database (the name of its corpus database), signature.json (an HMAC of
                      every file, see below)
    gen-000041/       the previous generation, kept until the next one is published
    corpus-000040.sqlite   the corpus database (analyses and derived data, :mod:`index.corpusdb`)
    tmp-*/            a build in progress; never read; removed by the next build
    build.lock        held by the process that builds

A build writes a new generation in a temp folder (hard-linking the previous Whoosh files, which
Whoosh never rewrites, for an incremental update), signs it and renames it, then commits the
corpus database under the new generation's name and swaps ``CURRENT``. The database is changed in
place by an incremental build (one WAL transaction) and written anew by a full one. A generation
is usable only with a database committed under its name, so an interrupted build leaves the last
good state: before the commit, the previous generation and the database as it was; after it,
the new generation (``CURRENT`` is rolled forward to it). This module (with :mod:`index.search`)
is the only one that imports whoosh; nothing Whoosh-typed leaves it.

Whoosh unpickles its schema from the TOC, so opening an index runs whatever the TOC says. A
generation is therefore signed when it is published (HMAC-SHA256 with a per-user secret key kept
in the config folder, over the bytes of every file) and nothing of a generation is opened or
parsed before its signature verifies: a planted or damaged index is reported and rebuilt from the
corpus. The corpus database is not signed (hashing it would cost a read of the whole file on every
change); SQLite runs no code from a file, and it is used only if it holds exactly the tables and
indexes broadsheet creates (no triggers or views) and names the generation, with
``trusted_schema`` off; what it holds is data, shown as such. ``CURRENT`` may only name a
``gen-N`` folder directly inside the index folder, and clean-up only ever removes ``tmp-*``,
``gen-*`` and ``corpus-*.sqlite`` entries directly inside it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import analysis, fields, formats
from whoosh import index as whoosh_index

from . import corpusdb
from .corpus import Corpus
from .locations import config_root
from .models import Article, LinkRef
from .settings import index_fingerprint
from .textfold import fold
from .timing import Timings, timed

WHOOSH_DIR = "whoosh"
MANIFEST = "manifest.json"
#: the file of a generation that names its corpus database
DATABASE = "database"
SIGNATURE = "signature.json"
KEY_FILE = "index-signing.key"
#: the only names ``CURRENT`` may hold: a generation folder directly inside the index folder
GENERATION_NAME = re.compile(r"gen-(\d{1,12})")
#: index-folder entries that mark a folder as a broadsheet index (anything else is not ours)
INDEX_MARKERS = re.compile(
    r"(?:CURRENT|verified\.json)(?:\.tmp)?|build\.lock|gen-\d+|tmp-[a-z0-9_]{8}|corpus-\d+\.sqlite(?:-wal|-shm)?"
)
#: temp folders of builds in progress, removed by the next build (only inside an index folder)
TEMP_NAME = re.compile(r"tmp-.+")
#: a signature file larger than this is not one of ours (it is read before anything is trusted)
MAX_SIGNATURE_BYTES = 20_000_000
#: errors of a full or read-only disk, reported as one line naming the folder
WRITE_ERRNOS = frozenset(
    n for n in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, getattr(errno, "EDQUOT", None)) if n
)


class IndexError_(Exception):
    """The index cannot be read or written (message says which folder and why)."""


class BuildLocked(IndexError_):
    """Another process is building this index."""


class IndexWriteError(IndexError_):
    """The index folder cannot be written (full disk, read-only or no permission)."""


class IndexDamaged(IndexError_):
    """A generation that does not verify (not written by broadsheet on this account, or damaged)."""


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


#: the field of a body's adjacent word pairs (phrase queries look them up: index.search)
PAIRS_FIELD = "body_pairs"
#: joins the two words of a pair term (no analysed word contains a space)
PAIR_SEPARATOR = " "


class PairAnalyzer(analysis.Analyzer):
    """The body's words (as :func:`analyzer` makes them) two by two, for each two at adjacent
    positions: ``"drone attacks resumed"`` gives ``"drone attack"`` and ``"attack resum"``.

    A phrase query then looks up one pair term per two words instead of reading and comparing
    the positions of every document holding all its words. Whoosh's ``BiWordFilter`` is not
    used: it joins the tokens on either side of a word the fold dropped (a position gap), and
    Whoosh's phrase matching does not match across such a gap, so the pair would claim a phrase
    that is not there; it also emits a lone word as a "pair"."""

    def __init__(self) -> None:
        self.words = analyzer()

    def __call__(self, value: str, **kwargs: Any) -> Iterator[analysis.Token]:  # type: ignore[override]
        kwargs["positions"] = True  # the adjacency test needs them, whatever the field stores
        prev_text, prev_pos = "", -2
        for token in self.words(value, **kwargs):
            text, pos = token.text, token.pos
            if pos == prev_pos + 1:
                token.text = f"{prev_text}{PAIR_SEPARATOR}{text}"
                yield token
            prev_text, prev_pos = text, pos


def schema() -> fields.Schema:
    """The fields of one article document."""
    text = analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        title=fields.TEXT(analyzer=text, stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=text, stored=True),
        # only whether a document has a pair (no frequencies, positions or lengths): a filter
        **{PAIRS_FIELD: fields.FieldType(formats.Existence(), PairAnalyzer())},
        source=fields.TEXT(analyzer=text, stored=True, field_boost=1.5),
        published=fields.DATETIME(sortable=True),
        published_text=fields.STORED,
        url=fields.STORED,
        author=fields.STORED,
        content_hash=fields.ID(stored=True),
        # the article's own name spellings, folded (``lexicon.key``): what ``entity:`` queries look
        # up; derived from the article alone, so resolving entities never re-adds an article
        names=fields.KEYWORD(commas=True, scorable=True),
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

    @property
    def number(self) -> int:
        match = GENERATION_NAME.fullmatch(self.path.name)
        return int(match.group(1)) if match else -1

    def problem(self) -> str | None:
        """Why this generation must not be used (unsigned, damaged, unreadable), or None if it is intact."""
        return check_generation(self.path)

    def _require_intact(self) -> None:
        if (reason := self.problem()) is not None:
            raise IndexDamaged(f"{self.path}: {reason}")

    def manifest(self) -> dict[str, Any]:
        self._require_intact()
        return _read_json(self.path / MANIFEST)

    @property
    def database(self) -> Path | None:
        """The corpus database this generation names (None if the name is missing or not ours)."""
        try:
            with open(self.path / DATABASE, "rb") as fh:
                name = fh.read(64).decode("ascii", "replace").strip()
        except OSError:
            return None
        return self.path.parent / name if corpusdb.FILE_NAME.fullmatch(name) else None

    def corpus(self) -> Corpus:
        """The read API over this generation's corpus database (close it when done)."""
        self._require_intact()
        assert self.database is not None  # checked by _require_intact
        return Corpus(self.database)

    def open(self) -> Any:
        """The Whoosh index of this generation (an opaque object for :mod:`index.search`); never
        opened (its pickled schema never loaded) unless the generation's signature verifies."""
        self._require_intact()
        return whoosh_index.open_dir(str(self.whoosh_dir))


@dataclass
class IndexStore:
    """The index folder of one corpus."""

    root: Path

    def current(self) -> Generation | None:
        """The live generation if it is intact, else the newest intact older one (the last good
        index), else None (nothing built yet, or nothing of ours that verifies)."""
        named, damage = self._named_generation()
        if named is not None and damage is None:
            return named
        return self._newest_intact(exclude=named)

    def damage(self) -> str | None:
        """Why ``CURRENT`` names no intact generation of ours, as one line to show after the index
        folder's name (None when the live generation is fine or nothing was ever built)."""
        _, damage = self._named_generation()
        if damage is None:
            return None
        return f"this index was not written by broadsheet on this account (or is damaged: {damage}); rebuilding"

    def _named_generation(self) -> tuple[Generation | None, str | None]:
        """The generation ``CURRENT`` names and why it cannot be used (None, None: no CURRENT)."""
        pointer = self.root / "CURRENT"
        try:
            if not stat.S_ISREG(os.lstat(pointer).st_mode):
                return None, "CURRENT is not a plain file"
            with open(pointer, "rb") as fh:
                raw = fh.read(64)
        except FileNotFoundError:
            return None, None
        except OSError as err:
            return None, f"cannot read CURRENT: {err.strerror or err}"
        name = raw.decode("ascii", "replace").strip()
        if not GENERATION_NAME.fullmatch(name):
            return None, "CURRENT does not name a generation folder of this index"
        gen = Generation(self.root / name)
        reason = gen.problem()
        if reason is not None and (newer := self._committed_after(gen)) is not None:
            return newer, None
        return gen, reason

    def _committed_after(self, gen: Generation) -> Generation | None:
        """The generation a build committed the database for after ``gen`` but did not get to make
        live (it stopped between the commit and the swap of ``CURRENT``), if it is intact."""
        if _files_problem(gen.path) is not None or gen.database is None:
            return None  # only a generation of ours that verifies can have been superseded so
        committed = corpusdb.marker(gen.database)
        if committed is None or not GENERATION_NAME.fullmatch(committed):
            return None
        newer = Generation(self.root / committed)
        return newer if newer.number > gen.number and newer.problem() is None else None

    def generations(self) -> list[Generation]:
        """Generation folders directly inside the index folder (real folders, not links), newest first."""
        try:
            children = list(self.root.iterdir())
        except OSError:
            return []
        gens = [Generation(c) for c in children if GENERATION_NAME.fullmatch(c.name) and _is_real_dir(c)]
        return sorted(gens, key=lambda g: g.number, reverse=True)

    def _newest_intact(self, exclude: Generation | None) -> Generation | None:
        for gen in self.generations():
            if (exclude is None or gen.path != exclude.path) and gen.problem() is None:
                return gen
        return None

    def manifest(self) -> dict[str, Any] | None:
        """The live manifest if it was written by this schema and code version, else None."""
        gen = self.current()
        if gen is None:
            return None
        try:
            data = gen.manifest()
        except (OSError, ValueError, IndexError_):
            return None
        return data if data.get("fingerprint") == index_fingerprint() else None

    def corpus(self) -> Corpus:
        """The read API over the live generation (an empty corpus before the first build)."""
        gen = self.current()
        return gen.corpus() if gen is not None else Corpus.empty()

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
        with self.corpus() as db:
            return [m.id for m in db.articles(sort="id")]

    @contextlib.contextmanager
    def build(self, incremental: bool, timings: Timings | None = None) -> Iterator[Build]:
        """A new generation, written in a temp folder and published only if the block succeeds
        (the time of its own stages is added to ``timings``)."""
        timings = {} if timings is None else timings
        self.check_folder()
        with writing(self.root):
            self.root.mkdir(parents=True, exist_ok=True)
        signing_key()  # fail before any work if the key cannot be kept
        with _lock(self.root / "build.lock"):
            with writing(self.root):
                self._remove_leftovers()
                tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=self.root))
            build: Build | None = None
            final: Path | None = None
            committed = False
            try:
                with writing(self.root):
                    previous = self.current()
                    base = previous if incremental else None
                    known: dict[str, tuple[tuple[int, int, int], str]] = {}
                    if base is not None and base.database is not None:
                        with timed(timings, "copy previous generation"):
                            known = _copy_verified(base.path, tmp)
                        ix = whoosh_index.open_dir(str(tmp / WHOOSH_DIR))
                        database = base.database
                        db = corpusdb.open_in_place(database)
                    else:
                        (tmp / WHOOSH_DIR).mkdir()
                        ix = whoosh_index.create_in(str(tmp / WHOOSH_DIR), schema())
                        database = self._new_database()
                        db = corpusdb.create(database)
                    build = Build(ix.writer(limitmb=128), db=db, root=self.root, timings=timings)
                yield build
                with writing(self.root):
                    with timed(timings, "commit text index"):
                        build.writer.commit(optimize=build.optimize)
                    build.writer = None
                    with timed(timings, "sign and publish"):
                        _write_json(tmp / MANIFEST, build.manifest)
                        _write_text(tmp / DATABASE, database.name)
                        sign_generation(tmp, known)
                        final = self._place(tmp)
                    with timed(timings, "commit corpus database"):
                        corpusdb.finish(build.db, final.name)
                    build.db, committed = None, True
                    with timed(timings, "sign and publish"):
                        self._publish(final, database, previous)
            except BaseException:
                if build is not None and build.writer is not None:
                    with contextlib.suppress(Exception):
                        build.writer.cancel()
                if build is not None and build.db is not None:
                    with contextlib.suppress(Exception):
                        build.db.close()  # without a commit: the database stays as it was
                _remove_entry(tmp)
                if final is not None and not committed:
                    _remove_entry(final)
                raise

    def _new_database(self) -> Path:
        """A name for a new corpus database, numbered after every one in the folder."""
        numbers = [int(m.group(1)) for c in self.root.iterdir() if (m := corpusdb.FILE_NAME.fullmatch(c.name))]
        return self.root / f"corpus-{max(numbers, default=0) + 1:06d}.sqlite"

    def _place(self, tmp: Path) -> Path:
        """Rename a finished temp folder to the next generation's name (not yet live: its database
        is committed next, and only a database committed under its name makes it usable)."""
        number = max([g.number for g in self.generations()], default=0) + 1
        final = self.root / f"gen-{number:06d}"
        tmp.rename(final)
        _fsync_dir(self.root)
        return final

    def _publish(self, final: Path, database: Path, previous: Generation | None) -> None:
        """Make ``final`` live; keep the previous generation only when it has a database of its own
        (after a full build: the last good index), and remove what nothing uses any more."""
        _atomic_write(self.root / "CURRENT", final.name)
        keep = {final}
        if previous is not None and previous.database not in (None, database):
            keep.add(previous.path)
        for gen in self.generations():
            if gen.path not in keep:
                _remove_entry(gen.path)
        self._remove_unused_databases({database} | {d for g in keep if (d := Generation(g).database) is not None})
        # recorded after the removals: unlinking a hard-linked file changes its ctime
        listing = _listing(final)
        if not isinstance(listing, str):
            _remember_verified(self.root, final.name, _stat_key(listing))  # just signed: no need to hash it again

    def _remove_unused_databases(self, used: set[Path]) -> None:
        for child in self.root.iterdir():
            name = child.name.removesuffix("-wal").removesuffix("-shm")
            if corpusdb.FILE_NAME.fullmatch(name) and child.with_name(name) not in used:
                _remove_entry(child)

    def check_folder(self) -> None:
        """Refuse an existing folder that holds things but nothing of a broadsheet index (say
        ``--index ~/Documents``): it is never written into nor cleaned."""
        try:
            if not self.root.exists():
                return
            if not self.root.is_dir():
                raise IndexError_(f"{self.root}: not a folder; give a new or empty folder for the index")
            names = [c.name for c in self.root.iterdir()]
        except OSError as err:
            raise IndexError_(f"{self.root}: cannot read the index folder: {err.strerror or err}") from err
        if names and not any(INDEX_MARKERS.fullmatch(n) for n in names):
            raise IndexError_(
                f"{self.root}: this folder holds other files and is not a broadsheet index; "
                "refusing to write into it (give a new or empty folder)"
            )

    def _remove_leftovers(self) -> None:
        """Delete temp folders of interrupted builds and generations that are neither the one
        read now nor the newest one before it (kept as the last good index)."""
        live = self.current()
        keep = {live.path} if live is not None else set()
        older = [g for g in self.generations() if live is None or g.number < live.number]
        if older and live is not None:
            keep.add(older[0].path)
        for child in self.root.iterdir():
            if TEMP_NAME.fullmatch(child.name) or (GENERATION_NAME.fullmatch(child.name) and child not in keep):
                _remove_entry(child)
        self._remove_unused_databases({d for g in keep if (d := Generation(g).database) is not None})


@dataclass
class Build:
    """What a build step may do: add and delete article documents, set the manifest."""

    writer: Any
    db: Any  # the sqlite3 connection of the generation's corpus database, in one transaction
    manifest: dict[str, Any] = field(default_factory=dict)
    optimize: bool = False
    root: Path = Path(".")
    timings: Timings = field(default_factory=dict)

    def add(self, article: Article, names: list[str] | None = None) -> None:
        """Add (or replace) one article; ``names`` are its folded name spellings."""
        with writing(self.root):  # Whoosh writes segment files when its buffer fills
            self._add(article, names)

    def _add(self, article: Article, names: list[str] | None) -> None:
        self.writer.update_document(
            id=article.id,
            path=article.path,
            title=article.title or "",
            body=article.text,
            **{PAIRS_FIELD: article.text},
            source=article.source or "",
            published=published_datetime(article.published),
            published_text=article.published or "",
            url=article.url or "",
            author=article.author or "",
            content_hash=article.content_hash,
            names=",".join(n.replace(",", " ") for n in names or []),
            payload=_payload_of(article),
        )

    def delete(self, article_id: str) -> None:
        """Remove one article by id (no error if absent)."""
        with writing(self.root):
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
            raise _write_error(path.parent, err) from err
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
        except OSError as err:
            path.unlink(missing_ok=True)
            raise _write_error(path.parent, err) from err
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


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


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


# ---- faults: full disk, read-only folders --------------------------------------------------


def _write_error(folder: Path, err: OSError) -> IndexError_:
    """One clear line for a failed write: the folder and what the errno means."""
    if err.errno is not None and err.errno in WRITE_ERRNOS:
        name = errno.errorcode.get(err.errno, str(err.errno))
        return IndexWriteError(f"{folder}: cannot write the index: {os.strerror(err.errno)} ({name})")
    return IndexError_(f"{folder}: cannot write the index: {err.strerror or err}")


@contextlib.contextmanager
def writing(folder: Path) -> Iterator[None]:
    """Turns an OSError of writing the index into :class:`IndexError_` naming ``folder``."""
    try:
        yield
    except IndexError_:
        raise
    except OSError as err:
        raise _write_error(folder, err) from err


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _remove_entry(path: Path) -> None:
    """Remove one entry of the index folder: a link is unlinked (its target never touched)."""
    try:
        if _is_real_dir(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ---- signing: nothing of a generation is parsed before its signature verifies ----------------

_KEYS: dict[Path, bytes] = {}


def signing_key() -> bytes:
    """The per-user secret that signs index generations, created (mode 0600) on first use."""
    folder = config_root()
    path = folder / KEY_FILE
    if path in _KEYS:
        return _KEYS[path]
    try:
        key = _read_key(path)
        if key is None:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            _create_key(path)
            key = _read_key(path)
    except OSError as err:
        raise IndexError_(f"{folder}: cannot keep the index signing key: {err.strerror or err}") from err
    if key is None:
        raise IndexError_(f"{path}: the index signing key is unreadable; delete the file to make a new one")
    _KEYS[path] = key
    return key


def _read_key(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            text = fh.read(256).strip()
    except FileNotFoundError:
        return None
    if hasattr(os, "geteuid") and (st.st_uid != os.geteuid() or st.st_mode & 0o022):
        # a key someone else can write lets them forge indexes: refuse it rather than trust it
        raise IndexError_(f"{path}: the index signing key is not private to this account; delete it to make a new one")
    return text if len(text) >= 32 else None


def _create_key(path: Path) -> None:
    """Write a fresh key under a temp name and link it into place: a concurrent first use never
    sees a half-written key, and an existing key is never replaced."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_hex(32).encode())
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _listing(gen: Path) -> dict[str, os.stat_result] | str:
    """Every file of a generation (relative path -> lstat), or why the folder is not one of ours."""
    out: dict[str, os.stat_result] = {}
    for dirpath, dirnames, filenames in os.walk(gen, followlinks=False):
        here = Path(dirpath)
        for name in dirnames:
            if not _is_real_dir(here / name):
                return f"{(here / name).relative_to(gen).as_posix()} is a link"
        for name in filenames:
            st = os.lstat(here / name)
            rel = (here / name).relative_to(gen).as_posix()
            if not stat.S_ISREG(st.st_mode):
                return f"{rel} is not a regular file"
            out[rel] = st
    return out


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _mac(files: dict[str, str]) -> str:
    text = json.dumps(files, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(signing_key(), text, hashlib.sha256).hexdigest()


def _digests(gen: Path, listing: dict[str, os.stat_result]) -> dict[str, str]:
    return {rel: _sha256(gen / rel) for rel in sorted(listing) if rel != SIGNATURE}


def sign_generation(gen: Path, known: dict[str, tuple[tuple[int, int, int], str]] | None = None) -> None:
    """Write the signature of a finished generation: an HMAC over the SHA-256 of every file.
    ``known`` digests (of files linked or copied from the previous generation) are reused for
    files whose size, mtime and inode are unchanged since: Whoosh writes new files and never
    rewrites one."""
    listing = _listing(gen)
    if isinstance(listing, str):
        raise IndexError_(f"{gen}: cannot sign: {listing}")
    files = {}
    for rel in sorted(listing):
        if rel == SIGNATURE:
            continue
        st, seen = listing[rel], (known or {}).get(rel)
        same = seen is not None and seen[0] == (st.st_size, st.st_mtime_ns, st.st_ino)
        files[rel] = seen[1] if same and seen is not None else _sha256(gen / rel)
    _write_json(gen / SIGNATURE, {"version": 1, "files": files, "mac": _mac(files)})


def _signed_files(gen: Path) -> dict[str, str] | str:
    """The file digests a generation's signature vouches for, or why there are none."""
    try:
        with open(gen / SIGNATURE, "rb") as fh:
            raw = fh.read(MAX_SIGNATURE_BYTES + 1)
    except FileNotFoundError:
        return "no signature"
    except OSError as err:
        return f"signature unreadable: {err.strerror or err}"
    if len(raw) > MAX_SIGNATURE_BYTES:
        return "signature too large"
    try:
        data = json.loads(raw)
    except ValueError:
        return "signature damaged"
    files, mac = (data.get("files"), data.get("mac")) if isinstance(data, dict) else (None, None)
    if not isinstance(files, dict) or not isinstance(mac, str):
        return "signature damaged"
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return "signature damaged"
    if not hmac.compare_digest(_mac(files), mac):
        return "signature does not verify"
    return files


def _copy_verified(base: Path, tmp: Path) -> dict[str, tuple[tuple[int, int, int], str]]:
    """Bring the signed Whoosh files of ``base`` into ``tmp``; returns each file's (size, mtime,
    inode) and digest, for signing.

    Whoosh never rewrites a file it has written (a commit adds segment and TOC files), so the
    files are hard-linked when the folder allows it and ``base`` was verified since it was last
    written (see :func:`_verified_before`); otherwise each file is copied and hashed in the same
    read. A file that differs from its signature stops the build."""
    signed = _signed_files(base)
    if isinstance(signed, str):
        raise IndexDamaged(f"{base}: {signed}")
    listing = _listing(base)
    trusted = not isinstance(listing, str) and _verified_before(base, _stat_key(listing))
    known = {}
    (tmp / WHOOSH_DIR).mkdir()
    for rel in sorted(k for k in signed if k.startswith(WHOOSH_DIR + "/")):
        if "/" in rel.removeprefix(WHOOSH_DIR + "/"):
            raise IndexDamaged(f"{base}: unexpected file {rel}")
        linked = trusted and _linked(base / rel, tmp / rel)
        if not linked and _copy_hashing(base / rel, tmp / rel) != signed[rel]:
            raise IndexDamaged(f"{base}: changed while it was copied")
        st = os.lstat(tmp / rel)
        known[rel] = ((st.st_size, st.st_mtime_ns, st.st_ino), signed[rel])
    return known


def _linked(src: Path, dst: Path) -> bool:
    """Hard-link ``dst`` to ``src``; False where the file system cannot (then it is copied)."""
    try:
        os.link(src, dst, follow_symlinks=False)
        return True
    except OSError:
        return False


def _copy_hashing(src: Path, dst: Path) -> str:
    """Copy a file, returning the SHA-256 of the bytes read (one pass)."""
    digest = hashlib.sha256()
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(1 << 20):
            digest.update(chunk)
            fout.write(chunk)
    return digest.hexdigest()


# ---- verified generations, remembered between processes ------------------------------------------
#
# Checking a signature reads every byte of a generation (hundreds of MB for a large corpus), and
# every command and every reader start checks the live one. A generation whose every file has
# the same size, mtime, ctime and inode as when it was last verified has not been written since
# (any write changes the ctime, which users cannot set back), so that record, itself HMAC-signed
# with the same key, lets the check skip the hashing.

VERIFIED = "verified.json"

StatKey = tuple[tuple[str, int, int, int, int], ...]


def _stat_key(listing: dict[str, os.stat_result]) -> StatKey:
    return tuple(sorted((r, s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino) for r, s in listing.items()))


def _verified_records(root: Path) -> dict[str, Any]:
    """Generation name -> its files' stat when last verified (empty when missing or not ours)."""
    try:
        with open(root / VERIFIED, "rb") as fh:
            data = json.loads(fh.read(MAX_SIGNATURE_BYTES))
        entries, mac = data["entries"], data["mac"]
        text = json.dumps(entries, sort_keys=True, separators=(",", ":")).encode()
        if isinstance(entries, dict) and hmac.compare_digest(hmac.new(signing_key(), text, "sha256").hexdigest(), mac):
            return entries
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return {}


def _remember_verified(root: Path, name: str, key: StatKey) -> None:
    """Record a generation as verified (best effort: a read-only index folder just re-checks)."""
    entries = {n: v for n, v in _verified_records(root).items() if _is_real_dir(root / n) and n != name}
    entries[name] = [list(x) for x in key]
    text = json.dumps(entries, sort_keys=True, separators=(",", ":"))
    mac = hmac.new(signing_key(), text.encode(), "sha256").hexdigest()
    with contextlib.suppress(OSError):
        _atomic_write(root / VERIFIED, json.dumps({"entries": entries, "mac": mac}))


def _verified_before(gen: Path, key: StatKey) -> bool:
    return _verified_records(gen.parent).get(gen.name) == [list(x) for x in key]


#: generation checks already done in this process, by key, folder and the stat of every file in it
#: (a file rewritten since changes its ctime, so it is checked again)
_CHECKED: dict[tuple[str, str, StatKey], str | None] = {}


def check_generation(gen: Path) -> str | None:
    """Why ``gen`` must not be used, or None: its signature verifies (every byte is as broadsheet
    wrote it on this account, no file added or removed), and then its manifest has the right
    shape, its JSON files parse and its Whoosh TOC and segments open; and the corpus database it
    names was committed under its name (checked every time: a build changes it in place)."""
    if (reason := _files_problem(gen)) is not None:
        return reason
    database = Generation(gen).database
    assert database is not None  # the signed name was checked by _content_problem
    return corpusdb.problem(database, gen.name)


def _files_problem(gen: Path) -> str | None:
    """Why the files of ``gen`` must not be used (the signature part of :func:`check_generation`,
    remembered by the stat of every file)."""
    if not _is_real_dir(gen):
        return "no such generation folder"
    try:
        listing = _listing(gen)
    except OSError as err:
        return f"unreadable: {err.strerror or err}"
    if isinstance(listing, str):
        return listing
    stats = _stat_key(listing)
    key = (hashlib.sha256(signing_key()).hexdigest(), str(gen), stats)
    if key not in _CHECKED:
        if _verified_before(gen, stats) and isinstance(_signed_files(gen), dict):
            # unchanged since it was verified (its manifest checked then) or signed by the build
            # that wrote it: the manifest is not read again (29 MB at 100,000 articles: 2.3 s and
            # 800 MB for a reader that never needs it)
            _CHECKED[key] = _content_problem(gen, manifest=False)
        else:
            _CHECKED[key] = _check_uncached(gen, listing)
            if _CHECKED[key] is None:
                _remember_verified(gen.parent, gen.name, stats)
    return _CHECKED[key]


def _check_uncached(gen: Path, listing: dict[str, os.stat_result]) -> str | None:
    signed = _signed_files(gen)
    if isinstance(signed, str):
        return signed
    try:
        actual = _digests(gen, listing)
    except OSError as err:
        return f"unreadable: {err.strerror or err}"
    if actual != signed:
        changed = sorted(set(actual) ^ set(signed)) or sorted(k for k in actual if actual[k] != signed[k])
        return f"{changed[0]} differs from what was signed"
    # signed by us: what follows only catches a generation that a bug of ours wrote incomplete
    return _content_problem(gen)


def _content_problem(gen: Path, manifest: bool = True) -> str | None:
    """What a generation signed by us lacks (a bug of ours wrote it incomplete): a well-formed
    manifest (checked when ``manifest``), the name of its database, a readable Whoosh index."""
    if manifest:
        try:
            data = _read_json(gen / MANIFEST)
        except (OSError, ValueError) as err:
            return f"unreadable JSON: {err}"
        if (reason := _manifest_problem(data)) is not None:
            return reason
    if Generation(gen).database is None:
        return "names no corpus database of this index"
    try:
        ix = whoosh_index.open_dir(str(gen / WHOOSH_DIR))
        with ix.reader() as reader:
            reader.doc_count_all()
    except Exception as err:  # whoosh raises assorted errors on a damaged index
        return f"Whoosh index unreadable ({type(err).__name__})"
    return None


def _manifest_problem(manifest: Any) -> str | None:
    """The manifest's keys and types as :mod:`index.pipeline` writes them."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("fingerprint"), str):
        return "manifest damaged"
    files = manifest.get("files")
    if not isinstance(files, dict):
        return "manifest damaged"
    for path, rec in files.items():
        if not (
            isinstance(path, str)
            and isinstance(rec, dict)
            and isinstance(rec.get("size"), int)
            and isinstance(rec.get("mtime_ns"), int)
            and isinstance(rec.get("id"), str)
            and isinstance(rec.get("status"), str)
            and isinstance(rec.get("problems", []), list)
        ):
            return f"manifest entry of {path!r} damaged"
    return None
