"""The entity sidebar and the article's timeline: option lists of plain text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.sanitize import for_terminal

from ..corrections_ui import CORRECTION_BINDINGS
from ..render import plain

if TYPE_CHECKING:
    from index.models import Entity, Event

TYPE_LABELS = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places", "OTHER": "Other"}


class EntitySidebar(OptionList):
    """Entities of the open article grouped by type, with their counts; selecting opens the entity;
    the correction keys (merge, split, rename, retype, hide, undo) act on the highlighted one."""

    BINDINGS = CORRECTION_BINDINGS

    def action_correct(self, action: str) -> None:
        highlighted = self.highlighted_option if self.highlighted is not None else None
        self.app.corrector.ask(action, highlighted.id if highlighted else None)  # type: ignore[attr-defined]

    def action_undo_correction(self) -> None:
        self.app.corrector.undo()  # type: ignore[attr-defined]

    def show_entities(self, groups: dict[str, list[tuple[Entity, int]]]) -> None:
        self.clear_options()
        options: list[Option | None] = []
        for typ in ("PERSON", "ORG", "PLACE", "OTHER"):
            if typ not in groups:
                continue
            options.append(Option(Text(TYPE_LABELS[typ], style="bold underline"), disabled=True))
            for entity, count in groups[typ]:
                options.append(Option(Text.assemble(plain(entity.name), (f"  ×{count}", "dim")), id=entity.id))
        if not options:
            options.append(Option(Text("No entities in this article.", style="dim"), disabled=True))
        self.add_options(options)


class ArticleTimeline(OptionList):
    """The article's dated events in order; selecting one scrolls the article to its sentence."""

    events: list[Event] = []

    def show_events(self, events: list[Event]) -> None:
        self.clear_options()
        self.events = events
        if not events:
            self.add_option(Option(Text("No dated events in this article.", style="dim"), disabled=True))
            return
        for i, e in enumerate(events):
            said = e.time_text
            line = Text.assemble((f"{e.date:10} ", "bold"), plain(said) if said != e.date else "")
            if e.sources > 1:
                line.append(f"  {e.sources} sources", style="italic")
                if e.disagreement:
                    line.append(" ⚠", style="bold")
            line.append("\n" + for_terminal(e.text[:140] + ("…" if len(e.text) > 140 else "")), style="dim")
            self.add_option(Option(line, id=str(i)))

    def follow(self, offset: int) -> None:
        """Move the cursor to the last event at or before ``offset`` (as the reader scrolls)."""
        events = self.events
        if not events:
            return
        below = [(e.start, i) for i, e in enumerate(events) if e.start >= offset]
        best = min(below)[1] if below else max((e.start, i) for i, e in enumerate(events))[1]
        if self.highlighted != best:
            self.highlighted = best
