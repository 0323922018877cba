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
* a deadline or a plan points ahead too ("repay by February", "postponed until Saturday", "planned to
  leave on Thursday", "the offer ends on December 31"); a past span does not ("stayed closed until March");
* fiscal quarters and halves ("third-quarter", "the latest quarter", "the first half of 2008"), seasons
  ("last fall") and "year-end" are given as the year that contains them: the export holds only years,
  months, days and weeks, and a month or a day would claim more than the text says; a quarter needs a
  business word near it ("scored in the fourth quarter" is a game's);
* durations ("a three-year war", "within 30 days"), vague spans ("in recent days"), "now" / "recently"
  (no calendar value), decades and centuries (no value the export can hold) are no dates; nor is the
  stamp of a reader comment ("At 16:20 1st Jun 2010, NAME wrote:");
* with only a month known for the article, the latest day the article itself reports stands in
  for its date, and bare weekdays are the first such days on or after it (the news follows the
  background it dates); with no date at all, relative expressions stay unresolved.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil.easter import easter

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

# a space, or a hard line wrap; also a paragraph break, since cleaned web text sometimes breaks paragraphs
# inside a sentence ("last\n\nmonth")
_SP = r"(?:[^\S\n]*(?:\n[^\S\n]*){1,2}|[^\S\n]+)"
# words before a capitalised month name that make it a month rather than a name or verb ("in May", "the
# October vote", "for January"); case-insensitive, consumed but outside the span
_MONTH_LEAD = (
    r"(?:\b(?i:mid)-|\b(?P<lead>(?i:in|since|until|till|by|for|through|during|from|after|before|of|between|and|to|early|late|mid|last"
    r"|this|next|the|a|in early|in late|in mid|the end of|the start of|the beginning of|the middle of))" + _SP + ")"
)
_MAY_LEADS = {"in", "since", "until", "till", "by", "early", "late", "last", "this", "next", "in early", "in late"}
# a year that is a count: "about 2000 troops"; a general list of counted nouns, not tuned to any text
_QUANTITY = (
    r"(?:troops|people|soldiers|dollars|men|women|children|workers|jobs|cases|votes|units|miles|kilometers|"
    r"kilometres|feet|meters|metres|tons|tonnes|barrels|shares|pounds|euros|members|residents|students|homes|times)"
)
_PART = r"(?:(?i:early|late|mid)[- ]?|(?i:the )?(?i:end|start|beginning|middle) of )"  # "early 2020", "mid-March"
_Y = r"(?P<y>(?:19|20)\d\d)"
_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_PARTOF = r"(?:the )?(?:end|start|beginning|middle) of"

_ONES_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ONES = "|".join(_ONES_WORDS)
_TENS = "|".join(_TENS_WORDS)

# holidays that fall on a fixed day, and those that fall on the n-th weekday of a month (US and UK
# observances that news names without a date; n = -1 is the last such weekday)
HOLIDAYS_FIXED = {
    "New Year's Day": (1, 1), "New Year's Eve": (12, 31), "Valentine's Day": (2, 14), "Christmas Day": (12, 25),
    "Christmas Eve": (12, 24), "Boxing Day": (12, 26), "Halloween": (10, 31), "Independence Day": (7, 4),
    "Fourth of July": (7, 4), "Veterans Day": (11, 11), "Armistice Day": (11, 11), "Bastille Day": (7, 14),
    "Christmas": (12, 25), "May Day": (5, 1), "Guy Fawkes Night": (11, 5), "St Patrick's Day": (3, 17),
    "St. Patrick's Day": (3, 17),
}  # fmt: skip
#: feasts that move with Easter: days after Easter Sunday (Western churches' reckoning, dateutil)
HOLIDAYS_EASTER = {
    "Easter": 0, "Easter Sunday": 0, "Easter Monday": 1, "Good Friday": -2, "Maundy Thursday": -3,
    "Palm Sunday": -7, "Ash Wednesday": -46, "Ascension Day": 39, "Pentecost": 49, "Whit Monday": 50,
}  # fmt: skip
HOLIDAYS_NTH = {
    "Thanksgiving Day": (11, 3, 4), "Thanksgiving": (11, 3, 4), "Labor Day": (9, 0, 1), "Memorial Day": (5, 0, -1),
    "Martin Luther King Day": (1, 0, 3), "Presidents' Day": (2, 0, 3), "Columbus Day": (10, 0, 2),
    "Mother's Day": (5, 6, 2), "Father's Day": (6, 6, 3),
}  # fmt: skip

_HOLIDAY_NAMES = (
    "|".join(sorted(HOLIDAYS_FIXED.keys() | HOLIDAYS_NTH.keys() | HOLIDAYS_EASTER.keys(), key=len, reverse=True))
    .replace(".", r"\.")
    .replace("'", "['’]")
    .replace(" ", _SP)
)

# (kind, pattern); tried in this order, earlier matches win overlaps. Where a pattern has a group ``t`` that
# group is the expression's span (the words before it only make it a date).
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    # numeric dates with a four-digit year: 7/24/2012 (US, month first unless the first number is > 12),
    # 24.07.2012 (day first unless the second number is > 12)
    ("numeric", re.compile(
        r"(?<![\d/.])\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)\b(?![/.]\d)")),
    ("wd_mdy", re.compile(rf"\b{_WD},?{_SP}(?P<mon>{_MON}){_SP}{_D}(?:,?{_SP}{_Y})?\b(?![,.]?\d)")),
    ("wd_dmy", re.compile(rf"\b{_WD},?{_SP}{_D}{_SP}(?P<mon>{_MON})(?:,?{_SP}{_Y})?\b")),
    ("the_dth_of", re.compile(
        rf"\b(?:[Tt]he{_SP})?(?P<d>[0-3]?\d)(?:st|nd|rd|th){_SP}of{_SP}(?P<mon>{_MON})(?:,?{_SP}{_Y})?\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MON}){_SP}{_D},?{_SP}{_Y}\b")),
    ("dmy", re.compile(rf"\b{_D}{_SP}(?P<mon>{_MON}),?{_SP}{_Y}\b")),
    ("month_rel_year", re.compile(
        rf"\b(?:{_PART})?(?P<mon>{_MON}){_SP}(?:of{_SP})?(?P<rel>last|this|next){_SP}year\b")),
    ("rel_month", re.compile(
        rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Tt]his past|[Tt]his coming){_SP}(?P<mon>{_MON})\b(?!\.?{_SP}\d)")),
    ("my", re.compile(rf"\b(?:{_PART})?(?P<mon>{_MON}),?{_SP}(?:of{_SP})?{_Y}\b")),
    ("md", re.compile(rf"\b(?P<mon>{_MON}){_SP}{_D}\b(?![,.]?\d|:\d)")),
    ("dm", re.compile(rf"\b{_D}{_SP}(?P<mon>{_MON})\b")),
    # years read aloud in broadcast transcripts: "nineteen ninety-six", "January nineteen ninety-seven", "the
    # year two thousand" ("two thousand" alone is a count)
    ("spoken_year", re.compile(
        rf"\b(?P<t>(?:(?P<mon>{_MON}){_SP})?(?:(?P<sy19>[Nn]ineteen[- ](?P<tens>{_TENS})(?:[- ](?P<ones>{_ONES}))?)"
        rf"|(?i:the{_SP}year){_SP}(?P<sy20>two[- ]thousand(?:(?:{_SP}and)?{_SP}(?P<ones20>{_ONES}))?)))\b"
        rf"(?![- ](?:{_ONES}|hundred)\b|{_SP}{_QUANTITY}\b)")),
    ("quarter", re.compile(
        rf"\b(?P<t>(?:(?P<det>(?i:the|this|its|that|next|last)){_SP})?"
        rf"(?:(?:(?P<qy>(?:19|20)\d\d)|(?P<yago>year-(?:earlier|ago))|(?P<yrel>(?i:this|last|next){_SP}year['’]s)|(?P<mod>(?i:latest|current|comparable|same|fiscal"
        rf"|previous|prior|final|calendar))){_SP})*"
        rf"(?:(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))(?:{_SP}|-))?(?:fiscal(?:{_SP}|-))?"
        rf"(?P<unit>quarter|half|period)(?![\w-])"
        rf"(?:{_SP}(?:of{_SP})?(?:fiscal{_SP})?(?P<y2>(?:19|20)\d\d)\b(?![,.]?\d))?)")),
    # before weekdays: "Good Friday", "Ash Wednesday" are feasts
    ("holiday", re.compile(rf"\b(?P<h>{_HOLIDAY_NAMES})\b")),
    ("weekday", re.compile(
        rf"(?:\b(?P<on>[Oo]n){_SP})?(?P<t>(?:\b(?P<pre>[Ll]ast|[Tt]his past|[Tt]his coming|[Tt]his|[Nn]ext){_SP})?"
        rf"\b(?P<wd>{_WD})(?:{_SP}(?:night|morning|afternoon|evening))?)\b")),
    ("anchored", re.compile(
        r"\b(?P<a>later that day|earlier that day|that same day|the same day|that day|the next day|the following day"
        r"|the next morning|the day (?:before|after)|the previous day|a day (?:before|after|earlier|later)"
        r"|the week (?:before|after)|the following week|the previous week|a week (?:before|after|earlier|later)"
        r"|the month (?:before|after)|the following month|the previous month|a month (?:before|after|earlier|later)"
        r"|the year (?:before|after)|the following year|the previous year|a year (?:before|after|earlier|later)"
        r"|at the time)\b".replace(" ", _SP), re.I)),
    ("relative", re.compile(
        rf"\b(?P<r>(?:(?:{_PARTOF}|early|late|earlier|later){_SP}(?:this|last|next|the){_SP}(?:week|month|year)"
        r"|(?:earlier|later) this (?:week|month|year)|(?:last|this|next|past) (?:week|month|year)"
        r"|over the weekend|(?:last|this|next) weekend|(?:late |early )?(?:yesterday|today|tomorrow)"
        r"(?: (?:morning|afternoon|evening|night))?|tonight|last night|this (?:morning|afternoon|evening)"
        r"|overnight(?=[^\S\n]*[,.;:!?)]| (?:and|as|but|in|on|at|to|when|while|after|before|from)\b))\b)"
        .replace(" ", _SP),
        re.I)),
    # "for the year ended Sept. 30", "sales for the full year": the accounting year, in business news only
    ("fiscal_year", re.compile(
        rf"\b(?P<t>(?P<det>[Tt]he|[Ii]ts){_SP}(?:(?P<mod>full|current|latest|fiscal|calendar|financial){_SP})*year)\b"
        rf"(?![’'-]|{_SP}(?:before|after|earlier|later|ago|of|in|on|when|that|to|which|for|award|(?:19|20)\d\d)\b)")),
    ("ago", re.compile(rf"\b(?P<n>{_NUM}){_SP}(?P<unit>day|week|month|year)s?{_SP}ago\b", re.I)),
    ("in_n", re.compile(rf"\b[Ii]n{_SP}(?P<t>(?P<n>{_NUM}){_SP}(?P<unit>day)s?)\b(?!{_SP}(?:of|after|before|since))")),
    ("season", re.compile(
        rf"\b(?P<t>(?:(?P<srel>(?i:last|this past|this coming|this|next|the)){_SP})?(?:(?i:early|late|mid)[- ]?)?"
        rf"(?P<season>spring|summer|fall|autumn|winter)(?:{_SP}(?:of{_SP})?(?P<y>(?:19|20)\d\d)\b(?![,.]?\d))?)\b")),
    ("year_end", re.compile(
        r"\b(?P<t>(?:(?:the|this|that|last|next)[^\S\n]+)?year(?:-end|[^\S\n]end|'s[^\S\n]end))\b", re.I)),
    ("yago", re.compile(r"\b(?P<t>year-(?:earlier|ago))\b(?!-)", re.I)),
    ("n_anchored", re.compile(
        rf"\b(?P<n>{_NUM}){_SP}(?P<unit>day|week|month|year)s?{_SP}(?P<dir>later|earlier|before|after)\b", re.I)),
    ("that_year", re.compile(rf"\b(?P<t>(?:(?i:later|earlier){_SP})?(?i:that){_SP}year)\b(?!['’-])")),
    # "on the 14th": a day of the month last named, or of the article's month; only after a preposition and
    # before punctuation or a clause word, never "the 14th century", "the 5th floor"
    ("ordinal_day", re.compile(
        rf"\b(?i:on|by|until|till|since|from|before|after){_SP}(?P<t>the{_SP}(?P<d>[1-3]?\d)(?:st|nd|rd|th))\b"
        rf"(?=[^\S\n]*[,.;:!?)]|{_SP}(?:and|or|but|when|as|at|in|to|of this month)\b)")),
    # a bare month needs a word before it ("in May", not "may"): never "May 5" (above)
    ("month", re.compile(rf"{_MONTH_LEAD}(?P<t>(?P<mon>{_MON}))\b(?!{_SP}\d)")),
    ("year", re.compile(
        rf"(?:(?<=(?:19|20)\d\d[-–])|(?<![\d,.$£€–-]))\b(?:{_PART})?(?P<y>(?:19|20)\d\d)\b"
        rf"(?!,\d|\d|%|[-–](?!(?:19|20)\d\d\b)\d|\.\d|{_SP}{_QUANTITY}\b)")),
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
        return _Ref(None, dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1]))
    return _Ref(None, dt.date(parts[0], 12, 31))


