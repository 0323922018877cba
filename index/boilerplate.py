"""Boilerplate removal for plain text and Markdown: a line classifier plus document structure.

Web pages copied as text keep their navigation, donation bars, addresses, author bios, embedded
posts and archive footers. No library removes those from *text* (trafilatura and jusText work
on HTML trees), so this module classifies blocks from general evidence:

* each block (a line, or a hard-wrapped paragraph) is labelled BAD (surely not article text),
  GOOD (prose) or SHORT (undecided: headlines, subheads, captions, labels) from its length,
  stopword density, sentence punctuation, link density and currency/address/embed shapes;
* BAD blocks and unusually wide blank gaps cut the document into segments; the segment with
  the most prose is the main body;
* segments before it keep their prose; segments after it are kept only when their paragraphs share
  vocabulary with the rest (a bio or archive footer shares none);
* credits, bylines, captions, editorial notes, promos and interface lines are BAD from word lists
  of *kinds* of phrase (credit verbs, photo agencies, promo calls to action), never outlet names;
* page-level shapes: short lines repeated across the page (nav, "Reply"), runs of title-case
  lines (teaser lists), and a comment section (relative times, "Reply", vote counts) after the body;
* the document's language is the jusText stoplist that matches most of its words.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from functools import cache

from . import tables
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


# --- credits, captions, notes and promos -------------------------------------------------------
# The lists below name *kinds* of boilerplate phrase found across news sites (credit verbs, photo
# agency words, calls to action), never an outlet's own wording.

#: name tokens of a byline: capitalised words, initials, and lower-case name particles
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|de|da|del|della|der|di|du|la|le|van|von|bin|ibn|al-\w+)"
_NAME = rf"[A-Z][\w'’.-]*(?:\s+{_NAME_TOKEN}){{0,4}}"
#: "By Jane Doe", "BY JANE DOE AND JOHN ROE", "Story by NAME. Date.", "By Name, Agency", "By Name | Org"
BYLINE = re.compile(
    rf"^(?i:(?:story|words|text|article|written|report(?:ing)?|photos?)\s+)?(?i:by)\s*:?\s+"
    rf"(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*?)"
    r"(?P<rest>\s*(?:[,|/·•—–-]|\.\s|\.$|\bon\b|\bupdated\b|\bpublished\b).*)?$"
)
#: words that cannot start a byline name ("By Tuesday, the council had voted")
NOT_A_NAME = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec the a an "
    "this that then now law far contrast comparison mid late early noon midnight".split()
)
#: wire agencies and newsroom collectives: a byline naming only these names no person
AGENCY_NAMES = frozenset(
    "ap associated press reuters afp agence france-presse france presse bloomberg upi dpa pa efe ansa xinhua "
    "kyodo yonhap tass cnn staff staff reports staff report wire reports news service news services "
    "the associated press".split(" ")
) | {"associated press", "the associated press", "agence france-presse", "staff reports", "news services"}
#: credit lines: "Reporting by ...; Editing by ...", "Additional reporting by ...", "Writing by ..."
CREDIT_VERBS = (
    r"(?:additional\s+)?(?:reporting|editing|writing|research|compiled|compilation|translation|translated|"
    r"graphics|photography|photos|video|produced|production|edited|written|designed|illustrations?|"
    r"fact[- ]checking|interviews?)"
)
CREDIT_LINE = re.compile(
    rf"^\W*(?i:{CREDIT_VERBS})\s+(?i:by)\b"
    r"|\b(?i:(?:contributed|contributing)\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article|coverage))\b"
    r"|^\W*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}(?:\s+and\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})?"
    r"\s+(?:also\s+)?contributed(?:\s+reporting)?(?:\s+from\s+[A-Z][\w ,.'’-]{0,40})?\.?\s*$",
)
#: photo captions: "... is seen in this file photo", "FILE PHOTO: ...", "(Photo: ...)", "Image: ..."
CAPTION = re.compile(
    r"\bin this (?:\w+\s+){0,3}(?:photo(?:graph)?|picture|image|handout|screen\s?grab|video still)\b"
    r"|\b(?:seen|pictured|shown)\b[^.]{0,80}\bin an? (?:\w+\s+){0,3}(?:photo(?:graph)?|picture|image|handout)\b"
    r"|^\W*(?:file\s+photo|file|photo(?:graph)?s?|images?|pictures?|illustration|graphic|credit|caption|"
    r"video|gallery|courtesy(?:\s+of)?)\s*[:|–—-]\s*\S"
    r"|^\W*(?:photo(?:graph)?|image|picture)?\s*courtesy\s+of\b"
    r"|\((?:[\w.]+\s+)?(?:photo(?:graph)?|image|picture|credit|courtesy|file)s?\b[^()]{0,80}\)\s*$",
    re.I,
)
#: words of a photo credit ("REUTERS/Jane Doe", "Jane Doe / AFP - Getty Images", "CONTRIBUTED IMAGE")
PHOTO_AGENCY = (
    r"(?:AP|AFP|EPA|EPA-EFE|REUTERS|Reuters|Getty(?:\s+Images)?|Images|Pool|POOL|File|FILE|Handout|HANDOUT|"
    r"Shutterstock|Alamy|Bloomberg|Contributed|CONTRIBUTED|Courtesy|Staff|STAFF|Photo|PHOTO|Press)"
)
_CAP_WORD = r"[A-Z][\w.'’-]*"
PHOTO_CREDIT = re.compile(
    rf"(?:^|\s)(?:{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,3}}\s?/\s?{PHOTO_AGENCY}(?:\s*[-–—]?\s*{_CAP_WORD}){{0,3}}"
    rf"|[A-Z]{{2,}}(?:[ .'’-]+[A-Z]{{2,}}\.?){{0,4}}\s?/\s?{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,3}})\s*$"
)
#: editorial notes about the story itself
EDITORIAL_NOTE = re.compile(
    r"^\W*(?:this (?:story|article|post|report|piece) (?:has been|was|is being) "
    r"(?:updated|corrected|amended|edited|changed)\b|(?:corrections?|clarifications?|update)\s*:|"
    r"editor['’]?s\s+note\b|note to readers\b)",
    re.I,
)
#: calls to action: audio/video players, newsletters, "Read more", "Related", "Follow us"
PROMO = re.compile(
    r"^\W*(?:listen to (?:this|the) (?:article|story|episode|podcast)|listen\s*:|watch\s*:|watch (?:the |our )?"
    r"(?:video|live|full)|sign up\b|subscribe\b|read more\b|read (?:the )?(?:full|next|also)\b|"
    r"click here\b|tap here\b|follow (?:us|@|\w+ on)\b|more (?:from|on|stories|news|coverage)\b|"
    r"most (?:read|popular|viewed)\b|see also\b|also read\b|don['’]t miss\b|"
    r"get (?:the|our) (?:\w+\s+){0,2}(?:newsletter|app|alerts)\b|download (?:the|our) app\b|"
    r"share (?:this|on)\b|join (?:the conversation|our)\b|support (?:our|independent) journalism\b|"
    r"continue reading\b|keep reading\b|story continues\b|"
    # words that also open sentences ("Related charges were dropped") only as a label of their own
    r"(?:related|recommended|trending|sponsored|promoted|advertisement)(?:\s+(?:articles?|stories|content|"
    r"coverage|posts|links|reading|topics|news|videos?))?\s*(?:[:»›|]|$))",
    re.I,
)
NEWSLETTER = re.compile(r"\b(?:sign up|subscribe)\b.{0,60}\b(?:newsletter|updates|alerts|inbox|briefing)\b", re.I)
#: interface and legal lines of a whole-page copy: cookie banners, account links, customer-service footers
COOKIE_BANNER = re.compile(
    r"\b(?:cookies?\b.{0,40}\b(?:consent|accept|settings|policy|preferences)|(?:accept|reject|manage)"
    r" (?:all )?cookies|(?:we|site|website|page) uses? cookies|use of cookies)",
    re.I,
)
#: (only short lines: "privacy policy" and "customer service" also occur in news prose)
INTERFACE = re.compile(
    r"\b(?:skip to (?:main )?(?:content|navigation)|privacy (?:policy|notice|settings)|"
    r"terms (?:of (?:use|service)|and conditions)|(?:sign|log) (?:in|out|up)\b|create (?:an |a free )?account|"
    r"customer (?:service|support|care)|contact us|help cent(?:er|re)|about us|advertise with us|"
    r"do not sell my|your privacy choices|manage preferences|back to top|all rights reserved)",
    re.I,
)
#: a comment section: relative times, reply/report buttons, vote counts, "Posted by ... at ..."
COMMENT_MARK = re.compile(
    r"\b\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|^\W*(?:reply|replies|report(?: abuse| comment)?|flag|like|upvote|downvote|permalink|recommend|"
    r"show (?:more )?replies|load more comments|view all comments|leave a (?:comment|reply)|add a comment|"
    r"post a comment|sort by\b.*|\d+\s*(?:comments?|replies|likes|points|votes|upvotes))\W*$"
    r"|^\W*(?:\d+\s*)?comments?\s*(?:\(\d+\))?\W*$"
    r"|^posted by\b.{1,80}\bat\b",
    re.I,
)
#: "READ MORE: Other headline", "Related: ...": a promo label then a link or a title
PROMO_LABEL = re.compile(
    r"^\W*(?:read more|more|related|watch|listen|see also|also read|read also|opinion|video|photos|gallery|"
    r"live|recommended|explainer|podcast|newsletter|don['’]t miss|must read|top stories)\s*(?::|»|›|>|\|)\s*\S",
    re.I,
)
#: capitalised interface words glued into one line by a scraper ("Share Pin It More Galleries ADVERTISEMENT")
CHROME_WORD = re.compile(
    r"(?<=\s)(?:Share|Tweet|Pin(?: It)?|Email|E-mail|Print|Comments?|Galleries|Gallery|ADVERTISEMENT|"
    r"Advertisement|Related articles?|Save|Copy link)(?=\s|$|»)"
)
DATE_OR_TIME = re.compile(r"\d{1,2}[:.]\d{2}|\b\d{4}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")


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
def stoplists() -> dict[str, frozenset[str]]:
    """jusText's stopword lists (installed with trafilatura), by language name; read from the
    table cache (reading a hundred lists takes ~0.3 s)."""
    return tables.cached_table("stoplists", _derive_stoplists, STOPLIST_SOURCES, dict)


STOPLIST_SOURCES = tables.Sources(packages=("jusText",), data=(("justext", "stoplists"),))


def _derive_stoplists() -> dict[str, frozenset[str]]:
    import justext

    return {lang: frozenset(w.lower() for w in justext.get_stoplist(lang)) for lang in justext.get_stoplists()}


def stopwords(language: str = "English") -> frozenset[str]:
    """Stopwords of one language (English when the language is unknown)."""
    lists = stoplists()
    return lists.get(language) or lists["English"]


def detect_language(words: list[str], sample: int = 3000) -> str:
    """The language whose stoplist matches most of the (first ``sample``) words; English on a tie."""
    counts: dict[str, int] = {}
    for w in words[:sample]:
        lw = w.lower()
        for lang, stops in stoplists().items():
            if lw in stops:
                counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return "English"
    best = max(counts.values())
    return "English" if counts.get("English", 0) == best else max(counts, key=counts.__getitem__)


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
        wrapped = (
            len(para) >= 2
            and min(lengths[:-1]) >= 40
            and max(lengths) <= 100
            and _no_sentence_ends(para)
            and (len(para) > 2 or _continues(para[0][2], para[1][2]))
        )
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


def _continues(first: str, second: str) -> bool:
    """Two lines are one wrapped sentence when the second goes on in lower case or the first stops at
    a comma, a hyphen or a connecting word; a headline over a dateline does neither."""
    tail = first.rstrip()
    return second.lstrip()[:1].islower() or tail.endswith((",", ";", "-", "–", "—")) or tail.split()[-1].islower()


#: words a sentence does not stop at: a paragraph ending in one goes on in the next
_DANGLING = frozenset(
    "and or but nor of the a an in on at to by for from with as than that into onto via against about after "
    "before between during over under among without within including his her its their our this these those "
    "is are was were will would has have had be been who which whose where when while"
    .split()
)  # fmt: skip
_FINISHED = re.compile(r"[.!?:;\"”’)\]]\s*$")


def broken_sentence(first: str, second: str) -> bool:
    """Two paragraphs that are one sentence broken by a blank line (text pasted from a PDF or a wire
    feed, a printed line per paragraph): the first stops unfinished, at a comma or a word a sentence
    never ends on, or the second goes on in lower case."""
    tail = first.rstrip()
    if not tail or _FINISHED.search(tail) or len(tail.split()) < 3:
        return False
    head = second.lstrip()
    if URL.match(head):
        return False  # a headline over its address
    dangling = tail.endswith((",", "-", "–")) or tail.split()[-1].lower() in _DANGLING
    return head[:1].islower() or (dangling and head[:1].isalnum())


def join_broken_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks of one sentence broken by a blank line joined again (see :func:`broken_sentence`); lines
    with no blank line between them were already joined or kept apart by :func:`split_blocks`."""
    out: list[Block] = []
    for b in blocks:
        if out and b.gap_before == 1 and broken_sentence(out[-1].text, b.text):
            prev = out[-1]
            out[-1] = Block(prev.start, b.end, f"{prev.text} {b.text}", prev.gap_before)
        else:
            out.append(b)
    return out


