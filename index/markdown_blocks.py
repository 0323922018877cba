"""Markdown bodies parsed into text blocks (markdown-it-py), HTML inside them parsed with lxml.

``parse_markdown`` walks markdown-it's token stream and turns every heading, paragraph, block-quote
paragraph, list item, table row and code block into one :class:`TextBlock` with its links as
:class:`LinkRef` offsets. Raw HTML (``html_block`` tokens, and paragraphs holding ``html_inline``
tokens) goes through :func:`html_fragment_blocks`' lxml walker, so scripts, widgets and attribute
values never become text. ``mostly_html`` tells a Markdown file that is really an HTML page.

Conventions shared by every block: whitespace (line breaks included) is collapsed to single spaces,
control characters are removed, entities are unescaped, images are dropped, emphasis and code marks
are removed, and table cells are joined with ``TABLE_CELL_SEPARATOR``. ``TextBlock.line`` is the
1-based line of the block in the string given.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from index.boilerplate import broken_sentence
from index.models import LinkRef, TextBlock

#: Table cells are joined with a spaced vertical bar: it reads as a column break and is what a
#: Markdown table looks like, so a row stays recognisable in a snippet ("Name | Age | City").
TABLE_CELL_SEPARATOR = " | "

#: Deepest container nesting markdown-it follows (a list level counts two: list + item). Real
#: articles stay far below; content nested deeper than this is dropped by markdown-it, which keeps
#: the parser's recursion bounded on hostile input (thousands of ``>`` or ``-`` markers).
MAX_NESTING = 64
#: How many times a body is re-parsed after markdown-it hit ``MAX_NESTING``; past that the rest of
#: the body is read as plain paragraphs (keeps hostile input linear).
MAX_OVERFLOW_REPARSES = 3

#: A body is "mostly HTML" when more than this share of its non-blank characters sit on lines of
#: HTML blocks (and the HTML also carries at least as much visible text as the Markdown does).
MOSTLY_HTML_SHARE = 0.5

#: markdown-it scans from every ``[`` to its matching ``]`` (to the paragraph end when there is
#: none), which is quadratic on runs of brackets. A paragraph whose bracket scans would exceed this
#: many characters is read as HTML/plain text instead (real paragraphs stay far below it).
MAX_BRACKET_SCAN = 200_000
#: markdown-it's inline parser costs tens of microseconds per punctuation character; a single
#: "paragraph" longer than this (thousands of words without a blank line: a data dump, not prose)
#: is read as HTML/plain text so one such run cannot stall the whole file.
MAX_INLINE_CHARS = 50_000

# C0 and C1 control characters except tab, line feed and carriage return (which are whitespace).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?")

# Template and attribute markup that survives Markdown parsing as literal text: Liquid / Jekyll /
# Hugo tags ``{% ... %}`` and ``{{ ... }}``, kramdown attribute lists / extensions ``{: .cls}``,
# ``{:toc}``, ``{::comment}``, ``{:/}`` and heading attributes ``{#id}``. Each alternative stops at
# the next brace (or ``%``) and has a length bound, so the scan stays linear on unclosed openers.
_TEMPLATE_MARKUP = re.compile(
    r"\{%[^%\n]{0,1000}%\}"  # Liquid tag
    r"|\{\{[^{}\n]{0,1000}\}\}"  # Liquid / Hugo output
    r"|\{::?[^{}\n]{0,500}\}"  # kramdown attribute list or extension
    r"|\{[#.][A-Za-z][^{}\n]{0,300}\}"  # kramdown / Pandoc / Hugo attributes: {#id .class}
)

# Elements whose content is never article text: code, styling, embeds, graphics, form controls.
_SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "iframe",
        "noscript",
        "svg",
        "math",
        "canvas",
        "object",
        "embed",
        "video",
        "audio",
        "select",
        "option",
        "optgroup",
        "datalist",
        "input",
        "button",
        "textarea",
        "template",
        "head",
        "title",
        "meta",
        "link",
    }
)

# Elements that start and end a block of text; the others (span, b, a, ...) are inline.
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "figure",
        "figcaption",
        "blockquote",
        "address",
        "details",
        "summary",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "pre",
        "hr",
        "center",
        "form",
        "fieldset",
        "legend",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "body",
        "html",
    }
)

# Block kinds given by an element (others inherit the kind of the enclosing block).
_TAG_KINDS = {"li": "list_item", "blockquote": "quote", "tr": "table_row", "pre": "code"}
_CELL_TAGS = frozenset({"td", "th"})
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}

# The name of a start or end tag (for following <script>-like elements across HTML blocks).
_TAG_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9:-]*)")
_BRACKETS = re.compile(r"[\[\]]")

_HTML_PARSER = lxml_html.HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=True
)


class _BlockMarkdownIt(MarkdownIt):
    """markdown-it with CommonMark, raw HTML, GFM tables and strikethrough; hrefs kept as written."""

    def normalizeLink(self, url: str) -> str:
        """Keep the destination as written (overrides markdown-it; entities and escapes are resolved)."""
        return url.strip()


_MD = _BlockMarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
# Inline content is parsed token by token (``_parse_tokens``) so one pathological paragraph can be
# read without markup instead of stalling the whole file.
_MD.disable("inline")
_RENDERER = RendererHTML()  # renders a paragraph holding inline HTML back to HTML for lxml


# --------------------------------------------------------------------------------------------
# Building one block's text with link offsets


@dataclass
class _OpenLink:
    href: str
    from_html: bool
    start: int | None = None


class _TextBuilder:
    """Accumulates one block's text, collapsing whitespace and tracking link offsets as it goes.

    Separators (a space, a table-cell bar) are held back until more text follows, so a block never
    starts or ends with whitespace and link offsets never need shifting afterwards.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending = ""
        self.open_links: list[_OpenLink] = []
        self.links: list[LinkRef] = []
        self.line: int | None = None

    def separate(self, separator: str = " ") -> None:
        """Ask for ``separator`` before the next text; a cell bar wins over a plain space."""
        if len(separator) > len(self.pending):
            self.pending = separator

    def add(self, text: str, line: int | None = None) -> None:
        """Append ``text`` with its whitespace runs collapsed to single spaces."""
        if not text:
            return
        if text[0].isspace():
            self.separate()
        words = text.split()
        if not words:
            return
        if self.length:
            self._emit(self.pending)
        elif self.line is None:
            self.line = line
        self.pending = ""
        for link in self.open_links:
            if link.start is None:
                link.start = self.length
        self._emit(" ".join(words))
        if text[-1].isspace():
            self.separate()

    def open_link(self, href: str, from_html: bool = False) -> None:
        self.open_links.append(_OpenLink(href.strip(), from_html))

    def close_link(self, from_html: bool = False) -> None:
        """Close the innermost link opened the same way (Markdown or an HTML ``<a>``)."""
        if not self.open_links or self.open_links[-1].from_html != from_html:
            return
        link = self.open_links.pop()
        if link.start is not None and self.length > link.start and link.href:
            self.links.append(LinkRef(link.start, self.length, link.href))

    def block(self, kind: str, level: int = 0, line: int | None = None) -> TextBlock | None:
        """The finished block, or None when no text was added; ``line`` if no text had a line."""
        if not self.length:
            return None
        links = tuple(sorted(self.links, key=lambda link: (link.start, link.end)))
        return TextBlock(
            "".join(self.parts),
            kind,
            level if kind == "heading" else 0,
            links,
            self.line if self.line is not None else line,
        )

    def _emit(self, piece: str) -> None:
        if piece:
            self.parts.append(piece)
            self.length += len(piece)


