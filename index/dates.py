"""Absolute calendar dates in text ("Jan. 1, 2020", "30 January 2024", "2024-02-08").

Used for datelines now; the temporal-expression grammar of the timeline builds on these patterns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

PATTERNS = [
    re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)[-/](?P<month>[01]\d)[-/](?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I),
]


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: its span and ISO value (YYYY-MM-DD or YYYY-MM)."""

    start: int
    end: int
    value: str


def month_number(name: str) -> int | None:
    """1-12 for a month name or abbreviation (any case, trailing dot allowed)."""
    return MONTHS.get(name.lower().rstrip("."))


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO string for a (partial) date, or None when it is not a real calendar date."""
    try:
        if day is not None and month is not None:
            return dt.date(year, month, day).isoformat()
        if month is not None:
            return f"{dt.date(year, month, 1):%Y-%m}"
        return f"{year:04d}"
    except ValueError:
        return None


def find_absolute_dates(text: str) -> Iterator[DateMatch]:
    """Full dates and month-year dates in ``text``, left to right, without overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            parts = m.groupdict()
            month = int(parts["month"]) if parts["month"].isdigit() else month_number(parts["month"])
            day = int(parts["day"]) if parts.get("day") else None
            value = iso(int(parts["year"]), month, day)
            if value:
                taken.append((m.start(), m.end()))
                found.append(DateMatch(m.start(), m.end(), value))
    yield from sorted(found, key=lambda d: d.start)
