"""Per-document entity and date columns, built once per index state.

Counting a query's whole hit set must not read stored fields per hit (10k
hits would take seconds), so every article's facts are read once per segment
and kept in memory; each entity gets an integer id under its identity key
(index/archive/identity.py). A searcher's columns are rebuilt from the cached
segments when a commit adds or deletes articles.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from index.archive.facts import DocFacts, PlaceFact, day_number
from index.archive.identity import entity_key
from index.archive.timeline import precision_rank

PlaceInfo = tuple[str | None, str | None, float | None, float | None]
"""(place kind, ISO alpha-2, lat, lon)."""


@dataclass
class Columns:
    """Everything counted, by docnum. Read-only once built."""

    facts: list[DocFacts | None]
    """By docnum; None for deleted documents."""
    live: list[int]
    ents: list[tuple[int, ...]]
    """Entity ids of each document, each once (people, places, orgs, source, year)."""
    days: list[int | None]
    """Date ordinal (first day covered), None when undated."""
    months: list[int | None] = field(default_factory=list)
    """year*12 + month-1 of the date, None when undated."""
    ranks: list[int] = field(default_factory=list)
    """Date precision: 0 day, 1 month, 2 year (index/archive/timeline.py)."""
    kind: list[str] = field(default_factory=list)
    key: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    place: dict[int, PlaceInfo] = field(default_factory=dict)
    countries: list[tuple[str, ...]] = field(default_factory=list)
    """ISO alpha-2 codes each document's places lie in (each once)."""
    ids: dict[str, int] = field(default_factory=dict)
    """Identity key -> entity id."""
    totals: Counter[int] = field(default_factory=Counter)
    """Entity counts over all live documents (for counting big hit sets by complement)."""

    def entity_id(self, kind: str, name: str) -> int | None:
        return (
            self.ids.get(entity_key(kind, name)) if kind != "year" else self.ids.get(f"year:{name}")
        )


def build_columns(facts: Sequence[DocFacts | None]) -> Columns:
    """Columns over documents 0..len(facts)-1 (None: deleted)."""
    cols = Columns(list(facts), [], [], [])
    names: dict[int, Counter[str]] = {}
    place_seen: dict[int, PlaceInfo] = {}

    def intern(kind: str, key: str, shown: str) -> int:
        eid = cols.ids.get(key)
        if eid is None:
            eid = cols.ids[key] = len(cols.key)
            cols.kind.append(kind)
            cols.key.append(key)
            names[eid] = Counter()
        names[eid][shown] += 1
        return eid

    for docnum, f in enumerate(facts):
        if f is None:
            cols.ents.append(())
            cols.days.append(None)
            cols.countries.append(())
            cols.months.append(None)
            cols.ranks.append(2)
            continue
        cols.live.append(docnum)
        ids: dict[int, None] = {}
        for person in f.people:
            ids[intern("person", entity_key("person", person), person)] = None
        codes: dict[str, None] = {}
        for p in f.places:
            eid = intern("place", entity_key("place", p[0]), p[0])
            ids[eid] = None
            _keep_place(place_seen, eid, p)
            if p[2]:
                codes[p[2]] = None
        for org in f.orgs:
            ids[intern("org", entity_key("org", org), org)] = None
        if f.source:
            ids[intern("source", entity_key("source", f.source), f.source)] = None
        day = day_number(f.date)
        if day is not None and f.date:
            year = f.date[:4]
            ids[intern("year", f"year:{year}", year)] = None
        cols.ents.append(tuple(ids))
        cols.days.append(day)
        cols.countries.append(tuple(codes))
        cols.months.append(_month(f.date) if day is not None else None)
        cols.ranks.append(precision_rank(f.date, f.precision))
    # The name most articles use; ties: the longer (fuller) one, then alphabetical.
    cols.name = [
        min(names[eid].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]
        for eid in range(len(cols.key))
    ]
    cols.place = place_seen
    cols.totals = count_entities(cols, cols.live)
    return cols


def _month(iso: str | None) -> int | None:
    if not iso:
        return None
    month = int(iso[5:7]) if len(iso) >= 7 else 1
    return int(iso[:4]) * 12 + month - 1


def _keep_place(seen: dict[int, PlaceInfo], eid: int, p: PlaceFact) -> None:
    """The first record with coordinates wins; one without only fills a gap."""
    old = seen.get(eid)
    if old is None or (old[2] is None and p[3] is not None):
        seen[eid] = (p[1], p[2], p[3], p[4])


def count_entities(cols: Columns, docnums: Iterable[int]) -> Counter[int]:
    ents = cols.ents
    counter: Counter[int] = Counter()
    for d in docnums:
        counter.update(ents[d])
    return counter


class ColumnCache:
    """Columns by index state (segment ids and deletion counts), plus each
    segment's facts so a commit only reads the new segment. Thread-safe."""

    def __init__(self, max_states: int = 2) -> None:
        self._lock = threading.Lock()
        self._segments: dict[str, list[DocFacts | None]] = {}
        self._states: dict[tuple[object, ...], Columns] = {}
        self._max = max_states

    def get(self, state: tuple[object, ...]) -> Columns | None:
        with self._lock:
            return self._states.get(state)

    def segment(self, segment_id: str) -> list[DocFacts | None] | None:
        with self._lock:
            return self._segments.get(segment_id)

    def put(
        self,
        state: tuple[object, ...],
        columns: Columns,
        segments: dict[str, list[DocFacts | None]],
    ) -> None:
        with self._lock:
            self._segments = dict(segments)  # segments no longer listed are dropped
            self._states[state] = columns
            while len(self._states) > self._max:
                self._states.pop(next(iter(self._states)))
