"""Article text -> Markdown for the article pane, and rich Text for lists (never markup).

The text is shown literally: every ASCII punctuation mark is backslash-escaped, so nothing an
article contains is read as Markdown, HTML or a link, and every piece passes through
:func:`index.sanitize.for_terminal` (cut at the raw offsets first, so spans stay right).
Entity mentions become ``entity:`` links, search hits bold, the current sentence italic.
Paragraphs map one-to-one to Markdown blocks, so an offset can be scrolled to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.text import Text

from index.sanitize import for_terminal, path_for_display
from index.textfold import fold

QUERY_WORD = re.compile(r"(?<![\w:])([\w’'.-]+)\*?(?!:)")
OPERATORS = {"and", "or", "not", "to"}
PUNCT = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def escape(text: str) -> str:
    """Markdown that renders exactly ``text`` (sanitised for the terminal)."""
    return PUNCT.sub(r"\\\1", for_terminal(text))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (separated by blank lines)."""
    out, pos = [], 0
    for part in text.split("\n\n"):
        if part.strip():
            out.append((pos, pos + len(part)))
        pos += len(part) + 2
    return out


def paragraph_of(text: str, offset: int) -> int:
    """Index of the paragraph holding ``offset``."""
    for i, (_, e) in enumerate(paragraphs(text)):
        if offset < e + 2:
            return i
    return max(0, len(paragraphs(text)) - 1)


def to_markdown(
    text: str,
    mentions: Iterable[tuple[int, int, str]] = (),
    hits: Iterable[tuple[int, int]] = (),
    current: tuple[int, int] | None = None,
) -> str:
    """The article as Markdown: one block per paragraph, mentions as links, hits in bold."""
    link_at: dict[int, tuple[int, str]] = {}
    for s, e, eid in mentions:
        if not any(s < le and ls < e for ls, (le, _) in link_at.items()):
            link_at[s] = (e, eid)
    hit_set = sorted(hits)
    blocks = []
    for ps, pe in paragraphs(text):
        bounds = {ps, pe}
        for s, (e, _) in link_at.items():
            if ps <= s < pe:
                bounds |= {s, min(e, pe)}
        for s, e in hit_set:
            if ps <= s < pe:
                bounds |= {s, min(e, pe)}
        if current and ps <= current[0] < pe:
            bounds |= {current[0], min(current[1], pe)}
        cuts = sorted(bounds)
        out = []
        i = 0
        while i < len(cuts) - 1:
            s = cuts[i]
            if s in link_at:
                e, eid = link_at[s]
                e = min(e, pe)
                label = escape(text[s:e])
                if any(hs < e and s < he for hs, he in hit_set):
                    label = f"**{label}**"
                out.append((s, f"[{label}](entity:{eid})"))
                while i < len(cuts) - 1 and cuts[i] < e:
                    i += 1
                continue
            e = cuts[i + 1]
            piece = escape(text[s:e])
            if piece.strip() and any(hs <= s and e <= he for hs, he in hit_set):
                piece = f"**{piece}**"
            out.append((s, piece))
            i += 1
        md = "".join(p for _, p in out)
        if current and ps <= current[0] < pe:
            md = _italicise(out, current)
        blocks.append(md)
    return "\n\n".join(blocks)


def _italicise(pieces: list[tuple[int, str]], current: tuple[int, int]) -> str:
    """Wrap the pieces of the current sentence in ``*...*``."""
    inside = [p for s, p in pieces if current[0] <= s < current[1]]
    before = "".join(p for s, p in pieces if s < current[0])
    after = "".join(p for s, p in pieces if s >= current[1])
    body = "".join(inside)
    stripped = body.rstrip()
    return f"{before}*{stripped}*{body[len(stripped) :]}{after}" if stripped else before + body + after


def plain(text: str | None, style: str = "", multiline: bool = False) -> Text:
    """Outside text as a rich Text: sanitised, never parsed as markup."""
    return Text(for_terminal(text or "", multiline=multiline), style=style)


def title_text(title: str | None, path: str, style: str = "bold") -> Text:
    """An article's title, or its file name (hidden characters shown as escapes) when it has none."""
    return Text(for_terminal(title) if title else path_for_display(path), style=style)


def highlighted(text: str, spans: Iterable[tuple[int, int]], style: str = "bold reverse") -> Text:
    """Plain text with highlighted ranges; never parsed as markup, sanitised piece by piece
    (the spans index the raw text, so it is cut first)."""
    out, pos = Text(), 0
    for s, e in sorted(spans):
        s, e = max(s, pos), max(e, pos)
        out.append(for_terminal(text[pos:s]))
        out.append(for_terminal(text[s:e]), style=style)
        pos = e
    out.append(for_terminal(text[pos:]))
    return out


def hit_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of a query occur in a text as the search matched them: folded, by stem
    ("strikes" marks "striking") and, for a prefix, by word start."""
    from index.search import stem

    words = [fold(w) for w in QUERY_WORD.findall(re.sub(r'\b\w+:("[^"]*"|\S+)', " ", query))]
    words = [w for w in words if w and w not in OPERATORS and len(w) > 1]
    if not words:
        return []
    stems = {stem(w) for w in words}
    spans = []
    for m in re.finditer(r"\w+(?:[’'.]\w+)*", text):
        f = fold(m.group())
        if any(f.startswith(w) for w in words) or stem(f) in stems:
            spans.append((m.start(), m.end()))
    return spans