def _no_sentence_ends(para: list[tuple[int, int, str]]) -> bool:
    """Hard-wrapped prose breaks lines mid-sentence; lists of short items end each line."""
    ends = sum(bool(SENTENCE_END.search(t)) for _, _, t in para[:-1])
    return ends <= len(para[:-1]) // 2


def _byline_match(text: str) -> re.Match[str] | None:
    """A byline match, or None when the "name" is a weekday, a month or an article."""
    m = BYLINE.match(text.strip())
    if m is None or m.group("name").split()[0].lower().strip(".,") in NOT_A_NAME:
        return None
    rest = (m.group("rest") or "").strip(" ,|/·•—–-.")
    rest_words = WORD.findall(rest)
    # what follows the name is an organisation, a role or a date: mostly capitalised, or dated
    if len(rest_words) > 8 or (
        rest_words
        and not DATE_OR_TIME.search(rest)
        and sum(w[0].isupper() for w in rest_words) < len(rest_words) / 2
        and rest_words[0].lower() not in {"staff", "special", "senior", "correspondent", "reporter", "editor"}
    ):
        return None
    return m


def byline_name(text: str) -> str | None:
    """The person a byline names ("By JANE DOE, Agency" -> "Jane Doe"); None for no byline or an agency."""
    try:
        m = _byline_match(text)
    except (TypeError, AttributeError):
        return None
    if m is None:
        return None
    name = m.group("name").strip(" .,")
    if name.lower() in AGENCY_NAMES:
        return None
    return name.title() if name.isupper() and len(name) > 3 else name


