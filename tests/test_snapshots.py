"""SVG snapshots of the main screens (pytest-textual-snapshot); deterministic data and sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown

from index.locations import bundled_corpus
from tui.app import BroadsheetApp
from tui.navigation import Location
from tui.screens.help import HelpScreen

from .tui_helpers import settle, until_still


@pytest.fixture
def app(tmp_path: Path) -> BroadsheetApp:
    Input.cursor_blink = False
    return BroadsheetApp(bundled_corpus(), tmp_path / "index")


def test_main_screen_with_an_article(snap_compare, app: BroadsheetApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(*"Kataib")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        await until_still(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_entity_page(snap_compare, app: BroadsheetApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await app.go(Location("entity", "kataib-hezbollah"))
        await settle(pilot)
        await until_still(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_side_by_side(snap_compare, app: BroadsheetApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("escape", "s", "c")
        await settle(pilot)
        await until_still(pilot)

    assert snap_compare(app, terminal_size=(160, 40), run_before=run_before)


def test_narrow_terminal(snap_compare, app: BroadsheetApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await until_still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_help(snap_compare, app: BroadsheetApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        for _ in range(50):  # the help's Markdown is parsed and laid out after it mounts
            if isinstance(pilot.app.screen, HelpScreen) and pilot.app.screen.query(Markdown).first().children:
                break
            await pilot.pause(0.05)
        await until_still(pilot)

    assert snap_compare(app, terminal_size=(100, 36), run_before=run_before)
