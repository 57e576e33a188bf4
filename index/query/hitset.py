"""A query's matches, evaluated once and shared by the search and the counts.

One keystroke asks for the first page (`index.search`), then for the counts
over the whole hit set (`index.archive`) and then for the longer list: the
same query and chips each time. `HitCache` keeps the last query's matches and
the chips' selections for one searcher, so the postings are walked once per
keystroke; a new searcher (a commit, a swap) starts it afresh.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from index.records import Filter

if TYPE_CHECKING:  # loaded by the first search: `Library` makes a HitCache at start-up
    from index.query.evaluate import Scores
    from index.query.parse import BuiltQuery

_SELECTIONS = 64
"""Chips' selections kept per searcher (a chip's selection does not depend on
the query, so toggling another chip reuses it)."""


@dataclass(frozen=True, eq=False)
class Matched:
    """What a query matches. `scores`: every match with its score; for a
    listing (no query words) every document, scored 0.0. `failed`: a query
    error with no plain words left to search, so nothing matches."""

    built: BuiltQuery
    scores: Scores
    listing: bool
    failed: bool


def match(searcher: Any, text: str, typing: bool = False) -> Matched:
    """Evaluate `text` (typing=True: the last plain word may be unfinished)."""
    from index.query.evaluate import evaluate
    from index.query.parse import as_you_type, build_query

    built = build_query(as_you_type(text) if typing else text, searcher.reader())
    if built.query is not None:
        return Matched(built, evaluate(searcher, built.query), False, False)
    if built.error and not built.words:
        return Matched(built, {}, True, True)
    return Matched(built, dict.fromkeys(searcher.reader().all_doc_ids(), 0.0), True, False)


def selection(searcher: Any, flt: Filter) -> Collection[int]:
    """The documents the filter selects (ignoring `exclude`)."""
    from index.query.evaluate import evaluate
    from index.query.filters import filter_query

    return evaluate(searcher, filter_query(flt, searcher.reader())).keys()


class HitCache:
    """The last query's matches and recent chips' selections, for one searcher.
    Not thread-safe: the caller holds the lock it holds for the searcher."""

    def __init__(self) -> None:
        self._searcher: Any = None
        self._last: tuple[str, bool, Matched] | None = None
        self._selected: dict[tuple[Filter, tuple[str, ...]], Collection[int]] = {}

    def _follow(self, searcher: Any) -> None:
        if searcher is not self._searcher:
            self.clear()
            self._searcher = searcher

    def clear(self) -> None:
        self._searcher, self._last = None, None
        self._selected = {}

    def matched(self, searcher: Any, text: str, typing: bool = False) -> Matched:
        self._follow(searcher)
        if self._last is not None and self._last[:2] == (text, typing):
            return self._last[2]
        found = match(searcher, text, typing)
        self._last = (text, typing, found)
        return found

    def selected(self, searcher: Any, flt: Filter) -> Collection[int]:
        """Keyed by the filter and its other names (`also`, which the
        filter's equality leaves out): a chip widened differently differs."""
        self._follow(searcher)
        key = (flt, flt.also)
        if key not in self._selected:
            if len(self._selected) >= _SELECTIONS:
                self._selected.clear()
            self._selected[key] = selection(searcher, flt)
        return self._selected[key]
