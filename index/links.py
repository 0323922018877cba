"""Links between entities that occur in the same sentence, weighted, with evidence sentences."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

MAX_EVIDENCE = 20


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
        by_sentence: dict[int, set[str]] = defaultdict(set)
        for si, eid in mentions[aid]:
            by_sentence[si].add(eid)
        for si in sorted(by_sentence):
            for a, b in combinations(sorted(by_sentence[si]), 2):
                link = links.setdefault((a, b), Link(a, b))
                link.weight += 1
                link.articles.add(aid)
                if len(link.evidence) < MAX_EVIDENCE and si < len(sentences[aid]):
                    start, end = sentences[aid][si]
                    link.evidence.append((aid, start, end))
    return sorted(links.values(), key=lambda lk: (-lk.weight, lk.source, lk.target))


def to_dict(link: Link) -> dict[str, Any]:
    """The stored form of a link."""
    return {
        "source": link.source,
        "target": link.target,
        "weight": link.weight,
        "articles": len(link.articles),
        "evidence": [list(e) for e in link.evidence],
    }
