"""Per-article analysis (sentences, entity mentions, declared aliases) as plain JSON-able data.

Each article is analysed on its own, so an incremental build re-analyses only changed files and
keeps the stored analyses of the others.
"""

from __future__ import annotations

from typing import Any

from .entities import ArticleEntities, Mention, extract
from .models import Article
from .sentences import split as split_sentences
from .timex import find as find_times


def analyse(article: Article) -> dict[str, Any]:
    """Everything later corpus-wide stages need from one article."""
    ents = extract(article.text)
    sentences = split_sentences(article.text)
    times = find_times(article.text, article.published)
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
