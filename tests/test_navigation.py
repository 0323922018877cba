"""The back/forward history keeps where an article was scrolled to, without making it a new place."""

from __future__ import annotations

from dataclasses import replace

from tui.navigation import History, Location


def test_a_remembered_scroll_updates_the_entry_and_is_not_a_new_location() -> None:
    history = History()
    article = Location("article", "a1")
    history.visit(article)
    history.replace_current(replace(article, scroll=14.0))
    history.visit(Location("article", "a1"))  # the same article again: not recorded twice
    history.visit(Location("entity", "e1"))
    back = history.back()
    assert back == article and back is not None and back.scroll == 14.0
    assert history.back() is None
