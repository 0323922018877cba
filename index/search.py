"""Queries -> plain result records with highlighted snippets.

Query language (Whoosh's, with plugins): ``AND``/``OR``/``NOT``, ``"phrases"``, ``prefix*``,
``fuzzy~`` (``fuzzy~2``), ``field:value`` (title, body, source, entity, date), date ranges such as
``date:2024-01`` or ``date:[2020-10 to 2020-12]``, and ``date:>2021``. Quotes, diacritics and
possessives are folded, so ``Kata'ib`` finds ``Kata’ib`` and ``Soleimani`` finds ``Soleimani's``.
"""

from __future__ import annotations

import functools
import itertools
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from whoosh import collectors, highlight, matching, qparser, sorting
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.lang.porter import stem as _porter
from whoosh.matching import binary
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query.spans import SpanNear2, SpanQuery, SpanWrappingMatcher
from whoosh.searching import TimeLimit
from whoosh.util import make_binary_tree

from . import lexicon as lx
from .corpus import Corpus
from .filters import Filters, bounds
from .models import Article, SearchHit, SearchResults, Snippet
from .store import PAIR_SEPARATOR, PAIRS_FIELD, Generation, article_from_stored
from .wording import cut_at_word

FIELDS = ["title", "body", "source"]
ALIASES = {"names": ["entity", "entities"], "published": ["date", "published"]}
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
ENTITY_TERM = re.compile(r'\b(entit(?:y|ies):)("[^"]+"|[^\s()]+)')
#: stands for an ``entity:`` value while the rest of the query is parsed (letters only: no analyzer changes it)
ENTITY_PLACEHOLDER = "zzentityplaceholder"
#: a name key no article has (``entity:`` of an unknown or hidden entity matches nothing)
NO_NAME = "\x00"
#: the largest edit distance of a fuzzy term (``word~99`` would match nearly every word)
MAX_FUZZY_DISTANCE = 2
#: a fuzzy suffix on a word (not on a "phrase", where ``~N`` is the allowed distance between words)
FUZZY_SUFFIX = re.compile(r'(?<=[^\s"~])~(\d+)')
#: literal characters a prefix or wildcard term needs (``a*`` expands to a large part of the vocabulary)
MIN_PATTERN_CHARS = 2
#: seconds one query may spend collecting hits; past it, the hits found so far are returned
QUERY_SECONDS = 5.0
#: characters of a body shown as the snippet of a hit without highlighted words
LEAD_CHARS = 200


def relevance(score: Any) -> float:
    """A hit's BM25F score (0 when the hits were sorted by date: Whoosh then gives the sort key)."""
    return float(score) if isinstance(score, (int, float)) else 0.0


def newest_first() -> sorting.MultiFacet:
    """Dated articles newest first, then the undated ones (Whoosh alone would put those first:
    a missing date sorts as the largest value)."""
    dated = sorting.QueryFacet({0: wq.Every("published")}, other=1)
    return sorting.MultiFacet([dated, sorting.FieldFacet("published", reverse=True)])


class QueryError(ValueError):
    """The query cannot be parsed (the message says why)."""


class _MarkFormatter(highlight.Formatter):
    """Wraps matched terms in sentinel characters, later turned into highlight spans."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"{MARK_OPEN}{highlight.get_text(text, token, replace)}{MARK_CLOSE}"


def parser(ix: Any) -> qparser.QueryParser:
    """The query parser for an index (AND between terms)."""
    p = qparser.MultifieldParser(FIELDS, schema=ix.schema, group=qparser.AndGroup)
    p.add_plugin(qparser.FuzzyTermPlugin())
    p.add_plugin(qparser.GtLtPlugin())
    p.add_plugin(DateParserPlugin(free=False))
    p.add_plugin(qparser.FieldAliasPlugin(ALIASES))
    return p


def to_snippet(marked: str) -> Snippet:
    """Turn sentinel-marked text into one line of plain text plus highlight spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = start = 0
    for piece in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", marked):
        if piece == MARK_OPEN:
            start = pos
        elif piece == MARK_CLOSE:
            spans.append((start, pos))
        else:
            piece = re.sub(r"\s+", " ", piece)
            if out and out[-1].endswith(" ") and piece.startswith(" "):
                piece = piece[1:]
            out.append(piece)
            pos += len(piece)
    return Snippet("".join(out), tuple(spans))


