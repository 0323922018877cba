"""The corpus store: per-article analyses and everything derived from them, in SQLite.

One database file (``corpus-NNNNNN.sqlite``) in the index folder, beside the generations of the
Whoosh index (which hold the searchable text only). A full build writes a new file in one
transaction with no journal (nobody reads it yet); an incremental build changes the live file in
place, in one WAL transaction, so readers go on reading the last committed state while it runs
and an interrupted build rolls back. The transaction commits with the name of the generation it
belongs to (``info.generation``): a generation is usable only with a database that names it.

Tables are indexed for the reader's look-ups: mentions by entity and by article, events by
article, date and entity, links by either end. Rows are plain values; :mod:`index.corpus` turns
them into the records of :mod:`index.models`.
"""

from __future__ import annotations

import array
import contextlib
import functools
import json
import os
import re
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .events import period
from .models import Cluster, Event, TimeExpr

#: the name of a database file in the index folder (its number: the generation it was created for)
FILE_NAME = re.compile(r"corpus-(\d{6,12})\.sqlite")
SCHEMA_VERSION = 6

SCHEMA = """
CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles(
    id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT, source TEXT, published TEXT, url TEXT,
    lead TEXT NOT NULL DEFAULT '', sentences BLOB NOT NULL, dated TEXT NOT NULL);
CREATE INDEX articles_by_published ON articles(published, id);

-- what each article contributes (see index.derive): its mentions with their spelling keys (and,
-- once resolved, their entity), declared aliases and resolved dates; and, counted over articles,
-- the relations of the keys
CREATE TABLE mentions(article TEXT NOT NULL, ord INTEGER NOT NULL, key TEXT NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, strength INTEGER NOT NULL,
    sentence INTEGER NOT NULL, canonical TEXT, entity TEXT, PRIMARY KEY(article, ord)) WITHOUT ROWID;
CREATE INDEX mentions_by_key ON mentions(key);
CREATE INDEX mentions_by_entity ON mentions(entity, article, start);
CREATE TABLE key_atoms(key TEXT NOT NULL, atom TEXT NOT NULL, active INTEGER NOT NULL, refs INTEGER NOT NULL,
    PRIMARY KEY(key, atom, active)) WITHOUT ROWID;
CREATE INDEX key_atoms_by_atom ON key_atoms(atom, active);
CREATE TABLE declared(article TEXT NOT NULL, ord INTEGER NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
    PRIMARY KEY(article, ord)) WITHOUT ROWID;
CREATE TABLE times(article TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    value TEXT NOT NULL, precision TEXT NOT NULL);
CREATE INDEX times_by_article ON times(article, start);

-- derived from all articles
CREATE TABLE entities(
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL, name_key TEXT NOT NULL, slug_root TEXT NOT NULL, first_article TEXT NOT NULL,
    first_start INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX entities_by_name ON entities(name_key);
CREATE INDEX entities_by_mentions ON entities(mentions DESC, name);
CREATE INDEX entities_by_slug_root ON entities(slug_root);
CREATE TABLE aliases(entity TEXT NOT NULL, rank INTEGER NOT NULL, alias TEXT NOT NULL, count INTEGER NOT NULL,
    key TEXT NOT NULL, PRIMARY KEY(entity, rank)) WITHOUT ROWID;
CREATE INDEX aliases_by_key ON aliases(key);
CREATE TABLE entity_keys(entity TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY(entity, key)) WITHOUT ROWID;
CREATE INDEX entity_keys_by_key ON entity_keys(key);
CREATE TABLE link_parts(source TEXT NOT NULL, target TEXT NOT NULL, article TEXT NOT NULL, count INTEGER NOT NULL,
    evidence TEXT NOT NULL, PRIMARY KEY(source, target, article)) WITHOUT ROWID;
CREATE INDEX link_parts_by_article ON link_parts(article);
CREATE TABLE links(source TEXT NOT NULL, target TEXT NOT NULL, weight INTEGER NOT NULL, articles INTEGER NOT NULL,
    evidence TEXT NOT NULL, PRIMARY KEY(source, target)) WITHOUT ROWID;
CREATE INDEX links_by_target ON links(target);
CREATE TABLE events(
    id TEXT PRIMARY KEY, article TEXT NOT NULL, time_start INTEGER NOT NULL, date TEXT NOT NULL,
    precision TEXT NOT NULL, first_day TEXT NOT NULL, last_day TEXT NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, text TEXT NOT NULL, time_text TEXT NOT NULL, entities TEXT NOT NULL,
    cluster TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX events_by_article ON events(article, time_start);
CREATE INDEX events_by_day ON events(first_day, last_day);
CREATE INDEX events_by_cluster ON events(cluster);
-- an entity's events in timeline order (the first day, then article and place), so that its
-- timeline's first page is read off the key, not sorted out of all its events
CREATE TABLE event_entities(entity TEXT NOT NULL, first_day TEXT NOT NULL, article TEXT NOT NULL,
    start INTEGER NOT NULL, time_start INTEGER NOT NULL, event TEXT NOT NULL,
    PRIMARY KEY(entity, first_day, article, start, time_start, event)) WITHOUT ROWID;
CREATE INDEX event_entities_by_article ON event_entities(article);
CREATE TABLE event_pairs(event TEXT NOT NULL, other TEXT NOT NULL, PRIMARY KEY(event, other)) WITHOUT ROWID;
-- the small columns first: an event's look-up reads sources and disagreement without walking the
-- overflow pages of a large cluster's lists; and a rowid table, found through its id index (a
-- WITHOUT ROWID table's search reads whole cells: 16,615 events of one entity took 5.5 s, not 0.3)
CREATE TABLE clusters(id TEXT PRIMARY KEY, first_date TEXT NOT NULL, sources INTEGER NOT NULL,
    disagreement INTEGER NOT NULL, events TEXT NOT NULL, articles TEXT NOT NULL, dates TEXT NOT NULL);
CREATE INDEX clusters_by_date ON clusters(first_date, id);
"""


