"""The reader's result order, filters and chips, live corpus, back-to-scroll, quit and help (Pilot)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from index.filters import Filters
from index.locations import bundled_corpus
from tui.app import BroadsheetApp
from tui.live import CorpusWatcher
from tui.navigation import Location
from tui.screens.filters import FiltersScreen
from tui.screens.help import HelpScreen
from tui.widgets.article import ArticleView
from tui.widgets.chips import FilterChip, FilterChips
from tui.widgets.results import ResultsList
from tui.widgets.sidebar import EntitySidebar

from .tui_helpers import settle

UNDATED = (
    "---\ntitle: Undated harbour notes\nsource: Harbour Gazette\n---\nNotes on the harbour and Iraq, with no date.\n"
)
HOSTILE_SOURCE = "[bold]Evil[/] [@click=app.quit]"
NEW_ARTICLE = (
    '---\ntitle: "Zanzibar ferry timetable changes"\npublished: "2024-03-02"\nsource: "Island Post"\n---\n'
    "The Zanzibar ferry company changed its timetable for the rainy season, the port said on Saturday.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the demo corpus with one undated article."""
    folder = tmp_path / "news"
    shutil.copytree(bundled_corpus(), folder)
    (folder / "undated.md").write_text(UNDATED)
    return folder


@pytest.fixture
def app(corpus: Path, tmp_path: Path) -> BroadsheetApp:
    return BroadsheetApp(corpus, tmp_path / "index")


def listed(app: BroadsheetApp) -> list[str]:
    return [o.id for o in app.reader.query_one(ResultsList).options if o.id]


def status(app: BroadsheetApp) -> str:
    return str(app.reader.query_one("#status").render())


def library_ids(app: BroadsheetApp, filters: Filters, query: str = "") -> list[str]:
    assert app.library is not None
    return [h.id for h in app.library.search(query, filters=filters).hits]


async def type_into(pilot: Pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)