_FUTURE_CUE = re.compile(
    r"\b(?:will|would|'ll|shall|plan(?:s|ned|ning)? (?:to|for|a|an)|intends? to"
    r"|(?:is|are) (?:due|expected|set|scheduled|planned|slated|to)|payable|set for"
    r"|(?<!was )(?<!were )(?:set|due|slated) to"
    r"|(?:has|have) (?:scheduled|planned|called)|(?:is|are) (?:going|about) to|(?:scheduled|planned) for"
    r"|(?:postponed|delayed|deferred|adjourned|put off|extended) (?:until|till|to)|as (?:soon|early) as"
    r"|(?:ends|begins|starts|opens|closes|expires|resumes|takes effect|goes into effect|runs (?:until|through|to)))\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]\s|,\s(?!and\b|or\b)|\n")


def _future(text: str, start: int) -> bool:
    """True when the clause before ``start`` speaks of the future ("will present ... in March", "as soon as
    Tuesday"); "they said they would appeal the decision, announced Wednesday" is about the past. Reads at
    most 300 characters back, so a long text costs linear time."""
    window = text[max(0, start - 300) : start]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    return bool(_FUTURE_CUE.search(window, breaks[-1] if breaks else 0))


_FILLERS = {"in", "on", "at", "during", "early", "late", "mid", "the", "of", "around", "about", "last", "this"}
_FORWARD = {"by", "to", "until", "till", "through", "before", "for"}  # deadlines point ahead: "extended to Nov. 20"
_NOT_PAST = {"expected", "scheduled", "planned", "slated", "intended", "proposed", "need", "indeed", "supposed"}
_AUX_BEFORE = {"be", "been", "being", "to", "will", "would", "is", "are", "'ll", "shall", "could", "should", "may"}


