"""The filter dialog: source, date range and entity of the result list.

The source and entity inputs suggest completions from the store's look-ups (distinct sources,
entity names and aliases by prefix), run in a thread so typing never waits on the database.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
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


class CorpusSuggester(Suggester):
    """Completes what is typed from names the store looks up (off the UI thread)."""

    def __init__(self, names: Callable[[str], list[str]]) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip():
            return None
        return completion(value, await asyncio.to_thread(self.names, value))


def source_names(library: Library) -> Callable[[str], list[str]]:
    """Sources of the corpus's articles that start with what is typed."""
    return lambda typed: library.sources(typed, SUGGESTIONS)


def entity_names(library: Library) -> Callable[[str], list[str]]:
    """Names and aliases of the entities that match what is typed."""
    return lambda typed: [n for e in library.complete(typed, SUGGESTIONS) for n in (e.name, *e.alias_names)]


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
            inputs = [
                Input(f.source or "", placeholder="source, e.g. Reuters", id="filter-source",
                      suggester=CorpusSuggester(source_names(self.library))),
                Input(f.since or "", placeholder="from: 2024, 2024-01 or 2024-01-30", id="filter-since"),
                Input(f.until or "", placeholder="to: 2024, 2024-01 or 2024-01-30", id="filter-until"),
                Input(f.entity or "", placeholder="entity: a person, organisation or place", id="filter-entity",
                      suggester=CorpusSuggester(entity_names(self.library))),
            ]  # fmt: skip
            for field, title in zip(inputs, ("source", "from", "to", "entity"), strict=True):
                field.border_title = title  # still says which box is which once the placeholder is gone
                yield field
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
