"""Side by side: one column per article, source or chosen entity; one row per event cluster."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from index.wording import count, cut_at_word

from ..messages import NavigationRequested
from ..navigation import Location
from ..render import plain

if TYPE_CHECKING:
    from index.models import Event

    from ..library import Library

#: columns shown at first; "+" shows this many more each time (every one, at most MAX_COLUMNS)
FIRST_COLUMNS = 8
MAX_COLUMNS = 40
#: the narrowest and widest a column of reports gets (its cells wrap over three lines)
COLUMN_WIDTHS = (24, 60)
DATE_WIDTH = 14
#: a row of the table: its first date and the events of one cluster
Row = tuple[str, list["Event"]]
#: events of the chosen entities shown side by side (the earliest first)
MAX_ENTITY_EVENTS = 2000
MODES = ("article", "source", "entity")


class SynopticScreen(Screen[None]):
    """Who reported what, when, and where the sources disagree on a date."""

    BINDINGS = [
        Binding("escape", "app.back", "Back"),
        Binding("m", "toggle_mode", "Articles/sources/entities"),
        Binding("c", "toggle_clusters", "Shared only"),
        Binding("plus,equals_sign", "more_columns", "More columns", key_display="+"),
        Binding("minus", "fewer_columns", "Fewer columns", key_display="-"),
    ]

    def __init__(self, library: Library, articles: list[str], entities: list[str] | None = None) -> None:
        super().__init__()
        self.library = library
        self.articles = articles[:MAX_COLUMNS]  # none given: the first articles (found in the worker)
        self.entities = (entities or [])[:MAX_COLUMNS]  # none given: the ones those articles name most
        self.shown = FIRST_COLUMNS  # how many columns are drawn; the head says when some are left out
        self.mode = "entity" if entities else "article"
        self.shared_only = False
        self.cells: dict[tuple[int, int], Event] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="synoptic-head")
        yield DataTable(id="synoptic", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild()

    def _top_entities(self, count: int = 5) -> list[str]:
        """The entities the listed articles mention most."""
        counts: dict[str, int] = defaultdict(int)
        for aid in self.articles:
            for _, _, eid in self.library.mentions_in(aid):
                counts[eid] += 1
        return [eid for eid, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]

    def columns(self) -> list[tuple[str, Callable[[Event], bool]]]:
        """(label, which events belong in the column) per column."""
        if self.mode == "article":
            return [(cut_at_word(self.library.title_of(a), 28), _in_articles(frozenset({a}))) for a in self.articles]
        if self.mode == "entity":
            names = self.library.entity_names(self.entities)
            return [(cut_at_word(names[eid], 28), _mentions(eid)) for eid in self.entities if eid in names]
        by_source: dict[str, list[str]] = defaultdict(list)
        for a in self.articles:
            by_source[self.library.source_of(a) or "(unknown source)"].append(a)
        return [(src, _in_articles(frozenset(ids))) for src, ids in sorted(by_source.items())]

    def _events(self) -> list[Event]:
        if self.mode == "entity":
            return self.library.events_with(self.entities, MAX_ENTITY_EVENTS)
        return [e for aid in self.articles for e in self.library.events_of(aid)]

    def rows(self) -> list[Row]:
        """Events grouped by cluster, in date order."""
        groups: dict[str, list[Event]] = defaultdict(list)
        for e in self._events():
            groups[e.cluster].append(e)
        out = []
        for _, evs in groups.items():
            if self.shared_only and len({e.article for e in evs}) < 2:
                continue
            out.append((min(e.date for e in evs), evs))
        return sorted(out, key=lambda r: (r[0], r[1][0].id))

    def rebuild(self) -> None:
        """Compute the table in a worker (the look-ups read the corpus), then draw it."""
        self._compute(self.mode, self.shared_only)

    @work(thread=True, exclusive=True, group="synoptic", exit_on_error=False)
    def _compute(self, mode: str, shared_only: bool) -> None:
        if not self.articles:
            self.articles = self.library.first_articles(MAX_COLUMNS)
        if not self.entities:
            self.entities = self._top_entities()[:MAX_COLUMNS]
        cols, rows = self.columns(), self.rows()
        self.app.call_from_thread(self._draw, mode, shared_only, cols, rows)

    def _draw(
        self, mode: str, shared_only: bool, cols: list[tuple[str, Callable[[Event], bool]]], rows: list[Row]
    ) -> None:
        if (mode, shared_only) != (self.mode, self.shared_only):
            return  # the view was switched again while this one was computed
        table = self.query_one(DataTable)
        table.clear(columns=True)
        left_out = max(0, len(cols) - self.shown)
        cols = cols[: self.shown]
        width = column_width(self.size.width, len(cols))
        table.add_column("Date", width=DATE_WIDTH - 2)
        for label, _ in cols:
            table.add_column(plain(cut_at_word(label, width), style="bold"), width=width)
        self.cells.clear()
        for r, (_, evs) in enumerate(rows):
            dates = sorted({e.date for e in evs})
            differ = len({e.date for e in evs if e.precision == "day"}) > 1
            row: list[Text] = [Text(" / ".join(dates) + (" ⚠" if differ else ""), style="bold" if differ else "")]
            for c, (_, belongs) in enumerate(cols, start=1):
                here = [e for e in evs if belongs(e)]
                if here:
                    self.cells[(r, c)] = here[0]
                    row.append(plain(cut_at_word(here[0].text, 3 * width - 3)))
                else:
                    row.append(Text(""))
            table.add_row(*row, height=3)
        reports = count(len(self.cells), "report")
        head = Text.assemble(("Side by side", "bold"), f"  columns: {self.mode}s · ", f"{reports} · ",
                             ("⚠ = sources give different days", "italic"))  # fmt: skip
        if left_out:
            head.append(f"  ·  {len(cols)} of {len(cols) + left_out} columns shown (+ shows more)", style="bold")
        self.query_one("#synoptic-head", Static).update(head)

    def action_more_columns(self) -> None:
        """Show more columns (the table scrolls sideways; the date column stays)."""
        self.shown = min(MAX_COLUMNS, self.shown + FIRST_COLUMNS)
        self.rebuild()

    def action_fewer_columns(self) -> None:
        self.shown = max(1, self.shown - FIRST_COLUMNS)
        self.rebuild()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.rebuild()  # column widths follow the terminal's

    def action_toggle_mode(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        self.rebuild()

    def action_toggle_clusters(self) -> None:
        self.shared_only = not self.shared_only
        self.rebuild()

    @on(DataTable.CellSelected)
    def _open(self, event: DataTable.CellSelected) -> None:
        e = self.cells.get((event.coordinate.row, event.coordinate.column))
        if e is not None:
            self.post_message(NavigationRequested(Location("article", e.article, e.start)))


def column_width(screen_width: int, columns: int) -> int:
    """How wide a column of reports is: the terminal shared out, within :data:`COLUMN_WIDTHS`."""
    narrowest, widest = COLUMN_WIDTHS
    share = (screen_width - DATE_WIDTH - 2) // max(1, columns) - 2  # cell padding
    return max(narrowest, min(widest, share))


def _in_articles(ids: frozenset[str]) -> Callable[[Event], bool]:
    """A column filter: events from these articles."""
    return lambda event: event.article in ids


def _mentions(entity_id: str) -> Callable[[Event], bool]:
    """A column filter: events that involve this entity."""
    return lambda event: entity_id in event.entities
