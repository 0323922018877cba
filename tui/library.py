"""Everything the reader shows, loaded off the UI thread: index, searcher, entities, events.

A plain object (no Textual): the app calls it from thread workers and posts the results back.
Every look-up is an indexed query through :class:`index.corpus.Corpus`; only the articles opened
recently are kept in memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.corpus import Corpus
from index.filters import Filters
from index.keydates import KeyDate, key_dates
from index.locations import check_corpus, index_dir_for
from index.models import Article, Entity, Event, Link, SearchHit, SearchResults, Snippet
from index.sanitize import path_for_display
from index.search import Searcher
from index.sentences import split as split_sentences
from index.store import IndexStore

if TYPE_CHECKING:
    from index import pipeline

#: articles (with their sentence spans) kept after opening, most recent last
CACHED_ARTICLES = 64


@dataclass(frozen=True)
class Passage:
    """A mention of an entity in context (keyword in context)."""

    article: str
    start: int
    end: int
    sentence_start: int
    sentence: str


class Library:
    """An opened corpus: one index generation, searched and looked up until it is closed."""

    def __init__(self, corpus: Path, store: IndexStore, report: pipeline.BuildReport | None) -> None:
        self.corpus = corpus
        self.store = store
        self.report = report
        gen = store.current()
        self.generation = gen.number if gen is not None else 0
        self.db = gen.corpus() if gen is not None else Corpus.empty()
        self._searcher = Searcher(gen) if gen is not None else None
        self._lock = threading.Lock()
        self._articles: OrderedDict[str, tuple[Article, list[tuple[int, int]]]] = OrderedDict()
        self.article_count = self.db.article_count()

    @classmethod
    def open(
        cls,
        corpus: Path,
        index_dir: Path | None = None,
        progress: Callable[[pipeline.Progress], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> Library:
        """Build or update the index (with progress), then open it."""
        from index import pipeline  # the ingest stack, loaded only to build

        report = pipeline.build(corpus, index_dir, progress=progress, cancel=cancel)
        return cls(report.corpus, IndexStore(report.index_dir), report)

    @classmethod
    def open_existing(cls, corpus: Path, index_dir: Path | None = None) -> Library | None:
        """The corpus's last complete index as it is (no build), or None when there is none yet."""
        folder = check_corpus(corpus)
        store = IndexStore(index_dir_for(folder, index_dir))
        if store.current() is None or store.manifest() is None:
            return None  # nothing built yet, or built by another version: build first
        return cls(folder, store, None)

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self.db.close()

    # ---- articles and search
    def search(
        self, query: str, sort: str = "relevance", limit: int = 50, filters: Filters | None = None
    ) -> SearchResults:
        """Ranked hits, or every article (newest first, undated last) for an empty query; both
        narrowed by ``filters`` (in the index, as filter queries)."""
        if not query.strip() and not filters:
            return self.all_articles(limit)
        if self._searcher is None:
            return SearchResults(query, 0, ())
        with self._lock:
            return self._searcher.search(
                query, limit=limit, sort="date" if sort == "date" else "relevance", filters=filters
            )

    def all_articles(self, limit: int = 500) -> SearchResults:
        """Every article, newest first (undated last)."""
        metas = self.db.articles("date", limit)
        hits = tuple(SearchHit(m.id, m.title, m.source, m.published, m.path, 0.0, Snippet(m.lead)) for m in metas)
        return SearchResults("", self.article_count, hits)

    def article(self, article_id: str) -> Article | None:
        found = self._cached(article_id)
        return found[0] if found else None

    def _cached(self, article_id: str) -> tuple[Article, list[tuple[int, int]]] | None:
        with self._lock:
            if article_id in self._articles:
                self._articles.move_to_end(article_id)
                return self._articles[article_id]
            article = self._searcher.article(article_id) if self._searcher is not None else None
            if article is None:
                return None
            spans = [(x.start, x.end) for x in split_sentences(article.text)]
            self._articles[article_id] = (article, spans)
            while len(self._articles) > CACHED_ARTICLES:
                self._articles.popitem(last=False)
            return article, spans

    def title_of(self, article_id: str) -> str:
        """The title to show (file name, hidden characters as escapes, when there is none); not sanitised
        further here: widgets pass it through :func:`tui.render.plain`."""
        m = self.db.article_meta(article_id)
        if m is None:
            return path_for_display(article_id)
        return m.title or path_for_display(m.path or article_id)

    def source_of(self, article_id: str) -> str | None:
        m = self.db.article_meta(article_id)
        return m.source if m else None

    def sources(self, prefix: str = "", limit: int = 20) -> list[str]:
        """Sources of the articles starting with ``prefix`` (ASCII case ignored), most used first."""
        return self.db.sources(prefix, limit)

    def first_articles(self, count: int) -> list[str]:
        return [m.id for m in self.db.articles("id", count)]

    # ---- entities
    def entity(self, name: str) -> Entity | None:
        """An entity by id, name or alias."""
        return self.db.entity(name)

    def entity_by_id(self, entity_id: str) -> Entity | None:
        return self.db.entities_by_id([entity_id]).get(entity_id)

    def entity_names(self, ids: list[str]) -> dict[str, str]:
        return {eid: e.name for eid, e in self.db.entities_by_id(ids).items()}

    def mentions_in(self, article_id: str) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of every mention in an article, in text order."""
        return self.db.mentions_in(article_id)

    def entities_in(self, article_id: str) -> dict[str, list[tuple[Entity, int]]]:
        """Entities of an article grouped by type, with their counts there, most mentioned first."""
        return self.db.entities_in(article_id)

    def linked(self, entity_id: str, limit: int | None = None) -> list[tuple[Entity, Link]]:
        return self.db.linked(entity_id, limit)

    def entity_articles(self, entity_id: str) -> list[str]:
        return self.db.entity_articles(entity_id)

    def passages(self, entity_id: str, limit: int, offset: int = 0) -> list[Passage]:
        """Sentences naming an entity, with its first mention in each (``limit`` of them from
        ``offset``, in article order)."""
        out = []
        for m in self.db.sentence_mentions(entity_id, limit, offset):
            s, e = self.sentence_at(m.article, m.start)
            article = self.article(m.article)
            if article is not None:
                out.append(Passage(m.article, m.start, m.end, s, article.text[s:e]))
        return out

    def sentence_at(self, article_id: str, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset``."""
        found = self._cached(article_id)
        for s, e in found[1] if found else []:
            if s <= offset < e:
                return s, e
        return offset, offset

    def events_of(self, article_id: str) -> list[Event]:
        """An article's events in date order."""
        return self.db.events_of(article_id)

    def entity_events(self, entity_id: str, limit: int | None = None) -> list[Event]:
        return self.db.events(entity_id, limit=limit)

    def events_with(self, entity_ids: list[str], limit: int | None = None) -> list[Event]:
        """Events that mention any of ``entity_ids``, in date order."""
        return self.db.events(entities=entity_ids, limit=limit) if entity_ids else []

    def key_dates(self, limit: int, entity: str | None = None, articles: list[str] | None = None) -> list[KeyDate]:
        """The ``limit`` key dates of an entity's events, of some articles' events, or of the whole
        corpus (see :mod:`index.keydates`)."""
        return key_dates(self.db, limit, entity=entity, articles=articles)

    def complete(self, prefix: str, limit: int = 10) -> list[Entity]:
        return self.db.complete(prefix, limit)
