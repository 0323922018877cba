"""The entity store: entities, aliases, mentions and links of a corpus, derived at index time.

``derive`` runs after every build that changed something: it resolves the mentions of all
articles into entities, applies the user's corrections, links entities that share sentences and
returns plain data that is saved beside the Whoosh index (``corpus.json``). The query helpers
below read that data for the CLI and the reader.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import lexicon as lx
from .aliases import EntityRecord, resolve, slug
from .analysis import entities_of
from .corrections import Corrections
from .events import build_events, cluster
from .events import to_dict as event_dict
from .links import co_occurrences, to_dict
from .models import Problem


@dataclass
class Derived:
    """Corpus-level results of a build."""

    data: dict[str, Any]
    article_entities: dict[str, list[str]]
    problems: list[Problem] = field(default_factory=list)


def derive(analyses: dict[str, dict[str, Any]], corrections: Corrections, corrections_path: str) -> Derived:
    """Entities and links of the corpus from its per-article analyses."""
    per_article = {aid: entities_of(a) for aid, a in analyses.items()}
    records = resolve(per_article)
    problems = _apply(records, corrections, corrections_path)
    records.sort(key=lambda r: r.id)
    positioned: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    article_entities: dict[str, set[str]] = defaultdict(set)
    for r in records:
        for aid, m in r.mentions:
            positioned[aid].append((m.sentence, m.start, r.id))
            article_entities[aid].add(r.id)
    # in text order: a sentence with very many names links each to its neighbours in the text
    placed = {aid: [(si, eid) for si, _, eid in sorted(found)] for aid, found in positioned.items()}
    links = co_occurrences(placed, {aid: a["sentences"] for aid, a in analyses.items()})
    by_sentence: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for aid, pairs in placed.items():
        for si, eid in pairs:
            by_sentence[aid][si].append(eid)
    events = build_events(analyses, by_sentence)
    clusters = cluster(events, len(analyses))
    times = [
        {"article": aid, "text": t, "start": s, "end": e, "value": v, "precision": p}
        for aid in sorted(analyses)
        for s, e, t, v, p in analyses[aid].get("times", [])
        if v
    ]
    data = {
        "entities": [_entity_dict(r) for r in records],
        "links": [to_dict(lk) for lk in links],
        "times": times,
        "events": [event_dict(e) for e in events],
        "clusters": clusters,
        "articles": {aid: a.get("meta", {}) for aid, a in sorted(analyses.items())},
    }
    return Derived(data, {aid: sorted(ids) for aid, ids in article_entities.items()}, problems)


def _entity_dict(r: EntityRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": r.name,
        "type": r.type,
        "aliases": [a for a, _ in r.aliases],
        "alias_counts": [[a, n] for a, n in r.aliases],
        "articles": r.articles,
        "mentions": [{"article": aid, "text": m.text, "start": m.start, "end": m.end} for aid, m in r.mentions],
    }


def _find(records: list[EntityRecord], name: str) -> EntityRecord | None:
    """An entity by id, display name or alias (case, accents and quotes folded)."""
    by_id = next((r for r in records if r.id == name), None)
    if by_id is not None:
        return by_id
    k = lx.key(name)
    return next((r for r in records if lx.key(r.name) == k), None) or next(
        (r for r in records if any(lx.key(a) == k for a, _ in r.aliases)), None
    )


def _apply(records: list[EntityRecord], c: Corrections, path: str) -> list[Problem]:
    """Apply corrections in place: split, merge, rename, retype, hide (in that order)."""
    problems: list[Problem] = []

    def missing(section: str, name: str) -> None:
        problems.append(Problem(path, f"entities.{section}: no entity named {name!r}", skipped=False))

    for owner_name, alias in c.split:
        owner = _find(records, owner_name)
        if owner is None:
            missing("split", owner_name)
            continue
        k = lx.key(alias)
        moved = [(aid, m) for aid, m in owner.mentions if lx.key(m.text) == k]
        if not moved or len(moved) == len(owner.mentions):
            problems.append(
                Problem(path, f"entities.split: {owner.id!r} has no separate alias {alias!r}", skipped=False)
            )
            continue
        owner.mentions = [x for x in owner.mentions if x not in moved]
        types = Counter(m.type for _, m in moved)
        new_id, n = slug(alias), 2
        while any(r.id == new_id for r in records):
            new_id, n = f"{slug(alias)}-{n}", n + 1
        records.append(EntityRecord(new_id, alias, types.most_common(1)[0][0], moved))
    for group in c.merge:
        found = [r for r in (_find(records, g) for g in group) if r is not None]
        for g in group:
            if _find(records, g) is None:
                missing("merge", g)
        if len(found) < 2:
            continue
        into = found[0]
        for other in found[1:]:
            if other is into:
                continue
            into.mentions = sorted(into.mentions + other.mentions, key=lambda am: (am[0], am[1].start))
            records.remove(other)
    for section, changes, field_name in (("rename", c.rename, "name"), ("retype", c.retype, "type")):
        for name, value in changes.items():
            r = _find(records, name)
            if r is None:
                missing(section, name)
            else:
                setattr(r, field_name, value)
    for name in c.hide:
        r = _find(records, name)
        if r is None:
            missing("hide", name)
        else:
            records.remove(r)
    return problems


# ---- queries over stored corpus data ---------------------------------------------------------


def entity(data: dict[str, Any], name: str) -> dict[str, Any] | None:
    """An entity by id, name or alias."""
    ents = data.get("entities", [])
    hit = next((e for e in ents if e["id"] == name), None)
    if hit:
        return hit
    k = lx.key(name)
    return next((e for e in ents if lx.key(e["name"]) == k), None) or next(
        (e for e in ents if any(lx.key(a) == k for a in e["aliases"])), None
    )


def linked(data: dict[str, Any], entity_id: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(other entity, link) pairs for an entity, strongest first."""
    by_id = {e["id"]: e for e in data.get("entities", [])}
    out = []
    for link in data.get("links", []):
        if entity_id in (link["source"], link["target"]):
            other = link["target"] if link["source"] == entity_id else link["source"]
            if other in by_id:
                out.append((by_id[other], link))
    return out


def complete(data: dict[str, Any], prefix: str, limit: int = 10) -> list[dict[str, Any]]:
    """Entities whose name or an alias starts with ``prefix`` (folded), most mentioned first."""
    k = lx.key(prefix)
    hits = [e for e in data.get("entities", []) if any(lx.key(a).startswith(k) for a in [e["name"], *e["aliases"]])]
    return sorted(hits, key=lambda e: (-len(e["mentions"]), e["name"]))[:limit]
