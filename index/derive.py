"""Corpus-level derivation over the corpus database, incremental.

What the corpus knows beyond single articles (entities, links, events, clusters) is brought up to
date from the articles a build touched, re-deriving only what they can change:

- **Entities.** Resolution (:mod:`index.aliases`) only ever joins nodes that are related by a
  rule: the same spelling key, a surname or first word of a single name, initials of an acronym,
  a shared first and last name, a longer name's tail, or an alias an article declares. Each
  article stores these relations of its keys as *atoms* (``key_atoms``); keys connected through
  atoms form units that resolve independently, so resolving the units around the touched keys
  (and the previous entities of those keys) gives exactly what resolving everything would.
  Ids are then assigned per family of ids that could collide (:func:`aliases.slug_root`), and only
  the mention rows whose entity id changes are written.
- **Links and events** are per article: re-derived for the touched articles and for those whose
  mentions now belong to another entity id; link totals are sums over ``link_parts``.
- **Clusters** are the groups joined by stored pairs of reports (:mod:`index.events`); a pair's
  score depends on its two reports alone, so only the reports of re-derived articles are paired
  again, and only the clusters those pairs join or split are written again.

A full derivation (new index, changed corrections or code) is the same procedure with every
article touched. Corrections (``broadsheet.toml``) are applied to the whole entity set, so a
corpus with corrections re-resolves all entities on every change (links, events and clusters stay
incremental).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from . import corpusdb
from . import events as ev
from . import lexicon as lx
from .aliases import EntityRecord, acronym_of, assign_ids, initials_of, mention_key, resolve, slug, slug_root
from .amend import apply_corrections
from .analysis import entities_of
from .corrections import Corrections
from .dayclusters import SPAN, DaySweep
from .entities import ArticleEntities, Mention
from .links import MAX_EVIDENCE, sentence_pairs
from .models import Problem, TimeExpr
from .timing import Timings, timed

#: past this share of all keys, a unit closure is resolved as a whole corpus (cheaper than by parts)
FULL_SHARE = 0.5


@dataclass
class Outcome:
    """What a derivation changed (for reports and benchmarks) and the problems it found."""

    full: bool
    keys: int
    entities: int
    relinked_articles: int
    reclustered_events: int
    problems: list[Problem]


# ---- per-article parts -------------------------------------------------------------------------


def store_key(key: tuple[str, ...] | str) -> str:
    """A node key as stored: "place:NAME" or "k:" and the skeleton tokens joined by spaces."""
    return key if isinstance(key, str) else "k:" + " ".join(key)


def key_atoms(key: str, texts: set[str]) -> set[tuple[str, int]]:
    """The atoms of a key, as (atom, activates): keys sharing an atom that some key activates
    may be joined by resolution. A superset of the relations :func:`aliases.resolve` uses."""
    acronyms = {a for t in texts if (a := acronym_of(t))}
    if key.startswith("place:"):
        return {(f"ini:{a}", 1) for a in acronyms}
    tokens = key[2:].split(" ")
    if len(tokens) == 1:
        return {(f"sur:{tokens[0]}", 1), (f"head:{tokens[0]}", 1)} | {(f"ini:{a}", 1) for a in acronyms}
    out = {
        (f"sur:{tokens[-1]}", 0),
        (f"head:{tokens[0]}", 0),
        (f"ends:{tokens[0]}|{tokens[-1]}", 1),
        (f"tail:{key}", 1),
    }
    out |= {(f"ini:{initials_of(t)}", 0) for t in texts}
    for size in range(2, len(tokens)):  # tails and heads of two or more tokens (a longer name's short forms)
        out |= {(f"tail:k:{' '.join(tokens[-size:])}", 0), (f"tail:k:{' '.join(tokens[:size])}", 0)}
    return out


def _article_atoms(
    article_id: str, keyed: list[tuple[str, str]], declared: list[tuple[str, str]]
) -> set[tuple[str, str, int]]:
    """(key, atom, activates) of one article, from its (key, mention text) pairs and declared aliases."""
    texts: dict[str, set[str]] = defaultdict(set)
    by_surface: dict[str, set[str]] = defaultdict(set)
    for k, text in keyed:
        texts[k].add(text)
        by_surface[lx.key(text)].add(k)
    atoms = {(k, a, on) for k, ts in texts.items() for a, on in key_atoms(k, ts)}
    for n, (a, b) in enumerate(declared):
        for k in by_surface.get(lx.key(a), set()) | by_surface.get(lx.key(b), set()):
            atoms.add((k, f"decl:{article_id}:{n}", 1))
    return atoms


def store_parts(db: sqlite3.Connection, article_id: str, analysis: dict[str, Any]) -> None:
    """The rows one article contributes: its mentions with their keys (no entity yet), declared
    aliases and times; its key relations add to the counted atoms."""
    ents = entities_of(analysis)
    keyed = [(i, m, store_key(k)) for i, m in enumerate(ents.mentions) if (k := mention_key(m))]
    db.executemany(
        "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        [(article_id, i, k, m.start, m.end, m.text, m.type, m.strength, m.sentence, m.canonical) for i, m, k in keyed],
    )
    db.executemany("INSERT INTO declared VALUES (?, ?, ?, ?)", [(article_id, n, a, b) for n, (a, b) in
                                                                   enumerate(ents.aliases)])  # fmt: skip
    atoms = _article_atoms(article_id, [(k, m.text) for _, m, k in keyed], ents.aliases)
    db.executemany("INSERT INTO key_atoms VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET refs = refs + 1", sorted(atoms))
    times = [TimeExpr(article_id, s, e, t, v, p) for s, e, t, v, p in analysis.get("times", []) if v]
    corpusdb.put_times(db, times)


def drop_parts(db: sqlite3.Connection, article_id: str) -> None:
    """Remove what :func:`store_parts` added for an article (its atoms counted down)."""
    keyed = db.execute("SELECT key, text FROM mentions WHERE article = ? ORDER BY ord", (article_id,)).fetchall()
    declared = db.execute("SELECT a, b FROM declared WHERE article = ? ORDER BY ord", (article_id,)).fetchall()
    atoms = _article_atoms(article_id, keyed, declared)
    db.executemany("UPDATE key_atoms SET refs = refs - 1 WHERE key = ? AND atom = ? AND active = ?", sorted(atoms))
    db.execute("DELETE FROM key_atoms WHERE refs <= 0")
    for table in ("mentions", "declared", "times"):
        db.execute(f"DELETE FROM {table} WHERE article = ?", (article_id,))


def keys_of(db: sqlite3.Connection, article_ids: Iterable[str]) -> set[str]:
    return set(_column(db, "SELECT DISTINCT key FROM mentions WHERE article IN ({})", article_ids))


@dataclass
class StoredParts:
    """What resolution reads of one article's stored mentions, before it is stored again: for each
    key, its mentions' (text, type, strength, canonical) in text order; the keys in order of first
    mention; its declared aliases; and the entity each (key, text, type, strength, canonical) had."""

    by_key: dict[str, list[tuple[Any, ...]]]
    order: list[str]
    declared: list[tuple[str, str]]
    entity_of: dict[tuple[Any, ...], str | None]

    def atoms(self, article_id: str, keys: set[str]) -> set[str]:
        """The atoms these parts gave ``keys`` (see :func:`key_atoms`)."""
        keyed = [(k, form[0]) for k, forms in self.by_key.items() for form in forms]
        return {atom for k, atom, _ in _article_atoms(article_id, keyed, self.declared) if k in keys}


@dataclass
class Touched:
    """What resolution must look at again after articles were stored or removed: the keys whose
    mentions changed, and the atoms their old versions had (gone from the store, they still link
    the keys that were resolved with them: a "Smith" that stood apart because an article also
    named "John Smith" may join "Jane Smith" once that name is deleted)."""

    keys: set[str] = field(default_factory=set)
    atoms: set[str] = field(default_factory=set)


def stored_parts(db: sqlite3.Connection, article_id: str) -> StoredParts:
    """The parts of an article as stored (see :class:`StoredParts`)."""
    sql = "SELECT key, text, type, strength, canonical, entity FROM mentions WHERE article = ? ORDER BY ord"
    rows = db.execute(sql, (article_id,)).fetchall()
    by_key: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    entity_of: dict[tuple[Any, ...], str | None] = {}
    for key, *form, entity in rows:
        by_key[key].append(tuple(form))
        entity_of[(key, *form)] = entity
    declared = db.execute("SELECT a, b FROM declared WHERE article = ? ORDER BY ord", (article_id,)).fetchall()
    return StoredParts(dict(by_key), list(by_key), [tuple(d) for d in declared], entity_of)


def changed_keys(db: sqlite3.Connection, article_id: str, before: StoredParts) -> set[str]:
    """The keys of an article stored again whose mentions resolution could read differently, given
    the parts it had ``before``; the mentions of every other key get back the entity they had.

    Resolution reads a key's mentions in an article by their text, type, strength and gazetteer
    name, never by offset, except that an entity's first mention orders ids; and it reads keys in
    the order they are first met, corpus-wide. So a key is changed when its mentions differ, when
    its place in the article's order of first mentions moved, or when it holds the first mention
    of its entity and that moved. A change of declared aliases changes every key. What keys meet
    in an article (a surname beside a full name) is read through their shared atoms: the caller
    passes on the old atoms of the changed keys (:class:`Touched`), which bring in the others."""
    after = stored_parts(db, article_id)
    if after.declared != before.declared:
        return set(before.by_key) | set(after.by_key)
    changed = set(before.by_key).symmetric_difference(after.by_key)
    changed |= {k for k in before.by_key.keys() & after.by_key.keys() if before.by_key[k] != after.by_key[k]}
    changed |= _moved_in_order(
        [k for k in before.order if k in after.by_key], [k for k in after.order if k in before.by_key]
    )
    kept = {form: entity for form, entity in before.entity_of.items() if form[0] not in changed and entity is not None}
    sql = ("UPDATE mentions SET entity = ? WHERE article = ? AND key = ? AND text = ? AND type = ? AND strength = ? "
           "AND canonical IS ?")  # fmt: skip
    db.executemany(sql, [(e, article_id, *form) for form, e in kept.items()])
    firsts = db.execute(
        "SELECT e.id, e.first_start, min(m.start) FROM entities e JOIN mentions m ON m.entity = e.id AND m.article = ? "
        "WHERE e.first_article = ? GROUP BY e.id", (article_id, article_id)).fetchall()  # fmt: skip
    moved_first = {eid for eid, was, now in firsts if was != now}
    return changed | {form[0] for form, e in kept.items() if e in moved_first}


def _moved_in_order(before: list[str], after: list[str]) -> set[str]:
    """Keys from the first place where two orders of the same keys part (a conservative superset
    of the keys whose relative order changed)."""
    for i, (a, b) in enumerate(zip(before, after, strict=True)):
        if a != b:
            return set(before[i:])
    return set()


# ---- entities ----------------------------------------------------------------------------------


def unit_closure(db: sqlite3.Connection, seeds: set[str], gone_atoms: set[str] | None = None) -> set[str]:
    """Every key that resolves together with ``seeds``: keys joined by active atoms (in the
    current articles), and every key of a stored entity that holds one of them; and, taken as
    active, atoms that removed mentions had (``gone_atoms``)."""
    seen = set(seeds) | set(_column(db, "SELECT DISTINCT key FROM key_atoms WHERE atom IN ({})", gone_atoms or ()))
    frontier = set(seen)
    while frontier:
        atoms = set(_column(db, "SELECT DISTINCT atom FROM key_atoms WHERE key IN ({})", frontier))
        active = set(_column(db, "SELECT DISTINCT atom FROM key_atoms WHERE active = 1 AND atom IN ({})", atoms))
        linked = set(_column(db, "SELECT DISTINCT key FROM key_atoms WHERE atom IN ({})", active))
        owners = set(_column(db, "SELECT DISTINCT entity FROM entity_keys WHERE key IN ({})", frontier | linked))
        linked |= set(_column(db, "SELECT DISTINCT key FROM entity_keys WHERE entity IN ({})", owners))
        frontier = linked - seen
        seen |= frontier
    return seen


class Loaded(dict[str, ArticleEntities]):
    """Mentions by article as loaded for resolution; ``ords`` gives each Mention object's row and
    ``owners`` the entity each row is stored with (None: not resolved yet)."""

    ords: dict[int, int]
    owners: dict[tuple[str, int], str | None]


def _mentions_of_keys(db: sqlite3.Connection, keys: set[str] | None) -> Loaded:
    """The mentions (and the declared aliases of their articles) of ``keys`` (None: all), by article."""
    sql = "SELECT article, ord, start, end, text, type, strength, sentence, canonical, entity FROM mentions"
    rows = db.execute(sql).fetchall() if keys is None else _rows(db, sql + " WHERE key IN ({})", keys)
    rows.sort(key=lambda r: (r[0], r[1]))
    per_article = Loaded()
    per_article.ords, per_article.owners = {}, {}
    for aid, ord_, s, e, t, ty, st, si, can, eid in rows:
        m = Mention(s, e, t, ty, st, si, can)
        per_article.setdefault(aid, ArticleEntities()).mentions.append(m)
        per_article.ords[id(m)] = ord_
        per_article.owners[(aid, ord_)] = eid
    declared = _rows(db, "SELECT article, ord, a, b FROM declared WHERE article IN ({})", per_article)
    for aid, _, a, b in sorted(declared):
        per_article[aid].aliases.append((a, b))
    return per_article


def _entity_row(r: EntityRecord) -> tuple[Any, ...]:
    first = min((aid, m.start) for aid, m in r.mentions)
    return (r.id, r.name, r.type, len(r.mentions), len({a for a, _ in r.mentions}), lx.key(r.name),
            slug_root(slug(r.name)), first[0], first[1])  # fmt: skip


def _family_ids(db: sqlite3.Connection, fresh: list[EntityRecord], gone: set[str], emptied: set[str]) -> dict[str, str]:
    """Assign ids to ``fresh`` records within their families (with the stored entities of those
    families that stay), and again to the families ``emptied`` lost a member (a "duarte-2" left
    alone becomes "duarte"); returns the stored entities whose id changes (old id -> new id)."""
    roots = {slug_root(slug(r.name)) for r in fresh} | emptied
    sql = "SELECT id, name, type, mentions, first_article, first_start FROM entities WHERE slug_root IN ({})"
    stored = [row for row in _rows(db, sql, roots) if row[0] not in gone]
    stand_ins = []
    for eid, name, typ, count, first_article, first_start in stored:
        # a record that sorts like the stored entity (only its count, name, type and first mention matter)
        stand_in = EntityRecord(eid, name, typ, [(first_article, Mention(first_start, first_start, "", typ, 0, 0))])
        stand_in.mentions = stand_in.mentions * count
        stand_ins.append(stand_in)
    old_ids = {id(r): r.id for r in stand_ins}
    by_family: dict[str, list[EntityRecord]] = defaultdict(list)
    for r in [*fresh, *stand_ins]:
        by_family[slug_root(slug(r.name))].append(r)
    for members in by_family.values():
        assign_ids(members)
    return {old_ids[id(r)]: r.id for r in stand_ins if old_ids[id(r)] != r.id}


def _write_entities(db: sqlite3.Connection, records: list[EntityRecord], loaded: Loaded) -> set[str]:
    """Store resolved entities and mark their mentions (rows found through ``loaded.ords``) with
    their ids, writing only the rows whose stored entity differs; returns the articles of those rows."""
    db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [_entity_row(r) for r in records])
    corpusdb.put_aliases(db, [(r.id, r.aliases) for r in records], lx.key)
    ords, owners = loaded.ords, loaded.owners
    moved = [(r.id, aid, o) for r in records for aid, m in r.mentions if owners[(aid, o := ords[id(m)])] != r.id]
    db.executemany("UPDATE mentions SET entity = ? WHERE article = ? AND ord = ?", moved)
    keys = {(r.id, store_key(mention_key(m))) for r in records for _, m in r.mentions}
    db.executemany("INSERT INTO entity_keys VALUES (?, ?)", sorted(keys))
    return {aid for _, aid, _ in moved}


def _delete_entities(db: sqlite3.Connection, ids: set[str]) -> None:
    """Remove entities (their mentions keep the old ids until :func:`_write_entities` rewrites them)."""
    for table, column in (("entities", "id"), ("aliases", "entity"), ("entity_keys", "entity")):
        _execute(db, f"DELETE FROM {table} WHERE {column} IN ({{}})", ids)


def _rename_entities(db: sqlite3.Connection, renames: dict[str, str]) -> None:
    """Give stored entities new ids (their family was reshuffled); clear the old ids first so that
    swapped ids never meet."""
    temp = {old: f"\x00{old}" for old in renames}
    for mapping in (temp, {temp[old]: new for old, new in renames.items()}):
        for table, column in (("entities", "id"), ("aliases", "entity"), ("mentions", "entity"),
                              ("entity_keys", "entity")):  # fmt: skip
            db.executemany(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [(n, o) for o, n in mapping.items()])


@dataclass
class Resolved:
    """What re-resolving entities did: None for ``articles`` means every article may have changed."""

    articles: set[str] | None
    keys: int
    problems: list[Problem]


def resolve_entities(
    db: sqlite3.Connection, seeds: Touched | None, fixes: Corrections, corrections_path: str
) -> Resolved:
    """Re-resolve the units of the ``seeds`` keys (None: everything, as do corrections, which apply
    to the whole entity set). Returns the articles whose mentions now belong to another entity id."""
    total_keys = db.execute("SELECT count(DISTINCT key) FROM mentions").fetchone()[0]
    keys = None if seeds is None or not fixes.empty else unit_closure(db, seeds.keys, seeds.atoms)
    if keys is None or len(keys) > FULL_SHARE * max(total_keys, 1):
        for table in ("entities", "aliases", "entity_keys"):
            db.execute(f"DELETE FROM {table}")
        loaded = _mentions_of_keys(db, None)
        records = resolve(loaded)
        problems = apply_corrections(records, fixes, corrections_path)
        _write_entities(db, sorted(records, key=lambda r: r.id), loaded)
        return Resolved(None, total_keys, problems)
    # every mention of an entity that holds one of ``keys`` has a key in ``keys`` (the closure),
    # so the loaded rows are all the rows whose entity may change
    gone = set(_column(db, "SELECT DISTINCT entity FROM entity_keys WHERE key IN ({})", keys))
    emptied = set(_column(db, "SELECT DISTINCT slug_root FROM entities WHERE id IN ({})", gone))
    _delete_entities(db, gone)
    loaded = _mentions_of_keys(db, keys)
    records = resolve(loaded)
    renames = _family_ids(db, records, gone, emptied)
    _rename_entities(db, renames)  # (entities outside the closure: none of the loaded rows holds their old ids)
    changed = _write_entities(db, records, loaded)
    if renames:
        changed |= set(_column(db, "SELECT DISTINCT article FROM mentions WHERE entity IN ({})", set(renames.values())))
    return Resolved(changed, len(keys), [])


# ---- links and events, per article -------------------------------------------------------------


def _placed(db: sqlite3.Connection, article_id: str) -> list[tuple[int, str]]:
    """(sentence, entity id) of an article's resolved mentions, in text order."""
    rows = db.execute("SELECT sentence, start, entity FROM mentions WHERE article = ? AND entity IS NOT NULL "
                      "ORDER BY sentence, start, entity", (article_id,))  # fmt: skip
    return [(si, eid) for si, _, eid in rows]


