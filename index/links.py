"""Links between entities that occur in the same sentence, weighted, with evidence sentences."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

MAX_EVIDENCE = 20
#: entities of one sentence that are paired: a sentence naming more (a price table on one line,
#: a list of names) links each entity to its next few neighbours only, so the number of links
#: grows with the number of names, never with its square
MAX_PAIRED = 12
#: in such a long sentence, how many following entities (in order of first mention) each is linked to
NEIGHBOURS = 3


@dataclass
class Link:
    """Two entities mentioned together: how often, in how many articles, and where."""

    source: str
    target: str
    weight: int = 0
    articles: set[str] = field(default_factory=set)
    evidence: list[tuple[str, int, int]] = field(default_factory=list)  # (article, sentence start, end)


def co_occurrences(mentions: dict[str, list[tuple[int, str]]], sentences: dict[str, list[list[int]]]) -> list[Link]:
    """Links from ``{article: [(sentence index, entity id), ...]}``; pairs are ordered by id."""
    links: dict[tuple[str, str], Link] = {}
    for aid in sorted(mentions):
        by_sentence: dict[int, dict[str, None]] = defaultdict(dict)  # entities in order of first mention
        for si, eid in mentions[aid]:
            by_sentence[si][eid] = None
        for si in sorted(by_sentence):
            for a, b in sentence_pairs(list(by_sentence[si])):
                link = links.setdefault((a, b), Link(a, b))
                link.weight += 1
                link.articles.add(aid)
                if len(link.evidence) < MAX_EVIDENCE and si < len(sentences[aid]):
                    start, end = sentences[aid][si]
                    link.evidence.append((aid, start, end))
    return sorted(links.values(), key=lambda lk: (-lk.weight, lk.source, lk.target))


def sentence_pairs(entities: list[str]) -> list[tuple[str, str]]:
    """Pairs (ordered by id) of the distinct ``entities`` of one sentence, in mention order: every
    pair for a sentence of at most :data:`MAX_PAIRED`, else each with its next :data:`NEIGHBOURS`."""
    if len(entities) <= MAX_PAIRED:
        return list(combinations(sorted(entities), 2))
    pairs = {tuple(sorted((a, b))) for i, a in enumerate(entities) for b in entities[i + 1 : i + 1 + NEIGHBOURS]}
    return sorted((a, b) for a, b in pairs)


def to_dict(link: Link) -> dict[str, Any]:
    """The stored form of a link."""
    return {
        "source": link.source,
        "target": link.target,
        "weight": link.weight,
        "articles": len(link.articles),
        "evidence": [list(e) for e in link.evidence],
    }
