"""Dated events and their clusters across sources.

Every resolved temporal expression dates its sentence: that sentence is an event, with the
entities it mentions. Events from different articles that report the same happening (compatible
dates, shared uncommon entities, similar wording) share a cluster; where the sources of a cluster
give different days for it, the cluster is marked as a disagreement.

Two reports pair up when each is the other's best match in the other's article; clusters are the
groups that pairs join. How uncommon a shared word or name is comes from general English, not
from the corpus, so adding or changing an article changes only the pairs of its own reports.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import models, tables
from .boilerplate import stopwords
from .sentences import sentence_at
from .unionfind import UnionFind

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
    #: squared weight of each content stem (see :func:`stem_weight`), and their sum
    weights: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    #: the stems that can tell one happening from another (see :func:`_score`)
    discriminating: tuple[str, ...] = ()

    @functools.cached_property
    def entity_set(self) -> frozenset[str]:
        return frozenset(self.entities)

    def read_words(self) -> None:
        """Fill :attr:`weights` and :attr:`norm` from the sentence's content words."""
        self.weights = {w: stem_weight(w) ** 2 for w in content_words(self.text)}
        self.norm = sum(self.weights.values())
        self.discriminating = tuple(w for w, weight in self.weights.items() if weight >= DISCRIMINATING_SQUARED)


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


#: a stem that turns up, in general English, in at most this share of sentences can tell one
#: happening from another (a shared stem commoner than that is no evidence of one report)
DISCRIMINATING_SHARE = 0.02
#: words in a typical news sentence (turns a word's frequency into the share of sentences holding it)
SENTENCE_WORDS = 25
#: the frequency given to a stem general English never uses (rarer than any it does)
UNSEEN_FREQUENCY = 1e-9


#: what :func:`_stem_frequencies` is derived from (the key of its cached table)
STEM_SOURCES = tables.Sources(packages=("wordfreq",), data=(("wordfreq", "data/large_en.msgpack.gz"),))


@functools.cache
def _stem_frequencies() -> dict[str, float]:
    """How often, per word of general English, a word with each six-letter stem is used.

    The weights of what two reports share come from general English (wordfreq's word lists),
    not from the corpus: a pair's score then depends on the two reports alone, so an article
    added or changed can only alter the matches of its own reports. Derived once per
    installation (~1 s with wordfreq's import), then read from the table cache."""
    return tables.cached_table("stem_frequencies", _derive_stem_frequencies, STEM_SOURCES, dict)


def _derive_stem_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # imported only here: ~0.3 s

    stems: dict[str, float] = defaultdict(float)
    for word, frequency in get_frequency_dict("en", wordlist="large").items():
        if _WORD.fullmatch(word):
            stems[word[:6]] += frequency
    return dict(stems)


_WORD = re.compile(r"[a-z]{3,}")


def stem_weight(stem: str) -> float:
    """Inverse sentence frequency of a stem in general English: log(1 / share of sentences with it)."""
    frequency = max(_stem_frequencies().get(stem, 0.0), UNSEEN_FREQUENCY)
    return max(0.0, -math.log(SENTENCE_WORDS * frequency))


#: :func:`stem_weight` of a stem used in :data:`DISCRIMINATING_SHARE` of sentences
DISCRIMINATING = -math.log(DISCRIMINATING_SHARE)
#: the squared weight (as :attr:`Event.weights` holds them) of a discriminating stem
DISCRIMINATING_SQUARED = DISCRIMINATING**2


@functools.lru_cache(maxsize=100_000)
def entity_weight(entity: str) -> float:
    """How uncommon an entity's name is: the weight of its rarest word (ids are slugs)."""
    return max((stem_weight(w[:6]) for w in entity.split("-") if _WORD.fullmatch(w)), default=0.0)


def _cosine(a: Event, b: Event, shared_words: set[str] | None = None) -> float:
    """Cosine similarity of two reports' stems (``shared_words``: their common stems, if known)."""
    shared_words = a.weights.keys() & b.weights.keys() if shared_words is None else shared_words
    shared = sum(a.weights[w] for w in sorted(shared_words))  # in stem order, as index.eventmatch sums
    norm = math.sqrt(a.norm * b.norm)
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
            ev.read_words()
            events.append(ev)
    return events


