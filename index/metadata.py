"""Infer title, published date, source and URL from a document's own text.

Used only where front matter (or HTML metadata) is silent: front matter always wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from .boilerplate import SENTENCE_END, URL, Block, Label
from .dates import find_absolute_dates
from .settings import DEFAULT_SETTINGS, Settings

LIST_TAG = re.compile(r"^\s*(?:\[[^\]\n]{1,40}\]\s*)+")  # "[Salon] ...", "[EXTERNAL] [Fwd] ..."
MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
DATE_LABEL = re.compile(r"\b(?:date|published|posted|updated|modified|first published)\b\s*:?\s*", re.I)
#: "SULAIMANI (ESTA) —", "BAGHDAD, Iraq (AP) -", "(Reuters) -"
AGENCY_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{1,40}(?:,\s*[\w.' -]{1,30})?\s*)?\((?P<agency>[A-Z][\w&.' -]{0,30})\)\s*[-—–:]"
)
BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|al-\w+)){0,5})\s*$")


@dataclass(frozen=True)
class Inferred:
    """Metadata read from the text, each field None when there is no evidence."""

    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None


def strip_tags(line: str) -> str:
    """Drop list tags ("[Salon]") and Markdown heading marks from a headline."""
    return MD_HEADING.sub("", LIST_TAG.sub("", line)).strip()


def headline_key(line: str) -> str:
    """A comparison key under which copies of one headline are equal."""
    return re.sub(r"[\W_]+", "", strip_tags(line).casefold())


def is_headline(block: Block, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Headline-shaped: a handful of words, no URL, not a finished sentence (a '?' is fine)."""
    text = strip_tags(block.text)
    n = len(block.words)
    if (
        block.label is Label.BAD
        or URL.search(text)
        or not settings.headline_min_words <= n <= settings.headline_max_words
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
        source=_agency(blocks) or _host(url),
        url=url,
        author=next((m.group("name") for b in top if (m := BYLINE.match(b.text))), None),
    )


def _dateline(top: list[Block], blocks: list[Block]) -> str | None:
    """A date on a short head line ("date 2024-02-08", "Jan. 1, 2020") or opening the body."""
    for b in top:
        dates = list(find_absolute_dates(b.text))
        if dates and (len(b.words) <= 12 or DATE_LABEL.search(b.text[: dates[0].start])):
            return dates[0].value
    first = blocks[len(top)] if len(top) < len(blocks) else None
    if first is not None:
        dates = list(find_absolute_dates(first.text[:40]))
        if dates and dates[0].start <= 5:
            return dates[0].value
    return None


def _agency(blocks: list[Block]) -> str | None:
    """The agency of a dateline opening one of the first paragraphs."""
    for b in blocks[:8]:
        if m := AGENCY_DATELINE.match(b.text):
            return m.group("agency").strip()
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None