@dataclass
class Removed:
    """What re-deriving some articles' events took away: the clusters their previous events were
    in, the buckets of those events, and the events that can cluster (with their words)."""

    clusters: set[str] = field(default_factory=set)
    buckets: set[ev.Bucket] = field(default_factory=set)
    events: list[ev.Event] = field(default_factory=list)


def relink(db: sqlite3.Connection, article_ids: set[str] | None) -> Removed:
    """Re-derive the link parts and events of these articles (None: all), dropping the pairs
    their previous events were in."""
    removed = Removed()
    if article_ids is None:
        for table in ("link_parts", "links", "events", "event_entities", "event_pairs", "clusters"):
            db.execute(f"DELETE FROM {table}")
        pairs_touched: set[tuple[str, str]] | None = None
    else:
        pairs_touched = set(_rows(db, "SELECT source, target FROM link_parts WHERE article IN ({})", article_ids))
        gone = _rows(db, "SELECT id, cluster, precision, date FROM events WHERE article IN ({})", article_ids)
        removed.clusters = {g[1] for g in gone}
        removed.buckets = {b for *_, precision, date in gone if (b := ev.bucket_key(precision, date)) is not None}
        removed.events = _events(_rows(db, _EVENT + " WHERE article IN ({})", article_ids))
        pairs = _rows(db, "SELECT event, other FROM event_pairs WHERE event IN ({})", [g[0] for g in gone])
        db.executemany("DELETE FROM event_pairs WHERE event = ? AND other = ?", pairs + [(b, a) for a, b in pairs])
        for table in ("link_parts", "events", "event_entities"):
            _execute(db, f"DELETE FROM {table} WHERE article IN ({{}})", article_ids)
    ids = _column(db, "SELECT id FROM articles ORDER BY id", ()) if article_ids is None else sorted(article_ids)
    for aid in ids:
        sentences, dated = corpusdb.sentences_of(db, aid)
        times = db.execute("SELECT start, end, text, value, precision FROM times WHERE article = ? ORDER BY start",
                           (aid,)).fetchall()  # fmt: skip
        analysis = {"sentences": sentences, "times": times, "dated_sentences": dated}
        placed = _placed(db, aid)
        parts = _link_parts(aid, placed, sentences)
        db.executemany("INSERT INTO link_parts VALUES (?, ?, ?, ?, ?)", parts)
        if pairs_touched is not None:
            pairs_touched |= {(s, t) for s, t, *_ in parts}
        by_sentence: dict[str, dict[int, list[str]]] = {aid: defaultdict(list)}
        for si, eid in placed:
            by_sentence[aid][si].append(eid)
        built = ev.build_events({aid: analysis}, by_sentence)
        corpusdb.put_events(db, [replace(ev.to_event(e), cluster=f"c-{e.id}") for e in built])
    _sum_links(db, pairs_touched)
    return removed


