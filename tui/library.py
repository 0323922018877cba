"""Everything the reader shows, loaded off the UI thread: index, searcher, entities, events.

A plain object (no Textual): the app calls it from thread workers and posts the results back.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index import entitystore, pipeline, timeline
from index.models import Article, SearchHit, SearchResults, Snippet
from index.sanitize import path_for_display
from index.search import Searcher
from index.sentences import split as split_sentences
from index.store import IndexStore


@dataclass(frozen=True)
class Passage:
    """A mention of an entity in context (keyword in context)."""

    article: str
    start: int
    end: int
    sentence_start: int
    sentence: str


class Library:
    """An opened corpus."""

    def __init__(self, corpus: Path, store: IndexStore, report: pipeline.BuildReport) -> None:
        self.corpus = corpus
        self.store = store
        self.report = report
        gen = store.current()
        self.data: dict[str, Any] = gen.corpus_data() if gen is not None else {}
        self._searcher = Searcher(gen) if gen is not None else None
        self._lock = threading.Lock()
        self._articles: dict[str, Article] = {}
        self._sentences: dict[str, list[tuple[int, int]]] = {}
        self._mentions: dict[str, list[tuple[int, int, str]]] | None = None
        self.meta: dict[str, dict[str, Any]] = self.data.get("articles", {})
        self.entities: dict[str, dict[str, Any]] = {e["id"]: e for e in self.data.get("entities", [])}
        self._clusters = {c["id"]: c for c in self.data.get("clusters", [])}
        self._events_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in self.data.get("events", []):
            self._events_by_article[e["article"]].append(e)
        self._arranged: dict[str, list[dict[str, Any]]] = {}

    @classmethod
    def open(
        cls,
        corpus: Path,
        index_dir: Path | None = None,
        progress: Callable[[pipeline.Progress], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> Library:
        """Build or update the index (with progress), then open it."""
        report = pipeline.build(corpus, index_dir, progress=progress, cancel=cancel)
        return cls(report.corpus, IndexStore(report.index_dir), report)

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()

    # ---- articles and search
    def search(self, query: str, sort: str = "relevance", limit: int = 50) -> SearchResults:
        """Ranked hits, or every article (newest first) for an empty query."""
        if not query.strip():
            return self.all_articles(sort, limit)
        if self._searcher is None:
            return SearchResults(query, 0, ())
        with self._lock:
            return self._searcher.search(query, limit=limit, sort="date" if sort == "date" else "relevance")

    def all_articles(self, sort: str = "date", limit: int = 500) -> SearchResults:
        items = sorted(self.meta.items(), key=lambda kv: (kv[1].get("published") or "", kv[0]), reverse=True)
        if sort != "date":
            items = sorted(self.meta.items(), key=lambda kv: ((kv[1].get("title") or kv[0]).lower(), kv[0]))
        hits = tuple(
            SearchHit(
                aid,
                m.get("title"),
                m.get("source"),
                m.get("published"),
                m.get("path", aid),
                0.0,
                Snippet(m.get("lead", "")),
            )
            for aid, m in items[:limit]
        )
        return SearchResults("", len(self.meta), hits)

    def article(self, article_id: str) -> Article | None:
        if article_id not in self._articles:
            if self._searcher is None:
                return None
            with self._lock:
                found = self._searcher.article(article_id)
            if found is None:
                return None
            self._articles[article_id] = found
        return self._articles[article_id]

    def title_of(self, article_id: str) -> str:
        m = self.meta.get(article_id, {})
        """The title to show (file name, hidden characters as escapes, when there is none); not sanitised
        further here: widgets pass it through :func:`tui.render.plain`."""
        return m.get("title") or path_for_display(m.get("path") or article_id)

    # ---- entities
    def mentions_in(self, article_id: str) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of every mention in an article, in text order."""
        if self._mentions is None:  # one pass over the corpus, the first time it is needed
            self._mentions = defaultdict(list)
            for e in self.entities.values():
                for m in e["mentions"]:
                    self._mentions[m["article"]].append((m["start"], m["end"], e["id"]))
            for items in self._mentions.values():
                items.sort()
        return self._mentions.get(article_id, [])

    def entities_in(self, article_id: str) -> dict[str, list[tuple[dict[str, Any], int]]]:
        """Entities of an article grouped by type, with their counts there, most mentioned first."""
        counts: dict[str, int] = defaultdict(int)
        for _, _, eid in self.mentions_in(article_id):
            counts[eid] += 1
        groups: dict[str, list[tuple[dict[str, Any], int]]] = defaultdict(list)
        for eid, n in sorted(counts.items(), key=lambda kv: (-kv[1], self.entities[kv[0]]["name"])):
            groups[self.entities[eid]["type"]].append((self.entities[eid], n))
        return dict(groups)

    def entity(self, name: str) -> dict[str, Any] | None:
        return entitystore.entity(self.data, name)

    def linked(self, entity_id: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        return entitystore.linked(self.data, entity_id)

    def passages(self, entity_id: str, limit: int) -> list[Passage]:
        """Mentions of an entity with their sentences (the first ``limit``, in article order)."""
        out = []
        for m in self.entities[entity_id]["mentions"][:limit]:
            article = self.article(m["article"])
            if article is None:
                continue
            s, e = self.sentence_at(m["article"], m["start"])
            out.append(Passage(m["article"], m["start"], m["end"], s, article.text[s:e]))
        return out

    def sentence_at(self, article_id: str, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset``."""
        if article_id not in self._sentences:
            article = self.article(article_id)
            self._sentences[article_id] = [(x.start, x.end) for x in split_sentences(article.text if article else "")]
        for s, e in self._sentences[article_id]:
            if s <= offset < e:
                return s, e
        return offset, offset

    def events_of(self, article_id: str) -> list[dict[str, Any]]:
        """An article's events in date order (arranged when first asked for)."""
        if article_id not in self._arranged:
            self._arranged[article_id] = timeline.arrange(self._events_by_article.get(article_id, []), self._clusters)
        return self._arranged[article_id]

    def entity_events(self, entity_id: str) -> list[dict[str, Any]]:
        return timeline.query(self.data, entity=entity_id)

    def complete(self, prefix: str) -> list[dict[str, Any]]:
        return entitystore.complete(self.data, prefix)
