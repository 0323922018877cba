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
from typing import Generic, TypeVar

from . import lexicon as lx
from .entities import ACRONYM, ORG, PERSON, PLACE, ArticleEntities, Mention
from .textfold import fold

TYPES = (PERSON, ORG, PLACE)
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


def token_skeleton(token: str) -> str:
    """A spelling-insensitive key of one name token (first letter kept, vowels dropped)."""
    t = fold(token)
    t = re.sub(r"^(?:al|el|ad|an|as|ash|ar|at|az)-", "", t)
    for a, b in SOUNDS:
        t = t.replace(a, b)
    t = re.sub(r"[^a-z0-9]", "", t)
    if not t:
        return ""
    t = re.sub(r"(.)\1+", r"\1", t)
    return t[0] + re.sub(r"[aeiouy]", "", t[1:])


INVERTED = re.compile(r"^(\w+) of (?:the )?(.+)$", re.I)


@lru_cache(maxsize=200_000)  # names repeat across a corpus ("Baghdad" thousands of times)
def skeleton(name: str) -> tuple[str, ...]:
    """Skeletons of a name's tokens, without particles, connectors and a leading "the".
    "Department of Defense" is read as "Defense Department"."""
    m = INVERTED.match(name)
    if m and fold(m.group(1)) in lx.ORG_HEADS:
        name = f"{m.group(2)} {m.group(1)}"
    out = []
    for tok in re.split(r"[\s\-]+", name):
        f = fold(tok)
        if not f or f in lx.CONNECTORS or f in ("al", "el"):
            continue
        sk = token_skeleton(tok)
        if sk:
            out.append(sk)
    return tuple(out)


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


K = TypeVar("K", int, str)


class UnionFind(Generic[K]):
    """Disjoint sets; a set's representative is its smallest member."""

    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def find(self, x: K) -> K:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class _Node:
    """All mentions sharing a spelling key and a type."""

    key: tuple[str, ...] | str
    type: str
    mentions: list[tuple[str, Mention]] = field(default_factory=list)

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.key if isinstance(self.key, tuple) else (self.key,)

    @cached_property
    def articles(self) -> set[str]:
        return {a for a, _ in self.mentions}

    @cached_property
    def acronym(self) -> str | None:
        return min((a for _, m in self.mentions if (a := acronym_of(m.text))), default=None)

    @cached_property
    def initials(self) -> str:
        return initials_of(max((m.text for _, m in self.mentions), key=lambda t: (len(t.split()), len(t))))


def initials_of(name: str) -> str:
    """Capital initials of a name's words, connectors and al-/el- left out ("KH")."""
    letters = []
    for tok in re.split(r"[\s]+", name):
        for part in tok.split("-"):
            f = fold(part)
            if part[:1].isupper() and f not in lx.CONNECTORS and f not in ("al", "el"):
                letters.append(part[0])
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


def _nodes(per_article: Mapping[str, ArticleEntities]) -> list[_Node]:
    """Group mentions by spelling key; a key with strong evidence for two types splits in two."""
    by_key: dict[tuple[str, ...] | str, list[tuple[str, Mention]]] = defaultdict(list)
    for aid in sorted(per_article):
        for m in per_article[aid].mentions:
            key = mention_key(m)
            if key:
                by_key[key].append((aid, m))
    nodes = []
    for key, ms in by_key.items():
        # strong mentions group by type; weak ones join the strong type whose exact spelling they
        # share, else stay with their own type (a dateline "SULAIMANI" does not absorb "Soleimani")
        spelled = {lx.key(m.text): m.type for _, m in ms if m.strength >= 2}
        groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
        for aid, m in ms:
            groups[m.type if m.strength >= 2 else spelled.get(lx.key(m.text), m.type)].append((aid, m))
        if not spelled or (len(set(spelled.values())) == 1 and all(lx.key(m.text) in spelled for _, m in ms)):
            nodes.append(_Node(key, _vote(ms), ms))
        else:
            nodes.extend(_Node(key, t, g) for t, g in groups.items())
    return nodes


def resolve(per_article: Mapping[str, ArticleEntities]) -> list[EntityRecord]:
    """Entities of a corpus from the mentions of each article, in a deterministic order."""
    nodes = _nodes(per_article)
    uf: UnionFind[int] = UnionFind()
    index_of_surface: dict[tuple[str, str], list[int]] = defaultdict(list)  # (article, folded text) -> nodes
    for i, n in enumerate(nodes):
        uf.find(i)
        for aid, m in n.mentions:
            index_of_surface[(aid, lx.key(m.text))].append(i)

    # 2. what articles declare
    for aid, ents in per_article.items():
        for a, b in ents.aliases:
            na, nb = index_of_surface.get((aid, lx.key(a))), index_of_surface.get((aid, lx.key(b)))
            if na and nb:
                uf.union(na[0], nb[0])
    in_article: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        for aid in n.articles:
            in_article[aid].append(i)
    # 3. acronyms by initials, within an article
    for i, n in enumerate(nodes):
        acro = n.acronym
        if not acro or len(n.tokens) != 1 or n.key == "place:United States":
            continue
        for aid in sorted(n.articles):
            cands = {
                uf.find(j) for j in in_article[aid] if j != i and len(nodes[j].tokens) > 1 and nodes[j].initials == acro
            }
            if len(cands) == 1:
                uf.union(i, cands.pop())
    # 4. same first and last name
    by_ends: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.type == PERSON and len(n.tokens) >= 2:
            by_ends[(n.tokens[0], n.tokens[-1])].append(i)
    for group in by_ends.values():
        for j in group[1:]:
            uf.union(group[0], j)
    # 5. short forms
    _short_forms(nodes, uf, in_article)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        groups[uf.find(i)].append(i)
    records = []
    for members in groups.values():
        mentions = sorted((x for i in members for x in nodes[i].mentions), key=lambda am: (am[0], am[1].start))
        typ = _vote(mentions)
        records.append(EntityRecord("", _display_name(mentions, typ), typ, mentions))
    return assign_ids(records)


def _short_forms(nodes: list[_Node], uf: UnionFind, in_article: dict[str, list[int]]) -> None:
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
            tok = n.tokens[0]
            merged = False
            for aid in sorted(n.articles):
                here = set(in_article[aid])
                local = {uf.find(j) for j in surnames.get(tok, ()) if j in here}
                if not local:
                    local = {uf.find(j) for j in heads.get(tok, ()) if j in here}
                if len(local) == 1:
                    uf.union(i, local.pop())
                    merged = True
                    break
            if not merged:
                corpus = {uf.find(j) for j in surnames.get(tok, ())}
                if len(corpus) == 1:
                    uf.union(i, corpus.pop())
        elif len(n.tokens) >= 2 and n.type in (ORG, PERSON) and any(m.strength < 3 for _, m in n.mentions):
            longer = {uf.find(j) for j in tails.get(n.tokens, ()) if len(nodes[j].tokens) > len(n.tokens)}
            if len(longer) == 1:
                uf.union(i, longer.pop())


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
    return max(common, key=lambda t: (len(t.split()), spelled[t], t))


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
