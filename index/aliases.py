"""Corpus-wide resolution of mentions into entities: spelling variants, acronyms, short forms.

Rules, in order (each only merges when the evidence is unambiguous; when unsure, keep apart):

1. Same transliteration skeleton and compatible type: vowels, doubled letters, apostrophes,
   hyphens, al-/el- particles, dh/z, q/k, kh/k, gh/g, ph/f folded ("Kataib" = "Kateb" =
   "Kata'ib", "Kadhimi" = "Kazemi"). Known places merge by their gazetteer name instead
   ("US" = "U.S." = "United States" = "America").
2. What an article declares: acronym definitions and glosses ("X (Y)", "X, or Y").
3. Acronyms matching the initials of exactly one name in the same article ("KH").
4. People's names with the same first and last names ("Lloyd Austin" = "Lloyd J. Austin").
5. Short forms: a single name equal to the surname of exactly one person (in the article, else in
   the corpus), or the first word of exactly one organisation in the article; an organisation
   name that is the tail of exactly one longer one ("Sayyid Shuhada"), or its head plus a generic
   noun ("Popular Mobilization" = "Popular Mobilisation Forces").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from . import lexicon as lx
from .entities import ACRONYM, ORG, PERSON, PLACE, ArticleEntities, Mention
from .textfold import fold
from .unionfind import UnionFind

TYPES = (PERSON, ORG, PLACE)
VOWELS = r"[aeiouy]"
#: the vowels of each token of a name (see :func:`token_vowels`)
Spelling = tuple[tuple[str, ...], ...]
SOUNDS = [
    ("dh", "z"),
    ("z", "s"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    ("q", "k"),
    ("ck", "k"),
    ("ou", "u"),
    ("ee", "i"),
]


def _sounds(token: str) -> str:
    """A token folded for spelling: no particle, sounds and doubled letters merged ("al-Kazemi" -> "kazemi")."""
    t = fold(token)
    t = re.sub(r"^(?:al|el|ad|an|as|ash|ar|at|az)-", "", t)
    for a, b in SOUNDS:
        t = t.replace(a, b)
    t = re.sub(r"[^a-z0-9]", "", t)
    return re.sub(r"([a-z])\1+", r"\1", t)  # doubled letters; "22" is not "2"


#: a Roman numeral after a name ("Elizabeth II", "Henry VIII"): its letters are the number, not a
#: spelling ("XI" is left out: it is also "Xi" in a headline)
ROMAN = re.compile(r"I{2,3}|IV|VI{1,3}|IX")


def token_skeleton(token: str) -> str:
    """A spelling-insensitive key of one name token (first letter kept, vowels dropped); a Roman
    numeral is kept whole ("II" is not "I")."""
    if ROMAN.fullmatch(token):
        return token.lower()
    t = _sounds(token)
    return t[0] + re.sub(VOWELS, "", t[1:]) if t else ""


def token_vowels(token: str) -> tuple[str, ...]:
    """The vowels a skeleton drops: the run after each of its letters ("Hashid" -> ("a", "i", ""))."""
    if ROMAN.fullmatch(token):
        return ()
    t = _sounds(token)
    return tuple(re.split(r"[^aeiouy]", t[1:])) if t else ()


#: vowel letters that transliterations of one name swap ("Muhammad" / "Mohammed", "Kadhimi" /
#: "Kazemi", "Yevgeny" / "Yevgeniy"); at the end of a name only i, e and y swap ("Carla" / "Carlo",
#: "Maria" / "Marie" are different names)
VOWEL_SWAPS = frozenset(frozenset(p) for p in ("ae", "ei", "iy", "ou"))
FINAL_SWAPS = frozenset(frozenset(p) for p in ("ei", "iy"))
#: skeleton letters a name needs before its vowels may differ: "Peres" / "Pires", "Sun" / "Son" and
#: "Soviet" / "Suvit" say too little to be one name
MIN_FUZZY = 4


def _vowel_like(x: str, y: str, final: bool) -> bool:
    return x == y or frozenset((x, y)) in (FINAL_SWAPS if final else VOWEL_SWAPS)


def _runs_fit(a: str, b: str, final: bool) -> bool:
    """Two vowel runs at one place of a skeleton that spell one name: equal; an inserted short vowel
    between two consonants ("Hashid" / "Hashd"); or runs that begin and end with swappable vowels
    ("Hussein" / "Hussain"). "Hassan" / "Hussein" (a / u), "Maria" / "Mary" (ia / y) do not fit."""
    if a == b:
        return True
    if not a or not b:
        return not final and len(a or b) == 1
    return _vowel_like(a[0], b[0], final) and _vowel_like(a[-1], b[-1], final)


def vowels_fit(a: tuple[str, ...], b: tuple[str, ...], size: int | None = None) -> bool:
    """Whether two tokens with one skeleton (their :func:`token_vowels`) can be one name's spellings.
    Vowels may differ only in a name of at least :data:`MIN_FUZZY` skeleton letters (``size``, else
    the token's own), and either by swaps or by one inserted vowel, not both ("Golan" / "Glenn")."""
    if a == b:
        return True
    if len(a) != len(b) or (size if size is not None else len(a)) < MIN_FUZZY:
        return False
    last = len(a) - 1
    if not all(_runs_fit(x, y, k == last) for k, (x, y) in enumerate(zip(a, b, strict=True))):
        return False
    inserted = sum(1 for x, y in zip(a, b, strict=True) if x != y and not (x and y))
    swapped = sum(1 for x, y in zip(a, b, strict=True) if x != y and x and y)
    return inserted == 0 or (inserted == 1 and swapped == 0)


def spellings_fit(a: Spelling, b: Spelling) -> bool:
    """:func:`vowels_fit` for every token of two names with one skeleton."""
    size = sum(len(t) for t in a)
    return len(a) == len(b) and all(vowels_fit(x, y, size) for x, y in zip(a, b, strict=True))


INVERTED = re.compile(r"^(\w+) of (?:the )?(.+)$", re.I)


def _name_tokens(name: str) -> list[str]:
    """The tokens a name's skeleton is made of: no particles, connectors or leading "the";
    "Department of Defense" is read as "Defense Department"."""
    m = INVERTED.match(name)
    if m and fold(m.group(1)) in lx.ORG_HEADS:
        name = f"{m.group(2)} {m.group(1)}"
    out = []
    for tok in re.split(r"[\s\-]+", name):
        f = fold(tok)
        if f and f not in lx.CONNECTORS and f not in ("al", "el") and token_skeleton(tok):
            out.append(tok)
    return out


@lru_cache(maxsize=200_000)  # names repeat across a corpus ("Baghdad" thousands of times)
def skeleton(name: str) -> tuple[str, ...]:
    """Skeletons of a name's tokens, without particles, connectors and a leading "the"."""
    return tuple(token_skeleton(t) for t in _name_tokens(name))


@lru_cache(maxsize=200_000)
def spelling(name: str) -> Spelling:
    """The vowels of a name's skeleton tokens (:func:`token_vowels`), token by token."""
    return tuple(token_vowels(t) for t in _name_tokens(name))


@dataclass
class EntityRecord:
    """A resolved entity: every mention of it, and what is known of its name and type."""

    id: str
    name: str
    type: str
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (article id, mention)

    @property
    def aliases(self) -> list[tuple[str, int]]:
        """Distinct surface forms with their counts, most frequent first."""
        counts = Counter(m.text for _, m in self.mentions)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def articles(self) -> list[str]:
        return sorted({a for a, _ in self.mentions})


@dataclass(frozen=True)
class MergeEvidence:
    """Why two names became one entity: the rule that fired, the names it joined, and where the
    evidence is (``article`` None: the corpus as a whole, e.g. the only person with a surname)."""

    entity: str  # id of the resolved entity
    rule: str  # one of RULES
    a: str
    b: str
    article: str | None = None
    start: int | None = None  # offset of ``a`` (or of the evidence) in the article's text
    sentence: int | None = None  # index of the sentence holding the evidence
    support: int = 1  # articles giving the same evidence


#: rule names of :class:`MergeEvidence`, in the order resolution applies them
RULES = ("gazetteer", "spelling", "skeleton", "declared", "initials", "full name", "surname", "org head", "org tail")
#: evidence from one article vouches for a merge that reaches at most this many articles: a name
#: used in hundreds of articles is not joined to another by one article's list or initials
REACH_PER_ARTICLE = 20


@dataclass
class _Node:
    """All mentions sharing a spelling key, a compatible spelling and a type."""

    key: tuple[str, ...] | str
    type: str
    mentions: list[tuple[str, Mention]] = field(default_factory=list)
    spelling: Spelling = ()  # of the node's most used spelling

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.key if isinstance(self.key, tuple) else (self.key,)

    @cached_property
    def articles(self) -> set[str]:
        return {a for a, _ in self.mentions}

    @cached_property
    def spellings(self) -> set[Spelling]:
        return {spelling(m.text) for _, m in self.mentions}

    def spelled_like(self, sp: tuple[str, ...], last: bool) -> bool:
        """Whether one token spelled ``sp`` fits this node's last (else first) token in any of its spellings."""
        return any(t and vowels_fit(t[-1] if last else t[0], sp) for t in self.spellings)

    @cached_property
    def acronym(self) -> str | None:
        """The acronym the node spells, when most of its mentions spell it ("TRUMP" in a headline
        does not make "Trump" an acronym)."""
        spelled = [a for _, m in self.mentions if (a := acronym_of(m.text))]
        return min(spelled) if 2 * len(spelled) > len(self.mentions) else None

    @cached_property
    def initials(self) -> str:
        return initials_of(max((m.text for _, m in self.mentions), key=lambda t: (len(t.split()), len(t))))

    @cached_property
    def name(self) -> str:
        """The node's most used surface form (for evidence)."""
        return Counter(m.text for _, m in self.mentions).most_common(1)[0][0]

    def first(self, article: str | None = None) -> Mention | None:
        """The node's first mention (in ``article``, when given)."""
        return next((m for a, m in self.mentions if article is None or a == article), None)


def initials_of(name: str) -> str:
    """Capital initials of a name's words, connectors and al-/el- left out ("KH"); a word that is
    itself an abbreviation gives all its letters ("U.S. Navy" -> "USN", "Apple II" -> "AII")."""
    letters = []
    for tok in re.split(r"[\s]+", name):
        for part in tok.split("-"):
            f = fold(part)
            if part[:1].isupper() and f not in lx.CONNECTORS and f not in ("al", "el"):
                letters.append(acronym_of(part) or part[0])
    return "".join(letters).upper()


def acronym_of(text: str) -> str | None:
    """The acronym a mention spells ("U.S." -> "US"), or None."""
    t = text.replace(".", "")
    return t if ACRONYM.match(t) and t.isupper() else None


NodeKey = tuple[str, ...] | str


def mention_key(m: Mention) -> NodeKey:
    """The spelling key that groups mentions into nodes: a known place's gazetteer name, else the
    skeleton of the name (empty for a name with no letters: such a mention is left out)."""
    return f"place:{m.canonical}" if m.canonical else skeleton(m.text)


def _vote(mentions: list[tuple[str, Mention]]) -> str:
    score: dict[str, float] = defaultdict(float)
    for _, m in mentions:
        score[m.type] += m.strength + 0.5
    return max(TYPES, key=lambda t: (score[t], -TYPES.index(t)))


class _Log:
    """Unions as they are made, for :class:`MergeEvidence` (a no-op unless recording)."""

    def __init__(self, on: bool) -> None:
        self.on = on
        self.items: list[tuple[int, str, str, str, str | None, Mention | None, int]] = []

    def add(
        self, node: int, rule: str, a: str, b: str, article: str | None, at: Mention | None, support: int = 1
    ) -> None:
        if self.on:
            self.items.append((node, rule, a, b, article, at, support))


#: a skeleton join made inside one key: (the head's most used form, article, the joining mention)
SkeletonJoin = tuple[str, str, Mention]
Form = tuple[Spelling, str | None]  # a spelling, and an acronym's letters (None for a spelled-out name)


def _by_spelling(
    ms: list[tuple[str, Mention]],
) -> list[tuple[Spelling, list[tuple[str, Mention]], list[SkeletonJoin]]]:
    """Mentions of one skeleton grouped by spelling: each spelling joins the most used one it fits
    (:func:`spellings_fit`), else starts a group of its own, so that "Mahmoud" and "Mohammed" stay
    apart and no chain of small differences joins two names. Each group comes with the joins that
    formed it."""
    by_spelling: dict[Form, list[tuple[str, Mention]]] = defaultdict(list)
    for am in ms:
        by_spelling[(spelling(am[1].text), _letters(am[1].text))].append(am)
    order = sorted(by_spelling, key=lambda sp: (-len(by_spelling[sp]), sp[0], sp[1] or ""))
    heads: list[tuple[Form, list[tuple[str, Mention]], set[str], list[SkeletonJoin]]] = []
    for sp in order:
        plain = {_plain(m.text) for _, m in by_spelling[sp]}
        head = next((h for h in heads if _forms_fit(h[0], sp, h[2], plain)), None)
        if head is None:
            heads.append((sp, list(by_spelling[sp]), plain, []))
            continue
        head[1].extend(by_spelling[sp])
        head[2].update(plain)
        aid, m = by_spelling[sp][0]
        head[3].append((Counter(x.text for _, x in by_spelling[head[0]]).most_common(1)[0][0], aid, m))
    return [(sp, group, joins) for (sp, _), group, _, joins in heads]


def _letters(text: str) -> str | None:
    """An acronym's letters, lower-cased ("U.N." -> "un"), or None for a spelled-out name."""
    a = acronym_of(text)
    return a.lower() if a else None


def _plain(text: str) -> str:
    """A form's letters and digits, folded ("TRUMP" -> "trump", "U.N." -> "un")."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def _forms_fit(a: Form, b: Form, plain_a: set[str], plain_b: set[str]) -> bool:
    """Two spellings of one skeleton are one name: an acronym only by its very letters ("FBI" is not
    "Fabi", "SEC" not "S.C.", "ANSA" not "Anza"; "TRUMP" is "Trump"), other names by
    :func:`spellings_fit`. ``plain_a`` and ``plain_b``: the letters (:func:`_plain`) of their forms."""
    if a[1] is None and b[1] is None:
        return spellings_fit(a[0], b[0])
    if a[0] != b[0]:
        return False
    if a[1] is not None and b[1] is not None:
        return a[1] == b[1]
    return (a[1] or b[1]) in (plain_b if a[1] is not None else plain_a)


def _log_forms(ms: list[tuple[str, Mention]], node: int, rule: str, log: _Log, logged: set[str]) -> None:
    """Log each distinct form of a node's mentions as merged into its most used one (``logged``:
    forms already logged as a skeleton join)."""
    first: dict[str, tuple[str, Mention]] = {}
    counts: Counter[str] = Counter()
    for aid, m in ms:
        first.setdefault(m.text, (aid, m))
        counts[m.text] += 1
    top = counts.most_common(1)[0][0]
    for text, (aid, m) in sorted(first.items()):
        if text != top and text not in logged and (rule == "gazetteer" or spelling(text) == spelling(top)):
            log.add(-1 - node, rule, top, text, aid, m, counts[text])


def _nodes(per_article: Mapping[str, ArticleEntities], log: _Log) -> list[_Node]:
    """Group mentions by spelling key and spelling; a key with strong evidence for two types splits in two."""
    by_key: dict[tuple[str, ...] | str, list[tuple[str, Mention]]] = defaultdict(list)
    for aid in sorted(per_article):
        for m in per_article[aid].mentions:
            key = mention_key(m)
            if key:
                by_key[key].append((aid, m))
    nodes: list[_Node] = []
    for key, all_ms in by_key.items():
        no_joins: list[SkeletonJoin] = []
        groups_ = [((), all_ms, no_joins)] if isinstance(key, str) else _by_spelling(all_ms)
        for sp, ms, joins in groups_:
            start = len(nodes)
            # strong mentions group by type; weak ones join the strong type whose exact spelling they
            # share, else stay with their own type (a dateline "SULAIMANI" does not absorb "Soleimani")
            spelled = {lx.key(m.text): m.type for _, m in ms if m.strength >= 2}
            groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
            for aid, m in ms:
                groups[m.type if m.strength >= 2 else spelled.get(lx.key(m.text), m.type)].append((aid, m))
            if not spelled or (len(set(spelled.values())) == 1 and all(lx.key(m.text) in spelled for _, m in ms)):
                nodes.append(_Node(key, _vote(ms), ms, sp))
            else:
                nodes.extend(_Node(key, t, g, sp) for t, g in groups.items())
            if log.on:  # each join and surface form is logged on the node that holds it
                owner = {id(m): k for k in range(start, len(nodes)) for _, m in nodes[k].mentions}
                for top, aid, m in joins:
                    log.add(-1 - owner[id(m)], "skeleton", top, m.text, aid, m)
                logged = {m.text for _, _, m in joins}
                rule = "gazetteer" if isinstance(key, str) else "spelling"
                for k in range(start, len(nodes)):
                    _log_forms(nodes[k].mentions, k, rule, log, logged)
    return nodes


class _Joiner:
    """Union-find over nodes that knows how many articles each set reaches, so that a merge can be
    asked for evidence in proportion to its reach, and that logs every union it makes."""

    def __init__(self, nodes: list[_Node], log: _Log) -> None:
        self.nodes, self.log = nodes, log
        self.uf: UnionFind[int] = UnionFind()
        self.reach = [len(n.articles) for n in nodes]  # by root (an upper bound: articles may repeat)
        for i in range(len(nodes)):
            self.uf.find(i)

    def find(self, i: int) -> int:
        return self.uf.find(i)

    def enough(self, i: int, j: int, support: int, weak: bool = False) -> bool:
        """Whether ``support`` articles of evidence justify joining the sets of ``i`` and ``j``: an
        article's declaration vouches for the smaller set; weak evidence (co-occurrence: initials,
        a surname next to a full name) must vouch for every article of ``i``'s set, which it
        re-reads as another name."""
        reach_i, reach_j = self.reach[self.find(i)], self.reach[self.find(j)]
        return support * REACH_PER_ARTICLE >= (reach_i if weak else min(reach_i, reach_j))

    def join(self, i: int, j: int, rule: str, article: str | None = None, at: Mention | None = None,
             support: int = 1, names: tuple[str, str] | None = None) -> bool:  # fmt: skip
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        self.uf.union(ri, rj)
        self.reach[self.find(ri)] = self.reach[ri] + self.reach[rj]
        if self.log.on:
            a, b = names or (self.nodes[i].name, self.nodes[j].name)
            self.log.add(i, rule, a, b, article, at, support)
        return True


def _declarable(a: _Node, b: _Node) -> bool:
    """Whether an article's "X (Y)" or "X, or Y" can make two nodes one: not when either is a known
    place (the gazetteer resolves those; "Hamilton (Ontario)", "Alba (Germany)" say where), nor a
    person and an organisation or place (a line-up's "X (Y)" gives a player's club), nor two people's
    full names sharing neither first nor last name (a line-up's "X (Y)" is a substitution)."""
    if isinstance(a.key, str) or isinstance(b.key, str) or (a.type == PERSON) != (b.type == PERSON):
        return False
    people = a.type == PERSON and b.type == PERSON and len(a.tokens) >= 2 and len(b.tokens) >= 2
    return not (people and a.tokens[0] != b.tokens[0] and a.tokens[-1] != b.tokens[-1])


def _full_names_fit(a: _Node, b: _Node) -> bool:
    """Whether two people's names with one first and last name are one person's: their first and
    last names' spellings fit, and the names between agree, when both have some, word by word (an
    initial stands for a name: "James C. Kopp" / "James Charles Kopp"); "James A. Baker III" is not
    "James M. Trotter III", nor "Sui Southern Gas" "Sui Northern Gas"."""
    if not spellings_fit(_ends(a), _ends(b)):
        return False
    ma, mb = a.tokens[1:-1], b.tokens[1:-1]
    if not ma or not mb:
        return True
    if len(ma) != len(mb):
        return False
    sa, sb = a.spelling[1:-1], b.spelling[1:-1]
    for k, (x, y) in enumerate(zip(ma, mb, strict=True)):
        if len(x) == 1 or len(y) == 1:
            if x[0] != y[0]:
                return False
        elif x != y or (len(sa) == len(sb) == len(ma) and not vowels_fit(sa[k], sb[k])):
            return False
    return True


def _ends(node: _Node) -> Spelling:
    """The spelling of a name's first and last tokens."""
    return (node.spelling[0], node.spelling[-1]) if node.spelling else ()


def _part_fits(long: _Node, short: _Node) -> bool:
    """Whether ``short`` is spelled as the tail or the head of ``long`` (same skeleton assumed)."""
    size = len(short.spelling)
    return spellings_fit(long.spelling[-size:], short.spelling) or spellings_fit(long.spelling[:size], short.spelling)


def _dominant(support: Counter[int]) -> int | None:
    """The candidate with at least twice the support of any other, or None."""
    ranked = support.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def resolve(
    per_article: Mapping[str, ArticleEntities], evidence: list[MergeEvidence] | None = None
) -> list[EntityRecord]:
    """Entities of a corpus from the mentions of each article, in a deterministic order. With
    ``evidence``, a :class:`MergeEvidence` is appended to it for every merge of two names."""
    log = _Log(evidence is not None)
    nodes = _nodes(per_article, log)
    joiner = _Joiner(nodes, log)
    index_of_surface: dict[tuple[str, str], list[int]] = defaultdict(list)  # (article, folded text) -> nodes
    for i, n in enumerate(nodes):
        for aid, m in n.mentions:
            index_of_surface[(aid, lx.key(m.text))].append(i)

    # 2. what articles declare: every article declaring a pair is one more piece of evidence
    declared: dict[tuple[int, int], list[tuple[str, str, str]]] = defaultdict(list)
    for aid in sorted(per_article):
        for a, b in per_article[aid].aliases:
            na, nb = index_of_surface.get((aid, lx.key(a))), index_of_surface.get((aid, lx.key(b)))
            if na and nb and na[0] != nb[0]:
                declared[(na[0], nb[0])].append((aid, a, b))
    # an acronym declared for several names ("CNB" for a bank in one article, for a narcotics bureau
    # in another) joins only the one declared at least twice as often as any other (a name may have
    # an acronym and a gloss: "Kataib Hezbollah (KH)", "Kataib Hezbollah, or Brigades of the Party of God")
    partners: dict[int, Counter[int]] = defaultdict(Counter)
    for (i, j), where in declared.items():
        if _declarable(nodes[i], nodes[j]):
            articles = len({aid for aid, _, _ in where})
            partners[i][j] += articles
            partners[j][i] += articles
    for (i, j), where in declared.items():
        articles = len({aid for aid, _, _ in where})
        if (
            _declarable(nodes[i], nodes[j])
            and all(_dominant(partners[x]) == y for x, y in ((i, j), (j, i)) if nodes[x].acronym)
            and joiner.enough(i, j, articles)
        ):
            aid, a, b = where[0]
            joiner.join(i, j, "declared", aid, nodes[i].first(aid), articles, (a, b))
    in_article: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        for aid in n.articles:
            in_article[aid].append(i)
    # 3. acronyms by initials, within an article; a known place is never read as initials
    for i, n in enumerate(nodes):
        acro = n.acronym
        if not acro or len(n.tokens) != 1 or isinstance(n.key, str):
            continue
        support: Counter[int] = Counter()
        first_at: dict[int, str] = {}
        for aid in sorted(n.articles):
            cands = {
                joiner.find(j)
                for j in in_article[aid]
                if j != i and len(nodes[j].tokens) > 1 and nodes[j].initials == acro
            }
            if len(cands) == 1:
                r = cands.pop()
                support[r] += 1
                first_at.setdefault(r, aid)
        best = _dominant(support)
        if best is not None and joiner.enough(i, best, support[best], weak=True):
            aid = first_at[best]
            partner = next(j for j in in_article[aid] if joiner.find(j) == best and nodes[j].initials == acro)
            joiner.join(i, best, "initials", aid, n.first(aid), support[best], (n.name, nodes[partner].name))
    # 4. same first and last name (and spellings of them that fit)
    by_ends: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.type == PERSON and len(n.tokens) >= 2:
            by_ends[(n.tokens[0], n.tokens[-1])].append(i)
    for group in by_ends.values():
        # the fullest names first: a name with no middle joins the one full name it fits, and none
        # when it fits two ("Kemal Arslan" between "Kemal Ozan Arslan" and "Kemal Cem Arslan")
        heads: list[int] = []
        for j in sorted(group, key=lambda j: (-len(nodes[j].tokens), j)):
            fits = [h for h in heads if _full_names_fit(nodes[h], nodes[j])]
            if not fits:
                heads.append(j)
            elif len(fits) == 1:
                joiner.join(fits[0], j, "full name")
    # 5. short forms
    _short_forms(nodes, joiner, in_article)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        groups[joiner.find(i)].append(i)
    records = []
    record_of: dict[int, EntityRecord] = {}
    for root, members in groups.items():
        mentions = sorted((x for i in members for x in nodes[i].mentions), key=lambda am: (am[0], am[1].start))
        typ = _vote(mentions)
        record_of[root] = EntityRecord("", _display_name(mentions, typ), typ, mentions)
        records.append(record_of[root])
    records = assign_ids(records)
    if evidence is not None:
        for node, rule, a, b, art, at, count in log.items:
            owner = record_of[joiner.find(node if node >= 0 else -1 - node)].id
            start, sentence = (at.start, at.sentence) if at else (None, None)
            evidence.append(MergeEvidence(owner, rule, a, b, art, start, sentence, count))
    return records


def _short_forms(nodes: list[_Node], joiner: _Joiner, in_article: dict[str, list[int]]) -> None:
    multi = [i for i, n in enumerate(nodes) if len(n.tokens) >= 2 and not isinstance(n.key, str)]
    surnames: dict[str, list[int]] = defaultdict(list)  # last token -> people named in full
    heads: dict[str, list[int]] = defaultdict(list)  # first token -> organisations
    tails: dict[tuple[str, ...], list[int]] = defaultdict(list)  # any proper tail or head -> organisations
    for j in multi:
        n = nodes[j]
        if n.type == PERSON:
            surnames[n.tokens[-1]].append(j)
        elif n.type == ORG:
            heads[n.tokens[0]].append(j)
            for size in range(1, len(n.tokens)):
                tails[n.tokens[-size:]].append(j)
                if _generic_tail(n, size):
                    tails[n.tokens[:size]].append(j)
    for i, n in enumerate(nodes):
        if isinstance(n.key, str):
            continue
        if len(n.tokens) == 1 and not n.acronym and n.type != PLACE:
            tok, sp = n.tokens[0], n.spelling[0] if n.spelling else ()
            people = [j for j in surnames.get(tok, ()) if nodes[j].spelled_like(sp, last=True)]
            orgs = [j for j in heads.get(tok, ()) if nodes[j].spelled_like(sp, last=False)]
            support: Counter[int] = Counter()
            rule_of: dict[int, tuple[str, str]] = {}
            for aid in sorted(n.articles):
                here = set(in_article[aid])
                rule, local = "surname", {joiner.find(j) for j in people if j in here}
                if not local:
                    rule, local = "org head", {joiner.find(j) for j in orgs if j in here}
                if len(local) == 1:
                    r = local.pop()
                    support[r] += 1
                    rule_of.setdefault(r, (rule, aid))
            best = _dominant(support)
            if best is not None and joiner.enough(i, best, support[best], weak=True):
                rule, aid = rule_of[best]
                joiner.join(i, best, rule, aid, n.first(aid), support[best])
            elif not support:
                # no article names both: the short name must be spelled as the surname ("Labatt" is
                # not "Florencia Labat", "Li" not "Jackie Lee", "Philippine" not "Marco Filippini")
                forms = {_plain(m.text) for _, m in n.mentions}
                people = [j for j in people if forms & {_plain(_name_tokens(m.text)[-1]) for _, m in nodes[j].mentions}]
                corpus = {joiner.find(j) for j in people}
                reach = sum(len(nodes[j].articles) for j in people)
                # no article names both: the short name joins only a person about as widely named ("Vale"
                # in 165 articles is not "Emilio Valle" of one)
                if len(corpus) == 1 and len(n.articles) <= 2 * reach + 2:
                    joiner.join(i, corpus.pop(), "surname")
        elif len(n.tokens) >= 2 and n.type in (ORG, PERSON) and any(m.strength < 3 for _, m in n.mentions):
            longer = {
                joiner.find(j)
                for j in tails.get(n.tokens, ())
                if len(nodes[j].tokens) > len(n.tokens) and _part_fits(nodes[j], n)
            }
            if len(longer) == 1:
                joiner.join(i, longer.pop(), "org tail")


def _generic_tail(node: _Node, size: int) -> bool:
    """True when the words after the first ``size`` are generic heads ("... Forces")."""
    best = max((m.text for _, m in node.mentions), key=lambda t: len(t.split()))
    tail = [fold(w) for w in best.split()[size:]]
    return bool(tail) and all(w in lx.ORG_HEADS for w in tail)


def _display_name(mentions: list[tuple[str, Mention]], typ: str) -> str:
    """The fullest common form: a known place's gazetteer name when the text uses it (else its
    usual form); a person's longest name; otherwise the longest form used at least a quarter as
    often as the most frequent one. An acronym gives way to any spelled-out form."""
    counts = Counter(m.text for _, m in mentions)
    spelled = {t: c for t, c in counts.items() if not ACRONYM.match(t.replace(".", ""))} or counts
    top = max(spelled.values())
    canonical = {m.canonical for _, m in mentions if m.canonical}
    if typ == PLACE and canonical:
        used = [t for t in spelled if t in canonical]
        return used[0] if len(used) == 1 else max(spelled, key=lambda t: (spelled[t], len(t.split()), t))
    common = [t for t, c in spelled.items() if typ == PERSON or c * 4 >= top]
    if typ == PERSON:
        common = [t for t in common if not _described(t, spelled)] or common
    return max(common, key=lambda t: (len(t.split()), spelled[t], t))


def _described(name: str, counts: Mapping[str, int]) -> bool:
    """ "Outspoken Andrei Medvedev" when "Andrei Medvedev" is written as often: a word put before the
    person's full name (which opens with a given name), not a longer name."""
    words = name.split()
    for i in range(1, len(words) - 1):
        tail = " ".join(words[i:])
        given = lx.is_first_name(words[i]) and fold(words[i]) not in lx.NAME_PARTICLES | lx.CONNECTORS
        if counts.get(tail, 0) >= counts[name] and given and all(_describing_word(w) for w in words[:i]):
            return True
    return False


def _describing_word(word: str) -> bool:
    """A word that can describe a person before the name ("Outspoken", "Striker"): no given name,
    place, institution or name particle ("Boston Red Sox", "Filip De Wilde" are longer names)."""
    f = fold(word)
    return not (
        lx.is_first_name(word)
        or lx.key(word) in lx.places()
        or f in lx.ORG_HEADS
        or f in lx.PLACE_HEADS
        or f in lx.NAME_PARTICLES
        or f in lx.CONNECTORS
    )


def slug(text: str) -> str:
    """The id form of a name: lower-case ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text.replace("-", " ")).replace("'", "")).strip("-") or "entity"


def id_order(r: EntityRecord) -> tuple[int, str, str, tuple[str, int]]:
    """Who gets a contested id first: the most mentioned, then by name, type and first mention."""
    return (-len(r.mentions), r.name, r.type, min((aid, m.start) for aid, m in r.mentions))


def slug_root(base: str) -> str:
    """The family of an id: its slug without numeric suffixes ("tower-22-2" -> "tower"). Only ids of
    one family can collide, so a family's ids can be assigned on their own."""
    return re.sub(r"(?:-\d+)+$", "", base) or base


def assign_ids(records: list[EntityRecord], taken: set[str] | None = None) -> list[EntityRecord]:
    """Ids from display names, in :func:`id_order`; a taken id gets the next free "-N" suffix."""
    records.sort(key=id_order)
    taken = set() if taken is None else taken
    for r in records:
        base = slug(r.name)
        rid, n = base, 2
        while rid in taken:
            rid, n = f"{base}-{n}", n + 1
        r.id = rid
        taken.add(rid)
    return sorted(records, key=lambda r: r.id)