def _strip_template_markup(text: str) -> str:
    """Prose text without Liquid / Hugo template tags and kramdown attribute lists."""
    if "{" not in text:
        return text
    return _TEMPLATE_MARKUP.sub(" ", text)


def _clean_input(text: object) -> str:
    """A str with control characters removed and line endings normalised to ``\\n``."""
    if not isinstance(text, str):
        return ""
    return _CONTROL_CHARS.sub("", _NEWLINES.sub("\n", text))


# --------------------------------------------------------------------------------------------
# HTML (lxml)


def _parse_html_fragment(html: str) -> etree._Element | None:
    """The fragment under one wrapping ``<div>``, or None when lxml cannot make anything of it."""
    if not html.strip():
        return None
    try:
        return lxml_html.fragment_fromstring(html.encode("utf-8", "replace"), create_parent="div", parser=_HTML_PARSER)
    except (etree.ParserError, ValueError, TypeError):
        return None


def usable_link(href: str) -> bool:
    """Whether markdown-it would accept ``href`` as a link (no ``javascript:``, ``vbscript:``...)."""
    href = href.strip()
    return bool(href) and _MD.validateLink(href)


def _usable_href(element: etree._Element) -> bool:
    """Whether an ``<a>`` has an href markdown-it would accept."""
    return usable_link(element.get("href") or "")