def is_subhead(text: str) -> bool:
    """A short all-caps paragraph ("BILLS MOUNT", "WHAT COMES NEXT?"): a subhead, article text but not prose."""
    if len(text) > 120 or not text.isupper():  # str.isupper: every cased character is upper case
        return False
    words = WORD.findall(text)
    return 2 <= len(words) <= 10 and sum(c.isalpha() for c in text) >= 6 and not URL.search(text)


def _credit_or_promo(text: str, n: int, settings: Settings) -> str:
    """Why a line is a credit, caption, note, promo or interface line ("" when it is none of those)."""
    if len(set(CHROME_WORD.findall(text))) >= 3:
        return "glued interface words"
    if n > settings.credit_max_words:
        return ""
    checks = [
        (_byline_match(text) is not None and n <= 16, "byline"),
        (bool(CREDIT_LINE.search(text)) and n <= 25, "credit line"),
        (bool(EDITORIAL_NOTE.match(text)), "editorial note"),
        (bool(CAPTION.search(text) or PHOTO_CREDIT.search(text)), "photo caption or credit"),
        (bool(COMMENT_MARK.search(text)) and n <= 12, "comment"),
        (bool(NEWSLETTER.search(text) or PROMO_LABEL.match(text)) or (bool(PROMO.match(text)) and n <= 15), "promo"),
        (bool(COOKIE_BANNER.search(text)), "interface or legal notice"),
        (bool(INTERFACE.search(text)) and n <= 8, "interface or legal notice"),
    ]
    return next((reason for hit, reason in checks if hit), "")


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
        (_separated_list(text), "navigation list"),
    ]
    reason = next((r for hit, r in checks if hit), "") or _credit_or_promo(text, n, settings)
    if not reason and n < settings.short_line_words and not text.rstrip().endswith("?"):
        reason = "" if _is_short_sentence(text, n) or is_subhead(text) or is_dateline(text) else "too short"
    if reason:
        block.label, block.reason = Label.BAD, reason
        return
    # prose: a finished sentence of some length, or a long line (paragraphs cut off mid-sentence)
    prose = (n >= settings.prose_min_words and bool(SENTENCE_END.search(text))) or n >= settings.long_line_words
    block.label = Label.GOOD if prose else Label.SHORT
    block.reason = "subhead" if is_subhead(text) else ""


