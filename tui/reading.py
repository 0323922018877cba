"""The reader's bookmarks, read state and citations (mixed into :class:`tui.screens.reader.ReaderScreen`).

The annotations file is small and local, so it is read and written on the UI thread; what needs
the corpus (the list of its articles) runs in a thread worker, and a result for a library that has
since been replaced is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App
from textual.screen import Screen
from textual.widgets import Label

from index.annotations import AnnotationBook, AnnotationsError, excerpt, new_bookmark

from . import citation
from .widgets.article import ArticleView
from .widgets.results import ResultsList

if TYPE_CHECKING:
    from .library import Library
    from .screens.note import NoteInput

UNREAD, NEW = "•", "• new"


def book_of(app: App[object]) -> AnnotationBook:
    """The app's annotations of its corpus."""
    book = getattr(app, "annotations", None)
    assert isinstance(book, AnnotationBook), "the app has no annotations"
    return book


def annotate(app: App[object], change: Callable[[AnnotationBook], object], quiet: bool = False) -> bool:
    """Apply a change to the annotations and save it; False (and a notification naming the file)
    when it could not be saved (the change is still kept for this session). ``quiet`` changes (read
    state) say nothing when a problem with the file has already been reported."""
    book = book_of(app)
    try:
        change(book)
    except AnnotationsError as err:
        if not (quiet and book.problem):
            app.notify(str(err), title="Bookmarks not saved", severity="error", timeout=10)
        book.problem = str(err)
        return False
    return True


class ReaderAnnotations(Screen[None]):
    """Read markers, the unread filter, bookmarking and copying of the reader."""

    library: Library | None
    article_id: str | None
    new_ids: frozenset[str] = frozenset()
    unread_only = False

    def run_search(self) -> None:
        raise NotImplementedError  # the reader's

    def _results(self) -> ResultsList:
        return self.query_one("#results", ResultsList)

    # ---- read state
    def start_session(self, library: Library) -> None:
        """Once the corpus is open: find the articles new since the last session, show the markers."""
        results = self._results()
        results.mark_for = self.result_mark
        results.keep = lambda article_id: not self.unread_only or not book_of(self.app).is_read(article_id)
        self._list_articles(library)

    @work(thread=True, exclusive=True, group="session", exit_on_error=False)
    def _list_articles(self, library: Library) -> None:
        ids = library.first_articles(library.article_count)
        self.app.call_from_thread(self._session_started, library, ids)

    def _session_started(self, library: Library, ids: list[str]) -> None:
        if library is not self.library:
            return  # a newer index was opened meanwhile: its own session start follows
        annotate(self.app, lambda book: book.start_session(ids), quiet=True)
        self.new_ids = book_of(self.app).new_articles
        self._results().refresh_marks()
        self.show_reading_status()

    def result_mark(self, article_id: str) -> str:
        """The marker of an article in the results: nothing once read, else unread (or new)."""
        if book_of(self.app).is_read(article_id):
            return ""
        return NEW if article_id in self.new_ids else UNREAD

    def note_opened(self, article_id: str) -> None:
        """An article was shown: it is read from now on."""
        if not book_of(self.app).is_read(article_id):
            annotate(self.app, lambda book: book.mark_read(article_id), quiet=True)
            self._results().refresh_marks()
            self.show_reading_status()

    def show_reading_status(self) -> None:
        new = len([a for a in self.new_ids if not book_of(self.app).is_read(a)])
        parts = ["unread only"] if self.unread_only else []
        if new:
            parts.append(f"{new} new since last session")
        label = self.query_one("#reading-status", Label)
        label.update(Text("· " + " · ".join(parts), style="bold"))
        label.display = bool(parts)  # no room taken from the search bar when there is nothing to say

    def action_toggle_unread(self) -> None:
        """Show only the articles not opened yet, or every article again."""
        self.unread_only = not self.unread_only
        self.show_reading_status()
        self.run_search()

    # ---- bookmarks and citations
    def action_bookmark(self) -> None:
        """Bookmark the passage at the cursor, asking for a note and tags."""
        from .screens.note import NoteScreen

        view = self.query_one("#article", ArticleView)
        span = citation.passage_at_cursor(view)
        if view.article is None or span is None:
            self.notify("Open an article to bookmark a passage of it.")
            return
        article, (start, end) = view.article, span

        def save(answer: NoteInput | None) -> None:
            if answer is None:
                return
            bookmark = new_bookmark(article, start, end, answer.note, answer.tags)
            if annotate(self.app, lambda book: book.add(bookmark)):
                self.notify("Bookmarked “" + excerpt(bookmark.quote, 60) + "” (B lists bookmarks)", timeout=4)

        self.app.push_screen(NoteScreen(article.text[start:end]), save)

    def action_cite(self) -> None:
        """Copy the passage at the cursor with its citation."""
        view = self.query_one("#article", ArticleView)
        span = citation.passage_at_cursor(view)
        if view.article is None or span is None:
            self.notify("Open an article to copy a passage of it.")
            return
        self.app.copy_to_clipboard(citation.cited_passage(view.article, *span))
        self.notify("Copied “" + excerpt(view.article.text[span[0] : span[1]], 60) + "” with its citation.", timeout=3)

    def action_copy_url(self) -> None:
        """Copy the article's web address."""
        article = self.query_one("#article", ArticleView).article
        if article is None or not article.url:
            self.notify("This article has no web address to copy.")
            return
        self.app.copy_to_clipboard(article.url)
        self.notify("Copied " + article.url, timeout=3)

    def offer_copy(self, links: list[tuple[str, str]]) -> None:
        """No web browser here: offer to copy the address (or the chosen link) instead."""
        from .screens.confirm import ConfirmScreen
        from .screens.links import LinksScreen

        def copy(url: str | None) -> None:
            if url:
                self.app.copy_to_clipboard(url)
                self.notify("Copied " + url, timeout=3)

        if len(links) == 1:
            url = links[0][1]
            question = f"No web browser can be opened here. Copy {url} to the clipboard instead?"
            self.app.push_screen(ConfirmScreen(question), lambda ok: copy(url if ok else None))
            return
        self.app.push_screen(LinksScreen(links, "No web browser can be opened here. Copy which link?"), copy)
