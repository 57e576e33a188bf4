"""Evaluate a rewritten query to {docnum: score} in one pass over the postings.

Whoosh scores by walking trees of matchers doc by doc in Python, and then
needs a second walk to count the matches (its top-N collector skips blocks).
At 10k articles that was 10-40 ms per query. Here every leaf reads its
postings block-wise, scores them with BM25F (per-field length normalization,
field boosts from index/query/parse.py) and the tree combines them as numpy
arrays, per segment: (document numbers ascending, scores). Or adds, And
intersects, Not removes, each score summed in the same order as a walk of
the tree would (so the same floats); the count is the length of the result.
At 100k articles a keystroke's query matches tens of thousands of documents:
combining them one by one in Python dicts was most of its time.

Phrases are checked on the documents holding all their words, with
positions read from the postings of those documents only.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import query as wq

from index.engine import term_positions
from index.query import postings
from index.query.expand import ExpandedTerms, _LeafQuery
from index.query.scoring import bm25_array, idf
from index.query.segment_cache import SegmentCache

Scores = dict[int, float]
Part = tuple[np.ndarray, np.ndarray]
"""One segment's matches: document numbers (int64, ascending, distinct) and
their scores (float64)."""

_NO_IDS = np.zeros(0, dtype=np.int64)
_NO_SCORES = np.zeros(0, dtype=np.float64)
_EMPTY: Part = (_NO_IDS, _NO_SCORES)


def evaluate(searcher: Any, q: wq.Query) -> Scores:
    """Global docnum -> score for every document `q` matches."""
    out: Scores = {}
    for sub, offset in searcher.leaf_searchers():
        ids, scores = _eval(_Leaf(sub), searcher, q)
        if offset:
            ids = ids + offset
        out.update(zip(ids.tolist(), scores.tolist(), strict=True))
    return out


class _Leaf:
    """One segment: its reader (for postings) and searcher (for fallbacks)."""

    __slots__ = ("reader", "searcher")

    def __init__(self, sub: Any) -> None:
        self.searcher = sub
        self.reader = sub.reader()


def _part(ids: Any, scores: Any) -> Part:
    return np.asarray(ids, dtype=np.int64), np.asarray(scores, dtype=np.float64)


def _eval(seg: _Leaf, searcher: Any, q: wq.Query) -> Part:
    leaf = seg.reader
    if isinstance(q, wq.Term):
        return _term(leaf, searcher, q.fieldname, q.text, q.boost)
    if isinstance(q, ExpandedTerms):
        return q.score_arrays(leaf, searcher)
    if isinstance(q, _LeafQuery):
        return _part(*q.scores(leaf, searcher))
    if isinstance(q, wq.Or):
        return _union(leaf, [_eval(seg, searcher, sub) for sub in q.subqueries])
    if isinstance(q, wq.And):
        nots = [s.query for s in q.subqueries if isinstance(s, wq.Not)]
        subs = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        # Smallest first: later ones only add to documents still in play.
        parts = (
            sorted((_eval(seg, searcher, s) for s in subs), key=lambda p: len(p[0]))
            if subs
            else [_every(leaf)]
        )
        ids, scores = parts[0]
        for other_ids, other_scores in parts[1:]:
            ids, here, there = np.intersect1d(ids, other_ids, True, return_indices=True)
            scores = scores[here] + other_scores[there]
        for sub in nots:
            if len(ids):
                ids, scores = _without(ids, scores, _eval(seg, searcher, sub)[0])
        return ids, scores
    if isinstance(q, wq.AndMaybe):  # documents of a; b's score added where it matches too
        optional_ids, optional_scores = _eval(seg, searcher, q.b)
        ids, scores = _eval(seg, searcher, q.a)
        if not len(optional_ids) or not len(ids):
            return ids, scores
        where = np.minimum(np.searchsorted(optional_ids, ids), len(optional_ids) - 1)
        found = optional_ids[where] == ids
        return ids, scores + np.where(found, optional_scores[where], 0.0)
    if isinstance(q, wq.AndNot):
        excluded = _eval(seg, searcher, q.b)[0]
        return _without(*_eval(seg, searcher, q.a), excluded)
    if isinstance(q, wq.Not):
        excluded = _eval(seg, searcher, q.query)[0]
        return _without(*_every(leaf), excluded)
    if isinstance(q, wq.Every):
        return _every(leaf)
    if q is wq.NullQuery:
        return _EMPTY
    if isinstance(q, wq.Phrase):
        return _phrase(leaf, searcher, q)
    return _fallback(seg, q)


def _union(leaf: Any, parts: list[Part]) -> Part:
    """Every document of `parts`, its scores added in the order of `parts`
    (as a dict filled part by part would add them: 0.0 + a + b ...)."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return _EMPTY
    if len(parts) == 1:
        return parts[0]
    n = leaf.doc_count_all()
    total = np.zeros(n, dtype=np.float64)
    seen = np.zeros(n, dtype=bool)
    for ids, scores in parts:
        total[ids] += scores
        seen[ids] = True
    ids = np.flatnonzero(seen)
    return ids, total[ids]


