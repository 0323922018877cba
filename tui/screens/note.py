"""Ask for a bookmark's note and tags (Enter saves, Esc cancels)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from index.annotations import excerpt, parse_tags

from ..render import plain


@dataclass(frozen=True)
class NoteInput:
    """What the reader typed: a note and tags (both may be empty)."""

    note: str
    tags: tuple[str, ...]


class NoteScreen(ModalScreen[NoteInput | None]):
    """A small form over the reader: the quoted passage, a note and comma-separated tags."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, quote: str, title: str = "Bookmark this passage", note: str = "", tags: Iterable[str] = ()):
        super().__init__()
        self.quote = quote
        self.heading = title
        self.note = note
        self.tags = tuple(tags)

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(Text(self.heading, style="bold"))
            yield Static(plain("“" + excerpt(self.quote, 200) + "”", style="italic"), id="note-quote")
            yield Input(self.note, placeholder="Note (optional)", id="note-text")
            yield Input(", ".join(self.tags), placeholder="Tags, separated by commas (optional)", id="note-tags")
            yield Static(Text("Enter saves · Esc cancels", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        note = self.query_one("#note-text", Input).value
        tags = parse_tags(self.query_one("#note-tags", Input).value)
        self.dismiss(NoteInput(note.strip(), tags))
