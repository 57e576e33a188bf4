"""The `date` column, read once per segment.

Sorting by date and `date:` filters need the date of many documents at a
time: up to every match of a query. Read one document at a time through
Whoosh's column reader that is a seek and an unpack each (~3 µs, 9 ms for
10k articles per keystroke); read in one piece per segment and kept under
the segment's id (a segment never changes), it costs nothing after the
first search.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from index.engine import NO_VALUE, numeric_column
from index.query.segment_cache import SegmentCache

if TYPE_CHECKING:
    import numpy as np

FIELD = "date"

_VALUES: SegmentCache[list[int]] = SegmentCache(16)
_KEYS: SegmentCache[list[float]] = SegmentCache(16)
_JOINED: dict[tuple[Any, ...], list[float]] = {}
_ARRAYS: dict[int, tuple[Sequence[float], np.ndarray]] = {}
_JOINED_LOCK = threading.Lock()
_NO_DATE = float("-inf")


def has_dates(reader: Any) -> bool:
    return FIELD in reader.schema and reader.has_column(FIELD)


def date_values(leaf: Any) -> list[int]:
    """The raw date value (`translate=False`) of every document of one
    segment reader; NO_VALUE or above for no date."""
    return _VALUES.get(leaf, (FIELD,), lambda: numeric_column(leaf, FIELD))


def _segment_keys(leaf: Any) -> list[float]:
    def compute() -> list[float]:
        if not has_dates(leaf):
            return [-_NO_DATE] * leaf.doc_count_all()
        return [-float(v) if v < NO_VALUE else -_NO_DATE for v in date_values(leaf)]

    return _KEYS.get(leaf, ("newest-first",), compute)


def newest_first(searcher: Any) -> Sequence[float]:
    """Per global docnum of `searcher`, minus the date's sortable value; +inf
    for an article without a date, so ascending order is newest first with
    undated articles last."""
    leaves = searcher.leaf_searchers()
    if len(leaves) == 1:
        return _segment_keys(leaves[0][0].reader())
    parts = [_segment_keys(sub.reader()) for sub, _ in leaves]
    try:
        ident = tuple(sub.reader().segment().segment_id() for sub, _ in leaves)
    except AttributeError:
        return [k for part in parts for k in part]
    with _JOINED_LOCK:
        found = _JOINED.get(ident)
        if found is None:
            if len(_JOINED) >= 4:
                _JOINED.clear()
            found = _JOINED[ident] = [k for part in parts for k in part]
    return found


def newest_first_array(searcher: Any) -> np.ndarray:
    """`newest_first` as a numpy array (kept while the list is the same)."""
    import numpy as np

    keys = newest_first(searcher)
    with _JOINED_LOCK:
        found = _ARRAYS.get(id(keys))
        if found is None or found[0] is not keys:
            if len(_ARRAYS) >= 4:
                _ARRAYS.clear()
            found = _ARRAYS[id(keys)] = (keys, np.array(keys, dtype=np.float64))
    return found[1]
