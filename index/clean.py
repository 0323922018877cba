"""Raw document -> :class:`Article`: parse the body into blocks, drop boilerplate, choose metadata.

The body is read by what it is, never scanned for markup line by line:

* Markdown is parsed with markdown-it (:mod:`index.markdown_blocks`): links keep their text (and
  their targets become :class:`LinkRef` metadata), images and markup-only lines give no text, HTML
  inside it goes to lxml. A Markdown file whose body is an HTML page (a CMS export) is cleaned as
  HTML, while its front matter still gives the metadata.
* HTML pages go through trafilatura (main text) and :mod:`index.branding` (JSON-LD, meta tags).
* Plain text is split into lines and hard-wrapped paragraphs.

Every block is then labelled by :mod:`index.boilerplate`; the kept blocks, joined by blank lines,
are the article's ``text``, the only base of character offsets. Title, date, source, URL and
author are chosen among every candidate by provenance (:mod:`index.metadata`).
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from . import boilerplate, frontmatter, markdown_blocks, metadata
from .bodyfields import BodyFields, body_fields
from .branding import PageMeta, page_metadata
from .frontmatter import FrontMatter
from .models import Article, LinkRef, Problem, RawDocument, TextBlock
from .sanitize import for_terminal, without_escape_sequences
from .settings import DEFAULT_SETTINGS, Settings

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " "})
#: the Markdown links trafilatura writes into its text when asked to keep links
#: a Markdown link in trafilatura's text; the target may be written in angle brackets ("(<a b()>)")
TRAFILATURA_LINK = re.compile(
    r"\[(?P<text>[^\[\]\n]{1,500})\]\((?:<(?P<angled>[^<>\n]{1,2000})>|(?P<href>[^()\s]{1,2000}))\)"
)


def normalise(text: str) -> str:
    """NFC, Unix newlines, no control characters, no-break spaces as spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = without_escape_sequences(text)  # a whole sequence, so no "]0;title" debris is left behind
    return CONTROL.sub("", text.replace("\u2028", "\n")).translate(SPACES)


#: an HTML character reference to a control character (``&#7;``, ``&#x1B;``); tab, LF and CR stay
CONTROL_REFERENCE = re.compile(
    r"&#(?:0*(?:[0-8]|1[1-2]|1[4-9]|2\d|3[01]|127)|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]));"
)


def one_line(value: str | None) -> str | None:
    """A metadata value as a single clean line (front matter may hold anything), without bidi
    controls or invisible characters."""
    if value is None:
        return None
    return " ".join(for_terminal(normalise(value)).split()) or None


