"""Messages named after what already happened; workers report back only through these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from .navigation import Location

if TYPE_CHECKING:
    from index.models import SearchResults
    from index.pipeline import BuildReport, Progress

    from .library import Library


class IndexProgressed(Message):
    """The background build read another file (a newer one replaces an unhandled older one)."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgressed)


class LibraryLoaded(Message):
    """The corpus is open: indexed, or (``updating``) its last index while a build brings it up to date."""

    def __init__(self, library: Library, updating: bool = False) -> None:
        super().__init__()
        self.library = library
        self.updating = updating


class IndexUpdated(Message):
    """The background build finished and found nothing new (the open library stays), or stopped."""

    def __init__(self, report: BuildReport | None, error: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.error = error


class SearchFinished(Message):
    """A search worker finished."""

    def __init__(self, results: SearchResults, sort: str) -> None:
        super().__init__()
        self.results = results
        self.sort = sort


class NavigationRequested(Message):
    """A widget asks the app to go somewhere (recorded in the history)."""

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
