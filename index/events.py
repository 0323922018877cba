"""Dated events and their clusters across sources.

Every resolved temporal expression dates its sentence: that sentence is an event, with the
entities it mentions. Events from different articles that report the same happening (compatible
dates, shared uncommon entities, similar wording) share a cluster; where the sources of a cluster
give different days for it, the cluster is marked as a disagreement.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter, defaultdict
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


#: up to this many events, clustering uses statistics of the whole corpus; beyond, of the
#: reports within :data:`WINDOW_DAYS` of a pair (a cluster then depends only on nearby days, so
#: an added article re-clusters only those)
GLOBAL_EVENTS = 20_000
#: windowed statistics come from blocks of this many days: the block of a pair's earlier date and
#: of its later one, and one block on each side (so never more than :data:`WINDOW_REACH` days away)
WINDOW_DAYS = 15
WINDOW_REACH = 2 * WINDOW_DAYS
#: the longest period an event that can cluster covers (a month), in days
LONGEST_PERIOD = 31

Bucket = tuple[str, int | str]  # ("day", ordinal) or (precision, ISO value) for weeks and months


def bucket_of(e: Event) -> Bucket | None:
    """The bucket an event is matched within (None for a year: too coarse to cluster)."""
    if e.precision == "year":
        return None
    if e.precision == "day":
        return ("day", dt.date.fromisoformat(e.date).toordinal())
    return (e.precision, e.date)


def days_of(e: Event) -> tuple[int, int]:
    """First and last day (ordinals) of the period an event's date covers."""
    first, last = period(e.date, e.precision)
    return first.toordinal(), last.toordinal()


class _InverseFrequency(dict[str, float]):
    """log((n + 1) / df) of a word or entity, worked out when first asked for (0 for one never seen)."""

    def __init__(self, df: Counter[str], n: int) -> None:
        super().__init__()
        self.df, self.n = df, n

    def __missing__(self, key: str) -> float:
        k = self.df.get(key, 0)
        value = self[key] = math.log((self.n + 1) / k) if k else 0.0
        return value


@dataclass
class WindowStats:
    """Word and entity statistics that weigh what two reports share."""

    idf: dict[str, float]
    weight: dict[str, float]
    word_df: Counter[str]
    cap: int


