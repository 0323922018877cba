"""The ``broadsheet.export/1`` JSON document: everything the reader knows about a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .models import Article, Entity, EntityMention, Event, Link, TimeExpr
from .store import IndexStore

SCHEMA_ID = "broadsheet.export/1"


def export(store: IndexStore, corpus: Path) -> dict[str, Any]:
    """Articles with their cleaned text, plus entities, times, events and links."""
    with store.corpus() as db:
        return {
            "schema": SCHEMA_ID,
            "corpus": corpus.name,
            "articles": [_article(a) for a in store.articles()],
            "entities": [_entity(e, ms) for e, ms in db.all_entities()],
            "times": [_time(t) for t in db.times()],
            "events": [_event(e) for e in db.all_events()],
            "links": [_link(lk) for lk in db.all_links()],
        }


def _article(a: Article) -> dict[str, Any]:
    fields = ("id", "path", "title", "published", "source", "url", "published_from", "author", "text")
    return {k: getattr(a, k) for k in fields}


def _entity(e: Entity, mentions: list[EntityMention]) -> dict[str, Any]:
    spans = [{"article": m.article, "text": m.text, "start": m.start, "end": m.end} for m in mentions]
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": e.alias_names, "mentions": spans}


def _time(t: TimeExpr) -> dict[str, Any]:
    fields = ("article", "text", "start", "end", "value", "precision")
    return {k: getattr(t, k) for k in fields}


def _event(e: Event) -> dict[str, Any]:
    fields = ("id", "date", "precision", "article", "text", "start", "end", "entities", "cluster")
    return {k: list(e.entities) if k == "entities" else getattr(e, k) for k in fields}


def _link(lk: Link) -> dict[str, Any]:
    return {"source": lk.source, "target": lk.target, "weight": lk.weight, "articles": lk.articles}