class _HtmlWalker:
    """Turns an lxml tree into blocks; iterative (``iterwalk``), so any nesting depth is fine.

    In ``flat`` mode (HTML inside one Markdown paragraph) block boundaries become spaces and the
    whole fragment feeds the caller's single builder.
    """

    def __init__(self, base_kind: str, line_offset: int, builder: _TextBuilder | None = None) -> None:
        self.flat = builder is not None
        self.builder = builder or _TextBuilder()
        self.kinds: list[tuple[str, int]] = [(base_kind, 0)]
        self.line_offset = line_offset
        self.line: int | None = None
        self.blocks: list[TextBlock] = []

    def walk(self, root: etree._Element) -> list[TextBlock]:
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            tag = element.tag.lower() if isinstance(element.tag, str) else None
            if event == "start":
                if element.sourceline and not self.flat:
                    self.line = self.line_offset + element.sourceline
                if tag is None or tag in _SKIPPED_TAGS:
                    walker.skip_subtree()
                    continue
                self._start(tag, element)
            else:
                if tag is not None and tag not in _SKIPPED_TAGS:
                    self._end(tag, element)
                self._add(element.tail)
        self._flush()
        return self.blocks

    def _start(self, tag: str, element: etree._Element) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            self.kinds.append(self._kind_for(tag))
        elif tag == "br":
            self._flush()
        elif tag in _CELL_TAGS:
            self.builder.separate(TABLE_CELL_SEPARATOR)
        elif tag == "a" and _usable_href(element):
            self.builder.open_link(element.get("href") or "", from_html=True)
        self._add(element.text)

    def _end(self, tag: str, element: etree._Element) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            if len(self.kinds) > 1:
                self.kinds.pop()
        elif tag == "a" and _usable_href(element):
            self.builder.close_link(from_html=True)

    def _kind_for(self, tag: str) -> tuple[str, int]:
        """Kind and heading level of text directly inside ``tag``."""
        if tag in _HEADING_TAGS:
            return "heading", _HEADING_TAGS[tag]
        if tag in _TAG_KINDS:
            return _TAG_KINDS[tag], 0
        return self.kinds[-1]

    def _add(self, text: str | None) -> None:
        if text:
            self.builder.add(_strip_template_markup(text), self.line)

    def _flush(self) -> None:
        if self.flat:
            self.builder.separate()
            return
        kind, level = self.kinds[-1]
        block = self.builder.block(kind, level)
        if block is not None:
            self.blocks.append(block)
        self.builder = _TextBuilder()


def _html_blocks(html: str, base_kind: str = "paragraph", line_offset: int = 0) -> list[TextBlock]:
    root = _parse_html_fragment(html)
    if root is None:
        return []
    return _HtmlWalker(base_kind, line_offset).walk(root)


def html_fragment_blocks(html: str) -> list[TextBlock]:
    """Text blocks of an HTML fragment: scripts, styles, embeds, form controls and comments removed.

    Block elements give separate blocks (h1-h6 headings with their level, li list items, tr table
    rows, blockquote quotes, br-separated runs); ``<a href>`` text is kept with a LinkRef; images and
    attribute values never become text. ``line`` is the 1-based line of the element in ``html``.
    Never raises: unusable input gives ``[]``.
    """
    try:
        return _html_blocks(_clean_input(html))
    except Exception:  # lxml on hostile input: an empty result rather than a crash
        return []


# --------------------------------------------------------------------------------------------
# Markdown (markdown-it)


