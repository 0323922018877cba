"""Incremental derivation gives exactly the store a full build gives, after random edits.

The corpus is written here: a few days of reports on invented events, so that entities resolve
through every rule (surnames, acronyms, declared aliases, spelling variants), reports cluster
across sources, and clusters straddle the edited days.
"""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from index import derive
from index import events as ev
from index.pipeline import build
from index.settings import Settings
from index.store import IndexStore

FIRST = ["Marta", "Ilse", "Tomas", "Noor", "Kofi", "Lena", "Ravi", "Sade"]
LAST = ["Okafor", "Brandt", "Haddad", "Lindqvist", "Mensah", "Duarte"]
ORGS = [
    ("Valmera Dock Workers Union", "VDWU"),
    ("Coastal Rail Authority", "CRA"),
    ("Northern Grain Cooperative", "NGC"),
    ("Harbour Safety Board", "HSB"),
]
PLACES = ["Valmera", "Riverton", "Eastbridge", "Port Sella"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
EVENTS = [
    "the strike at the container terminal would end",
    "the rail line to the grain silos would reopen",
    "the inquiry into the crane collapse had begun",
    "the harbour would close for repairs",
    "wages at the terminal would rise by four percent",
]


def sentence(r: random.Random) -> str:
    first, last = r.choice(FIRST), r.choice(LAST)
    org, acronym = r.choice(ORGS)
    place, day, what = r.choice(PLACES), r.choice(DAYS), r.choice(EVENTS)
    kind = r.randrange(7)
    if kind == 0:
        return f"{first} {last}, who leads the {org} ({acronym}), said on {day} that {what}."
    if kind == 1:
        return f"{last} told reporters in {place} on {day} that {what}."
    if kind == 2:
        return f"The {acronym} announced on {day} that {what}, according to {first} {last}."
    if kind == 3:
        return f"On March {r.randrange(1, 9)}, 2023, officials in {place} said {what}."
    if kind == 4:
        return f"{first} {last[0]}. {last} of {place} said {what}."
    if kind == 5:
        return f"Kateb Hezbollah and the Kataib Hezbollah militia were not mentioned in {place}."
    return f"Residents of {place} waited for news from the {org}."


def article(r: random.Random, n: int) -> str:
    day = r.randrange(1, 9)
    body = " ".join(sentence(r) for _ in range(r.randrange(4, 9)))
    title = f"Report {n} from {r.choice(PLACES)}"
    return f'---\ntitle: "{title}"\npublished: 2023-03-{day:02d}\nsource: "Source {n % 4}"\n---\n\n{body}\n'


def write_corpus(folder: Path, r: random.Random, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"a{n:03d}.md").write_text(article(r, n), encoding="utf-8")


def edit(folder: Path, r: random.Random, step: int) -> None:
    """A random mix of changes: new articles, removed ones, rewritten ones, appended sentences, and
    edits that keep an article's names but move them (a sentence put first, two sentences swapped,
    a word changed)."""
    files = sorted(folder.glob("*.md"))
    for path in r.sample(files, 2):
        path.unlink()
    for path in r.sample([f for f in files if f.exists()], 3):
        path.write_text(article(r, step * 100 + r.randrange(100)), encoding="utf-8")
    for path in r.sample([f for f in files if f.exists()], 2):
        path.write_text(path.read_text(encoding="utf-8") + sentence(r) + " " + sentence(r) + "\n", encoding="utf-8")
    for path in r.sample([f for f in files if f.exists()], 3):
        head, _, body = path.read_text(encoding="utf-8").partition("---\n\n")
        path.write_text(head + "---\n\n" + moved(r, body.strip()) + "\n", encoding="utf-8")
    for k in range(2):
        (folder / f"new{step}-{k}.md").write_text(article(r, step * 1000 + k), encoding="utf-8")


def moved(r: random.Random, body: str) -> str:
    """The body with its names kept but moved: a sentence with no name put first, two sentences
    swapped, or a word changed."""
    sentences = re.split(r"(?<=\.) ", body)
    kind = r.randrange(3)
    if kind == 0:
        return "Officials gave no figures. " + body
    if kind == 1 and len(sentences) > 1:
        i, j = r.sample(range(len(sentences)), 2)
        sentences[i], sentences[j] = sentences[j], sentences[i]
        return " ".join(sentences)
    return body.replace(" said ", " stated ", 1)


def dump(index_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the live generation's corpus database, sorted."""
    gen = IndexStore(index_dir).current()
    assert gen is not None
    assert gen.database is not None
    conn = sqlite3.connect(gen.database)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        tables = {n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}
        tables["info"] = [row for row in tables["info"] if row[0] != "generation"]  # the build's own name
        return tables
    finally:
        conn.close()


ONE_PROCESS = Settings(workers=1)


@pytest.mark.parametrize(
    ("full_share", "seed", "partners", "array_pairs"),
    [
        (2.0, 20261201, ev.MAX_PARTNERS, ev.ARRAY_PAIRS),  # 2.0: never resolve everything
        (2.0, 7, 2, ev.ARRAY_PAIRS),  # two partners: a new report often displaces another's partner
        (2.0, 11, 3, 0),  # every bucket scored as arrays
        (0.0, 20261201, ev.MAX_PARTNERS, ev.ARRAY_PAIRS),  # 0.0: always resolve everything (in place)
    ],
)
def test_incremental_builds_equal_full_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_share: float, seed: int, partners: int, array_pairs: int
) -> None:
    monkeypatch.setattr(derive, "FULL_SHARE", full_share)
    monkeypatch.setattr(ev, "MAX_PARTNERS", partners)
    monkeypatch.setattr(ev, "ARRAY_PAIRS", array_pairs)
    r = random.Random(seed)
    corpus = tmp_path / "corpus"
    write_corpus(corpus, r, 30)
    incremental = tmp_path / "incremental"
    build(corpus, incremental, settings=ONE_PROCESS)
    for step in range(1, 4):
        edit(corpus, r, step)
        report = build(corpus, incremental, settings=ONE_PROCESS)
        assert report.derivation is not None and report.derivation.full == (full_share == 0.0)
        full = tmp_path / f"full-{step}"
        assert build(corpus, full, settings=ONE_PROCESS).derivation.full  # type: ignore[union-attr]
        a, b = dump(incremental), dump(full)
        assert a.keys() == b.keys()
        assert [t for t in a if a[t] != b[t]] == [], f"step {step}: these tables differ"
        shutil.rmtree(full)
    clusters = dump(incremental)["clusters"]
    assert clusters, "the corpus should have reports that cluster across sources"


def test_an_unchanged_corpus_derives_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, random.Random(5), 12)
    build(corpus, tmp_path / "ix", settings=ONE_PROCESS)
    assert build(corpus, tmp_path / "ix", settings=ONE_PROCESS).derivation is None


