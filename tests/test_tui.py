"""The reader, driven like a user with Textual's Pilot; assertions on widget state and messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Markdown

from index.locations import bundled_corpus
from tui.app import BroadsheetApp
from tui.messages import NavigationRequested
from tui.screens.entity import EntityScreen
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.screens.synoptic import SynopticScreen
from tui.widgets.article import ArticleView
from tui.widgets.results import ResultsList
from tui.widgets.sidebar import ArticleTimeline, EntitySidebar

from .tui_helpers import settle


@pytest.fixture
def app(tmp_path: Path) -> BroadsheetApp:
    return BroadsheetApp(bundled_corpus(), tmp_path / "index")


async def test_launch_search_open_entity_linked_passage_back_back(app: BroadsheetApp) -> None:
    navigations: list[NavigationRequested] = []

    def hook(message: object) -> None:
        if isinstance(message, NavigationRequested):
            navigations.append(message)

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(pilot)
        reader = app.reader
        assert len(reader.query_one(ResultsList).options) == 5  # every article, before any query
        await pilot.press(*"Sudani")
        await pilot.pause(0.3)
        await settle(pilot)
        results = reader.query_one(ResultsList)
        assert len(results.options) == 3
        await pilot.press("enter")  # from the search bar to the results
        assert app.focused is results
        await pilot.press("enter")  # open the best hit
        await settle(pilot)
        view = reader.query_one(ArticleView)
        assert view.article is not None and reader.article_id == results.options[0].id
        assert view.hits  # the query's words are highlighted
        sidebar = reader.query_one(EntitySidebar)
        assert "mohammed-shia-al-sudani" in [o.id for o in sidebar.options]

        # click an entity mention in the text
        body = reader.query_one("#article-body", Markdown)
        body.post_message(Markdown.LinkClicked(body, "entity:mohammed-shia-al-sudani"))
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen) and app.screen.entity_id == "mohammed-shia-al-sudani"
        entity_page = app.screen

        # a linked entity, then a passage of it
        await pilot.press("l")
        linked = entity_page.linked_ids()
        assert linked
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen) and app.screen.entity_id == linked[0]
        await pilot.press("p", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert view.current is not None  # the passage's sentence is highlighted
        assert navigations[-1].location.kind == "article" and navigations[-1].location.offset is not None

        # back, back: the linked entity, then the first entity
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen) and app.screen.entity_id == linked[0]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen) and app.screen.entity_id == "mohammed-shia-al-sudani"
        await pilot.press("right_square_bracket")  # and forward again
        await settle(pilot)
        assert app.screen.entity_id == linked[0]


async def test_timeline_selection_scrolls_the_article_and_scrolling_moves_the_cursor(app: BroadsheetApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.go(
            app.reader.library and __import__("tui.navigation").navigation.Location("article", "000-68c158046f949bac")
        )
        await settle(pilot)
        reader = app.reader
        timeline = reader.query_one(ArticleTimeline)
        view = reader.query_one(ArticleView)
        last = max(range(len(timeline.events)), key=lambda i: timeline.events[i].start)
        timeline.focus()
        timeline.highlighted = last
        await pilot.press("enter")
        await settle(pilot)
        event = timeline.events[last]
        assert view.current is not None and view.current[0] <= event.start < view.current[1]
        assert view.scroll_y > 0  # the sentence is deep in the article
        view.scroll_home(animate=False)
        await settle(pilot)
        assert timeline.events[timeline.highlighted].start < event.start  # the cursor followed


async def test_side_by_side_view(app: BroadsheetApp) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # leave the search bar, so "s" is a key, not text
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SynopticScreen)
        table = app.screen.query_one(DataTable)
        assert len(table.columns) == 1 + 5 and table.row_count > 5
        labels = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
        assert any("⚠" in label for label in labels)  # sources disagree on a day
        await pilot.press("m")
        assert len(table.columns) == 1 + 5  # five sources, one of them "(unknown source)"
        all_rows = table.row_count
        await pilot.press("c")
        await settle(pilot)
        assert app.library is not None
        sources: dict[str, set[str]] = {}
        for aid in app.screen.articles:
            for e in app.library.events_of(aid):
                sources.setdefault(e.cluster, set()).add(e.article)
        shared = sum(1 for articles in sources.values() if len(articles) > 1)
        assert 0 < shared < all_rows and table.row_count == shared  # happenings reported by several sources
        await pilot.press("m")  # one column per entity: those the listed articles mention most
        assert app.screen.mode == "entity" and len(table.columns) == 1 + 5
        assert "United States" in str(table.columns[list(table.columns)[1]].label)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)


async def test_side_by_side_of_an_entity_and_its_links(app: BroadsheetApp) -> None:
    from tui.navigation import Location

    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await app.go(Location("entity", "kataib-hezbollah"))
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SynopticScreen) and screen.mode == "entity"
        assert screen.entities[0] == "kataib-hezbollah" and len(screen.entities) == 5
        table = screen.query_one(DataTable)
        first = str(table.columns[list(table.columns)[1]].label)
        assert first == "Kata’ib Hezbollah" and table.row_count > 3
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen) and app.screen.entity_id == "kataib-hezbollah"


async def test_help_opens_and_closes(app: BroadsheetApp) -> None:
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_every_binding_has_a_description(app: BroadsheetApp) -> None:
    async with app.run_test():
        for screen in (app.reader, EntityScreen, SynopticScreen):
            for binding in getattr(screen, "BINDINGS", []):
                assert binding.description, binding


async def test_80x24_collapses_panes(app: BroadsheetApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reader = app.reader
        assert reader.has_class("-narrow")
        assert not reader.query_one("#side").display and not reader.query_one(ArticleView).display
        await pilot.press("enter", "enter")  # results, then open the first
        await settle(pilot)
        assert reader.query_one(ArticleView).display and not reader.query_one(ResultsList).display
        await pilot.press("e")
        assert reader.query_one("#side").display
        await pilot.press("escape")
        assert reader.query_one(ResultsList).display


async def test_no_results_and_bad_query_say_what_to_do(app: BroadsheetApp) -> None:
    notes: list[str] = []
    async with app.run_test() as pilot:
        await settle(pilot)
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await pilot.press(*"zebra")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "No matches" in str(app.reader.query_one("#status").render())
        app.reader.query_one(Input).value = "date:banana"
        await pilot.pause(0.3)
        await settle(pilot)
        assert any("dates look like" in n for n in notes)


HOSTILE = (
    '---\ntitle: "[bold red]Not markup[/] \\e[31m"\n---\n'
    "The [red]tag[/red] and [a link](http://evil.example) and <script>alert(1)</script> and # heading "
    "and *stars* and \x1b]0;pwned\x07 stay literal in this long enough paragraph of article text.\n"
)


async def shown_article(tmp_path: Path, name: str) -> tuple[str, str, ArticleView]:
    """Open the one article of a corpus holding ``HOSTILE`` as ``name``: (header, body, view)."""
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / name).write_text(HOSTILE)
    app = BroadsheetApp(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        view = app.reader.query_one(ArticleView)
        assert view.article is not None
        head = str(app.reader.query_one("#article-head").render())
        body = app.reader.query_one("#article-body", Markdown)
        assert len(body.children) == 1  # one paragraph: no heading, no list, no HTML block
        shown = " ".join(str(getattr(block, "_content", "")) for block in body.children)
    return head, shown, view


async def test_hostile_text_stays_text(tmp_path: Path) -> None:
    head, shown, _ = await shown_article(tmp_path, "evil.txt")
    assert "[bold red]Not markup[/]" in head
    for literal in (
        "[red]tag[/red]",
        "[a link](http://evil.example)",
        "<script>alert(1)</script>",
        "# heading",
        "*stars*",
    ):
        assert literal in shown
    assert "\x1b" not in shown and "\x07" not in shown


async def test_hostile_markdown_is_parsed_as_markdown_never_as_terminal_markup(tmp_path: Path) -> None:
    head, shown, view = await shown_article(tmp_path, "evil.md")
    assert "[bold red]Not markup[/]" in head
    assert "[red]tag[/red]" in shown and "a link and" in shown and "# heading" in shown
    assert "http://evil.example" not in shown and "<script>" not in shown and "alert(1)" not in shown
    assert "\x1b" not in shown and "\x07" not in shown
    assert view.article is not None
    (link,) = view.article.links
    assert view.article.text[link.start : link.end] == "a link" and link.href == "http://evil.example"


async def test_a_missing_corpus_is_a_notification_not_a_traceback(tmp_path: Path) -> None:
    app = BroadsheetApp(tmp_path / "nowhere", tmp_path / "index")
    async with app.run_test() as pilot:
        await settle(pilot)
        notes = [(str(n.message), n.severity) for n in app._notifications]
    assert any("no such folder" in m and sev == "error" for m, sev in notes)


async def test_w_offers_the_links_of_the_article_and_opens_only_the_one_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens.links import LinksScreen

    monkeypatch.setattr("tui.citation.browser_available", lambda: True)  # as if on a desktop

    corpus = tmp_path / "links"
    corpus.mkdir()
    fixture = Path(__file__).parent / "fixtures" / "formats" / "mixed-post.md"
    (corpus / "post.md").write_text(fixture.read_text())
    app = BroadsheetApp(corpus, tmp_path / "index")
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        assert [url for _, url in app.screen.links] == [
            "https://news.example.org/bridge",
            "https://dunmore.example.gov/statement",
        ]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, LinksScreen) and opened == []
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
    assert opened == ["https://dunmore.example.gov/statement"]


async def test_the_palette_offers_the_screens_actions_before_anything_is_typed(app: BroadsheetApp) -> None:
    from textual.command import CommandList, CommandPalette

    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "ctrl+p")
        await settle(pilot)
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        listed = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        reader_keys = {b.description for b in ReaderScreen.BINDINGS if b.description and b.show}
        assert any(label.startswith("Next hit (") for label in listed), listed
        assert reader_keys & {label.split(" (")[0] for label in listed} == reader_keys
        await pilot.press("down", "enter")  # run one: the palette closes
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)


async def test_side_by_side_of_many_articles_shows_more_columns_on_request(tmp_path: Path) -> None:
    from tui.screens.synoptic import FIRST_COLUMNS

    corpus = tmp_path / "many"
    corpus.mkdir()
    for n in range(FIRST_COLUMNS + 4):
        (corpus / f"a{n:02d}.md").write_text(
            f"---\ntitle: Report {n} on the harbour\npublished: 2024-03-{n + 1:02d}\nsource: Outlet {n}\n---\n\n"
            f"On March {n + 1}, 2024, the harbour board of Quarrytown met to discuss the dock strike.\n"
        )
    app = BroadsheetApp(corpus, tmp_path / "ix")
    async with app.run_test(size=(300, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "s")
        await settle(pilot)
        assert isinstance(app.screen, SynopticScreen)
        table = app.screen.query_one(DataTable)
        assert table.fixed_columns == 1  # the date column stays when the table scrolls sideways
        assert len(table.columns) == 1 + FIRST_COLUMNS
        head = str(app.screen.query_one("#synoptic-head").render())
        assert f"{FIRST_COLUMNS} of {FIRST_COLUMNS + 4} columns shown" in head
        wide = [c.width for c in list(table.columns.values())[1:]]
        await pilot.press("plus")
        await settle(pilot)
        assert len(table.columns) == 1 + FIRST_COLUMNS + 4
        assert "columns shown" not in str(app.screen.query_one("#synoptic-head").render())
        assert min(wide) > min(c.width for c in list(table.columns.values())[1:])  # 8 columns share more room


async def test_an_open_article_gets_the_room_the_results_list_gives_up(app: BroadsheetApp) -> None:
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        results, article = app.screen.query_one(ResultsList), app.screen.query_one(ArticleView)
        listing = (results.size.width, article.size.width)
        await pilot.press("escape", "enter")  # open the first result
        await settle(pilot)
        assert app.screen.has_class("-reading")
        assert results.size.width < listing[0] and article.size.width > listing[1]