def _unclosed_skipped_tag(html: str) -> str | None:
    """A skipped element (``<script>``, ``<style>``...) opened in ``html`` and not closed there.

    markdown-it ends most HTML blocks at a blank line, so ``<div><script>`` followed by a blank
    line leaves the rest of the script to be read as Markdown; the caller then drops tokens until
    the closing tag. Counting tag names is enough here: lxml still parses the HTML itself.
    """
    depth: dict[str, int] = {}
    for match in _TAG_NAME.finditer(html):
        name = match.group(2).lower()
        if name in _SKIPPED_TAGS and name not in {"input", "meta", "link"}:
            depth[name] = depth.get(name, 0) + (-1 if match.group(1) else 1)
    return next((name for name, count in depth.items() if count > 0), None)


def _parse_tokens(text: str) -> list[Token]:
    """markdown-it's block tokens for ``text``, each inline token given its parsed children."""
    env: dict[str, Any] = {}
    tokens = _MD.parse(text, env)
    for token in tokens:
        if token.type == "inline":
            token.children = _inline_children(token.content, env)
    return tokens


def _inline_children(content: str, env: dict[str, Any]) -> list[Token]:
    """Inline tokens of one paragraph; markup-free reading (via lxml) when parsing would be quadratic."""
    if len(content) > MAX_INLINE_CHARS or _bracket_scan_cost(content) > MAX_BRACKET_SCAN:
        return [Token("html_inline", "", 0, content=content)]
    children: list[Token] = []
    _MD.inline.parse(content, _MD, env, children)
    for child in children:
        if child.type == "text_special":  # escapes and entities, already resolved
            child.type = "text"
    return children


def _bracket_scan_cost(content: str) -> int:
    """Characters markdown-it's link-label scan would cover: from each ``[`` to its ``]`` or the end."""
    if "[" not in content:
        return 0
    cost, opened = 0, []
    for match in _BRACKETS.finditer(content):
        if match.group() == "[":
            opened.append(match.start())
        elif opened:
            cost += match.start() - opened.pop()
    return cost + sum(len(content) - start for start in opened)


def _code_or_quote(token: Token) -> str:
    """The text of a code span; a double-backtick "span" closed by a TeX-style quote (wire copy
    writes ``Hello,'' he said) is quotation marks, not code, and keeps its backticks."""
    if token.markup == "``" and "''" in token.content:
        return f"``{token.content}``"
    return token.content


def _inline_text(token: Token, builder: _TextBuilder, line: int | None) -> None:
    """Render an inline token's children (text, code spans, links) into ``builder``."""
    children = token.children or []
    if any(child.type == "html_inline" for child in children):
        _inline_html_text(children, builder, line)
        return
    for child in children:
        kind = child.type
        if kind == "text":
            builder.add(_strip_template_markup(child.content), line)
        elif kind == "code_inline":
            builder.add(_code_or_quote(child), line)
        elif kind in ("softbreak", "hardbreak"):
            builder.separate()
            line = line + 1 if line is not None else None  # a block's line is that of its first text
        elif kind == "link_open":
            builder.open_link(str(child.attrs.get("href") or ""))
        elif kind == "link_close":
            builder.close_link()
        # images, emphasis and strikethrough marks add no text


def _inline_html_text(children: Sequence[Token], builder: _TextBuilder, line: int | None) -> None:
    """A paragraph with inline HTML: render it to HTML and read it back with the lxml walker.

    This handles tags split over several ``html_inline`` tokens as a browser would: ``<span>``s
    keep their text, ``<a href>`` pairs become links, ``<script>`` content and attributes go.
    """
    root = _parse_html_fragment(_RENDERER.renderInline(children, _MD.options, {}))
    if root is not None:
        walker = _HtmlWalker("paragraph", 0, builder)
        walker.line = line
        walker.walk(root)


@dataclass
class _MarkdownState:
    """Where the token walk is: enclosing containers, the heading or table row being read."""

    containers: list[str]
    heading_level: int = 0
    row: _TextBuilder | None = None
    row_line: int | None = None
    skipping_until: str | None = None  # closing tag name of a script/style split over blank lines
    marker: str = ""  # the marker of a list item whose first paragraph is still to come

    def kind(self) -> str:
        return self.containers[-1] if self.containers else "paragraph"


