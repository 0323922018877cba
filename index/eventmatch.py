"""Best matches of a bucket's reports, scored as sparse arrays.

:meth:`events.Matcher.best` scores one report against its candidates in Python; in a busy
bucket (a month in a large archive holds thousands of reports that share uncommon words) that
is millions of pairs. Here a bucket's reports are scored against every report of the
neighbouring buckets at once: shared stem weight is a sparse matrix product (scipy), the
shared entity a maximum filled per entity, and the best match per article a segmented maximum
over reports sorted by article.

The figures are the ones :func:`events._score` gives, bit for bit: a pair's shared weight is the
sum of the same squared stem weights in the same (sorted stem) order, as scipy accumulates a
row's products in the order of the row's columns; norms, square roots and the final sum are the
same IEEE operations. So the Python and the array paths pick the same best matches, ties included.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from . import events as ev
from .events import BestMatches

#: score pairs in row blocks of at most this many cells (a few dense float64 arrays of it)
BLOCK_CELLS = 1_000_000


def best_matches(targets: Sequence[ev.Event], pool: Sequence[ev.Event]) -> list[BestMatches]:
    """For each target, its best match in each of the other articles it matches most strongly
    among ``pool`` (which the caller makes the reports of the targets' neighbouring buckets):
    highest score, then earliest in corpus order; as :meth:`events.Matcher.best` gives."""
    if not targets or not pool:
        return [{} for _ in targets]
    pool = sorted(pool, key=ev.order_key)  # an article's reports side by side, earliest first
    stems = sorted({w for e in pool for w in e.weights} | {w for e in targets for w in e.weights})
    column = {w: i for i, w in enumerate(stems)}
    rare_columns = np.array([i for i, w in enumerate(stems) if ev.stem_weight(w) ** 2 >= ev.DISCRIMINATING_SQUARED],
                            dtype=np.int64)  # fmt: skip
    weights, has = _rows(targets, column, weighted=True), _rows(targets, column, weighted=False)
    present = _rows(pool, column, weighted=False).T.tocsr()  # stems x pool
    rare_present = present[rare_columns, :]
    norms_p = np.array([e.norm for e in pool])
    articles = [e.article for e in pool]
    starts = np.array([i for i, a in enumerate(articles) if i == 0 or articles[i - 1] != a])
    segment_of = {articles[s]: n for n, s in enumerate(starts)}
    segment = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(pool))))
    by_entity = _entity_columns(pool)
    step = max(1, BLOCK_CELLS // len(pool))
    out: list[BestMatches] = []
    for lo in range(0, len(targets), step):
        block, rows = targets[lo : lo + step], slice(lo, lo + step)
        shared = (weights[rows] @ present).toarray()
        rare = (has[rows][:, rare_columns] @ rare_present).toarray() > 0
        norms = np.sqrt(np.array([e.norm for e in block])[:, None] * norms_p[None, :])
        similarity = np.divide(shared, norms, out=np.zeros_like(shared), where=norms != 0)
        entity = _shared_entity(block, by_entity, len(pool))
        passes = rare & ((similarity >= ev.SAME_WORDING) |
                         ((entity >= ev.SHARED_ENTITY) & (similarity >= ev.SIMILAR_WITH_ENTITY)))  # fmt: skip
        own = segment[None, :] == np.array([segment_of.get(e.article, -1) for e in block])[:, None]
        score = np.where(passes & ~own, similarity + 0.1 * entity, 0.0)
        out += _best_per_article(len(block), pool, score, starts, [articles[s] for s in starts])
    return out


def _rows(events: Sequence[ev.Event], column: dict[str, int], weighted: bool) -> sparse.csr_matrix:
    """One row per event over the stems (columns in stem order): its squared stem weights, or 1."""
    indptr, indices, data = [0], [], []
    for e in events:
        stems = sorted(e.weights)
        indices += [column[w] for w in stems]
        data += [e.weights[w] for w in stems] if weighted else [1.0] * len(stems)
        indptr.append(len(indices))
    return sparse.csr_matrix((np.array(data, dtype=float), np.array(indices, dtype=np.int64), np.array(indptr)),
                             shape=(len(events), len(column)))  # fmt: skip


def _entity_columns(pool: Sequence[ev.Event]) -> list[tuple[float, str, np.ndarray]]:
    """(weight, entity, pool columns naming it), lightest first (a heavier shared entity overwrites)."""
    columns: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(pool):
        for x in e.entity_set:
            columns[x].append(i)
    return sorted((ev.entity_weight(x), x, np.array(cols)) for x, cols in columns.items())


def _shared_entity(block: Sequence[ev.Event], by_entity: list[tuple[float, str, np.ndarray]], width: int) -> np.ndarray:
    """The weight of the heaviest entity each block report shares with each pool report."""
    shared = np.zeros((len(block), width))
    rows: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(block):
        for x in e.entity_set:
            rows[x].append(i)
    for weight, x, cols in by_entity:
        if x in rows:
            shared[np.ix_(np.array(rows[x]), cols)] = weight
    return shared


def _best_per_article(
    rows: int, pool: Sequence[ev.Event], score: np.ndarray, starts: np.ndarray, article_of: list[str]
) -> list[BestMatches]:
    """Each row's best report in each of the articles it matches most strongly
    (:func:`events.strongest`): the segment's highest score, at its first column."""
    top = np.maximum.reduceat(score, starts, axis=1)
    columns = np.broadcast_to(np.arange(score.shape[1]), score.shape)
    segment_top = np.repeat(top, np.diff(np.append(starts, score.shape[1])), axis=1)
    at = np.where((score == segment_top) & (score > 0), columns, score.shape[1])
    first = np.minimum.reduceat(at, starts, axis=1)
    keep = min(ev.MAX_PARTNERS, top.shape[1])
    # the score of each row's keep-th strongest article: every article above it is kept, and of
    # those equal to it the first in article order (sorted below), as events.strongest does
    floor = -np.partition(-top, keep - 1, axis=1)[:, keep - 1]
    out = []
    for row in range(rows):
        hits = np.nonzero((top[row] >= floor[row]) & (top[row] > 0))[0]
        ranked = sorted(hits.tolist(), key=lambda s: (-top[row, s], s))[: ev.MAX_PARTNERS]
        out.append({article_of[s]: (float(top[row, s]), pool[int(first[row, s])]) for s in ranked})
    return out