_DEADLINE = {"by", "until", "till"}
_PAST_AUX = re.compile(r"\b(?:was|were|had|did)\b", re.I)
_MOVED = {"postponed", "delayed", "deferred", "adjourned", "extended", "off", "moved", "pushed", "rescheduled"}


def _deadline(text: str, start: int) -> bool:
    """True for a deadline ahead: "repay the loan by February", "talks postponed until Saturday"; not a past
    span ("the shop stayed closed until March")."""
    words = re.findall(r"[\w']+", text[max(0, start - 60) : start].lower())[-6:]
    while words and words[-1] in _FILLERS - {"last", "this"}:
        words.pop()
    if not words or words[-1] not in _DEADLINE:
        return False
    words.pop()
    while words and words[-1] in _FILLERS:
        words.pop()
    verb = words[-1] if words else ""
    if verb in _MOVED:
        return True
    window = text[max(0, start - 300) : start]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    return not verb.endswith("ed") and not _PAST_AUX.search(window, breaks[-1] if breaks else 0)


def _ahead(text: str, start: int, span_start: int) -> bool:
    """A future sentence or a deadline: the date is the coming one."""
    return _future(text, start) or _deadline(text, span_start)


#: "Wednesday's ruling": what a possessive weekday names, when it is an outcome, already happened
#: whatever the clause says of the future ("will appeal Wednesday's verdict")
_OUTCOME_AFTER = re.compile(
    r"['’]s\s+(?:[\w-]+\s+)?(?:ruling|verdict|decision|judgment|attack|attacks|bombing|blast|explosion|crash"
    r"|killing|killings|shooting|announcement|statement|remarks|comments|defeat|victory|win|loss|arrest|raid"
    r"|quake|earthquake|fire|incident)\b",
    re.I,
)
#: "ahead of Sunday's final", "tickets for Saturday's match": a possessive weekday still to come
_AHEAD_OF = re.compile(r"\b(?:ahead of|before|for|until|till|awaiting|await|preview of)\s+$", re.I)