def _link_parts(aid: str, placed: list[tuple[int, str]], sentences: list[tuple[int, int]]) -> list[tuple[Any, ...]]:
    """One article's contribution to each link: sentences naming both, and the first of them."""
    by_sentence: dict[int, dict[str, None]] = defaultdict(dict)  # entities in order of first mention
    for si, eid in placed:
        by_sentence[si][eid] = None
    counts: dict[tuple[str, str], int] = defaultdict(int)
    evidence: dict[tuple[str, str], list[list[int]]] = defaultdict(list)
    for si in sorted(by_sentence):
        for pair in sentence_pairs(list(by_sentence[si])):
            counts[pair] += 1
            if len(evidence[pair]) < MAX_EVIDENCE and si < len(sentences):
                evidence[pair].append(list(sentences[si]))
    return [(s, t, aid, n, json.dumps(evidence[(s, t)])) for (s, t), n in sorted(counts.items())]


def _sum_links(db: sqlite3.Connection, pairs: set[tuple[str, str]] | None) -> None:
    """Links as totals of their parts (of ``pairs``; None: all): weight, articles, and the first
    evidence in article order."""
    if pairs is None:
        stream = db.execute("SELECT source, target, article, count, evidence FROM link_parts "
                            "ORDER BY source, target, article")  # fmt: skip
        for (source, target), group in itertools.groupby(stream, key=lambda r: (r[0], r[1])):
            db.execute("INSERT INTO links VALUES (?, ?, ?, ?, ?)", (source, target, *_total(r[2:] for r in group)))
        return
    for source, target in sorted(pairs):
        db.execute("DELETE FROM links WHERE source = ? AND target = ?", (source, target))
        rows = db.execute(
            "SELECT article, count, evidence FROM link_parts WHERE source = ? AND target = ? ORDER BY article",
            (source, target),
        ).fetchall()
        if rows:
            db.execute("INSERT INTO links VALUES (?, ?, ?, ?, ?)", (source, target, *_total(rows)))


