"""Command palette: find articles and entities by name (fuzzy), and the app's actions.

Titles, entity names and aliases come from outside, so they are never markup: Textual's
``Matcher.highlight`` parses its candidate as content markup (a ``[@click=...]`` in a title would
become a live action, a ``[/]`` would crash the palette), so hits are highlighted here on a plain
:class:`~textual.content.Content` of the sanitised text, and help texts are markup-escaped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from index.models import ArticleMeta, Entity
from index.sanitize import for_terminal, path_for_display

from .corrections_ui import correction_commands
from .navigation import Location

if TYPE_CHECKING:
    from textual.screen import Screen

    from .app import BroadsheetApp
    from .library import Library


def plain_highlight(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as plain content (never markup) with the fuzzy-matched characters styled."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if offset < len(candidate) and not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CorpusCommands(Provider):
    """Articles by title, entities by name or alias, and navigation actions; before anything is
    typed, the actions of the screen the palette was opened on."""

    async def discover(self) -> Hits:
        for label, action in [*screen_actions(self.screen), *self._actions()]:
            yield DiscoveryHit(Content(label), action, text=label)

    def _actions(self) -> list[tuple[str, Callable[[], object]]]:
        app: BroadsheetApp = self.app  # type: ignore[assignment]
        actions: list[tuple[str, Callable[[], object]]] = [
            ("Side by side: timeline of the listed articles", app.action_synoptic),
            ("Key dates: the days the listed articles (or this entity) date most", app.action_key_dates),
            ("Back", app.action_back),
            ("Forward", app.action_forward),
            ("Help", app.action_help),
            ("Filter the results by source, date or entity", app.reader.action_filter),
            ("Reload: re-read the corpus folder", app.action_reload),
            ("Quit", app.action_quit),
        ]
        return actions + correction_commands(app)

    async def search(self, query: str) -> Hits:
        app: BroadsheetApp = self.app  # type: ignore[assignment]
        library = app.library
        matcher = self.matcher(query)
        for label, action in self._actions():
            if (score := matcher.match(label)) > 0:
                yield Hit(score, plain_highlight(matcher, label), action, text=label)
        if library is None:
            return
        # candidates come from indexed look-ups (titles and spellings holding the typed words),
        # so the palette stays quick on a corpus of any size; the matcher then ranks them
        articles, entities = await asyncio.to_thread(_candidates, library, query)
        for meta in articles:
            title = for_terminal(meta.title or path_for_display(meta.path))
            if (score := matcher.match(title)) > 0:
                yield Hit(score, plain_highlight(matcher, title), partial(app.go, Location("article", meta.id)),
                          text=title, help="article")  # fmt: skip
        for entity in entities:
            names = [for_terminal(n) for n in [entity.name, *entity.alias_names]]
            best = max(names, key=matcher.match)
            if (score := matcher.match(best)) > 0:
                label = names[0] if best == names[0] else f"{names[0]} ({best})"
                yield Hit(score, plain_highlight(matcher, label), partial(app.go, Location("entity", entity.id)),
                          text=label, help=escape(for_terminal(entity.type.lower())))  # fmt: skip


def screen_actions(screen: Screen[object]) -> list[tuple[str, Callable[[], object]]]:
    """The described key bindings of ``screen`` as (label with its key, action to run)."""
    out: list[tuple[str, Callable[[], object]]] = []
    seen: set[str] = set()
    for bindings in screen._bindings.key_to_bindings.values():
        for binding in bindings:
            if binding.system or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = screen.app.get_key_display(binding)
            out.append((f"{binding.description} ({key})", partial(screen.run_action, binding.action)))
    return out


def _candidates(library: Library, query: str) -> tuple[list[ArticleMeta], list[Entity]]:
    """Articles and entities the palette may offer for ``query`` (at most 50 of each)."""
    if not query.strip():
        return library.db.articles("date", 20), library.db.entities(limit=20)
    return library.db.find_articles(query), library.db.find_entities(query)
