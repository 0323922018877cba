"""What the reader's status line says about the result list: how many, in which order, filtered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.wording import count

if TYPE_CHECKING:
    from index.models import SearchResults

NO_MATCHES = "No matches: try fewer words, prefix*, fuzzy~ or OR"
FILTERED_OUT = "Nothing passes the filters: remove one (click its chip, or Backspace on the row)"


def order_of(query: str, sort: str) -> str:
    """The order the list is in: an empty query always lists the newest first."""
    return "newest first" if sort == "date" or not query.strip() else "by relevance"


def results_status(results: SearchResults, sort: str, filtered: bool = False) -> str:
    """``12 matches · by relevance`` or ``5 articles · newest first`` (and what to do about none)."""
    if not results.total:
        return FILTERED_OUT if filtered and not results.query.strip() else NO_MATCHES
    what = count(results.total, "match") if results.query.strip() else count(results.total, "article")
    more = " (stopped early: the query took too long)" if results.partial else ""
    return f"{what}{' (filtered)' if filtered else ''} · {order_of(results.query, sort)}{more}"


def library_status(articles: int, skipped: int) -> str:
    """``1 article`` or ``40 articles, 2 files skipped``."""
    return count(articles, "article") + (f", {count(skipped, 'file')} skipped" if skipped else "")
