"""Back/forward history across every jump, like a browser (plain Python, testable without UI)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where the reader is: an article (at an offset), an entity page, the synoptic view or the key
    dates (``target``: "entity:ID", "articles:" and a JSON list of ids, or "" for the whole corpus).
    ``scroll`` is how far an article was scrolled when it was left (not part of its identity)."""

    kind: str  # "article" | "entity" | "synoptic" | "keydates" | "home"
    target: str = ""
    offset: int | None = None
    scroll: float | None = field(default=None, compare=False)

    def describe(self) -> str:
        names = {"article": "article", "entity": "entity", "synoptic": "side by side", "keydates": "key dates"}
        return names.get(self.kind, "results")


class History:
    """A list of locations with a cursor; visiting drops the forward part."""

    def __init__(self, limit: int = 200) -> None:
        self._items: list[Location] = []
        self._cursor = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._items[self._cursor] if self._cursor >= 0 else None

    @property
    def can_back(self) -> bool:
        return self._cursor > 0

    @property
    def can_forward(self) -> bool:
        return self._cursor < len(self._items) - 1

    def visit(self, location: Location) -> None:
        """Record a jump (a repeat of the current location is not recorded twice)."""
        if self.current == location:
            return
        del self._items[self._cursor + 1 :]
        self._items.append(location)
        if len(self._items) > self._limit:
            self._items.pop(0)
        self._cursor = len(self._items) - 1

    def replace_current(self, location: Location) -> None:
        """Update the current entry in place (to remember where an article was scrolled to)."""
        if self._cursor >= 0:
            self._items[self._cursor] = location

    def back(self) -> Location | None:
        if not self.can_back:
            return None
        self._cursor -= 1
        return self.current

    def forward(self) -> Location | None:
        if not self.can_forward:
            return None
        self._cursor += 1
        return self.current
