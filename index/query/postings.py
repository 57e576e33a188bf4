"""Decoded postings of recently searched terms, kept per segment.

Reading a term's postings from a Whoosh segment means unpickling every block
with its positions (~100 µs a block of 128 postings), even when only document
numbers and frequencies are wanted. Search as you type asks for the same
terms keystroke after keystroke ("Re*", "Reg*" and "Regi*" share most of
their expansions), so the two arrays of a term (index/engine.py
`postings_arrays`) are kept under the segment's id, least recently used out
first, up to BUDGET postings in all (16 bytes each). A segment's postings
never change; its deletions do, so they are applied at every use.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np

from index.engine import field_lengths, postings_arrays
from index.query.segment_cache import SegmentCache

BUDGET = 2_000_000
"""Postings kept at most (~32 MB): the vocabulary of many keystrokes."""

_Arrays = tuple[np.ndarray, np.ndarray]


class _Cache:
    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._items: OrderedDict[tuple[Any, ...], _Arrays] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> _Arrays | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], value: _Arrays) -> None:
        n = len(value[0])
        if n > self.budget:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self.size += n
            while self.size > self.budget:
                _, (ids, _) = self._items.popitem(last=False)
                self.size -= len(ids)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.size = 0


_POSTINGS = _Cache(BUDGET)
_LENGTHS: SegmentCache[np.ndarray] = SegmentCache(64)


def _segment_id(leaf: Any) -> Any:
    try:
        return leaf.segment().segment_id()
    except AttributeError:  # not a plain segment reader: not cached
        return None


def term_postings(leaf: Any, fieldname: str, text: str) -> _Arrays:
    """(docnums, frequencies) of a term in one segment reader, deleted
    documents left out: what engine.leaf_postings yields, as arrays."""
    found = _raw(leaf, fieldname, text)
    ids, weights = found
    if len(ids) and leaf.has_deletions():
        deleted = getattr(leaf, "deleted_docs_set", None)
        if deleted is not None:
            keep = ~np.isin(ids, np.fromiter(deleted, dtype=np.int64))
        else:
            keep = np.array([not leaf.is_deleted(d) for d in ids.tolist()], dtype=bool)
        return ids[keep], weights[keep]
    return ids, weights


def raw_ids(leaf: Any, fieldname: str, text: str) -> np.ndarray:
    """The docnums of a term in one segment reader, deleted documents
    included (read and kept like `term_postings`)."""
    return _raw(leaf, fieldname, text)[0]


def _raw(leaf: Any, fieldname: str, text: str) -> _Arrays:
    segment = _segment_id(leaf)
    key = (segment, fieldname, text)
    found = _POSTINGS.get(key) if segment is not None else None
    if found is None:
        found = postings_arrays(leaf, fieldname, text)
        found[0].flags.writeable = False
        found[1].flags.writeable = False
        if segment is not None:
            _POSTINGS.put(key, found)
    return found


def lengths(leaf: Any, fieldname: str) -> np.ndarray:
    """Every document's length of `fieldname` in one segment (int32)."""
    return _LENGTHS.get(
        leaf, (fieldname,), lambda: np.array(field_lengths(leaf, fieldname), dtype=np.int32)
    )


def clear() -> None:
    _POSTINGS.clear()
    _LENGTHS.clear()
