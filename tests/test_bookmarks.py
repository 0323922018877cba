"""Bookmarks, read state and citations in the reader (Pilot journeys) and the bookmarks export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Input, Label, OptionList

from index import annotations as ann
from index.locations import annotations_file
from index.pipeline import build
from index.store import IndexStore
from tui import citation
from tui.app import BroadsheetApp
from tui.cli import main
from tui.navigation import Location
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.note import NoteScreen
from tui.widgets.article import ArticleView
from tui.widgets.results import ResultsList

from .tui_helpers import settle

HARBOUR_MOVED = "The storm season ended early this year, according to the weather service in the capital city."
ARTICLES = {
    "harbour.md": (
        "Harbour reopens after the strike",
        "Port Gazette",
        "2024-03-01",
        "https://example.org/harbour",
        [
            "The harbour reopened on Monday after a strike that lasted eleven days and halted every ship.",
            "Dock workers said the new contract gives them better pay and safer hours on the night shifts.",
            "The port authority expects the backlog of container ships to clear within the next two weeks.",
        ],
    ),
    "election.md": (
        "Council election results are in",
        "City Courier",
        "2024-04-12",
        "https://example.org/election",
        [
            "Voters in the northern district elected a new council on Sunday after a long and bitter campaign.",
            "Turnout was the highest in twenty years, with long queues outside the polling stations all day.",
            "The new council meets for the first time next month to choose a mayor from its own members.",
        ],
    ),
    "floods.md": (
        "Floods close the river road",
        "Valley News",
        "2024-05-20",
        "https://example.org/floods",
        [
            "Heavy rain flooded the river road on Tuesday and the police closed it to traffic until further notice.",
            "Farmers in the valley said their fields were under water for the second time in three years.",
        ],
    ),
}


def write_article(folder: Path, name: str, title: str, source: str, date: str, url: str, body: list[str]) -> None:
    front = f'---\ntitle: "{title}"\nsource: "{source}"\npublished: "{date}"\nurl: "{url}"\n---\n'
    (folder / name).write_text(front + "\n\n".join(body) + "\n", encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, (title, source, date, url, body) in ARTICLES.items():
        write_article(folder, name, title, source, date, url, body)
    return folder


def article_id(app: BroadsheetApp, title: str) -> str:
    assert app.library is not None
    return next(m.id for m in app.library.db.articles("id") if m.title == title)


async def open_at(pilot: object, app: BroadsheetApp, title: str, sentence: str) -> tuple[str, int]:
    """Open an article at one of its sentences (the cursor's passage); returns its id and the offset."""
    aid = article_id(app, title)
    assert app.library is not None
    article = app.library.article(aid)
    assert article is not None
    offset = article.text.index(sentence)
    await app.go(Location("article", aid, offset))
    await settle(pilot)  # type: ignore[arg-type]
    return aid, offset


async def bookmark_here(pilot: object, note: str = "", tags: str = "") -> None:
    await pilot.press("b")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    app = pilot.app  # type: ignore[attr-defined]
    assert isinstance(app.screen, NoteScreen)
    app.screen.query_one("#note-text", Input).value = note
    app.screen.query_one("#note-tags", Input).value = tags
    app.screen.query_one("#note-text", Input).focus()
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


def prompts(listing: OptionList) -> list[str]:
    out = []
    for option in listing.options:
        assert isinstance(option.prompt, Text)  # never a markup string
        out.append(option.prompt.plain)
    return out


async def open_bookmarks(pilot: object, app: BroadsheetApp) -> BookmarksScreen:
    app.reader.query_one(ResultsList).focus()
    await pilot.press("B")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, BookmarksScreen)
    return app.screen


async def test_bookmark_with_a_note_survives_a_restart_and_jumps_back(corpus: Path, tmp_path: Path) -> None:
    sentence = ARTICLES["harbour.md"][4][1]
    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        aid, offset = await open_at(pilot, app, "Harbour reopens after the strike", sentence)
        await bookmark_here(pilot, "check the pay figures", "labour, ports")
        assert app.screen is app.reader

    again = BroadsheetApp(corpus, tmp_path / "index")
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_bookmarks(pilot, again)
        (shown,) = prompts(screen.query_one("#bookmark-list", OptionList))
        assert "Harbour reopens after the strike" in shown and "Port Gazette · 2024-03-01" in shown
        assert "Dock workers said" in shown and "check the pay figures" in shown and "#labour #ports" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert again.screen is again.reader and again.reader.article_id == aid
        view = again.reader.query_one(ArticleView)
        assert view.current == (offset, offset + len(sentence))  # the bookmarked sentence is the cursor