#: separators of a menu or edition list written on one line ("Africa | Arabic | Brazil")
LIST_SEPARATOR = re.compile(r"\s+[|·•/]\s+|\s*[|·•]\s*")


def _separated_list(text: str, min_items: int = 5, max_item_words: int = 3) -> bool:
    """A line of five or more short, separator-delimited items without figures: a menu, not prose
    (a data table row has figures in it)."""
    if any(c.isdigit() for c in text):
        return False
    items = [i for i in LIST_SEPARATOR.split(text.split(":", 1)[-1]) if i.strip()]
    return len(items) >= min_items and all(len(i.split()) <= max_item_words for i in items)


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: "LONDON 1996-08-30", "MILWAUKEE, Wisconsin Aug. 29", "KAMPALA (Reuters)": where and when a story was filed
DATELINE_LINE = re.compile(
    r"^[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}(?:, [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})?"
    r"(?:,? \(\w[\w .&-]{0,30}\)|,? \d{4}-\d\d-\d\d|,? " + _MONTH + r" \d{1,2}(?:, \d{4})?){1,2}\s*[-—–_]?\s*$"
)


def is_dateline(text: str) -> bool:
    """A line that only says where and when (or by which agency) a story was filed: part of the article."""
    return bool(DATELINE_LINE.match(text.strip()))


