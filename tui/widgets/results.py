"""The results list: title, source and date, snippet with the hits highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.models import SearchHit, SearchResults
from index.wording import cut_at_word

from ..render import highlighted, plain, title_text

#: characters of a hit's snippet shown in the list
SNIPPET_CHARS = 160


def hit_prompt(hit: SearchHit) -> Text:
    """Three lines for one hit; every piece of article text stays literal."""
    title = title_text(hit.title, hit.path)
    meta_text = " · ".join(x for x in (hit.source, hit.published) if x)
    meta = plain(meta_text, style="dim") if meta_text else title_text(None, hit.path, style="dim")
    snippet = highlighted(cut_at_word(hit.snippet.text, SNIPPET_CHARS), hit.snippet.highlights, "bold reverse")
    return Text("\n").join([title, meta, snippet, Text("")])


class ResultsList(OptionList):
    """Ranked hits; selecting one opens the article."""

    def show_results(self, results: SearchResults) -> None:
        self.clear_options()
        self.add_options([Option(hit_prompt(h), id=h.id) for h in results.hits])
        if results.hits:
            self.highlighted = 0
