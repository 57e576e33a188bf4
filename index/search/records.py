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
from bisect import bisect_right
from typing import Any

from index.query.segment_cache import SegmentCache

RECORDS = 512
"""Records kept (~3 MB of German news): about twenty first pages."""

_KEPT: SegmentCache[dict[str, Any]] = SegmentCache(RECORDS)


def stored_record(searcher: Any, docnum: int) -> dict[str, Any]:
    """The parsed `record` field of global document `docnum` (do not change it:
    it is shared with later calls)."""

    def parse() -> dict[str, Any]:
        record: dict[str, Any] = json.loads(searcher.stored_fields(docnum)["record"])
        return record

    try:
        leaves = searcher.leaf_searchers()
        sub, offset = leaves[bisect_right([o for _, o in leaves], docnum) - 1]
    except (AttributeError, IndexError):  # no plain segment reader: not kept
        return parse()
    return _KEPT.get(sub.reader(), ("record", docnum - offset), parse)


def clear() -> None:
    _KEPT.clear()
