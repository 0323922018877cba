"""Metadata that clippers and scrapers write at the top of a body instead of in front matter.

A labelled block such as::

    + Source: Example Herald
    - Link: [article](https://example.com/2021/07/20/story)
    **Date:** July 20, 2021
    Author: Ann Lee

Labels mean what front-matter keys mean (the tables in :mod:`index.frontmatter`); list markers
and bold or italic labels are allowed, and values may use Markdown link syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .frontmatter import URL_VALUE, date_role, field_of, unwikilink
from .pubdate import DateCandidate, parse_date

HEAD_LINES = 15  # non-blank lines at the top of a body where such a block can sit
PROSE_WORDS = 30  # a line this long is running text: the block is over
SENTENCE_WORDS = 12  # ... and so is the second line of this many words ending like a sentence
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
MAX_NAME_WORDS = 10  # a source or author value longer than this is a sentence, not a name
MAX_NAME_CHARS = 100
MAX_LINE = 500  # a metadata line is short; longer lines are not matched at all (bounds the regex work)

HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
LIST_MARKER = re.compile(r"^\s*(?:[-+*]|\d{1,2}[.)])\s+")
_EMPHASIS = r"(?:\*\*|__|\*|_)?"
LABELLED = re.compile(
    rf"^{_EMPHASIS}(?P<label>[A-Za-z][A-Za-z .'-]{{0,30}}?)\s*{_EMPHASIS}\s*:\s*{_EMPHASIS}\s*(?P<value>\S.*?)\s*$"
)
MD_LINK = re.compile(r"^\[(?P<text>[^\]\n]*)\]\(\s*<?(?P<href>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)$")
AUTOLINK = re.compile(r"^<(?P<href>https?://[^>\s]+)>$", re.I)
EMPHASIS_AROUND = re.compile(r"^(\*\*|__|\*|_)(?P<inner>.+)\1$")


@dataclass(frozen=True)
class BodyFields:
    """Fields read from labelled lines at the top of a body; ``consumed`` are their indices in ``lines``."""

    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    dates: tuple[DateCandidate, ...] = ()
    consumed: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Value:
    """A label's value with Markdown link syntax taken apart."""

    text: str  # the visible text ("article" of "[article](https://...)"), emphasis removed
    href: str | None  # the link target, or the value itself when it is a bare URL


def body_fields(lines: list[str]) -> BodyFields:
    """Read source, URL, authors and dates from labelled lines among the first non-blank lines of a body.

    A line is consumed only when its label has a known meaning and its value fits it (a date that
    parses, a URL that is one, a short name), so prose that happens to contain a colon stays text.
    Reading stops at the article's running text: a paragraph of PROSE_WORDS words (over wrapped
    lines too) or a second sentence-like line; one sentence above the block may be a deck.
    """
    found = _Found()
    seen = sentences = paragraph_words = 0
    for index, line in enumerate(lines):
        if not line.strip():
            paragraph_words = 0
            continue
        seen += 1
        if seen > HEAD_LINES:
            break
        if _read_line(line, found):
            found.consumed.append(index)
            continue
        if HEADING.match(line):
            continue
        paragraph_words += len(line.split())
        sentences += _is_sentence(line)
        if sentences >= 2 or paragraph_words >= PROSE_WORDS:
            break
    return BodyFields(found.source, found.url, tuple(found.authors), tuple(found.dates), tuple(found.consumed))


@dataclass
class _Found:
    """What :func:`body_fields` has read so far (the first value of each field wins)."""

    source: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    dates: list[DateCandidate] = field(default_factory=list)
    consumed: list[int] = field(default_factory=list)


def _read_line(line: str, found: _Found) -> bool:
    """Read one labelled line into ``found``; False when it is not a metadata line."""
    if len(line) > MAX_LINE:
        return False
    match = LABELLED.match(LIST_MARKER.sub("", line.strip(), count=1))
    if not match:
        return False
    label = " ".join(match.group("label").split())
    value = _value(match.group("value"))
    role = date_role(label)
    meaning = field_of(label)
    if role is not None:
        parsed = parse_date(value.text)
        if parsed.value:
            found.dates.append(DateCandidate(parsed.value, f"body {label} line", role))
        return bool(parsed.value)
    if meaning == "url" and value.href:
        found.url = found.url or value.href
        return True
    if meaning == "source" and (value.href or _is_name(value.text)):
        if _is_name(value.text) and not URL_VALUE.match(value.text):
            found.source = found.source or value.text
        if value.href:
            found.url = found.url or value.href
        return True
    if meaning == "author" and _is_name(value.text):
        name = re.sub(r"^by\s+", "", value.text, flags=re.I)
        if name not in found.authors:
            found.authors.append(name)
        return True
    return False


def _is_sentence(line: str) -> bool:
    """A line that reads as a sentence of text rather than a label, a name or a heading."""
    return len(line.split()) >= SENTENCE_WORDS and bool(SENTENCE_END.search(line.strip()))


def _value(raw: str) -> _Value:
    """Split a value into visible text and link target: "[text](href)", "<href>", a bare URL, or text."""
    raw = raw.strip()
    if link := MD_LINK.match(raw):
        href = link.group("href")
        return _Value(_unemphasise(link.group("text")), href if URL_VALUE.match(href) else None)
    if auto := AUTOLINK.match(raw):
        return _Value(auto.group("href"), auto.group("href"))
    text = unwikilink(_unemphasise(raw))
    return _Value(text, _absolute(text) if URL_VALUE.match(text) else None)


def _absolute(url: str) -> str:
    """A bare "www." address as an https URL."""
    return url if url.lower().startswith("http") else "https://" + url


def _unemphasise(text: str) -> str:
    text = text.strip()
    while match := EMPHASIS_AROUND.match(text):
        text = match.group("inner").strip()
    return text


def _is_name(text: str) -> bool:
    """A short label-like value (an outlet, a person), not a sentence."""
    return bool(text) and len(text) <= MAX_NAME_CHARS and len(text.split()) <= MAX_NAME_WORDS
