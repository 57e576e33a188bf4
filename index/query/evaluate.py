"""Evaluate a rewritten query to {docnum: score} in one pass over the postings.

Whoosh scores by walking trees of matchers doc by doc in Python, and then
needs a second walk to count the matches (its top-N collector skips blocks).
At 10k articles that was 10-40 ms per query. Here every leaf reads its
postings block-wise, scores them with BM25F (per-field length normalization,
field boosts from index/query/parse.py) and the tree combines plain dicts: And
intersects, Or adds, Not removes. The count is len() of the result.

Phrases are checked on the documents holding all their words, with
positions read from the postings of those documents only.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq

from index.query.expand import _LeafQuery
from index.query.scoring import bm25_array, idf

Scores = dict[int, float]


def evaluate(searcher: Any, q: wq.Query) -> Scores:
    """Global docnum -> score for every document `q` matches."""
    out: Scores = {}
    for sub, offset in searcher.leaf_searchers():
        part = _eval(_Leaf(sub), searcher, q)
        if offset:
            part = {d + offset: s for d, s in part.items()}
        out.update(part)
    return out


class _Leaf:
    """One segment: its reader (for postings) and searcher (for fallbacks)."""

    __slots__ = ("reader", "searcher")

    def __init__(self, sub: Any) -> None:
        self.searcher = sub
        self.reader = sub.reader()


def _eval(seg: _Leaf, searcher: Any, q: wq.Query) -> Scores:
    leaf = seg.reader
    if isinstance(q, wq.Term):
        return _term(leaf, searcher, q.fieldname, q.text, q.boost)
    if isinstance(q, _LeafQuery):
        ids, scores = q.scores(leaf, searcher)
        return dict(zip(ids, scores, strict=True))
    if isinstance(q, wq.Or):
        out: Scores = {}
        for sub in q.subqueries:
            for d, s in _eval(seg, searcher, sub).items():
                out[d] = out.get(d, 0.0) + s
        return out
    if isinstance(q, wq.And):
        nots = [s.query for s in q.subqueries if isinstance(s, wq.Not)]
        subs = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        # Smallest first: later ones only add to documents still in play.
        parts = sorted((_eval(seg, searcher, s) for s in subs), key=len) if subs else [_every(leaf)]
        out = dict(parts[0])
        for part in parts[1:]:
            out = {d: s + part[d] for d, s in out.items() if d in part}
        for sub in nots:
            if out:
                excluded = _eval(seg, searcher, sub)
                out = {d: s for d, s in out.items() if d not in excluded}
        return out
    if isinstance(q, wq.AndMaybe):  # documents of a; b's score added where it matches too
        optional = _eval(seg, searcher, q.b)
        return {d: s + optional.get(d, 0.0) for d, s in _eval(seg, searcher, q.a).items()}
    if isinstance(q, wq.AndNot):
        excluded = _eval(seg, searcher, q.b)
        return {d: s for d, s in _eval(seg, searcher, q.a).items() if d not in excluded}
    if isinstance(q, wq.Not):
        excluded = _eval(seg, searcher, q.query)
        return {d: s for d, s in _every(leaf).items() if d not in excluded}
    if isinstance(q, wq.Every):
        return _every(leaf)
    if q is wq.NullQuery:
        return {}
    if isinstance(q, wq.Phrase):
        return _phrase(leaf, searcher, q)
    return _fallback(seg, q)


def _every(leaf: Any) -> Scores:
    return dict.fromkeys(leaf.all_doc_ids(), 0.0)


def _term(leaf: Any, searcher: Any, fieldname: str, text: str, boost: float) -> Scores:
    if fieldname not in leaf.schema:  # an index from an older schema
        return {}
    df = searcher.doc_frequency(fieldname, text)  # index-wide, like Whoosh
    if not df:
        return {}
    weight = idf(searcher.doc_count_all(), df) * boost
    avg = searcher.avg_field_length(fieldname, 1.0) or 1.0
    from index.query import postings  # here: numpy is loaded by the first search

    ids, tf = postings.term_postings(leaf, fieldname, text)
    if not len(ids):
        return {}
    scores = bm25_array(tf, weight, postings.lengths(leaf, fieldname)[ids], avg)
    return dict(zip(ids.tolist(), scores.tolist(), strict=True))


def _phrase(leaf: Any, searcher: Any, q: wq.Phrase) -> Scores:
    """Documents with the words at consecutive positions (within q.slop)."""
    words = list(q.words)
    if not words:
        return {}
    parts = [_term(leaf, searcher, q.fieldname, w, q.boost) for w in words]
    candidates = set(parts[0])
    for part in parts[1:]:
        candidates &= part.keys()
    if not candidates or len(words) == 1:
        return {d: parts[0][d] for d in candidates}
    positions = [_positions(leaf, q.fieldname, w, candidates) for w in words]
    out: Scores = {}
    for d in candidates:
        current = set(positions[0].get(d, ()))
        for pos in positions[1:]:
            # Whoosh's slop: each word within `slop` positions after the last.
            current = {p for p in pos.get(d, ()) if any(0 < p - c <= q.slop for c in current)}
            if not current:
                break
        if current:
            out[d] = sum(part[d] for part in parts)
    return out


def _positions(leaf: Any, fieldname: str, text: str, docs: set[int]) -> dict[int, list[int]]:
    m = leaf.postings(fieldname, text)
    out: dict[int, list[int]] = {}
    for d in sorted(docs):
        if not m.is_active():
            break
        m.skip_to(d)
        if m.is_active() and m.id() == d:
            out[d] = list(m.value_as("positions"))
    return out


def _fallback(seg: _Leaf, q: wq.Query) -> Scores:
    """Anything else through Whoosh itself, on this segment only."""
    leaf = seg.reader
    m = q.matcher(seg.searcher)
    out: Scores = {}
    while m.is_active():
        d = m.id()
        if not leaf.is_deleted(d):
            out[d] = m.score()
        m.next()
    return out
