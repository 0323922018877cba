"""The entity sidebar and the article's timeline: option lists of plain text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.sanitize import for_terminal
from index.wording import cut_at_word

from ..corrections_ui import CORRECTION_BINDINGS
from ..render import plain

if TYPE_CHECKING:
    from index.models import Entity, Event

TYPE_LABELS = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places", "OTHER": "Other"}
#: what the type filter steps through: None shows people, organisations and places (OTHER is
#: hidden unless chosen on its own)
TYPE_CYCLE: tuple[str | None, ...] = (None, "PERSON", "ORG", "PLACE", "OTHER")
SHOWN_BY_DEFAULT = ("PERSON", "ORG", "PLACE")
#: characters of an event's sentence shown under its date
EVENT_CHARS = 140


def next_type(current: str | None) -> str | None:
    """The type after ``current`` in :data:`TYPE_CYCLE`."""
    return TYPE_CYCLE[(TYPE_CYCLE.index(current) + 1) % len(TYPE_CYCLE)]


class EntitySidebar(OptionList):
    """Entities of the open article grouped by type, with their counts; selecting opens the entity.
    A type filter (:meth:`cycle_type`) shows one type only; the correction keys (merge, split,
    rename, retype, hide, undo) act on the highlighted entity."""

    BINDINGS = CORRECTION_BINDINGS

    type_filter: str | None = None
    groups: dict[str, list[tuple[Entity, int]]] = {}

    def action_correct(self, action: str) -> None:
        highlighted = self.highlighted_option if self.highlighted is not None else None
        self.app.corrector.ask(action, highlighted.id if highlighted else None)  # type: ignore[attr-defined]

    def action_undo_correction(self) -> None:
        self.app.corrector.undo()  # type: ignore[attr-defined]

    def show_entities(self, groups: dict[str, list[tuple[Entity, int]]]) -> None:
        self.groups = groups
        self.clear_options()
        shown = (self.type_filter,) if self.type_filter else SHOWN_BY_DEFAULT
        options: list[Option | None] = []
        if self.type_filter:
            options.append(
                Option(Text(f"{TYPE_LABELS[self.type_filter]} only (t: next type)", "italic"), disabled=True)
            )
        for typ in shown:
            if typ not in groups:
                continue
            options.append(Option(Text(TYPE_LABELS[typ], style="bold underline"), disabled=True))
            for entity, count in groups[typ]:
                options.append(Option(Text.assemble(plain(entity.name), (f"  ×{count}", "dim")), id=entity.id))
        if not any(o is not None and o.id for o in options):
            options.append(Option(Text(self._nothing_to_show(), style="dim"), disabled=True))
        self.add_options(options)

    def _nothing_to_show(self) -> str:
        if self.type_filter is None:
            return "No entities in this article."
        return f"No {TYPE_LABELS[self.type_filter].lower()} in this article."

    def cycle_type(self) -> str | None:
        """Show the next type only (or every shown type again); returns the new filter."""
        self.type_filter = next_type(self.type_filter)
        self.show_entities(self.groups)
        return self.type_filter


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
            line.append("\n" + for_terminal(cut_at_word(e.text, EVENT_CHARS)), style="dim")
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