def _without(ids: np.ndarray, scores: np.ndarray, excluded: np.ndarray) -> Part:
    if not len(excluded) or not len(ids):
        return ids, scores
    keep = ~np.isin(ids, excluded, assume_unique=True)
    return ids[keep], scores[keep]


def _every(leaf: Any) -> Part:
    ids = np.fromiter(leaf.all_doc_ids(), dtype=np.int64)
    return ids, np.zeros(len(ids), dtype=np.float64)


def _term(leaf: Any, searcher: Any, fieldname: str, text: str, boost: float) -> Part:
    if fieldname not in leaf.schema:  # an index from an older schema
        return _EMPTY
    df = searcher.doc_frequency(fieldname, text)  # index-wide, like Whoosh
    if not df:
        return _EMPTY
    weight = idf(searcher.doc_count_all(), df) * boost
    avg = searcher.avg_field_length(fieldname, 1.0) or 1.0
    ids, tf = postings.term_postings(leaf, fieldname, text)
    if not len(ids):
        return _EMPTY
    return ids, bm25_array(tf, weight, postings.lengths(leaf, fieldname)[ids], avg)


def _phrase(leaf: Any, searcher: Any, q: wq.Phrase) -> Part:
    """Documents with the words at consecutive positions (within q.slop)."""
    words = tuple(q.words)
    if not words:
        return _EMPTY
    parts = [_term(leaf, searcher, q.fieldname, w, q.boost) for w in words]
    candidates = parts[0][0]
    for ids, _ in parts[1:]:
        candidates = np.intersect1d(candidates, ids, True)
    if len(words) == 1:
        return parts[0]
    if not len(candidates):
        return _EMPTY
    # Where the words stand is a fact of the segment: kept, so the keystrokes
    # of a longer word that keep its phrase ("Mikl-Leitn", "Mikl-Leitne", ...)
    # read the positions once. Computed over every document holding all the
    # words, deleted ones too (deletions change without the segment's id).
    key = (q.fieldname, words, q.slop)
    found = _PHRASES.get(leaf, key, lambda: _phrase_hits(leaf, q.fieldname, words, q.slop))
    ids = np.intersect1d(candidates, found, True)
    if not len(ids):
        return _EMPTY
    scores = parts[0][1][np.searchsorted(parts[0][0], ids)]
    for part_ids, part_scores in parts[1:]:
        scores = scores + part_scores[np.searchsorted(part_ids, ids)]
    return ids, scores


_PHRASES: SegmentCache[np.ndarray] = SegmentCache(256)


def _phrase_hits(leaf: Any, fieldname: str, words: tuple[str, ...], slop: int) -> np.ndarray:
    """The documents of one segment (deleted ones included) holding `words`
    in order, each within `slop` positions after the one before (Whoosh's slop)."""
    candidates = postings.raw_ids(leaf, fieldname, words[0])
    for w in words[1:]:
        candidates = np.intersect1d(candidates, postings.raw_ids(leaf, fieldname, w), True)
    docs = candidates.tolist()
    positions = [term_positions(leaf, fieldname, w, docs) for w in words]
    found = []
    for d in docs:
        current = set(positions[0].get(d, ()))
        for pos in positions[1:]:
            current = {p for p in pos.get(d, ()) if any(0 < p - c <= slop for c in current)}
            if not current:
                break
        if current:
            found.append(d)
    return np.array(found, dtype=np.int64)


def _fallback(seg: _Leaf, q: wq.Query) -> Part:
    """Anything else through Whoosh itself, on this segment only."""
    leaf = seg.reader
    m = q.matcher(seg.searcher)
    ids: list[int] = []
    scores: list[float] = []
    while m.is_active():
        d = m.id()
        if not leaf.is_deleted(d):
            ids.append(d)
            scores.append(m.score())
        m.next()
    return _part(ids, scores)
