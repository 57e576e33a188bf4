"""The full hit set of a query, as a mask over the archive's columns.

Filters narrow it exactly as `index.search` narrows the results (the same
`index.query.filters.filter_query` per filter), so every count matches the
hit total the results pane shows. Given the library's `HitCache`, the
matches and selections the search has just found are counted, not found again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from index.archive.columns import BoolArray, Columns
from index.query.hitset import HitCache, match, selection
from index.records import Filter


def hit_mask(
    searcher: Any,
    cols: Columns,
    text: str,
    filters: Sequence[Filter] = (),
    typing: bool = False,
    hits: HitCache | None = None,
) -> BoolArray:
    """Every live document the query matches (all of them for an empty
    query), narrowed by the filters (AND; exclude = NOT)."""
    text = text if isinstance(text, str) else ""
    found = (
        hits.matched(searcher, text, typing) if hits is not None else match(searcher, text, typing)
    )
    if found.failed:
        return np.zeros(len(cols.facts), dtype=bool)
    if found.listing:
        mask = cols.live.copy()
    else:
        mask = cols.mask(d for d in found.scores if d < len(cols.facts))
    return narrow(searcher, cols, mask, filters, hits)


def with_identities(cols: Columns, filters: Sequence[Filter]) -> list[Filter]:
    """Entity chips widened to every name of the entity across the archive
    ("John Kerry" also matches "Kerry"), as `Library.search` widens them."""
    out = []
    for f in filters:
        eid = cols.entity_id(f.field, f.value) if f.field != "date" else None
        if eid is not None:
            f = replace(f, also=(cols.name[eid], *cols.aliases(eid)))
        out.append(f)
    return out


def narrow(
    searcher: Any,
    cols: Columns,
    mask: BoolArray,
    filters: Sequence[Filter],
    hits: HitCache | None = None,
) -> BoolArray:
    for flt in with_identities(cols, filters):
        selected = hits.selected(searcher, flt) if hits is not None else selection(searcher, flt)
        matched = cols.mask(d for d in selected if d < len(cols.facts))
        mask = mask & ~matched if flt.exclude else mask & matched
    return mask
