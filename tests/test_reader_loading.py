"""The reader opens its last index at once and updates it in the background; a first build
shows progress and stops when asked (Esc) or when the reader quits."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from textual.pilot import Pilot

from index.locations import bundled_corpus
from index.pipeline import build
from index.store import IndexStore
from tui.app import BroadsheetApp
from tui.messages import IndexProgressed, LibraryLoaded
from tui.widgets.results import ResultsList

from .tui_helpers import settle

NEW_ARTICLE = """---
title: Harbour pilots of Valmera end their strike
published: 2024-02-02
source: Valmera Gazette
---

The harbour pilots of Valmera ended their strike on Thursday, said Ilse Brandt of the pilots' union.
"""


#: files enough for a first build that takes many seconds (the tests stop it after the first one)
LONG_BUILD = 1500


def demo_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "demo"
    shutil.copytree(bundled_corpus(), dest)
    return dest


def many_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for n in range(count):
        text = f"---\ntitle: Council item {n}\ndate: 2023-05-0{n % 9 + 1}\n---\n"
        text += f"The council of Kelso met on Monday about item {n}; Marta Okafor said repairs would wait.\n"
        (folder / f"a{n:04d}.md").write_text(text)
    return folder


async def until(event: threading.Event, pilot: Pilot, seconds: float = 30.0) -> None:
    """Let the app run until ``event`` is set (a message the test waits for has arrived)."""
    deadline = time.monotonic() + seconds
    while not event.is_set() and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert event.is_set()


async def test_the_last_index_opens_at_once_and_the_update_refreshes_the_results(tmp_path: Path) -> None:
    corpus, index = demo_copy(tmp_path), tmp_path / "index"
    build(corpus, index)
    (corpus / "new.md").write_text(NEW_ARTICLE)
    loaded: list[tuple[bool, int]] = []

    def hook(message: object) -> None:
        if isinstance(message, LibraryLoaded):
            loaded.append((message.updating, message.library.article_count))

    app = BroadsheetApp(corpus, index)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(pilot)
        status = str(app.reader.query_one("#status").render())
        results = app.reader.query_one(ResultsList)
        assert loaded == [(True, 5), (False, 6)]  # the old index first, then the updated one
        assert status.startswith("6 articles") and "updating" not in status
        assert len(results.options) == 6 and "new" in [o.id for o in results.options]


async def test_an_index_already_up_to_date_is_opened_once(tmp_path: Path) -> None:
    corpus, index = demo_copy(tmp_path), tmp_path / "index"
    build(corpus, index)
    loaded: list[bool] = []
    app = BroadsheetApp(corpus, index)

    def hook(message: object) -> None:
        if isinstance(message, LibraryLoaded):
            loaded.append(message.updating)

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(pilot)
        assert loaded == [True]
        assert str(app.reader.query_one("#status").render()).startswith("5 articles")


async def test_escape_stops_a_first_build_and_publishes_nothing(tmp_path: Path) -> None:
    corpus, index = many_articles(tmp_path / "many", LONG_BUILD), tmp_path / "index"
    seen = threading.Event()

    def hook(message: object) -> None:
        if isinstance(message, IndexProgressed) and message.progress.done >= 1:
            seen.set()

    app = BroadsheetApp(corpus, index)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await until(seen, pilot)
        started = time.monotonic()
        await pilot.press("escape")

        def label() -> str:
            return str(app.reader.query_one("#loading-label").render())

        while "stopped before" not in label() and time.monotonic() - started < 30:
            await pilot.pause(0.05)
        stopped = time.monotonic() - started
        assert "Indexing stopped before any index was saved" in label() and app.library is None
    assert stopped < 5  # the chunks of files being read when the key came, on a loaded machine
    assert IndexStore(index).current() is None


async def test_quitting_during_a_first_build_stops_it(tmp_path: Path) -> None:
    corpus, index = many_articles(tmp_path / "many", LONG_BUILD), tmp_path / "index"
    seen = threading.Event()

    def hook(message: object) -> None:
        if isinstance(message, IndexProgressed):
            seen.set()

    app = BroadsheetApp(corpus, index)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await until(seen, pilot)
        started = time.monotonic()
        await pilot.press("q")
    while (index / "build.lock").exists() and time.monotonic() - started < 30:
        time.sleep(0.02)  # the build holds its lock until it has stopped
    assert time.monotonic() - started < 5
    assert IndexStore(index).current() is None  # stopped long before it could have finished
