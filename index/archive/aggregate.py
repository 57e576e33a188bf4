"""Facets, timeline, places and dossiers over a hit set (a mask over `Columns`)."""

from __future__ import annotations

import numpy as np

from index.archive.columns import BoolArray, Columns, IntArray
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


def _order(cols: Columns, counts: IntArray, kind: str) -> IntArray:
    """Entity ids of `kind` with a count, most articles first, then by name
    (ids are alphabetical within a kind); years newest first."""
    lo, hi = cols.ranges[kind]
    seg = counts[lo:hi]
    nz = np.flatnonzero(seg)
    if kind == "year":
        return nz[::-1] + lo
    return nz[np.lexsort((nz, -seg[nz]))] + lo


def _rows(cols: Columns, counts: IntArray, kind: str, limit: int | None) -> tuple[FacetRow, ...]:
    ids = _order(cols, counts, kind)[:limit].tolist()
    return tuple(FacetRow(kind, cols.key[e], cols.name[e], int(counts[e])) for e in ids)


def facets(
    cols: Columns, mask: BoolArray, limit: int | None = 10, counts: IntArray | None = None
) -> Facets:
    counts = cols.counts(mask) if counts is None else counts
    return Facets(
        total=int(mask.sum()),
        people=_rows(cols, counts, "person", limit),
        places=_rows(cols, counts, "place", limit),
        orgs=_rows(cols, counts, "org", limit),
        sources=_rows(cols, counts, "source", limit),
        years=_rows(cols, counts, "year", None),
    )


def timeline(cols: Columns, mask: BoolArray, by: Bucketing | None = None) -> Timeline:
    return make_timeline(cols.days, cols.ranks, cols.months, mask, by)


def _place_count(cols: Columns, eid: int, n: int) -> PlaceCount:
    kind, cc, lat, lon = cols.place.get(eid, (None, None, None, None))
    return PlaceCount(cols.key[eid], cols.name[eid], kind, cc, lat, lon, n)


def places(
    cols: Columns, mask: BoolArray, counts: IntArray | None = None, limit: int | None = None
) -> Places:
    """The hits' places, most articles first: with coordinates and without
    (at most `limit` of each)."""
    counts = cols.counts(mask) if counts is None else counts
    order = _order(cols, counts, "place")
    located = cols.located[order]
    return Places(
        total=int(mask.sum()),
        placed=tuple(
            _place_count(cols, e, int(counts[e])) for e in order[located][:limit].tolist()
        ),
        unplaced=tuple(
            _place_count(cols, e, int(counts[e])) for e in order[~located][:limit].tolist()
        ),
        countries=cols.country_counts(mask),
    )


def newest_first(cols: Columns, mask: BoolArray) -> list[int]:
    """Docnums of the mask, newest first, undated last."""
    docs = np.flatnonzero(mask)
    days = cols.days[docs]
    order = np.lexsort((docs, -days))  # undated (-1) sorts last
    return [int(d) for d in docs[order]]


def dossier(
    cols: Columns, kind: str, name: str, limit: int = 15, articles: int = 500
) -> Dossier | None:
    """The dossier of one entity over the whole archive; None if no article names it."""
    eid = cols.entity_id(kind, name)
    if eid is None:
        return None
    mask = cols.docs_of(eid)
    if not mask.any():
        return None
    counts = cols.counts(mask)
    counts[eid] = 0
    refs = []
    for d in newest_first(cols, mask)[:articles]:
        f = cols.facts[d]
        if f is not None:
            refs.append(ArticleRef(f.id, f.title, f.date))
    dated = [f.date for f in (cols.facts[int(d)] for d in np.flatnonzero(mask)) if f and f.date]
    return Dossier(
        kind=kind,
        key=cols.key[eid],
        name=cols.name[eid],
        count=int(mask.sum()),
        first=min(dated) if dated else None,
        last=max(dated) if dated else None,
        timeline=timeline(cols, mask),
        people=_rows(cols, counts, "person", limit),
        places=_rows(cols, counts, "place", limit),
        orgs=_rows(cols, counts, "org", limit),
        articles=tuple(refs),
        place=_place_count(cols, eid, int(mask.sum())) if kind == "place" else None,
    )