def _total(parts: Iterable[tuple[str, int, str]]) -> tuple[int, int, str]:
    """Weight, article count and evidence of a link from its parts (in article order)."""
    weight = articles = 0
    evidence: list[list[Any]] = []
    for aid, count, spans in parts:
        weight += count
        articles += 1
        if len(evidence) < MAX_EVIDENCE:
            evidence += [[aid, s, e] for s, e in json.loads(spans)][: MAX_EVIDENCE - len(evidence)]
    return weight, articles, json.dumps(evidence)


# ---- clusters ----------------------------------------------------------------------------------

_EVENT = "SELECT id, date, precision, article, start, end, text, entities, time_text, time_start FROM events"


def _events(rows: Iterable[tuple[Any, ...]]) -> list[ev.Event]:
    """Events (that can cluster) from rows of :data:`_EVENT`, with their content words."""
    out = []
    for eid, date, precision, aid, s, e, text, ents, ttext, tstart in sorted(set(rows)):
        if precision == "year":
            continue
        event = ev.Event(eid, date, precision, aid, s, e, text, json.loads(ents), ttext, tstart)
        event.read_words()
        out.append(event)
    return out


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(max(1, min(ordinal, dt.date.max.toordinal()))).isoformat()


def _bucket_rows(db: sqlite3.Connection, bucket: ev.Bucket, select: str = _EVENT) -> list[tuple[Any, ...]]:
    """The stored events of one bucket (rows of ``select``, a query of the events table)."""
    precision, value = bucket
    if precision == "day":
        return db.execute(select + " WHERE first_day = ? AND precision = 'day'", (_iso(int(value)),)).fetchall()
    first = ev.period(str(value), precision)[0].isoformat()
    return db.execute(select + " WHERE first_day = ? AND precision = ? AND date = ?",
                      (first, precision, value)).fetchall()  # fmt: skip