def _weekday_ahead(text: str, m: re.Match[str]) -> bool:
    """Whether a weekday is the coming one: a possessive weekday after "ahead of" or "for" is; one naming
    an outcome ("Saturday's attack") is not; otherwise the clause's tense and deadlines decide."""
    start, end = span(m)
    if _AHEAD_OF.search(text, max(0, start - 20), start):
        possessive = text[end : end + 2] in ("'s", "’s")
        if possessive:
            return True
    if _OUTCOME_AFTER.match(text, end):
        return False
    return _ahead(text, m.start(), start)


def _past(text: str, start: int) -> bool:
    """True when the verb just before ``start`` is in the past tense ("was disclosed in January", "ended Oct.
    31"), not a deadline ("completed by Dec. 15") or a passive future ("to be published in November")."""
    words = re.findall(r"[\w']+", text[max(0, start - 60) : start].lower())[-5:]
    if not words or words[-1] in _FORWARD:
        return False
    while words and words[-1] in _FILLERS:
        words.pop()
    if not words:
        return False
    verb, before = words[-1], words[-2] if len(words) > 1 else ""
    if verb in ("was", "were", "had", "did"):
        return True
    return verb.endswith("ed") and verb not in _NOT_PAST and before not in _AUX_BEFORE


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


_AHEAD_DAYS = 60  # a day-month date at most this far after the article date is the coming one ("by Aug. 1")
_AHEAD_MONTHS = 2  # likewise a bare month ("the March accession" in a February article)


def _undated(month: int, day: int | None, ref: _Ref, future: bool, past: bool = False) -> dt.date | None:
    """A month (and day) without a year: the coming one in a sentence about the future or when it is at
    most a short way ahead of the article date, else the nearest on or before the article date."""
    if ref.day is not None and not ref.estimated:
        after = _nearest_after(month, day, ref.day)
        if after is not None and (future or (_soon(after, day is None, ref.day) and not past)):
            return after
    return _nearest_before(month, day, ref.latest)


def _soon(after: dt.date, month_only: bool, base: dt.date) -> bool:
    if month_only:
        return 0 < (after.year - base.year) * 12 + after.month - base.month <= _AHEAD_MONTHS
    return 0 < (after - base).days <= _AHEAD_DAYS


# a word every match of a pattern holds: such a pattern is only tried around that word's occurrences,
# which keeps the long patterns (many optional words before the head) cheap on long texts
_YEAR_WORD = re.compile(r"year", re.I)
_ORDINAL_WORD = re.compile(r"\d(?:st|nd|rd|th)\b")
_KEYWORDS: dict[str, re.Pattern[str]] = {
    "quarter": re.compile(r"quarter|half|period"),
    "season": re.compile(r"spring|summer|fall|autumn|winter"),
    "fiscal_year": _YEAR_WORD,
    "year_end": _YEAR_WORD,
    "that_year": _YEAR_WORD,
    "the_dth_of": _ORDINAL_WORD,
    "ordinal_day": _ORDINAL_WORD,
    "n_anchored": re.compile(r"later|earlier|before|after", re.I),
}
_BEFORE_KEYWORD, _AFTER_KEYWORD = 90, 60  # longest reach of a match before and after its keyword