def _token_line(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def _markdown_blocks(tokens: Sequence[Token]) -> Iterator[tuple[TextBlock, bool]]:
    """(block, came from an HTML block) for every text block of a markdown-it token stream."""
    state = _MarkdownState(containers=[])
    for token in tokens:
        if state.skipping_until is not None:
            if token.type in ("html_block", "inline") and f"</{state.skipping_until}" in token.content.lower():
                state.skipping_until = None
            continue
        yield from _blocks_of_token(token, state)


def _blocks_of_token(token: Token, state: _MarkdownState) -> Iterator[tuple[TextBlock, bool]]:
    kind = token.type
    if kind in ("blockquote_open", "list_item_open"):
        state.containers.append("quote" if kind == "blockquote_open" else "list_item")
        state.marker = f"{token.info}{token.markup}" if kind == "list_item_open" else ""
    elif kind in ("blockquote_close", "list_item_close"):
        if state.containers:
            state.containers.pop()
    elif kind == "heading_open":
        state.heading_level = _HEADING_TAGS.get(token.tag, 1)
    elif kind == "heading_close":
        state.heading_level = 0
    elif kind == "tr_open":
        state.row, state.row_line = _TextBuilder(), _token_line(token)
    elif kind in ("th_open", "td_open") and state.row is not None:
        state.row.separate(TABLE_CELL_SEPARATOR)
    elif kind == "tr_close" and state.row is not None:
        block = state.row.block("table_row", line=state.row_line)
        state.row = None
        if block is not None:
            yield block, False
    elif kind == "inline":
        yield from _inline_block(token, state)
    elif kind in ("fence", "code_block"):
        code = _TextBuilder()
        code.add(token.content)
        block = code.block("code", line=_token_line(token))
        if block is not None:
            yield block, False
    elif kind == "html_block":
        line = _token_line(token)
        for block in _html_blocks(token.content, state.kind(), (line or 1) - 1):
            yield block, True
        state.skipping_until = _unclosed_skipped_tag(token.content)


def _inline_block(token: Token, state: _MarkdownState) -> Iterator[tuple[TextBlock, bool]]:
    line = _token_line(token)
    if state.row is not None:
        _inline_text(token, state.row, line)
        return
    builder = _TextBuilder()
    _inline_text(token, builder, line)
    if state.heading_level:
        block = builder.block("heading", state.heading_level, line)
    else:
        block = builder.block(state.kind(), line=line)
    if block is not None:
        if state.marker and block.kind == "list_item":
            block = dataclasses.replace(block, marker=state.marker)
        state.marker = ""
        yield block, False


def _plain_paragraphs(lines: Sequence[str], first_line: int = 1) -> list[TextBlock]:
    """Fallback reading of ``lines``: blank-line separated paragraphs, whitespace collapsed."""
    blocks: list[TextBlock] = []
    builder = _TextBuilder()
    for number, line in enumerate(lines, start=first_line):
        if line.strip():
            builder.add(line + "\n", number)
            continue
        block = builder.block("paragraph")
        if block is not None:
            blocks.append(block)
        builder = _TextBuilder()
    block = builder.block("paragraph")
    if block is not None:
        blocks.append(block)
    return blocks


@dataclass(frozen=True)
class _Analysis:
    """A body's blocks, each with whether it came from an HTML block, and its share of HTML lines."""

    blocks: tuple[tuple[TextBlock, bool], ...]
    html_share: float


def _nesting_overflow(tokens: Sequence[Token]) -> tuple[int, int, int] | None:
    """(token index, first line, end line) of the top-level container markdown-it gave up inside.

    At ``MAX_NESTING`` markdown-it stops reading the container, silently losing its text (and, for
    lists, the rest of the document). The caller reads those lines as plain paragraphs instead.
    """
    deepest = next((index for index, token in enumerate(tokens) if token.level >= MAX_NESTING - 1), None)
    if deepest is None:
        return None
    for index in range(deepest, -1, -1):
        token = tokens[index]
        if token.level == 0 and token.nesting == 1 and token.map:
            return index, token.map[0], token.map[1]
    return 0, 0, 1 << 62


def _mark_html_lines(tokens: Sequence[Token], in_html: bytearray, offset: int) -> None:
    for token in tokens:
        if token.type == "html_block" and token.map:
            start, end = offset + token.map[0], min(offset + token.map[1], len(in_html))
            if start < end:
                in_html[start:end] = b"\x01" * (end - start)


def _shifted(blocks: Iterator[tuple[TextBlock, bool]], offset: int) -> Iterator[tuple[TextBlock, bool]]:
    for block, from_html in blocks:
        if offset and block.line is not None:
            block = replace(block, line=block.line + offset)
        yield block, from_html


@functools.lru_cache(maxsize=4)  # parse_markdown and mostly_html on the same body parse it once
def _analyse(text: str) -> _Analysis:
    lines = text.split("\n")
    in_html = bytearray(len(lines))
    blocks: list[tuple[TextBlock, bool]] = []
    start = 0  # first line of the part still to parse
    for _attempt in range(MAX_OVERFLOW_REPARSES + 1):
        tokens = _parse_tokens("\n".join(lines[start:]) if start else text)
        overflow = _nesting_overflow(tokens)
        usable = tokens if overflow is None else tokens[: overflow[0]]
        _mark_html_lines(usable, in_html, start)
        blocks.extend(_shifted(_markdown_blocks(usable), start))
        if overflow is None:
            break
        first, end = start + overflow[1], min(start + overflow[2], len(lines))
        blocks.extend((block, False) for block in _plain_paragraphs(lines[first:end], first + 1))
        start = end
        if start >= len(lines):
            break
    else:
        blocks.extend((block, False) for block in _plain_paragraphs(lines[start:], start + 1))
    return _Analysis(tuple(blocks), _html_share(lines, in_html))


def _html_share(lines: Sequence[str], in_html: bytearray) -> float:
    """Share of the non-blank characters of ``lines`` on lines flagged in ``in_html``."""
    total = html = 0
    for line, flag in zip(lines, in_html, strict=False):
        count = len("".join(line.split()))
        total += count
        if flag:
            html += count
    return html / total if total else 0.0


def parse_markdown(body: str) -> list[TextBlock]:
    """Text blocks of a Markdown body (front matter already removed), in document order.

    One block per heading, paragraph, block-quote paragraph ("quote"), list item ("list_item",
    nested items separately), table row ("table_row", cells joined by ``TABLE_CELL_SEPARATOR``) and
    code block ("code"). Raw HTML is read with lxml (see :func:`html_fragment_blocks`). Reference
    definitions, rules, images, empty headings, Liquid tags and kramdown attribute lists give no
    text. Never raises.
    """
    text = _clean_input(body)
    try:
        return [block for block, _ in _analyse(text).blocks]
    except Exception:  # a parser bug or recursion limit on hostile input must not lose the file
        return _plain_paragraphs(text.split("\n"))


def mostly_html(body: str) -> bool:
    """True when the body is essentially an HTML page wrapped in a Markdown file.

    Measured with markdown-it's token map: more than ``MOSTLY_HTML_SHARE`` of the non-blank
    characters lie on lines of HTML blocks, and those blocks hold at least as much visible text as
    the Markdown around them (so a post with one large script or SVG widget stays Markdown).
    """
    try:
        analysis = _analyse(_clean_input(body))
    except Exception:
        return False
    if analysis.html_share <= MOSTLY_HTML_SHARE:
        return False
    html_chars = sum(len(block.text) for block, from_html in analysis.blocks if from_html)
    markdown_chars = sum(len(block.text) for block, from_html in analysis.blocks if not from_html)
    return html_chars > 0 and html_chars >= markdown_chars


def join_broken_paragraphs(blocks: list[TextBlock]) -> list[TextBlock]:
    """Paragraphs of one sentence broken by blank lines joined again, links moved along
    (see :func:`index.boilerplate.broken_sentence`)."""
    out: list[TextBlock] = []
    for b in blocks:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == b.kind == "paragraph" and broken_sentence(prev.text, b.text):
            shift = len(prev.text) + 1
            moved = tuple(LinkRef(lk.start + shift, lk.end + shift, lk.href) for lk in b.links)
            out[-1] = TextBlock(f"{prev.text} {b.text}", "paragraph", 0, prev.links + moved, prev.line)
        else:
            out.append(b)
    return out
