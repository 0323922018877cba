"""The article pane: a header and the text as Markdown, with hits, mentions and the current sentence."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, Static

from index.models import Article

from ..render import paragraph_of, plain, title_text, to_markdown


class ArticleView(VerticalScroll):
    """Shows one article; posts ``Scrolled`` with the offset at the top when the reader scrolls."""

    class Scrolled(Message):
        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: Article | None = None
        self.mentions: list[tuple[int, int, str]] = []
        self.hits: list[tuple[int, int]] = []
        self.current: tuple[int, int] | None = None
        self.hit_index = -1
        self._paragraph_top = 0

    def compose(self) -> ComposeResult:
        yield Static(
            Text("Pick an article from the results (Enter), or search with /.", style="dim"), id="article-head"
        )
        yield Markdown("", id="article-body", open_links=False)

    async def show_article(
        self, article: Article, mentions: list[tuple[int, int, str]], hits: list[tuple[int, int]]
    ) -> None:
        self.article, self.mentions, self.hits = article, mentions, hits
        self.current = None
        self.hit_index = -1
        head = title_text(article.title, article.path)
        head.append("\n")
        head.append_text(plain(" · ".join(article.header_parts()), style="dim"))
        if article.url:
            head.append("\n")
            head.append_text(plain(article.url, style="dim italic"))
        self.query_one("#article-head", Static).update(head)
        await self._rerender()
        self.scroll_home(animate=False)

    async def _rerender(self) -> None:
        assert self.article is not None
        md = to_markdown(self.article.text, self.mentions, self.hits, self.current)
        await self.query_one("#article-body", Markdown).update(md)

    async def focus_span(self, start: int, end: int) -> None:
        """Highlight a sentence (or hit) and scroll its paragraph into view."""
        if self.article is None:
            return
        self.current = (start, end)
        await self._rerender()
        self.call_after_refresh(self._scroll_to_paragraph, paragraph_of(self.article.text, start))

    def _scroll_to_paragraph(self, index: int) -> None:
        body = self.query_one("#article-body", Markdown)
        blocks = list(body.children)
        for i, block in enumerate(blocks):
            block.set_class(i == index, "-current")
        if 0 <= index < len(blocks):
            self.scroll_to_widget(blocks[index], animate=False, top=True)

    def restore_scroll(self, y: float) -> None:
        """Scroll back to where the article was left, once its new text is laid out."""
        self.call_after_refresh(self.scroll_to, y=y, animate=False, immediate=True)

    async def step_hit(self, delta: int) -> bool:
        """Move to the next (or previous) search hit; False when there is none."""
        if not self.hits or self.article is None:
            return False
        self.hit_index = (self.hit_index + delta) % len(self.hits)
        s, e = self.hits[self.hit_index]
        # every hit is already marked: moving between them only moves the current paragraph
        # (no new Markdown to parse and lay out)
        self.current = (s, e)
        self._scroll_to_paragraph(paragraph_of(self.article.text, s))
        return True

    def paragraph_at_top(self) -> int:
        """Offset of the first paragraph visible at the top of the pane."""
        if self.article is None:
            return 0
        from ..render import paragraphs

        spans = paragraphs(self.article.text)
        body = self.query_one("#article-body", Markdown)
        top = self.scroll_y
        for (start, _), block in zip(spans, body.children, strict=False):
            if block.virtual_region.bottom > top:
                return start
        return spans[-1][0] if spans else 0

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.article is not None:
            self.post_message(self.Scrolled(self.paragraph_at_top()))
