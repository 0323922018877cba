"""Citing and copying from the reader: the passage at the cursor, its citation, web browsers."""

from __future__ import annotations

import os
import sys
import webbrowser

from index.annotations import citation, new_bookmark
from index.models import Article
from index.sentences import split as split_sentences

from .widgets.article import ArticleView


def passage_at_cursor(view: ArticleView) -> tuple[int, int] | None:
    """The sentence being read: the one holding the focused span (a passage or hit jumped to),
    else the first sentence of the paragraph at the top of the pane; None with no article open."""
    if view.article is None:
        return None
    offset = view.current[0] if view.current is not None else view.paragraph_at_top()
    return sentence_around(view.article.text, offset)


def sentence_around(text: str, offset: int) -> tuple[int, int] | None:
    """The span of the sentence holding (or first after) ``offset``; None for an empty text."""
    sentences = split_sentences(text)
    for s in sentences:
        if offset < s.end:
            return s.start, s.end
    return (sentences[-1].start, sentences[-1].end) if sentences else None


def cited_passage(article: Article, start: int, end: int) -> str:
    """``article.text[start:end]`` with its citation, as the Markdown export writes it."""
    return citation(new_bookmark(article, start, end))


def browser_available() -> bool:
    """Whether a web browser can be opened from here (not on a Linux console or over SSH without a
    display, where Python would fall back to a text browser that fights the reader for the terminal)."""
    if sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")
    ):
        return False
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True
