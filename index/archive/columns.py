"""Per-document entity and date columns, built once per index state.

Counting a query's whole hit set must not read stored fields per hit (10k
hits would take seconds), so every article's facts are read once per segment
(index/archive/source.py) and turned into numpy arrays: the entity ids of all
documents in one flat array with per-document offsets, dates as day and month
numbers. A hit set is then a boolean mask, and its counts one `bincount`.

Entity ids are grouped by kind and sorted by name within a kind, so "most
articles first, then alphabetical" is a numeric sort. Each entity is counted
under its archive-wide identity (index/archive/canonical.py: "Kerry" and
"John Kerry" are one person), resolved once per distinct name.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from index.archive.canonical import Identities, resolve
from index.archive.facts import DocFacts
from index.archive.parts import NAME_KINDS, PlaceInfo, SegmentParts, segment_parts

KINDS = ("person", "place", "org", "source", "year")
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass
class Columns:
    """Everything counted, by docnum. Read-only once built."""

    facts: Sequence[DocFacts | None]
    """By docnum; None for deleted documents (read on first use: `LiveFacts`)."""
    live: BoolArray
    flat: IntArray
    """Entity ids of all documents, each once per document."""
    offsets: IntArray
    """Document d's ids are flat[offsets[d]:offsets[d+1]]."""
    days: IntArray
    """Date ordinal (first day covered), -1 when undated."""
    months: IntArray
    """year*12 + month-1 of the date, -1 when undated."""
    ranks: IntArray
    """Date precision: 0 day, 1 month, 2 year (index/archive/timeline.py)."""
    kind: list[str]
    key: list[str]
    name: list[str]
    ranges: dict[str, tuple[int, int]]
    """Entity ids of each kind: range(lo, hi)."""
    ids: dict[str, int]
    """Identity key -> entity id."""
    place: dict[int, PlaceInfo]
    codes: list[str]
    """ISO alpha-2 codes, indexed by `cc_flat`."""
    cc_flat: IntArray
    cc_offsets: IntArray
    totals: IntArray
    """Entity counts over all live documents."""
    located: BoolArray
    """By entity id: a place with usable coordinates."""
    identities: dict[str, Identities]
    """Per kind: every name as written -> identity key, shown name, aliases."""

    @property
    def lengths(self) -> IntArray:
        return np.diff(self.offsets)

    @property
    def live_docs(self) -> list[int]:
        return [int(d) for d in np.flatnonzero(self.live)]

    def entity_id(self, kind: str, name: str) -> int | None:
        """The id of `name` (as written or as shown) under its identity."""
        if kind == "year":
            return self.ids.get(f"year:{name}")
        identities = self.identities.get(kind)
        return self.ids.get(identities.key(name)) if identities else None

    def aliases(self, eid: int) -> tuple[str, ...]:
        """The other names the archive uses for entity `eid`."""
        identities = self.identities.get(self.kind[eid])
        return identities.aliases.get(self.key[eid], ()) if identities else ()

    def mask(self, docnums: Iterable[int]) -> BoolArray:
        m = np.zeros(len(self.facts), dtype=bool)
        idx = np.fromiter(docnums, dtype=np.int64)
        if idx.size:
            m[idx] = True
        return m & self.live

    def docs_of(self, eid: int) -> BoolArray:
        """Mask of the documents naming entity `eid`."""
        hit = self.flat == eid
        owners = np.repeat(np.arange(len(self.facts)), self.lengths)[hit]
        m = np.zeros(len(self.facts), dtype=bool)
        m[owners] = True
        return m & self.live

    def counts(self, mask: BoolArray) -> IntArray:
        """Articles per entity id among the masked documents."""
        picked = self.flat[np.repeat(mask, self.lengths)]
        return np.bincount(picked, minlength=len(self.key))

    def country_counts(self, mask: BoolArray) -> dict[str, int]:
        picked = self.cc_flat[np.repeat(mask, np.diff(self.cc_offsets))]
        counts = np.bincount(picked, minlength=len(self.codes))
        nz = np.flatnonzero(counts)
        return dict(zip([self.codes[i] for i in nz.tolist()], counts[nz].tolist(), strict=True))