class StoreError(Exception):
    """The corpus database cannot be opened or does not have the expected shape."""


def create(path: Path) -> sqlite3.Connection:
    """A new, empty database for a full build, in one transaction (WAL from the start, so that
    readers never need a lock to switch modes later)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    _tune(conn)
    conn.executescript(SCHEMA)  # (executescript commits first: the build's transaction starts after it)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO info VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
    return conn


def open_in_place(path: Path) -> sqlite3.Connection:
    """The live database, for an incremental build: one WAL transaction (readers keep reading the
    last committed state; a build that stops before :func:`finish` leaves it as it was)."""
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            raise StoreError(f"{path}: corpus database not in WAL mode")
        _tune(conn)
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as err:
        raise StoreError(f"{path}: cannot write the corpus database ({err})") from err
    return conn


def _tune(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA synchronous=FULL")  # in WAL mode: the log is synced at the one commit of a build
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA cache_size=-65536")  # 64 MB


def finish(conn: sqlite3.Connection, generation: str) -> None:
    """Commit the build's transaction under the name of its generation, durably (the log is
    synced at the commit), and copy it into the database file as far as readers allow."""
    conn.execute("INSERT OR REPLACE INTO info VALUES ('generation', ?)", (generation,))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # readers may hold old pages: never wait for them
    conn.close()


def open_readonly(path: Path) -> sqlite3.Connection:
    """The database, for reading (a build may change it meanwhile: each query sees the last
    committed state). In a folder this account cannot write, nothing can change it: it is opened
    ``immutable`` (WAL needs to create its shared-memory file otherwise)."""
    uri = path.resolve().as_uri()
    try:
        try:
            conn = _reader(f"{uri}?mode=ro")
        except sqlite3.OperationalError:
            if os.access(path.parent, os.W_OK):
                raise
            conn = _reader(f"{uri}?mode=ro&immutable=1")
        version = conn.execute("SELECT value FROM info WHERE key='schema'").fetchone()
    except sqlite3.Error as err:
        raise StoreError(f"{path}: not a corpus database ({err})") from err
    if version is None or version[0] != str(SCHEMA_VERSION):
        raise StoreError(f"{path}: corpus database of another version")
    return conn


def _reader(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA query_only=ON")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file now, not at first use
    return conn


def problem(path: Path, generation: str) -> str | None:
    """Why the database cannot serve ``generation``, or None: it opens, has exactly the tables
    and indexes of :data:`SCHEMA` (nothing else: no triggers, no views) and names that generation."""
    try:
        conn = open_readonly(path)
    except StoreError as err:
        return str(err).split(": ", 1)[-1]
    try:
        objects = set(conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        marker = conn.execute("SELECT value FROM info WHERE key = 'generation'").fetchone()
    except sqlite3.Error as err:
        return f"corpus database unreadable ({err})"
    finally:
        conn.close()
    if missing := set(expected_objects()) - objects:
        return f"corpus database lacks {sorted(missing)[0][1]}"
    if extra := objects - set(expected_objects()):
        return f"corpus database holds an unexpected {sorted(extra)[0][0]} {sorted(extra)[0][1]!r}"
    if marker is None or marker[0] != generation:
        return f"corpus database belongs to {marker[0] if marker else 'no'} generation"
    return None


def marker(path: Path) -> str | None:
    """The generation the database was last committed for (None if it cannot be read)."""
    try:
        conn = open_readonly(path)
    except StoreError:
        return None
    try:
        row = conn.execute("SELECT value FROM info WHERE key = 'generation'").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


@functools.cache
def expected_objects() -> frozenset[tuple[str, str]]:
    """(type, name) of every table and index :data:`SCHEMA` creates."""
    with contextlib.closing(sqlite3.connect(":memory:")) as conn:
        conn.executescript(SCHEMA)
        rows = conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        return frozenset((str(t), str(n)) for t, n in rows)


# ---- per-article data -------------------------------------------------------------------------


def pack_spans(spans: Iterable[Iterable[int]]) -> bytes:
    """Sentence spans as little-endian unsigned 32-bit starts and ends (8 bytes a sentence)."""
    values = array.array("I", (x for span in spans for x in span))
    if sys.byteorder != "little":
        values.byteswap()
    return values.tobytes()


def unpack_spans(blob: bytes) -> list[tuple[int, int]]:
    values = array.array("I")
    values.frombytes(blob)
    if sys.byteorder != "little":
        values.byteswap()
    return list(zip(values[0::2], values[1::2], strict=True))


def put_article(conn: sqlite3.Connection, article_id: str, analysis: dict[str, Any]) -> None:
    """Store (or replace) one article's list entry, sentence spans and the sentences that hold a date."""
    meta = analysis.get("meta", {})
    conn.execute(
        "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, meta.get("path") or article_id, meta.get("title"), meta.get("source"), meta.get("published"),
         meta.get("url"), meta.get("lead") or "", pack_spans(analysis["sentences"]),
         _dumps(analysis.get("dated_sentences", {}))),
    )  # fmt: skip


