"""Per-article analysis (sentences, entity mentions, declared aliases) as plain JSON-able data.

Each article is analysed on its own, so an incremental build re-analyses only changed files and
keeps the stored analyses of the others.
"""

from __future__ import annotations

import re
from typing import Any

from .boilerplate import is_subhead
from .entities import ArticleEntities, Mention, extract
from .models import Article
from .sentences import split as split_sentences
from .timex import find as find_times

#: web and mail addresses in running text: a scheme or "www.", a domain followed by a path, an e-mail
ADDRESS = re.compile(
    r"(?:https?://|ftp://|www\.)\S*[^\s.,;:!?)\]'\"”’]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}/(?:\S*[^\s.,;:!?)\]'\"”’])?",
    re.I,
)


def mask_addresses(text: str) -> str:
    """``text`` with every address blanked out, character for character, so no name or date is ever
    read from inside a URL or an e-mail address and every offset stays the same."""
    return ADDRESS.sub(lambda m: " " * len(m.group()), text)


PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def mask_subheads(text: str) -> str:
    """``text`` with short all-caps paragraphs (subheads: "BILLS MOUNT") blanked: they are article
    text, but their capitals say nothing about names."""
    return PARAGRAPH.sub(lambda m: " " * len(m.group()) if is_subhead(m.group()) else m.group(), text)


def analyse(article: Article) -> dict[str, Any]:
    """Everything later corpus-wide stages need from one article."""
    readable = mask_subheads(mask_addresses(article.text))
    ents = extract(readable)
    sentences = split_sentences(article.text)
    times = find_times(readable, article.published)
    dated = sorted({(s.start, s.end) for t in times for s in sentences if s.start <= t.start < s.end})
    return {
        "meta": {
            "title": article.title,
            "source": article.source,
            "published": article.published,
            "path": article.path,
            "url": article.url,
            "lead": " ".join(article.text[:240].split()),
        },
        "published": article.published,
        "sentences": [[s.start, s.end] for s in sentences],
        "mentions": [[m.start, m.end, m.text, m.type, m.strength, m.sentence, m.canonical] for m in ents.mentions],
        "aliases": [list(pair) for pair in ents.aliases],
        "times": [[t.start, t.end, t.text, t.value, t.precision] for t in times],
        # the sentences that hold a date, for events (the full text stays in the Whoosh index)
        "dated_sentences": {str(s): article.text[s:e] for s, e in dated},
    }


def entities_of(analysis: dict[str, Any]) -> ArticleEntities:
    """The :class:`ArticleEntities` stored in an analysis."""
    mentions = [Mention(s, e, t, ty, st, si, can) for s, e, t, ty, st, si, can in analysis["mentions"]]
    return ArticleEntities(mentions=mentions, aliases=[(a, b) for a, b in analysis["aliases"]])