def _is_short_sentence(text: str, n: int) -> bool:
    """ "He refused." -- two words or more, capitalised, ending a sentence: article text in a short line."""
    stripped = text.strip().lstrip("\"'“‘(")
    return n >= 2 and stripped[:1].isupper() and bool(re.search(r"[a-z][.!?][\"'”’)]*$", stripped))


def is_sentence(block: Block, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """A finished sentence of a few words (a line of one-sentence-per-line text) or prose."""
    if block.label is Label.GOOD:
        return True
    return (
        block.label is Label.SHORT
        and len(block.words) >= settings.sentence_min_words
        and bool(re.search(r"[^\W\d_][.!?][\"'”’)\]]*$", block.text.rstrip()))
    )


def content_words(blocks: list[Block], stops: frozenset[str] | None = None) -> set[str]:
    """Lower-cased non-stopwords of three letters or more."""
    stops = stopwords() if stops is None else stops
    return {_stem(w.lower()) for b in blocks for w in b.words if len(w) >= 3 and w.lower() not in stops}


def _stem(word: str) -> str:
    """A crude plural/possessive fold ("containers", "container's" -> "container") so that paragraphs
    about the same things share words; a real stemmer is language-specific and not needed here."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def coherence(part: list[Block], body_vocab: set[str], stops: frozenset[str] | None = None) -> float:
    """Share of a part's content words that also occur in the main body."""
    vocab = content_words(part, stops)
    return len(vocab & body_vocab) / len(vocab) if vocab else 0.0


def wide_gap(blocks: list[Block]) -> int:
    """Blank lines that are wider than the document's usual gap between blocks (gaps are whole lines)."""
    gaps = [b.gap_before for b in blocks[1:] if b.label is not Label.BAD]
    usual = statistics.median(gaps) if gaps else 1
    return max(2, math.ceil(usual) + 1)


def segments(blocks: list[Block]) -> list[list[Block]]:
    """Cut at BAD blocks and at blank gaps wider than the document's usual one."""
    wide = wide_gap(blocks)
    out: list[list[Block]] = [[]]
    for b in blocks:
        if b.label is Label.BAD:
            out.append([])
            continue
        if b.gap_before >= wide and out[-1]:
            out.append([])
        out[-1].append(b)
    return [s for s in out if s]


def _headline_shaped(block: Block, settings: Settings) -> bool:
    """A handful of words, not a finished sentence, no date: a headline, teaser or menu entry."""
    n = len(block.words)
    return (
        block.label is Label.SHORT
        and settings.short_line_words <= n <= settings.chrome_max_words
        and not SENTENCE_END.search(block.text)
        and not DATE_OR_TIME.search(block.text)
        and block.reason != "subhead"
    )


def _teaser_shaped(block: Block, settings: Settings) -> bool:
    """Headline-shaped and starting with a capital, not ending mid-clause (as a wrapped line would)."""
    text = block.text.strip().lstrip("\"'“‘")
    return _headline_shaped(block, settings) and text[:1].isupper() and not text.endswith((",", ";", "-", "—"))


def _title_case(block: Block, settings: Settings) -> bool:
    """Most words of four letters or more are capitalised ("Council Approves New Budget Plan")."""
    long = [w for w in block.words if len(w) >= 4]
    return bool(long) and sum(w[0].isupper() for w in long) >= settings.title_case_share * len(long)


def _mark(block: Block, reason: str) -> None:
    block.label, block.reason = Label.BAD, reason


def mark_menu_heads(blocks: list[Block], settings: Settings) -> None:
    """A short line right before a menu (a run of one- or two-word lines) belongs to the page chrome
    ("Skip to content" in any language), never the article's headline."""
    for i, b in enumerate(blocks[: -settings.teaser_run_min]):
        after = blocks[i + 1 : i + 1 + settings.teaser_run_min]
        if (
            b.label is Label.SHORT
            and len(b.words) <= settings.chrome_max_words
            and all(a.reason == "too short" for a in after)
        ):
            _mark(b, "navigation")


def mark_repeated_lines(blocks: list[Block], settings: Settings) -> None:
    """Short lines that recur across the page are chrome: menus, "Reply", "Share", section labels."""
    counts: dict[str, int] = {}
    key = {id(b): " ".join(b.text.casefold().split()) for b in blocks if len(b.words) <= settings.chrome_max_words}
    for line in key.values():
        counts[line] = counts.get(line, 0) + 1
    for b in blocks:
        k = key.get(id(b))
        if k is not None and b.label is not Label.GOOD and counts[k] >= settings.repeated_line_min:
            _mark(b, "repeated line")


def _figures_list(run: list[Block]) -> bool:
    """Most lines of the run hold a figure: results, fixtures or an itinerary ("Dreekmann (Germany) beat
    Johansson (Sweden) 6-3 6-4", "May 13 Arrive in London"), the article's own data, not teasers."""
    return 2 * sum(any(c.isdigit() for c in b.text) for b in run) > len(run)


def mark_teaser_runs(blocks: list[Block], settings: Settings) -> None:
    """Runs of title-case headline-shaped lines are teaser lists or navigation, not one article's head."""
    run: list[Block] = []
    for b in [*blocks, None]:
        if b is not None and _headline_shaped(b, settings) and _title_case(b, settings):
            run.append(b)
            continue
        if b is not None and b.label is Label.BAD and b.reason in {"too short", "repeated line"}:
            continue  # one-word menu entries between teasers neither count nor break the run
        if len(run) >= settings.teaser_run_min and not _figures_list(run):
            for r in run:
                _mark(r, "teaser list or navigation")
        run = []


def keep_subheads(blocks: list[Block], settings: Settings) -> None:
    """A short capitalised line between two kept sentences ("Bills mount") is a subhead of the article."""
    for prev, b, nxt in zip(blocks, blocks[1:], blocks[2:], strict=False):
        if (
            b.reason == "too short"
            and len(b.words) >= 2
            and b.text[:1].isupper()
            and not b.text.rstrip().endswith(":")
            and prev.keep
            and nxt.keep
            and is_sentence(prev, settings)
            and is_sentence(nxt, settings)
        ):
            b.keep, b.reason = True, "subhead"


#: reasons a line was dropped on its shape alone ("Lotte 6 Hyundai 2" is short, "Attendance: 200" a
#: label and a number): in a run of figures after the body such lines are rows of the article's table
SHAPE_REASONS = frozenset(
    {"too short", "navigation", "label and number", "currency figures", "teaser list or navigation", "repeated line"}
)
#: dates, clock times and counters ("3 hours ago", "5 min read", "12 comments"): figures that teasers
#: and interface lines carry, unlike the scores, standings and ordinals of a results table
NOT_DATA_FIGURE = re.compile(
    DATE_OR_TIME.pattern
    + r"|\b"
    + _MONTH
    + r"\s+\d{1,2}\b|\b\d{1,2}\s+"
    + _MONTH
    + r"|\b\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)\s+(?:ago|read)\b"
    + r"|\b\d+\s+(?:comments?|replies|shares?|likes?|views?|photos?|videos?|stories)\b",
    re.I,
)


def _data_row(block: Block) -> bool:
    """A line holding a figure that is not a date, a time or a counter."""
    return any(c.isdigit() for c in NOT_DATA_FIGURE.sub(" ", block.text))


def keep_data_after_body(blocks: list[Block], body_end: int, settings: Settings) -> None:
    """Results, standings and scorers listed after the body are the article's own data, not a footer.

    From the body's last block up to the first line dropped for what it says (a credit, a promo, a
    link, a comment; not just for its shape) or a wide gap, the run is kept when most of its lines hold
    figures other than dates, times and counters, at least ``settings.data_rows_min`` of them."""
    wide = wide_gap(blocks)
    run: list[Block] = []
    for b in blocks[body_end:]:
        if (b.label is Label.BAD and b.reason not in SHAPE_REASONS) or b.gap_before >= wide:
            break
        run.append(b)
    while run and not _data_row(run[-1]):
        run.pop()  # a heading or note after the table's last row is not part of it
    rows = sum(_data_row(b) for b in run)
    if rows >= settings.data_rows_min and 2 * rows >= len(run):
        for b in run:
            if not b.keep:
                b.keep, b.reason = True, "data after the article"


def drop_comment_section(blocks: list[Block], body_end: int) -> None:
    """From the first comment marker after the body on, the page is reader comments."""
    start = next((i for i in range(body_end, len(blocks)) if blocks[i].reason == "comment"), None)
    if start is None:
        return
    for b in blocks[start:]:
        b.keep = False
        b.reason = b.reason or "comment section"


def drop_trailing_teasers(seg: list[Block], settings: Settings) -> None:
    """Headlines after the body's last sentence (a list of other stories) are not the article."""
    tail: list[Block] = []
    for b in reversed(seg):
        if is_sentence(b, settings):
            break
        tail.append(b)
    # every line of the tail is a capitalised headline (lines of hard-wrapped prose are not)
    headlines = [b for b in tail if b.label is not Label.BAD]
    teasers = all(_teaser_shaped(b, settings) for b in headlines) and not _figures_list(headlines)
    if len(headlines) >= settings.teaser_run_min and teasers:
        for b in tail:
            b.keep, b.reason = False, "teaser list after the article"


def _related(
    seg: list[Block], own: set[str], seg_freq: Counter[str], stops: frozenset[str], settings: Settings
) -> bool:
    """Most of a segment's sentences share content words with the rest of the document.

    ``seg_freq`` counts, for each content word, the segments it occurs in; ``own`` is this segment's
    vocabulary, so a word is shared when some *other* segment has it (linear, no per-segment unions).
    """
    sentences = [b for b in seg if is_sentence(b, settings)]
    if not sentences:
        return False

    def shared(vocab: set[str]) -> int:
        return sum(seg_freq[w] > (w in own) for w in vocab)

    if sum(len(b.words) for b in seg) < settings.tiny_segment_words:
        return bool(own) and shared(own) >= 2 * settings.min_coherence * len(own)

    def block_related(b: Block) -> bool:
        vocab = content_words([b], stops)
        # two shared content words (names, the topic) tie a paragraph to the article; bios, appeals
        # and footers share at most one
        return bool(vocab) and (shared(vocab) >= settings.min_coherence * len(vocab) or shared(vocab) >= 2)

    return 2 * sum(block_related(b) for b in sentences) >= len(sentences)


def _fill_sandwiched(related: list[bool], prose: list[int]) -> list[bool]:
    """A prose segment whose nearest prose neighbours on both sides are article text is article text too
    (a paragraph about a new aspect, cut off from the body by a caption or a promo)."""
    with_prose = [i for i, p in enumerate(prose) if p > 0]
    out = list(related)
    for before, i, after in zip(with_prose, with_prose[1:], with_prose[2:], strict=False):
        if related[before] and related[after]:
            out[i] = True
    return out


def classify(text: str, settings: Settings = DEFAULT_SETTINGS) -> list[Block]:
    """Blocks of ``text`` with ``keep`` set: False for boilerplate."""
    return classify_blocks(join_broken_blocks(split_blocks(text)), settings)


def classify_blocks(blocks: list[Block], settings: Settings = DEFAULT_SETTINGS) -> list[Block]:
    """Set ``keep`` on blocks made by any splitter (lines of text, or parsed Markdown blocks)."""
    for b in blocks:
        label_block(b, settings)
    mark_repeated_lines(blocks, settings)
    mark_teaser_runs(blocks, settings)
    mark_menu_heads(blocks, settings)
    for b in blocks:
        b.keep = b.label is not Label.BAD
    segs = segments(blocks)
    if not segs:
        return blocks
    stops = stopwords(detect_language([w for b in blocks if b.label is not Label.BAD for w in b.words]))
    prose = [sum(len(b.text) for b in s if is_sentence(b, settings)) for s in segs]
    main = max(range(len(segs)), key=prose.__getitem__)
    vocabs = [content_words(s, stops) for s in segs]  # headlines count: they name the article's topic
    # around the body, a segment stays when its prose shares the vocabulary of the rest of the
    # document (paragraphs split off by an embedded post do; bios, footers and appeals don't)
    seg_freq = Counter(w for v in vocabs for w in v)
    related = [
        i == main or (prose[i] > 0 and _related(seg, vocabs[i], seg_freq, stops, settings))
        for i, seg in enumerate(segs)
    ]
    related = _fill_sandwiched(related, prose)
    for i, seg in enumerate(segs):
        if related[i]:
            continue
        for b in seg:
            b.keep = False
            b.reason = "before the article" if i < main else "after the article, unrelated to it"
    keep_subheads(blocks, settings)
    drop_trailing_teasers(segs[main], settings)
    last = segs[main][-1]
    body_end = next(i for i, b in enumerate(blocks) if b is last) + 1
    keep_data_after_body(blocks, body_end, settings)
    drop_comment_section(blocks, body_end)
    drop_reference_lists(blocks)
    return blocks


#: headings of the apparatus that follows an article: lists of sources, notes and further reading
REFERENCE_HEADING = re.compile(
    r"^(?:works cited|references|bibliography|sources(?: and notes)?|notes|footnotes|endnotes|citations|"
    r"further reading|see also|external links)\s*:?$",
    re.I,
)


def drop_reference_lists(blocks: list[Block]) -> None:
    """A works-cited, references or further-reading section, from its heading to the end of the
    document, is not article text (citations name other articles and their outlets)."""
    start = next((i for i, b in enumerate(blocks) if REFERENCE_HEADING.match(b.text.strip())), None)
    if start is None or start < len(blocks) // 3:  # such a section closes a document
        return
    for b in blocks[start:]:
        b.keep, b.reason = False, "list of references"


# --- glued scraper text -----------------------------------------------------------------------
#: "end.Next": a sentence end directly followed by a capitalised word (no space between)
SENTENCE_JOIN = re.compile(r"(?<=[a-z][.!?])(?=[A-Z][a-z])|(?<=[a-z][.!?][\"”’)])(?=[A-Z][a-z])")
#: "leadersHe referred": an all-lower-case word glued to a capitalised function word that opens a
#: sentence; camel-case names ("McDonald", "iPhone", "YouTube", "DeSantis", "LeBron", "LinkedIn")
#: start with a capital or have a one- or two-letter prefix, so they never match
WORD_JOIN = re.compile(
    r"(?<![^\W\d_])([a-z]{4,})(?=(?:The|He|She|It|They|We|His|Her|Their|Its|In|On|At|For|But|And|As|This|That|"
    r"These|Those|When|While|After|Before|If|There|Some|Many|Most)\s)"
)


def unglue(text: str, settings: Settings = DEFAULT_SETTINGS) -> str:
    """Put back the spaces a scraper lost between blocks ("Merkel.President Joe Biden").

    Only a document that shows the pattern repeatedly (``settings.glue_min_joins`` sentence ends
    glued to the next word) is changed, and then only at those joins and at "leadersHe"-style joins of
    a lower-case word and a sentence-opening function word. Any other text is returned unchanged
    (the same object), so offsets into non-glued documents stay valid. Offsets into a repaired text
    refer to the repaired text.
    """
    if not isinstance(text, str) or len(SENTENCE_JOIN.findall(text)) < settings.glue_min_joins:
        return text
    return WORD_JOIN.sub(r"\1 ", SENTENCE_JOIN.sub(" ", text))