#: past this many (target, candidate) pairs, a bucket's best matches are scored as arrays
ARRAY_PAIRS = 1_000

#: the longest period an event that can cluster covers (a month), in days
LONGEST_PERIOD = 31

Bucket = tuple[str, int | str]  # ("day", ordinal) or (precision, ISO value) for weeks and months


def bucket_of(e: Event) -> Bucket | None:
    """The bucket an event is matched within (None for a year: too coarse to cluster)."""
    return bucket_key(e.precision, e.date)


def bucket_key(precision: str, date: str) -> Bucket | None:
    """The bucket of an event of this precision and date (see :func:`bucket_of`)."""
    if precision == "year":
        return None
    if precision == "day":
        return ("day", dt.date.fromisoformat(date).toordinal())
    return (precision, date)


def neighbour_buckets(own: Bucket) -> list[Bucket]:
    """The buckets whose events can report the same happening as an event of ``own``."""
    if own[0] != "day":
        return [own]
    return [own, *(("day", int(own[1]) + k) for k in (-MAX_DAY_GAP, MAX_DAY_GAP))]


def days_of(e: Event) -> tuple[int, int]:
    """First and last day (ordinals) of the period an event's date covers."""
    first, last = period(e.date, e.precision)
    return first.toordinal(), last.toordinal()


def _score(a: Event, b: Event) -> float:
    """How surely two reports tell of one happening (0 when they do not); the caller makes sure
    they come from different articles and have compatible dates (see :class:`Matcher`)."""
    shared_words = a.weights.keys() & b.weights.keys()
    if not any(a.weights[w] >= DISCRIMINATING_SQUARED for w in shared_words):
        return 0.0  # no discriminating stem in common: below every threshold anyway
    shared = max((entity_weight(x) for x in a.entity_set & b.entity_set), default=0.0)
    similarity = _cosine(a, b, shared_words)
    if similarity >= SAME_WORDING or (shared >= SHARED_ENTITY and similarity >= SIMILAR_WITH_ENTITY):
        return similarity + 0.1 * shared
    return 0.0


def order_key(e: Event) -> tuple[str, int]:
    """The corpus-wide order of events (article, then position of the date)."""
    return (e.article, e.time_start)


#: a report pairs with reports of at most this many other articles, those of its strongest
#: matches: every source of a happening still joins its cluster through the others, and a busy
#: day or month cannot pair every report with every other (pairs and work would grow with the
#: square of the reports of a day)
MAX_PARTNERS = 8

BestMatches = dict[str, tuple[float, "Event"]]


def strongest(best: BestMatches) -> BestMatches:
    """The best matches of the :data:`MAX_PARTNERS` articles matched most strongly (then by
    article), strongest first."""
    return dict(sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:MAX_PARTNERS])


