"""An entity's page: aliases, passages, linked entities with evidence, and its own timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from index.sanitize import for_terminal

from ..messages import NavigationRequested
from ..navigation import Location

if TYPE_CHECKING:
    from ..library import Library
from ..render import highlighted, plain

MAX_PASSAGES = 300


class EntityScreen(Screen[None]):
    """Everything known about one entity; every item jumps on."""

    BINDINGS = [
        Binding("escape", "app.back", "Back"),
        Binding("p", "tab('passages')", "Passages"),
        Binding("l", "tab('linked')", "Linked"),
        Binding("t", "tab('entity-timeline')", "Timeline"),
    ]

    def __init__(self, library: Library, entity_id: str) -> None:
        super().__init__()
        self.library = library
        self.entity_id = entity_id

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
        """Fill the page for an entity (the screen is reused as the reader jumps between entities)."""
        self.entity_id = entity_id
        entity = self.library.entities.get(entity_id)
        head = self.query_one("#entity-head", Static)
        if entity is None:
            head.update(plain(f"No entity {entity_id!r} in this corpus.", style="bold"))
            return
        text = Text.assemble(
            plain(entity["name"], "bold"), "  ", plain(entity["type"], "italic"), "  ", plain(entity_id, "dim")
        )
        aliases = ", ".join(f"{a} ×{n}" for a, n in entity.get("alias_counts", []))
        text.append("\nAliases: " + for_terminal(aliases) + "\n", style="")
        count = len(entity["mentions"])
        text.append(f"{count} mentions in {len(entity.get('articles', []))} articles", style="dim")
        if count > MAX_PASSAGES:
            text.append(
                for_terminal(f" (passages list the first {MAX_PASSAGES}; search entity:{entity_id} for all)"),
                style="dim",
            )
        head.update(text)
        self._passages()
        self._linked()
        self._events()
        self.query_one("#passage-list", OptionList).focus()

    def _passages(self) -> None:
        options = []
        for i, p in enumerate(self.library.passages(self.entity_id, MAX_PASSAGES)):
            rel = (p.start - p.sentence_start, p.end - p.sentence_start)
            body = highlighted(p.sentence, [rel], "bold reverse")
            prompt = Text.assemble(plain(self.library.title_of(p.article)[:90], "bold"), "\n", body, "\n")
            options.append(Option(prompt, id=f"{i}|{p.article}|{p.start}"))
        self._fill("#passage-list", options, "No passages.")

    def _linked(self) -> None:
        options = []
        for other, link in self.library.linked(self.entity_id):
            prompt = Text.assemble(
                plain(other["name"], "bold"), plain(f"  {other['type']}  "), (f"weight {link['weight']}", "dim")
            )
            for aid, s, e in link.get("evidence", [])[:2]:
                article = self.library.article(aid)
                if article is not None:
                    prompt.append("\n  " + for_terminal(article.text[s:e][:160]), style="dim")
            prompt.append("\n")
            options.append(Option(prompt, id=other["id"]))
        self._fill("#linked-list", options, "No linked entities.")

    def _events(self) -> None:
        options = []
        for i, e in enumerate(self.library.entity_events(self.entity_id)):
            prompt = Text.assemble(
                (f"{e['date']:10} ", "bold"), plain(self.library.title_of(e["article"])[:60], "italic")
            )
            if e.get("sources", 1) > 1:
                prompt.append(f"  {e['sources']} sources" + (" ⚠ dates differ" if e.get("disagreement") else ""))
            prompt.append("\n" + for_terminal(e["text"][:200]) + "\n", style="dim")
            options.append(Option(prompt, id=f"{i}|{e['article']}|{e['start']}"))
        self._fill("#event-list", options, "No dated events mention this entity.")

    def _fill(self, selector: str, options: list[Option], empty: str) -> None:
        lst = self.query_one(selector, OptionList)
        lst.clear_options()
        lst.add_options(options or [Option(Text(empty, style="dim"), disabled=True)])
        if options:
            lst.highlighted = 0

    @on(OptionList.OptionSelected, "#passage-list, #event-list")
    def _to_passage(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            article, offset = event.option.id.split("|", 1)[1].rsplit("|", 1)  # an id may hold "|"
            self.post_message(NavigationRequested(Location("article", article, int(offset))))

    @on(OptionList.OptionSelected, "#linked-list")
    def _to_entity(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(NavigationRequested(Location("entity", event.option.id)))

    def action_tab(self, tab: str) -> None:
        self.query_one("#entity-tabs", TabbedContent).active = tab
        lst = {"passages": "#passage-list", "linked": "#linked-list", "entity-timeline": "#event-list"}[tab]
        self.query_one(lst, OptionList).focus()

    def linked_ids(self) -> list[str]:
        return [o.id for o in self.query_one("#linked-list", OptionList).options if o.id]

    def passage_ids(self) -> list[Any]:
        return [o.id for o in self.query_one("#passage-list", OptionList).options if o.id]