def content_hash(text: str) -> str:
    """Hash of the cleaned text, whitespace-insensitive: equal hashes mean duplicate articles."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


@dataclass
class Body:
    """A body read into labelled blocks, with what the page said about itself."""

    blocks: list[boilerplate.Block]
    links: list[tuple[LinkRef, ...]]  # per block, offsets into the block's text
    headings: list[bool]  # per block: a heading of the parsed document
    markers: list[str] = field(default_factory=list)  # per block: its list marker ("" for none)
    page: PageMeta = field(default_factory=PageMeta)
    html_meta: dict[str, str] = field(default_factory=dict)  # trafilatura's title, date, sitename, url, author
    fields: BodyFields = field(default_factory=BodyFields)
    page_like: bool = False  # read as an HTML page (trafilatura chose the text)


def clean(
    raw: RawDocument, article_id: str, settings: Settings = DEFAULT_SETTINGS
) -> tuple[Article | None, list[Problem]]:
    """Clean one document. Returns None (with a problem) when it holds no article text."""
    fm = frontmatter.split(raw.path, raw.content) if raw.kind != "html" else FrontMatter(body=raw.content)
    body = _read_body(raw.kind, fm.body if raw.kind != "html" else raw.content, settings)
    if body is None:
        return None, [*fm.problems, Problem(raw.path, "no article text found in the HTML")]
    cited = _cited_heading(body) if raw.kind == "markdown" and not body.page_like else None
    evidence = metadata.Evidence(
        front=fm,
        fields=body.fields,
        page=body.page,
        html_meta=body.html_meta,
        inferred=metadata.infer(body.blocks, settings),
        cited=cited,
        paragraphs=[*body.page.credit_lines, *(b.text for b in body.blocks[:12])],
        head_lines=[b.text for b in body.blocks[:15]],
        tail_lines=[b.text for b in body.blocks[-8:]],
        authors_in_text=[
            a for b in body.blocks[:20] if b.reason == "byline" and (a := boilerplate.byline_name(b.text))
        ],
    )
    meta = metadata.resolve(evidence)
    kept = [i for i, b in enumerate(body.blocks) if b.keep]
    # copies of the headline are metadata, wherever they are repeated; a head line that was only a
    # guess at the headline stays article text when the headline came from elsewhere and differs
    guesses = [t for t in (evidence.inferred.title, evidence.cited_title) if t]
    titles = [meta.title, *(t for t in guesses if not meta.title or metadata.same_headline(t, meta.title))]
    drop = {metadata.headline_key(t) for t in titles if t}
    markers = body.markers or ["" for _ in body.blocks]
    pieces = [
        _with_marker(markers[i], body.blocks[i].text, body.links[i])
        for i in kept
        if metadata.headline_key(body.blocks[i].text) not in drop
    ]
    text, links = assemble(pieces)
    if not text.strip():
        return None, [*fm.problems, Problem(raw.path, "no article text left after removing boilerplate")]
    published, published_from = metadata.choose_date(evidence, text)
    article = Article(
        id=article_id,
        path=raw.path,
        title=one_line(meta.title),
        published=published,
        source=one_line(metadata.house_spelling(meta.source, text)),
        url=one_line(meta.url),
        text=text,
        content_hash=content_hash(text),
        author=one_line(meta.author),
        published_from=published_from,
        links=links,
        extra=fm.extra,
    )
    return article, fm.problems


def _read_body(kind: str, content: str, settings: Settings) -> Body | None:
    """Blocks of a body, labelled: Markdown parsed, HTML extracted, text split into lines."""
    if kind == "html":
        return _html_body(content, settings)
    text = normalise(content)
    lines = text.split("\n")
    fields = body_fields(lines)
    consumed = {i + 1 for i in fields.consumed}  # 1-based lines of labelled metadata
    if kind == "markdown":
        if markdown_blocks.mostly_html(text):
            html = _html_body(text, settings)
            if html is not None:
                html.fields = fields
            return html
        parsed = [b for b in markdown_blocks.parse_markdown(text) if b.line not in consumed]
        parsed = markdown_blocks.join_broken_paragraphs(parsed)
        return _labelled(parsed, settings, fields, gaps=[_blank_lines_before(lines, b.line) for b in parsed])
    line_of = _line_finder(text)
    blocks = [b for b in boilerplate.split_blocks(text) if not consumed or line_of(b.start) not in consumed]
    blocks = boilerplate.join_broken_blocks(blocks)
    boilerplate.classify_blocks(blocks, settings)
    return Body(blocks, [() for _ in blocks], [False for _ in blocks], fields=fields)


def _line_finder(text: str) -> Callable[[int], int]:
    """The 1-based line of an offset, by bisection over the newlines (counting from the start for
    every block would be quadratic in a file of many short lines)."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    return lambda offset: bisect.bisect_left(newlines, offset) + 1


def _blank_lines_before(lines: list[str], line: int | None) -> int:
    """Blank lines right above 1-based ``line``: wide gaps separate an article from what follows it."""
    if not line:
        return 1
    count, i = 0, line - 2
    while i >= 0 and not lines[i].strip():
        count, i = count + 1, i - 1
    return count


