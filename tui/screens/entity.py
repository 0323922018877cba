"""An entity's page: aliases, passages, linked entities with evidence, and its own timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from index.sanitize import for_terminal
from index.wording import count, cut_at_word

from ..corrections_ui import CORRECTION_BINDINGS
from ..messages import NavigationRequested
from ..navigation import Location
from ..render import highlighted, plain

if TYPE_CHECKING:
    from index.models import Entity

    from ..library import Library

#: options of one page, and whether there are more
Page = tuple[list[Option], bool]
#: the option id of a list's "load more" row
MORE = "\x00more"

#: passages, linked entities and events shown at first; "more" rows load the next page
PAGE = 50


class EntityScreen(Screen[None]):
    """Everything known about one entity; every item jumps on."""

    BINDINGS = [
        Binding("escape", "app.back", "Back"),
        Binding("p", "tab('passages')", "Passages"),
        Binding("l", "tab('linked')", "Linked"),
        Binding("t", "tab('entity-timeline')", "Timeline"),
        Binding("K", "app.key_dates", "Key dates", key_display="K"),
        *CORRECTION_BINDINGS,
    ]

    def __init__(self, library: Library, entity_id: str) -> None:
        super().__init__()
        self.library = library
        self.entity_id = entity_id
        self.entity_name: str | None = None
        self.shown = {"passages": 0, "linked": 0, "events": 0}

    def compose(self) -> ComposeResult:
        yield Static(id="entity-head")
        with TabbedContent(id="entity-tabs"):
            with TabPane("Passages", id="passages"):
                yield OptionList(id="passage-list")
            with TabPane("Linked entities", id="linked"):
                yield OptionList(id="linked-list")
            with TabPane("Timeline", id="entity-timeline"):
                yield OptionList(id="event-list")
        yield Footer()

    def on_mount(self) -> None:
        self.show_entity(self.entity_id)

    def show_entity(self, entity_id: str) -> None:
        """Fill the page for an entity (the screen is reused as the reader jumps between entities);
        the look-ups run in a worker, and a page that arrives for an entity no longer shown is dropped."""
        self.entity_id = entity_id
        self.shown = {"passages": 0, "linked": 0, "events": 0}
        self.query_one("#entity-head", Static).update(Text("Loading…", style="dim"))
        self._load(entity_id)

    @work(thread=True, exclusive=True, group="entity-page", exit_on_error=False)
    def _load(self, entity_id: str) -> None:
        entity = self.library.entity_by_id(entity_id)
        pages = (self._passage_page(entity_id, 0), self._linked_page(entity_id), self._event_page(entity_id, 0))
        self.app.call_from_thread(self._show, entity_id, entity, *pages)

    def _show(self, entity_id: str, entity: Entity | None, passages: Page, linked: Page, events: Page) -> None:
        if entity_id != self.entity_id:
            return  # a newer entity is being shown
        head = self.query_one("#entity-head", Static)
        if entity is None:
            head.update(plain(f"No entity {entity_id!r} in this corpus.", style="bold"))
            return
        self.entity_name = entity.name
        text = Text.assemble(
            plain(entity.name, "bold"), "  ", plain(entity.type, "italic"), "  ", plain(entity_id, "dim")
        )
        aliases = ", ".join(f"{a} ×{n}" for a, n in entity.aliases)
        text.append("\nAliases: " + for_terminal(aliases) + "\n", style="")
        mentions = count(entity.mention_count, "mention")
        text.append(f"{mentions} in {count(entity.article_count, 'article')}", style="dim")
        head.update(text)
        self._fill("#passage-list", passages, "No passages.", "passages")
        self._fill("#linked-list", linked, "No linked entities.", "linked")
        self._fill("#event-list", events, "No dated events mention this entity.", "events")
        self.query_one("#passage-list", OptionList).focus()
        self.app.corrector.refreshed()  # type: ignore[attr-defined]

    # ---- corrections
    def use_library(self, library: Library) -> None:
        """Show the page again from a new library: the same entity, or the one its name now belongs
        to (it was merged into another); gone (hidden) entities leave the page."""
        self.library = library
        self._follow(library, self.entity_id, self.entity_name)

    @work(thread=True, exclusive=True, group="entity-page", exit_on_error=False)
    def _follow(self, library: Library, entity_id: str, name: str | None) -> None:
        entity = library.entity_by_id(entity_id) or (library.entity(name) if name else None)
        if entity is None:
            self.app.call_from_thread(self._gone, entity_id)
        else:
            self.app.call_from_thread(self.show_entity, entity.id)

    def _gone(self, entity_id: str) -> None:
        if entity_id != self.entity_id:
            return
        self.app.notify(f"{self.entity_name or entity_id} is no longer in the index.", timeout=4)
        if self.app.screen is self:
            self.app.pop_screen()

    def _correction_target(self) -> str | None:
        return self.entity_id

    def action_correct(self, action: str) -> None:
        self.app.corrector.ask(action, self._correction_target())  # type: ignore[attr-defined]

    def action_undo_correction(self) -> None:
        self.app.corrector.undo()  # type: ignore[attr-defined]

    def _passage_page(self, entity_id: str, offset: int) -> Page:
        options = []
        passages = self.library.passages(entity_id, PAGE + 1, offset)
        for i, p in enumerate(passages[:PAGE], start=offset):
            rel = (p.start - p.sentence_start, p.end - p.sentence_start)
            body = highlighted(p.sentence, [rel], "bold reverse")
            prompt = Text.assemble(plain(cut_at_word(self.library.title_of(p.article), 90), "bold"), "\n", body, "\n")
            options.append(Option(prompt, id=f"{i}|{p.article}|{p.start}"))
        return options, len(passages) > PAGE

    def _linked_page(self, entity_id: str, offset: int = 0) -> Page:
        options = []
        links = self.library.linked(entity_id, offset + PAGE + 1)[offset:]
        for other, link in links[:PAGE]:
            prompt = Text.assemble(
                plain(other.name, "bold"), plain(f"  {other.type}  "), (f"weight {link.weight}", "dim")
            )
            for aid, s, e in link.evidence[:2]:
                article = self.library.article(aid)
                if article is not None:
                    prompt.append("\n  " + for_terminal(cut_at_word(article.text[s:e], 160)), style="dim")
            prompt.append("\n")
            options.append(Option(prompt, id=other.id))
        return options, len(links) > PAGE

    def _event_page(self, entity_id: str, offset: int) -> Page:
        options = []
        events = self.library.entity_events(entity_id, offset + PAGE + 1)[offset:]
        for i, e in enumerate(events[:PAGE], start=offset):
            prompt = Text.assemble(
                (f"{e.date:10} ", "bold"), plain(cut_at_word(self.library.title_of(e.article), 60), "italic")
            )
            if e.sources > 1:
                prompt.append(f"  {e.sources} sources" + (" ⚠ dates differ" if e.disagreement else ""))
            prompt.append("\n" + for_terminal(cut_at_word(e.text, 200)) + "\n", style="dim")
            options.append(Option(prompt, id=f"{i}|{e.article}|{e.start}"))
        return options, len(events) > PAGE

    def _fill(self, selector: str, page: Page, empty: str, kind: str, append: bool = False) -> None:
        options, more = page
        lst = self.query_one(selector, OptionList)
        if append:
            lst.remove_option(MORE)
        else:
            lst.clear_options()
            self.shown[kind] = 0
        self.shown[kind] += len(options)
        if not options and not append:
            lst.add_options([Option(Text(empty, style="dim"), disabled=True)])
            return
        lst.add_options(options)
        if more:
            lst.add_option(Option(Text(f"… more (showing {self.shown[kind]}): Enter to load", style="italic"), id=MORE))
        if not append:
            lst.highlighted = 0

    @work(thread=True, group="entity-more", exit_on_error=False)
    def _more(self, kind: str) -> None:
        entity_id, offset = self.entity_id, self.shown[kind]
        loaders = {"passages": self._passage_page, "linked": self._linked_page, "events": self._event_page}
        page = loaders[kind](entity_id, offset)
        selector = {"passages": "#passage-list", "linked": "#linked-list", "events": "#event-list"}[kind]

        def show() -> None:
            if entity_id == self.entity_id and self.shown[kind] == offset:
                self._fill(selector, page, "", kind, append=True)

        self.app.call_from_thread(show)

    @on(OptionList.OptionSelected, "#passage-list, #event-list")
    def _to_passage(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE:
            self._more("passages" if event.option_list.id == "passage-list" else "events")
        elif event.option.id:
            article, offset = event.option.id.split("|", 1)[1].rsplit("|", 1)  # an id may hold "|"
            self.post_message(NavigationRequested(Location("article", article, int(offset))))

    @on(OptionList.OptionSelected, "#linked-list")
    def _to_entity(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE:
            self._more("linked")
        elif event.option.id:
            self.post_message(NavigationRequested(Location("entity", event.option.id)))

    def action_tab(self, tab: str) -> None:
        self.query_one("#entity-tabs", TabbedContent).active = tab
        lst = {"passages": "#passage-list", "linked": "#linked-list", "entity-timeline": "#event-list"}[tab]
        self.query_one(lst, OptionList).focus()

    def linked_ids(self) -> list[str]:
        return [o.id for o in self.query_one("#linked-list", OptionList).options if o.id and o.id != MORE]

    def passage_ids(self) -> list[Any]:
        return [o.id for o in self.query_one("#passage-list", OptionList).options if o.id and o.id != MORE]
