"""Day clusters stay within a few days however long a story runs (index/dayclusters.py)."""

from __future__ import annotations

import random

from index.dayclusters import SPAN, DaySweep


def _clusters(days: dict[int, list[str]], pairs: list[tuple[str, str]]) -> list[list[str]]:
    """Sweep the reports of ``days`` with their pairs (given both ways, as stored)."""
    sweep = DaySweep()
    both = pairs + [(b, a) for a, b in pairs]
    for day in sorted(days):
        ids = days[day]
        sweep.add_day(day, ids, [(a, b) for a, b in both if a in ids])
    sweep.finish()
    return sorted(sweep.closed)


def test_a_story_reported_every_day_does_not_become_one_cluster() -> None:
    days = {d: [f"a{d}", f"b{d}"] for d in range(10)}  # two sources, every day, each pairing with the next day
    pairs = [(f"a{d}", f"b{d}") for d in range(10)] + [(f"b{d}", f"a{d + 1}") for d in range(9)]
    clusters = _clusters(days, pairs)
    assert sum(len(c) for c in clusters) == 20
    spans = [max(int(e[1:]) for e in c) - min(int(e[1:]) for e in c) for c in clusters]
    assert max(spans) <= SPAN
    assert len(clusters) == 4  # days 0-2, 3-5, 6-8, 9: each joins the one before while it stays short


def test_sources_a_day_apart_share_a_cluster() -> None:
    days = {1: ["x1"], 2: ["y2", "z2"]}
    assert _clusters(days, [("x1", "y2"), ("y2", "z2")]) == [["x1", "y2", "z2"]]


def test_the_order_of_the_pairs_does_not_matter() -> None:
    r = random.Random(3)
    days = {d: [f"e{d}-{k}" for k in range(4)] for d in range(8)}
    ids = [e for d in sorted(days) for e in days[d]]
    pairs = [(a, b) for a in ids for b in ids if a < b and abs(int(a[1]) - int(b[1])) <= 1 and r.random() < 0.3]
    expected = _clusters(days, pairs)
    for _ in range(5):
        r.shuffle(pairs)
        assert _clusters(days, pairs) == expected
    assert any(len(c) > 1 for c in expected)


def test_a_cluster_that_is_already_too_long_is_left_alone() -> None:
    # x0 and y2 pair through y1 (days 0-2); z3 pairs with y2 but would stretch the cluster to 4 days
    days = {0: ["x0"], 1: ["y1"], 2: ["y2"], 3: ["z3"]}
    clusters = _clusters(days, [("x0", "y1"), ("y1", "y2"), ("y2", "z3")])
    assert clusters == [["x0", "y1", "y2"], ["z3"]]