def _labelled(
    parsed: list[TextBlock],
    settings: Settings,
    fields: BodyFields | None = None,
    *,
    main_text: bool = False,
    gaps: list[int] | None = None,
) -> Body:
    """Boilerplate labels for parsed blocks (one block per paragraph, heading or list item).

    ``main_text`` blocks were already chosen as the article by trafilatura: only lines that are
    boilerplate on their own evidence (credits, captions, counters) are dropped, never whole
    stretches of the article for the document structure around them.
    """
    blocks = [boilerplate.Block(i, i, tb.text, gaps[i] if gaps else 1) for i, tb in enumerate(parsed)]
    if main_text:
        for block in blocks:
            boilerplate.label_block(block, settings)
            block.keep = block.label is not boilerplate.Label.BAD
    else:
        boilerplate.classify_blocks(blocks, settings)
    return Body(
        blocks,
        [tb.links for tb in parsed],
        [tb.kind == "heading" for tb in parsed],
        [tb.marker for tb in parsed],
        fields=fields or BodyFields(),
    )


def _html_body(html: str, settings: Settings) -> Body | None:
    """Main text by trafilatura (links kept), page metadata by :func:`index.branding.page_metadata`."""
    import trafilatura  # heavy; imported only when a corpus has HTML

    html = CONTROL_REFERENCE.sub("", html)  # the HTML parser refuses a page holding one
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, include_links=True
    )
    meta: dict = doc if isinstance(doc, dict) else doc.as_dict() if doc is not None else {}
    text = meta.get("text")
    if not text or not text.strip():
        return None
    parsed = [_unlinked(line) for line in normalise(text).split("\n") if line.strip()]
    body = _labelled([tb for tb in parsed if tb.text], settings, main_text=True)
    body.page = page_metadata(html)
    body.page_like = True
    body.html_meta = {k: str(meta[k]) for k in ("title", "date", "sitename", "url", "author") if meta.get(k)}
    return body


def _unlinked(line: str) -> TextBlock:
    """One line of trafilatura's text with its Markdown links taken out as :class:`LinkRef`."""
    line = line.strip()
    out: list[str] = []
    links: list[LinkRef] = []
    pos = size = 0
    for m in TRAFILATURA_LINK.finditer(line):
        out.append(line[pos : m.start()])
        size += m.start() - pos
        label, href = m.group("text"), m.group("href") or m.group("angled").strip()
        if markdown_blocks.usable_link(href):  # a "javascript:" control is its label, not a link
            links.append(LinkRef(size, size + len(label), href))
        out.append(label)
        size += len(label)
        pos = m.end()
    out.append(line[pos:])
    return TextBlock("".join(out), links=tuple(links))


def _cited_heading(body: Body) -> tuple[str, str] | None:
    """A leading block that is wholly one link: the article a post cites or a clipper saved.

    A heading like that is the cited article's headline; a paragraph like that is a source line
    (its text is usually the page title again)."""
    for block, links, heading in zip(body.blocks[:6], body.links[:6], body.headings[:6], strict=False):
        whole = len(links) == 1 and links[0].start == 0 and links[0].end == len(block.text)
        if whole and len(block.text.split()) >= metadata.MIN_CITED_WORDS:
            if not heading:
                block.keep = False  # a source line, not article text
            return block.text, links[0].href
        if block.label is boilerplate.Label.GOOD:
            break
    return None


def _with_marker(marker: str, text: str, links: tuple[LinkRef, ...]) -> tuple[str, tuple[LinkRef, ...]]:
    """A list item's text as the source wrote it ("- item", "2. item"), its links moved along."""
    if not marker:
        return text, links
    shift = len(marker) + 1
    return f"{marker} {text}", tuple(LinkRef(lk.start + shift, lk.end + shift, lk.href) for lk in links)


def assemble(pieces: list[tuple[str, tuple[LinkRef, ...]]]) -> tuple[str, tuple[LinkRef, ...]]:
    """Join block texts with blank lines, moving each block's links to offsets into the whole text."""
    texts: list[str] = []
    links: list[LinkRef] = []
    pos = 0
    for text, block_links in pieces:
        if texts:
            pos += 2
        links.extend(LinkRef(pos + lk.start, pos + lk.end, lk.href) for lk in block_links)
        texts.append(text)
        pos += len(text)
    return "\n\n".join(texts), tuple(links)
