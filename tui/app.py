"""The reader: a Textual app over an indexed corpus.

With an index already built, the reader opens it at once and brings it up to date in a thread
worker (the status line says so; the results refresh when a changed index is published). A first
build shows a progress bar and can be cancelled (Esc). Searches and look-ups run in workers; every
jump goes through :meth:`BroadsheetApp.go` and the back/forward history.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from index.annotations import AnnotationBook
from index.locations import annotations_file
from index.sanitize import for_terminal, problem_for_display

from .corrections_ui import Corrector
from .live import CorpusWatcher
from .messages import IndexProgressed, IndexUpdated, LibraryLoaded, NavigationRequested
from .navigation import History, Location
from .screens.reader import ReaderScreen

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from index.pipeline import BuildReport, Progress
    from index.store import IndexStore

    from .library import Library

#: after the last index is shown, the check of the corpus for changes waits this long (in steps, so
#: that quitting stops it at once): the first searches then do not share the interpreter with it
SETTLE_S = 0.75
SETTLE_STEPS = 15


# The screens a session opens later, and the palette's provider, are imported when first needed:
# the reader's first paint waits for every import at start-up.


def _corpus_commands() -> type[Provider]:
    from .commands import CorpusCommands

    return CorpusCommands


class BroadsheetApp(App[None]):
    """broadsheet's reader."""

    CSS_PATH = "app.tcss"
    TITLE = "broadsheet"
    COMMANDS = App.COMMANDS | {_corpus_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", key_display="^q", priority=True),
        Binding("q", "quit", "Quit", show=False),
        Binding(
            "ctrl+r",
            "reload",
            "Reload",
            key_display="^r",
            priority=True,
            tooltip="Re-read the corpus folder in the background (new, changed and removed files)",
        ),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("left_square_bracket,alt+left", "back", "Back", key_display="["),
        Binding("right_square_bracket,alt+right", "forward", "Fwd", key_display="]"),
        Binding("s", "synoptic", "Side by side"),
        Binding("B", "bookmarks", "Bookmarks", key_display="B"),
        Binding(
            "K",
            "key_dates",
            "Key dates",
            key_display="K",
            tooltip="The days the listed articles (or, on an entity page, the entity's events) date most",
        ),
    ]

    def __init__(self, corpus: Path, index_dir: Path | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.index_dir = index_dir
        self.library: Library | None = None
        self.history = History()
        self.reader = ReaderScreen()
        self.updating = False
        self.corrector = Corrector(self)
        self.annotations = AnnotationBook.open(annotations_file(corpus))  # bookmarks and read state
        self.watcher: CorpusWatcher | None = None
        self._reload_pending = False

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast whose text is data: sanitised, and never read as markup (so a ``[@click=...]`` or
        ``[/]`` in a quoted file name, front-matter value or YAML error shows literally).

        Every ``notify`` of a widget or screen arrives here; ``markup`` is ignored on purpose.
        """
        super().notify(
            for_terminal(str(message), multiline=True),
            title=for_terminal(str(title)),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def on_mount(self) -> None:
        self.push_screen(self.reader)
        self.load_library()
        if self.annotations.problem:
            self.notify(self.annotations.problem, title="Bookmarks", severity="error", timeout=15)

    def reindex(self, reason: str) -> None:
        """Bring the index up to date after a change of the corpus's files or corrections (the open
        library stays until the updated one replaces it). Asked while a build runs, it runs once
        more after it."""
        if any(w.group == "load" and not w.is_finished for w in self.workers):
            self._reload_pending = True
            return
        self.updating = True
        self.reader.show_update(0, 0, reason)
        self.load_library(reopen=False)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_library(self, reopen: bool = True) -> None:
        """Open the corpus off the UI thread: its last index at once, if there is one, then bring
        the index up to date (a changed index is opened and replaces the shown one). A reload
        (``reopen`` False) keeps the open library until the update has a changed index."""
        from textual.worker import get_current_worker

        from .library import Library  # the index stack loads here, after the first frame

        worker = get_current_worker()
        existing = self.library
        if reopen or existing is None:
            existing = Library.open_existing(self.corpus, self.index_dir)
        if existing is not None and existing is not self.library:
            self.post_message(LibraryLoaded(existing, updating=True))
            # the first searches run before the check for changes (one interpreter: they would share it)
            for _ in range(SETTLE_STEPS):
                if worker.is_cancelled:
                    self.post_message(IndexUpdated(None, "index check cancelled; showing the last complete index"))
                    return
                time.sleep(SETTLE_S / SETTLE_STEPS)

        from index.pipeline import BuildCancelled, build  # the ingest stack: after the last index is shown

        def progress(p: Progress) -> None:
            self.post_message(IndexProgressed(p))

        try:
            report = build(self.corpus, self.index_dir, progress=progress, cancel=lambda: worker.is_cancelled)
        except BuildCancelled as err:
            self.post_message(
                IndexUpdated(None, str(err) if existing else "Indexing stopped before any index was saved")
            )
            return
        except Exception as err:
            if existing is None:
                raise
            self.post_message(IndexUpdated(None, str(err)))  # the last good index stays open
            return
        if existing is not None and not report.changed:
            self.post_message(IndexUpdated(report))
            return
        self.post_message(LibraryLoaded(Library(report.corpus, existing.store if existing else _store(report), report)))

    def action_cancel_indexing(self) -> None:
        """Stop the running build (the last complete index, if any, stays as it is)."""
        for worker in self.workers:
            if worker.group == "load" and worker.is_running:
                worker.cancel()
                self.notify("Stopping the index build…", severity="information", timeout=3)
                if self.library is None:
                    self.reader.show_stopping()

    def on_index_progressed(self, message: IndexProgressed) -> None:
        p = message.progress
        if self.library is None:
            self.reader.show_progress(p.done, p.total, p.stage)
        else:
            self.reader.show_update(p.done, p.total, p.stage)

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        old, self.library = self.library, message.library
        self.updating = message.updating
        self.reader.loaded(message.library, updating=message.updating)
        self.corrector.library_changed(message.library)
        if old is None:
            self.history.visit(Location("home"))
            self._watch_corpus(message.library)
        else:
            # workers may still be reading the old generation: close it once they are done
            self.set_timer(5.0, old.close)
        self._report_problems(message.library.report)

    def on_index_updated(self, message: IndexUpdated) -> None:
        self.updating = False
        if message.error is not None:
            if self.library is None:
                self.reader.show_stopped(message.error)
            else:
                self.reader.update_finished(message.error)
            return
        self.reader.update_finished(None)
        self._report_problems(message.report)

    def _report_problems(self, report: BuildReport | None) -> None:
        for problem in report.new_problems[:5] if report is not None else []:
            self.notify(problem_for_display(problem), title="Skipped or repaired", severity="warning", timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Failures of any worker become notifications, never tracebacks."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            title = "Cannot open the corpus" if event.worker.group == "load" else "Error"
            self.notify(str(error), title=title, severity="error", timeout=15)
        if event.worker.group == "load" and event.worker.is_finished and self._reload_pending:
            self._reload_pending = False
            self.action_reload()

    # ---- a live corpus
    def action_reload(self) -> None:
        """Re-read the corpus folder in the background (the incremental build); the results
        refresh when the index changed. Asked again while a build runs, it runs once more after."""
        if self.library is None:
            self.notify("The corpus is still loading.", severity="information", timeout=3)
            return
        self.reindex("reading the corpus folder")

    def _watch_corpus(self, library: Library) -> None:
        """Re-read the corpus whenever its folder changes (see :mod:`tui.live`)."""
        self.watcher = CorpusWatcher(library.corpus, self._corpus_changed, ignore=library.store.root.resolve())
        self.watcher.start()

    def _corpus_changed(self) -> None:
        """(From the watcher's thread.) Files changed under the corpus folder."""
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.call_from_thread(self.action_reload)

    async def on_navigation_requested(self, message: NavigationRequested) -> None:
        await self.go(message.location)

    def _remember_scroll(self) -> None:
        """Keep how far the open article is scrolled in its history entry, before leaving it."""
        here = self.history.current
        leaving = here is not None and here.kind == "article" and self.screen is self.reader
        if leaving and here is not None and self.reader.article_id == here.target:
            self.history.replace_current(replace(here, scroll=self.reader.article_scroll))

    # ---- navigation
    async def go(self, location: Location, record: bool = True) -> None:
        """Show a location, recording it in the history unless it comes from back/forward."""
        from .screens.entity import EntityScreen
        from .screens.keydates import KeyDatesScreen
        from .screens.synoptic import SynopticScreen

        if self.library is None:
            self.notify("The corpus is still loading.", severity="information")
            return
        if location.kind == "entity" and self.library.entity_by_id(location.target) is None:
            self.notify(f"No entity {location.target!r}.", severity="warning")
            return
        self._remember_scroll()
        if record:
            self.history.visit(location)
        if location.kind in ("article", "home"):
            while self.screen is not self.reader:
                self.pop_screen()
            if location.kind == "article":
                await self.reader.show_article(location.target, location.offset, location.scroll)
            else:
                self.reader.action_focus_search()
        elif location.kind == "entity":
            if isinstance(self.screen, EntityScreen):
                self.screen.show_entity(location.target)
            else:
                while self.screen is not self.reader:
                    self.pop_screen()
                await self.push_screen(EntityScreen(self.library, location.target))
        elif location.kind == "keydates":
            while self.screen is not self.reader:
                self.pop_screen()
            target = location.target
            if target.startswith("entity:"):
                screen = KeyDatesScreen(self.library, entity=target.removeprefix("entity:"))
            elif target.startswith("articles:"):
                screen = KeyDatesScreen(self.library, articles=json.loads(target.removeprefix("articles:")))
            else:
                screen = KeyDatesScreen(self.library)
            await self.push_screen(screen)
        elif location.kind == "synoptic":
            while self.screen is not self.reader:
                self.pop_screen()
            target = location.target
            if target.startswith("entities:"):
                entities = target.removeprefix("entities:").split(",")
                articles = sorted({a for eid in entities for a in self.library.entity_articles(eid)})
                await self.push_screen(SynopticScreen(self.library, articles, entities))
            else:
                await self.push_screen(SynopticScreen(self.library, target.split(",") if target else []))

    async def action_back(self) -> None:
        location = self.history.back()
        if location is None:
            self.notify("Nothing to go back to.", severity="information", timeout=2)
            return
        await self.go(location, record=False)

    async def action_forward(self) -> None:
        location = self.history.forward()
        if location is not None:
            await self.go(location, record=False)

    async def action_synoptic(self) -> None:
        """Side by side: of the listed articles, or (from an entity page) of an entity and its links."""
        from .screens.entity import EntityScreen
        from .screens.synoptic import MAX_COLUMNS
        from .widgets.results import ResultsList

        if isinstance(self.screen, EntityScreen) and self.library is not None:
            eid = self.screen.entity_id
            chosen = [eid] + [other.id for other, _ in self.library.linked(eid, 4)]
            await self.go(Location("synoptic", "entities:" + ",".join(chosen)))
            return
        listed = [o.id for o in self.reader.query_one("#results", ResultsList).options if o.id]
        await self.go(Location("synoptic", ",".join(listed[:MAX_COLUMNS])))

    async def action_key_dates(self) -> None:
        """Key dates: of the entity (on its page), of the listed search results, or of the whole
        corpus when nothing is searched or filtered."""
        from .screens.entity import EntityScreen
        from .screens.keydates import KeyDatesScreen
        from .widgets.results import ResultsList

        if isinstance(self.screen, EntityScreen):
            await self.go(Location("keydates", "entity:" + self.screen.entity_id))
            return
        if isinstance(self.screen, KeyDatesScreen):
            return
        if self.reader.query_text.strip() or self.reader.filters:
            listed = [o.id for o in self.reader.query_one("#results", ResultsList).options if o.id]
            await self.go(Location("keydates", "articles:" + json.dumps(listed)))
            return
        await self.go(Location("keydates"))

    async def action_bookmarks(self) -> None:
        """The corpus's bookmarks (over the reader)."""
        from .screens.bookmarks import BookmarksScreen

        if self.library is None:
            self.notify("The corpus is still loading.", severity="information")
            return
        while self.screen is not self.reader:
            self.pop_screen()
        await self.push_screen(BookmarksScreen(self.library))

    def action_help(self) -> None:
        """Help for the screen it is asked on: its keys and the app's, read from the bindings."""
        from .screens.entity import EntityScreen
        from .screens.help import HelpScreen, help_markdown
        from .screens.keydates import KeyDatesScreen
        from .screens.synoptic import SynopticScreen

        if isinstance(self.screen, HelpScreen):
            return
        name = {ReaderScreen: "reader", EntityScreen: "entity page", SynopticScreen: "side by side",
                KeyDatesScreen: "key dates"}  # fmt: skip
        text = help_markdown(self, self.screen, name.get(type(self.screen), "this page"))
        self.push_screen(HelpScreen(text))

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        if self.library is not None:
            self.library.close()


def _store(report: BuildReport) -> IndexStore:
    from index.store import IndexStore

    return IndexStore(report.index_dir)
