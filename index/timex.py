"""Temporal expressions in news text, normalised to ISO values against the article's date.

Written by hand because the usual libraries get news conventions wrong: dateparser reads "we"
as Wednesday and moves same-day weekdays a week back, datefinder misses day-first dates and
weekdays, ctparse resolves into the future. The rules here:

* a bare weekday in reporting is the most recent such day on or before the article date (the
  article's own weekday is that day); in a sentence about the future ("will meet on Saturday")
  it is the next one, and so is a bare month ("will report in March");
* a date without a year takes the year that places it nearest before the article date;
* "last week / last month / earlier this month / in April last year / this year" count from the
  article date; "a day before", "later that day", "the week before", "at the time" count from the
  date the same or previous paragraph last named;
* durations ("a three-year war", "within 30 days") and vague spans ("in recent days") are no dates;
* with only a month known for the article, the latest day the article itself reports stands in
  for its date, and bare weekdays are the first such days on or after it (the news follows the
  background it dates); with no date at all, relative expressions stay unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import month_number

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"
WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}  # fmt: skip

_MONTH_LEAD = (
    "|".join(
        rf"(?<=\b{w} )" for w in ("in", "since", "until", "by", "early", "late", "last", "this", "in early", "in late")
    )
    + r"|(?<=\bmid-)"
)
_QUANTITY = r"(?:troops|people|soldiers|dollars)"

# (kind, pattern); tried in this order, earlier matches win overlaps
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MON}) (?P<d>[0-3]?\d)(?:st|nd|rd|th)?,? (?P<y>(?:19|20)\d\d)\b")),
    ("dmy", re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)? (?P<mon>{_MON}),? (?P<y>(?:19|20)\d\d)\b")),
    ("month_rel_year", re.compile(rf"\b(?P<mon>{_MON}) (?P<rel>last|this|next) year\b")),
    ("my", re.compile(rf"\b(?P<mon>{_MON}),? (?P<y>(?:19|20)\d\d)\b")),
    ("md", re.compile(rf"\b(?P<mon>{_MON}) (?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![,.]?\d)")),
    ("dm", re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)? (?P<mon>{_MON})\b")),
    ("weekday", re.compile(rf"(?:\b(?P<pre>[Oo]n|[Ll]ast|[Tt]his|[Nn]ext) )?\b(?P<wd>{_WD})\b(?!['’]s)")),
    ("anchored", re.compile(
        r"\b(?P<a>later that day|earlier that day|that same day|the same day|that day|the next day|the following day"
        r"|the day (?:before|after)|the previous day|a day (?:before|after|earlier|later)"
        r"|the week (?:before|after)|the following week|the previous week|a week (?:before|after|earlier|later)"
        r"|the month (?:before|after)|the following month|the previous month|at the time)\b", re.I)),
    ("relative", re.compile(
        r"\b(?P<r>(?:earlier|later) this (?:week|month|year)|(?:last|this|next|past) (?:week|month|year)"
        r"|over the weekend|(?:last|this|next) weekend|yesterday|today|tomorrow|tonight)\b", re.I)),
    ("ago", re.compile(rf"\b(?P<n>{_NUM}) (?P<unit>day|week|month|year)s? ago\b", re.I)),
    # a bare month needs a preposition before it ("in May", not "may"): never "May 5" (above)
    ("month", re.compile(rf"(?:{_MONTH_LEAD})(?P<mon>{_MON})\b(?! \d)")),
    ("year", re.compile(rf"(?<![\d,.$£€-])\b(?P<y>(?:19|20)\d\d)\b(?!,\d|\d|%|-\d|\.\d| {_QUANTITY})")),
]  # fmt: skip


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression: its span, ISO value and precision (None when unresolved)."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    kind: str


@dataclass
class _Ref:
    """The article date as far as it is known."""

    day: dt.date | None  # the date relative expressions count from
    latest: dt.date | None  # the last day the date could be (for "nearest before")
    estimated: bool = False  # day stands in for a month-precision date


def iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _reference(published: str | None) -> _Ref:
    if not published:
        return _Ref(None, None)
    parts = [int(p) for p in published.split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return _Ref(d, d)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return _Ref(None, last)
    return _Ref(None, dt.date(parts[0], 12, 31))


def _future(text: str, start: int) -> bool:
    """True when the sentence before ``start`` speaks of the future ("will present ... in March")."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    return bool(
        re.search(
            r"\b(?:will|would|'ll|shall|plans? to|intends? to|(?:is|are) (?:due|expected|set|scheduled) to)\b",
            text[sentence_start:start],
            re.I,
        )
    )