def _pair_all(db: sqlite3.Connection) -> int:
    """Pair every stored report, a few days of reports in memory at a time
    (:class:`events.BucketWindow`), and write every cluster."""
    rows = db.execute("SELECT DISTINCT precision, date FROM events").fetchall()
    buckets = {key for precision, date in rows if (key := ev.bucket_key(precision, date)) is not None}
    window = ev.BucketWindow(lambda bucket: _events(_bucket_rows(db, bucket)))
    for _ in _store_pairs(db, ev.pairs_in_order(window, buckets)):
        pass
    days, fresh = [int(b[1]) for b in buckets if b[0] == "day"], set[str]()
    return _sweep_all_days(db, sorted(days), fresh) + _cluster_periods(db, {b for b in buckets if b[0] != "day"}, fresh)


def _store_pairs(db: sqlite3.Connection, pairs: Iterable[tuple[ev.Event, ev.Event]]) -> Iterator[tuple[str, str]]:
    """Store pairs both ways (a batch at a time), yielding them as (id, id) once stored."""
    stream = ((a.id, b.id) for a, b in pairs)
    while batch := list(itertools.islice(stream, 10_000)):
        db.executemany("INSERT OR IGNORE INTO event_pairs VALUES (?, ?)", batch)
        db.executemany("INSERT OR IGNORE INTO event_pairs VALUES (?, ?)", [(b, a) for a, b in batch])
        yield from batch


