"""Reading the archive's columns out of a Whoosh searcher.

The only module of index/archive that reads a searcher: it lists its
segments (index/engine.py gives their ids and doc offsets) and reads each
segment's stored records once, through Whoosh's public reader API. What it
read is kept beside the index as a hidden file per segment
(`.archive-<segment id>.facts`, marshal), which Whoosh and the index
fingerprint ignore, so the next process starts without reading records.
Segments are immutable, so such a file never goes stale; files of segments
that merged away are removed when new ones are written.
"""

from __future__ import annotations

import json
import logging
import marshal
import os
from pathlib import Path
from typing import Any

import numpy as np

from index.archive import snapshot
from index.archive.columns import ColumnCache, Columns, Segment, assemble
from index.archive.facts import DocFacts, facts_from_record
from index.archive.parts import segment_parts
from index.engine import segment_readers

log = logging.getLogger(__name__)

_CACHE = ColumnCache()
FACTS_FORMAT = 1
_PREFIX = ".archive-"
_SUFFIX = ".facts"


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


def _load(folder: Path | None, sid: str, count: int) -> list[DocFacts | None] | None:
    if folder is None:
        return None
    try:
        data = marshal.loads((folder / f"{_PREFIX}{sid}{_SUFFIX}").read_bytes())
        if data[0] != FACTS_FORMAT or len(data[1]) != count:
            return None
        return [DocFacts(*row) if row is not None else None for row in data[1]]
    except Exception:  # missing, partial or from another version: read again
        return None


def _save(folder: Path | None, sid: str, facts: list[DocFacts | None], keep: set[str]) -> None:
    if folder is None:
        return
    rows = [
        None
        if f is None
        else (f.id, f.title, f.date, f.precision, f.source, f.people, f.places, f.orgs)
        for f in facts
    ]
    target = folder / f"{_PREFIX}{sid}{_SUFFIX}"
    tmp = folder / f"{_PREFIX}{sid}.{os.getpid()}.tmp"
    try:
        tmp.write_bytes(marshal.dumps((FACTS_FORMAT, rows)))
        os.replace(tmp, target)
        for old in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
            if old.name[len(_PREFIX) : -len(_SUFFIX)] not in keep:
                old.unlink(missing_ok=True)
    except OSError:  # read-only or full cache folder: keep it in memory only
        tmp.unlink(missing_ok=True)


def columns_for(searcher: Any, folder: Path | None = None, cache: ColumnCache = _CACHE) -> Columns:
    """The columns of everything `searcher` sees (built once per index state);
    `folder`: the index folder, to keep each segment's facts and parts and
    the columns themselves (index/archive/snapshot.py) across processes."""
    readers = segment_readers(searcher)
    ids = {sid for _, _, sid in readers}
    state = tuple((sid, r.doc_count_all(), r.doc_count()) for r, _, sid in readers)
    found = cache.get(state)
    if found is not None:
        return found
    layout = [(sid, r.doc_count_all(), offset) for r, offset, sid in readers]
    if folder is not None:
        kept = snapshot.load(folder, state, lambda: _kept_facts(folder, layout, {}, cache))
        if kept is not None:
            cache.put(state, kept)
            return kept
    read: dict[str, list[DocFacts | None]] = {}
    segments: list[Segment] = []
    for reader, offset, sid in readers:
        count = reader.doc_count_all()
        parts = cache.segment_parts(sid, count)
        if parts is None and folder is not None:
            parts = snapshot.load_parts(folder, sid, count)
        if parts is None:
            seg = cache.segment_facts(sid, count) or _load(folder, sid, count)
            if seg is None:
                seg = _read_segment(reader)
                _save(folder, sid, seg, ids)
            read[sid] = seg
            parts = segment_parts(seg)
            if folder is not None:
                snapshot.save_parts(folder, sid, parts, ids)
        cache.keep_parts(sid, parts)
        deleted = None
        if reader.has_deletions():
            deleted = np.fromiter((reader.is_deleted(i) for i in range(count)), bool, count)
        segments.append(Segment(offset, parts, deleted))
    if folder is None:  # nothing on disk to read later: take them now
        now = _kept_facts(None, layout, read, cache)
        columns = assemble(segments, lambda: now)
    else:
        columns = assemble(segments, lambda: _kept_facts(folder, layout, read, cache))
    if folder is not None:
        snapshot.save(folder, state, columns)
    cache.put(state, columns, read)
    return columns


def _kept_facts(
    folder: Path | None,
    layout: list[tuple[str, int, int]],
    read: dict[str, list[DocFacts | None]],
    cache: ColumnCache,
) -> list[DocFacts | None]:
    """The facts by docnum: those `read` in this process, else from the
    per-segment files; a segment whose file is gone reads as unknown articles."""
    facts: list[DocFacts | None] = []
    for sid, count, offset in layout:
        if len(facts) < offset:
            facts.extend([None] * (offset - len(facts)))
        seg = read.get(sid) or cache.segment_facts(sid, count) or _load(folder, sid, count)
        if seg is None:
            log.warning("archive: facts of segment %s are gone", sid)
            seg = [None] * count
        facts.extend(seg)
    return facts
