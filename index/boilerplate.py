"""Boilerplate removal for plain text and Markdown: a line classifier plus document structure.

Web pages copied as text keep their navigation, donation bars, addresses, author bios, embedded
posts and archive footers. No library removes those from *text* (trafilatura and jusText work
on HTML trees), so this module classifies blocks from general evidence:

* each block (a line, or a hard-wrapped paragraph) is labelled BAD (surely not article text),
  GOOD (prose) or SHORT (undecided: headlines, subheads, captions, labels) from its length,
  stopword density, sentence punctuation, link density and currency/address/embed shapes;
* BAD blocks and unusually wide blank gaps cut the document into segments; the segment with
  the most prose is the main body;
* segments before it keep their prose; segments after it are kept only when they share
  vocabulary with the main body (a bio or archive footer shares none).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from enum import Enum
from functools import cache

from .settings import DEFAULT_SETTINGS, Settings

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
URL = re.compile(r"(?:https?://|www\.)\S+|\b(?:pic\.twitter\.com|t\.co|bit\.ly)/\S+", re.I)
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”]\s*$")
CURRENCY = re.compile(r"[$€£¥₹]|\b(?:USD|EUR|GBP)\b")
EMBED_SIGNATURE = re.compile(
    r"[—–-]\s*[^()\n]{1,80}\(@\w{1,30}\)\s*\w+\.?\s+\d{1,2},?\s+\d{4}\s*$"  # — Name (@handle) Month D, YYYY
    r"|pic\.twitter\.com/|\bhttps?://t\.co/",
    re.I,
)
LABEL_NUMBER = re.compile(r"^[^\W\d_][\w ]{0,30}:\s*[\d,.\s]+$")
POSTCODE = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?$|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}$")
STREET = re.compile(
    r"^\d{1,5}\s+(?:[A-Z][\w.]*\s+){1,4}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Lane|Ln|Dr|Drive|Way)\.?$"
)
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\bcopyright\s+(?:©\s*)?\d{4}", re.I)


class Label(Enum):
    """What a block looks like on its own."""

    BAD = "bad"
    SHORT = "short"
    GOOD = "good"


@dataclass
class Block:
    """A line or hard-wrapped paragraph of the input, with its evidence."""

    start: int  # offset of the block in the input
    end: int
    text: str  # the block's text, hard wraps joined with spaces
    gap_before: int  # blank lines between this block and the previous one
    words: list[str] = field(default_factory=list)
    label: Label = Label.SHORT
    reason: str = ""
    keep: bool = True

    @property
    def stop_ratio(self) -> float:
        """Share of words that are stopwords."""
        stops = stopwords()
        return sum(w.lower() in stops for w in self.words) / len(self.words) if self.words else 0.0


@cache
def stopwords() -> frozenset[str]:
    """English stopwords, from jusText's lists (installed with trafilatura)."""
    import justext

    return frozenset(w.lower() for w in justext.get_stoplist("English"))


def split_blocks(text: str) -> list[Block]:
    """Split text into blocks: one per line, except hard-wrapped prose paragraphs, kept whole."""
    blocks: list[Block] = []
    gap = 0
    para: list[tuple[int, int, str]] = []

    def flush() -> None:
        nonlocal gap
        if not para:
            return
        lengths = [len(t) for _, _, t in para]
        wrapped = len(para) >= 2 and min(lengths[:-1]) >= 40 and max(lengths) <= 100 and _no_sentence_ends(para)
        if wrapped:
            joined = " ".join(t.strip() for _, _, t in para)
            blocks.append(Block(para[0][0], para[-1][1], joined, gap))
        else:
            for i, (s, e, t) in enumerate(para):
                blocks.append(Block(s, e, t.strip(), gap if i == 0 else 0))
        para.clear()
        gap = 0

    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            lead = len(body) - len(body.lstrip())
            para.append((pos + lead, pos + len(body.rstrip()), body))
        else:
            flush()
            gap += 1
        pos += len(line)
    flush()
    return blocks