def test_one_changed_file_re_resolves_only_its_units(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, random.Random(9), 30)
    lone = "---\ntitle: Lone\ndate: 2023-05-10\n---\n\nZebulon Quist visited Quarrytown on {}.\n"
    (corpus / "lone.md").write_text(lone.format("Monday"))
    build(corpus, tmp_path / "ix", settings=ONE_PROCESS)
    (corpus / "lone.md").write_text(lone.format("Tuesday"))
    outcome = build(corpus, tmp_path / "ix", settings=ONE_PROCESS).derivation
    assert outcome is not None and not outcome.full
    assert outcome.keys == 0  # the same names: nothing to resolve again
    assert outcome.relinked_articles == 1 and outcome.reclustered_events == 1  # its one report, matching no other
    (corpus / "lone.md").write_text(lone.format("Tuesday") + "Ilse Brandt joined him.\n")
    outcome = build(corpus, tmp_path / "ix", settings=ONE_PROCESS).derivation
    assert outcome is not None and not outcome.full
    every_key = {row[2] for row in dump(tmp_path / "ix")["mentions"]}
    assert 0 < outcome.keys < len(every_key) / 4  # Ilse Brandt's unit (the Brandts, the Ilses), not the corpus
    assert_same_as_full(corpus, tmp_path / "ix", tmp_path / "full")


