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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from index.archive.canonical import Identities, resolve
from index.archive.facts import DocFacts, PlaceFact, day_number
from index.archive.timeline import precision_rank

PlaceInfo = tuple[str | None, str | None, float | None, float | None]
"""(place kind, ISO alpha-2, lat, lon)."""

KINDS = ("person", "place", "org", "source", "year")
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass
class Columns:
    """Everything counted, by docnum. Read-only once built."""

    facts: Sequence[DocFacts | None]
    """By docnum; None for deleted documents (read lazily when the columns
    come from index/archive/snapshot.py)."""
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


IDENTITY_KINDS = ("person", "place", "org", "source")


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
    identities = archive_identities(facts)
    kind_of: dict[str, str] = {}
    shown: dict[str, str] = {}
    place_seen: dict[str, PlaceInfo] = {}
    per_doc: list[list[str]] = []
    cc_names: dict[str, int] = {}
    cc_doc: list[list[int]] = []
    n = len(facts)
    days = np.full(n, -1, dtype=np.int64)
    months = np.full(n, -1, dtype=np.int64)
    ranks = np.full(n, 2, dtype=np.int64)
    live = np.zeros(n, dtype=bool)
    key_of = {kind: ids.key_of for kind, ids in identities.items()}

    def add(kind: str, name: str, found: dict[str, None]) -> str:
        key = key_of[kind].get(name) or identities[kind].key(name)
        if key not in kind_of:
            kind_of[key] = kind
            shown[key] = identities[kind].shown.get(key, name)
        found[key] = None
        return key

    for docnum, f in enumerate(facts):
        found: dict[str, None] = {}
        codes: dict[int, None] = {}
        if f is not None:
            live[docnum] = True
            for person in f.people:
                add("person", person, found)
            for p in f.places:
                _keep_place(place_seen, add("place", p[0], found), p)
                if p[2]:
                    codes[cc_names.setdefault(p[2], len(cc_names))] = None
            for org in f.orgs:
                add("org", org, found)
            if f.source:
                add("source", f.source, found)
            day = day_number(f.date)
            if day is not None and f.date:
                year = f.date[:4]
                key = f"year:{year}"
                kind_of.setdefault(key, "year")
                shown.setdefault(key, year)
                found[key] = None
                days[docnum] = day
                month = int(f.date[5:7]) if len(f.date) >= 7 else 1
                months[docnum] = int(year) * 12 + month - 1
            ranks[docnum] = precision_rank(f.date, f.precision)
        per_doc.append(list(found))
        cc_doc.append(list(codes))
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
    lengths = np.fromiter((len(keys_) for keys_ in per_doc), dtype=np.int64, count=n)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = np.fromiter((ids[k] for keys_ in per_doc for k in keys_), dtype=np.int64)
    cc_len = np.fromiter((len(c) for c in cc_doc), dtype=np.int64, count=n)
    cc_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(cc_len, out=cc_offsets[1:])
    cc_flat = np.fromiter((c for cs in cc_doc for c in cs), dtype=np.int64)
    cols = Columns(
        facts=list(facts),
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
        place={ids[k]: info for k, info in place_seen.items()},
        codes=sorted(cc_names, key=cc_names.__getitem__),
        cc_flat=cc_flat,
        cc_offsets=cc_offsets,
        totals=np.zeros(len(key_list), dtype=np.int64),
        located=np.zeros(len(key_list), dtype=bool),
        identities=identities,
    )
    for eid, info in cols.place.items():
        cols.located[eid] = info[2] is not None and info[3] is not None
    cols.totals = cols.counts(live)
    return cols


def _keep_place(seen: dict[str, PlaceInfo], key: str, p: PlaceFact) -> None:
    """The first record with coordinates wins; one without only fills a gap."""
    old = seen.get(key)
    if old is None or (old[2] is None and p[3] is not None):
        seen[key] = (p[1], p[2], p[3], p[4])


class ColumnCache:
    """Columns by index state (segment ids and deletion counts), plus each
    segment's facts so a commit only reads the new segment. Thread-safe."""

    def __init__(self, max_states: int = 2) -> None:
        self.lock = threading.Lock()
        self._segments: dict[str, list[DocFacts | None]] = {}
        self._states: dict[tuple[object, ...], Columns] = {}
        self._max = max_states

    def get(self, state: tuple[object, ...]) -> Columns | None:
        with self.lock:
            return self._states.get(state)

    def segment_facts(self, segment_id: str) -> list[DocFacts | None] | None:
        with self.lock:
            return self._segments.get(segment_id)

    def put(
        self,
        state: tuple[object, ...],
        columns: Columns,
        segments: dict[str, list[DocFacts | None]],
    ) -> None:
        with self.lock:
            self._segments = dict(segments)  # segments no longer listed are dropped
            self._states[state] = columns
            while len(self._states) > self._max:
                self._states.pop(next(iter(self._states)))