def _finditer(kind: str, pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``pattern.finditer(text)``; for a pattern with a keyword, only the matches around its occurrences."""
    keyword = _KEYWORDS.get(kind)
    if keyword is None:
        return list(pattern.finditer(text))
    found: dict[tuple[int, int], re.Match[str]] = {}
    for k in keyword.finditer(text):
        lo, hi = max(0, k.start() - _BEFORE_KEYWORD), min(len(text), k.end() + _AFTER_KEYWORD)
        for m in pattern.finditer(text, lo, hi):
            if m.start() <= k.start() and m.end() >= k.end():
                found.setdefault(m.span(), m)
    return [found[key] for key in sorted(found)]


def _matches(text: str) -> list[tuple[str, re.Match[str]]]:
    taken: list[tuple[int, int]] = []  # non-overlapping spans, sorted: an overlap test is a bisection
    found = []
    for kind, pattern in PATTERNS:
        for m in _finditer(kind, pattern, text):
            start, end = span(m)
            at = bisect.bisect_left(taken, (start, end))
            overlaps = (at > 0 and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end)
            if overlaps or _not_a_date(kind, m, text):
                continue
            taken.insert(at, (start, end))
            found.append((kind, m))
    return sorted(found, key=lambda km: span(km[1])[0])


def span(m: re.Match[str]) -> tuple[int, int]:
    """The expression's span: group ``t`` where the pattern has one, else the whole match."""
    return m.span("t") if "t" in m.re.groupindex else m.span()


# words that make a sentence about business or the economy: a "fourth quarter" there is a fiscal period, in
# a match report a part of the game (a general list, not taken from any text)
_MONEY_CUE = re.compile(
    r"(?:[$£€¥#%]|\b(?:profits?|earnings|revenues?|sales|loss(?:es)?|net|income|shares?|results|growth|gdp|economy"
    r"|percent|per cent|fiscal|quarterly|dividends?|analysts?|output|deficit|surplus|prices?|billion|million|margins?"
    r"|orders|exports?|imports?|spending|inflation|unemployment|operating|reported|posted|company|companies)\b)",
    re.I,
)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _sentence_around(text: str, start: int, end: int, reach: int = 150) -> str:
    """The words around ``text[start:end]`` in its paragraph, at most ``reach`` characters either side (a
    window, not a sentence: abbreviations such as "Sept." make sentence ends unreliable)."""
    left = text.rfind("\n\n", max(0, start - reach), start)
    right = text.find("\n\n", end, end + reach)
    return text[left + 2 if left >= 0 else max(0, start - reach) : right if right >= 0 else end + reach]


def _not_a_period(kind: str, m: re.Match[str], text: str) -> bool:
    """A "quarter", "half" or season that is no calendar period: "a quarter of the votes", "the second half"
    of a match, "the fourth quarter" of a game, "the summer" without a year, "prices' last fall"."""
    g = m.groupdict()
    if kind == "season":
        if g["srel"] is None or g["srel"].lower() == "the":
            return g["y"] is None
        # "this fall in oil prices" is a drop; "last fall in his home" a season
        after = re.match(r"[^\S\n]+(?:in|of)[^\S\n]+((?:[\w-]+[^\S\n]+)?[\w-]+)", text[m.end() : m.end() + 40])
        if g["season"] == "fall" and not g["y"] and after and _MONEY_CUE.search(after.group(1)):
            return True
        return g["srel"].lower() == "last" and text[max(0, m.start() - 4) : m.start()].lower() in ("the ", "its ")
    if kind in ("yago", "fiscal_year"):
        return not _MONEY_CUE.search(_sentence_around(text, m.start(), m.end()))
    if kind != "quarter":
        return False
    year = g["qy"] or g["y2"]
    mod = (g["mod"] or "").lower()
    if g["unit"] == "half":
        known = year or g["yago"] or g["yrel"] or mod == "fiscal"
        return not ((g["ord"] or "").lower() in ("first", "second", "1st", "2nd") and known)
    if g["unit"] == "period":
        return not (year or g["yago"] or g["yrel"] or mod in ("latest", "comparable", "current"))
    if mod == "same" and not (year or g["yago"]):
        return True
    if not (g["ord"] or g["det"] or year or g["yago"] or g["yrel"] or mod):
        return True
    return not year and not _MONEY_CUE.search(_sentence_around(text, m.start(), m.end()))


#: lowercase words that may follow a date without making it a modifier ("at Christmas and", "by Easter, when")
_AFTER_A_DATE = frozenset(
    "and or but when as at in on to of for from with by the a an this that is was were will would had has have "
    "he she it they we i you last next this".split()
)


def _not_a_date(kind: str, m: re.Match[str], text: str) -> bool:
    """Names that look like dates: "the Sunday Times", "Theresa May" after "to" or "for"."""
    if kind in ("quarter", "season", "yago", "fiscal_year"):
        return _not_a_period(kind, m, text)
    if (
        kind == "weekday"
        and not m.group("pre")
        and not m.group("on")
        and text[max(0, m.start() - 4) : m.start()].lower() == "the "
    ):
        return bool(re.match(r"[^\S\n]+[A-Z]", text[m.end() : m.end() + 2]))  # "the Tuesday edition" is a date
    if kind == "holiday" and " " not in m.group("h").strip():
        # "Christmas shopping", "Easter eggs": a bare feast modifying a noun names a season or a thing
        nxt = re.match(r"[^\S\n]+([a-z]+)", text[m.end() : m.end() + 20])
        return nxt is not None and nxt.group(1) not in _AFTER_A_DATE
    if kind == "month":
        mon = m.group("mon")
        lead = re.sub(r"\s+", " ", (m.group("lead") or "")).lower()
        if mon == "May":
            return lead not in _MAY_LEADS
        if len(mon) <= 4 and mon not in ("June", "July") and not mon.endswith("."):  # "and Jan Kavan"
            return lead not in _MAY_LEADS or bool(re.match(r"[^\S\n]+[A-Z]", text[m.end() : m.end() + 2]))
    return False


def find(text: str, published: str | None) -> list[TimeExpr]:
    """Temporal expressions of an article, in text order, resolved where the evidence allows."""
    ref = _reference(published)
    found = _matches(text)
    if ref.day is None and ref.latest is not None:
        # a month-dated article: the latest day it reports stands in for its date
        days = [d for kind, m in found if (d := _safe_absolute_day(kind, m, ref)) is not None and d <= ref.latest]
        in_period = [d for d in days if published and d.isoformat().startswith(published)]
        if in_period:
            ref = _Ref(max(in_period), ref.latest, estimated=True)
    out: list[TimeExpr] = []
    last_day: tuple[int, dt.date] | None = None  # (offset, date) of the last day-precise value
    last_any: tuple[int, str, str] | None = None  # (offset, value, precision)
    for kind, m in found:
        try:
            value, precision = _resolve(kind, m, ref, text, last_day, last_any)
        except (OverflowError, ValueError):  # a step past the calendar's edge (year 1, year 9999)
            value, precision = None, None
        value = _calendar_value(value)
        if (kind == "year" and _looks_like_quantity(text, m)) or _comment_stamp(text, m):
            continue
        start, end = span(m)
        out.append(TimeExpr(start, end, text[start:end], value, precision, kind))
        if value and precision == DAY:
            last_day = (start, dt.date.fromisoformat(value))
        if value and precision:
            last_any = (start, value, precision)
    return out


_CLOCK_BEFORE = re.compile(
    r"\b\d{1,2}[:.]\d\d(?:[^\S\n]*(?:[ap]\.?m\.?|GMT|UTC|BST|EST|EDT))?[^\S\n,]*,?[^\S\n]*(?:on[^\S\n]+)?$", re.I
)
_WROTE_AFTER = re.compile(r"^,?[^\S\n]*[^\n.,:;]{1,40}?[^\S\n]+(?:wrote|writes|posted|commented|replied|said)[^\S\n]*:")


def _comment_stamp(text: str, m: re.Match[str]) -> bool:
    """A reader comment's time stamp ("At 16:20 1st Jun 2010, jsmith wrote:") dates the comment, not an
    event of the story: a clock time just before the date and "NAME wrote:" just after."""
    start, end = span(m)
    return bool(_CLOCK_BEFORE.search(text[max(0, start - 25) : start])) and bool(
        _WROTE_AFTER.match(text[end : end + 60])
    )


def _looks_like_quantity(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 12) : m.start()].lower()
    return bool(re.search(r"(?:about|some|nearly|over|than|estimated|around)\s$", before)) and not re.search(
        r"\b(?:in|since|of the|until|by)\s$", before
    )


