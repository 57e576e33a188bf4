"""The full hit set of a query, as a mask over the archive's columns.

Filters narrow it exactly as `index.search` narrows the results (the same
`index.query.filters.filter_query` per filter), so every count matches the
hit total the results pane shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from index.archive.columns import BoolArray, Columns
from index.query.evaluate import evaluate
from index.query.filters import filter_query
from index.query.parse import as_you_type, build_query
from index.records import Filter


def hit_mask(
    searcher: Any,
    cols: Columns,
    text: str,
    filters: Sequence[Filter] = (),
    typing: bool = False,
) -> BoolArray:
    """Every live document the query matches (all of them for an empty
    query), narrowed by the filters (AND; exclude = NOT)."""
    text = text if isinstance(text, str) else ""
    built = build_query(as_you_type(text) if typing else text, searcher.reader())
    if built.query is None:
        if built.error and not built.words:
            return np.zeros(len(cols.facts), dtype=bool)
        mask = cols.live.copy()
    else:
        mask = cols.mask(d for d in evaluate(searcher, built.query) if d < len(cols.facts))
    return narrow(searcher, cols, mask, filters)


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


def narrow(searcher: Any, cols: Columns, mask: BoolArray, filters: Sequence[Filter]) -> BoolArray:
    for flt in with_identities(cols, filters):
        selected = evaluate(searcher, filter_query(flt, searcher.reader()))
        matched = cols.mask(d for d in selected if d < len(cols.facts))
        mask = mask & ~matched if flt.exclude else mask & matched
    return mask