#: characters around each of the first matches of a hit that its snippet is cut from, and how
#: many matches: the highlighter analyses (tokenises, folds, stems) all the text it is given, and
#: whole bodies for every hit on screen cost more than the search itself
SNIPPET_CONTEXT = 150
SNIPPET_MATCHES = 2


def term_pattern(terms: Any) -> re.Pattern[str] | None:
    """Where a body may match: words starting with one of the query's (stemmed, folded) terms.
    Only picks the text the highlighter then reads; None when the query has no body terms."""
    words = sorted({(t.decode() if isinstance(t, bytes) else str(t)) for _, t in terms or ()}, key=len, reverse=True)
    words = [w for w in words if w]
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + ")", re.I) if words else None


def snippet_source(body: str, near: re.Pattern[str]) -> str:
    """The parts of ``body`` around its first matches (the whole body when the cheap pattern finds
    none: a match it cannot see, such as a folded accent, is still highlighted)."""
    spans: list[tuple[int, int]] = []
    for m in near.finditer(body):
        start, end = max(0, m.start() - SNIPPET_CONTEXT), m.end() + SNIPPET_CONTEXT
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        if len(spans) >= SNIPPET_MATCHES:
            break
    return " … ".join(body[a:b] for a, b in spans) if spans else body


def cap_fuzzy(query: str) -> tuple[str, list[str]]:
    """The query text with each ``word~N`` over :data:`MAX_FUZZY_DISTANCE` rewritten to the cap
    (Whoosh reads one digit, so ``word~99`` would otherwise be ``word~9`` and a term ``9``)."""
    notes: list[str] = []

    def cap(m: re.Match[str]) -> str:
        if int(m.group(1)) <= MAX_FUZZY_DISTANCE:
            return m.group()
        notes.append(f"fuzzy distance ~{m.group(1)} capped at {MAX_FUZZY_DISTANCE}")
        return f"~{MAX_FUZZY_DISTANCE}"

    return FUZZY_SUFFIX.sub(cap, query), notes


def bounded(q: wq.Query) -> tuple[wq.Query, list[str]]:
    """``q`` with fuzzy distances capped at :data:`MAX_FUZZY_DISTANCE` and the notes saying so;
    raises :class:`QueryError` for a prefix or wildcard with too few literal characters."""
    notes: list[str] = []

    def bound(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.FuzzyTerm) and node.maxdist > MAX_FUZZY_DISTANCE:
            notes.append(f"fuzzy distance of {node.text}~{node.maxdist:g} capped at {MAX_FUZZY_DISTANCE}")
            return wq.FuzzyTerm(node.fieldname, node.text, node.boost, MAX_FUZZY_DISTANCE, node.prefixlength)
        if isinstance(node, (wq.Prefix, wq.Wildcard)):
            literal = re.sub(r"[*?]", "", str(node.text))
            if len(literal) < MIN_PATTERN_CHARS:
                raise QueryError(f"{node.text!s}: a prefix or wildcard needs at least {MIN_PATTERN_CHARS} letters")
        return node

    return q.accept(bound), list(dict.fromkeys(notes))


