"""Modals that ask for a correction of an entity: another entity to merge with, an alias to split
off, a new name, a new type. Every name shown is data (sanitised plain text, never markup)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from index.corrections import TYPES
from index.sanitize import for_terminal

from ..render import plain

if TYPE_CHECKING:
    from index.models import Entity

    from ..library import Library

#: candidates offered while typing the other entity's name
CANDIDATES = 12

CSS = """
CorrectionModal { align: center middle; }
CorrectionModal > Vertical { width: 72; max-width: 95%; height: auto; max-height: 80%;
                             border: thick $accent; background: $surface; padding: 1 2; }
CorrectionModal OptionList { height: auto; max-height: 16; margin-top: 1; }
CorrectionModal .hint { color: $text-muted; margin-top: 1; }
"""


def entity_label(entity: Entity) -> Text:
    """An entity as one plain line: name, type, id and its other spellings."""
    others = [a for a in entity.alias_names if a != entity.name][:4]
    label = Text.assemble(plain(entity.name, "bold"), plain(f"  {entity.type}  "), plain(entity.id, "dim"))
    if others:
        label.append_text(plain("  (" + "; ".join(others) + ")", "italic"))
    return label


class CorrectionModal(ModalScreen[str | None]):
    """A question about one entity; Esc cancels (dismisses with None)."""

    DEFAULT_CSS = CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, entity: Entity, question: str) -> None:
        super().__init__()
        self.entity = entity
        self.question = question

    def heading(self) -> Static:
        text = Text.assemble(plain(self.question, "bold"), "\n", entity_label(self.entity))
        return Static(text, id="correct-question")

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickEntityScreen(CorrectionModal):
    """The entity to merge into this one, found by name as the user types (the store's indexed
    prefix look-up, in a worker; an answer for an older text is dropped)."""

    def __init__(self, library: Library, entity: Entity) -> None:
        super().__init__(entity, "Merge into this entity (it keeps its id):")
        self.library = library

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.heading()
            yield Input(placeholder="the other entity: id, name or alias", id="correct-input")
            yield OptionList(id="correct-options")
            yield Static(Text("Enter picks the highlighted entity · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#correct-input", Input).focus()

    @on(Input.Changed, "#correct-input")
    def _typed(self, event: Input.Changed) -> None:
        self._look_up(event.value)

    @work(thread=True, exclusive=True, group="correct-complete", exit_on_error=False)
    def _look_up(self, text: str) -> None:
        found = [e for e in self.library.complete(text, CANDIDATES + 1) if e.id != self.entity.id] if text else []
        self.app.call_from_thread(self._offer, text, found[:CANDIDATES])

    def _offer(self, text: str, found: list[Entity]) -> None:
        if text != self.query_one("#correct-input", Input).value:
            return  # typed over since
        options = self.query_one("#correct-options", OptionList)
        options.clear_options()
        if not found and text:
            options.add_option(Option(Text("No entity starts with that.", style="dim"), disabled=True))
            return
        options.add_options([Option(entity_label(e), id=e.id) for e in found])
        options.highlighted = 0 if found else None

    @on(Input.Submitted, "#correct-input")
    def _submitted(self) -> None:
        options = self.query_one("#correct-options", OptionList)
        if options.highlighted is not None:
            chosen = options.get_option_at_index(options.highlighted)
            if chosen.id:
                self.dismiss(chosen.id)

    @on(OptionList.OptionSelected, "#correct-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def key_down(self) -> None:
        self.query_one("#correct-options", OptionList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one("#correct-options", OptionList).action_cursor_up()


class _PickOneScreen(CorrectionModal):
    """One of a list of plain choices."""

    def __init__(self, entity: Entity, question: str, choices: list[tuple[str, Text]], empty: str) -> None:
        super().__init__(entity, question)
        self.choices = choices
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.heading()
            yield OptionList(id="correct-options")
            yield Static(Text("Enter picks · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one("#correct-options", OptionList)
        if not self.choices:
            options.add_option(Option(Text(self.empty, style="dim"), disabled=True))
        options.add_options([Option(label, id=value) for value, label in self.choices])
        options.focus()

    @on(OptionList.OptionSelected, "#correct-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)


class PickAliasScreen(_PickOneScreen):
    """The alias to give an entity of its own (not the only spelling)."""

    def __init__(self, entity: Entity) -> None:
        aliases = [(a, Text.assemble(plain(a), (f"  ×{n}", "dim"))) for a, n in entity.aliases]
        empty = "This entity has one spelling only: nothing to split off."
        question = "Split an alias off into an entity of its own:"
        super().__init__(entity, question, aliases if len(aliases) > 1 else [], empty)


class PickTypeScreen(_PickOneScreen):
    """The entity's new type."""

    def __init__(self, entity: Entity) -> None:
        types = [(t, Text(t, style="bold" if t == entity.type else "")) for t in TYPES]
        super().__init__(entity, "Change the type to:", types, "")


class RenameScreen(CorrectionModal):
    """The entity's new display name (its id stays)."""

    def __init__(self, entity: Entity) -> None:
        super().__init__(entity, "Rename (the id stays):")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.heading()
            yield Input(value=for_terminal(self.entity.name), id="correct-input")
            yield Static(Text("Enter saves · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#correct-input", Input).focus()

    @on(Input.Submitted, "#correct-input")
    def _submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        self.dismiss(name if name and name != for_terminal(self.entity.name) else None)
