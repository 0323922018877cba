"""Command palette: find articles and entities by name (fuzzy), and the app's actions."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider

from .navigation import Location

if TYPE_CHECKING:
    from .app import BroadsheetApp


class CorpusCommands(Provider):
    """Articles by title, entities by name or alias, and navigation actions."""

    async def search(self, query: str) -> Hits:
        app: BroadsheetApp = self.app  # type: ignore[assignment]
        library = app.library
        matcher = self.matcher(query)
        actions = [
            ("Side by side: timeline of the listed articles", app.action_synoptic),
            ("Back", app.action_back),
            ("Forward", app.action_forward),
            ("Help", app.action_help),
        ]
        for label, action in actions:
            if (score := matcher.match(label)) > 0:
                yield Hit(score, matcher.highlight(label), action)
        if library is None:
            return
        for aid, meta in library.meta.items():
            title = meta.get("title") or meta.get("path") or aid
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), partial(app.go, Location("article", aid)), help="article")
        for entity in library.entities.values():
            names = [entity["name"], *entity["aliases"]]
            best = max(names, key=matcher.match)
            if (score := matcher.match(best)) > 0:
                label = entity["name"] if best == entity["name"] else f"{entity['name']} ({best})"
                yield Hit(score, matcher.highlight(label), partial(app.go, Location("entity", entity["id"])),
                          help=entity["type"].lower())  # fmt: skip
