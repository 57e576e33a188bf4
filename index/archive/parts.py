"""What the archive's columns need of one segment, as arrays.

A Whoosh segment never changes once written (only its deletions do), so the
names, place records and dates of its documents are laid out once
(`segment_parts`, one pass in Python over its facts) and kept; the columns of
an index state are then assembled from its segments' parts with array
operations only (index/archive/columns.py). An update that adds one small
segment to a 100,000-article archive lays out that segment alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from index.archive.facts import DocFacts, day_number
from index.archive.timeline import precision_rank

PlaceInfo = tuple[str | None, str | None, float | None, float | None]
"""(place kind, ISO alpha-2, lat, lon)."""

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
NAME_KINDS = ("person", "place", "org", "source")


@dataclass
class SegmentParts:
    """One segment's documents (deleted ones included), by local docnum."""

    names: list[tuple[str, str]]
    """Local name id -> (kind, the name as written)."""
    name_flat: IntArray
    """Each document's local name ids, each (kind, name) once per document."""
    name_offsets: IntArray
    """Document d's names are name_flat[name_offsets[d]:name_offsets[d+1]]."""
    valid: BoolArray
    """The document's facts could be read."""
    days: IntArray
    """Date ordinal, -1 when undated."""
    months: IntArray
    """year*12 + month-1, -1 when undated."""
    years: IntArray
    """The date's year, -1 when undated."""
    ranks: IntArray
    """Date precision rank (index/archive/timeline.py)."""
    rec_name: IntArray
    """Place records in document order: the local name id of each ..."""
    rec_doc: IntArray
    """... its document ..."""
    rec_code: IntArray
    """... its ISO code as an index into `codes`, -1 when it has none ..."""
    rec_located: BoolArray
    """... whether it has coordinates ..."""
    rec_info: IntArray
    """... and what it says of the place, as an index into `infos`."""
    infos: list[PlaceInfo]
    """The distinct things the records say of places."""
    codes: list[str]

    def __len__(self) -> int:
        return int(self.valid.shape[0])


def segment_parts(facts: Sequence[DocFacts | None]) -> SegmentParts:
    """Lay out one segment's facts (None: unreadable)."""
    n = len(facts)
    name_ids: dict[tuple[str, str], int] = {}
    code_ids: dict[str, int] = {}
    flat: list[int] = []
    lengths = np.zeros(n, dtype=np.int64)
    valid = np.zeros(n, dtype=bool)
    days = np.full(n, -1, dtype=np.int64)
    months = np.full(n, -1, dtype=np.int64)
    years = np.full(n, -1, dtype=np.int64)
    ranks = np.full(n, 2, dtype=np.int64)
    rec_name: list[int] = []
    rec_doc: list[int] = []
    rec_code: list[int] = []
    info_ids: dict[PlaceInfo, int] = {}
    rec_info: list[int] = []

    def name_id(kind: str, name: str) -> int:
        return name_ids.setdefault((kind, name), len(name_ids))

    for d, f in enumerate(facts):
        if f is None:
            continue
        valid[d] = True
        mine: dict[int, None] = {}
        for person in f.people:
            mine[name_id("person", person)] = None
        for p in f.places:
            nid = name_id("place", p[0])
            mine[nid] = None
            rec_name.append(nid)
            rec_doc.append(d)
            rec_code.append(code_ids.setdefault(p[2], len(code_ids)) if p[2] else -1)
            rec_info.append(info_ids.setdefault((p[1], p[2], p[3], p[4]), len(info_ids)))
        for org in f.orgs:
            mine[name_id("org", org)] = None
        if f.source:
            mine[name_id("source", f.source)] = None
        flat.extend(mine)
        lengths[d] = len(mine)
        day = day_number(f.date)
        if day is not None and f.date:
            days[d] = day
            year = int(f.date[:4])
            years[d] = year
            month = int(f.date[5:7]) if len(f.date) >= 7 else 1
            months[d] = year * 12 + month - 1
        ranks[d] = precision_rank(f.date, f.precision)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return SegmentParts(
        names=list(name_ids),
        name_flat=np.array(flat, dtype=np.int64),
        name_offsets=offsets,
        valid=valid,
        days=days,
        months=months,
        years=years,
        ranks=ranks,
        rec_name=np.array(rec_name, dtype=np.int64),
        rec_doc=np.array(rec_doc, dtype=np.int64),
        rec_code=np.array(rec_code, dtype=np.int64),
        rec_located=np.array([info[2] is not None for info in info_ids], dtype=bool)[
            np.array(rec_info, dtype=np.int64)
        ]
        if rec_info
        else np.zeros(0, dtype=bool),
        rec_info=np.array(rec_info, dtype=np.int64),
        infos=list(info_ids),
        codes=list(code_ids),
    )


ARRAYS = (
    *("name_flat", "name_offsets", "valid", "days", "months", "years", "ranks"),
    *("rec_name", "rec_doc", "rec_code", "rec_located", "rec_info"),
)


def to_plain(parts: SegmentParts) -> tuple[object, ...]:
    """A marshal-able form of `parts`."""
    arrays = {
        name: (str(arr.dtype), int(arr.shape[0]), arr.tobytes())
        for name in ARRAYS
        for arr in (getattr(parts, name),)
    }
    return (arrays, parts.names, parts.infos, parts.codes)


def from_plain(data: tuple[object, ...]) -> SegmentParts:
    """The inverse of `to_plain` (raises on anything malformed)."""
    arrays, names, infos, codes = data
    assert isinstance(arrays, dict) and isinstance(names, list)
    assert isinstance(infos, list) and isinstance(codes, list)
    decoded = {
        name: np.frombuffer(raw, dtype=np.dtype(dtype), count=n).copy()
        for name, (dtype, n, raw) in arrays.items()
    }
    parts = SegmentParts(
        names=[(str(k), str(v)) for k, v in names],
        infos=[tuple(r) for r in infos],  # type: ignore[misc]
        codes=codes,
        **decoded,
    )
    n = len(parts)
    if parts.name_offsets.shape[0] != n + 1 or parts.rec_doc.shape[0] != parts.rec_info.shape[0]:
        raise ValueError("inconsistent segment parts")
    return parts
