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
    ``links`` have offsets into ``text``; ``line`` is the 1-based line of the block in its input.
    """

    text: str
    kind: str = "paragraph"
    level: int = 0  # heading level 1-6, 0 for other kinds
    links: tuple[LinkRef, ...] = ()
    line: int | None = None


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