async def test_changed_article_reanchors_and_a_deleted_passage_is_kept_as_not_found(
    corpus: Path, tmp_path: Path
) -> None:
    harbour, election = ARTICLES["harbour.md"], ARTICLES["election.md"]
    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_at(pilot, app, harbour[0], harbour[4][2])
        await bookmark_here(pilot, "moves")
        await open_at(pilot, app, election[0], election[4][1])
        await bookmark_here(pilot, "goes")

    write_article(corpus, "harbour.md", *harbour[:4], [HARBOUR_MOVED, *harbour[4]])  # passage moves down
    write_article(corpus, "election.md", *election[:4], [election[4][0], election[4][2]])  # passage deleted
    again = BroadsheetApp(corpus, tmp_path / "index")
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_bookmarks(pilot, again)
        await settle(pilot)
        book = again.annotations
        moved = next(b for b in book.bookmarks if b.note == "moves")
        gone = next(b for b in book.bookmarks if b.note == "goes")
        assert again.library is not None
        text = again.library.article(moved.article).text  # type: ignore[union-attr]
        assert moved.found and text[moved.start : moved.end] == harbour[4][2]
        assert moved.start > text.index(HARBOUR_MOVED)
        assert not gone.found and gone.quote == election[4][1]
        shown = prompts(screen.query_one("#bookmark-list", OptionList))
        assert sum("passage no longer found" in p for p in shown) == 1
        assert "1 no longer found" in str(screen.query_one("#bookmarks-head").content)
    on_disk = ann.load(annotations_file(corpus))
    assert {b.note: b.found for b in on_disk.bookmarks} == {"moves": True, "goes": False}


