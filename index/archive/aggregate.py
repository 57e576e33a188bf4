"""Facets, places and dossiers over a hit set (docnums into `Columns`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from index.archive.columns import Columns, count_entities
from index.archive.records import (
    ArticleRef,
    Bucketing,
    Dossier,
    FacetRow,
    Facets,
    PlaceCount,
    Places,
    Timeline,
)
from index.archive.timeline import make_timeline

KIND_GROUPS = (("person", "people"), ("place", "places"), ("org", "orgs"), ("source", "sources"))


def counts(cols: Columns, docnums: Sequence[int]) -> Counter[int]:
    """Entity counts over the hits; a hit set larger than half the archive is
    counted as the archive's totals minus its complement (the empty query)."""
    live = cols.live
    if len(docnums) * 2 <= len(live):
        return count_entities(cols, docnums)
    inside = set(docnums)
    rest = count_entities(cols, (d for d in live if d not in inside))
    result = cols.totals.copy()
    result.subtract(rest)
    return +result  # drops zero counts


def _rows(
    cols: Columns, counter: Counter[int], kind: str, limit: int | None
) -> tuple[FacetRow, ...]:
    items = [(eid, n) for eid, n in counter.items() if cols.kind[eid] == kind]
    if kind == "year":
        items.sort(key=lambda kv: cols.name[kv[0]], reverse=True)
    else:
        items.sort(key=lambda kv: (-kv[1], cols.name[kv[0]].casefold()))
    if limit is not None:
        items = items[:limit]
    return tuple(FacetRow(kind, cols.key[eid], cols.name[eid], n) for eid, n in items)


def facets(cols: Columns, docnums: Sequence[int], limit: int | None = 10) -> Facets:
    counter = counts(cols, docnums)
    return Facets(
        total=len(docnums),
        people=_rows(cols, counter, "person", limit),
        places=_rows(cols, counter, "place", limit),
        orgs=_rows(cols, counter, "org", limit),
        sources=_rows(cols, counter, "source", limit),
        years=_rows(cols, counter, "year", None),
    )


def timeline(cols: Columns, docnums: Sequence[int], by: Bucketing | None = None) -> Timeline:
    return make_timeline(cols.days, cols.ranks, cols.months, docnums, by)


def _place_count(cols: Columns, eid: int, n: int) -> PlaceCount:
    kind, cc, lat, lon = cols.place.get(eid, (None, None, None, None))
    return PlaceCount(cols.key[eid], cols.name[eid], kind, cc, lat, lon, n)


def places(cols: Columns, docnums: Sequence[int]) -> Places:
    counter = counts(cols, docnums)
    rows = [_place_count(cols, eid, n) for eid, n in counter.items() if cols.kind[eid] == "place"]
    rows.sort(key=lambda p: (-p.count, p.name.casefold()))
    countries: Counter[str] = Counter()
    for d in docnums:
        countries.update(cols.countries[d])
    return Places(
        total=len(docnums),
        placed=tuple(p for p in rows if p.lat is not None and p.lon is not None),
        unplaced=tuple(p for p in rows if p.lat is None or p.lon is None),
        countries=dict(countries),
    )


def newest_first(cols: Columns, docnums: Sequence[int]) -> list[int]:
    days = cols.days
    return sorted(docnums, key=lambda d: (days[d] is None, -(days[d] or 0), d))


def dossier(
    cols: Columns, kind: str, name: str, limit: int = 15, articles: int = 500
) -> Dossier | None:
    """The dossier of one entity over the whole archive; None if no article names it."""
    eid = cols.entity_id(kind, name)
    if eid is None:
        return None
    docs = [d for d in cols.live if eid in cols.ents[d]]
    if not docs:
        return None
    counter = count_entities(cols, docs)
    del counter[eid]
    dated = [f.date for f in (cols.facts[d] for d in docs) if f is not None and f.date]
    ordered = newest_first(cols, docs)[:articles]
    refs = []
    for d in ordered:
        f = cols.facts[d]
        if f is not None:
            refs.append(ArticleRef(f.id, f.title, f.date))
    return Dossier(
        kind=kind,
        key=cols.key[eid],
        name=cols.name[eid],
        count=len(docs),
        first=min(dated) if dated else None,
        last=max(dated) if dated else None,
        timeline=timeline(cols, docs),
        people=_rows(cols, counter, "person", limit),
        places=_rows(cols, counter, "place", limit),
        orgs=_rows(cols, counter, "org", limit),
        articles=tuple(refs),
        place=_place_count(cols, eid, len(docs)) if kind == "place" else None,
    )
