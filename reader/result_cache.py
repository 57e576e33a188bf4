"""The last results, kept in the user state for an instant first paint.

Opening the index means importing Whoosh, which takes longer than Textual's
own start-up; showing what the user saw last time (for the same query) lets
the list appear with the first frame. A live search replaces it moments later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index import Hit, SearchResult

CACHED_HITS = 40
"""About two screens of results at 160x48; keeps the state file small."""


def hits_to_cache(hits: Sequence[Hit]) -> list[dict[str, Any]]:
    keep = ("id", "title", "date", "date_precision", "snippet", "spans")
    return [{k: v for k, v in asdict(hit).items() if k in keep} for hit in hits[:CACHED_HITS]]


def cached_result(
    query: str, saved_query: str | None, saved: list[dict[str, Any]], total: int
) -> SearchResult | None:
    """The saved hits as a SearchResult when they answer `query`, else None."""
    from index import Hit, SearchResult

    if not saved or saved_query != query:
        return None
    hits = []
    try:
        for item in saved:
            spans = tuple((int(s), int(e)) for s, e in item.get("spans", ()))
            hits.append(
                Hit(
                    id=str(item["id"]),
                    title=str(item["title"]),
                    date=item.get("date"),
                    date_precision=item.get("date_precision", "unknown"),
                    score=0.0,
                    snippet=str(item.get("snippet", "")),
                    spans=spans,
                )
            )
    except (KeyError, TypeError, ValueError):
        return None  # a hand-edited or older state file: just wait for the live search
    return SearchResult(query=query, hits=tuple(hits), total=max(total, len(hits)))
