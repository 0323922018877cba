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


# ---- phrases through the word-pair field: the same hits, order, scores and snippets ----------

#: hand-written articles around the edges of a phrase: a gap left by a word that folds to
#: nothing (U+02BB), reversed and separated words, repeated words, a three-word phrase whose
#: two pairs occur only apart, and a title-only phrase
EDGE_ARTICLES = {
    "gap.md": "The drone \u02bb attack was reported. The central tower bank stood.",
    "reversed.md": "An attack drone was seen. Bank central records were read.",
    "separated.md": "A drone was seen before the attack. The trade was no deal.",
    "repeated.md": "They said the the drone drone attack attack began in the coming coming weeks.",
    "apart.md": "The coming weeks were long. In the coming days, weeks passed; the coming weeks ended.",
    "pairs-apart.md": "In the coming days nothing; coming weeks later the harbour authority met.",
    "four.md": "Talks resume in the coming weeks, and in the coming weeks again, officials said.",
    "title.md": "---\ntitle: Drone attack on the harbour\n---\nNothing else of note was said here today.",
}

PHRASES = [
    '"drone attack"',
    '"Central Bank"',
    '"trade deal"',
    '"coming weeks"',
    '"in the coming weeks"',
    '"the coming weeks"',
    '"Harbour Authority"',
    '"the the"',
    '"drone drone attack"',
    '"attack drone"',
    '"drone attack" OR "trade deal"',
    '"coming weeks" AND government',
    'strike "Central Bank"',
    '"drone attack" NOT Basra',
    'body:"coming weeks"',
    '"drone attack"~2',
    '"nowhere phrase"',
]


@pytest.fixture(scope="module")
def phrase_searcher(tmp_path_factory: pytest.TempPathFactory):
    from benchmarks.generate import generate

    corpus = tmp_path_factory.mktemp("phrases")
    generate(corpus / "gen", 60, seed=3)
    for name, text in EDGE_ARTICLES.items():
        (corpus / name).write_text(text + "\n", encoding="utf-8")
    report = build(corpus, tmp_path_factory.mktemp("ix"))
    gen = IndexStore(report.index_dir).current()
    assert gen is not None
    with Searcher(gen) as s:
        yield s


def outcome(searcher: Searcher, query: str, **kw) -> tuple:
    r = searcher.search(query, **kw)
    return r.total, [(h.id, h.score, h.snippet) for h in r.hits]


@pytest.mark.parametrize("query", PHRASES)
@pytest.mark.parametrize(("limit", "sort"), [(3, "relevance"), (20, "relevance"), (500, "relevance"), (5, "date")])
def test_paired_phrases_match_as_whoosh_phrases(
    phrase_searcher: Searcher, monkeypatch: pytest.MonkeyPatch, query: str, limit: int, sort: str
) -> None:
    import index.search as search

    paired = outcome(phrase_searcher, query, limit=limit, sort=sort)
    monkeypatch.setattr(search, "paired_phrases", lambda q, schema: q)  # Whoosh's own Phrase
    assert outcome(phrase_searcher, query, limit=limit, sort=sort) == paired


def test_phrases_are_paired_and_find_something(phrase_searcher: Searcher) -> None:
    from index.search import PairedPhrase

    q, _ = phrase_searcher._bounded_query('"in the coming weeks" OR "drone attack"')

    def walk(node):
        yield node
        for child in node.children():
            yield from walk(child)

    paired = [n for n in walk(q) if isinstance(n, PairedPhrase)]
    assert sorted(len(n.words) for n in paired) == [2, 4]  # body phrases only: title/source stay
    assert phrase_searcher.search('"drone attack"').total > 0
    assert phrase_searcher.search('"in the coming weeks"').total > 0


def test_pairs_skip_words_the_fold_drops() -> None:
    from index.store import PairAnalyzer

    pairs = [t.text for t in PairAnalyzer()("Drone \u02bb attacks resumed")]
    assert pairs == ["attack resum"]  # no "drone attack" across the dropped word


def test_an_index_without_pairs_keeps_whoosh_phrases() -> None:
    from whoosh import fields
    from whoosh import query as wq

    from index.search import PairedPhrase, paired_phrases
    from index.store import PAIRS_FIELD, schema

    old = fields.Schema(**{name: schema()[name] for name in schema().names() if name != PAIRS_FIELD})
    q = wq.Or([wq.Phrase("body", ["drone", "attack"]), wq.Phrase("title", ["drone", "attack"])])
    assert paired_phrases(q, old) is q
    assert [type(n) for n in paired_phrases(q, schema()).children()] == [PairedPhrase, wq.Phrase]


def test_pairs_follow_an_incremental_build(tmp_path) -> None:
    corpus, ix = tmp_path / "c", tmp_path / "ix"
    corpus.mkdir()
    (corpus / "a.md").write_text("The drone attack began at dawn.\n", encoding="utf-8")
    (corpus / "b.md").write_text("Nothing happened at the harbour today.\n", encoding="utf-8")
    build(corpus, ix)
    (corpus / "a.md").write_text("The attack began at dawn, without a drone.\n", encoding="utf-8")
    (corpus / "b.md").write_text("A drone attack hit the harbour today.\n", encoding="utf-8")
    (corpus / "c.md").write_text("Another drone attack was reported later.\n", encoding="utf-8")
    report = build(corpus, ix)
    assert not report.rebuilt
    gen = IndexStore(ix).current()
    assert gen is not None
    with Searcher(gen) as s:
        hits = {h.path for h in s.search('"drone attack"').hits}
    assert hits == {"b.md", "c.md"}


