"""Correcting entities in the reader: merge from the entity page, undo, hide from the sidebar,
and the modals showing hostile names literally."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import OptionList, Static

from index import corrections
from index.locations import bundled_corpus
from index.models import Entity
from tui.app import BroadsheetApp
from tui.navigation import Location
from tui.screens.correct import PickAliasScreen, PickEntityScreen
from tui.screens.entity import EntityScreen
from tui.widgets.sidebar import EntitySidebar

from .tui_helpers import settle

#: an article of the demo corpus that names both Islamic State and ISIS, and the Pentagon
ARTICLE = "001-5043119e9180fcd9"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), dest, ignore=shutil.ignore_patterns("broadsheet.toml"))
    return dest


def head_text(page: EntityScreen) -> str:
    return str(page.query_one("#entity-head", Static).render())


def sidebar_ids(app: BroadsheetApp) -> list[str | None]:
    return [o.id for o in app.reader.query_one(EntitySidebar).options]


async def test_merge_from_the_entity_page_then_undo(corpus: Path, tmp_path: Path) -> None:
    (corpus / corrections.FILENAME).write_text("# my corrections\n")
    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.go(Location("article", ARTICLE))
        await settle(pilot)
        assert "isis" in sidebar_ids(app) and "islamic-state" in sidebar_ids(app)
        await app.go(Location("entity", "islamic-state"))
        await settle(pilot)
        page = app.screen
        assert isinstance(page, EntityScreen) and "ISIS" not in head_text(page)

        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, PickEntityScreen)
        await pilot.press(*"ISI")
        await settle(pilot)
        options = app.screen.query_one("#correct-options", OptionList)
        assert options.options and options.options[0].id == "isis"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is page and page.entity_id == "islamic-state"
        assert "ISIS" in head_text(page)  # the merged entity, without a restart
        assert "isis" not in sidebar_ids(app) and "islamic-state" in sidebar_ids(app)
        text = (corpus / corrections.FILENAME).read_text()
        assert text.startswith("# my corrections") and '"islamic-state", "isis"' in text
        assert app.corrector.last_refresh is not None
        print(f"merge refresh: {app.corrector.last_refresh:.3f}s")

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert (corpus / corrections.FILENAME).read_text() == "# my corrections\n"
        assert "ISIS" not in head_text(page)
        assert "isis" in sidebar_ids(app)
        print(f"undo refresh: {app.corrector.last_refresh:.3f}s")


async def test_merge_into_another_entity_follows_the_survivor(corpus: Path, tmp_path: Path) -> None:
    """The page of an entity merged away (from the palette's path) goes to the one it became part of."""
    from index.corrections import Correction

    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.go(Location("entity", "isis"))
        await settle(pilot)
        app.corrector.apply(Correction("merge", ["islamic-state", "isis"]))
        await settle(pilot)
        page = app.screen
        assert isinstance(page, EntityScreen) and page.entity_id == "islamic-state"


async def test_a_merge_of_unknown_names_is_refused_in_the_reader(corpus: Path, tmp_path: Path) -> None:
    from index.corrections import Correction

    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.corrector.apply(Correction("merge", ["islamic-state", "Atlantis"]))
        await settle(pilot)
        assert not (corpus / corrections.FILENAME).exists() and not app.corrector.done
        assert any("'Atlantis'" in str(n.message) for n in app._notifications)


async def test_hide_from_the_sidebar(corpus: Path, tmp_path: Path) -> None:
    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.go(Location("article", ARTICLE))
        await settle(pilot)
        sidebar = app.reader.query_one(EntitySidebar)
        sidebar.focus()
        sidebar.highlighted = sidebar_ids(app).index("pentagon")
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("y")  # confirm
        await settle(pilot)
        assert "pentagon" not in sidebar_ids(app) and "iraq" in sidebar_ids(app)
        assert '"pentagon"' in (corpus / corrections.FILENAME).read_text()


HOSTILE = "[bold]Evil[/bold] [@click=app.quit]x[/] \x1b[31mred\x1b[0m"


class _ModalHost(App[None]):
    def __init__(self, screen: object) -> None:
        super().__init__()
        self.modal = screen

    def on_mount(self) -> None:
        self.push_screen(self.modal)  # type: ignore[arg-type]


@pytest.mark.parametrize("make", [lambda e: PickAliasScreen(e), lambda e: PickEntityScreen(None, e)])  # type: ignore[arg-type]
async def test_hostile_names_show_literally_in_the_modals(make: object) -> None:
    entity = Entity("evil", HOSTILE, "ORG", ((HOSTILE, 3), ("[red]alias[/red]", 1)), 4, 1)
    app = _ModalHost(make(entity))  # type: ignore[operator]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#correct-question", Static).render())
        assert "[bold]Evil[/bold]" in shown and "[@click=app.quit]" in shown
        assert "\x1b" not in shown
        if isinstance(app.screen, PickAliasScreen):
            prompts = [str(o.prompt) for o in app.screen.query_one("#correct-options", OptionList).options]
            assert any("[red]alias[/red]" in p for p in prompts)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (PickAliasScreen, PickEntityScreen))


def test_a_correction_is_described_by_display_names() -> None:
    from index.corrections import Correction
    from tui.corrections_ui import describe

    names = {"farhad-alaadin": "Farhad Alaadin", "mohammed-shia-al-sudani": "Mohammed Shia al-Sudani"}
    merge = Correction("merge", ["mohammed-shia-al-sudani", "farhad-alaadin"])
    assert describe(merge, lambda n: names.get(n, n)) == "Merged 'Farhad Alaadin' into 'Mohammed Shia al-Sudani'"
    assert describe(Correction("rename", ["farhad-alaadin", "F. Alaadin"]), lambda n: names.get(n, n)) == (
        "Renamed 'Farhad Alaadin' to 'F. Alaadin'"
    )
