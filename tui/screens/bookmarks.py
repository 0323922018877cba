"""The bookmarks of the corpus: jump to one, edit its note, delete it, copy them all as Markdown."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from index.annotations import Bookmark, anchor, excerpt, to_markdown

from ..navigation import Location
from ..reading import annotate, book_of
from ..render import plain, title_text
from .confirm import ConfirmScreen
from .note import NoteInput, NoteScreen

if TYPE_CHECKING:
    from ..library import Library

NOT_FOUND = "⚠ passage no longer found"


def bookmark_prompt(b: Bookmark) -> Text:
    """Title, outlet and date, the quote (cut at a word), note and tags; all of it literal."""
    lines = [title_text(b.title, b.path or b.article)]
    meta = " · ".join(x for x in (b.source, b.published) if x)
    if meta:
        lines.append(plain(meta, style="dim"))
    quote = plain("“" + excerpt(b.quote, 110) + "”", style="italic")
    if not b.found:
        quote = Text.assemble((NOT_FOUND + ": ", "bold"), quote)
    lines.append(quote)
    if b.note:
        lines.append(Text.assemble(("Note: ", "dim"), plain(excerpt(b.note, 200))))
    if b.tags:
        lines.append(plain(" ".join("#" + t for t in b.tags), style="dim"))
    return Text("\n").join([*lines, Text("")])


class BookmarksScreen(Screen[None]):
    """Every bookmark of the corpus, re-anchored on the current text when the screen opens."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("e", "edit", "Edit note"),
        Binding("d", "delete", "Delete"),
        Binding("c", "copy_all", "Copy all (Markdown)"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Static("", id="bookmarks-head")
        yield OptionList(id="bookmark-list")
        yield Footer()

    def on_mount(self) -> None:
        self.show_bookmarks()
        self.query_one("#bookmark-list", OptionList).focus()
        self._reanchor(self.library, book_of(self.app).bookmarks)

    def show_bookmarks(self) -> None:
        """List the bookmarks (the highlighted one stays highlighted when it is still there)."""
        bookmarks = book_of(self.app).bookmarks
        listing = self.query_one("#bookmark-list", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(bookmark_prompt(b), id=b.id) for b in bookmarks])
        if bookmarks:
            listing.highlighted = min(keep or 0, len(bookmarks) - 1)
        lost = sum(not b.found for b in bookmarks)
        head = f"{len(bookmarks)} bookmark{'' if len(bookmarks) == 1 else 's'}"
        head += f" · {lost} no longer found" if lost else ""
        head += " · Enter opens" if bookmarks else " · press b in an article to bookmark its passage"
        self.query_one("#bookmarks-head", Static).update(Text(head))

    @work(thread=True, exclusive=True, group="reanchor", exit_on_error=False)
    def _reanchor(self, library: Library, bookmarks: tuple[Bookmark, ...]) -> None:
        """Find each quote in its article's current text (off the UI thread: it reads the corpus)."""
        moved = [(b, anchor(b, library.article(b.article))) for b in bookmarks]
        self.app.call_from_thread(self._reanchored, [(old, new) for old, new in moved if new != old])

    def _reanchored(self, moved: list[tuple[Bookmark, Bookmark]]) -> None:
        book = book_of(self.app)
        # a bookmark edited or deleted meanwhile keeps the reader's change
        changed = [new for old, new in moved if book.bookmark(old.id) == old]
        if changed:
            annotate(self.app, lambda b: b.update(changed))
            self.show_bookmarks()

    def selected(self) -> Bookmark | None:
        listing = self.query_one("#bookmark-list", OptionList)
        if listing.highlighted is None or not listing.option_count:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id
        return book_of(self.app).bookmark(option_id) if option_id else None

    @on(OptionList.OptionSelected, "#bookmark-list")
    async def _jump(self, event: OptionList.OptionSelected) -> None:
        b = book_of(self.app).bookmark(event.option.id or "")
        if b is None:
            return
        if not b.found:
            self.notify("The passage is no longer in the article; opening the article.", severity="warning")
        await self.app.go(Location("article", b.article, b.start if b.found else None))  # type: ignore[attr-defined]

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_edit(self) -> None:
        b = self.selected()
        if b is None:
            return

        def edited(answer: NoteInput | None) -> None:
            if answer is not None:
                changed = replace(b, note=answer.note, tags=answer.tags)
                if annotate(self.app, lambda book: book.update([changed])):
                    self.show_bookmarks()

        self.app.push_screen(NoteScreen(b.quote, "Edit the bookmark's note and tags", b.note, b.tags), edited)

    def action_delete(self) -> None:
        b = self.selected()
        if b is None:
            return

        def answered(ok: bool | None) -> None:
            if ok and annotate(self.app, lambda book: book.delete(b.id)):
                self.show_bookmarks()
                self.notify("Bookmark deleted.", timeout=3)

        self.app.push_screen(ConfirmScreen(f"Delete the bookmark “{excerpt(b.quote, 80)}”?"), answered)

    def action_copy_all(self) -> None:
        bookmarks = book_of(self.app).bookmarks
        if not bookmarks:
            self.notify("No bookmarks to copy.")
            return
        self.app.copy_to_clipboard(to_markdown(bookmarks))
        self.notify(f"Copied {len(bookmarks)} bookmarks as Markdown.", timeout=3)