IDENTITY_KINDS = NAME_KINDS


def _names_of(f: DocFacts) -> dict[str, tuple[str, ...]]:
    return {
        "person": f.people,
        "place": tuple(p[0] for p in f.places),
        "org": f.orgs,
        "source": (f.source,) if f.source else (),
    }


def archive_identities(facts: Sequence[DocFacts | None]) -> dict[str, Identities]:
    """One identity per entity across these articles (index/archive/canonical.py),
    from how many articles use each name as written."""
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in IDENTITY_KINDS}
    for f in facts:
        if f is not None:
            for kind, names in _names_of(f).items():
                counts[kind].update(set(names))
    return {kind: resolve(kind, counts[kind]) for kind in IDENTITY_KINDS}


def build_columns(facts: Sequence[DocFacts | None]) -> Columns:
    """Columns over documents 0..len(facts)-1 (None: deleted)."""
    return assemble([Segment(0, segment_parts(facts))], lambda: list(facts))


class LiveFacts(Sequence[DocFacts | None]):
    """The facts by docnum, deleted documents as None, read on first access
    by `load` (a list by docnum; a short one, e.g. a segment whose facts
    file is gone, reads as unknown articles)."""

    def __init__(self, live: BoolArray, load: Callable[[], list[DocFacts | None]]) -> None:
        self._live = live
        self._load = load
        self._items: list[DocFacts | None] | None = None

    def _all(self) -> list[DocFacts | None]:
        if self._items is None:
            n = len(self)
            items = (self._load() + [None] * n)[:n]
            self._items = [
                f if alive else None for f, alive in zip(items, self._live.tolist(), strict=True)
            ]
        return self._items

    def __len__(self) -> int:
        return int(self._live.shape[0])

    @overload
    def __getitem__(self, i: int) -> DocFacts | None: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[DocFacts | None]: ...
    def __getitem__(self, i: int | slice) -> Any:
        return self._all()[i]

    def __iter__(self) -> Iterator[DocFacts | None]:
        return iter(self._all())


@dataclass
class Segment:
    """One segment's parts at its place in the index."""

    offset: int
    """Docnum of its first document."""
    parts: SegmentParts
    deleted: BoolArray | None = None
    """By local docnum; None when nothing is deleted."""


