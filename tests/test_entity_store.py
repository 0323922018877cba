"""Entities, links and entity search on the bundled corpus, end to end."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import pytest

from index.corpus import Corpus
from index.locations import bundled_corpus
from index.pipeline import build
from index.search import Searcher
from index.store import IndexStore
from tui.cli import main


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> IndexStore:
    return IndexStore(build(bundled_corpus(), tmp_path_factory.mktemp("ix")).index_dir)


@pytest.fixture(scope="module")
def db(store: IndexStore) -> Iterator[Corpus]:
    with store.corpus() as corpus:
        yield corpus


def test_spelling_variants_are_one_entity(db: Corpus) -> None:
    kh = db.entity("Kateb Hezbollah")
    assert kh is not None and kh.id == "kataib-hezbollah" and kh.type == "ORG"
    assert {"Kataib Hezbollah", "Kateb Hezbollah", "Kata’ib Hezbollah", "Kataeb Hezbollah", "KH"} <= set(kh.alias_names)
    assert kh.article_count == 5 and len(db.entity_articles(kh.id)) == 5
    assert kh.mention_count == len(db.mentions(kh.id)) == sum(n for _, n in kh.aliases)


def test_mentions_point_into_article_text(store: IndexStore, db: Corpus) -> None:
    texts = {a.id: a.text for a in store.articles()}
    checked = 0
    for _, mentions in db.all_entities():
        for m in mentions:
            assert texts[m.article][m.start : m.end] == m.text
            checked += 1
    assert checked > 100
    for aid in texts:  # the by-article index gives the same mentions, in text order
        spans = db.mentions_in(aid)
        assert spans == sorted(spans) and all(texts[aid][s:e] for s, e, _ in spans)


def test_links_have_weights_and_evidence_sentences(store: IndexStore, db: Corpus) -> None:
    texts = {a.id: a.text for a in store.articles()}
    linked = db.linked("kataib-hezbollah")
    assert linked and linked[0][1].weight >= linked[-1][1].weight
    names = {other.id for other, _ in linked}
    assert {"iran", "iraq", "mohammed-shia-al-sudani"} <= names
    for other, link in linked:
        assert link.other("kataib-hezbollah") == other.id
        for aid, start, end in link.evidence:
            sentence = texts[aid][start:end]
            assert sentence and "\n" not in sentence
    assert [o.id for o, _ in db.linked("kataib-hezbollah", 2)] == [o.id for o, _ in linked[:2]]


def test_completion(db: Corpus) -> None:
    hits = db.complete("kat")
    assert hits[0].id == "kataib-hezbollah"
    assert db.complete("zzzz") == []
    assert next(e.id for e in db.find_entities("hezbollah")) == "kataib-hezbollah"


def test_search_by_entity_under_any_alias(store: IndexStore) -> None:
    gen = store.current()
    assert gen is not None
    with Searcher(gen) as s:
        by_id = {h.id for h in s.search("entity:kataib-hezbollah", limit=10).hits}
        by_alias = {h.id for h in s.search('entity:"Kateb Hezbollah"', limit=10).hits}
        assert by_id == by_alias and len(by_id) == 5
        assert {h.id[:3] for h in s.search("entity:mustafa-kadhimi").hits} == {"004"}


def test_entities_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", "show", "KH", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == "kataib-hezbollah" and shown["linked"]
    assert main(["entities", "list", "--type", "PLACE", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all("PLACE" in line for line in lines)
    assert main(["entities", "show", "Atlantis"]) == 1


def test_a_sentence_naming_an_entity_twice_is_one_passage(store: IndexStore, db: Corpus) -> None:
    kh = db.entity("Kateb Hezbollah")
    assert kh is not None
    mentions = db.mentions(kh.id)
    gen = store.current()
    assert gen is not None and gen.database is not None
    with sqlite3.connect(gen.database) as conn:
        sentences = set(conn.execute("SELECT article, sentence FROM mentions WHERE entity = ?", (kh.id,)))
    passages = db.sentence_mentions(kh.id)
    assert len(passages) == len(sentences) < len(mentions)  # some sentence names it twice
    assert [(p.article, p.start) for p in passages] == sorted((p.article, p.start) for p in passages)


def test_pages_of_passages_are_those_of_a_group_by(store: IndexStore, db: Corpus) -> None:
    """Passages are grouped while read (a page costs what it holds); each page equals SQLite's
    GROUP BY of the entity's mentions by sentence."""
    gen = store.current()
    assert gen is not None and gen.database is not None
    top = db.entities(limit=1)[0]
    with sqlite3.connect(gen.database) as conn:
        expected = conn.execute(
            "SELECT article, min(start), end, text FROM mentions WHERE entity = ? "
            "GROUP BY article, sentence ORDER BY article, min(start)", (top.id,)
        ).fetchall()  # fmt: skip
    assert len(expected) > 4

    def page(limit: int | None, offset: int) -> list[tuple[str, int, int, str]]:
        return [(p.article, p.start, p.end, p.text) for p in db.sentence_mentions(top.id, limit, offset)]

    assert page(None, 0) == expected
    assert page(3, 0) + page(3, 3) == expected[:6]
    assert page(2, len(expected) - 1) == expected[-1:]


def test_an_entitys_timeline_pages_are_those_of_the_general_query(db: Corpus) -> None:
    """One entity's events are paged off the key of event_entities; they are the events the query
    over any entities gives, in the same order, for a page, a day range, and the whole timeline."""
    for top in db.entities(limit=3):
        whole = db.events(entities=[top.id])
        assert whole and db.events(top.id) == whole
        assert db.events(top.id, limit=2) == whole[:2]
        days = sorted({e.date for e in whole if e.precision == "day"})
        first, last = days[0], days[len(days) // 2]
        assert db.events(top.id, first_day=first, last_day=last) == db.events(
            entities=[top.id], first_day=first, last_day=last
        )