class PairedPhrase(wq.Phrase):
    """A phrase of the body (adjacent words, Whoosh's default ``slop=1``) matched through the
    index of word pairs (:data:`index.store.PAIRS_FIELD`): the documents holding every pair of the
    phrase, scored as Whoosh scores the phrase (the sum of its words' scores, the same matcher
    tree: a phrase's hits keep their scores and order). Two words are a phrase exactly when they
    are a pair; a longer phrase's candidates (all its pairs) are then checked by the words'
    positions, as :class:`whoosh.query.Phrase` checks every document holding all its words.

    Hand-made because Whoosh offers no phrase query over a shingle field; only the matcher differs
    from :class:`whoosh.query.Phrase` (the terms it reports, for snippets, are the same)."""

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        schema = searcher.schema
        if len(self.words) < 2 or self.slop != 1 or PAIRS_FIELD not in schema or self.fieldname not in schema:
            return super().matcher(searcher, context)
        field, reader = schema[self.fieldname], searcher.reader()
        try:
            words = [field.to_bytes(w) for w in self.words]
        except ValueError:
            return matching.NullMatcher()
        texts = [w.decode("utf-8") if isinstance(w, bytes) else str(w) for w in words]
        pairs = [wq.Term(PAIRS_FIELD, f"{a}{PAIR_SEPARATOR}{b}") for a, b in itertools.pairwise(texts)]
        if any((self.fieldname, w) not in reader for w in words) or any(
            (PAIRS_FIELD, schema[PAIRS_FIELD].to_bytes(p.text)) not in reader for p in pairs
        ):
            return matching.NullMatcher()  # as Phrase: a missing word (here, pair) matches nothing
        # the words' matchers as SpanNear2 builds them (span context, an order-preserving tree)
        ms = [wq.Term(self.fieldname, w).matcher(searcher, SpanQuery._span_context(context)) for w in words]
        required = wq.And(pairs).matcher(searcher, searcher.boolean_context())
        paired = _Require(make_binary_tree(binary.IntersectionMatcher, ms), required)
        m: matching.Matcher = _CheckedPairs(ms, paired) if len(words) > 2 else paired
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m


class _Require(matching.RequireMatcher):
    """Whoosh's ``RequireMatcher`` (the first matcher's documents that the second has, scored by
    the first alone), mended: after skipping blocks of too low a score its ``skip_to_quality``
    realigns the two even when they already stand on the same document, which trips an assertion
    in Whoosh's intersection."""

    def skip_to_quality(self, minquality: float) -> int:
        skipped: int = self.a.skip_to_quality(minquality)
        if self.a.is_active() and self.b.is_active() and self.a.id() != self.b.id():
            self.child._find_next()
        return skipped


class _CheckedPairs(SpanNear2.SpanNear2Matcher):
    """The documents of ``child`` (word matchers ``ms`` and the phrase's pairs) where the words
    are at adjacent positions, checked as :class:`whoosh.query.SpanNear2` checks them."""

    def __init__(self, ms: list[matching.Matcher], child: _Require) -> None:
        self.ms, self.slop, self.ordered, self.mindist = ms, 1, True, 1
        SpanWrappingMatcher.__init__(self, child)

    def copy(self) -> _CheckedPairs:
        ms = [m.copy() for m in self.ms]
        child = _Require(make_binary_tree(binary.IntersectionMatcher, ms), self.child.b.copy())
        m = _CheckedPairs(ms, child)
        m._spans = self._spans
        return m


class PostedRange(wq.WrappingQuery):
    """A date range of the query (``date:2021``, ``date:[2020-10 to 2020-12]``) matched from the
    set of its documents, read from the postings of its trie terms, with the score Whoosh gives
    every document of a range (its boost: a range is a constant-score query).

    Whoosh matches a range as a union of its trie terms' matchers (dozens, several levels deep),
    and within an AND every step of the other side skips each of them: a year with a word cost
    ten times the word alone. Hand-made because Whoosh's own constant-score matcher over a
    preloaded list is used only when no caller needs the current match, and the searches here
    need it (without it a prefix is scored as a constant too)."""

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        ids = sorted(doc_set(self.child, searcher))
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(array("I", ids), all_weights=getattr(self.child, "boost", 1.0))

    def docs(self, searcher: Any) -> Iterator[int]:
        return iter(sorted(doc_set(self.child, searcher)))


def paired_phrases(q: wq.Query, schema: Any) -> wq.Query:
    """``q`` with each phrase of the body matched through the word pairs (when the index has them)."""
    if PAIRS_FIELD not in schema:
        return q

    def pair(node: wq.Query) -> wq.Query:
        if type(node) is wq.Phrase and node.fieldname == "body":
            return PairedPhrase(
                node.fieldname, node.words, slop=node.slop, boost=node.boost, char_ranges=node.char_ranges
            )
        return node

    return q.accept(pair)