def window_stats(events: list[Event], articles: int | None = None) -> WindowStats:
    """Statistics of ``events``; entity weights count ``articles`` (default: the events' articles)."""
    entity_df = Counter(x for _, x in {(e.article, x) for e in events for x in e.entities})
    n = len({e.article for e in events}) if articles is None else articles
    word_df = Counter(w for e in events for w in e.words)
    return WindowStats(
        _InverseFrequency(word_df, len(events)), _InverseFrequency(entity_df, n), word_df, max(50, len(events) // 50)
    )


def _score(a: Event, b: Event, st: WindowStats) -> float:
    """How surely two reports tell of one happening (0 when they do not); the caller makes sure
    they come from different articles and have compatible dates (see :class:`Matcher`)."""
    shared_words = a.words & b.words
    if not any(st.word_df[w] <= st.cap for w in shared_words):
        return 0.0  # no discriminating stem in common: below every threshold anyway
    shared = max((st.weight[x] for x in set(a.entities) & set(b.entities)), default=0.0)
    similarity = _cosine(a.words, b.words, st.idf)
    if similarity >= SAME_WORDING or (shared >= SHARED_ENTITY and similarity >= SIMILAR_WITH_ENTITY):
        return similarity + 0.1 * shared
    return 0.0


def order_key(e: Event) -> tuple[str, int]:
    """The corpus-wide order of events (article, then position of the date)."""
    return (e.article, e.time_start)


class Matcher:
    """Best matches among the events loaded: all of the corpus (``windowed=False``: statistics of
    all of them, entity weights over ``articles``), or the days around a region (``windowed``:
    statistics of the reports near each pair of buckets, see :data:`WINDOW_DAYS`).

    Candidates of an event are the events of its bucket and, for a day, of the days next to it:
    their dates are compatible by construction."""

    def __init__(self, events: list[Event], articles: int, windowed: bool) -> None:
        self.buckets: dict[Bucket, list[Event]] = defaultdict(list)
        self._bucket: dict[str, Bucket | None] = {}
        for e in sorted(events, key=order_key):
            b = self._bucket[e.id] = bucket_of(e)
            if b is not None:
                self.buckets[b].append(e)
        self._global = None if windowed else window_stats(events, articles)
        dated = sorted((*days_of(e), i) for i, e in enumerate(events) if e.precision != "year")
        self._events = events
        self._firsts = [f for f, _, _ in dated]
        self._dated = dated
        self._stats: dict[tuple[int, int], WindowStats] = {}

    @staticmethod
    def _days(b: Bucket) -> tuple[int, int]:
        if b[0] == "day":
            return int(b[1]), int(b[1])
        first, last = period(str(b[1]), b[0])
        return first.toordinal(), last.toordinal()

    def stats(self, a: Bucket, b: Bucket) -> WindowStats:
        """Statistics for a pair of reports from buckets ``a`` and ``b``."""
        if self._global is not None:
            return self._global
        (fa, la), (fb, lb) = self._days(a), self._days(b)
        key = (min(fa, fb) // WINDOW_DAYS, max(la, lb) // WINDOW_DAYS)
        if key not in self._stats:
            lo, hi = (key[0] - 1) * WINDOW_DAYS, (key[1] + 2) * WINDOW_DAYS - 1
            start = bisect.bisect_left(self._firsts, lo - LONGEST_PERIOD)
            stop = bisect.bisect_right(self._firsts, hi)
            window = [self._events[i] for _, last, i in self._dated[start:stop] if last >= lo]
            self._stats[key] = window_stats(window)
        return self._stats[key]

    def best(self, a: Event) -> dict[str, tuple[float, Event]]:
        """``a``'s best match in every other article (highest score, then earliest in corpus order)."""
        own = self._bucket.get(a.id) or bucket_of(a)
        if own is None:
            return {}
        keys = [own]
        if own[0] == "day":
            keys += [("day", int(own[1]) + k) for k in (-MAX_DAY_GAP, MAX_DAY_GAP)]
        best: dict[str, tuple[float, Event]] = {}
        for key in keys:
            members = self.buckets.get(key)
            if not members:
                continue
            st = self.stats(own, key)
            for b in members:
                if b.article == a.article or not a.words & b.words:
                    continue
                sc = _score(a, b, st)
                if sc <= 0:
                    continue
                prev = best.get(b.article)
                if prev is None or sc > prev[0] or (sc == prev[0] and order_key(b) < order_key(prev[1])):
                    best[b.article] = (sc, b)
        return best


def mutual_pairs(matcher: Matcher, targets: list[Event]) -> list[tuple[Event, Event]]:
    """Pairs of reports that are each other's best match in the other's article (reports of one
    happening pair up instead of chaining through loosely related sentences)."""
    best = {a.id: matcher.best(a) for a in targets}
    known = {a.id: a for a in targets}
    pairs = []
    for a in targets:
        for _, b in best[a.id].values():
            back = best.get(b.id)
            if back is None and b.id not in known:
                back = matcher.best(b)
            if back is not None and (hit := back.get(a.article)) is not None and hit[1].id == a.id:
                pairs.append((a, b))
    return pairs


def components(events: list[Event], pairs: list[tuple[Event, Event]]) -> dict[str, list[Event]]:
    """Clusters (by id: "c-" and the smallest event id) of ``events`` joined by ``pairs``."""
    index = {e.id: i for i, e in enumerate(events)}
    uf = _UnionFind()
    for i in range(len(events)):
        uf.find(i)
    for a, b in pairs:
        if a.id in index and b.id in index:
            uf.union(index[a.id], index[b.id])
    groups: dict[int, list[Event]] = defaultdict(list)
    for i, e in enumerate(events):
        groups[uf.find(i)].append(e)
    return {"c-" + min(e.id for e in evs): evs for evs in groups.values()}


def summary(cid: str, evs: list[Event]) -> models.Cluster | None:
    """The stored description of a cluster that spans several articles (None for one article)."""
    sources = sorted({e.article for e in evs})
    if len(sources) < 2:
        return None
    days = sorted({e.date for e in evs if e.precision == "day"})
    dates = tuple(sorted({e.date for e in evs}))
    return models.Cluster(cid, tuple(sorted(e.id for e in evs)), tuple(sources), dates, len(days) > 1)


def to_event(e: Event) -> models.Event:
    """The stored record of a built event."""
    return models.Event(e.id, e.date, e.precision, e.article, e.start, e.end, e.text, tuple(e.entities), e.cluster,
                        e.time_text, e.time_start)  # fmt: skip