def _calendar_value(value: str | None) -> str | None:
    """An ISO value with its four-digit year ("0001-03", not "1-03"); None for a year outside
    1–9999 (a step past the calendar's edge: "next year" in an article dated 9999)."""
    m = re.fullmatch(r"(-?\d+)(-.*)?", value or "")
    if m is None:
        return value
    year = int(m.group(1))
    return f"{year:04d}{m.group(2) or ''}" if 1 <= year <= 9999 else None


def _safe_absolute_day(kind: str, m: re.Match[str], ref: _Ref) -> dt.date | None:
    try:
        return _absolute_day(kind, m, ref)
    except OverflowError:
        return None


def _absolute_day(kind: str, m: re.Match[str], ref: _Ref) -> dt.date | None:
    g = m.groupdict()
    if kind == "the_dth_of":  # "the 9th of January (2024)"
        kind = "dmy" if g["y"] else "dm"
    try:
        if kind == "iso":
            return dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        if kind in ("mdy", "dmy") or (kind in ("wd_mdy", "wd_dmy") and g["y"]):
            return dt.date(int(g["y"]), month_number(g["mon"]) or 0, int(g["d"]))
        if kind == "numeric":
            a, b = int(g["a"]), int(g["b"])
            month_first = a <= 12 if g["sep"] == "/" else b > 12
            year = int(g["y"])
            if len(g["y"]) == 2:  # "1/26/11": the century that puts the year nearest the article's
                here = (ref.latest or dt.date.today()).year
                year = min((c + year for c in (1900, 2000, 2100)), key=lambda y: abs(y - here))
            return dt.date(year, a if month_first else b, b if month_first else a)
        if kind in ("md", "dm"):
            return _nearest_before(month_number(g["mon"]) or 0, int(g["d"]), ref.latest)
    except ValueError:
        return None
    return None


def _same_paragraph(text: str, start: int, offset: int, before: int = 2) -> bool:
    """True when ``offset`` is in the paragraph of ``start`` or one of the ``before`` before (web news
    breaks a story into one-sentence paragraphs)."""
    return text.count("\n\n", offset, start) <= before


def _resolve(
    kind: str,
    m: re.Match[str],
    ref: _Ref,
    text: str,
    last_day: tuple[int, dt.date] | None,
    last_any: tuple[int, str, str] | None,
) -> tuple[str | None, str | None]:
    g = m.groupdict()
    if kind == "the_dth_of":
        kind = "dmy" if g["y"] else "dm"
    if kind == "ordinal_day":
        return _ordinal_day(int(g["d"]), ref, _ahead(text, m.start(), span(m)[0]), text, m.start(), last_any)
    if kind in ("md", "dm") or (kind in ("wd_mdy", "wd_dmy") and not g["y"]):
        try:
            month, day = month_number(g["mon"]) or 0, int(g["d"])
            d = _undated(month, day, ref, _ahead(text, m.start(), span(m)[0]), _past(text, span(m)[0]))
        except ValueError:
            d = None
        return (d.isoformat(), DAY) if d else (None, None)
    if kind in ("iso", "mdy", "dmy", "numeric", "wd_mdy", "wd_dmy"):
        d = _absolute_day(kind, m, ref)
        return (d.isoformat(), DAY) if d else (None, None)
    if kind == "my":
        return f"{int(g['y']):04d}-{month_number(g['mon']):02d}", MONTH
    if kind == "year":
        return g["y"], YEAR
    if kind == "month":
        ahead = _ahead(text, m.start(), span(m)[0])
        d = _undated(month_number(g["mon"]) or 0, None, ref, ahead, _past(text, span(m)[0]))
        return (f"{d:%Y-%m}", MONTH) if d else (None, None)
    if kind == "month_rel_year":
        base = ref.day or ref.latest
        if base is None:
            return None, None
        year = base.year + {"last": -1, "this": 0, "next": 1}[g["rel"]]
        return f"{year:04d}-{month_number(g['mon']):02d}", MONTH
    if kind == "rel_month":
        return _rel_month(g, ref)
    if kind == "holiday":
        return _holiday(
            " ".join((g["h"] or "").replace("’", "'").split()), ref, _future(text, m.start()), _past(text, span(m)[0])
        )
    if kind == "spoken_year":
        return _spoken_year(g)
    if kind == "quarter":
        return _quarter(g, ref)
    if kind == "season":
        return _season(g, ref)
    if kind == "fiscal_year":
        return _year_offset(ref, 0)
    if kind in ("year_end", "yago"):
        return _year_end(m.group("t").lower(), ref) if kind == "year_end" else _year_offset(ref, -1)
    if kind == "n_anchored":
        return _n_anchored(g, m.start(), text, last_day)
    if kind == "that_year":
        if last_any and _same_paragraph(text, m.start(), last_any[0]):
            return last_any[1][:4], YEAR
        return None, None
    if kind == "in_n":
        return _ago(g, ref, sign=1)
    if kind == "weekday":
        return _weekday(g, ref, _weekday_ahead(text, m))
    if kind == "relative":
        return _relative(g["r"].lower(), ref)
    if kind == "ago":
        return _ago(g, ref)
    if kind == "anchored":
        base = ref.day or ref.latest
        return _anchored(g["a"].lower(), m.start(), text, last_day, last_any, base.year if base else None)
    return None, None


