"""Property-based tests: the query parser, the extractors and front matter never fail on any input,
and every span they return points exactly into the text.

Example counts: ``BROADSHEET_HYPOTHESIS_EXAMPLES`` (default 200 per test here).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from index.entities import extract
from index.frontmatter import split
from index.locations import bundled_corpus
from index.models import Problem
from index.pipeline import build
from index.search import QueryError, Searcher
from index.store import IndexStore
from index.timex import find

EXAMPLES = int(os.environ.get("BROADSHEET_HYPOTHESIS_EXAMPLES", "200"))
VALUE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-W[0-9]{2})?$")
WORDS = ["Mayor", "Ann", "Lee", "said", "on", "Tuesday", "in", "Paris", "the", "March", "2021", "last", "week",
         "U.S.", "Commission", "of", "and", "(AP)", "—", "Jan.", "6", "Ministry", "Defence", "yesterday", ",", ".",
         "\n", "\n\n", "O'Neil", "al-Sudani", "Kata’ib", "UN", "NATO", "'s", "next", "month", "1996"]  # fmt: skip
#: news-like text from a vocabulary of names, dates and punctuation, plus arbitrary Unicode
NEWSY = st.one_of(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join), st.text(max_size=300))
DATES = st.one_of(st.none(), st.sampled_from(["2024-01-31", "2020-10", "2021", "0001-01-01", "9999-12-31"]))


@settings(max_examples=EXAMPLES, deadline=None)
@given(NEWSY)
def test_entity_mentions_point_exactly_into_any_text(text: str) -> None:
    for m in extract(text).mentions:
        assert text[m.start : m.end] == m.text and m.type in ("PERSON", "ORG", "PLACE", "OTHER")


@settings(max_examples=EXAMPLES, deadline=None)
@given(NEWSY, DATES)
@example("next March", "9999-12-31")  # found by this test: a year past 9999
@example("next year, next month", "9999-12")
@example("two years ago", "0001-01-01")
def test_time_expressions_point_exactly_into_any_text_and_have_valid_values(text: str, published: str | None) -> None:
    for t in find(text, published):
        assert text[t.start : t.end] == t.text
        assert t.value is None or VALUE.match(t.value)  # unresolved without an article date


FRONT_KEYS = ["title", "date", "published", "authors", "source", "url", "x", "created"]
FRONT_VALUES = [
    "2024-02-30",
    "9999-99-99",
    "true",
    "[a, b]",
    "&a [*a, *a]",
    "{a: {b: {c: 1}}}",
    "2021-07-20T23:30:00-09:00",
]
FRONT_ITEMS = st.tuples(st.sampled_from(FRONT_KEYS), st.one_of(st.text(max_size=40), st.sampled_from(FRONT_VALUES)))
FRONT = st.one_of(
    st.text(max_size=400),
    st.lists(FRONT_ITEMS, max_size=8).map(
        lambda kv: "---\n" + "\n".join(f"{k}: {v}" for k, v in kv) + "\n---\nBody.\n"
    ),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(FRONT)
def test_front_matter_never_raises_and_keeps_the_body(content: str) -> None:
    fm = split("a.md", content)
    assert content.endswith(fm.body)
    assert all(isinstance(p, Problem) and not p.skipped for p in fm.problems)
    for candidate in fm.dates:
        assert VALUE.match(candidate.value)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    store = IndexStore(build(bundled_corpus(), tmp_path_factory.mktemp("ix")).index_dir)
    generation = store.current()
    assert generation is not None
    return Searcher(generation)


QUERY_PARTS = ['"', "(", ")", "AND", "OR", "NOT", "*", "~", "~99", "title:", "date:", "[", "to", "]", ">", "entity:",
               "sudani", "iraq", "2024-01", ":", "-", "\\", "'", "kata'ib"]  # fmt: skip


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.lists(st.sampled_from(QUERY_PARTS), max_size=8).map(" ".join), st.text(max_size=40)))
def test_any_query_gives_results_or_a_query_error(searcher: Searcher, query: str) -> None:
    try:
        results = searcher.search(query)
    except QueryError as err:
        assert str(err)
        return
    assert results.total >= len(results.hits)
    for hit in results.hits:
        for start, end in hit.snippet.highlights:
            assert 0 <= start < end <= len(hit.snippet.text)


def test_the_property_tests_ran_on_the_demo_corpus() -> None:
    assert Path(bundled_corpus()).is_dir()