def has_posted_range(q: wq.Query) -> bool:
    return isinstance(q, PostedRange) or any(has_posted_range(c) for c in q.children())


def posted_ranges(q: wq.Query) -> wq.Query:
    """``q`` with each constant-score date range matched from its set of documents."""

    def post(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.NumericRange) and node.constantscore:
            return PostedRange(node)
        return node

    return q.accept(post)


@dataclass
class Searcher:
    """Searches one generation of an index; keep it open for many queries (one per thread)."""

    generation: Generation

    def __post_init__(self) -> None:
        self._ix = self.generation.open()
        self._searcher = self._ix.searcher()
        self._parser = parser(self._ix)
        self._corpus: Corpus | None = None  # opened for the first entity: query

    def _parse(self, text: str) -> wq.Query:
        """The Whoosh query of ``text``; ``entity:NAME`` (or ``entity:"Full Name"``), by id, name
        or alias, matches the articles that use any spelling of that entity."""
        spellings: list[list[str]] = []

        def placeholder(m: re.Match[str]) -> str:
            spellings.append(self._spellings(m.group(2).strip('"')))
            return f"{m.group(1)}{ENTITY_PLACEHOLDER}{len(spellings) - 1}"

        q = self._parser.parse(ENTITY_TERM.sub(placeholder, text))
        if not spellings:
            return q

        def swap(node: wq.Query) -> wq.Query:
            if (
                isinstance(node, wq.Term)
                and node.fieldname == "names"
                and str(node.text).startswith(ENTITY_PLACEHOLDER)
            ):
                keys = spellings[int(str(node.text).removeprefix(ENTITY_PLACEHOLDER))]
                return wq.Or([wq.Term("names", k) for k in keys]) if keys else wq.Term("names", NO_NAME)
            return node

        return q.accept(swap)

    def _spellings(self, name: str) -> list[str]:
        """Folded spellings of the entity called ``name`` (none when there is no such entity)."""
        if self._corpus is None:
            self._corpus = self.generation.corpus()
        found = self._corpus.entity(name)
        return sorted({lx.key(a) for a in found.alias_names} - {""}) if found else []

    def close(self) -> None:
        self._searcher.close()
        if self._corpus is not None:
            self._corpus.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def article(self, article_id: str) -> Article | None:
        """One stored article, through this open searcher (no new index open)."""
        doc = self._searcher.document(id=article_id)
        return article_from_stored(doc) if doc else None

    def search(
        self,
        query: str,
        limit: int = 20,
        sort: Literal["relevance", "date"] = "relevance",
        filters: Filters | None = None,
    ) -> SearchResults:
        """Ranked hits (BM25F) with highlighted snippets; ``sort="date"`` puts the newest first
        (undated last). ``filters`` narrow the hits; with filters, an empty query lists every
        article they let through, newest first."""
        narrowed = filter_query(self._ix.schema, filters, self._spellings) if filters else None
        if not query.strip():
            if narrowed is None:
                return SearchResults(query, 0, ())
            q: wq.Query = wq.Every()
            notes: list[str] = []
            sort = "date"
        else:
            q, notes = self._bounded_query(query)
        # no terms=True: recording which terms each collected document matched cost a loop over
        # every term of the query per document (a date range has dozens); the snippets take the
        # query's terms instead (the same words for a collected hit). Its needs_current context
        # stays: without it Whoosh scores a prefix as a constant, which changes the ranking
        kwargs: dict[str, Any] = {"limit": limit, "filter": narrowed}
        if sort == "date":
            kwargs.update(sortedby=newest_first())
        collector = self._searcher.collector(**kwargs)
        if sort != "date" and limit < self._searcher.doc_count() and has_posted_range(q):
            # every match scored (no pruning of the matcher tree): Whoosh prunes by each part's
            # best possible score, and the range's exact one (its boost; Whoosh's union of trie
            # terms claimed the sum of theirs) exposes a fault of that pruning, which then drops
            # hits that belong in the top N. A range has few documents, so this is still cheaper
            top = collectors.TopCollector(limit, usequality=False, replace=0)
            collector = collectors.FilterCollector(top, narrowed) if narrowed is not None else top
        # no SIGALRM: the reader searches from worker threads; the limit is checked between hits
        timed = collectors.TimeLimitCollector(collector, timelimit=QUERY_SECONDS, use_alarm=False)
        partial = False
        try:
            self._searcher.search_with_collector(q, timed, self._searcher.context(needs_current=True))
        except TimeLimit:
            partial = True
            notes.append(f"the query took longer than {QUERY_SECONDS:g} s; showing the hits found until then")
        results = timed.results()
        results.fragmenter = highlight.ContextFragmenter(maxchars=160, surround=50)
        results.formatter = _MarkFormatter()
        body_terms = results.query_terms(expand=True, fieldname="body")
        # the highlighter asks for them once per hit, and a fuzzy or prefix term is expanded over
        # the whole vocabulary each time: asked once here (only the body is highlighted)
        setattr(results, "query_terms", lambda expand=False, fieldname=None: body_terms)  # noqa: B010
        near = term_pattern(body_terms)
        hits = []
        for hit in results:
            body = hit["body"]
            marked = (hit.highlights("body", text=snippet_source(body, near), top=2) if near else "") or cut_at_word(
                body, LEAD_CHARS
            )
            hits.append(
                SearchHit(
                    id=hit["id"],
                    title=hit.get("title") or None,
                    source=hit.get("source") or None,
                    published=hit.get("published_text") or None,
                    path=hit["path"],
                    score=relevance(hit.score),
                    snippet=to_snippet(marked),
                )
            )
        total = len(results) if sort == "date" or (narrowed is None and limit >= self._searcher.doc_count()) else None
        if total is None:
            total = len(self.matching(q) & self.matching(narrowed)) if narrowed else len(self.matching(q))
        return SearchResults(query, total, tuple(hits), partial=partial, notes=tuple(notes))

    def matching(self, q: wq.Query) -> set[int]:
        """The document numbers ``q`` matches: the hit count of a top-N search. Whoosh's top-N
        collector skips what cannot reach the top, so ``len(results)`` ran the whole query again
        through its matchers, a few calls per matching document for every node of the query tree,
        which cost as much as the search itself; here each term's postings are read block by
        block into sets, which are then combined (the same documents, see :func:`doc_set`)."""
        out: set[int] = set()
        for sub, offset in self._searcher.leaf_searchers():
            docs = doc_set(q, sub)
            out.update(docs if offset == 0 else (d + offset for d in docs))
        return out

    def _bounded_query(self, query: str) -> tuple[wq.Query, list[str]]:
        """The parsed, bounded query of ``query`` and the notes on how it was bounded."""
        try:
            text, capped = cap_fuzzy(query)
            q = self._parse(text)
        except Exception as err:  # whoosh raises assorted errors on malformed input
            raise QueryError(f"cannot understand the query {query!r}: {err}") from err
        if q == wq.NullQuery:
            raise QueryError(f"nothing to search for in {query!r} (dates look like 2024, 2024-01 or 2024-01-30)")
        q, notes = bounded(q)
        q = posted_ranges(paired_phrases(q, self._ix.schema))
        return q, list(dict.fromkeys(capped + notes))


