"""Merge audit: the largest entities of a corpus, their aliases, and the evidence for every merge.

    python -m benchmarks.merge_audit CORPUS_DIR [--top 30] [--json OUT] [--index DIR] [--rule RULE]

Builds (or brings up to date) the corpus index as the reader does (``BROADSHEET_CACHE_DIR``
decides where, unless ``--index`` is given), reads the stored per-article mentions and declared
aliases back from the corpus database, re-runs :func:`index.aliases.resolve` on them with an
evidence recorder, and prints the ``--top`` entities by mentions: each with its aliases (with
counts) and, for every merge that formed it, the rule, the two names joined, the article and the
sentence that gave the evidence. ``--json`` writes the same, for every entity that has a merge.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from index import corpusdb
from index.aliases import MergeEvidence, resolve
from index.derive import _mentions_of_keys  # the store's own loader of mentions for resolution
from index.pipeline import build, index_dir_for
from index.sanitize import for_terminal as clean
from index.store import IndexStore

SNIPPET = 160  # characters of evidence sentence shown


@dataclass(frozen=True)
class Merge:
    """One merge as the audit shows it: the evidence, and the sentence it came from."""

    rule: str
    a: str
    b: str
    article: str | None
    support: int
    sentence: str | None


@dataclass
class AuditedEntity:
    """A resolved entity with its aliases and the merges that formed it."""

    id: str
    name: str
    type: str
    mentions: int
    articles: int
    aliases: list[tuple[str, int]]
    merges: list[Merge] = field(default_factory=list)


def _sentence(text: str, spans: list[tuple[int, int]], start: int | None, index: int | None) -> str | None:
    """The evidence sentence (by stored sentence spans, else around the offset), shortened."""
    if start is None:
        return None
    span = next(((s, e) for s, e in spans if s <= start < e), None)
    if span is None and index is not None and 0 <= index < len(spans):
        span = spans[index]
    s, e = span or (max(0, start - SNIPPET // 2), start + SNIPPET // 2)
    out = " ".join(text[s:e].split())
    return out if len(out) <= SNIPPET else out[: SNIPPET - 1] + "…"


def audit(corpus: Path, index_dir: Path | None = None) -> tuple[list[AuditedEntity], dict[str, Any]]:
    """Build the index of ``corpus``, resolve its stored mentions with evidence, and return every
    entity (most mentioned first) and run figures."""
    started = time.perf_counter()
    report = build(corpus, index_dir)
    built = time.perf_counter()
    store = IndexStore(index_dir_for(corpus.resolve(), index_dir))
    gen = store.current()
    if gen is None or gen.database is None:
        raise SystemExit(f"{corpus}: no index was built")
    db = corpusdb.open_readonly(gen.database)
    try:
        per_article = _mentions_of_keys(db, None)
        evidence: list[MergeEvidence] = []
        t0 = time.perf_counter()
        records = resolve(per_article, evidence)
        resolve_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        resolve(per_article)
        plain_s = time.perf_counter() - t0
        wanted = {e.article for e in evidence if e.article and e.start is not None}
        spans = {aid: corpusdb.sentences_of(db, aid)[0] for aid in wanted}
    finally:
        db.close()
    texts = {a.id: a.text for a in store.articles() if a.id in wanted}
    by_entity: dict[str, list[Merge]] = defaultdict(list)
    for e in evidence:
        text = texts.get(e.article or "")
        snippet = _sentence(text, spans.get(e.article or "", []), e.start, e.sentence) if text else None
        by_entity[e.entity].append(Merge(e.rule, e.a, e.b, e.article, e.support, snippet))
    entities = [
        AuditedEntity(r.id, r.name, r.type, len(r.mentions), len(r.articles), r.aliases, by_entity.get(r.id, []))
        for r in records
    ]
    entities.sort(key=lambda x: (-x.mentions, x.id))
    figures = {
        "corpus": str(corpus),
        "articles": report.articles,
        "mentions": sum(x.mentions for x in entities),
        "entities": len(entities),
        "merges": len(evidence),
        "merges_by_rule": dict(sorted(_count(e.rule for e in evidence).items())),
        "build_s": round(built - started, 2),
        "resolve_with_evidence_s": round(resolve_s, 3),
        "resolve_plain_s": round(plain_s, 3),
    }
    return entities, figures


def _count(items: Any) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for x in items:
        out[x] += 1
    return out


def render(entities: list[AuditedEntity], figures: dict[str, Any], top: int, per_entity: int = 12) -> str:
    """The terminal report: figures, then the ``top`` entities with aliases and merges."""
    lines = [
        f"merge audit of {figures['corpus']}: {figures['articles']} articles, {figures['mentions']} mentions, "
        f"{figures['entities']} entities, {figures['merges']} merges "
        + ", ".join(f"{k} {v}" for k, v in figures["merges_by_rule"].items()),
        f"resolve: {figures['resolve_plain_s']} s plain, {figures['resolve_with_evidence_s']} s with evidence",
        "",
    ]
    for rank, x in enumerate(entities[:top], 1):
        # names, articles and sentences come from the files: shown, never run as terminal sequences
        aliases = ", ".join(f"{clean(t)} ({n})" for t, n in x.aliases[:10])
        more = f" … +{len(x.aliases) - 10}" if len(x.aliases) > 10 else ""
        lines.append(f"{rank:>3}. {clean(x.name)} [{x.type}] {x.mentions} mentions in {x.articles} articles  id={x.id}")
        lines.append(f"     aliases: {aliases}{more}")
        for m in x.merges[:per_entity]:
            where = f" in {clean(m.article)}" if m.article else " (corpus-wide)"
            support = f" ×{m.support}" if m.support > 1 else ""
            lines.append(f"     · {m.rule}: {clean(m.a)!r} = {clean(m.b)!r}{where}{support}")
            if m.sentence:
                lines.append(f"         “{clean(m.sentence)}”")
        if len(x.merges) > per_entity:
            lines.append(f"     · … {len(x.merges) - per_entity} more merges")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="folder of articles")
    ap.add_argument("--top", type=int, default=30, help="entities to print (default 30)")
    ap.add_argument("--json", type=Path, metavar="OUT", help="also write every merged entity as JSON")
    ap.add_argument("--index", type=Path, metavar="DIR", help="index folder (default: the reader's)")
    ap.add_argument("--rule", help="print only the merges made by this rule, over all entities")
    args = ap.parse_args(argv)
    entities, figures = audit(args.corpus, args.index)
    if args.rule:
        shown = [x for x in entities if any(m.rule == args.rule for m in x.merges)]
        for x in shown:
            x.merges = [m for m in x.merges if m.rule == args.rule]
        print(render(shown, figures, args.top))
    else:
        print(render(entities, figures, args.top))
    if args.json:
        merged = [asdict(x) for x in entities if x.merges]
        args.json.write_text(json.dumps({"figures": figures, "entities": merged}, ensure_ascii=False, indent=1))
        print(f"\n{len(merged)} merged entities written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
