"""Key dates: the days the listed articles (or an entity's events, or the whole corpus) date most,
each with its most central sentence (see :mod:`index.keydates`); Enter jumps to the sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from index.wording import count, cut_at_word

from ..messages import NavigationRequested
from ..navigation import Location
from ..render import plain

if TYPE_CHECKING:
    from index.keydates import KeyDate

    from ..library import Library

#: key dates listed
KEY_DATES = 30
#: characters of the central sentence shown per row
SENTENCE_CHARS = 160


class KeyDatesScreen(Screen[None]):
    """Ranked days of a scope: ``entity`` (its events), ``articles`` (theirs), or neither (all)."""

    BINDINGS = [Binding("escape", "app.back", "Back")]

    def __init__(self, library: Library, entity: str | None = None, articles: list[str] | None = None) -> None:
        super().__init__()
        self.library = library
        self.entity = entity
        self.articles = articles
        self.keys: list[KeyDate] = []
        self._asked = 0  # the number of the last computation asked for (older results are dropped)

    def compose(self) -> ComposeResult:
        yield Static(Text("Key dates: computing…", style="dim"), id="keydates-head")
        yield OptionList(id="keydates-list")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        self._asked += 1
        self._compute(self._asked, self.library, self.entity, self.articles)

    @work(thread=True, exclusive=True, group="keydates", exit_on_error=False)
    def _compute(self, asked: int, library: Library, entity: str | None, articles: list[str] | None) -> None:
        keys = library.key_dates(KEY_DATES, entity=entity, articles=articles)
        scope = self._scope_label(library, entity, articles)
        rows = [(k, library.title_of(k.sentences[0].article) if k.sentences else "") for k in keys]
        self.app.call_from_thread(self._show, asked, scope, rows)

    @staticmethod
    def _scope_label(library: Library, entity: str | None, articles: list[str] | None) -> Text:
        if entity is not None:
            found = library.entity_by_id(entity)
            return Text.assemble("of ", plain(found.name if found else entity, "bold"))
        if articles is not None:
            return Text(f"of the {count(len(articles), 'listed article')}")
        return Text("of the whole corpus")

    def _show(self, asked: int, scope: Text, rows: list[tuple[KeyDate, str]]) -> None:
        if asked != self._asked:
            return  # a newer computation was asked for meanwhile
        self.keys = [k for k, _ in rows]
        head = Text.assemble(("Key dates ", "bold"), scope, "  ",
                             ("days dated by most articles and sources; Enter opens the sentence", "dim"))  # fmt: skip
        self.query_one("#keydates-head", Static).update(head)
        lst = self.query_one("#keydates-list", OptionList)
        lst.clear_options()
        if not rows:
            lst.add_option(Option(Text("No day is dated precisely here.", style="dim"), disabled=True))
            return
        options = []
        for i, (k, title) in enumerate(rows):
            prompt = Text.assemble(
                (f"{k.day}", "bold"),
                f"  {count(k.articles, 'article')} · {count(k.sources, 'source')}",
                (f"  score {k.score:g}", "dim"),
            )
            if k.sentences:
                prompt.append("\n  ")
                prompt.append_text(plain(cut_at_word(k.sentences[0].text, SENTENCE_CHARS)))
                prompt.append("\n  — ")
                prompt.append_text(plain(cut_at_word(title, 80), "italic"))
            prompt.append("\n")
            options.append(Option(prompt, id=str(i)))
        lst.add_options(options)
        lst.highlighted = 0
        lst.focus()

    @on(OptionList.OptionSelected, "#keydates-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        k = self.keys[int(event.option.id)]
        if k.sentences:
            e = k.sentences[0]
            self.post_message(NavigationRequested(Location("article", e.article, e.start)))
