"""The result list's filters as a row of removable chips ("source: Reuters ✕").

A chip's value comes from the user or the corpus, so its label is plain content (never markup):
a source called ``[bold]`` or ``[@click=app.quit]`` shows literally.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Label

from index.filters import LABELS, FilterKind, Filters
from index.sanitize import for_terminal

REMOVE_MARK = "✕"


def chip_label(kind: FilterKind, value: str) -> Content:
    """``kind: value ✕`` as plain content (the value sanitised, never parsed)."""
    return Content(f"{LABELS[kind]}: {for_terminal(value)} {REMOVE_MARK}")


class FilterChip(Button):
    """One filter; pressing it (click, Enter or Delete) removes the filter."""

    BINDINGS = [Binding("delete", "press", "Remove filter", show=False)]

    def __init__(self, kind: FilterKind, value: str) -> None:
        super().__init__(chip_label(kind, value), id=f"chip-{kind}", classes="chip", compact=True)
        self.kind: FilterKind = kind


class FilterChips(Horizontal):
    """The set filters, one chip each; hidden when there is none."""

    DEFAULT_CSS = """
    FilterChips { height: 1; display: none; padding: 0 1; }
    FilterChips.-some { display: block; }
    FilterChips > Label { color: $text-muted; margin-right: 1; }
    FilterChips > FilterChip { margin-right: 1; }
    """

    BINDINGS = [
        Binding("backspace,escape", "clear", "Clear filters"),
        Binding("left", "app.focus_previous", "Previous chip", show=False),
        Binding("right", "app.focus_next", "Next chip", show=False),
    ]

    class Removed(Message):
        """A chip was pressed (``kind``), or the row was cleared (``kind`` is None)."""

        def __init__(self, kind: FilterKind | None) -> None:
            super().__init__()
            self.kind = kind

    def compose(self) -> ComposeResult:
        yield Label("Filters:")

    async def show_filters(self, filters: Filters) -> None:
        """Replace the chips with one per set filter."""
        await self.query(FilterChip).remove()
        await self.mount_all([FilterChip(kind, value) for kind, value in filters.items()])
        self.set_class(bool(filters), "-some")

    @property
    def chips(self) -> list[FilterChip]:
        return list(self.query(FilterChip).results(FilterChip))

    @on(Button.Pressed, "FilterChip")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if isinstance(event.button, FilterChip):
            self.post_message(self.Removed(event.button.kind))

    def action_clear(self) -> None:
        self.post_message(self.Removed(None))
