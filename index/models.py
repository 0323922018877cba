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

    @property
    def precision(self) -> str | None:
        """'year', 'month' or 'day' for ``published``; None when the date is unknown."""
        return date_precision(self.published)


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


def date_precision(value: str | None) -> str | None:
    """Precision of an ISO date string of the form YYYY, YYYY-MM or YYYY-MM-DD."""
    if not value:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(value))