def recluster(db: sqlite3.Connection, articles: set[str] | None, removed: Removed) -> int:
    """Pair again the reports whose best matches these articles (None: all) can change and bring
    the clusters up to date; returns how many events the clusters written again hold.

    A report's best matches change only when a report it scores with comes or goes
    (:mod:`index.events`): those reports, of the buckets next to the articles' new and removed
    events, are paired again with the articles' new reports. Clusters of days are swept again from
    each day whose reports or pairs changed until they are those stored (:mod:`index.dayclusters`);
    a week's or a month's clusters are the groups its pairs join, worked out again where its
    reports or pairs changed."""
    if articles is None:
        return _pair_all(db)
    targets = _rows(db, "SELECT id, precision, date FROM events WHERE article IN ({})", articles)
    touched = {b for _, precision, date in targets if (b := ev.bucket_key(precision, date)) is not None}
    reach = {near for b in touched | removed.buckets for near in ev.neighbour_buckets(b)}
    window = ev.BucketWindow(lambda bucket: _events(_bucket_rows(db, bucket)))
    fresh_events = [e for b in touched for e in window.events(b) if e.article in articles]
    affected = {e.id for e in fresh_events}
    for probes in (fresh_events, removed.events):  # apart: a new event may reuse a removed one's id
        affected |= ev.scoring_with(window, probes, reach)
    repaired = [e for b in sorted(reach, key=ev.bucket_order) for e in window.events(b) if e.id in affected]
    old = _rows(db, "SELECT event, other FROM event_pairs WHERE event IN ({})", affected)
    db.executemany("DELETE FROM event_pairs WHERE event = ? AND other = ?", old + [(b, a) for a, b in old])
    new_pairs = list(_store_pairs(db, ev.pairs_of(window, repaired)))
    before, after = {(min(p), max(p)) for p in old}, {(min(p), max(p)) for p in new_pairs}
    # the new events get labels no stored cluster has (a new event may reuse a removed one's id)
    _execute(db, "UPDATE events SET cluster = 'new:' || id WHERE precision != 'year' AND article IN ({})", articles)
    moved = {x for pair in before ^ after for x in pair} | {i for i, _, _ in targets}  # reports whose pairs changed
    changed = touched | removed.buckets
    changed |= {b for _, precision, date in _rows(db, "SELECT id, precision, date FROM events WHERE id IN ({})", moved)
                if (b := ev.bucket_key(precision, date)) is not None}  # fmt: skip
    _execute(db, "DELETE FROM clusters WHERE id IN ({})", removed.clusters)
    unsettled = set(removed.clusters)
    days, fresh = sorted(int(b[1]) for b in changed if b[0] == "day"), set[str]()
    periods = {b for b in changed if b[0] != "day"}
    return _sweep_changed_days(db, days, unsettled, fresh) + _cluster_periods(db, periods, fresh)


