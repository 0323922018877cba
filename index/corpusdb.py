"""The corpus store: per-article analyses and everything derived from them, in SQLite.

One database file (``corpus.sqlite``) per index generation, beside the Whoosh index (which holds
the searchable text only). A build copies the previous generation's database, changes it in one
transaction and closes it before the generation is signed and published, so an interrupted
build leaves the last good state untouched. A published database is never written again: readers
open it read-only and ``immutable`` (no journal, no lock files, nothing added to a signed folder),
which is also why it does not need WAL mode.

Tables are indexed for the reader's look-ups: mentions by entity and by article, events by
article, date and entity, links by either end. Rows are plain values; :mod:`index.corpus` turns
them into the records of :mod:`index.models`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .events import period
from .models import Cluster, Event, TimeExpr

FILENAME = "corpus.sqlite"
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles(
    id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT, source TEXT, published TEXT, url TEXT,
    lead TEXT NOT NULL DEFAULT '');
CREATE INDEX articles_by_published ON articles(published, id);
CREATE TABLE analyses(article TEXT PRIMARY KEY, data TEXT NOT NULL);

-- what each article contributes (see index.derive): mentions with their spelling keys, the
-- relations of those keys, declared aliases, resolved dates
CREATE TABLE raw_mentions(article TEXT NOT NULL, ord INTEGER NOT NULL, key TEXT NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, strength INTEGER NOT NULL,
    sentence INTEGER NOT NULL, canonical TEXT);
CREATE INDEX raw_mentions_by_key ON raw_mentions(key);
CREATE INDEX raw_mentions_by_article ON raw_mentions(article, ord);
CREATE TABLE key_atoms(article TEXT NOT NULL, key TEXT NOT NULL, atom TEXT NOT NULL, active INTEGER NOT NULL);
CREATE INDEX key_atoms_by_key ON key_atoms(key);
CREATE INDEX key_atoms_by_atom ON key_atoms(atom, active);
CREATE INDEX key_atoms_by_article ON key_atoms(article);
CREATE TABLE declared(article TEXT NOT NULL, ord INTEGER NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL);
CREATE INDEX declared_by_article ON declared(article);
CREATE TABLE times(article TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    value TEXT NOT NULL, precision TEXT NOT NULL);
CREATE INDEX times_by_article ON times(article, start);

-- derived from all articles
CREATE TABLE entities(
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL, name_key TEXT NOT NULL, slug_root TEXT NOT NULL, first_article TEXT NOT NULL,
    first_start INTEGER NOT NULL);
CREATE INDEX entities_by_name ON entities(name_key);
CREATE INDEX entities_by_mentions ON entities(mentions DESC, name);
CREATE INDEX entities_by_slug_root ON entities(slug_root);
CREATE TABLE aliases(entity TEXT NOT NULL, alias TEXT NOT NULL, count INTEGER NOT NULL, key TEXT NOT NULL,
    rank INTEGER NOT NULL);
CREATE INDEX aliases_by_entity ON aliases(entity, rank);
CREATE INDEX aliases_by_key ON aliases(key);
CREATE TABLE mentions(entity TEXT NOT NULL, article TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, sentence INTEGER NOT NULL, key TEXT NOT NULL);
CREATE INDEX mentions_by_entity ON mentions(entity, article, start);
CREATE INDEX mentions_by_article ON mentions(article, start);
CREATE INDEX mentions_by_key ON mentions(key);
CREATE TABLE entity_keys(entity TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX entity_keys_by_entity ON entity_keys(entity);
CREATE INDEX entity_keys_by_key ON entity_keys(key);
CREATE TABLE link_parts(source TEXT NOT NULL, target TEXT NOT NULL, article TEXT NOT NULL, count INTEGER NOT NULL,
    evidence TEXT NOT NULL);
CREATE INDEX link_parts_by_pair ON link_parts(source, target, article);
CREATE INDEX link_parts_by_article ON link_parts(article);
CREATE TABLE links(source TEXT NOT NULL, target TEXT NOT NULL, weight INTEGER NOT NULL, articles INTEGER NOT NULL,
    evidence TEXT NOT NULL, PRIMARY KEY(source, target));
CREATE INDEX links_by_target ON links(target);
CREATE INDEX links_by_weight ON links(weight DESC, source, target);
CREATE TABLE events(
    id TEXT PRIMARY KEY, article TEXT NOT NULL, time_start INTEGER NOT NULL, date TEXT NOT NULL,
    precision TEXT NOT NULL, first_day TEXT NOT NULL, last_day TEXT NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, text TEXT NOT NULL, time_text TEXT NOT NULL, entities TEXT NOT NULL,
    cluster TEXT NOT NULL);
CREATE INDEX events_by_article ON events(article, time_start);
CREATE INDEX events_by_day ON events(first_day, last_day);
CREATE INDEX events_by_cluster ON events(cluster);
CREATE TABLE event_entities(event TEXT NOT NULL, entity TEXT NOT NULL, article TEXT NOT NULL);
CREATE INDEX event_entities_by_entity ON event_entities(entity, event);
CREATE INDEX event_entities_by_article ON event_entities(article);
CREATE TABLE clusters(id TEXT PRIMARY KEY, first_date TEXT NOT NULL, events TEXT NOT NULL, articles TEXT NOT NULL,
    dates TEXT NOT NULL, sources INTEGER NOT NULL, disagreement INTEGER NOT NULL);
CREATE INDEX clusters_by_date ON clusters(first_date, id);
"""