def _nearest_after(month: int, day: int | None, earliest: dt.date | None) -> dt.date | None:
    """The (month, day) in the year that puts it nearest on or after ``earliest``."""
    if earliest is None:
        return None
    for year in (earliest.year, earliest.year + 1):
        try:
            d = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if d >= earliest.replace(day=1) if day is None else d >= earliest:
            return d
    return None


def _nearest_before(month: int, day: int | None, latest: dt.date | None) -> dt.date | None:
    """The (month, day) in the year that puts it nearest on or before ``latest``."""
    if latest is None:
        return None
    for year in (latest.year, latest.year - 1):
        try:
            d = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if d <= latest:
            return d
    return None


def _matches(text: str) -> list[tuple[str, re.Match[str]]]:
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "weekday" and not m.group("pre") and text[max(0, m.start() - 4) : m.start()].lower() == "the ":
                continue  # "the Sunday Times"
            taken.append((m.start(), m.end()))
            found.append((kind, m))
    return sorted(found, key=lambda km: km[1].start())


def find(text: str, published: str | None) -> list[TimeExpr]:
    """Temporal expressions of an article, in text order, resolved where the evidence allows."""
    ref = _reference(published)
    found = _matches(text)
    if ref.day is None and ref.latest is not None:
        # a month-dated article: the latest day it reports stands in for its date
        days = [d for kind, m in found if (d := _absolute_day(kind, m, ref)) is not None and d <= ref.latest]
        in_period = [d for d in days if published and d.isoformat().startswith(published)]
        if in_period:
            ref = _Ref(max(in_period), ref.latest, estimated=True)
    out: list[TimeExpr] = []
    last_day: tuple[int, dt.date] | None = None  # (offset, date) of the last day-precise value
    last_any: tuple[int, str, str] | None = None  # (offset, value, precision)
    for kind, m in found:
        value, precision = _resolve(kind, m, ref, text, last_day, last_any)
        if kind == "year" and _looks_like_quantity(text, m):
            continue
        out.append(TimeExpr(m.start(), m.end(), m.group(), value, precision, kind))
        if value and precision == DAY:
            last_day = (m.start(), dt.date.fromisoformat(value))
        if value and precision:
            last_any = (m.start(), value, precision)
    return out


def _looks_like_quantity(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 12) : m.start()].lower()
    return bool(re.search(r"(?:about|some|nearly|over|than|of|estimated|around)\s$", before)) and not re.search(
        r"\b(?:in|since|of the|until|by)\s$", before
    )


def _absolute_day(kind: str, m: re.Match[str], ref: _Ref) -> dt.date | None:
    g = m.groupdict()
    try:
        if kind == "iso":
            return dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        if kind in ("mdy", "dmy"):
            return dt.date(int(g["y"]), month_number(g["mon"]) or 0, int(g["d"]))
        if kind in ("md", "dm"):
            return _nearest_before(month_number(g["mon"]) or 0, int(g["d"]), ref.latest)
    except ValueError:
        return None
    return None


def _same_paragraph(text: str, start: int, offset: int) -> bool:
    """True when ``offset`` is in the paragraph of ``start`` or one of the two before (web news
    breaks a story into one-sentence paragraphs)."""
    return text.count("\n\n", offset, start) <= 2


