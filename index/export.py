"""The ``broadsheet.export/1`` JSON document: everything the reader knows about a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .store import IndexStore

SCHEMA_ID = "broadsheet.export/1"
EVENT_KEYS = ("id", "date", "precision", "article", "text", "start", "end", "entities", "cluster")


def export(store: IndexStore, corpus: Path) -> dict[str, Any]:
    """Articles with their cleaned text, plus entities, times, events and links."""
    gen = store.current()
    data = gen.corpus_data() if gen is not None else {}
    return {
        "schema": SCHEMA_ID,
        "corpus": corpus.name,
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "published": a.published,
                "source": a.source,
                "url": a.url,
                "published_from": a.published_from,
                "author": a.author,
                "text": a.text,
            }
            for a in store.articles()
        ],
        "entities": [
            {k: e[k] for k in ("id", "name", "type", "aliases", "mentions")} for e in data.get("entities", [])
        ],
        "times": data.get("times", []),
        "events": [{k: e[k] for k in EVENT_KEYS} for e in data.get("events", [])],
        "links": [{k: lk[k] for k in ("source", "target", "weight", "articles")} for lk in data.get("links", [])],
    }
