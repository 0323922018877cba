"""Plain frozen records that cross from the headless core to the CLI and the reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file: where, what, and whether the file was skipped."""

    path: str
    reason: str
    line: int | None = None
    skipped: bool = True

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        verb = "skipped" if self.skipped else "warning"
        return f"{where}: {verb}: {self.reason}"


@dataclass(frozen=True)
class RawDocument:
    """A decoded corpus file, before cleaning."""

    path: str  # relative to the corpus folder, with forward slashes
    abspath: Path
    kind: str  # "markdown" | "text" | "html"
    content: str
    sha256: str  # of the file's bytes
    encoding: str


@dataclass(frozen=True)
class LinkRef:
    """A hyperlink kept as metadata: ``text[start:end]`` is the link's visible text."""

    start: int
    end: int
    href: str


@dataclass(frozen=True)
class TextBlock:
    """One block of article text from a parsed document, markup removed.

    ``kind`` is one of "heading", "paragraph", "quote", "list_item", "table_row", "code".
    ``links`` have offsets into ``text``; ``line`` is the 1-based line of the block in its input;
    ``marker`` is the list marker the source wrote before a list item's first paragraph ("-", "3."),
    kept apart from ``text`` so that judging a line never sees it.
    """

    text: str
    kind: str = "paragraph"
    level: int = 0  # heading level 1-6, 0 for other kinds
    links: tuple[LinkRef, ...] = ()
    line: int | None = None
    marker: str = ""


@dataclass(frozen=True)
class Article:
    """One cleaned article. ``text`` is the only base for character offsets."""

    id: str
    path: str
    title: str | None
    published: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    source: str | None
    url: str | None
    text: str
    content_hash: str
    author: str | None = None
    #: where ``published`` came from: "front matter post_date", "url", "json-ld", "dateline", ...
    published_from: str | None = None
    links: tuple[LinkRef, ...] = ()  # offsets into ``text``
    #: front-matter keys the reader does not interpret, as (key, one-line value), in file order
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def precision(self) -> str | None:
        """'year', 'month' or 'day' for ``published``; None when the date is unknown."""
        return date_precision(self.published)

    @property
    def date_label(self) -> str:
        """The publication date with where it came from, for headers: "2024-01-31 (url)"."""
        if not self.published:
            return "no publication date found"
        return f"{self.published} ({self.published_from})" if self.published_from else self.published

    def header_parts(self) -> list[str]:
        """Source, dated label and author, in the order headers show them."""
        return [x for x in (self.source, self.date_label, self.author) if x]


@dataclass(frozen=True)
class Snippet:
    """A piece of text with highlighted character ranges (relative to ``text``)."""

    text: str
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class SearchHit:
    """One ranked search result."""

    id: str
    title: str | None
    source: str | None
    published: str | None
    path: str
    score: float
    snippet: Snippet = field(default_factory=lambda: Snippet(""))


@dataclass(frozen=True)
class SearchResults:
    """A page of hits and how many documents matched in all."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]
    #: the query ran out of its time budget: the hits are those found until then
    partial: bool = False
    #: how the query was bounded ("fuzzy distance capped at 2", ...), for the user
    notes: tuple[str, ...] = ()


def date_precision(value: str | None) -> str | None:
    """Precision of an ISO date string of the form YYYY, YYYY-MM or YYYY-MM-DD."""
    if not value:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(value))


# ---- corpus-level records: what the corpus store holds and its read API returns -----------------


@dataclass(frozen=True)
class ArticleMeta:
    """What lists show of an article without opening its text."""

    id: str
    path: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None = None
    lead: str = ""


@dataclass(frozen=True)
class EntityMention:
    """One mention of a resolved entity: ``article.text[start:end] == text``."""

    entity: str
    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A resolved entity: its display name, type and spellings (with counts, most used first)."""

    id: str
    name: str
    type: str  # "PERSON" | "ORG" | "PLACE"
    aliases: tuple[tuple[str, int], ...] = ()
    mention_count: int = 0
    article_count: int = 0

    @property
    def alias_names(self) -> list[str]:
        return [a for a, _ in self.aliases]


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression with its resolved ISO value."""

    article: str
    start: int
    end: int
    text: str
    value: str
    precision: str


@dataclass(frozen=True)
class Event:
    """A dated sentence: ``start``/``end`` are the sentence's offsets, ``time_start`` the date's.

    ``sources`` and ``disagreement`` describe its cluster: how many articles report the same
    happening and whether they give different days."""

    id: str
    date: str
    precision: str
    article: str
    start: int
    end: int
    text: str
    entities: tuple[str, ...]
    cluster: str
    time_text: str
    time_start: int = 0
    sources: int = 1
    disagreement: bool = False


@dataclass(frozen=True)
class Cluster:
    """Events of several articles that report one happening."""

    id: str
    events: tuple[str, ...]
    articles: tuple[str, ...]
    dates: tuple[str, ...]
    disagreement: bool


@dataclass(frozen=True)
class Link:
    """Two entities named in the same sentences: how often, in how many articles, and where."""

    source: str
    target: str
    weight: int
    articles: int
    evidence: tuple[tuple[str, int, int], ...] = ()  # (article, sentence start, sentence end)

    def other(self, entity_id: str) -> str:
        return self.target if self.source == entity_id else self.source
