"""Publication dates by provenance: parse date values, find dates in URLs, choose the best candidate.

Every place a date can come from (a front-matter key, a URL path, JSON-LD, an article meta tag, a
dateline, a "Date:" line at the top of the body) becomes a :class:`DateCandidate` with a short,
human provenance ("front matter post_date", "url", "json-ld", "meta article:published_time",
"dateline", "body Date line") and a role. :func:`choose` then picks by provenance, not position.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urlsplit

from dateutil import parser as dateutil_parser

from .dates import iso

Role = Literal["published", "modified", "captured", "unknown"]


@dataclass(frozen=True)
class DateCandidate:
    """One possible date of an article: ISO ``value`` (YYYY, YYYY-MM or YYYY-MM-DD), where it came from, its role.

    ``role`` is "published" (the source says it is the publication date), "modified" (an update
    time), "captured" (when a clipper or crawler saved the page) or "unknown" (a bare ``date`` or
    ``created`` that may be either the publication or the capture date).
    """

    value: str
    provenance: str
    role: Role = "unknown"


@dataclass(frozen=True)
class ParsedDate:
    """Outcome of reading one value as a date: ``value`` when it is one, else ``impossible``/neither."""

    value: str | None = None
    #: the value has the shape of a date but names no real calendar day ("2024-02-30", "9999-99-99")
    impossible: bool = False


MIN_YEAR, MAX_YEAR = 1000, 2999  # any plausible date of a written text
MAX_DATE_TEXT = 80  # longer values are prose, not dates

# Numeric dates are read by hand so that the calendar day is taken literally, in the value's own
# zone, and so an impossible day can be told apart from a value that is not a date at all.
_ISO = re.compile(r"^(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?)?(?P<rest>(?:[T\s].*)?)$", re.S)
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T\d{2}:?\d{2}(?::?\d{2})?.*)?$")
_DATE_SHAPE = re.compile(r"\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
_HAS_LETTER_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b.*\d{4}|\d{4}.*\b(?:jan|feb|mar|apr|may|jun"
    r"|jul|aug|sep|oct|nov|dec)",
    re.I | re.S,
)


def iso_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO text for a real (partial) calendar date in the accepted year range, else None."""
    return iso(year, month, day) if MIN_YEAR <= year <= MAX_YEAR else None


def parse_date(value: object) -> ParsedDate:
    """Read a front-matter or metadata value as a date, keeping the day in the value's own zone.

    Accepts ISO dates and datetimes ("2021-07-20T10:00:00-04:00", "2025-02-10 6:10 PM"), YYYY-MM,
    YYYY (also as a YAML integer), YYYYMMDD, RFC 2822 ("Tue, 15 Jan 2008 10:00:00 GMT") and
    written dates ("July 20, 2021", "20 July 2021"). Never raises.
    """
    if isinstance(value, bool) or value is None:
        return ParsedDate()
    if isinstance(value, int):
        return ParsedDate(iso_date(value)) if MIN_YEAR <= value <= MAX_YEAR else ParsedDate()
    if isinstance(value, dt.datetime):  # no timezone conversion: the day as written
        return ParsedDate(iso_date(value.year, value.month, value.day))
    if isinstance(value, dt.date):
        return ParsedDate(iso_date(value.year, value.month, value.day))
    if not isinstance(value, str):
        return ParsedDate()
    text = " ".join(value.split())
    if not text or len(text) > MAX_DATE_TEXT:
        return ParsedDate()
    if match := _ISO.match(text) or _COMPACT.match(text):
        return _numeric(match)
    return _written(text)


def _numeric(match: re.Match[str]) -> ParsedDate:
    """A date written with digits first (ISO and relatives); the time part, if any, is ignored."""
    year, month, day = (int(g) if g else None for g in match.group("y", "m", "d"))
    assert year is not None
    if day is None and "rest" in match.groupdict() and match.group("rest").strip():
        return ParsedDate()  # "2024 was a year" is not a date
    value = iso_date(year, month, day)
    return ParsedDate(value) if value else ParsedDate(impossible=True)


