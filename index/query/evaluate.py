"""Evaluate a rewritten query to {docnum: score} in one pass over the postings.

Whoosh scores by walking trees of matchers doc by doc in Python, and then
needs a second walk to count the matches (its top-N collector skips blocks).
At 10k articles that was 10-40 ms per query. Here every leaf reads its
postings block-wise, scores them with BM25F (per-field length normalization,
field boosts from index/query.py) and the tree combines plain dicts: And
intersects, Or adds, Not removes. The count is len() of the result.

Phrases are checked on the documents holding all their words, with
positions read from the postings of those documents only.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

from index.query.expand import _LeafQuery, leaf_postings

K1 = 1.2
B = 0.75
_LENGTHS: OrderedDict[tuple[str, str], list[int]] = OrderedDict()
_LOCK = threading.Lock()
_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]

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


def _lengths(leaf: Any, fieldname: str) -> list[int]:
    """Per-document field lengths of one segment, cached by segment id."""
    try:
        key = (leaf.segment().segment_id(), fieldname)
    except AttributeError:
        key = None
    if key is not None:
        with _LOCK:
            if key in _LENGTHS:
                _LENGTHS.move_to_end(key)
                return _LENGTHS[key]
    n = leaf.doc_count_all()
    try:  # the length bytes in one read (private API of the pinned codec)
        column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        lengths = [_BYTE_TO_LENGTH[b] for b in column] if column is not None else [0] * n
    except Exception:
        lengths = [leaf.doc_field_length(d, fieldname, 0) for d in range(n)]
    if key is not None:
        with _LOCK:  # front ends search from worker threads
            _LENGTHS[key] = lengths
            while len(_LENGTHS) > 64:
                _LENGTHS.popitem(last=False)
    return lengths


def _term(leaf: Any, searcher: Any, fieldname: str, text: str, boost: float) -> Scores:
    if fieldname not in leaf.schema:  # an index from an older schema
        return {}
    df = searcher.doc_frequency(fieldname, text)  # index-wide, like Whoosh
    if not df:
        return {}
    n = searcher.doc_count_all()
    idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5)) * boost
    avg = searcher.avg_field_length(fieldname, 1.0) or 1.0
    lengths = _lengths(leaf, fieldname)
    norm = K1 * (1 - B)
    per_len = K1 * B / avg
    out: Scores = {}
    for d, tf in leaf_postings(leaf, fieldname, text):
        out[d] = idf * tf * (K1 + 1) / (tf + norm + per_len * lengths[d])
    return out


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