def assemble(
    segments: Sequence[Segment], load_facts: Callable[[], list[DocFacts | None]]
) -> Columns:
    """The columns of the documents of `segments` from their parts, with
    array operations only; `load_facts` gives the facts by docnum when an
    article's title or date is first needed (index/archive/source.py)."""
    n = max((seg.offset + len(seg.parts) for seg in segments), default=0)
    live = np.zeros(n, dtype=bool)
    days = np.full(n, -1, dtype=np.int64)
    months = np.full(n, -1, dtype=np.int64)
    years = np.full(n, -1, dtype=np.int64)
    ranks = np.full(n, 2, dtype=np.int64)
    gid: dict[tuple[str, str], int] = {}
    code_gid: dict[str, int] = {}
    flats, docs, r_names, r_docs, r_codes, r_located, r_infos = [], [], [], [], [], [], []
    infos: list[PlaceInfo] = []
    for seg in segments:
        p, lo = seg.parts, seg.offset
        hi = lo + len(p)
        alive = p.valid if seg.deleted is None else p.valid & ~seg.deleted
        live[lo:hi] = alive
        days[lo:hi] = np.where(alive, p.days, -1)
        months[lo:hi] = np.where(alive, p.months, -1)
        years[lo:hi] = np.where(alive, p.years, -1)
        ranks[lo:hi] = np.where(alive, p.ranks, 2)
        to_g = np.array([gid.setdefault(k, len(gid)) for k in p.names], dtype=np.int64)
        code_to_g = np.array([code_gid.setdefault(c, len(code_gid)) for c in p.codes] + [-1])
        flats.append(to_g[p.name_flat] if p.name_flat.size else p.name_flat)
        docs.append(lo + np.repeat(np.arange(len(p), dtype=np.int64), np.diff(p.name_offsets)))
        r_names.append(to_g[p.rec_name] if p.rec_name.size else p.rec_name)
        r_docs.append(lo + p.rec_doc)
        r_codes.append(code_to_g[p.rec_code])  # -1 stays -1 (the last entry)
        r_located.append(p.rec_located)
        r_infos.append(len(infos) + p.rec_info)
        infos.extend(p.infos)
    empty = np.zeros(0, dtype=np.int64)
    gflat, gdoc = np.concatenate([empty, *flats]), np.concatenate([empty, *docs])
    keep = live[gdoc]
    gflat, gdoc = gflat[keep], gdoc[keep]
    names = list(gid)
    counts = np.bincount(gflat, minlength=len(names))

    # One identity per entity (index/archive/canonical.py), from the number of
    # live articles using each name as written.
    used = np.flatnonzero(counts).tolist()
    per_kind: dict[str, dict[str, int]] = {kind: {} for kind in IDENTITY_KINDS}
    for g in used:
        kind, name = names[g]
        per_kind[kind][name] = int(counts[g])
    identities = {kind: resolve(kind, per_kind[kind]) for kind in IDENTITY_KINDS}
    key_of_g: dict[int, str] = {}
    shown: dict[str, str] = {}
    kind_of: dict[str, str] = {}
    unnamed: dict[str, list[int]] = {}
    for g in used:
        kind, name = names[g]
        ids_ = identities[kind]
        key = ids_.key_of.get(name) or ids_.key(name)
        key_of_g[g] = key
        if key not in kind_of:
            kind_of[key] = kind
            if key in ids_.shown:
                shown[key] = ids_.shown[key]
        if key not in shown:
            unnamed.setdefault(key, []).append(g)
    for key, gs in unnamed.items():  # no identity names it (an empty name): the first one used
        at = np.flatnonzero(np.isin(gflat, gs))[0]
        shown[key] = names[int(gflat[at])][1]
    year_list = np.unique(years[years >= 0]).tolist()
    for year in year_list:
        key = f"year:{year:04d}"
        kind_of[key] = "year"
        shown[key] = f"{year:04d}"

    kind_list: list[str] = []
    key_list: list[str] = []
    ranges: dict[str, tuple[int, int]] = {}
    for kind in KINDS:
        lo = len(key_list)
        mine = [k for k, kd in kind_of.items() if kd == kind]
        mine.sort(key=lambda k: (shown[k].casefold(), k))
        key_list.extend(mine)
        kind_list.extend([kind] * len(mine))
        ranges[kind] = (lo, len(key_list))
    ids = {k: i for i, k in enumerate(key_list)}
    n_ent = len(key_list)

    # Each document's entity ids, each once (two names of one entity count once).
    eid_of_g = np.full(len(names) + 1, -1, dtype=np.int64)
    for g, key in key_of_g.items():
        eid_of_g[g] = ids[key]
    year_eid = np.full((max(year_list) + 1) if year_list else 1, -1, dtype=np.int64)
    for year in year_list:
        year_eid[year] = ids[f"year:{year:04d}"]
    dated = np.flatnonzero(years >= 0)
    pair_doc = np.concatenate([gdoc, dated])
    pair_eid = np.concatenate([eid_of_g[gflat], year_eid[years[dated]]])
    flat, offsets = _per_doc(pair_doc, pair_eid, n, max(n_ent, 1))

    # Places: per entity, the first record with coordinates, else the first one.
    rdoc = np.concatenate([empty, *r_docs])
    rsel = np.flatnonzero(live[rdoc]) if rdoc.size else empty
    rname = np.concatenate([empty, *r_names])
    place: dict[int, PlaceInfo] = {}
    located_rec = np.concatenate([np.zeros(0, dtype=bool), *r_located])
    rinfo = np.concatenate([empty, *r_infos])
    for subset in (rsel, rsel[located_rec[rsel]]):
        if subset.size:
            uniq, first = np.unique(eid_of_g[rname[subset]], return_index=True)
            for eid, at in zip(uniq.tolist(), rinfo[subset[first]].tolist(), strict=True):
                place[eid] = infos[at]

    # Country codes in the order they first occur, each once per document.
    rcode = np.concatenate([empty, *r_codes])[rsel]
    coded = rcode >= 0
    code_names = list(code_gid)
    codes: list[str] = []
    cc_flat, cc_offsets = empty, np.zeros(n + 1, dtype=np.int64)
    if coded.any():
        uniq, first = np.unique(rcode[coded], return_index=True)
        order = uniq[np.argsort(first, kind="stable")]
        rank = np.full(len(code_names), -1, dtype=np.int64)
        rank[order] = np.arange(order.size)
        codes = [code_names[c] for c in order.tolist()]
        cc_flat, cc_offsets = _per_doc(rdoc[rsel][coded], rank[rcode[coded]], n, len(codes))

    cols = Columns(
        facts=LiveFacts(live, load_facts),
        live=live,
        flat=flat,
        offsets=offsets,
        days=days,
        months=months,
        ranks=ranks,
        kind=kind_list,
        key=key_list,
        name=[shown[k] for k in key_list],
        ranges=ranges,
        ids=ids,
        place=place,
        codes=codes,
        cc_flat=cc_flat,
        cc_offsets=cc_offsets,
        totals=np.zeros(n_ent, dtype=np.int64),
        located=np.zeros(n_ent, dtype=bool),
        identities=identities,
    )
    for eid, info in place.items():
        cols.located[eid] = info[2] is not None and info[3] is not None
    cols.totals = cols.counts(live)
    return cols