_DAY_EVENTS = "SELECT id, date, precision, article, cluster FROM events WHERE precision = 'day'"

Stored = dict[str, tuple[str, str, str, str]]  # event id -> (date, precision, article, stored cluster label)


def _load_day(db: sqlite3.Connection, day: int, info: Stored) -> tuple[list[str], list[tuple[str, str]]]:
    """The reports of a day (noted in ``info``) and the stored pairs that hold one of them."""
    rows = db.execute(_DAY_EVENTS + " AND first_day = ?", (_iso(day),)).fetchall()
    for eid, *rest in rows:
        info[eid] = tuple(rest)  # type: ignore[assignment]
    ids = sorted(r[0] for r in rows)
    return ids, _rows(db, "SELECT event, other FROM event_pairs WHERE event IN ({})", ids)


def _sweep_all_days(db: sqlite3.Connection, days: list[int], fresh: set[str]) -> int:
    """Write the clusters of every day-precise report (a full derivation)."""
    sweep, written = DaySweep(), 0
    info: Stored = {}
    for day in days:
        sweep.add_day(day, *_load_day(db, day, info))
        written += _write_clusters(db, sweep, info, fresh)
        _forget_before(info, day - 2 * SPAN)
    sweep.finish()
    return written + _write_clusters(db, sweep, info, fresh)


def _sweep_changed_days(db: sqlite3.Connection, days: list[int], unsettled: set[str], fresh: set[str]) -> int:
    """Sweep the day clusters again from each changed day until they settle (see
    :meth:`dayclusters.DaySweep.settled`); ``unsettled``: stored labels that cannot be kept."""
    written, k = 0, 0
    while k < len(days):
        start = days[k]
        sweep = DaySweep()
        info: Stored = {}
        # the stored clusters with a report in the days before: the sweep's state before ``start``
        before = (_iso(start - SPAN), _iso(start))
        sql = "SELECT DISTINCT cluster FROM events WHERE precision = 'day' AND first_day >= ? AND first_day < ?"
        labels = [r[0] for r in db.execute(sql, before)]
        seeds = []
        for chunk in corpusdb.chunks(labels):
            sql = _DAY_EVENTS + f" AND first_day < ? AND cluster IN ({','.join('?' * len(chunk))})"
            seeds += db.execute(sql, (_iso(start), *chunk)).fetchall()
        groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for eid, date, precision, article, label in sorted(seeds):
            info[eid] = (date, precision, article, label)
            groups[label].append((eid, dt.date.fromisoformat(date).toordinal()))
        for group in groups.values():
            sweep.seed(group)
        day = start
        while True:
            sweep.add_day(day, *_load_day(db, day, info))
            written += _write_clusters(db, sweep, info, fresh)
            _forget_before(info, day - 2 * SPAN)
            while k < len(days) and days[k] <= day:
                k += 1
            # a changed day's clusters reach SPAN days on; the sweep stops once past them and settled
            near = k < len(days) and days[k] <= day + SPAN + 1
            if not near and day >= days[k - 1] + SPAN and _settled(sweep, day, info, unsettled):
                break
            day += 1
    return written


def _forget_before(info: Stored, day: int) -> None:
    """Let go of the reports before ``day`` (no decision of a later day reads them)."""
    first = _iso(day)
    for e in [e for e, (date, *_) in info.items() if date < first]:
        del info[e]


