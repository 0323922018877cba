"""Filters of a result list (source, publication dates, entity): the record and its checks.

A filter narrows the hits of a query (or, with no query, every article) without changing their
scores; :mod:`index.search` turns it into a Whoosh filter query applied by the collector, inside
the index, so nothing is scanned in Python.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

#: a day, a month or a year of a date filter
PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

FilterKind = Literal["source", "since", "until", "entity"]
KINDS: tuple[FilterKind, ...] = ("source", "since", "until", "entity")
LABELS: dict[FilterKind, str] = {"source": "source", "since": "from", "until": "to", "entity": "entity"}


class FilterError(ValueError):
    """A filter value cannot be used (the message says why)."""


@dataclass(frozen=True)
class Filters:
    """What the result list is narrowed to; None is no filter of that kind."""

    source: str | None = None
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD: published on or after its first day
    until: str | None = None  # published on or before its last day
    entity: str | None = None  # an entity's id, name or alias

    def __bool__(self) -> bool:
        return any(self.items())

    def items(self) -> list[tuple[FilterKind, str]]:
        """The set filters in display order."""
        return [(kind, value) for kind in KINDS if (value := getattr(self, kind))]

    def without(self, kind: FilterKind) -> Filters:
        return replace(self, **{kind: None})


def checked(filters: Filters) -> Filters:
    """``filters`` with blank values dropped and dates validated; raises :class:`FilterError`."""
    out = Filters(*(_cleaned(getattr(filters, kind)) for kind in KINDS))
    first, last = bounds(out.since), bounds(out.until)
    if first and last and first[0] > last[1]:
        raise FilterError(f"the dates are the wrong way round: from {out.since} to {out.until}")
    return out


def _cleaned(value: str | None) -> str | None:
    return value.strip() or None if value else None


def bounds(value: str | None) -> tuple[dt.datetime, dt.datetime] | None:
    """The bounds of a date filter's value (None for no value); raises :class:`FilterError`."""
    if value is None:
        return None
    bounds = period_bounds(value)
    if bounds is None:
        raise FilterError(f"{value!r} is not a date: write 2024, 2024-01 or 2024-01-30")
    return bounds


def period_bounds(value: str) -> tuple[dt.datetime, dt.datetime] | None:
    """The first and last moment of the year, month or day ``value`` names (None if it names none)."""
    m = PERIOD.match(value.strip())
    if m is None:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    try:
        if not month:
            return dt.datetime(year, 1, 1), dt.datetime(year, 12, 31, 23, 59, 59)
        last = calendar.monthrange(year, month)[1]
        if not day:
            return dt.datetime(year, month, 1), dt.datetime(year, month, last, 23, 59, 59)
        return dt.datetime(year, month, day), dt.datetime(year, month, day, 23, 59, 59)
    except ValueError:
        return None