def _written(text: str) -> ParsedDate:
    """Dates with month names or in RFC 2822 form, via dateutil; the year must be written."""
    first, second = dt.datetime(1904, 1, 1), dt.datetime(1908, 2, 2)  # tell given parts from defaults
    try:
        a = dateutil_parser.parse(text, default=first)
        b = dateutil_parser.parse(text, default=second)
    except (ValueError, OverflowError, TypeError, LookupError):
        looks_like_date = bool(_HAS_LETTER_DATE.search(text) or _DATE_SHAPE.fullmatch(text.strip()))
        return ParsedDate(impossible=looks_like_date)
    except Exception:  # dateutil on hostile input: never let it escape
        return ParsedDate()
    if a.year != b.year:
        return ParsedDate()  # no year written ("July 20", "Tuesday"): not a usable date
    if a.month != b.month:
        return ParsedDate(iso_date(a.year))
    if a.day != b.day:
        return ParsedDate(iso_date(a.year, a.month))
    return ParsedDate(iso_date(a.year, a.month, a.day))


# ---------------------------------------------------------------------------------------------- URL

URL_YEARS = (1990, 2099)  # a number outside this range in a URL is an id, not a year
_MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MON = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_Y = r"(?P<y>(?:199\d|20\d\d))"
_M = rf"(?P<m>0?[1-9]|1[0-2]|{_MON})"
_D = r"(?P<d>0?[1-9]|[12]\d|3[01])"
_SEP = r"[/_.-]"
# Each piece must stand between separators (or the ends of the path), so digits inside ids never count.
_L, _R = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
URL_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_L}{_Y}(?P<s>{_SEP}){_M}(?P=s){_D}{_R}", re.I), "ymd"),  # /2019/03/14/, _2019_03_14
    (re.compile(rf"{_L}{_Y}(?P<s>{_SEP}){_M}{_SEP}{_D}{_R}", re.I), "ymd"),  # /2019/03-14/ (mixed)
    (re.compile(rf"{_L}(?P<p>\d{{1,2}}|{_MON})(?P<s>[_.-])(?P<q>\d{{1,2}})(?P=s){_Y}{_R}", re.I), "pqy"),  # -03-14-2019
    (re.compile(rf"{_L}{_Y}(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01]){_R}"), "ymd"),  # /20190314/
    (re.compile(rf"(?:^|/){_Y}/{_M}(?=/|$)", re.I), "ym"),  # /2019/03/ (month precision)
)


def dates_in_url(url: str) -> list[DateCandidate]:
    """Dates in the path of ``url`` ("/2019/03/14/", "/2019/mar/14/", "-03-14-2019", "/20190314/", "/2019/03/").

    Only real calendar dates with years in :data:`URL_YEARS` count; the most precise reading of
    each stretch of the path wins, and each distinct value is returned once, in path order.
    """
    try:
        path = unquote(urlsplit(url.strip()).path)[:2000]
    except (ValueError, AttributeError):
        return []
    found: list[tuple[int, int, str | None]] = []  # (start, end, value or None for a non-date)
    for pattern, order in URL_PATTERNS:
        for match in pattern.finditer(path):
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue  # an earlier, more precise pattern already read this stretch
            found.append((match.start(), match.end(), _url_date(match, order)))
    values = list(dict.fromkeys(v for _, _, v in sorted(found, key=lambda f: f[0]) if v))
    return [DateCandidate(v, "url", "published") for v in values]


def _url_date(match: re.Match[str], order: str) -> str | None:
    year = int(match.group("y"))
    if not URL_YEARS[0] <= year <= URL_YEARS[1]:
        return None
    if order == "pqy":
        first, second = match.group("p", "q")
        if first.isalpha():  # mar-14-2019
            return iso_date(year, _MONTH_NAMES[first.lower()], int(second))
        return _day_month_or_month_day(year, int(first), int(second))
    month_text = match.group("m")
    month = _MONTH_NAMES[month_text.lower()] if month_text.isalpha() else int(month_text)
    if order == "ym":
        return iso_date(year, month)
    return iso_date(year, month, int(match.group("d")))