def _settled(sweep: DaySweep, day: int, info: Stored, unsettled: set[str]) -> bool:
    """Whether the sweep's last days hold the stored clusters (new reports' and ``unsettled``
    labels never do)."""
    stored = {e: label for e, (*_, label) in info.items() if not label.startswith("new:") and label not in unsettled}
    members_of: dict[str, set[str]] = defaultdict(set)
    for e, label in stored.items():
        if dt.date.fromisoformat(info[e][0]).toordinal() <= day:
            members_of[label].add(e)
    return sweep.settled(day, stored, members_of)


def _write_clusters(db: sqlite3.Connection, sweep: DaySweep, info: Stored, fresh: set[str]) -> int:
    """Write the clusters the sweep has closed (and forget them); returns how many events they hold."""
    clusters, sweep.closed = sweep.closed, []
    return _write_groups(db, clusters, info, fresh)


def _write_groups(db: sqlite3.Connection, groups: list[list[str]], info: Stored, fresh: set[str]) -> int:
    """Store clusters (each a list of event ids, with their ``info``): every event's label, writing
    only those that change, and the summaries of clusters over several articles. The rows of their
    stored labels go first, unless written in this derivation (``fresh``: the ids written so far)."""
    stale = {info[e][3] for group in groups for e in group} - fresh
    updates, summaries = [], []
    for group in groups:
        cid = "c-" + min(group)
        updates += [(cid, e) for e in group if info[e][3] != cid]
        members = [ev.Event(e, info[e][0], info[e][1], info[e][2], 0, 0, "", [], "") for e in group]
        fresh.add(cid)
        if (c := ev.summary(cid, members)) is not None:
            summaries.append(c)
    db.executemany("UPDATE events SET cluster = ? WHERE id = ?", updates)
    _execute(db, "DELETE FROM clusters WHERE id IN ({})", stale | {c.id for c in summaries})  # new ids: written before?
    corpusdb.put_clusters(db, summaries)
    return sum(len(g) for g in groups)


def _cluster_periods(db: sqlite3.Connection, buckets: set[ev.Bucket], fresh: set[str]) -> int:
    """Write the clusters of weeks and months: the groups a bucket's pairs join (a bucket is
    matched within itself)."""
    written = 0
    for bucket in sorted(buckets, key=repr):
        rows = _bucket_rows(db, bucket, "SELECT id, date, precision, article, cluster FROM events")
        info: Stored = {eid: tuple(rest) for eid, *rest in rows}  # type: ignore[misc]
        pairs = _rows(db, "SELECT event, other FROM event_pairs WHERE event IN ({})", info)
        groups = ev.components(sorted(info), pairs)
        written += _write_groups(db, groups, info, fresh)
    return written


# ---- the whole update --------------------------------------------------------------------------


def refresh(
    db: sqlite3.Connection,
    touched: set[str],
    seeds: Touched,
    full: bool,
    fixes: Corrections,
    corrections_path: str,
    check: Callable[[], None] = lambda: None,
    timings: Timings | None = None,
) -> Outcome:
    """Bring the derived tables up to date after ``touched`` articles were stored again (their
    parts already replaced; ``seeds``: the keys whose mentions changed, see :func:`changed_keys`,
    and the atoms of their old versions). ``full`` derives everything anew. ``check`` is called
    between stages (it raises to cancel)."""
    timings = {} if timings is None else timings
    with timed(timings, "resolve entities"):
        resolved = resolve_entities(db, None if full else seeds, fixes, corrections_path)
    check()
    articles = None if resolved.articles is None else touched | resolved.articles
    with timed(timings, "links and events"):
        removed = relink(db, articles)
    check()
    with timed(timings, "cluster events"):
        reclustered = recluster(db, articles, removed)
    entities = db.execute("SELECT count(*) FROM entities").fetchone()[0]
    relinked = db.execute("SELECT count(*) FROM articles").fetchone()[0] if articles is None else len(articles)
    return Outcome(articles is None, resolved.keys, entities, relinked, reclustered, resolved.problems)


# ---- helpers: queries with IN lists of any length ----------------------------------------------


def _rows(db: sqlite3.Connection, sql: str, items: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` whose ``IN ({})`` is filled with ``items``, a chunk at a time."""
    out: list[tuple[Any, ...]] = []
    for chunk in corpusdb.chunks(items):
        out += db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
    return out


def _column(db: sqlite3.Connection, sql: str, items: Iterable[Any]) -> list[Any]:
    if "{}" not in sql:
        return [r[0] for r in db.execute(sql)]
    return [r[0] for r in _rows(db, sql, items)]


def _execute(db: sqlite3.Connection, sql: str, items: Iterable[Any]) -> None:
    for chunk in corpusdb.chunks(items):
        db.execute(sql.format(",".join("?" * len(chunk))), chunk)
