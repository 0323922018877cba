"""Key dates of a story: the days that many articles and sources date something to.

The timeline lists every dated sentence; this ranks the *days* of a scope (the whole corpus, the
events of one entity, or the events of some articles, each optionally within a period) and gives
each day its most central sentences. Everything is read through :class:`index.corpus.Corpus` with
aggregate, indexed queries (no scope is loaded into Python whole: per period the counts come from
SQL, and only the sentences of the chosen days are fetched).

Score of a day (see ``docs/key-dates.md``)::

    score = Σ over the periods covering the day of  w(precision) × (articles + sources)
          + CLUSTER_WEIGHT × Σ over the day's clusters of (their distinct sources − 1)
          + PUBLISHED_WEIGHT × min(articles published that day, PUBLISHED_CAP)

``articles`` and ``sources`` are the distinct articles and distinct sources dating an event to the
period (an article without a source is a source of its own). ``w`` is 1 for a day, small for a
week or a month (counted toward every day they cover), 0 for a year. Only days some event dates
precisely are candidates: a day known only through its week or month is never a key date, and a
week or month just lifts the days inside it that are dated precisely too.
"""

from __future__ import annotations

import bisect
import csv
import html
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .corpus import Corpus
from .events import content_words
from .models import ArticleMeta, Event
from .timeline import csv_cell
from .timeline import to_dict as event_dict
from .wording import cut_at_word

#: what a dated event adds to each day it covers, by precision (a week spreads over seven days,
#: a month over about thirty: each adds a little to each of them; a year nothing)
WEIGHTS = {"day": 1.0, "week": 0.15, "month": 0.03, "year": 0.0}
#: per source beyond the first that reports one happening (one cluster) on the day
CLUSTER_WEIGHT = 1.5
#: per article published on the day (reports of the day itself), counted up to PUBLISHED_CAP
PUBLISHED_WEIGHT = 0.25
PUBLISHED_CAP = 4
#: sentences of one day looked at when choosing the central ones
MAX_DAY_EVENTS = 400
#: sentences kept per key date
SENTENCES = 2


@dataclass(frozen=True)
class KeyDate:
    """One ranked day: its score, how many distinct articles and sources date an event to it
    precisely, and its one or two most central sentences (the second from another source when
    there is one)."""

    day: str
    score: float
    articles: int
    sources: int
    sentences: tuple[Event, ...]


def key_dates(
    corpus: Corpus,
    limit: int = 10,
    *,
    entity: str | None = None,
    articles: Sequence[str] | None = None,
    first_day: str | None = None,
    last_day: str | None = None,
) -> list[KeyDate]:
    """The ``limit`` best days of the scope, best first (ties: more articles, then earlier day).

    ``entity`` keeps the events that mention it, ``articles`` those of these articles (an empty
    list keeps nothing), ``first_day``/``last_day`` (ISO days) the days in that period."""
    chosen = list(articles) if articles is not None else None
    if (chosen is not None and not chosen) or limit <= 0:
        return []
    periods = corpus.period_support(entity, chosen, first_day, last_day)
    exact = {f: (n, s) for p, f, _, n, s in periods if p == "day" and _inside(f, first_day, last_day)}
    if not exact:
        return []
    scores = {d: WEIGHTS["day"] * (n + s) for d, (n, s) in exact.items()}
    days = sorted(exact)
    for precision, first, last, n, s in periods:
        weight = WEIGHTS.get(precision, 0.0)
        if precision == "day" or not weight:
            continue
        for d in days[bisect.bisect_left(days, first) : bisect.bisect_right(days, last)]:
            scores[d] += weight * (n + s)
    for d, extra in corpus.cluster_support(entity, chosen, first_day, last_day).items():
        if d in scores:
            scores[d] += CLUSTER_WEIGHT * extra
    for d, n in corpus.published_on(days, entity, chosen).items():
        scores[d] += PUBLISHED_WEIGHT * min(n, PUBLISHED_CAP)
    best = sorted(days, key=lambda d: (-scores[d], -exact[d][0], d))[:limit]
    out = []
    for d in best:
        events = corpus.events_on(d, entity, chosen, MAX_DAY_EVENTS)
        sources = {aid: _source(corpus.article_meta(aid), aid) for aid in {e.article for e in events}}
        out.append(KeyDate(d, round(scores[d], 3), exact[d][0], exact[d][1], central(events, sources)))
    return out


