"""Key dates on a hand-made corpus: a dam collapse four sources date to one day, a budget two
sources date to another, and days only one article dates; the ranking, the central sentences,
the scopes and the CLI formats."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from index import keydates
from index.corpus import Corpus
from index.models import Event
from index.pipeline import build
from index.store import IndexStore
from tui.app import BroadsheetApp
from tui.cli import main
from tui.navigation import Location
from tui.screens.entity import EntityScreen
from tui.screens.keydates import KeyDatesScreen
from tui.screens.reader import ReaderScreen

from .tui_helpers import settle

FIXTURE = Path(__file__).parent / "fixtures" / "keydates"
COLLAPSE, BUDGET, WALLS, FESTIVAL = "2024-03-14", "2024-03-20", "2024-04-02", "2024-02-09"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    dest = tmp_path / "keydates"
    shutil.copytree(FIXTURE, dest)
    return dest


def db_of(corpus: Path) -> Corpus:
    return IndexStore(build(corpus).index_dir).corpus()


def source_of(db: Corpus, e: Event) -> str | None:
    meta = db.article_meta(e.article)
    return meta.source if meta else None


def test_the_day_four_sources_report_ranks_first_with_sentences_of_that_day(corpus: Path) -> None:
    with db_of(corpus) as db:
        keys = keydates.key_dates(db, 10)
        first = keys[0]
        assert first.day == COLLAPSE
        assert (first.articles, first.sources) == (5, 4)
        on_day = {e.id for e in db.events_on(COLLAPSE)}
        assert len(first.sentences) == 2 and {e.id for e in first.sentences} <= on_day
        assert all(e.date == COLLAPSE and e.precision == "day" for e in first.sentences)
        # the Courier's two near-identical reports overlap most; the second sentence is another source's
        assert source_of(db, first.sentences[0]) != source_of(db, first.sentences[1])
        # the central sentence is about the collapse, not a stray sentence of the day
        assert "dam" in first.sentences[0].text
    days = [k.day for k in keys]
    assert set(days) == {COLLAPSE, BUDGET, WALLS, FESTIVAL}  # the month-only "March 2024" is no key date
    assert days.index(BUDGET) < days.index(WALLS)  # two sources beat one
    one_source = [k for k in keys if k.sources == 1]
    assert one_source and all(k.score < first.score / 2 for k in one_source)
    assert [k.score for k in keys] == sorted((k.score for k in keys), reverse=True)


def test_cluster_and_publication_date_add_to_the_score(corpus: Path) -> None:
    with db_of(corpus) as db:
        by_day = {k.day: k for k in keydates.key_dates(db, 10)}
        clusters = db.cluster_support()
        published = db.published_on([COLLAPSE, WALLS])
    assert clusters.get(COLLAPSE, 0) >= 2 and WALLS not in clusters
    assert published == {COLLAPSE: 1}  # the Courier's first report came out that day
    walls, festival = by_day[WALLS], by_day[FESTIVAL]
    assert (walls.articles, walls.sources) == (festival.articles, festival.sources) == (1, 1)
    assert walls.score == festival.score  # neither is a publication date nor in a cluster
    collapse = by_day[COLLAPSE]
    plain_counts = collapse.articles + collapse.sources
    assert collapse.score >= plain_counts + keydates.CLUSTER_WEIGHT * clusters[COLLAPSE]


def test_an_entity_and_a_period_restrict_the_days(corpus: Path) -> None:
    with db_of(corpus) as db:
        entity = db.entity("Ilse Varga")
        assert entity is not None
        keys = keydates.key_dates(db, 10, entity=entity.id)
        assert {k.day for k in keys} == {BUDGET, WALLS}
        assert all(entity.id in e.entities for k in keys for e in k.sentences)
        march = keydates.key_dates(db, 10, first_day="2024-03-15", last_day="2024-03-31")
        assert [k.day for k in march] == [BUDGET]
        few = keydates.key_dates(db, 1)
        assert [k.day for k in few] == [COLLAPSE]


def test_the_articles_of_a_search_are_a_scope(corpus: Path) -> None:
    with db_of(corpus) as db:
        keys = keydates.key_dates(db, 10, articles=["gazette-budget", "gazette-walls", "observer"])
        assert keydates.key_dates(db, 10, articles=[]) == []
    assert {k.day for k in keys} == {BUDGET, WALLS, FESTIVAL}
    budget = next(k for k in keys if k.day == BUDGET)
    assert budget.articles == 1 and {e.article for e in budget.sentences} == {"gazette-budget"}


def test_central_prefers_another_source_for_the_second_sentence() -> None:
    def ev(i: str, article: str, text: str) -> Event:
        return Event(i, "2024-01-02", "day", article, 0, len(text), text, (), i, "2 January")

    events = [
        ev("a", "a1", "The bridge over the Lenna river closed after the storm."),
        ev("b", "a2", "The bridge over the Lenna river closed after the storm damage."),
        ev("c", "b1", "Officials closed the Lenna bridge to traffic."),
        ev("d", "c1", "A bakery opened on the square."),
    ]
    same = {"a1": "One", "a2": "One", "b1": "Two", "c1": "Three"}
    picked = keydates.central(events, same)
    assert picked[0].id in {"a", "b"} and picked[1].id == "c"
    # with every article its own source, the two near-identical reports are the two most central
    assert {e.id for e in keydates.central(events, {k: k for k in same})} == {"a", "b"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_cli_key_dates_in_every_format(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["timeline", "--corpus", str(corpus), "--key-dates", "3"]
    code, text = run(capsys, *base)
    assert code == 0
    lines = text.splitlines()
    assert lines[0].startswith(" 1. " + COLLAPSE) and "4 sources" in lines[0]
    assert "Kesk dam gives way" in text or "Lower town still under water" in text
    assert sum(1 for line in lines if line[:3].strip().rstrip(".").isdigit()) == 3

    code, out = run(capsys, *base, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data[0]["day"] == COLLAPSE and len(data) == 3
    assert all(s["date"] == d["day"] and s["title"] for d in data for s in d["sentences"])

    code, out = run(capsys, *base, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["day"] == COLLAPSE and rows[0]["rank"] == "1"
    assert {r["day"] for r in rows} == {d["day"] for d in data}

    code, out = run(capsys, *base, "--format", "timelinejs")
    tl = json.loads(out)
    assert code == 0 and len(tl["events"]) == 3
    first = tl["events"][0]
    assert first["start_date"] == {"year": "2024", "month": "3", "day": "14"}
    assert first["text"]["headline"] and data[0]["sentences"][0]["text"].startswith(
        first["text"]["headline"].removesuffix("…")
    )


def test_cli_key_dates_of_an_entity_and_bad_values(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "timeline", "--corpus", str(corpus), "--key-dates", "5", "--entity", "Ilse Varga",
                    "--format", "json")  # fmt: skip
    assert code == 0 and {d["day"] for d in json.loads(out)} == {BUDGET, WALLS}
    code, _ = run(capsys, "timeline", "--corpus", str(corpus), "--key-dates", "5", "--from", "2030")
    assert code == 1
    with pytest.raises(SystemExit):
        main(["timeline", "--corpus", str(corpus), "--key-dates", "0"])


# ---- the reader's key dates view

HOSTILE = (
    '---\ntitle: "[bold]Loud[/bold] headline"\npublished: 2024-05-06\nsource: "Rogue Post"\n---\n'
    "Protesters chanted [bold]Kesk[/bold] and [@click=app.quit]pressed[/] on 5 May 2024 \x1b[31mloudly.\n"
)


@pytest.fixture
def reader_app(corpus: Path, tmp_path: Path) -> BroadsheetApp:
    (corpus / "rogue.md").write_text(HOSTILE, encoding="utf-8")
    return BroadsheetApp(corpus, tmp_path / "index")


def prompts(screen: KeyDatesScreen) -> list[str]:
    lst = screen.query_one("#keydates-list", OptionList)
    return [str(getattr(o.prompt, "plain", o.prompt)) for o in lst.options]


async def test_key_dates_view_lists_days_and_jumps_to_the_sentence(reader_app: BroadsheetApp) -> None:
    app = reader_app
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # leave the search bar, so "K" is a key, not text
        await pilot.press("K")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KeyDatesScreen) and screen.entity is None and screen.articles is None
        assert screen.keys[0].day == COLLAPSE
        shown = prompts(screen)
        assert shown[0].startswith(COLLAPSE) and "4 sources" in shown[0]
        assert screen.keys[0].sentences[0].text[:40] in shown[0]
        # outside text is data: markup shows literally, escapes never reach the screen
        rogue = next(p for p in shown if p.startswith("2024-05-05"))
        assert "[bold]Kesk[/bold]" in rogue and "[@click=app.quit]pressed[/]" in rogue
        assert "\x1b" not in rogue and app.is_running
        target = screen.keys[0].sentences[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article_id == target.article
        assert app.history.current == Location("article", target.article, target.start)
        await pilot.press("left_square_bracket")  # back to the key dates
        await settle(pilot)
        assert isinstance(app.screen, KeyDatesScreen)


async def test_key_dates_of_an_entity_and_of_the_search_results(reader_app: BroadsheetApp) -> None:
    app = reader_app
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await app.go(Location("entity", "ilse-varga"))
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen)
        await pilot.press("K")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KeyDatesScreen) and screen.entity == "ilse-varga"
        assert {k.day for k in screen.keys} == {BUDGET, WALLS}
        await pilot.press("escape")
        await settle(pilot)
        await app.go(Location("home"))
        await settle(pilot)
        await pilot.press(*"festival", "enter")
        await settle(pilot)
        await pilot.press("K")  # Enter moved the focus to the results
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KeyDatesScreen) and screen.articles == ["observer"]
        assert [k.day for k in screen.keys] == [FESTIVAL]
