"""Reading the archive's columns out of a Whoosh searcher.

The only module of index/archive that touches Whoosh: it lists a searcher's
segments (ids, doc offsets, deletions) and reads each new segment's stored
records once.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from index.archive.columns import ColumnCache, Columns, build_columns
from index.archive.facts import DocFacts, facts_from_record

log = logging.getLogger(__name__)

_CACHE = ColumnCache()


def _segments(searcher: Any) -> list[tuple[Any, int]]:
    """(segment reader, docnum offset) of every segment the searcher reads."""
    reader = searcher.reader()
    if reader.is_atomic():
        return [(reader, 0)]
    return list(zip(reader.readers, reader.doc_offsets, strict=False))


def _segment_id(reader: Any) -> str:
    segment = getattr(reader, "segment", None)
    if callable(segment):
        return str(segment().segment_id())
    return f"anon-{id(reader)}"


def _read_segment(reader: Any) -> list[DocFacts | None]:
    facts: list[DocFacts | None] = []
    for docnum in range(reader.doc_count_all()):
        try:
            stored = reader.stored_fields(docnum)
            facts.append(facts_from_record(json.loads(stored["record"])))
        except Exception:  # a damaged record costs its article, not the view
            log.warning("archive: unreadable record %d", docnum)
            facts.append(None)
    return facts


def columns_for(searcher: Any, cache: ColumnCache = _CACHE) -> Columns:
    """The columns of everything `searcher` sees (built once per index state)."""
    parts = _segments(searcher)
    ids = [_segment_id(r) for r, _ in parts]
    state = tuple(
        (sid, r.doc_count_all(), r.doc_count()) for sid, (r, _) in zip(ids, parts, strict=True)
    )
    found = cache.get(state)
    if found is not None:
        return found
    segments: dict[str, list[DocFacts | None]] = {}
    facts: list[DocFacts | None] = []
    for sid, (reader, offset) in zip(ids, parts, strict=True):
        seg = cache.segment(sid)
        if seg is None or len(seg) != reader.doc_count_all():
            seg = _read_segment(reader)
        segments[sid] = seg
        if len(facts) < offset:
            facts.extend([None] * (offset - len(facts)))
        deleted = reader.is_deleted if reader.has_deletions() else None
        facts.extend(f if deleted is None or not deleted(i) else None for i, f in enumerate(seg))
    columns = build_columns(facts)
    cache.put(state, columns, segments)
    return columns
