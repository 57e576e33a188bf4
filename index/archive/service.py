"""The archive views for one searcher: what `Library`'s methods call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from index.archive import aggregate
from index.archive.columns import BoolArray, Columns
from index.archive.filters import FilterLike, apply_filters
from index.archive.hits import hit_mask, narrow
from index.archive.records import Bucketing, Dossier, Overview
from index.archive.source import columns_for
from index.query.hitset import HitCache

PLACES_LIMIT = 400
"""Markers for the map (and places listed beside it): the most named first."""


def overview(
    searcher: Any,
    folder: Path | None,
    text: str,
    filters: Sequence[FilterLike] = (),
    *,
    limit: int | None = 10,
    by: Bucketing | None = None,
    typing: bool = False,
    places_limit: int | None = PLACES_LIMIT,
    hits: HitCache | None = None,
) -> Overview:
    """Counts of the hit set. The timeline leaves the date chips out (as a
    facet ignores its own selection), so a chosen period can still be widened
    to a range. `hits`: the matches the search just found (the same query on
    the same searcher is then not evaluated again)."""
    cols = columns_for(searcher, folder)
    base = hit_mask(searcher, cols, text, (), typing, hits)
    return overview_of(
        cols,
        base,
        filters,
        limit=limit,
        by=by,
        places_limit=places_limit,
        narrow_by=lambda mask, fs: narrow(searcher, cols, mask, fs, hits),  # type: ignore[arg-type]
    )


def overview_of(
    cols: Columns,
    base: BoolArray,
    filters: Sequence[FilterLike],
    *,
    limit: int | None = 10,
    by: Bucketing | None = None,
    places_limit: int | None = PLACES_LIMIT,
    narrow_by: Callable[[BoolArray, Sequence[FilterLike]], BoolArray] | None = None,
) -> Overview:
    """`narrow_by(mask, filters)`: how filters narrow a hit set (default: over
    the columns; the library passes the search's own narrowing)."""
    if narrow_by is None:
        narrow_by = lambda mask, fs: apply_filters(cols, mask, fs)  # noqa: E731
    mask = narrow_by(base, filters) if filters else base
    undated = [f for f in filters if f.field != "date"]
    dates = mask if len(undated) == len(filters) else narrow_by(base, undated)
    counts = cols.counts(mask)
    return Overview(
        facets=aggregate.facets(cols, mask, limit, counts),
        timeline=aggregate.timeline(cols, dates, by),
        places=aggregate.places(cols, mask, counts, places_limit),
    )


def dossier(
    searcher: Any, folder: Path | None, kind: str, name: str, limit: int = 15
) -> Dossier | None:
    return aggregate.dossier(columns_for(searcher, folder), kind, name, limit)


def warm(searcher: Any, folder: Path | None) -> int:
    """Build the columns ahead of the first count; returns the entity count."""
    return len(columns_for(searcher, folder).key)
