"""The full hit set of a query, as a mask over the archive's columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from index.archive.columns import BoolArray, Columns
from index.archive.filters import FilterLike, apply_filters
from index.archive.source import columns_for
from index.query.evaluate import evaluate
from index.query.parse import as_you_type, build_query


def hit_mask(
    searcher: Any,
    cols: Columns,
    text: str,
    filters: Sequence[FilterLike] = (),
    typing: bool = False,
) -> BoolArray:
    """Every live document the query matches (all of them for an empty
    query), narrowed by the filters. The same hit set as index.search."""
    text = text if isinstance(text, str) else ""
    built = build_query(as_you_type(text) if typing else text, searcher.reader())
    if built.query is None:
        if built.error and not built.words:
            mask = np.zeros(len(cols.facts), dtype=bool)
        else:
            mask = cols.live.copy()
    else:
        scores = evaluate(searcher, built.query)
        docs = [d for d in scores if d < len(cols.facts)]
        mask = cols.mask(docs)
    return apply_filters(cols, mask, filters) if filters else mask


def narrow_scores(
    searcher: Any, scores: dict[int, float], filters: Sequence[FilterLike]
) -> dict[int, float]:
    """The search's {docnum: score} narrowed by chips, exactly as the counts are."""
    cols = columns_for(searcher)
    mask = apply_filters(cols, cols.mask(d for d in scores if d < len(cols.facts)), filters)
    return {d: s for d, s in scores.items() if d < len(mask) and mask[d]}
