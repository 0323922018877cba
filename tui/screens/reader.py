"""The main screen: search bar, results, article pane, entity sidebar and the article's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, Markdown, OptionList, ProgressBar, Static

from index.filters import Filters
from index.sanitize import path_for_display
from index.wording import count

from ..messages import NavigationRequested, SearchFinished
from ..navigation import Location
from ..reading import ReaderAnnotations
from ..render import hit_spans, plain
from ..status import library_status, results_status
from ..widgets.article import ArticleView
from ..widgets.chips import FilterChips
from ..widgets.results import ResultsList
from ..widgets.sidebar import TYPE_LABELS, ArticleTimeline, EntitySidebar

if TYPE_CHECKING:
    from index.models import Article, Entity, Event

    from ..library import Library

DEBOUNCE = 0.15
ENTITY_TYPE_TIP = "Entities sidebar: people, organisations, places or other only, or all"
NARROW = 100


@dataclass(frozen=True)
class OpenedArticle:
    """What the reader shows of an article, looked up in a worker."""

    article: Article
    mentions: list[tuple[int, int, str]]
    entities: dict[str, list[tuple[Entity, int]]]
    events: list[Event]
    focus: tuple[int, int] | None


class ReaderScreen(ReaderAnnotations):
    """Search, read, and jump to entities."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("n", "next_hit", "Next hit"),
        Binding("N", "previous_hit", "Prev hit", key_display="N"),
        Binding("o", "toggle_sort", "Sort"),
        Binding("e", "toggle_side", "Entities/timeline"),
        Binding("f", "filter", "Filter"),
        Binding("t", "cycle_entity_type", "Entity type", show=False, tooltip=ENTITY_TYPE_TIP),
        Binding("w", "open_url", "Open URL", show=False),
        Binding("b", "bookmark", "Bookmark"),
        Binding("u", "toggle_unread", "Unread"),
        Binding("y", "cite", "Copy passage", show=False),
        Binding("Y", "copy_url", "Copy URL", key_display="Y", show=False),
        Binding("escape", "escape", "Back out", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.library: Library | None = None
        self.query_text = ""
        self.sort = "relevance"
        self.filters = Filters()
        self._timer: Timer | None = None
        self.article_id: str | None = None
        self._wanted: tuple[str, int | None] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Input(placeholder='Search: words, "phrases", prefix*, fuzzy~, entity:ID, date:2024-01', id="search")
            yield Label("", id="status")
            yield Label("", id="reading-status")
        yield FilterChips(id="chips")
        with Vertical(id="loading"):
            yield Label("Opening the corpus…", id="loading-label")
            yield ProgressBar(id="loading-bar", show_eta=False)
        with Horizontal(id="main"):
            yield ResultsList(id="results")
            yield ArticleView(id="article")
            with Vertical(id="side"):
                yield Static(Text("Entities", style="bold"), classes="side-title")
                yield EntitySidebar(id="entities")
                yield Static(Text("Timeline", style="bold"), classes="side-title")
                yield ArticleTimeline(id="timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()
        self._layout(self.size.width)

    def on_resize(self) -> None:
        self._layout(self.size.width)

    def _layout(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")

    # ---- loading
    _stopping = False

    def show_progress(self, done: int, total: int, stage: str = "reading files") -> None:
        """Move the progress bar; a message that arrives after the loading panel is gone is dropped
        (and while the build is stopping, the label keeps saying so)."""
        if self._stopping:
            return
        bars, labels = self.query("#loading-bar").results(ProgressBar), self.query("#loading-label").results(Label)
        for bar in bars:
            bar.update(total=total or None, progress=done)
        files = f"Indexing the corpus: {done} of {count(total, 'file')}…"
        label = files if stage == "reading files" else f"Indexing: {stage}…"
        for widget in labels:
            widget.update(plain(label + "  (Esc stops)"))

    def show_stopping(self) -> None:
        """The first build was asked to stop (progress messages still on their way are dropped)."""
        self._stopping = True
        for widget in self.query("#loading-label").results(Label):
            widget.update(plain("Stopping the index build…"))

    def show_stopped(self, why: str) -> None:
        """The first build stopped before there was an index to show."""
        for widget in self.query("#loading-label").results(Label):
            widget.update(plain(f"{why}. Quit with q and open the corpus again to index it."))

    def show_update(self, done: int, total: int, stage: str) -> None:
        """Progress of the background update, in the status line (the open index stays usable)."""
        what = f"{done} of {count(total, 'file')}" if stage == "reading files" else stage
        self.query_one("#status", Label).update(Text(f"updating the index: {what}…", style="italic"))

    def update_finished(self, error: str | None) -> None:
        """The background update found nothing new, or could not run (the open index stays)."""
        if self.library is not None:
            self._show_count(self.library, "" if error is None else " · index not updated")
        if error is not None:
            self.notify(error, title="Index not updated", severity="warning", timeout=8)

    def _show_count(self, library: Library, note: str = "") -> None:
        skipped = library.report.skipped if library.report is not None else 0
        self.query_one("#status", Label).update(Text(library_status(library.article_count, skipped) + note))

    def loaded(self, library: Library, updating: bool = False) -> None:
        """Show a newly opened library; a refreshed one (after a background update) re-runs the search."""
        refreshed = self.library is not None
        self.library = library
        self.add_class("-ready")
        self._show_count(library, " · updating the index…" if updating else "")
        self.start_session(library)
        if refreshed and library.article_count:
            self._refresh()
            return
        if not library.article_count:
            self.query_one("#results", ResultsList).show_results(library.search(""))
            where = path_for_display(str(library.corpus))
            self.query_one("#article-head", Static).update(
                Text(f"No articles in {where}. Add .md, .txt or .html files there and restart.", style="bold")
            )
            return
        self.run_search()

    # ---- search as you type
    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.run_search)

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.run_search()
        self.query_one("#results", ResultsList).focus()

    def run_search(self) -> None:
        if self.library is not None:
            self._search(self.query_text, self.sort, self.filters)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, sort: str, filters: Filters) -> None:
        assert self.library is not None
        from index.search import QueryError

        try:
            results = self.library.search(query, sort, filters=filters)
        except QueryError as err:
            self.app.call_from_thread(self.notify, str(err), title="Query", severity="warning")
            return
        self.post_message(SearchFinished(results, sort))

    def on_search_finished(self, message: SearchFinished) -> None:
        results = message.results
        listing = self.query_one("#results", ResultsList)
        listing.show_results(results)
        status = results_status(results, message.sort, bool(self.filters))
        if self.unread_only and results.total:  # the list leaves out the read articles: say how many it shows
            status = f"{len(listing.hits):,} unread of {status}"
        self.query_one("#status", Label).update(Text(status))
        for note in results.notes:
            self.notify(note, title="Query", severity="information")

    # ---- opening articles
    @on(OptionList.OptionSelected, "#results")
    def _open_result(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(NavigationRequested(Location("article", event.option.id)))

    async def show_article(self, article_id: str, offset: int | None = None, scroll: float | None = None) -> None:
        """Open an article (called by the app when navigating), at a sentence (``offset``) or a scroll
        position it was left at: its text and look-ups are loaded in a worker, and only the latest
        request is shown."""
        assert self.library is not None
        self._wanted = (article_id, offset)
        self._load_article(self.library, article_id, offset, scroll)

    @property
    def article_scroll(self) -> float:
        """How far the open article is scrolled."""
        return self.query_one("#article", ArticleView).scroll_y

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load_article(self, library: Library, article_id: str, offset: int | None, scroll: float | None) -> None:
        article = library.article(article_id)
        if article is None:
            self.app.call_from_thread(
                self.notify, f"Article {article_id!r} is no longer in the index.", severity="error"
            )
            return
        opened = OpenedArticle(
            article,
            library.mentions_in(article_id),
            library.entities_in(article_id),
            library.events_of(article_id),
            library.sentence_at(article_id, offset) if offset is not None else None,
        )
        self.app.call_from_thread(self._display, article_id, offset, opened, scroll)  # type: ignore[arg-type]

    async def _display(
        self, article_id: str, offset: int | None, opened: OpenedArticle, scroll: float | None = None
    ) -> None:
        if self._wanted != (article_id, offset):
            return  # the reader has asked for another article since
        self.article_id = article_id
        view = self.query_one("#article", ArticleView)
        await view.show_article(opened.article, opened.mentions, hit_spans(opened.article.text, self.query_text))
        self.query_one("#entities", EntitySidebar).show_entities(opened.entities)
        self.query_one("#timeline", ArticleTimeline).show_events(opened.events)
        self.add_class("-reading")
        self.note_opened(article_id)
        if opened.focus is not None:
            await view.focus_span(*opened.focus)
        if scroll is not None:
            view.restore_scroll(scroll)
        view.focus()

    def _refresh(self) -> None:
        """After a background update: run the search again and refresh the open article's panels."""
        self.run_search()
        if self.article_id is not None and self.library is not None:
            self._load_side(self.library, self.article_id)

    @work(thread=True, exclusive=True, group="side", exit_on_error=False)
    def _load_side(self, library: Library, article_id: str) -> None:
        entities, events = library.entities_in(article_id), library.events_of(article_id)

        def show() -> None:
            if self.article_id == article_id:
                self.query_one("#entities", EntitySidebar).show_entities(entities)
                self.query_one("#timeline", ArticleTimeline).show_events(events)

        self.app.call_from_thread(show)

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if event.href.startswith("entity:"):
            self.post_message(NavigationRequested(Location("entity", event.href.removeprefix("entity:"))))

    @on(OptionList.OptionSelected, "#entities")
    def _open_entity(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(NavigationRequested(Location("entity", event.option.id)))

    @on(OptionList.OptionSelected, "#timeline")
    async def _timeline_selected(self, event: OptionList.OptionSelected) -> None:
        timeline = self.query_one("#timeline", ArticleTimeline)
        if event.option.id is None or self.article_id is None:
            return
        e = timeline.events[int(event.option.id)]
        self.app.history.visit(Location("article", self.article_id, e.start))  # type: ignore[attr-defined]
        await self.query_one("#article", ArticleView).focus_span(e.start, e.end)

    @on(ArticleView.Scrolled)
    def _scrolled(self, event: ArticleView.Scrolled) -> None:
        self.query_one("#timeline", ArticleTimeline).follow(event.offset)

    # ---- actions
    def action_focus_search(self) -> None:
        self.remove_class("-reading")
        self.query_one("#search", Input).focus()

    async def action_next_hit(self) -> None:
        if not await self.query_one("#article", ArticleView).step_hit(1):
            self.notify("No search hits in this article.", severity="information")

    async def action_previous_hit(self) -> None:
        if not await self.query_one("#article", ArticleView).step_hit(-1):
            self.notify("No search hits in this article.", severity="information")

    def action_toggle_sort(self) -> None:
        self.sort = "date" if self.sort == "relevance" else "relevance"
        self.run_search()

    def action_toggle_side(self) -> None:
        self.toggle_class("-show-side")

    def action_escape(self) -> None:
        """Step out: from the search bar to the results, from the article back to the results
        (while the first index is being built: stop it)."""
        if self.library is None:
            self.app.action_cancel_indexing()  # type: ignore[attr-defined]
            return
        search = self.query_one("#search", Input)
        results = self.query_one("#results", ResultsList)
        if self.focused is search:
            results.focus()
        elif self.has_class("-reading") and (self.has_class("-narrow") or self.focused is not results):
            if self.has_class("-narrow"):
                self.remove_class("-reading")
            results.focus()
        else:
            search.focus()

    def action_open_url(self) -> None:
        """Open the article's address, or one of the links in its text, after asking."""
        from .links import LinksScreen, web_links

        view = self.query_one("#article", ArticleView)
        links = web_links(view.article, view.paragraph_at_top()) if view.article else []
        if not links:
            self.notify("This article has no web address to open.", severity="information")
            return
        from .. import citation

        if not citation.browser_available():
            self.offer_copy(links)
            return

        def chosen(url: str | None) -> None:
            if url:
                self.app.open_url(url)

        if len(links) == 1:
            from .confirm import ConfirmScreen

            url = links[0][1]
            self.app.push_screen(
                ConfirmScreen(f"Open {url} in your web browser?"), lambda ok: chosen(url if ok else None)
            )
            return
        self.app.push_screen(LinksScreen(links), chosen)

    # ---- filters
    def action_filter(self) -> None:
        """Ask for the filters of the result list (source, dates, entity)."""
        if self.library is None:
            return
        from .filters import FiltersScreen

        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self.run_worker(self.set_filters(filters), group="chips")

        self.app.push_screen(FiltersScreen(self.filters, self.library), chosen)

    async def set_filters(self, filters: Filters) -> None:
        """Show ``filters`` as chips and search again with them."""
        self.filters = filters
        chips = self.query_one("#chips", FilterChips)
        had_focus = chips.has_focus_within
        await chips.show_filters(filters)
        if had_focus:
            (chips.chips[0] if chips.chips else self.query_one("#results", ResultsList)).focus()
        self.run_search()

    @on(FilterChips.Removed)
    async def _chip_removed(self, event: FilterChips.Removed) -> None:
        await self.set_filters(Filters() if event.kind is None else self.filters.without(event.kind))

    def action_cycle_entity_type(self) -> None:
        """Show one entity type in the sidebar (people, organisations, places, other), or all."""
        shown = self.query_one("#entities", EntitySidebar).cycle_type()
        self.notify(f"Entities: {TYPE_LABELS[shown].lower() if shown else 'all types'}", timeout=2)