def delete_article(conn: sqlite3.Connection, article_id: str) -> None:
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))


def sentences_of(conn: sqlite3.Connection, article_id: str) -> tuple[list[tuple[int, int]], dict[str, str]]:
    """An article's sentence spans, and the text of those that hold a date (by start offset)."""
    row = conn.execute("SELECT sentences, dated FROM articles WHERE id = ?", (article_id,)).fetchone()
    return (unpack_spans(row[0]), json.loads(row[1])) if row else ([], {})


# ---- derived data -----------------------------------------------------------------------------


def put_aliases(db: sqlite3.Connection, aliases: Iterable[tuple[str, Iterable[tuple[str, int]]]], key: Any) -> None:
    """Spellings of entities with their counts, in rank order (``key`` folds them for look-ups)."""
    db.executemany(
        "INSERT INTO aliases VALUES (?, ?, ?, ?, ?)",
        [(eid, rank, a, n, key(a)) for eid, spellings in aliases for rank, (a, n) in enumerate(spellings)],
    )


def put_times(conn: sqlite3.Connection, times: Iterable[TimeExpr]) -> None:
    conn.executemany(
        "INSERT INTO times VALUES (?, ?, ?, ?, ?, ?)",
        [(t.article, t.start, t.end, t.text, t.value, t.precision) for t in times],
    )


def put_events(conn: sqlite3.Connection, events: Iterable[Event]) -> None:
    """Events, with the first and last day of the period their date covers."""
    rows: list[tuple[Any, ...]] = []
    pairs: list[tuple[str, str, str, int, int, str]] = []
    for e in events:
        first, last = period(e.date, e.precision)
        rows.append((e.id, e.article, e.time_start, e.date, e.precision, first.isoformat(), last.isoformat(), e.start,
                     e.end, e.text, e.time_text, _dumps(list(e.entities)), e.cluster))  # fmt: skip
        pairs.extend((x, first.isoformat(), e.article, e.start, e.time_start, e.id) for x in set(e.entities))
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT OR IGNORE INTO event_entities VALUES (?, ?, ?, ?, ?, ?)", pairs)


def put_clusters(conn: sqlite3.Connection, clusters: Iterable[Cluster]) -> None:
    conn.executemany(
        "INSERT INTO clusters VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(c.id, c.dates[0], len(c.articles), int(c.disagreement), _dumps(list(c.events)), _dumps(list(c.articles)),
          _dumps(list(c.dates))) for c in clusters],
    )  # fmt: skip


#: values per ``IN (...)`` list (SQLite limits the parameters of one statement)
CHUNK = 500


def chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """``items``, sorted, in lists short enough for one ``IN (...)``."""
    values = sorted(items)
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