class Matcher:
    """Best matches among the events loaded. Candidates of an event are the events of its bucket
    and, for a day, of the days next to it: their dates are compatible by construction, so an
    event's best matches depend only on the reports of its neighbouring buckets.

    Only reports sharing a discriminating stem can score (:func:`_score`), so each bucket keeps
    its events by those stems and an event is compared with the reports that share one, not
    with every report of its days; a busy bucket is scored as arrays (:mod:`index.eventmatch`)."""

    def __init__(self, events: list[Event]) -> None:
        self.buckets: dict[Bucket, list[Event]] = defaultdict(list)
        self.by_stem: dict[Bucket, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
        for e in sorted(events, key=order_key):
            if (b := bucket_of(e)) is not None:
                self._add(b, e)

    def _add(self, bucket: Bucket, e: Event) -> None:
        self.buckets[bucket].append(e)
        for stem in e.discriminating:
            self.by_stem[bucket][stem].append(e)

    def events(self, bucket: Bucket) -> list[Event]:
        """The bucket's events, in corpus order."""
        return self.buckets.get(bucket, [])

    def forget_before(self, current: Bucket) -> None:
        """Let go of the buckets the pairing of ``current`` cannot need (all are kept here)."""

    def candidates(self, a: Event, bucket: Bucket) -> Iterator[Event]:
        """The events of ``bucket`` that share a discriminating stem with ``a``, each once."""
        postings = self.by_stem.get(bucket)
        if not postings:
            return
        seen: set[str] = set()
        for stem in a.discriminating:
            for b in postings.get(stem, ()):
                if b.id not in seen:
                    seen.add(b.id)
                    yield b

    def best_in_bucket(self, bucket: Bucket) -> dict[str, BestMatches]:
        """:meth:`best` of every event of ``bucket``, by id."""
        return self._best_among(bucket, self.events(bucket))

    def best_for(self, events: Iterable[Event]) -> dict[str, BestMatches]:
        """:meth:`best` of each of ``events`` (events of this matcher), by id."""
        by_bucket: dict[Bucket, list[Event]] = defaultdict(list)
        for e in events:
            if (b := bucket_of(e)) is not None:
                by_bucket[b].append(e)
        out: dict[str, BestMatches] = {}
        for bucket in sorted(by_bucket, key=bucket_order):
            out.update(self._best_among(bucket, by_bucket[bucket]))
        return out

    def _best_among(self, bucket: Bucket, targets: list[Event]) -> dict[str, BestMatches]:
        """:meth:`best` of ``targets``, events of ``bucket``; many are scored as arrays
        (:mod:`index.eventmatch`: the same matches, far faster than pair by pair)."""
        pool = [e for key in neighbour_buckets(bucket) for e in self.events(key)]
        if len(targets) * len(pool) < ARRAY_PAIRS:
            return {a.id: self.best(a) for a in targets}
        from .eventmatch import best_matches  # imported here: numpy and scipy take ~0.3 s to import

        return {a.id: strongest(best) for a, best in zip(targets, best_matches(targets, pool), strict=True)}

    def best(self, a: Event) -> BestMatches:
        """``a``'s best match in each of the articles it matches most strongly (see
        :func:`strongest`): highest score, then earliest in corpus order."""
        own = bucket_of(a)
        if own is None:
            return {}
        best: BestMatches = {}
        for key in neighbour_buckets(own):
            for b in self.candidates(a, key):
                if b.article == a.article or (sc := _score(a, b)) <= 0:
                    continue
                prev = best.get(b.article)
                if prev is None or sc > prev[0] or (sc == prev[0] and order_key(b) < order_key(prev[1])):
                    best[b.article] = (sc, b)
        return strongest(best)


def pairs_in_order(matcher: Matcher, buckets: Iterable[Bucket]) -> Iterator[tuple[Event, Event]]:
    """The pairs with a report of ``buckets`` in them: reports that are each other's best match
    in the other's article (reports of one happening pair up instead of chaining through loosely
    related sentences), each pair once.

    Buckets are visited in date order and best matches are kept only for the buckets next to the
    one being paired, so with a :class:`BucketWindow` memory stays that of a few days however
    large the corpus."""
    chosen = set(buckets)
    cache: dict[Bucket, dict[str, BestMatches]] = {}

    def best_of(bucket: Bucket) -> dict[str, BestMatches]:
        if bucket not in cache:
            cache[bucket] = matcher.best_in_bucket(bucket)
        return cache[bucket]

    for bucket in sorted(chosen, key=bucket_order):
        for old in [k for k in cache if not _near(k, bucket)]:
            del cache[old]
        matcher.forget_before(bucket)
        rows = best_of(bucket)
        for a in matcher.events(bucket):
            for _, b in rows[a.id].values():
                other = bucket_of(b)
                assert other is not None  # a candidate has a bucket
                if other in chosen and b.id < a.id:
                    continue  # the pair is found from b's side
                if (hit := best_of(other)[b.id].get(a.article)) is not None and hit[1].id == a.id:
                    yield a, b


def pairs_of(matcher: Matcher, targets: list[Event]) -> list[tuple[Event, Event]]:
    """The pairs (as :func:`pairs_in_order` makes them) with one of ``targets`` in them, each once:
    a target's best matches, and theirs, decide them."""
    best = matcher.best_for(targets)
    partners = {b.id: b for a in targets for _, b in best[a.id].values() if b.id not in best}
    best.update(matcher.best_for(partners.values()))
    pairs: dict[tuple[str, str], tuple[Event, Event]] = {}
    for a in targets:
        for _, b in best[a.id].values():
            if (hit := best[b.id].get(a.article)) is not None and hit[1].id == a.id:
                pairs.setdefault((min(a.id, b.id), max(a.id, b.id)), (a, b))
    return list(pairs.values())


def scoring_with(matcher: Matcher, probes: list[Event], buckets: Iterable[Bucket]) -> set[str]:
    """Ids of the events of ``buckets`` that score with one of ``probes`` (reports of other
    articles): of those alone can the best matches change when the probes come or go (the others'
    candidates that score stay the same)."""
    index = Matcher(probes)
    hit: set[str] = set()
    for bucket in buckets:
        for r in matcher.events(bucket):
            near = (c for key in neighbour_buckets(bucket) for c in index.candidates(r, key))
            if r.id not in hit and any(c.article != r.article and _score(r, c) > 0 for c in near):
                hit.add(r.id)
    return hit


class BucketWindow(Matcher):
    """A :class:`Matcher` over stored events, a few days at a time: a bucket is loaded (``load``)
    when the pairing first looks into it and dropped once the pairing is past it, so a full
    pairing holds a few days of reports, not the corpus."""

    def __init__(self, load: Callable[[Bucket], list[Event]]) -> None:
        super().__init__([])
        self._load = load
        self._loaded: set[Bucket] = set()

    def events(self, bucket: Bucket) -> list[Event]:
        """The bucket's events in corpus order (loaded if need be)."""
        if bucket not in self._loaded:
            self._loaded.add(bucket)
            for e in sorted(self._load(bucket), key=order_key):
                self._add(bucket, e)
        return self.buckets.get(bucket, [])

    def candidates(self, a: Event, bucket: Bucket) -> Iterator[Event]:
        self.events(bucket)
        return super().candidates(a, bucket)

    def forget_before(self, current: Bucket) -> None:
        """Drop the buckets no report of ``current`` or of its neighbours can look into."""
        for b in [b for b in self._loaded if not _within_reach(b, current)]:
            self._loaded.discard(b)
            self.buckets.pop(b, None)
            self.by_stem.pop(b, None)


def _within_reach(b: Bucket, current: Bucket) -> bool:
    """Whether pairing ``current`` may still look into ``b``: its own days, its neighbours' and
    theirs (a best match's best match), or later ones."""
    if b[0] != "day" or current[0] != "day":
        return b == current  # a week or a month is matched within itself (and comes after the days)
    return int(b[1]) >= int(current[1]) - 2 * MAX_DAY_GAP


def bucket_order(b: Bucket) -> tuple[int, str, int]:
    """Days in date order, then weeks and months (each matched within itself)."""
    return (0, "", int(b[1])) if b[0] == "day" else (1, f"{b[0]}:{b[1]}", 0)


def _near(cached: Bucket, current: Bucket) -> bool:
    """Whether best matches of ``cached`` may still be needed once ``current`` is being paired."""
    if cached[0] != "day" or current[0] != "day":
        return cached == current
    return int(cached[1]) >= int(current[1]) - MAX_DAY_GAP


def components(ids: list[str], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The groups of ``ids`` that ``pairs`` join (pairs reaching other ids are left out), each in
    the order of ``ids``."""
    known = set(ids)
    uf: UnionFind[str] = UnionFind()
    for i in ids:
        uf.find(i)
    for a, b in pairs:
        if a in known and b in known:
            uf.union(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        groups[uf.find(i)].append(i)
    return list(groups.values())


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