def _per_doc(doc: IntArray, value: IntArray, n: int, width: int) -> tuple[IntArray, IntArray]:
    """Flat values and offsets by document, each (document, value) once."""
    offsets = np.zeros(n + 1, dtype=np.int64)
    if not doc.size:
        return np.zeros(0, dtype=np.int64), offsets
    pairs = np.sort(doc * width + value)
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    np.cumsum(np.bincount(pairs // width, minlength=n), out=offsets[1:])
    return pairs % width, offsets


class ColumnCache:
    """Columns by index state (segment ids and deletion counts), plus each
    segment's facts and parts so a commit only lays out the new segment.
    Thread-safe."""

    def __init__(self, max_states: int = 2) -> None:
        self.lock = threading.Lock()
        self._facts: dict[str, list[DocFacts | None]] = {}
        self._parts: dict[str, SegmentParts] = {}
        self._states: dict[tuple[object, ...], Columns] = {}
        self._max = max_states

    def get(self, state: tuple[object, ...]) -> Columns | None:
        with self.lock:
            return self._states.get(state)

    def segment_facts(self, segment_id: str, count: int) -> list[DocFacts | None] | None:
        with self.lock:
            facts = self._facts.get(segment_id)
        return facts if facts is not None and len(facts) == count else None

    def segment_parts(self, segment_id: str, count: int) -> SegmentParts | None:
        with self.lock:
            parts = self._parts.get(segment_id)
        return parts if parts is not None and len(parts) == count else None

    def keep_parts(self, segment_id: str, parts: SegmentParts) -> None:
        with self.lock:
            self._parts[segment_id] = parts

    def put(
        self,
        state: tuple[object, ...],
        columns: Columns,
        facts: dict[str, list[DocFacts | None]] | None = None,
    ) -> None:
        """Keep `columns` for `state`, and the `facts` read for it; what
        belongs to segments no longer in `state` is dropped."""
        current = {str(part[0]) for part in state if isinstance(part, tuple)}
        with self.lock:
            self._facts = {
                sid: f for sid, f in {**self._facts, **(facts or {})}.items() if sid in current
            }
            self._parts = {sid: p for sid, p in self._parts.items() if sid in current}
            self._states[state] = columns
            while len(self._states) > self._max:
                self._states.pop(next(iter(self._states)))
