"""Sentence boundaries with character offsets (news prose: abbreviations, initials, quotes).

Written by hand because the usual splitters either need downloaded models (spaCy, NLTK punkt
data) or split "Maj. Gen. Pat Ryder" and "U.S. forces" into pieces; ours is one regex pass.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen maj col lt sgt capt cpl adm sen rep gov pres st jr sr no vs etc inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx dept est fig al"
    .split()
)  # fmt: skip
BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.?$")
#: the marker of a list item opening a paragraph ("- ", "* ", "3. "): the sentence starts after it
_MARKER = r"(?:[-*+•]|\d{1,3}[.)])[ \t]+"
LIST_MARKER = re.compile(_MARKER + r"(?=\S)")
#: what may stand before the first word of a line: indentation and a list marker
LINE_LEAD = re.compile(rf"[ \t]*(?:{_MARKER})?")


def opens_line(text: str, pos: int) -> bool:
    """Whether ``pos`` is the first word of its line (after any list marker)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return LINE_LEAD.fullmatch(text, line_start, pos) is not None


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span in the article text."""

    start: int
    end: int


def split(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; their spans exclude surrounding whitespace."""
    out: list[Sentence] = []
    start = 0
    for m in BOUNDARY.finditer(text):
        if m.group().startswith(".") and (_is_abbreviation(text, m.start()) or _is_list_number(text, m.start())):
            continue
        _add(out, text, start, m.end())
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _is_list_number(text: str, dot: int) -> bool:
    """The period of a numbered list item's marker ("2. Lower the fares") ends no sentence."""
    line_start = text.rfind("\n", 0, dot) + 1
    number = text[line_start:dot].strip()
    return 0 < len(number) <= 3 and number.isdigit()


def _is_abbreviation(text: str, dot: int) -> bool:
    """A period that ends "Mr", "Gen", "U.S" or a single initial does not end the sentence."""
    m = WORD_BEFORE.search(text[max(0, dot - 12) : dot])
    if not m:
        return False
    word = m.group(1)
    return (len(word) == 1 and word.isupper()) or "." in word or word.lower() in ABBREVIATIONS


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        if start + lead == 0 or text[start + lead - 1] == "\n":
            marker = LIST_MARKER.match(stripped)
            if marker and marker.end() < len(stripped):
                lead += marker.end()
                stripped = stripped[marker.end() :]
        out.append(Sentence(start + lead, start + lead + len(stripped)))


def sentence_at(spans: list[tuple[int, int]], starts: list[int], offset: int) -> int | None:
    """Index of the sentence (``spans``, sorted, ``starts`` their starts) holding ``offset``, by bisection."""
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and spans[i][0] <= offset < spans[i][1] else None
