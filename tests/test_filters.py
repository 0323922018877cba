"""Result filters (source, dates, entity) as Whoosh filter queries; newest-first order with undated
articles last; the plural and word-boundary helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.filters import FilterError, Filters, checked, period_bounds
from index.locations import bundled_corpus
from index.pipeline import build
from index.search import Searcher
from index.store import IndexStore
from index.wording import count, cut_at_word, plural_of
from tui.library import Library

UNDATED = (
    "---\ntitle: Undated harbour notes\nsource: Harbour Gazette\n---\nNotes on the harbour and Iraq, with no date.\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus plus one article without a date."""
    folder = tmp_path_factory.mktemp("corpus") / "news"
    shutil.copytree(bundled_corpus(), folder)
    (folder / "undated.md").write_text(UNDATED)
    return folder


@pytest.fixture(scope="module")
def library(corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    report = build(corpus, tmp_path_factory.mktemp("ix"))
    lib = Library(report.corpus, IndexStore(report.index_dir), report)
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def searcher(library: Library):
    gen = library.store.current()
    assert gen is not None
    with Searcher(gen) as s:
        yield s


def test_empty_query_lists_newest_first_and_undated_last(library: Library) -> None:
    hits = library.search("").hits
    dates = [h.published for h in hits]
    assert len(hits) == 6 and dates[-1] is None
    assert dates[:-1] == sorted(dates[:-1], reverse=True)  # type: ignore[type-var]


def test_date_sort_puts_undated_last(searcher: Searcher) -> None:
    hits = searcher.search("Iraq", limit=10, sort="date").hits
    assert any(h.published is None for h in hits)
    assert hits[-1].published is None
    dated = [h.published for h in hits if h.published]
    assert dated == sorted(dated, reverse=True)


def test_source_filter_narrows_a_query_and_the_empty_list(library: Library) -> None:
    everything = library.search("Kataib")
    esta = library.search("Kataib", filters=Filters(source="ESTA"))
    assert 0 < esta.total < everything.total
    assert {h.source for h in esta.hits} == {"ESTA"}
    listed = library.search("", filters=Filters(source="The Cradle"))
    assert [h.source for h in listed.hits] == ["The Cradle"] and listed.total == 1


def test_date_filter_keeps_the_period_and_drops_undated(library: Library) -> None:
    found = library.search("", filters=Filters(since="2024-01", until="2024-01"))
    assert found.total == 3 and all(h.published and h.published.startswith("2024-01") for h in found.hits)
    later = library.search("", filters=Filters(since="2021"))
    assert {h.published for h in later.hits} == {h.published for h in found.hits}


def test_entity_filter_and_filters_combine(library: Library) -> None:
    sudani = library.search("", filters=Filters(entity="mohammed-shia-al-sudani"))
    articles = set(library.entity_articles("mohammed-shia-al-sudani"))
    assert sudani.total == len(articles) and {h.id for h in sudani.hits} == articles
    both = library.search("", filters=Filters(entity="mohammed-shia-al-sudani", since="2024-01-30"))
    assert 0 < both.total < sudani.total
    assert library.search("", filters=Filters(entity="no such entity anywhere")).total == 0


def test_sources_suggest_from_the_store(library: Library) -> None:
    assert library.sources("the") == ["The Cradle", "The New York Times"]
    assert library.sources("%") == []  # a LIKE wildcard is a literal


def test_checked_filters() -> None:
    assert checked(Filters(source="  ", since=" 2024 ")) == Filters(since="2024")
    with pytest.raises(FilterError):
        checked(Filters(since="January"))
    with pytest.raises(FilterError):
        checked(Filters(since="2024-02", until="2024-01"))
    assert period_bounds("2024-02") is not None and period_bounds("2024-02")[1].day == 29  # type: ignore[index]
    assert period_bounds("2023-02-30") is None
    assert Filters(source="x", entity="y").items() == [("source", "x"), ("entity", "y")]
    assert not Filters() and Filters(until="2020")


@pytest.mark.parametrize(
    ("n", "word", "expected"),
    [(1, "match", "1 match"), (2, "match", "2 matches"), (0, "article", "0 articles"), (1, "article", "1 article"),
     (1204, "article", "1,204 articles"), (3, "entry", "3 entries"), (2, "day", "2 days")],
)  # fmt: skip
def test_count_uses_the_right_plural(n: int, word: str, expected: str) -> None:
    assert count(n, word) == expected


def test_plural_of() -> None:
    assert [plural_of(w) for w in ("mention", "source", "box", "city", "key")] == [
        "mentions", "sources", "boxes", "cities", "keys",
    ]  # fmt: skip


def test_cut_at_word_boundary() -> None:
    text = "The quick brown fox jumps over the lazy dog"
    assert cut_at_word(text, 100) == text
    assert cut_at_word(text, 16) == "The quick brown…"  # "The quick brown f" would cut "fox"
    assert cut_at_word(text, 15) == "The quick…"
    assert len(cut_at_word(text, 15)) <= 15
    assert cut_at_word("Supercalifragilistic", 8) == "Superca…"  # one long word is cut inside
    assert cut_at_word("one, two three", 8) == "one…"  # no dangling comma
    for limit in range(1, len(text) + 1):
        cut = cut_at_word(text, limit)
        assert len(cut) <= limit
        assert cut == text or text.startswith(cut.removesuffix("…"))
