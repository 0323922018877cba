"""Per-article analysis (sentences, entity mentions, declared aliases) as plain JSON-able data.

Each article is analysed on its own, so an incremental build re-analyses only changed files; what
later stages need of an analysis is stored per article in the corpus database (index/derive.py).
"""

from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .boilerplate import is_subhead
from .entities import ArticleEntities, Mention, extract
from .models import Article
from .sentences import sentence_at
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


def dated_sentences(spans: list[tuple[int, int]], offsets: list[int]) -> list[tuple[int, int]]:
    """The sentences holding any of ``offsets``, sorted (n log n: a long article has thousands of each)."""
    starts = [s for s, _ in spans]
    found = {sentence_at(spans, starts, o) for o in offsets}
    return sorted(spans[i] for i in found if i is not None)


#: an article longer than this is analysed in pieces of about this size, cut at paragraph breaks:
#: the extractors' cost grows faster than the length of one text, so a piece bounds it
CHUNK_CHARS = 100_000
#: analysis stops after this many characters (the whole text stays searchable); 1,000,000 is
#: a book's length, far beyond any news article, and keeps one file's analysis to seconds
MAX_ANALYSED_CHARS = 1_000_000


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` pieces covering ``text``, each at most ``size`` long, cut after a blank line
    where there is one, else after a line break, else after a space (a one-line price table)."""
    bounds, start = [], 0
    while len(text) - start > size:
        limit = start + size
        cut = max(text.rfind("\n\n", start, limit), text.rfind("\n", start, limit), text.rfind(" ", start, limit))
        end = cut + 1 if cut > start else limit
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _analyse_piece(text: str, offset: int, first_sentence: int, published: str | None) -> dict[str, list[Any]]:
    """Sentences, mentions, aliases and times of one piece, offsets and sentence numbers shifted."""
    readable = mask_subheads(mask_addresses(text))
    ents = extract(readable)
    return {
        "sentences": [[s.start + offset, s.end + offset] for s in split_sentences(text)],
        "mentions": [
            [m.start + offset, m.end + offset, m.text, m.type, m.strength, m.sentence + first_sentence, m.canonical]
            for m in ents.mentions
        ],
        "aliases": [list(pair) for pair in ents.aliases],
        "times": [
            [t.start + offset, t.end + offset, t.text, t.value, t.precision] for t in find_times(readable, published)
        ],
    }


def analyse(article: Article) -> dict[str, Any]:
    """Everything later corpus-wide stages need from one article.

    Work is linear in the article's length: a long article is analysed piece by piece (see
    :data:`CHUNK_CHARS`) and analysis stops at :data:`MAX_ANALYSED_CHARS`, noted in ``"notes"``.
    """
    text = article.text
    analysed = text[:MAX_ANALYSED_CHARS]
    parts: dict[str, list[Any]] = {"sentences": [], "mentions": [], "aliases": [], "times": []}
    for start, end in chunk_bounds(analysed) if len(analysed) > CHUNK_CHARS else [(0, len(analysed))]:
        piece = _analyse_piece(analysed[start:end], start, len(parts["sentences"]), article.published)
        for key, values in piece.items():
            parts[key].extend(values)
    if len(parts["aliases"]) > 1:
        parts["aliases"] = [list(pair) for pair in dict.fromkeys(tuple(a) for a in parts["aliases"])]
    spans = [(s, e) for s, e in parts["sentences"]]
    dated = dated_sentences(spans, [t[0] for t in parts["times"]])
    notes = []
    if len(text) > len(analysed):
        notes.append(f"analysis stopped after {len(analysed):,} of {len(text):,} characters (the rest is searchable)")
    return {
        "meta": {
            "title": article.title,
            "source": article.source,
            "published": article.published,
            "path": article.path,
            "url": article.url,
            "lead": " ".join(text[:240].split()),
        },
        "published": article.published,
        **parts,
        # the sentences that hold a date, for events (the full text stays in the Whoosh index)
        "dated_sentences": {str(s): text[s:e] for s, e in dated},
        "notes": notes,
    }


def analysis_notes(analysis: dict[str, Any]) -> list[str]:
    """Limits hit while analysing (for the build report: one warning each, naming the file)."""
    return [str(n) for n in analysis.get("notes", [])]


def name_keys(analysis: dict[str, Any]) -> list[str]:
    """The article's name spellings, folded for look-ups (``entity:`` queries), sorted."""
    return sorted({lx.key(m[2]) for m in analysis["mentions"]} - {""})


def entities_of(analysis: dict[str, Any]) -> ArticleEntities:
    """The :class:`ArticleEntities` stored in an analysis."""
    mentions = [Mention(s, e, t, ty, st, si, can) for s, e, t, ty, st, si, can in analysis["mentions"]]
    return ArticleEntities(mentions=mentions, aliases=[(a, b) for a, b in analysis["aliases"]])