async def test_delete_asks_first_and_edit_changes_the_note(corpus: Path, tmp_path: Path) -> None:
    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_at(pilot, app, ARTICLES["floods.md"][0], ARTICLES["floods.md"][4][1])
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"dropped", "escape")  # Esc cancels: nothing is saved
        await settle(pilot)
        assert app.screen is app.reader and app.annotations.bookmarks == ()
        await bookmark_here(pilot, "first note")
        screen = await open_bookmarks(pilot, app)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one("#note-text", Input).value = "second note"
        app.screen.query_one("#note-text", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "second note" in prompts(screen.query_one("#bookmark-list", OptionList))[0]
        await pilot.press("c")
        assert app.clipboard.startswith("> Farmers in the valley") and "Note: second note" in app.clipboard
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert len(app.annotations.bookmarks) == 1
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.annotations.bookmarks == ()
        assert ann.load(annotations_file(corpus)).bookmarks == ()


async def test_unread_markers_the_unread_filter_and_new_articles(corpus: Path, tmp_path: Path) -> None:
    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        results = app.reader.query_one(ResultsList)
        assert len(results.options) == 3 and all(p.startswith("• ") for p in prompts(results))
        results.focus()
        results.highlighted = 0
        opened = results.options[0].id
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.article_id == opened
        marks = dict(zip([o.id for o in results.options], prompts(results), strict=True))
        assert not marks[opened].startswith("•")
        assert sum(p.startswith("• ") for p in marks.values()) == 2
        await pilot.press("u")
        await settle(pilot)
        assert opened not in [o.id for o in results.options] and len(results.options) == 2
        assert "unread only" in str(app.reader.query_one("#reading-status", Label).content)
        await pilot.press("u")
        await settle(pilot)
        assert len(results.options) == 3

    write_article(corpus, "late.md", "A late arrival", "Valley News", "2024-06-01", "https://example.org/late",
                  ["A new bridge over the river opened on Friday, two years after the old one was washed away."])  # fmt: skip
    again = BroadsheetApp(corpus, tmp_path / "index")
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        results = again.reader.query_one(ResultsList)
        marks = dict(zip([o.id for o in results.options], prompts(results), strict=True))
        assert len(marks) == 4
        assert not marks[opened].startswith("•")  # still read after the restart
        late = article_id(again, "A late arrival")
        assert marks[late].startswith("• new ")
        assert sum(p.startswith("• new") for p in marks.values()) == 1
        assert "1 new since last session" in str(again.reader.query_one("#reading-status", Label).content)


async def test_copy_passage_with_citation_and_url(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    title, source, date, url, body = ARTICLES["election.md"]
    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_at(pilot, app, title, body[1])
        await pilot.press("y")
        assert app.clipboard == f"> {body[1]}\n\n— {title}, {source}, {date}, {url}\n"
        await pilot.press("Y")
        assert app.clipboard == url
        app.copy_to_clipboard("")
        monkeypatch.setattr(citation, "browser_available", lambda: False)
        opened: list[str] = []
        monkeypatch.setattr(app, "open_url", lambda u, **kw: opened.append(u))
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and "No web browser" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == url and opened == []


async def test_hostile_titles_and_notes_show_literally(corpus: Path, tmp_path: Path) -> None:
    hostile = "[bold]Loud[/bold] [@click=app.quit]x[/]"
    write_article(corpus, "hostile.md", hostile, "Outlet", "2024-07-01", "https://example.org/h",
                  ["The council said on Monday that the budget would be published before the end of the month."])  # fmt: skip
    report = build(corpus, tmp_path / "index")
    store = IndexStore(report.index_dir)
    article = next(a for a in store.articles() if a.path == "hostile.md")
    note = "\x1b[31mred\x1b[0m [@click=app.quit]quit[/] \x1b]0;title\x07"
    mark = ann.new_bookmark(article, 0, 20, note, ("[b]tag[/b]",))
    ann.save(annotations_file(corpus), ann.Annotations((mark,)))

    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_bookmarks(pilot, app)
        (shown,) = prompts(screen.query_one("#bookmark-list", OptionList))
        assert hostile in shown and "#[b]tag[/b]" in shown
        assert "red [@click=app.quit]quit[/]" in shown and "\x1b" not in shown and "\x07" not in shown
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        assert hostile in app.clipboard and "\x1b" not in app.clipboard
        assert app.is_running


def test_cli_exports_markdown_csv_and_json(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = build(corpus, tmp_path / "index")
    article = next(a for a in IndexStore(report.index_dir).articles() if a.path == "floods.md")
    quote = ARTICLES["floods.md"][4][1]
    start = article.text.index(quote)
    book = ann.AnnotationBook.open(annotations_file(corpus))
    book.add(ann.new_bookmark(article, start, start + len(quote), "soil", ("farming",)))

    assert main(["bookmarks", str(corpus), "--index", str(tmp_path / "index")]) == 0
    md = capsys.readouterr().out
    assert md.startswith(
        f"> {quote}\n\n— Floods close the river road, Valley News, 2024-05-20, https://example.org/floods"
    )
    assert "Note: soil" in md and "Tags: farming" in md

    out = tmp_path / "marks.csv"
    assert main(["bookmarks", str(corpus), "--index", str(tmp_path / "index"), "--format", "csv", "-o", str(out)]) == 0
    (row,) = csv.DictReader(io.StringIO(out.read_text()))
    assert row["quote"] == quote and row["tags"] == "farming" and row["found"] == "True"

    assert main(["bookmarks", str(corpus), "--index", str(tmp_path / "index"), "--format", "json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["quote"] == quote and record["note"] == "soil" and record["article"] == article.id


def test_cli_names_a_corrupt_bookmarks_file(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = annotations_file(corpus)
    path.parent.mkdir(parents=True)
    path.write_text("{oops")
    assert main(["bookmarks", str(corpus), "--index", str(tmp_path / "index")]) == 2
    assert path.name in capsys.readouterr().err
    assert path.read_text() == "{oops"  # the export only reads


async def test_an_unreadable_bookmarks_file_is_reported_once_and_left_alone(corpus: Path, tmp_path: Path) -> None:
    path = annotations_file(corpus)
    path.parent.mkdir(parents=True)
    newer = json.dumps({"format": "broadsheet.annotations/9", "bookmarks": []})
    path.write_text(newer)
    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_at(pilot, app, ARTICLES["floods.md"][0], ARTICLES["floods.md"][4][0])
        await open_at(pilot, app, ARTICLES["harbour.md"][0], ARTICLES["harbour.md"][4][0])
        messages = [n.message for n in app._notifications]
        assert sum(path.name in m for m in messages) == 1  # at start, not again for each article read
        assert app.annotations.is_read(article_id(app, ARTICLES["floods.md"][0]))  # kept for the session
    assert path.read_text() == newer
