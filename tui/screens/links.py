"""Pick one of an article's web links to open: its own address or a link in its text."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from index.models import Article
from index.sanitize import for_terminal
from index.wording import cut_at_word

WEB_SCHEMES = ("http://", "https://")


def web_links(article: Article, near: int | None = None) -> list[tuple[str, str]]:
    """(label, url) for every http(s) address of an article: its own URL first, then the links in
    its text, those nearest to offset ``near`` (the paragraph being read) first; no repeats."""
    out: list[tuple[str, str]] = []
    if article.url and article.url.lower().startswith(WEB_SCHEMES):
        out.append(("This article", article.url))
    links = [lk for lk in article.links if lk.href.lower().startswith(WEB_SCHEMES)]
    if near is not None:
        links.sort(key=lambda lk: abs(lk.start - near))
    seen = {url for _, url in out}
    for lk in links:
        if lk.href not in seen:
            seen.add(lk.href)
            out.append((article.text[lk.start : lk.end] or lk.href, lk.href))
    return out


class LinksScreen(ModalScreen[str | None]):
    """Asks which link to open in the web browser; nothing opens without a choice."""

    BINDINGS = [Binding("escape,n", "dismiss(None)", "Cancel")]

    def __init__(self, links: list[tuple[str, str]], question: str = "Open which link in your web browser?") -> None:
        super().__init__()
        self.links = links
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="link-dialog"):
            yield Static(Text(f"{self.question} (Enter picks, Esc cancels)"))
            options = [Option(_label(text, url), id=str(i)) for i, (text, url) in enumerate(self.links)]
            yield OptionList(*options, id="link-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.links[int(event.option.id or 0)][1])


def _label(text: str, url: str) -> Text:
    """Link text and address as plain text (never markup)."""
    label = Text(for_terminal(cut_at_word(" ".join(text.split()), 60)), style="bold")
    label.append("\n  " + for_terminal(url[:200]), style="dim")
    return label
