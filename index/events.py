"""Dated events and their clusters across sources.

Every resolved temporal expression dates its sentence: that sentence is an event, with the
entities it mentions. Events from different articles that report the same happening (compatible
dates, shared uncommon entities, similar wording) share a cluster; where the sources of a cluster
give different days for it, the cluster is marked as a disagreement.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import models
from .aliases import _UnionFind
from .analysis import sentence_at
from .boilerplate import stopwords

#: how far apart two day-precise dates of one happening may be (sources differ by a day)
MAX_DAY_GAP = 1
#: cosine similarity of two sentences (TF-IDF over word stems) that reports of one happening reach
SAME_WORDING = 0.25
#: a lower similarity suffices when the sentences share an uncommon entity (IDF weight at least this)
SHARED_ENTITY = 0.4
SIMILAR_WITH_ENTITY = 0.12
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december week month year today yesterday".split()
)


@dataclass
class Event:
    """A dated sentence."""

    id: str
    date: str
    precision: str
    article: str
    start: int
    end: int
    text: str
    entities: list[str]
    time_text: str
    time_start: int = 0
    cluster: str = ""
    words: set[str] = field(default_factory=set)


def period(value: str, precision: str) -> tuple[dt.date, dt.date]:
    """First and last day covered by an ISO value."""
    if precision == "week":
        year, week = value.split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
        return monday, monday + dt.timedelta(days=6)
    parts = [int(p) for p in value.split("-")]
    if precision == "day":
        d = dt.date(*parts)
        return d, d
    if precision == "month":
        first = dt.date(parts[0], parts[1], 1)
        return first, (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def valid_value(value: str, precision: str) -> bool:
    """True for an ISO value whose period exists and lies inside the calendar with a day to spare
    on each side (year 1 and year 9999 have no neighbour for "a day apart")."""
    try:
        first, last = period(value, precision)
        return first > dt.date.min and last < dt.date.max
    except (ValueError, OverflowError):
        return False


def compatible(a: Event, b: Event) -> bool:
    """Dates that can name one happening: equal, nested, or days at most a day apart."""
    if a.precision == b.precision == "day":
        return abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days) <= MAX_DAY_GAP
    if "year" in (a.precision, b.precision):
        return False  # a year is too coarse to say two reports are one happening
    (s1, e1), (s2, e2) = period(a.date, a.precision), period(b.date, b.precision)
    return s1 <= e2 and s2 <= e1


def content_words(text: str) -> set[str]:
    """Stems (six-letter prefixes) of a sentence's content words, dates left out: reports of one
    happening say "suspension" and "suspending", "announced" and "announcing"."""
    stops = stopwords()
    return {w[:6] for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in stops and w not in DATE_WORDS}


def _cosine(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    shared = sum(idf[w] ** 2 for w in a & b)
    norm = math.sqrt(sum(idf[w] ** 2 for w in a) * sum(idf[w] ** 2 for w in b))
    return shared / norm if norm else 0.0


def build_events(
    analyses: Mapping[str, dict[str, Any]], sentence_entities: dict[str, dict[int, list[str]]]
) -> list[Event]:
    """Events of every article, in article then text order."""
    events = []
    for aid in sorted(analyses):
        a = analyses[aid]
        sentences = a["sentences"]
        dated = a.get("dated_sentences", {})
        spans = [(s, e) for s, e in sentences]
        starts = [s for s, _ in spans]
        for start, _end, ttext, value, precision in a.get("times", []):
            if not value:
                continue
            si = sentence_at(spans, starts, start)
            if si is None or not valid_value(value, precision):
                continue
            s, e = sentences[si]
            sentence = dated.get(str(s), "")
            ev = Event(f"{aid}@{start}", value, precision, aid, s, e, sentence,
                       sorted(set(sentence_entities.get(aid, {}).get(si, []))), ttext, start)  # fmt: skip
            ev.words = content_words(sentence)
            events.append(ev)
    return events


def cluster(events: list[Event], articles: int) -> list[models.Cluster]:
    """Assign ``cluster`` to every event and describe the clusters that span several articles."""
    df: dict[str, int] = defaultdict(int)
    for ent in {(e.article, x) for e in events for x in e.entities}:
        df[ent[1]] += 1
    weight = {x: math.log((articles + 1) / n) for x, n in df.items()}
    word_df: dict[str, int] = defaultdict(int)
    for e in events:
        for w in e.words:
            word_df[w] += 1
    idf = {w: math.log((len(events) + 1) / n) for w, n in word_df.items()}

    def score(a: Event, b: Event) -> float:
        if a.article == b.article or not compatible(a, b):
            return 0.0
        shared = max((weight.get(x, 0.0) for x in set(a.entities) & set(b.entities)), default=0.0)
        similarity = _cosine(a.words, b.words, idf)
        if similarity >= SAME_WORDING or (shared >= SHARED_ENTITY and similarity >= SIMILAR_WITH_ENTITY):
            return similarity + 0.1 * shared
        return 0.0

    # each event links to its best match in every other article, when that choice is mutual:
    # reports of one happening pair up instead of chaining through loosely related sentences
    # candidates: reports with dates of the same precision that can match (days at most a day
    # apart, the same week or month) and a shared discriminating stem; this keeps clustering
    # near-linear on large corpora (pairs sharing no such stem score below any threshold anyway)
    cap = max(50, len(events) // 50)
    rare = [{w for w in e.words if word_df[w] <= cap} for e in events]
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        if e.precision != "year":  # a year is too coarse to say two reports are one happening
            buckets[(e.precision, e.date)].append(i)
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for i, a in enumerate(events):
        if a.precision == "year":
            continue
        keys = [(a.precision, a.date)]
        if a.precision == "day":
            d = dt.date.fromisoformat(a.date)
            keys += [("day", (d + dt.timedelta(days=k)).isoformat()) for k in (-MAX_DAY_GAP, MAX_DAY_GAP)]
        for key in keys:
            for j in buckets.get(key, ()):
                b = events[j]
                if b.article == a.article or not rare[i] & b.words:
                    continue
                sc = score(a, b)
                slot = (i, b.article)
                if sc > 0 and (slot not in best or (sc, -j) > (best[slot][0], -best[slot][1])):
                    best[slot] = (sc, j)
    uf = _UnionFind()
    for i in range(len(events)):
        uf.find(i)
    for (i, _other), (_, j) in best.items():
        if best.get((j, events[i].article), (0.0, -1))[1] == i:
            uf.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        groups[uf.find(i)].append(i)
    summaries = []
    for members in groups.values():
        evs = [events[i] for i in members]
        cid = "c-" + min(e.id for e in evs)
        for e in evs:
            e.cluster = cid
        sources = sorted({e.article for e in evs})
        if len(sources) < 2:
            continue
        days = sorted({e.date for e in evs if e.precision == "day"})
        dates = tuple(sorted({e.date for e in evs}))
        summaries.append(models.Cluster(cid, tuple(sorted(e.id for e in evs)), tuple(sources), dates, len(days) > 1))
    return sorted(summaries, key=lambda c: (c.dates[0], c.id))


def to_event(e: Event) -> models.Event:
    """The stored record of a built event."""
    return models.Event(e.id, e.date, e.precision, e.article, e.start, e.end, e.text, tuple(e.entities), e.cluster,
                        e.time_text, e.time_start)  # fmt: skip