def _inside(day: str, first_day: str | None, last_day: str | None) -> bool:
    return (first_day is None or day >= first_day) and (last_day is None or day <= last_day)


def _source(meta: ArticleMeta | None, article_id: str) -> str:
    return (meta.source if meta else None) or "article:" + article_id


def central(events: Sequence[Event], sources: Mapping[str, str], count: int = SENTENCES) -> tuple[Event, ...]:
    """The ``count`` most central of one day's sentences: a sentence scores the overlap of its
    content words with those of the day's sentences in *other* articles (cosine of the word sets,
    summed), plus one per other article in its cluster among them. The first is the best; each
    next one is the best from a source not chosen yet (else from another article, else none)."""
    words = [content_words(e.text) for e in events]
    by_cluster: dict[str, set[str]] = {}
    for e in events:
        by_cluster.setdefault(e.cluster, set()).add(e.article)

    def centrality(i: int) -> float:
        mine, total = words[i], 0.0
        for j, other in enumerate(words):
            if events[j].article != events[i].article and mine and other:
                total += len(mine & other) / math.sqrt(len(mine) * len(other))
        return total + len(by_cluster[events[i].cluster]) - 1

    ranked = sorted(range(len(events)), key=lambda i: (-centrality(i), events[i].article, events[i].start))
    picked: list[Event] = []
    for wants_new_source in (True, False):
        for i in ranked:
            if len(picked) >= count:
                break
            e = events[i]
            seen_sources = {sources.get(p.article) for p in picked}
            fresh = e.article not in {p.article for p in picked} and e.text not in {p.text for p in picked}
            if not picked or (fresh and (not wants_new_source or sources.get(e.article) not in seen_sources)):
                picked.append(e)
    return tuple(picked)


# ---- formats (``broadsheet timeline --key-dates N``)

Titled = Mapping[str, ArticleMeta]


def to_dict(k: KeyDate, articles: Titled) -> dict[str, Any]:
    """The JSON form of a key date: its counts and its sentences with their articles' titles and sources."""
    sentences = []
    for e in k.sentences:
        meta = articles.get(e.article)
        sentences.append(
            {**event_dict(e), "title": meta.title if meta else None, "source": meta.source if meta else None}
        )
    return {"day": k.day, "score": k.score, "articles": k.articles, "sources": k.sources, "sentences": sentences}


def to_csv(keys: Sequence[KeyDate], articles: Titled) -> str:
    """One row per sentence of each key date (rank, day, score and counts repeated); cells sanitised."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["rank", "day", "score", "articles", "sources", "article", "source", "title", "sentence"])
    for rank, k in enumerate(keys, start=1):
        for e in k.sentences or (None,):
            meta = articles.get(e.article) if e else None
            source, title = (meta.source or "", meta.title or "") if meta else ("", "")
            row = [rank, k.day, k.score, k.articles, k.sources, e.article if e else "", source, title,
                   e.text if e else ""]  # fmt: skip
            w.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


HEADLINE = 80


def to_timelinejs(keys: Sequence[KeyDate], articles: Titled, title: str) -> dict[str, Any]:
    """TimelineJS JSON: one slide per key date; headline the day's top sentence cut at a word, text
    that sentence whole (and the second one, with its source), all HTML-escaped."""
    slides = []
    for rank, k in enumerate(keys, start=1):
        y, m, d = (str(int(p)) for p in k.day.split("-"))
        top = k.sentences[0] if k.sentences else None
        text = html.escape(top.text) if top else ""
        for e in k.sentences[1:]:
            meta = articles.get(e.article)
            who = (meta.source if meta else None) or e.article
            text += f"<p>{html.escape(e.text)} <em>({html.escape(who)})</em></p>"
        text += f"<p><em>Key date {rank}: {k.articles} articles, {k.sources} sources, score {k.score:g}</em></p>"
        slides.append({
            "start_date": {"year": y, "month": m, "day": d},
            "text": {"headline": html.escape(cut_at_word(top.text, HEADLINE)) if top else k.day, "text": text},
            "unique_id": f"key-{k.day}",
        })  # fmt: skip
    return {"title": {"text": {"headline": html.escape(title), "text": f"{len(slides)} key dates"}}, "events": slides}
