"""Timeline formats and filters: events in date order (queried through :class:`index.corpus.Corpus`).

TimelineJS (Knight Lab) format: https://timeline.knightlab.com/docs/json-format.html
TimelineJS renders headline and text fields as HTML, so every article-derived string that goes
into them is HTML-escaped; the CSV is for spreadsheets, so cells are sanitised for the terminal
and a cell that would start a formula is prefixed with an apostrophe (OWASP's CSV-injection advice).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .events import period
from .models import Article, ArticleMeta, Event
from .sanitize import for_terminal

#: what the formats need of an article: its title and source
Titled = Article | ArticleMeta

ISO_PARTIAL = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class TimelineError(ValueError):
    """A bad filter value (the message says which)."""


def _bounds(value: str | None, end: bool) -> str | None:
    if value is None:
        return None
    if not ISO_PARTIAL.match(value):
        raise TimelineError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    precision = {4: "year", 7: "month", 10: "day"}[len(value)]
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], *[*parts[1:], 1, 1][:2])  # 2024-13 and 2024-02-30 are not dates
        first, last = period(value, precision)
    except (ValueError, OverflowError) as err:
        raise TimelineError(f"{value!r} is not a date ({err})") from err
    return (last if end else first).isoformat()


def day_bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """The first and last ISO day of a period given as YYYY, YYYY-MM or YYYY-MM-DD (either open)."""
    return _bounds(date_from, end=False), _bounds(date_to, end=True)


def to_dict(e: Event) -> dict[str, Any]:
    """The JSON form of an event (``broadsheet timeline --format json``)."""
    return {
        "id": e.id, "date": e.date, "precision": e.precision, "article": e.article, "text": e.text,
        "start": e.start, "end": e.end, "entities": list(e.entities), "cluster": e.cluster,
        "time_text": e.time_text, "sources": e.sources, "disagreement": e.disagreement,
    }  # fmt: skip


FORMULA_START = ("=", "+", "-", "@")


def csv_cell(value: Any) -> str:
    """A CSV cell that is neither a terminal escape nor a spreadsheet formula."""
    text = for_terminal(str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(events: Iterable[Event], articles: Mapping[str, Titled]) -> str:
    """One row per event; every cell sanitised (see :func:`csv_cell`)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["date", "precision", "article", "source", "title", "sentence", "entities", "cluster", "sources",
                "disagreement"])  # fmt: skip
    for e in events:
        a = articles.get(e.article)
        row = [e.date, e.precision, e.article, (a.source if a else "") or "", (a.title if a else "") or "",
               e.text, " ".join(e.entities), e.cluster, e.sources, e.disagreement]  # fmt: skip
        w.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


def _tl_date(value: str, precision: str, end: bool = False) -> dict[str, str]:
    if precision == "week":
        d = period(value, "week")[1 if end else 0]
        return {"year": str(d.year), "month": str(d.month), "day": str(d.day)}
    parts = value.split("-")
    return dict(zip(("year", "month", "day"), (str(int(p)) for p in parts), strict=False))


def to_timelinejs(events: Iterable[Event], articles: Mapping[str, Titled], title: str) -> dict[str, Any]:
    """The JSON that TimelineJS loads; each event's group is its source.

    Headline and text are HTML to TimelineJS: article-derived strings are escaped with
    :func:`html.escape` (so is ``group``, whose label is drawn as HTML); only our own ``<p><em>`` note
    is markup.
    """
    out = []
    for e in events:
        a = articles.get(e.article)
        source = (a.source if a else None) or e.article
        item: dict[str, Any] = {
            "start_date": _tl_date(e.date, e.precision),
            "text": {"headline": html.escape(a.title if a and a.title else source), "text": html.escape(e.text)},
            "group": html.escape(source),  # TimelineJS writes group labels as HTML too
            "unique_id": e.id,
        }
        if e.precision == "week":
            item["end_date"] = _tl_date(e.date, e.precision, end=True)
        if e.sources > 1:
            note = f"Reported by {e.sources} sources" + ("; they give different dates." if e.disagreement else ".")
            item["text"]["text"] += f"<p><em>{note}</em></p>"
        out.append(item)
    return {"title": {"text": {"headline": html.escape(title), "text": f"{len(out)} dated events"}}, "events": out}