def _resolve(
    kind: str,
    m: re.Match[str],
    ref: _Ref,
    text: str,
    last_day: tuple[int, dt.date] | None,
    last_any: tuple[int, str, str] | None,
) -> tuple[str | None, str | None]:
    g = m.groupdict()
    if kind in ("md", "dm") and ref.day is not None and _future(text, m.start()):
        try:
            d = _nearest_after(month_number(g["mon"]) or 0, int(g["d"]), ref.day)  # "will be held on Dec. 20"
        except ValueError:
            d = None
        return (d.isoformat(), DAY) if d else (None, None)
    if kind in ("iso", "mdy", "dmy", "md", "dm"):
        d = _absolute_day(kind, m, ref)
        return (d.isoformat(), DAY) if d else (None, None)
    if kind == "my":
        return f"{int(g['y']):04d}-{month_number(g['mon']):02d}", MONTH
    if kind == "year":
        return g["y"], YEAR
    if kind == "month":
        month = month_number(g["mon"]) or 0
        if _future(text, m.start()) and ref.day is not None:
            d = _nearest_after(month, None, ref.day)  # "will present a report in March"
        else:
            d = _nearest_before(month, None, ref.latest)
        return (f"{d:%Y-%m}", MONTH) if d else (None, None)
    if kind == "month_rel_year":
        base = ref.day or ref.latest
        if base is None:
            return None, None
        year = base.year + {"last": -1, "this": 0, "next": 1}[g["rel"]]
        return f"{year:04d}-{month_number(g['mon']):02d}", MONTH
    if kind == "weekday":
        return _weekday(g, ref, _future(text, m.start()))
    if kind == "relative":
        return _relative(g["r"].lower(), ref)
    if kind == "ago":
        return _ago(g, ref)
    if kind == "anchored":
        return _anchored(g["a"].lower(), m.start(), text, last_day, last_any)
    return None, None


def _weekday(g: dict[str, str | None], ref: _Ref, future: bool = False) -> tuple[str | None, str | None]:
    if ref.day is None:
        return None, None
    target = WEEKDAY_NAMES.index((g["wd"] or "").lower())
    pre = (g["pre"] or "").lower()
    back = (ref.day.weekday() - target) % 7
    if pre == "next" or (future and pre != "last"):
        d = ref.day + dt.timedelta(days=(target - ref.day.weekday()) % 7 or (7 if pre == "next" else 0))
    elif pre == "last" and back == 0:
        d = ref.day - dt.timedelta(days=7)
    elif ref.estimated:
        d = ref.day + dt.timedelta(days=(target - ref.day.weekday()) % 7)
    else:
        d = ref.day - dt.timedelta(days=back)
    return d.isoformat(), DAY


def _relative(r: str, ref: _Ref) -> tuple[str | None, str | None]:
    base = ref.day
    if base is None:
        return None, None
    if r in ("today", "tonight"):
        return base.isoformat(), DAY
    if r == "yesterday":
        return (base - dt.timedelta(days=1)).isoformat(), DAY
    if r == "tomorrow":
        return (base + dt.timedelta(days=1)).isoformat(), DAY
    if "weekend" in r:
        if r.startswith("next"):
            sunday = base + dt.timedelta(days=6 - base.weekday() + (7 if base.weekday() == 6 else 0))
        else:
            sunday = base - dt.timedelta(days=(base.weekday() + 1) % 7)
        return iso_week(sunday), WEEK
    unit = r.split()[-1]
    step = -1 if r.startswith(("last", "past")) else 1 if r.startswith("next") else 0
    if unit == "week":
        return iso_week(base + dt.timedelta(weeks=step)), WEEK
    if unit == "month":
        month = base.month + step
        year = base.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}", MONTH
    return f"{base.year + step:04d}", YEAR


def _ago(g: dict[str, str | None], ref: _Ref) -> tuple[str | None, str | None]:
    if ref.day is None:
        return None, None
    raw = (g["n"] or "").lower()
    n = NUMBERS.get(raw) or int(raw)
    unit = (g["unit"] or "").lower()
    if unit == "day":
        return (ref.day - dt.timedelta(days=n)).isoformat(), DAY
    if unit == "week":
        return iso_week(ref.day - dt.timedelta(weeks=n)), WEEK
    if unit == "month":
        month = ref.day.month - n
        year = ref.day.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}", MONTH
    return f"{ref.day.year - n:04d}", YEAR


def _anchored(
    a: str, start: int, text: str, last_day: tuple[int, dt.date] | None, last_any: tuple[int, str, str] | None
) -> tuple[str | None, str | None]:
    if a == "at the time":
        if last_any and _same_paragraph(text, start, last_any[0]):
            return last_any[1], last_any[2]
        return None, None
    if not last_day or not _same_paragraph(text, start, last_day[0]):
        return None, None
    base = last_day[1]
    sign = -1 if any(w in a for w in ("before", "previous", "earlier")) else 1
    if "day" in a and any(w in a for w in ("that day", "same day")):
        return base.isoformat(), DAY
    if "week" in a:
        return iso_week(base + dt.timedelta(weeks=sign)), WEEK
    if "month" in a:
        month = base.month + sign
        year = base.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}", MONTH
    return (base + dt.timedelta(days=sign)).isoformat(), DAY
