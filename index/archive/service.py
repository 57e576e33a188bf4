"""The archive views for one searcher: what `Library`'s methods call."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from index.archive import aggregate
from index.archive.filters import FilterLike
from index.archive.hits import hit_mask
from index.archive.records import Bucketing, Dossier, Overview
from index.archive.source import columns_for


def overview(
    searcher: Any,
    folder: Path | None,
    text: str,
    filters: Sequence[FilterLike] = (),
    *,
    limit: int | None = 10,
    by: Bucketing | None = None,
    typing: bool = False,
) -> Overview:
    cols = columns_for(searcher, folder)
    mask = hit_mask(searcher, cols, text, filters, typing)
    counts = cols.counts(mask)
    return Overview(
        facets=aggregate.facets(cols, mask, limit, counts),
        timeline=aggregate.timeline(cols, mask, by),
        places=aggregate.places(cols, mask, counts),
    )


def dossier(
    searcher: Any, folder: Path | None, kind: str, name: str, limit: int = 15
) -> Dossier | None:
    return aggregate.dossier(columns_for(searcher, folder), kind, name, limit)


def warm(searcher: Any, folder: Path | None) -> int:
    """Build the columns ahead of the first count; returns the entity count."""
    return len(columns_for(searcher, folder).key)
