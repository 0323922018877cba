"""The results list: title, source and date, snippet with the hits highlighted."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.models import SearchHit, SearchResults
from index.wording import cut_at_word

from ..render import highlighted, plain, title_text

#: characters of a hit's snippet shown in the list
SNIPPET_CHARS = 160


def hit_prompt(hit: SearchHit, mark: str = "") -> Text:
    """Three lines for one hit (the title after ``mark``, such as an unread bullet); every piece of
    article text stays literal."""
    title = title_text(hit.title, hit.path)
    if mark:
        title = Text.assemble((mark + " ", "bold"), title)
    meta_text = " · ".join(x for x in (hit.source, hit.published) if x)
    meta = plain(meta_text, style="dim") if meta_text else title_text(None, hit.path, style="dim")
    snippet = highlighted(cut_at_word(hit.snippet.text, SNIPPET_CHARS), hit.snippet.highlights, "bold reverse")
    return Text("\n").join([title, meta, snippet, Text("")])


class ResultsList(OptionList):
    """Ranked hits; selecting one opens the article. ``mark_for`` gives an article's marker (unread),
    ``keep`` which articles are listed (the unread filter)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.mark_for: Callable[[str], str] = lambda _article_id: ""
        self.keep: Callable[[str], bool] = lambda _article_id: True
        self.hits: dict[str, SearchHit] = {}

    def show_results(self, results: SearchResults) -> None:
        hits = [h for h in results.hits if self.keep(h.id)]
        self.hits = {h.id: h for h in hits}
        self.clear_options()
        self.add_options([Option(hit_prompt(h, self.mark_for(h.id)), id=h.id) for h in hits])
        if hits:
            self.highlighted = 0

    def refresh_marks(self) -> None:
        """Draw every hit's marker again (after an article was read)."""
        for index, option in enumerate(self.options):
            hit = self.hits.get(option.id or "")
            if hit is not None:
                self.replace_option_prompt_at_index(index, hit_prompt(hit, self.mark_for(hit.id)))