def _day_month_or_month_day(year: int, first: int, second: int) -> str | None:
    """``first-second-YYYY`` in a URL: month-first (US slugs) or day-first; ambiguous pairs are dropped."""
    month_first = iso_date(year, first, second)
    day_first = iso_date(year, second, first)
    if month_first and day_first and month_first != day_first:
        return None  # 03-04-2019: no way to tell
    return month_first or day_first


# ------------------------------------------------------------------------------------------- choose

# Ranking (lower wins), by where a date came from rather than where it sits in the file:
#  1  an explicit publication date: front-matter published/pubDate/datePublished/post_date...,
#     JSON-LD datePublished, meta article:published_time (role "published", from metadata)
#  2  the article's own words: a dateline, a "Published:"/"Date:" line at the top of the body
#  3  a date in the URL path (outlets put the publication day there)
#  4  a bare front-matter ``date``: the publication date in Jekyll/Hugo/Pelican exports, but the
#     clip time in many clipper templates, so evidence from the article itself outranks it
#  5  ``created`` and other unknown-role dates (in note apps and clippers, usually the clip date)
#  6  modified/updated dates: a real date of the article, but not its publication
#  7  capture/clip/crawl/access dates: when the page was saved, never its publication
# A candidate later than every day the article reports (``reported_days``) by more than
# LATE_MARGIN_DAYS is treated as a capture date when a candidate that is not late exists: a
# clipper's "published" filled with the clip time is then beaten by the URL or the dateline.
LATE_MARGIN_DAYS = 7
_METADATA_PREFIXES = ("front matter", "json-ld", "meta")
_GENERIC_KEYS = {"date"}


def rank(candidate: DateCandidate) -> int:
    """Rank of a candidate in :func:`choose` (1 is best); see the table above."""
    if candidate.role == "captured":
        return 7
    if candidate.role == "modified":
        return 6
    source = candidate.provenance
    if candidate.role == "published" and source.startswith(_METADATA_PREFIXES):
        return 1
    if source == "dateline" or source.startswith("body "):
        return 2
    if source == "url":
        return 3
    if source.startswith("front matter ") and source.removeprefix("front matter ").lower() in _GENERIC_KEYS:
        return 4
    if candidate.role == "published":
        return 2  # a publication date from a source not listed above
    return 5


def choose(candidates: Sequence[DateCandidate], reported_days: Iterable[str] = ()) -> tuple[str | None, str | None]:
    """The publication date and its provenance, e.g. ("2021-07-20", "url"); (None, None) when there is none.

    Picks by :func:`rank`, demoting candidates that are implausibly late (see LATE_MARGIN_DAYS),
    then refines a month- or year-precision winner with a more precise candidate inside it
    ("2019-03" from the URL and "2019-03-14" from the dateline give "2019-03-14").
    """
    valid = [c for c in candidates if _day_bounds(c.value)]
    if not valid:
        return None, None
    late = _late(valid, list(reported_days))
    best = min(valid, key=lambda c: (c in late or c.role == "captured", rank(c), valid.index(c)))
    return _refine(best, valid, late)


def _late(candidates: list[DateCandidate], reported_days: list[str]) -> set[DateCandidate]:
    """Candidates starting well after the last reported day, if some candidate is not that late."""
    ends = [bounds[1] for day in reported_days if (bounds := _day_bounds(day))]
    if not ends:
        return set()
    limit = max(ends) + dt.timedelta(days=LATE_MARGIN_DAYS)
    late = {c for c in candidates if _day_bounds(c.value)[0] > limit}  # type: ignore[index]
    return late if len(late) < len(candidates) else set()


def _refine(best: DateCandidate, candidates: list[DateCandidate], late: set[DateCandidate]) -> tuple[str, str]:
    """A more precise value agreeing with ``best`` (same year or month), from a non-capture candidate."""
    finer = [
        c
        for c in candidates
        if len(c.value) > len(best.value) and c.value.startswith(best.value) and c.role != "captured" and c not in late
    ]
    if not finer:
        return best.value, best.provenance
    detail = max(finer, key=lambda c: (len(c.value), -rank(c)))
    return detail.value, f"{best.provenance} + {detail.provenance}"


def _day_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by an ISO (partial) date, or None when it is not one."""
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return day, day
        if len(value) == 7 and value[4] == "-":
            first = dt.date(int(value[:4]), int(value[5:]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None
