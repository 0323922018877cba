"""The query language and snippets, on the bundled demo corpus."""

from __future__ import annotations

import pytest

from index.locations import bundled_corpus
from index.pipeline import build
from index.search import QueryError, Searcher, to_snippet
from index.store import IndexStore


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory):
    report = build(bundled_corpus(), tmp_path_factory.mktemp("ix"))
    gen = IndexStore(report.index_dir).current()
    assert gen is not None
    with Searcher(gen) as s:
        yield s


def ids(searcher: Searcher, query: str, **kw) -> list[str]:
    return [h.id[:3] for h in searcher.search(query, limit=10, **kw).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kata'ib", {"000", "001", "002", "003", "004"}),  # folds to kataib, as Kata’ib does
        ("Kata’ib", {"000", "001", "002", "003", "004"}),
        ("Soleimani's", {"000", "002", "004"}),
        ("Kateb", {"001"}),
        ("Kataib OR Kateb", {"000", "001", "002", "003", "004"}),
        ("Muhandis", {"002"}),
        ("Kadhimy~", {"004"}),  # fuzzy
        ("Rikab*", {"003"}),  # prefix
        ('"Axis of Resistance"', {"001", "003"}),  # phrase
        ("Kataib NOT Sudani", {"002", "004"}),
        ("source:esta", {"002"}),
        ("title:militias", {"002"}),
        ("date:2024-01", {"000", "001", "003"}),
        ("date:[2020-10 to 2020-12]", {"002", "004"}),
        ("date:>2021", {"000", "001", "003"}),
        ("U.S. Embassy", {"002", "004"}),
    ],
)
def test_query_language(searcher: Searcher, query: str, expected: set[str]) -> None:
    assert set(ids(searcher, query)) == expected


def test_ranking_puts_the_densest_article_first(searcher: Searcher) -> None:
    hits = searcher.search("Sudani", limit=5).hits
    assert hits[0].score >= hits[-1].score
    assert hits[0].id.startswith(("000", "003"))


def test_sort_by_date_newest_first(searcher: Searcher) -> None:
    dates = [h.published for h in searcher.search("Iraq", limit=5, sort="date").hits]
    assert dates == sorted(dates, reverse=True)


def test_snippets_highlight_the_matched_words(searcher: Searcher) -> None:
    hit = searcher.search("Muhandis").hits[0]
    assert hit.snippet.highlights
    for s, e in hit.snippet.highlights:
        assert hit.snippet.text[s:e].lower() == "muhandis"
    assert "\n" not in hit.snippet.text


def test_empty_and_unparseable_queries(searcher: Searcher) -> None:
    assert searcher.search("   ").total == 0
    with pytest.raises(QueryError):
        searcher.search("date:banana")


def test_to_snippet() -> None:
    snippet = to_snippet("a \x02b\x03 c\n\nd \x02e\x03")
    assert snippet.text == "a b c d e"
    assert [snippet.text[s:e] for s, e in snippet.highlights] == ["b", "e"]


def test_hits_are_marked_the_way_the_search_matched_them() -> None:
    from tui.render import hit_spans

    text = "Dock workers were striking again; the strike was strict. Negotiations resumed."
    marked = [text[s:e] for s, e in hit_spans(text, "strikes negot*")]
    assert marked == ["striking", "strike", "Negotiations"]  # by stem and by prefix, never "strict"