def _no_sentence_ends(para: list[tuple[int, int, str]]) -> bool:
    """Hard-wrapped prose breaks lines mid-sentence; lists of short items end each line."""
    ends = sum(bool(SENTENCE_END.search(t)) for _, _, t in para[:-1])
    return ends <= len(para[:-1]) // 2


def label_block(block: Block, settings: Settings = DEFAULT_SETTINGS) -> None:
    """Set ``block.label`` and ``block.reason`` from the block's own evidence."""
    text = block.text
    block.words = WORD.findall(URL.sub(" ", text))
    n = len(block.words)
    url_chars = sum(len(m.group()) for m in URL.finditer(text))
    checks = [
        (url_chars > 0.5 * len(text), "link"),
        (bool(EMBED_SIGNATURE.search(text)), "embedded post"),
        (bool(COPYRIGHT.search(text)) and n < 25, "copyright notice"),
        (bool(LABEL_NUMBER.match(text)), "label and number"),
        (bool(POSTCODE.search(text) or STREET.match(text)) and n <= 8, "postal address"),
        (bool(CURRENCY.search(text)) and n <= 2, "currency figures"),
        (n < settings.short_line_words and not text.rstrip().endswith("?"), "too short"),
    ]
    for hit, reason in checks:
        if hit:
            block.label, block.reason = Label.BAD, reason
            return
    # prose: a finished sentence of some length, or a long line (paragraphs cut off mid-sentence)
    prose = (n >= settings.prose_min_words and bool(SENTENCE_END.search(text))) or n >= settings.long_line_words
    block.label = Label.GOOD if prose else Label.SHORT


def content_words(blocks: list[Block]) -> set[str]:
    """Lower-cased non-stopwords of three letters or more."""
    stops = stopwords()
    return {w.lower() for b in blocks for w in b.words if len(w) >= 3 and w.lower() not in stops}


def coherence(part: list[Block], body_vocab: set[str]) -> float:
    """Share of a part's content words that also occur in the main body."""
    vocab = content_words(part)
    return len(vocab & body_vocab) / len(vocab) if vocab else 0.0


def segments(blocks: list[Block]) -> list[list[Block]]:
    """Cut at BAD blocks and at blank gaps wider than the document's usual one."""
    gaps = [b.gap_before for b in blocks[1:] if b.label is not Label.BAD]
    usual = statistics.median(gaps) if gaps else 1
    wide = max(2, usual + 1)
    out: list[list[Block]] = [[]]
    for b in blocks:
        if b.label is Label.BAD:
            out.append([])
            continue
        if b.gap_before >= wide and out[-1]:
            out.append([])
        out[-1].append(b)
    return [s for s in out if s]


def classify(text: str, settings: Settings = DEFAULT_SETTINGS) -> list[Block]:
    """Blocks of ``text`` with ``keep`` set: False for boilerplate."""
    return classify_blocks(split_blocks(text), settings)


def classify_blocks(blocks: list[Block], settings: Settings = DEFAULT_SETTINGS) -> list[Block]:
    """Set ``keep`` on blocks made by any splitter (lines of text, or parsed Markdown blocks)."""
    for b in blocks:
        label_block(b, settings)
        b.keep = b.label is not Label.BAD
    segs = segments(blocks)
    if not segs:
        return blocks
    prose = [sum(len(b.text) for b in s if b.label is Label.GOOD) for s in segs]
    main = max(range(len(segs)), key=prose.__getitem__)
    vocabs = [content_words(s) if prose[i] else set() for i, s in enumerate(segs)]
    for i, seg in enumerate(segs):
        if i == main:
            continue
        # around the body, a segment stays when its prose shares the vocabulary of the rest of the
        # document (paragraphs split off by an embedded post do; bios, footers and appeals don't)
        rest = set().union(*(v for j, v in enumerate(vocabs) if j != i))
        words = sum(len(b.words) for b in seg)
        needed = settings.min_coherence if words >= settings.tiny_segment_words else 2 * settings.min_coherence
        related = prose[i] > 0 and coherence(seg, rest) >= needed
        for b in seg:
            b.keep = related
            if not related:
                b.reason = "before the article" if i < main else "after the article, unrelated to it"
    return blocks