# ---- the documents a query matches, as sets -------------------------------------------------


def doc_set(q: wq.Query, searcher: Any) -> set[int]:
    """The documents of one segment's ``searcher`` that ``q`` matches (deleted ones never), by set
    operations over the terms' postings for the boolean queries the parser makes; any other kind
    of query (a checked phrase, ``Every``, ...) is asked of Whoosh (``Query.docs``)."""
    reader = searcher.reader()
    if isinstance(q, wq.Term):
        return term_docs(reader, q.fieldname, q.text)
    if isinstance(q, PairedPhrase) and len(q.words) == 2 and q.slop == 1 and PAIRS_FIELD in reader.schema:
        a, b = (w.decode("utf-8") if isinstance(w, bytes) else str(w) for w in q.words)
        return term_docs(reader, PAIRS_FIELD, f"{a}{PAIR_SEPARATOR}{b}")  # a pair holds both words
    if isinstance(q, (wq.Or, wq.DisjunctionMax)) and not getattr(q, "minmatch", 0):
        return set().union(*(doc_set(c, searcher) for c in q.subqueries)) if q.subqueries else set()
    if isinstance(q, wq.And):
        found = [doc_set(c, searcher) for c in q.subqueries]
        return set.intersection(*found) if found else set()
    if isinstance(q, wq.AndNot):
        return doc_set(q.a, searcher) - doc_set(q.b, searcher)
    if isinstance(q, wq.Require):
        return doc_set(q.a, searcher) & doc_set(q.b, searcher)
    if isinstance(q, wq.AndMaybe):
        return doc_set(q.a, searcher)
    if q is wq.NullQuery or isinstance(q, wq.NullQuery.__class__):
        return set()
    if isinstance(q, wq.MultiTerm):  # prefixes, wildcards, fuzzy terms: the terms they expand to
        # (_btexts is what MultiTerm.matcher itself expands; its simplify() fails on fuzzy terms)
        return set().union(*(term_docs(reader, str(q.field()), t) for t in q._btexts(reader)))
    if isinstance(q, wq.NumericRange):  # dates: the trie terms (and ranges of them) Whoosh matches
        return doc_set(q._compile_query(reader), searcher)
    if isinstance(q, (wq.ConstantScoreQuery, PostedRange)):
        return doc_set(q.child, searcher)
    return set(q.docs(searcher))


