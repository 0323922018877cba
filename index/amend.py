"""The user's corrections applied to resolved entities: split, merge, rename, retype, hide.

Corrections name entities by id, display name or alias; they are applied after automatic
resolution, to the whole entity set (see :mod:`index.derive`).
"""

from __future__ import annotations

from collections import Counter

from . import lexicon as lx
from .aliases import EntityRecord, slug
from .corrections import Corrections
from .models import Problem


def _find(records: list[EntityRecord], name: str) -> EntityRecord | None:
    """An entity by id, display name or alias (case, accents and quotes folded)."""
    by_id = next((r for r in records if r.id == name), None)
    if by_id is not None:
        return by_id
    k = lx.key(name)
    return next((r for r in records if lx.key(r.name) == k), None) or next(
        (r for r in records if any(lx.key(a) == k for a, _ in r.aliases)), None
    )


def _split_off(records: list[EntityRecord], owner_name: str, alias: str) -> str | None:
    """Give ``alias`` of an entity an entity of its own; None when done or already in effect (the
    alias is an entity of its own), else why not."""
    owner = _find(records, owner_name)
    if owner is None:
        return f"no entity named {owner_name!r}"
    k = lx.key(alias)
    moved = [(aid, m) for aid, m in owner.mentions if lx.key(m.text) == k]
    if not moved or len(moved) == len(owner.mentions):
        if _stands_alone(records, owner, alias):
            return None
        return f"{owner.id!r} has no separate alias {alias!r}"
    owner.mentions = [x for x in owner.mentions if x not in moved]
    types = Counter(m.type for _, m in moved)
    new_id, n = slug(alias), 2
    while any(r.id == new_id for r in records):
        new_id, n = f"{slug(alias)}-{n}", n + 1
    records.append(EntityRecord(new_id, alias, types.most_common(1)[0][0], moved))
    return None


def _stands_alone(records: list[EntityRecord], owner: EntityRecord, alias: str) -> bool:
    """Whether ``alias`` is already the name of an entity other than ``owner`` (a split in effect)."""
    k = lx.key(alias)
    return any(r is not owner and lx.key(r.name) == k for r in records)


def apply_corrections(records: list[EntityRecord], c: Corrections, path: str) -> list[Problem]:
    """Apply corrections in place: split, merge, rename, retype, hide (in that order).

    A split that finds no such alias before the merges is tried again after them (the reader and
    the CLI let one split off an alias that came with a merge); one already in effect is silent."""
    problems: list[Problem] = []

    def missing(section: str, name: str) -> None:
        problems.append(Problem(path, f"entities.{section}: no entity named {name!r}", skipped=False))

    after_merges = [(o, a) for o, a in c.split if _split_off(records, o, a) is not None]
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
    for owner_name, alias in after_merges:
        if (why := _split_off(records, owner_name, alias)) is not None:
            problems.append(Problem(path, f"entities.split: {why}", skipped=False))
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
