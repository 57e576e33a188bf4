"""The stored records of recent hits, decoded once.

A hit's record is read from the segment's stored-fields column: decompressed,
unpickled and parsed from JSON (~170 µs for a 5 KB article). Search as you
type shows mostly the same articles keystroke after keystroke ("Re", "Reg",
"Regi" …), so the parsed record is kept under the segment's id and the
document's number in it (a segment's stored fields never change), the
RECORDS most recently shown.
"""

from __future__ import annotations

import json
import threading
from bisect import bisect_right
from collections import OrderedDict
from typing import Any

RECORDS = 512
"""Records kept (~3 MB of German news): about twenty first pages."""

_KEPT: OrderedDict[tuple[Any, int], dict[str, Any]] = OrderedDict()
_LOCK = threading.Lock()


def stored_record(searcher: Any, docnum: int) -> dict[str, Any]:
    """The parsed `record` field of global document `docnum` (do not change it:
    it is shared with later calls)."""
    key = _key(searcher, docnum)
    if key is not None:
        with _LOCK:
            found = _KEPT.get(key)
            if found is not None:
                _KEPT.move_to_end(key)
                return found
    record: dict[str, Any] = json.loads(searcher.stored_fields(docnum)["record"])
    if key is not None:
        with _LOCK:
            _KEPT[key] = record
            while len(_KEPT) > RECORDS:
                _KEPT.popitem(last=False)
    return record


def _key(searcher: Any, docnum: int) -> tuple[Any, int] | None:
    try:
        leaves = searcher.leaf_searchers()
        offsets = [offset for _, offset in leaves]
        i = bisect_right(offsets, docnum) - 1
        sub, offset = leaves[i]
        return sub.reader().segment().segment_id(), docnum - offset
    except (AttributeError, IndexError):  # no plain segment reader: not kept
        return None


def clear() -> None:
    with _LOCK:
        _KEPT.clear()
