"""The array scorer (index/eventmatch.py) picks the same best matches as the Python one."""

from __future__ import annotations

import random

import pytest

from index import events as ev
from index.eventmatch import BLOCK_CELLS, best_matches

#: common words, uncommon words (discriminating) and made-up ones (never seen in English)
WORDS = ("government officials said would continue work region people minister police talks strike "
         "ceasefire floods harbour reservoir embankment turbine quarantine zorblat quimbex").split()  # fmt: skip
ENTITIES = ["john-smith", "harbour-authority", "mosul", "red-crescent", "quimbex-holdings", "un"]


def _report(r: random.Random, article: str, start: int, day: int) -> ev.Event:
    text = " ".join(r.choice(WORDS) for _ in range(r.randrange(3, 12)))
    date = f"2024-03-{day:02d}"
    e = ev.Event(f"{article}@{start}", date, "day", article, start, start + 50, text,
                 sorted(r.sample(ENTITIES, r.randrange(0, 3))), "", start)  # fmt: skip
    e.read_words()
    return e


def _reports(seed: int, articles: int, per_article: int) -> list[ev.Event]:
    r = random.Random(seed)
    return [_report(r, f"a{n:03d}", 100 * k, 10 + r.randrange(3)) for n in range(articles) for k in range(per_article)]


def _reference(events: list[ev.Event]) -> dict[str, dict[str, tuple[float, str]]]:
    matcher = ev.Matcher(events)
    return {e.id: {a: (s, b.id) for a, (s, b) in matcher.best(e).items()} for e in events}


def _arrays(events: list[ev.Event]) -> dict[str, dict[str, tuple[float, str]]]:
    out = {}
    for key in {ev.bucket_of(e) for e in events}:
        assert key is not None
        targets = [e for e in events if ev.bucket_of(e) == key]
        pool = [e for e in events if ev.bucket_of(e) in ev.neighbour_buckets(key)]
        for e, best in zip(targets, best_matches(targets, pool), strict=True):
            out[e.id] = {a: (s, b.id) for a, (s, b) in best.items()}
    return out


@pytest.mark.parametrize("seed", range(6))
def test_array_scores_equal_python_scores_bit_for_bit(seed: int) -> None:
    events = _reports(seed, articles=12, per_article=6)
    reference = _reference(events)
    assert sum(len(v) for v in reference.values()) > 50  # the vocabulary makes many pairs score
    assert _arrays(events) == reference


def test_ties_go_to_the_earliest_report_of_the_article() -> None:
    r = random.Random(1)
    a, b1, b2 = (_report(r, art, start, 10) for art, start in (("a", 0), ("b", 300), ("b", 100)))
    b1.text = b2.text = a.text = "reservoir embankment quarantine turbine"
    for e in (a, b1, b2):
        e.read_words()
    [best] = best_matches([a], [a, b1, b2])
    assert best["b"][1] is b2  # equal scores: the one earlier in the article wins
    assert "a" not in best  # never a match in its own article


def test_blocks_of_rows_give_the_same_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    events = _reports(9, articles=8, per_article=5)
    whole = _arrays(events)
    monkeypatch.setattr("index.eventmatch.BLOCK_CELLS", 7)
    assert BLOCK_CELLS > 7
    assert _arrays(events) == whole


def _pair_ids(pairs: list[tuple[ev.Event, ev.Event]]) -> set[tuple[str, str]]:
    return {(min(a.id, b.id), max(a.id, b.id)) for a, b in pairs}


@pytest.mark.parametrize("seed", range(4))
def test_pairs_of_a_few_reports_are_the_full_pairings_pairs_that_hold_them(seed: int) -> None:
    events = _reports(seed, articles=12, per_article=6)
    matcher = ev.Matcher(events)
    everything = _pair_ids(list(ev.pairs_in_order(matcher, set(matcher.buckets))))
    targets = random.Random(seed).sample(events, 9)
    ids = {e.id for e in targets}
    assert _pair_ids(ev.pairs_of(matcher, targets)) == {p for p in everything if ids & set(p)}
    assert any(ids & set(p) for p in everything)  # the sample is in some pairs


@pytest.mark.parametrize("seed", range(4))
def test_only_reports_scoring_with_an_added_article_change_their_best_matches(seed: int) -> None:
    events = _reports(seed, articles=14, per_article=5)
    added = [e for e in events if e.article == "a013"]
    before = _reference([e for e in events if e.article != "a013"])
    after = _reference(events)
    matcher = ev.Matcher(events)
    changed = {i for i in before if before[i] != after[i]}
    hit = ev.scoring_with(matcher, added, set(matcher.buckets))
    assert changed and changed <= hit
    scoring = {r.id for r in events if r.article != "a013" and any(ev.compatible(r, c) and ev._score(r, c) > 0
                                                                   for c in added)}  # fmt: skip
    assert hit == scoring