def term_docs(reader: Any, fieldname: str, text: Any) -> set[int]:
    """The (not deleted) documents of one segment holding a term."""
    if (fieldname, text) not in reader:
        return set()
    m = reader.postings(fieldname, text)
    leaf = m.child if isinstance(m, matching.FilterMatcher) else m
    if not isinstance(leaf, W3LeafMatcher):
        return set(m.all_ids())
    # Whoosh's all_ids() takes three calls per posting; a block's ids are one tuple (whoosh3
    # codec internals, hence the check above and the fallback)
    docs: set[int] = set()
    while leaf.is_active():
        if leaf._ids is None:
            leaf._read_ids()
        docs.update(leaf._ids[leaf._i :])
        leaf._next_block()
    return docs - reader.deleted_docs_set if leaf is not m else docs


# ---- filters as Whoosh queries (index/filters.py holds the record and its checks) -------------

#: matches nothing (no article has this id)
NOTHING = wq.Term("id", "\x00")


def source_query(schema: Any, source: str) -> wq.Query:
    """Articles whose source holds the words of ``source`` in order (as the index analyses them)."""
    words = list(schema["source"].process_text(source, mode="query"))
    if not words:
        return NOTHING
    return wq.Term("source", words[0]) if len(words) == 1 else wq.Phrase("source", words)


def date_query(since: str | None, until: str | None) -> wq.Query:
    """Articles published within [first day of ``since``, last day of ``until``] (undated ones never)."""
    first, last = bounds(since), bounds(until)
    return wq.DateRange("published", first[0] if first else None, last[1] if last else None)


def entity_query(spellings: Iterable[str]) -> wq.Query:
    """Articles that name an entity under any of its (folded) spellings."""
    keys = sorted(set(spellings))
    return wq.Or([wq.Term("names", k) for k in keys]) if keys else NOTHING


def filter_query(schema: Any, filters: Filters, spellings: Callable[[str], list[str]]) -> wq.Query | None:
    """One query every filter must match (None when there are no filters)."""
    parts: list[wq.Query] = []
    if filters.source:
        parts.append(source_query(schema, filters.source))
    if filters.since or filters.until:
        parts.append(date_query(filters.since, filters.until))
    if filters.entity:
        parts.append(entity_query(spellings(filters.entity)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


@functools.lru_cache(maxsize=100_000)  # as the analyzer's StemFilter caches: an article repeats its words
def stem(word: str) -> str:
    """The stem the index keeps for a folded word (the Porter stemmer of the analyzer), so hits
    can be shown the way the search matched them ("strikes" finds and marks "striking")."""
    return _porter(word)