#: every table a generation's database must have
TABLES = ("info", "articles", "analyses", "raw_mentions", "key_atoms", "declared", "times", "entities", "aliases",
          "mentions", "entity_keys", "link_parts", "links", "events", "event_entities", "clusters")  # fmt: skip


class StoreError(Exception):
    """The corpus database cannot be opened or does not have the expected shape."""


def create(path: Path) -> sqlite3.Connection:
    """A new, empty database for a build (written in one transaction, see :func:`open_for_build`)."""
    conn = _connect(path)
    conn.executescript(SCHEMA)  # (executescript commits first: the build's transaction starts after it)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO info VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
    return conn


def open_for_build(path: Path) -> sqlite3.Connection:
    """A connection for the build that owns ``path``: no journal file beside it (the build works
    on a private copy, published only after it is closed), changes held until :func:`finish`."""
    conn = _connect(path)
    conn.execute("BEGIN")
    return conn


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")  # the file is fsynced once, in finish()
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA cache_size=-65536")  # 64 MB
    return conn


def finish(conn: sqlite3.Connection, path: Path) -> None:
    """Commit the build's transaction, compact nothing, and flush the file to disk."""
    conn.execute("COMMIT")
    conn.close()
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def open_readonly(path: Path) -> sqlite3.Connection:
    """A published database, opened read-only and immutable (no lock or journal files)."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA query_only=ON")
        version = conn.execute("SELECT value FROM info WHERE key='schema'").fetchone()
    except sqlite3.Error as err:
        raise StoreError(f"{path}: not a corpus database ({err})") from err
    if version is None or version[0] != str(SCHEMA_VERSION):
        raise StoreError(f"{path}: corpus database of another version")
    return conn


def problem(path: Path) -> str | None:
    """Why a (signed) database cannot be used, or None: it opens and has every table."""
    try:
        conn = open_readonly(path)
    except StoreError as err:
        return str(err).split(": ", 1)[-1]
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    missing = set(TABLES) - names
    return f"corpus database lacks {sorted(missing)[0]}" if missing else None


# ---- per-article data -------------------------------------------------------------------------


def put_analysis(conn: sqlite3.Connection, article_id: str, analysis: dict[str, Any]) -> None:
    """Store (or replace) one article's analysis and its list entry."""
    meta = analysis.get("meta", {})
    conn.execute("INSERT OR REPLACE INTO analyses VALUES (?, ?)", (article_id, _dumps(analysis)))
    conn.execute(
        "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
        (article_id, meta.get("path") or article_id, meta.get("title"), meta.get("source"), meta.get("published"),
         meta.get("url"), meta.get("lead") or ""),
    )  # fmt: skip


def delete_article(conn: sqlite3.Connection, article_id: str) -> None:
    conn.execute("DELETE FROM analyses WHERE article = ?", (article_id,))
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))


def article_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]


def analyses(conn: sqlite3.Connection, ids: Iterable[str] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(article id, analysis) in id order: every article's, or those of ``ids``."""
    if ids is None:
        for aid, data in conn.execute("SELECT article, data FROM analyses ORDER BY article"):
            yield aid, json.loads(data)
        return
    for aid in sorted(set(ids)):
        row = conn.execute("SELECT data FROM analyses WHERE article = ?", (aid,)).fetchone()
        if row is not None:
            yield aid, json.loads(row[0])


# ---- derived data -----------------------------------------------------------------------------


def put_aliases(db: sqlite3.Connection, aliases: Iterable[tuple[str, Iterable[tuple[str, int]]]], key: Any) -> None:
    """Spellings of entities with their counts, in rank order (``key`` folds them for look-ups)."""
    db.executemany(
        "INSERT INTO aliases VALUES (?, ?, ?, ?, ?)",
        [(eid, a, n, key(a), rank) for eid, spellings in aliases for rank, (a, n) in enumerate(spellings)],
    )


def put_times(conn: sqlite3.Connection, times: Iterable[TimeExpr]) -> None:
    conn.executemany(
        "INSERT INTO times VALUES (?, ?, ?, ?, ?, ?)",
        [(t.article, t.start, t.end, t.text, t.value, t.precision) for t in times],
    )


def put_events(conn: sqlite3.Connection, events: Iterable[Event]) -> None:
    """Events, with the first and last day of the period their date covers."""
    rows: list[tuple[Any, ...]] = []
    pairs: list[tuple[str, str, str]] = []
    for e in events:
        first, last = period(e.date, e.precision)
        rows.append((e.id, e.article, e.time_start, e.date, e.precision, first.isoformat(), last.isoformat(), e.start,
                     e.end, e.text, e.time_text, _dumps(list(e.entities)), e.cluster))  # fmt: skip
        pairs.extend((e.id, x, e.article) for x in e.entities)
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO event_entities VALUES (?, ?, ?)", pairs)


def put_clusters(conn: sqlite3.Connection, clusters: Iterable[Cluster]) -> None:
    conn.executemany(
        "INSERT INTO clusters VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(c.id, c.dates[0], _dumps(list(c.events)), _dumps(list(c.articles)), _dumps(list(c.dates)),
          len(c.articles), int(c.disagreement)) for c in clusters],
    )  # fmt: skip


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
