"""The entity store: entities, aliases, mentions and links of a corpus, derived at index time.

``derive`` runs after every build that changed something: it resolves the mentions of all
articles into entities, applies the user's corrections, links entities that share sentences,
dates events and clusters them, and returns the records that :mod:`index.corpusdb` stores.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import lexicon as lx
from .aliases import EntityRecord, resolve, slug
from .analysis import entities_of
from .corrections import Corrections
from .events import build_events, cluster, to_event
from .links import co_occurrences
from .models import Cluster, Entity, EntityMention, Event, Link, Problem, TimeExpr


@dataclass
class Derived:
    """Corpus-level results of a build, as the records the corpus store keeps."""

    entities: list[Entity]
    mentions: list[EntityMention]  # by entity, then article and offset
    links: list[Link]
    times: list[TimeExpr]
    events: list[Event]
    clusters: list[Cluster]
    problems: list[Problem] = field(default_factory=list)


def derive(analyses: Mapping[str, dict[str, Any]], corrections: Corrections, corrections_path: str) -> Derived:
    """Entities, links, events and clusters of the corpus from its per-article analyses."""
    per_article = {aid: entities_of(analyses[aid]) for aid in sorted(analyses)}
    records = resolve(per_article)
    problems = _apply(records, corrections, corrections_path)
    records.sort(key=lambda r: r.id)
    positioned: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for r in records:
        for aid, m in r.mentions:
            positioned[aid].append((m.sentence, m.start, r.id))
    # in text order: a sentence with very many names links each to its neighbours in the text
    placed = {aid: [(si, eid) for si, _, eid in sorted(found)] for aid, found in positioned.items()}
    links = co_occurrences(placed, {aid: a["sentences"] for aid, a in analyses.items()})
    by_sentence: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for aid, pairs in placed.items():
        for si, eid in pairs:
            by_sentence[aid][si].append(eid)
    built = build_events(analyses, by_sentence)
    clusters = cluster(built, len(analyses))
    times = [
        TimeExpr(aid, s, e, t, v, p)
        for aid in sorted(analyses)
        for s, e, t, v, p in analyses[aid].get("times", [])
        if v
    ]
    return Derived(
        entities=[_entity(r) for r in records],
        mentions=[EntityMention(r.id, aid, m.start, m.end, m.text) for r in records for aid, m in r.mentions],
        links=[Link(lk.source, lk.target, lk.weight, len(lk.articles), tuple(lk.evidence)) for lk in links],
        times=times,
        events=[to_event(e) for e in built],
        clusters=clusters,
        problems=problems,
    )


def _entity(r: EntityRecord) -> Entity:
    return Entity(r.id, r.name, r.type, tuple(r.aliases), len(r.mentions), len({a for a, _ in r.mentions}))


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