async def test_empty_query_is_newest_first_with_the_undated_article_last(app: BroadsheetApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.library is not None
        ids = listed(app)
        dates = [app.library.db.article_meta(i).published for i in ids]  # type: ignore[union-attr]
        assert len(ids) == 6 and dates[-1] is None
        assert dates[:-1] == sorted(dates[:-1], reverse=True)  # type: ignore[type-var]
        assert app.library.title_of(ids[-1]) == "Undated harbour notes"
        assert "6 articles · newest first" in status(app)
        await pilot.press(*"Kataib")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "matches · by relevance" in status(app)
        await pilot.press("escape", "o")  # to the results, then sort by date
        await settle(pilot)
        assert "newest first" in status(app)


async def test_source_and_date_filters_shrink_the_list_and_chips_bring_it_back(app: BroadsheetApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        everything = listed(app)
        await pilot.press("escape", "f")
        assert isinstance(app.screen, FiltersScreen)
        await type_into(pilot, "#filter-source", "The Cra")
        await pilot.pause(0.2)
        await pilot.press("right")  # accept the store's suggestion
        assert app.screen.query_one("#filter-source", Input).value == "The Cradle"
        await pilot.press("enter")
        await settle(pilot)
        by_source = listed(app)
        assert by_source == library_ids(app, Filters(source="The Cradle")) and len(by_source) == 1
        assert "(filtered)" in status(app)

        await pilot.press("escape", "escape", "f")  # focus is on the results again
        await type_into(pilot, "#filter-source", "")
        await type_into(pilot, "#filter-since", "2024-01")
        await type_into(pilot, "#filter-until", "2024-01-30")
        await pilot.press("enter")
        await settle(pilot)
        by_date = listed(app)
        assert by_date == library_ids(app, Filters(since="2024-01", until="2024-01-30"))
        assert 0 < len(by_date) < len(everything)

        await pilot.press("f")
        await type_into(pilot, "#filter-source", "The Cradle")
        await pilot.press("enter")
        await settle(pilot)
        both = listed(app)
        assert both == library_ids(app, Filters(source="The Cradle", since="2024-01", until="2024-01-30"))
        chips = app.reader.query_one(FilterChips)
        assert [c.kind for c in chips.chips] == ["source", "since", "until"]

        await pilot.click("#chip-source")  # removing a chip widens the list again
        await settle(pilot)
        assert listed(app) == by_date and [c.kind for c in chips.chips] == ["since", "until"]

        chips.chips[0].focus()
        await pilot.press("backspace")  # clears the whole row
        await settle(pilot)
        assert listed(app) == everything and not chips.chips and not app.reader.filters


async def test_a_bad_date_stays_in_the_dialog_and_says_why(app: BroadsheetApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "f")
        await type_into(pilot, "#filter-since", "last week")
        await pilot.press("enter")
        assert isinstance(app.screen, FiltersScreen)
        assert "not a date" in str(app.screen.query_one("#filters-error").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, FiltersScreen) and not app.reader.filters


async def test_an_entity_filter_lists_the_articles_naming_it(app: BroadsheetApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.reader.set_filters(Filters(entity="mohammed-shia-al-sudani"))
        await settle(pilot)
        assert app.library is not None
        assert set(listed(app)) == set(app.library.entity_articles("mohammed-shia-al-sudani"))
        assert len(listed(app)) < 6


async def test_a_hostile_source_shows_literally_on_its_chip(corpus: Path, tmp_path: Path) -> None:
    (corpus / "hostile.md").write_text(f'---\ntitle: Hostile\nsource: "{HOSTILE_SOURCE}"\n---\nText of it.\n')
    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.reader.set_filters(Filters(source=HOSTILE_SOURCE))
        await settle(pilot)
        (chip,) = app.reader.query(FilterChip).results(FilterChip)
        assert str(chip.label) == f"source: {HOSTILE_SOURCE} ✕"
        assert app.library is not None and [app.library.title_of(i) for i in listed(app)] == ["Hostile"]
        await pilot.click("#chip-source")
        await settle(pilot)
        assert app.is_running and len(listed(app)) == 7


async def test_ctrl_r_reads_a_new_file_of_the_corpus(
    corpus: Path, app: BroadsheetApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CorpusWatcher, "start", lambda self: False)  # only the key, here
    said: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(listed(app)) == 6
        shown = app.reader.show_update
        app.reader.show_update = lambda *a: (shown(*a), said.append(status(app)))  # type: ignore[method-assign,func-returns-value]
        (corpus / "ferry.md").write_text(NEW_ARTICLE)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert said and "updating the index" in said[0]
        await settle(pilot)
        assert app.library is not None
        assert len(listed(app)) == 7 and app.library.title_of(listed(app)[0]) == "Zanzibar ferry timetable changes"
        assert "7 articles" in status(app)


async def test_the_watcher_reads_a_new_file_by_itself(corpus: Path, app: BroadsheetApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.watcher is not None
        (corpus / "ferry.md").write_text(NEW_ARTICLE)
        for _ in range(100):  # the watcher waits for 1 s of quiet, then the build runs
            await pilot.pause(0.1)
            if len(listed(app)) == 7:
                break
        await settle(pilot)
        assert len(listed(app)) == 7


async def test_back_returns_to_the_scroll_position_left(app: BroadsheetApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await app.go(Location("article", "004-ece0cc2b4a62370f"))
        await settle(pilot)
        view = app.reader.query_one(ArticleView)
        deep = int(view.max_scroll_y) - 2  # near the end of the longest article
        assert deep > 20
        view.scroll_to(y=deep, animate=False, immediate=True)
        await pilot.pause()
        await app.go(Location("entity", "kataib-hezbollah"))
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.pause(0.1)
        assert app.reader.article_id == "004-ece0cc2b4a62370f" and view.scroll_y == deep
        await pilot.press("right_square_bracket", "left_square_bracket")  # forward and back again
        await settle(pilot)
        await pilot.pause(0.1)
        assert view.scroll_y == deep


async def test_ctrl_q_quits_from_the_search_box(app: BroadsheetApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, Input)
        shown = {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}
        assert "ctrl+q" in shown  # in the footer from the first screen
        await pilot.press("q")
        assert app.is_running and app.reader.query_one(Input).value == "q"
        quits: list[object] = []
        app.exit = lambda *a, **kw: quits.append(a)  # type: ignore[method-assign]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert quits


async def test_help_lists_the_bindings_of_the_current_screen(app: BroadsheetApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        reader_help = app.screen.text
        assert "| `f` | Filter |" in reader_help and "| `^r` |" in reader_help and "date:2024-01" in reader_help
        await pilot.press("escape")
        await app.go(Location("entity", "kataib-hezbollah"))
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        entity_help = app.screen.text
        assert "| `p` | Passages |" in entity_help and "| `f` | Filter |" not in entity_help


async def test_the_sidebar_shows_one_entity_type_at_a_time(app: BroadsheetApp) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await app.go(Location("article", "000-68c158046f949bac"))
        await settle(pilot)
        assert app.library is not None
        sidebar = app.reader.query_one(EntitySidebar)

        def types() -> set[str]:
            return {app.library.entity_by_id(o.id).type for o in sidebar.options if o.id}  # type: ignore[union-attr]

        assert "OTHER" not in types() and len(types()) > 1
        await pilot.press("t")
        assert types() == {"PERSON"}
        await pilot.press("t")
        assert types() <= {"ORG"}
        for _ in range(3):
            await pilot.press("t")
        assert sidebar.type_filter is None and len(types()) > 1


async def test_the_filter_inputs_keep_their_names_once_filled(tmp_path: Path) -> None:
    app = BroadsheetApp(bundled_corpus(), tmp_path / "ix")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "f")
        await settle(pilot)
        assert isinstance(app.screen, FiltersScreen)
        titles = [str(i.border_title) for i in app.screen.query(Input)]
        assert titles == ["source", "from", "to", "entity"]
