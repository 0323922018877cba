"""The one read API over an index generation, for the CLI, the export and the reader.

Every look-up is an indexed query on the generation's corpus database (:mod:`index.corpusdb`);
nothing reads the whole corpus into memory. Results are the frozen records of
:mod:`index.models`. A :class:`Corpus` may be shared by threads (queries are serialised).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import corpusdb
from . import lexicon as lx
from .models import ArticleMeta, Cluster, Entity, EntityMention, Event, Link, TimeExpr

ENTITY_COLUMNS = "e.id, e.name, e.type, e.mentions, e.articles"
ARTICLE_COLUMNS = "id, path, title, source, published, url, lead"
EVENT_COLUMNS = (
    "v.id, v.date, v.precision, v.article, v.start, v.end, v.text, v.entities, v.cluster, v.time_text, v.time_start, "
    "coalesce(c.sources, 1), coalesce(c.disagreement, 0)"
)
EVENTS_FROM = "events v LEFT JOIN clusters c ON c.id = v.cluster"
ARRANGED = "ORDER BY v.first_day, v.article, v.start, v.time_start"


class Corpus:
    """Entities, events, links and article metadata of one generation."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = corpusdb.open_readonly(path)
        self._lock = threading.Lock()

    @classmethod
    def empty(cls) -> Corpus:
        """A corpus with nothing in it (before the first build)."""
        self = cls.__new__(cls)
        self.path = Path(":memory:")
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        conn.executescript(corpusdb.SCHEMA)
        self._conn, self._lock = conn, threading.Lock()
        return self

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def _iter(self, sql: str, args: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows one at a time (for exports of every row; a private cursor, so threads may share)."""
        with self._lock:
            cursor = self._conn.cursor()
            cursor.execute(sql, args)
        while True:
            with self._lock:
                batch = cursor.fetchmany(2000)
            if not batch:
                return
            yield from batch

    # ---- articles
    def article_count(self) -> int:
        return int(self._rows("SELECT count(*) FROM articles")[0][0])

    def articles(self, sort: str = "date", limit: int | None = None, offset: int = 0) -> list[ArticleMeta]:
        """Article list entries: newest first (``sort="date"``), by id (``"id"``), else by title."""
        order = {"date": "published DESC, id DESC", "id": "id"}.get(sort, "lower(coalesce(title, id)), id")
        rows = self._rows(
            f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY {order} LIMIT ? OFFSET ?", (limit or -1, offset)
        )
        return [ArticleMeta(*r) for r in rows]

    def article_meta(self, article_id: str) -> ArticleMeta | None:
        rows = self._rows(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return ArticleMeta(*rows[0]) if rows else None

    def find_articles(self, words: str, limit: int = 50) -> list[ArticleMeta]:
        """Articles whose title (or path) holds ``words`` in order (ASCII case ignored), newest first."""
        rows = self._rows(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE coalesce(title, path) LIKE ? ESCAPE '\\' "
            "ORDER BY published DESC, id LIMIT ?",
            (_like_words(words), limit),
        )
        return [ArticleMeta(*r) for r in rows]

    def sources(self, prefix: str = "", limit: int = 20) -> list[str]:
        """Distinct article sources starting with ``prefix`` (ASCII case ignored), most used first."""
        rows = self._rows(
            "SELECT source FROM articles WHERE source LIKE ? ESCAPE '\\' GROUP BY source "
            "ORDER BY count(*) DESC, source LIMIT ?",
            (_like_escaped(prefix) + "%", limit),
        )
        return [r[0] for r in rows]

    def find_entities(self, words: str, limit: int = 50) -> list[Entity]:
        """Entities with a spelling that holds ``words`` in order (folded), most mentioned first."""
        return self._entities(
            "e.id IN (SELECT entity FROM aliases WHERE key LIKE ? ESCAPE '\\')",
            (_like_words(lx.key(words)),),
            f"ORDER BY e.mentions DESC, e.name LIMIT {int(limit)}",
        )

    # ---- entities
    def _entities(self, where: str, args: tuple[Any, ...] = (), tail: str = "") -> list[Entity]:
        rows = self._rows(f"SELECT {ENTITY_COLUMNS} FROM entities e WHERE {where} {tail}", args)
        aliases: dict[str, list[tuple[str, int]]] = defaultdict(list)
        ids = [r[0] for r in rows]
        for chunk in corpusdb.chunks(ids):
            marks = ",".join("?" * len(chunk))
            for eid, alias, count in self._rows(
                f"SELECT entity, alias, count FROM aliases WHERE entity IN ({marks}) ORDER BY entity, rank",
                tuple(chunk),
            ):
                aliases[eid].append((alias, count))
        return [Entity(r[0], r[1], r[2], tuple(aliases[r[0]]), r[3], r[4]) for r in rows]

    def entity(self, name: str) -> Entity | None:
        """An entity by id, else by display name, else by alias (case, accents and quotes folded)."""
        found = self._entities("e.id = ?", (name,))
        if found:
            return found[0]
        k = lx.key(name)
        found = self._entities("e.name_key = ?", (k,), "ORDER BY e.id LIMIT 1") or self._entities(
            "e.id IN (SELECT entity FROM aliases WHERE key = ?)", (k,), "ORDER BY e.id LIMIT 1"
        )
        return found[0] if found else None

    def entities(self, type: str | None = None, limit: int | None = None) -> list[Entity]:
        """Entities, most mentioned first (then by name)."""
        where, args = ("e.type = ?", (type,)) if type else ("1", ())
        return self._entities(where, args, f"ORDER BY e.mentions DESC, e.name LIMIT {int(limit or -1)}")

    def entities_by_id(self, ids: list[str]) -> dict[str, Entity]:
        out: dict[str, Entity] = {}
        for chunk in corpusdb.chunks(sorted(set(ids))):
            out.update((e.id, e) for e in self._entities(f"e.id IN ({','.join('?' * len(chunk))})", tuple(chunk)))
        return out

    def complete(self, prefix: str, limit: int = 10) -> list[Entity]:
        """Entities whose name or an alias starts with ``prefix`` (folded), most mentioned first."""
        k = lx.key(prefix)
        hi = k + "\U0010ffff"
        return self._entities(
            "e.id IN (SELECT entity FROM aliases WHERE key >= ? AND key < ?) OR (e.name_key >= ? AND e.name_key < ?)",
            (k, hi, k, hi),
            f"ORDER BY e.mentions DESC, e.name LIMIT {int(limit)}",
        )

    def mentions(self, entity_id: str, limit: int | None = None, offset: int = 0) -> list[EntityMention]:
        """An entity's mentions in article order."""
        rows = self._rows(
            "SELECT entity, article, start, end, text FROM mentions WHERE entity = ? ORDER BY article, start "
            "LIMIT ? OFFSET ?",
            (entity_id, limit or -1, offset),
        )
        return [EntityMention(*r) for r in rows]

    def sentence_mentions(self, entity_id: str, limit: int | None = None, offset: int = 0) -> list[EntityMention]:
        """An entity's first mention in each sentence that names it, in article order (a
        sentence naming it twice, or under two spellings merged into it, is one passage).

        The mentions are read in the order of their index and grouped here, so that a page costs
        what it holds: SQLite's GROUP BY sorted every mention first (2.8 s for the first page of
        an entity named 199,496 times)."""
        out: list[EntityMention] = []
        seen: set[int] = set()  # sentences of the current article that gave a passage
        current, passages = None, 0
        sql = (
            "SELECT entity, article, start, end, text, sentence FROM mentions WHERE entity = ? ORDER BY article, start"
        )
        for eid, article, start, end, text, sentence in self._iter(sql, (entity_id,)):
            if article != current:
                current, seen = article, set()
            if sentence in seen:
                continue
            seen.add(sentence)
            passages += 1
            if passages > offset:
                out.append(EntityMention(eid, article, start, end, text))
                if limit and len(out) >= limit:
                    break
        return out

    def entity_articles(self, entity_id: str) -> list[str]:
        return [r[0] for r in self._rows("SELECT DISTINCT article FROM mentions WHERE entity = ? ORDER BY article",
                                         (entity_id,))]  # fmt: skip

    def mentions_in(self, article_id: str) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of every mention in an article, in text order."""
        rows = self._rows("SELECT start, end, entity FROM mentions WHERE article = ? AND entity IS NOT NULL "
                          "ORDER BY start, end, entity", (article_id,))  # fmt: skip
        return [(s, e, eid) for s, e, eid in rows]

    def entities_in(self, article_id: str) -> dict[str, list[tuple[Entity, int]]]:
        """Entities of an article grouped by type, with their counts there, most mentioned first."""
        counts: dict[str, int] = defaultdict(int)
        for _, _, eid in self.mentions_in(article_id):
            counts[eid] += 1
        found = self.entities_by_id(list(counts))
        groups: dict[str, list[tuple[Entity, int]]] = defaultdict(list)
        for eid, n in sorted(counts.items(), key=lambda kv: (-kv[1], found[kv[0]].name if kv[0] in found else kv[0])):
            if eid in found:
                groups[found[eid].type].append((found[eid], n))
        return dict(groups)

    def linked(self, entity_id: str, limit: int | None = None) -> list[tuple[Entity, Link]]:
        """(other entity, link) pairs for an entity, strongest first."""
        rows = self._rows(
            "SELECT source, target, weight, articles, evidence FROM links WHERE source = ? OR target = ? "
            "ORDER BY weight DESC, source, target LIMIT ?",
            (entity_id, entity_id, limit or -1),
        )
        links = [_link(r) for r in rows]
        others = self.entities_by_id([lk.other(entity_id) for lk in links])
        return [(others[lk.other(entity_id)], lk) for lk in links if lk.other(entity_id) in others]

    # ---- events and times
    def events_of(self, article_id: str) -> list[Event]:
        """An article's events in date order, each with its cluster's sources and agreement."""
        rows = self._rows(f"SELECT {EVENT_COLUMNS} FROM {EVENTS_FROM} WHERE v.article = ? {ARRANGED}", (article_id,))
        return [_event(r) for r in rows]

    def events(
        self,
        entity: str | None = None,
        first_day: str | None = None,
        last_day: str | None = None,
        limit: int | None = None,
        entities: list[str] | None = None,
    ) -> list[Event]:
        """Events in date order overlapping [first_day, last_day] (ISO days) and, if given,
        mentioning ``entity`` (or any of ``entities``)."""
        if entity:
            # one entity's page is read off the key of event_entities, which is in timeline order
            source, where, args = "event_entities x JOIN events v ON v.id = x.event", ["x.entity = ?"], [entity]
            first, order = "x.first_day", "ORDER BY x.first_day, x.article, x.start, x.time_start"
        else:
            source, where, args, first, order = "events v", ["1"], [], "v.first_day", ARRANGED
        if entities and not entity:
            where.append(
                f"v.id IN (SELECT event FROM event_entities WHERE entity IN ({','.join('?' * len(entities))}))"
            )
            args += entities
        if first_day:
            where.append("v.last_day >= ?")
            args.append(first_day)
        if last_day:
            where.append(f"{first} <= ?")
            args.append(last_day)
        # the page of events first, then their clusters (joined for the page only)
        page = f"SELECT v.* FROM {source} WHERE {' AND '.join(where)} {order} LIMIT ?"
        sql = f"SELECT {EVENT_COLUMNS} FROM ({page}) v LEFT JOIN clusters c ON c.id = v.cluster {ARRANGED}"
        return [_event(r) for r in self._rows(sql, (*args, limit or -1))]

    def all_events(self) -> Iterator[Event]:
        """Every event, in article then text order (the export's order)."""
        for r in self._iter(f"SELECT {EVENT_COLUMNS} FROM {EVENTS_FROM} ORDER BY v.article, v.time_start"):
            yield _event(r)

    # ---- key dates (see index.keydates): aggregates by day, over the same indexed filters
    @staticmethod
    def _scope(
        entity: str | None, articles: list[str] | None, first_day: str | None, last_day: str | None
    ) -> tuple[str, list[Any]]:
        """A WHERE clause over ``events v``: events of an entity, of some articles, overlapping days."""
        where: list[str] = []
        args: list[Any] = []
        if entity:
            where.append("v.id IN (SELECT event FROM event_entities WHERE entity = ?)")
            args.append(entity)
        if articles is not None:
            where.append("v.article IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(sorted(set(articles))))
        if first_day:
            where.append("v.last_day >= ?")
            args.append(first_day)
        if last_day:
            where.append("v.first_day <= ?")
            args.append(last_day)
        return " AND ".join(where) or "1", args

    def period_support(
        self,
        entity: str | None = None,
        articles: list[str] | None = None,
        first_day: str | None = None,
        last_day: str | None = None,
    ) -> list[tuple[str, str, str, int, int]]:
        """(precision, first day, last day, distinct articles, distinct sources) of every dated
        period (a day, a week, a month) the chosen events fall on; years are left out. An article
        without a source counts as a source of its own. One aggregate query grouped by period."""
        where, args = self._scope(entity, articles, first_day, last_day)
        rows = self._rows(
            "SELECT v.precision, v.first_day, v.last_day, count(DISTINCT v.article), "
            "count(DISTINCT coalesce(a.source, 'article:' || v.article)) "
            f"FROM events v JOIN articles a ON a.id = v.article WHERE v.precision != 'year' AND {where} "
            "GROUP BY v.precision, v.first_day, v.last_day",
            tuple(args),
        )
        return [(p, f, la, int(n), int(s)) for p, f, la, n, s in rows]

    def cluster_support(
        self,
        entity: str | None = None,
        articles: list[str] | None = None,
        first_day: str | None = None,
        last_day: str | None = None,
    ) -> dict[str, int]:
        """Per day: the sum, over the clusters with day-precision events on it, of the distinct
        sources of each cluster on that day beyond the first (a happening three sources date to a
        day adds 2; a report of one source adds nothing)."""
        where, args = self._scope(entity, articles, first_day, last_day)
        rows = self._rows(
            "SELECT day, sum(n - 1) FROM (SELECT v.first_day AS day, v.cluster, "
            "count(DISTINCT coalesce(a.source, 'article:' || v.article)) AS n "
            f"FROM events v JOIN articles a ON a.id = v.article WHERE v.precision = 'day' AND {where} "
            "GROUP BY v.first_day, v.cluster HAVING n > 1) GROUP BY day",
            tuple(args),
        )
        return {d: int(n) for d, n in rows}

    def published_on(
        self, days: list[str], entity: str | None = None, articles: list[str] | None = None
    ) -> dict[str, int]:
        """How many articles (of an entity's events, of ``articles``, or all) were published on each of ``days``."""
        where, args = ["a.published IN (SELECT value FROM json_each(?))"], [json.dumps(sorted(set(days)))]
        if entity:
            where.append("a.id IN (SELECT article FROM event_entities WHERE entity = ?)")
            args.append(entity)
        if articles is not None:
            where.append("a.id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(sorted(set(articles))))
        rows = self._rows(
            f"SELECT a.published, count(*) FROM articles a WHERE {' AND '.join(where)} GROUP BY a.published",
            tuple(args),
        )
        return {d: int(n) for d, n in rows}

    def events_on(
        self, day: str, entity: str | None = None, articles: list[str] | None = None, limit: int | None = None
    ) -> list[Event]:
        """Day-precision events dated to ``day`` (of an entity, of some articles), in article order."""
        where, args = self._scope(entity, articles, None, None)
        sql = (
            f"SELECT {EVENT_COLUMNS} FROM {EVENTS_FROM} WHERE v.first_day = ? AND v.last_day = ? "
            f"AND v.precision = 'day' AND {where} ORDER BY v.article, v.start, v.time_start LIMIT ?"
        )
        return [_event(r) for r in self._rows(sql, (day, day, *args, limit or -1))]

    def clusters(self) -> list[Cluster]:
        rows = self._rows("SELECT id, events, articles, dates, disagreement FROM clusters ORDER BY first_date, id")
        return [Cluster(i, tuple(json.loads(e)), tuple(json.loads(a)), tuple(json.loads(d)), bool(x))
                for i, e, a, d, x in rows]  # fmt: skip

    def times(self) -> Iterator[TimeExpr]:
        for r in self._iter("SELECT article, start, end, text, value, precision FROM times ORDER BY article, start"):
            yield TimeExpr(*r)

    # ---- everything, for the export
    def all_entities(self) -> Iterator[tuple[Entity, list[EntityMention]]]:
        """Every entity (by id) with its mentions in article order."""
        current: list[EntityMention] = []
        last: str | None = None
        entities = iter(self._entities("1", (), "ORDER BY e.id"))
        for row in self._iter("SELECT entity, article, start, end, text FROM mentions WHERE entity IS NOT NULL "
                              "ORDER BY entity, article, start"):  # fmt: skip
            m = EntityMention(*row)
            if m.entity != last and last is not None:
                yield _next_entity(entities, last), current
                current = []
            last = m.entity
            current.append(m)
        if last is not None:
            yield _next_entity(entities, last), current

    def all_links(self) -> Iterator[Link]:
        for r in self._iter(
            "SELECT source, target, weight, articles, evidence FROM links ORDER BY weight DESC, source, target"
        ):  # fmt: skip  (the export's order)
            yield _link(r)


def _next_entity(entities: Iterator[Entity], entity_id: str) -> Entity:
    for e in entities:
        if e.id == entity_id:
            return e
    raise corpusdb.StoreError(f"mentions of an unknown entity {entity_id!r}")


def _link(r: tuple[Any, ...]) -> Link:
    return Link(r[0], r[1], r[2], r[3], tuple((a, s, e) for a, s, e in json.loads(r[4])))


def _event(r: tuple[Any, ...]) -> Event:
    event = Event(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), r[8], r[9], r[10])
    return replace(event, sources=int(r[11]), disagreement=bool(r[12])) if r[11] != 1 or r[12] else event


def _like_words(words: str) -> str:
    """A LIKE pattern matching text that holds each word of ``words``, in order."""
    return "%" + "%".join(_like_escaped(w) for w in words.split()) + "%"


def _like_escaped(text: str) -> str:
    """``text`` with the LIKE wildcards (and the escape character) escaped by a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
