"""An article's title, date, source, URL and author, chosen among every candidate by provenance.

:func:`infer` reads what a document's own text says (a headline, a dateline, a URL line, a byline);
:class:`Evidence` gathers that with the front matter, labelled body lines and the page's JSON-LD
and meta tags; :func:`resolve` and :func:`choose_date` pick the best-attested value of each field
(a linked leading headline, then front matter, then the page's metadata, then the text; a wire
agency's dateline before the hosting site; a host name only as the last resort).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import branding
from . import lexicon as lx
from .bodyfields import BodyFields
from .boilerplate import SENTENCE_END, URL, Block, Label, is_dateline
from .branding import PageMeta
from .dates import find_absolute_dates, month_number
from .frontmatter import FrontMatter
from .pubdate import DateCandidate, choose, dates_in_url, parse_date
from .settings import DEFAULT_SETTINGS, Settings

LIST_TAG = re.compile(r"^\s*(?:\[[^\]\n]{1,40}\]\s*)+")  # "[Salon] ...", "[EXTERNAL] [Fwd] ..."
MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
DATE_LABEL = re.compile(r"\b(?:date|published|posted|updated|modified|first published)\b\s*:?\s*", re.I)
BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|al-\w+)){0,5})\s*$")


@dataclass(frozen=True)
class Inferred:
    """Metadata read from the text, each field None when there is no evidence."""

    title: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None


def strip_tags(line: str) -> str:
    """Drop list tags ("[Salon]") and Markdown heading marks from a headline."""
    return MD_HEADING.sub("", LIST_TAG.sub("", line)).strip()


def headline_key(line: str) -> str:
    """A comparison key under which copies of one headline are equal."""
    return re.sub(r"[\W_]+", "", strip_tags(line).casefold())


def same_headline(guess: str, title: str) -> bool:
    """``guess`` (a head line taken for a headline) is ``title`` written another way: equal under
    :func:`headline_key`, or one inside the other (a title with the outlet's name added)."""
    a, b = headline_key(guess), headline_key(title)
    return bool(a and b) and (a in b or b in a)


def is_headline(block: Block, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Headline-shaped: a handful of words, no URL, not a finished sentence (a '?' is fine), not a
    dateline and not a line that introduces what follows ("Results on Saturday:")."""
    text = strip_tags(block.text)
    n = len(block.words)
    if (
        block.label is Label.BAD
        or URL.search(text)
        or not settings.headline_min_words <= n <= settings.headline_max_words
        or text.endswith(":")
        or is_dateline(text)
    ):
        return False
    return not SENTENCE_END.search(text) or text.rstrip().endswith(("?", "!"))


def head(blocks: list[Block]) -> list[Block]:
    """Blocks before the first paragraph of running prose (where titles and datelines live)."""
    out = []
    for b in blocks:
        if b.label is Label.GOOD and len(b.words) >= 15 and SENTENCE_END.search(b.text):
            break
        out.append(b)
    return out


def infer(blocks: list[Block], settings: Settings = DEFAULT_SETTINGS) -> Inferred:
    """Title, date, source, URL and author from labelled blocks (see :mod:`index.boilerplate`)."""
    top = head(blocks)
    title = next((strip_tags(b.text) for b in top if is_headline(b, settings)), None)
    url = next((m.group().rstrip(".,)") for b in top for m in URL.finditer(b.text)), None)
    if url and not url.lower().startswith("http"):
        url = "https://" + url
    return Inferred(
        title=title,
        published=_dateline(top, blocks),
        url=url,
        author=next((m.group("name") for b in top if (m := BYLINE.match(b.text))), None) or _bare_byline(top, blocks),
    )


#: a reporter's name on a line of its own ("Larisa Sayenko"), as wire copy puts it above the dateline
BARE_NAME = re.compile(r"^[A-Z][\w'’-]+(?: (?:[A-Z][\w'’.-]+|de|van|von|al-\w+)){1,3}$")


def _bare_byline(top: list[Block], blocks: list[Block]) -> str | None:
    """A head line that is only a person's name, right above the dateline or the first paragraph."""
    after = [*top[1:], *blocks[len(top) : len(top) + 1]]
    for b, nxt in zip(top, after, strict=False):
        text = b.text.strip()
        lead = is_dateline(nxt.text) or nxt.label is Label.GOOD
        if lead and BARE_NAME.match(text) and lx.is_first_name(text.split()[0]) and not text.isupper():
            return text
    return None


def _dateline(top: list[Block], blocks: list[Block]) -> str | None:
    """A date on a short head line ("date 2024-02-08", "Jan. 1, 2020", "Tuesday, 11.06.2012"), on a
    run of short head lines (a date laid out one part per line), or opening the body."""
    for b in top:
        value = _head_date(b.text, len(b.words))
        if value:
            return value
    for run in _short_line_runs(top):
        if value := _head_date(" ".join(run), 12):
            return value
    first = blocks[len(top)] if len(top) < len(blocks) else None
    if first is not None:
        dates = list(find_absolute_dates(first.text[:40]))
        if dates and dates[0].start <= 5:
            return dates[0].value
    return None


def _head_date(text: str, words: int) -> str | None:
    dates = list(find_absolute_dates(text))
    if dates and (words <= 12 or DATE_LABEL.search(text[: dates[0].start])):
        return dates[0].value
    return numeric_date(text) if words <= 12 else None


def _short_line_runs(top: list[Block], max_words: int = 3) -> list[list[str]]:
    """Consecutive head lines of at most ``max_words`` words each, two or more in a row."""
    runs: list[list[str]] = [[]]
    for b in top:
        if len(b.text.split()) <= max_words:
            runs[-1].append(b.text)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if len(r) >= 2]


#: "11.06.2012", "Tuesday, 11/06/2012": day and month in either order
NUMERIC_DATE = re.compile(
    r"\b(?:(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def numeric_date(text: str) -> str | None:
    """A numeric day-month or month-day date; the order is taken only where it is certain: a part
    over 12, or the weekday written beside it (11.06.2012 on a Tuesday is 6 November)."""
    m = NUMERIC_DATE.search(text)
    if not m:
        return None
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    readings = {v for v in (_real_day(year, a, b), _real_day(year, b, a)) if v}
    if m["weekday"]:
        wanted = WEEKDAYS.index(m["weekday"].lower()[:3])
        readings = {d for d in readings if d.weekday() == wanted}
    return readings.pop().isoformat() if len(readings) == 1 else None


def _real_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Choosing among every candidate, by where it came from
# ---------------------------------------------------------------------------------------------
#: something a title must never be: a line of markup, a template tag, or an interface label
MARKUP_LINE = re.compile(r"^\s*(?:<[/!?a-zA-Z]|\{[%{:]|```|\|\s*-)|</\w+>\s*$")
URL_JUNK_TAIL = re.compile(r"(?:[\"'<>\])]|&quot;|&gt;|&lt;).*$")


#: a leading link shorter than this is navigation, not the headline of a cited article
MIN_CITED_WORDS = 3


@dataclass
class Evidence:
    """Everything one document says about its own metadata, each part from a different place."""

    front: FrontMatter
    fields: BodyFields
    page: PageMeta
    html_meta: dict[str, str]
    inferred: Inferred
    cited: tuple[str, str] | None  # a leading heading that links to the article it cites: (text, href)
    paragraphs: list[str]  # the first kept paragraphs (datelines, bylines)
    head_lines: list[str]  # the first blocks, kept or not (source lines)
    tail_lines: list[str]  # the last blocks, kept or not (author bios)
    authors_in_text: list[str]

    @property
    def cited_title(self) -> str | None:
        return self.cited[0] if self.cited else None


@dataclass(frozen=True)
class Chosen:
    """Title, source, URL and author chosen for one article."""

    title: str | None
    source: str | None
    url: str | None
    author: str | None


def resolve(ev: Evidence) -> Chosen:
    """Title, source, URL and author, each the best-attested candidate (see the module docstring)."""
    url = _first(_clean_url(u) for u in _url_candidates(ev))
    host = branding.host_of(url)
    named = [n for n in (ev.front.source, ev.fields.source, ev.page.publisher, ev.page.site_name) if n]
    agency = branding.wire_agency(ev.paragraphs)
    raw_title = _first(t for t in _title_candidates(ev) if _usable_title(t))
    title, suffix = (
        branding.split_site_suffix(raw_title, [*named, *([agency] if agency else [])], host)
        if raw_title
        else (None, None)
    )
    if title and suffix is None:
        title, suffix = _branding_segment(title)
    if suffix is None and ev.page.title:
        suffix = _branding_segment(ev.page.title)[1]
    source = _first(
        [
            branding.expand_agency(ev.front.source) if ev.front.source and not _is_url(ev.front.source) else None,
            agency,
            branding.expand_agency(ev.fields.source) if ev.fields.source else None,
            branding.outlet_name(ev.page, None, suffix),
            branding.source_line(ev.head_lines),
            _bio_outlet(ev.tail_lines),
            self_reference(ev.paragraphs),
            branding.readable_host(host) if host else None,
        ]
    )
    author = _first([", ".join(ev.front.authors), ", ".join(ev.fields.authors), *ev.authors_in_text,
                     ", ".join(ev.page.authors), ev.html_meta.get("author"), ev.inferred.author])  # fmt: skip
    return Chosen(title or None, source, url, author)


#: " | Outlet" closing a page title: a pipe, then a few capitalised words (the common branding form)
PIPE_BRANDING = re.compile(
    r"^(?P<title>.{12,}?)\s+\|\s+(?P<site>(?:The\s+)?[A-Z0-9][\w&.'’-]*(?:\s+[A-Z0-9][\w&.'’-]*){0,3})\s*$"
)
#: "Jane Doe is the evening politics reporter for Example News." (an author bio naming the outlet)
BIO_OUTLET = re.compile(
    r"\b(?:is|was|has been)\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:reporter|correspondent|writer|editor|columnist|producer|journalist|contributor|intern|critic)\s+"
    r"(?:for|at|with)\s+(?P<outlet>(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})"
)


#: words that newspaper names are made of (general: the mastheads of the English-language press)
MASTHEAD_WORDS = (
    "Times|Post|Herald|Tribune|Journal|Gazette|Daily|Chronicle|Courier|Observer|Guardian|Telegraph|Examiner|"
    "Star|Sun|Press|Bulletin|Standard|Mirror|Express|Inquirer|Register|Dispatch|Sentinel|Globe|Ledger|Monitor|"
    "Mail|Independent|Enquirer|Advertiser|Democrat|Republic|Record|Bruin|Free Press"
)
#: "The Example Herald analyzed ...": a newspaper reporting its own work names itself
SELF_REFERENCE = re.compile(
    r"\b(?P<name>The\s+(?:[A-Z][\w.'’-]*\s+){0,3}(?:" + MASTHEAD_WORDS + r"))\s+"
    r"(?:analy[sz]ed|reviewed|obtained|examined|requested|surveyed|investigated|found|has learned|contacted)\b"
)


def self_reference(paragraphs: list[str]) -> str | None:
    """A newspaper named as the one doing the reporting ("The Daily Example analyzed these logs")."""
    return next((m["name"] for text in paragraphs if (m := SELF_REFERENCE.search(text))), None)


def _branding_segment(title: str) -> tuple[str, str | None]:
    """Split "Headline | Outlet" when the last pipe segment is a short capitalised name."""
    m = PIPE_BRANDING.match(" ".join(title.split()))
    return (m["title"], m["site"]) if m else (title, None)


def _bio_outlet(lines: list[str]) -> str | None:
    """The outlet an author bio at the end of the article names."""
    m = BIO_OUTLET.search(" ".join(lines))  # a bio may be hard-wrapped over several lines
    return m["outlet"].split(". ")[0].rstrip(".") if m else None


def house_spelling(source: str | None, text: str) -> str | None:
    """The outlet's name as the article itself writes it ("Example Times" -> "ExampleTimes" when the
    text only ever writes it joined): the same letters, spaced or joined, in the text's own form."""
    if not source:
        return source
    words = re.findall(r"[^\W_]+", source)
    if len(words) < 2:
        return source
    pattern = re.compile(r"\b" + r"[\s-]?".join(re.escape(w) for w in words) + r"\b", re.I)
    forms = {m.group() for m in pattern.finditer(text)}
    return forms.pop() if len(forms) == 1 and source not in forms else source


#: "Feb. 8, 2024, 3:10 AM UTC", "8 February 2024 10:15 GMT": a date with a clock time, the way pages
#: stamp an article; found even where a scraper glued it to the words before it ("PrintFeb. 8")
STAMP = re.compile(
    r"(?:(?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?P<d1>[0-3]?\d)"
    r"|\b(?P<d2>[0-3]?\d)\s+(?P<m2>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
    r",?\s+(?P<y>(?:19|20)\d\d),?\s+(?:at\s+)?[0-2]?\d[:.][0-5]\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?",
    re.I,
)


def stamp_date(head: str) -> str | None:
    """The date of the first date-and-time stamp in the head of a document."""
    m = STAMP.search(head[:3000])
    if not m:
        return None
    month = month_number(m["m1"] or m["m2"])
    day = int(m["d1"] or m["d2"])
    real = _real_day(int(m["y"]), month, day) if month else None
    return real.isoformat() if real else None


def choose_date(ev: Evidence, text: str) -> tuple[str | None, str | None]:
    """The publication date and where it came from, by :func:`index.pubdate.choose`."""
    candidates = [*ev.front.dates, *ev.fields.dates]
    for raw, provenance in ev.page.dates:
        if value := parse_date(raw).value:
            candidates.append(DateCandidate(value, provenance, "published"))
    for raw, provenance in ev.page.modified:
        if value := parse_date(raw).value:
            candidates.append(DateCandidate(value, provenance, "modified"))
    if ev.inferred.published:
        candidates.append(DateCandidate(ev.inferred.published, "dateline", "published"))
    elif stamp := stamp_date(" ".join(ev.head_lines)):
        candidates.append(DateCandidate(stamp, "time stamp", "published"))
    if (found := parse_date(ev.html_meta.get("date") or "").value) is not None:
        candidates.append(DateCandidate(found, "page metadata", "unknown"))
    for url in _url_candidates(ev):
        if cleaned := _clean_url(url):
            candidates.extend(dates_in_url(cleaned))
    reported = [d.value for d in find_absolute_dates(text) if len(d.value) == 10]
    return choose(candidates, reported)


def _url_candidates(ev: Evidence) -> list[str]:
    cited = ev.cited[1] if ev.cited else None
    values = [ev.front.url, ev.fields.url, ev.page.url, ev.html_meta.get("url"), cited, ev.inferred.url]
    return [v for v in values if v]


def _title_candidates(ev: Evidence) -> list[str]:
    # a leading heading that links to an article is that article's headline (a repost or a clip);
    # otherwise front matter wins, then the page's own metadata, then the first headline in the text
    values = [ev.cited_title, ev.front.title, ev.page.headline, ev.page.og_title, ev.html_meta.get("title"),
              ev.page.title, ev.inferred.title]  # fmt: skip
    return [v.strip() for v in values if v and v.strip()]


def _usable_title(title: str) -> bool:
    """Not a markup line, a bare URL or an empty string."""
    return bool(title) and not MARKUP_LINE.search(title) and not _is_url(title)


def _is_url(value: str) -> bool:
    return bool(re.match(r"^\s*(?:https?://|www\.)\S+\s*$", value, re.I))


def _clean_url(value: str) -> str | None:
    """An http(s) URL without trailing markup debris (`">Source`, `](`), or None."""
    url = URL_JUNK_TAIL.sub("", value.strip().split()[0] if value.strip() else "").rstrip(".,;:")
    if url.lower().startswith("www."):
        url = "https://" + url
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    return url if scheme in ("http", "https") and branding.host_of(url) else None


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)