def test_an_edit_that_moves_names_keeps_entities_as_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence put first shifts every offset: the entity whose first mention moved is resolved
    again (ids are ordered by first mention); the others keep their entities untouched."""
    monkeypatch.setattr(derive, "FULL_SHARE", 2.0)
    corpus = tmp_path / "corpus"
    write_corpus(corpus, random.Random(11), 20)
    build(corpus, tmp_path / "ix", settings=ONE_PROCESS)
    target = sorted(corpus.glob("*.md"))[0]
    head, _, body = target.read_text(encoding="utf-8").partition("---\n\n")
    target.write_text(head + "---\n\nOfficials gave no figures. " + body, encoding="utf-8")
    outcome = build(corpus, tmp_path / "ix", settings=ONE_PROCESS).derivation
    assert outcome is not None and not outcome.full
    assert_same_as_full(corpus, tmp_path / "ix", tmp_path / "full")


def note(title: str, body: str) -> str:
    return f"---\ntitle: {title}\npublished: 2023-04-02\n---\n\n{body}\n"


@pytest.mark.parametrize("remove", ["sentence", "article"])
def test_a_surname_is_resolved_again_when_a_full_name_beside_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, remove: str
) -> None:
    """ "Brandt" stands apart while two Brandts are named; once one of them is gone (its sentence
    deleted, or its article), it is Ilse Brandt's: the keys the gone name was resolved with are
    resolved again, though their own mentions did not change."""
    monkeypatch.setattr(derive, "FULL_SHARE", 2.0)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    marta = "Marta Brandt opened the new harbour office on Monday."
    rest = "Ilse Brandt spoke at the opening. Brandt said the office would hire forty people."
    if remove == "sentence":
        (corpus / "a.md").write_text(note("Opening", f"{rest} {marta}"), encoding="utf-8")  # last: no offset moves
    else:  # no article names "Brandt" with a full name: it is the corpus's only Brandt's, once there is one
        (corpus / "a.md").write_text(
            note("Opening", "Brandt said the office would hire forty people."), encoding="utf-8"
        )
        (corpus / "m.md").write_text(note("Office", marta), encoding="utf-8")
    (corpus / "b.md").write_text(note("Hiring", "Ilse Brandt listed the forty posts on Tuesday."), encoding="utf-8")
    ix = tmp_path / "ix"
    build(corpus, ix, settings=ONE_PROCESS)
    if remove == "sentence":
        (corpus / "a.md").write_text(note("Opening", rest), encoding="utf-8")
    else:
        (corpus / "m.md").unlink()
    outcome = build(corpus, ix, settings=ONE_PROCESS).derivation
    assert outcome is not None and not outcome.full
    assert_same_as_full(corpus, ix, tmp_path / "full")


def chain_article(day: int, extra: str = "") -> str:
    return (f"---\ntitle: Dock strike, day {day}\npublished: 2023-03-{day + 1:02d}\nsource: Outlet {day}\n---\n\n"
            f"On March {day}, 2023, the Quarrytown dock strike ended after Zebulon Quist signed the wage "
            f"agreement with the harbour board. {extra}\n")  # fmt: skip


def assert_same_as_full(corpus: Path, incremental: Path, full: Path) -> None:
    build(corpus, full, settings=ONE_PROCESS)
    a, b = dump(incremental), dump(full)
    for table in a:
        assert a[table] == b[table], f"table {table} differs"
    shutil.rmtree(full)


def test_removing_the_report_that_joins_a_cluster_splits_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """March 1 and March 3 are too far apart to pair; the March 2 report joins them. Removing it
    leaves two pieces; rewriting the first report (its events keep their ids) relabels them."""
    monkeypatch.setattr(derive, "FULL_SHARE", 2.0)  # a corpus this small would be derived in full
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for day in (1, 2, 3):
        (corpus / f"day{day}.md").write_text(chain_article(day), encoding="utf-8")
    (corpus / "other.md").write_text("---\ntitle: Other\npublished: 2023-03-02\n---\n\nNothing happened.\n")
    ix = tmp_path / "ix"
    build(corpus, ix, settings=ONE_PROCESS)
    assert len(dump(ix)["clusters"]) == 1  # one happening, three reports
    (corpus / "day2.md").unlink()
    outcome = build(corpus, ix, settings=ONE_PROCESS).derivation
    assert outcome is not None and not outcome.full
    assert dump(ix)["clusters"] == []  # two single reports: no cluster
    assert_same_as_full(corpus, ix, tmp_path / "full")
    (corpus / "day2.md").write_text(chain_article(2), encoding="utf-8")
    build(corpus, ix, settings=ONE_PROCESS)
    assert len(dump(ix)["clusters"]) == 1
    (corpus / "day1.md").write_text(chain_article(1, "Residents waited."), encoding="utf-8")
    build(corpus, ix, settings=ONE_PROCESS)
    assert len(dump(ix)["clusters"]) == 1
    assert_same_as_full(corpus, ix, tmp_path / "full")


def test_an_id_freed_in_a_family_goes_to_the_entity_that_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lone "Duarte" beside two Duartes stands apart as "duarte", so the town Duarte is
    "duarte-2"; once Ilse Duarte is gone, the lone name is Marta Duarte's and the town is left
    alone in the family: it must be "duarte", as a full build names it, though its own article
    did not change."""
    monkeypatch.setattr(derive, "FULL_SHARE", 2.0)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    speakers = "Marta Duarte and Ilse Duarte spoke at the terminal. Duarte said wages would rise."
    (corpus / "a.md").write_text(note("Strike", speakers), encoding="utf-8")
    town = "Duarte told reporters in Riverton on Thursday that the harbour would close for repairs."
    (corpus / "b.md").write_text(note("Town", town), encoding="utf-8")
    ix = tmp_path / "ix"
    build(corpus, ix, settings=ONE_PROCESS)
    types = {row[0]: row[2] for row in dump(ix)["entities"]}
    assert types["duarte"] == "PERSON" and types["duarte-2"] == "PLACE"  # the premise
    (corpus / "a.md").write_text(note("Strike", speakers.replace(" and Ilse Duarte", "")), encoding="utf-8")
    outcome = build(corpus, ix, settings=ONE_PROCESS).derivation
    assert outcome is not None and not outcome.full
    assert {row[0]: row[2] for row in dump(ix)["entities"]}["duarte"] == "PLACE"
    assert_same_as_full(corpus, ix, tmp_path / "full")