# ---- counts and snippets: the same as Whoosh's plain top-N search --------------------------

KINDS = [
    "government",
    "strike AND Basra",
    "floods OR harvest",
    "sanct*",
    "elect*",
    "Petrof~",
    "Kowalsky~2",
    "title:floods",
    "date:2021",
    "talks date:2020",
    "date:[2020-01 to 2020-06]",
    "strike date:[2021-03 to 2021-09]",
    "date:>2021",
    "entity:Basra",
    'entity:"Central Bank"',
    "strike NOT Basra",
    "(strike OR floods) AND NOT harvest",
    "drone attack",
    '"drone attack" strike',
    "nowheremadeupword",
]


def reference(s: Searcher, query: str, limit: int, sort: str, filters=None) -> tuple:
    """The search as Whoosh's own collector does it: terms recorded, snippets highlighted from the
    matched terms (the search code before the count and the snippet terms were computed here)."""
    from whoosh import highlight

    import index.search as search
    from index.wording import cut_at_word

    q, _ = s._bounded_query(query)
    narrowed = search.filter_query(s._ix.schema, filters, s._spellings) if filters else None
    kwargs = {"limit": limit, "terms": True, "filter": narrowed}
    if sort == "date":
        kwargs["sortedby"] = search.newest_first()
    results = s._searcher.search(q, **kwargs)
    results.fragmenter = highlight.ContextFragmenter(maxchars=160, surround=50)
    results.formatter = search._MarkFormatter()
    near = search.term_pattern(results.query_terms(expand=True, fieldname="body"))
    hits = []
    for hit in results:
        body = hit["body"]
        marked = (hit.highlights("body", text=search.snippet_source(body, near), top=2) if near else "") or (
            cut_at_word(body, search.LEAD_CHARS)
        )
        hits.append((hit["id"], search.relevance(hit.score), search.to_snippet(marked)))
    # the count is of the documents Whoosh's matchers find, not len(results): a filtered top-N
    # search counts the unfiltered matches there (its FilterCollector asks the top-N collector,
    # which re-runs the bare query), and one whose matcher was pruned counts only what it scored
    docs = set(s._searcher.docs_for_query(q))
    if narrowed is not None:
        docs &= set(s._searcher.docs_for_query(narrowed))
    return len(docs), hits


@pytest.mark.parametrize("query", KINDS + PHRASES)
@pytest.mark.parametrize(("limit", "sort"), [(3, "relevance"), (20, "relevance"), (500, "relevance"), (5, "date")])
def test_search_matches_whoosh_top_n(phrase_searcher: Searcher, query: str, limit: int, sort: str) -> None:
    assert outcome(phrase_searcher, query, limit=limit, sort=sort) == reference(phrase_searcher, query, limit, sort)


@pytest.mark.parametrize("query", ["government", "strike OR floods", '"coming weeks"', "sanct*"])
def test_filtered_counts_match_whoosh(phrase_searcher: Searcher, query: str) -> None:
    from index.filters import Filters

    for filters in [Filters(since="2020", until="2021"), Filters(entity="Basra"), Filters(since="2099")]:
        ours = outcome(phrase_searcher, query, limit=5, sort="relevance", filters=filters)
        assert ours == reference(phrase_searcher, query, 5, "relevance", filters)


def test_counts_skip_deleted_documents(tmp_path) -> None:
    """An incremental build leaves replaced documents deleted in older segments: never counted."""
    from benchmarks.generate import generate

    corpus, ix = tmp_path / "c", tmp_path / "ix"
    generate(corpus, 30, seed=5)
    build(corpus, ix)
    changed = sorted(corpus.rglob("*.md"))[:4]
    for path in changed:
        path.write_text(path.read_text(encoding="utf-8") + "\nThe strike in Basra went on.\n", encoding="utf-8")
    build(corpus, ix)
    gen = IndexStore(ix).current()
    assert gen is not None
    with Searcher(gen) as s:
        assert s._searcher.reader().has_deletions()
        for query in ["strike", "strike AND Basra", "Basra OR government", "gov*", '"strike in"']:
            assert outcome(s, query, limit=3) == reference(s, query, 3, "relevance")


@pytest.mark.parametrize(
    "query", ["talks date:2020", "strike date:[2021-03 to 2021-09]", "government date:>2021", "date:2021", "strike"]
)
@pytest.mark.parametrize("limit", [1, 3, 10])
def test_date_queries_give_the_top_n_of_all_matches(
    phrase_searcher: Searcher, monkeypatch: pytest.MonkeyPatch, query: str, limit: int
) -> None:
    """A date range is matched from its documents' set, every match scored: the top N of all
    matches, in score order (ties by document order), as an unlimited Whoosh search of Whoosh's
    own range query ranks them."""
    import index.search as search

    with monkeypatch.context() as m:
        m.setattr(search, "posted_ranges", lambda q: q)
        q, _ = phrase_searcher._bounded_query(query)
    assert not search.has_posted_range(q)
    ranked = sorted(phrase_searcher._searcher.search(q, limit=None), key=lambda h: (-h.score, h.docnum))
    expected = [(h["id"], h.score) for h in ranked[:limit]]
    assert [(h.id, h.score) for h in phrase_searcher.search(query, limit=limit).hits] == expected