def _holiday_in(name: str, year: int) -> dt.date:
    if name in HOLIDAYS_FIXED:
        return dt.date(year, *HOLIDAYS_FIXED[name])
    if name in HOLIDAYS_EASTER:
        return easter(year) + dt.timedelta(days=HOLIDAYS_EASTER[name])
    month, weekday, nth = HOLIDAYS_NTH[name]
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holiday(name: str, ref: _Ref, future: bool, past: bool) -> tuple[str | None, str | None]:
    """A named holiday: like a day-month date without a year, the nearest one before the article date
    unless the sentence speaks of the future or the next one is a short way ahead."""
    base = ref.day or ref.latest
    if base is None or not (name in HOLIDAYS_FIXED or name in HOLIDAYS_NTH or name in HOLIDAYS_EASTER):
        return None, None
    before = next((d for y in (base.year, base.year - 1) if (d := _holiday_in(name, y)) <= base), None)
    after = next(d for y in (base.year, base.year + 1) if (d := _holiday_in(name, y)) >= base)
    if ref.day is not None and not ref.estimated and (future or (not past and (after - base).days <= _AHEAD_DAYS)):
        return after.isoformat(), DAY
    return (before.isoformat(), DAY) if before else (None, None)


def _rel_month(g: dict[str, str | None], ref: _Ref) -> tuple[str | None, str | None]:
    """ "last November": the latest November before the article's month; "next March" the first after it;
    "this September" the one in the article's year."""
    base = ref.day or ref.latest
    if base is None:
        return None, None
    month = month_number(g["mon"] or "") or 0
    rel = (g["rel"] or "").lower().split()[-1]
    year = base.year
    if rel == "last" and month >= base.month:
        year -= 1
    elif rel == "next" and month <= base.month:
        year += 1
    elif rel == "past" and month > base.month:
        year -= 1
    elif rel == "coming" and month < base.month:
        year += 1
    return f"{year:04d}-{month:02d}", MONTH


def _weekday(g: dict[str, str | None], ref: _Ref, future: bool = False) -> tuple[str | None, str | None]:
    if ref.day is None:
        return None, None
    target = WEEKDAY_NAMES.index((g["wd"] or "").lower())
    pre = " ".join((g["pre"] or "").lower().split())
    future = future or pre == "this coming"
    pre = {"this past": "last", "this coming": ""}.get(pre, pre)
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


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _relative(r: str, ref: _Ref) -> tuple[str | None, str | None]:
    base = ref.day
    if base is None:
        return None, None
    words = r.split()
    r = " ".join(words)
    offsets = [_DAY_WORDS[w] for w in words if w in _DAY_WORDS]
    if (
        offsets
        or r in ("last night", "overnight")
        or (words[0] == "this" and words[-1] in ("morning", "afternoon", "evening"))
    ):
        # "overnight" in a report is the night just gone, dated like "last night" by the day it began
        offset = offsets[0] if offsets else -1 if r in ("last night", "overnight") else 0
        return (base + dt.timedelta(days=offset)).isoformat(), DAY
    if "weekend" in r:
        if r.startswith("next"):
            sunday = base + dt.timedelta(days=6 - base.weekday() + (7 if base.weekday() == 6 else 0))
        else:
            sunday = base - dt.timedelta(days=(base.weekday() + 1) % 7)
        return iso_week(sunday), WEEK
    unit = words[-1]
    rel = words[-2] if len(words) > 1 else "this"
    step = -1 if rel in ("last", "past") else 1 if rel == "next" else 0
    if unit == "week" and base.weekday() == 6 and step == -1:
        step = 0  # "last week" said on a Sunday is the week just ending
    if unit == "week":
        return iso_week(base + dt.timedelta(weeks=step)), WEEK
    if unit == "month":
        month = base.month + step
        year = base.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}", MONTH
    return f"{base.year + step:04d}", YEAR


def _ago(g: dict[str, str | None], ref: _Ref, sign: int = -1) -> tuple[str | None, str | None]:
    """ "three days ago" (sign -1) or "in nine days" (sign 1), counted from the article date."""
    if ref.day is None:
        return None, None
    raw = (g["n"] or "").lower()
    n = sign * -(NUMBERS.get(raw) or int(raw))
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
    a: str,
    start: int,
    text: str,
    last_day: tuple[int, dt.date] | None,
    last_any: tuple[int, str, str] | None,
    article_year: int | None = None,
) -> tuple[str | None, str | None]:
    a = " ".join(a.split())
    sign = -1 if any(w in a for w in ("before", "previous", "earlier")) else 1
    if a == "at the time":
        if last_any and _same_paragraph(text, start, last_any[0]):
            return last_any[1], last_any[2]
        return None, None
    if a.endswith(("year", "year before", "year after", "year earlier", "year later")):
        if last_any and _same_paragraph(text, start, last_any[0]):
            return f"{int(last_any[1][:4]) + sign:04d}", YEAR  # "a year later": from the year last named
        if sign < 0 and article_year is not None:
            return f"{article_year - 1:04d}", YEAR  # "sales a year earlier": a year before the article
        return None, None
    # a story told day by day spreads over short paragraphs ("... was arrested the next day"); a week or
    # a month before is vaguer and needs its anchor close by
    reach = 2 if "week" in a or "month" in a else 4
    if not last_day or not _same_paragraph(text, start, last_day[0], before=reach):
        return None, None
    base = last_day[1]
    if "day" in a and any(w in a for w in ("that day", "same day")):
        return base.isoformat(), DAY
    if "week" in a:
        return iso_week(base + dt.timedelta(weeks=sign)), WEEK
    if "month" in a:
        month = base.month + sign
        year = base.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}", MONTH
    return (base + dt.timedelta(days=sign)).isoformat(), DAY


def _year_offset(ref: _Ref, step: int) -> tuple[str | None, str | None]:
    base = ref.day or ref.latest
    return (f"{base.year + step:04d}", YEAR) if base else (None, None)


