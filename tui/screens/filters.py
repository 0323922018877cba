"""The filter dialog: source, date range and entity of the result list.

The source and entity inputs suggest completions from the store's look-ups (distinct sources,
entity names and aliases by prefix), run in a thread so typing never waits on the database.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label

from index.filters import FilterError, Filters, checked
from index.textfold import fold

from ..render import plain

if TYPE_CHECKING:
    from ..library import Library

SUGGESTIONS = 10


def completion(typed: str, candidates: list[str]) -> str | None:
    """The first candidate that starts with what was typed (case and accents ignored)."""
    start = fold(typed).casefold()
    return next((c for c in candidates if fold(c).casefold().startswith(start) and len(c) >= len(typed)), None)


class SourceSuggester(Suggester):
    """Completes a source name from the sources of the corpus's articles."""

    def __init__(self, library: Library) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self.library = library

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip():
            return None
        return completion(value, await asyncio.to_thread(self.library.sources, value, SUGGESTIONS))


class EntitySuggester(Suggester):
    """Completes an entity by its name or one of its aliases."""

    def __init__(self, library: Library) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self.library = library

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip():
            return None
        entities = await asyncio.to_thread(self.library.complete, value, SUGGESTIONS)
        return completion(value, [name for e in entities for name in (e.name, *e.alias_names)])


class FiltersScreen(ModalScreen[Filters | None]):
    """Set the filters (Enter applies, Esc cancels); an empty input is no filter of that kind."""

    DEFAULT_CSS = """
    FiltersScreen { align: center middle; }
    #filters-dialog { width: 70; max-width: 95%; height: auto; border: thick $accent; background: $surface;
                      padding: 1 2; }
    #filters-dialog Input { margin-bottom: 1; }
    #filters-dialog > Label { width: 100%; }
    #filters-error { color: $error; height: auto; }
    """

    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, filters: Filters, library: Library) -> None:
        super().__init__()
        self.filters = filters
        self.library = library

    def compose(self) -> ComposeResult:
        f = self.filters
        with Vertical(id="filters-dialog"):
            yield Label(Text("Filter the results (Enter applies, Esc cancels, → accepts a suggestion)", style="bold"))
            yield Input(f.source or "", placeholder="source, e.g. Reuters", id="filter-source",
                        suggester=SourceSuggester(self.library))  # fmt: skip
            yield Input(f.since or "", placeholder="from: 2024, 2024-01 or 2024-01-30", id="filter-since")
            yield Input(f.until or "", placeholder="to: 2024, 2024-01 or 2024-01-30", id="filter-until")
            yield Input(f.entity or "", placeholder="entity: a person, organisation or place", id="filter-entity",
                        suggester=EntitySuggester(self.library))  # fmt: skip
            yield Label("", id="filters-error")

    def entered(self) -> Filters:
        """The filters as typed (not yet checked)."""
        value = {
            kind: self.query_one(f"#filter-{kind}", Input).value for kind in ("source", "since", "until", "entity")
        }
        return Filters(**value)

    @on(Input.Submitted)
    def _apply(self) -> None:
        try:
            filters = checked(self.entered())
        except FilterError as err:
            self.query_one("#filters-error", Label).update(plain(str(err)))
            return
        self.dismiss(filters)
