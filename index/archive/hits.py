"""The full hit set of a query, as docnums (not a page of hits)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.archive.columns import Columns
from index.archive.filters import FilterLike, apply_filters
from index.query.parse import as_you_type, build_query
from index.query.evaluate import evaluate


def hit_docnums(
    searcher: Any,
    cols: Columns,
    text: str,
    filters: Sequence[FilterLike] = (),
    typing: bool = False,
) -> list[int]:
    """Every live document the query matches (all of them for an empty
    query), narrowed by the filters. Matches index.search's hit set."""
    text = text if isinstance(text, str) else ""
    built = build_query(as_you_type(text) if typing else text, searcher.reader())
    if built.query is None:
        docs: list[int] = [] if built.error and not built.words else list(cols.live)
    else:
        scores = evaluate(searcher, built.query)
        facts = cols.facts
        docs = [d for d in scores if d < len(facts) and facts[d] is not None]
    return apply_filters(cols, docs, filters) if filters else docs