def _year_end(t: str, ref: _Ref) -> tuple[str | None, str | None]:
    """ "year-end", "by the end of the year", "last year's end": the year (a day the contract could hold,
    Dec. 31, would claim more than the text says)."""
    words = t.split()
    return _year_offset(ref, -1 if words[0] == "last" else 1 if words[0] == "next" else 0)


def _quarter(g: dict[str, str | None], ref: _Ref) -> tuple[str | None, str | None]:
    """A fiscal quarter or half, given as its year: the export holds years, months, days and weeks, and the
    year is the one value that contains the quarter (its first month would claim a month the text never
    names). With no year written, "third quarter" is the one whose middle lies nearest the article date;
    "the quarter", "the latest quarter" the last one begun before it; "year-earlier" a year before that."""
    year = g["qy"] or g["y2"]
    if year:
        return f"{int(year):04d}", YEAR
    base = ref.day or ref.latest
    if base is None:
        return None, None
    if g["yrel"]:  # "last year's third quarter"
        return f"{base.year + {'last': -1, 'this': 0, 'next': 1}[g['yrel'].split()[0].lower()]:04d}", YEAR
    shift = -1 if g["yago"] else 0
    det, mod = (g["det"] or "").lower(), (g["mod"] or "").lower()
    ordinal = _ORDINALS.get((g["ord"] or "").lower())
    if ordinal:
        middle_month = 3 * ordinal - 1 if g["unit"] == "quarter" else 6 * ordinal - 2
        middles = [dt.date(base.year + dy, middle_month, 1) for dy in (-1, 0, 1)]
        nearest = min(middles, key=lambda d: (abs((d - base).days), d > base))
        return f"{nearest.year + shift:04d}", YEAR
    # "this" or "the current" quarter is the article's; "next" the one after; any other ("the quarter", "the
    # latest", "last", "the previous") is the one before, the quarter a company has just reported
    step = 0 if det == "this" or mod == "current" else 1 if det == "next" else -1
    index = base.year * 4 + (base.month - 1) // 3 + step
    return f"{index // 4 + shift:04d}", YEAR


_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def _season(g: dict[str, str | None], ref: _Ref) -> tuple[str | None, str | None]:
    """A season, given as its year (winter as the year it begins in): "last fall" is the latest one over
    before the article date, "next spring" the first one to begin after it, "this summer" the one of the
    article's year; a written year wins."""
    if g["y"]:
        return g["y"], YEAR
    base = ref.day or ref.latest
    if base is None:
        return None, None
    start = _SEASON_START[(g["season"] or "").lower()]
    rel = " ".join((g["srel"] or "").lower().split())

    def begins(year: int) -> dt.date:
        return dt.date(year, start, 1)

    def ends(year: int) -> dt.date:
        return dt.date(year + (start + 3 > 12), (start + 2) % 12 + 1, 1)

    if rel in ("last", "this past"):
        year = max(y for y in (base.year - 2, base.year - 1, base.year) if ends(y) <= base)
    elif rel in ("next", "this coming"):
        year = min(y for y in (base.year, base.year + 1) if begins(y) > base)
    else:
        year = base.year - 1 if start == 12 and base.month <= 2 else base.year
    return f"{year:04d}", YEAR


def _n_anchored(
    g: dict[str, str | None], start: int, text: str, last_day: tuple[int, dt.date] | None
) -> tuple[str | None, str | None]:
    """ "three days later", "two weeks before": counted from the day the same or a recent paragraph last
    named; without one, unresolved (counting from the article date would be a guess)."""
    if not last_day or not _same_paragraph(text, start, last_day[0], before=4):
        return None, None
    raw = (g["n"] or "").lower()
    n = NUMBERS.get(raw) or int(raw)
    sign = -1 if (g["dir"] or "").lower() in ("earlier", "before") else 1
    base, unit = last_day[1], (g["unit"] or "").lower()
    if unit == "day":
        return (base + dt.timedelta(days=sign * n)).isoformat(), DAY
    if unit == "week":
        return iso_week(base + dt.timedelta(weeks=sign * n)), WEEK
    if unit == "month":
        month = base.month + sign * n
        return f"{base.year + (month - 1) // 12:04d}-{(month - 1) % 12 + 1:02d}", MONTH
    return f"{base.year + sign * n:04d}", YEAR


def _ordinal_day(
    day: int, ref: _Ref, ahead: bool, text: str, start: int, last_any: tuple[int, str, str] | None
) -> tuple[str | None, str | None]:
    """ "on the 14th": that day of the month the same or previous paragraph named, else of the article's month
    (the month before when the day is still ahead and the sentence is not about the future)."""
    try:
        if last_any and last_any[2] in (DAY, MONTH) and _same_paragraph(text, start, last_any[0], before=1):
            year, month = int(last_any[1][:4]), int(last_any[1][5:7])
            return dt.date(year, month, day).isoformat(), DAY
        if ref.day is None or ref.estimated:
            return None, None
        d = ref.day.replace(day=day)
        if d > ref.day and not ahead:
            d = (ref.day.replace(day=1) - dt.timedelta(days=1)).replace(day=day)
        elif d < ref.day and ahead:
            d = (ref.day.replace(day=28) + dt.timedelta(days=4)).replace(day=day)
    except ValueError:
        return None, None
    return d.isoformat(), DAY


def _spoken_year(g: dict[str, str | None]) -> tuple[str | None, str | None]:
    """ "nineteen ninety-six" -> 1996, "the year two thousand" -> 2000; with a month before it, that month."""
    ones = g["ones"] if g["sy19"] else g["ones20"]
    year = (1900 + 10 * (_TENS_WORDS.index((g["tens"] or "").lower()) + 2)) if g["sy19"] else 2000
    year += _ONES_WORDS.index(ones.lower()) + 1 if ones else 0
    if g["mon"]:
        return f"{year:04d}-{month_number(g['mon']) or 1:02d}", MONTH
    return f"{year:04d}", YEAR
