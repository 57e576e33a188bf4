"""The first page of a ranking: the `limit` best of every match.

Relevance orders by score rounded to 6 places, then newest first, then
document number; by date: newest first, then score, then document number
(index/query/datecol.py gives each document's date key). Every key ends in
the document number, so the order is total and does not depend on how the
matches are listed.

A keystroke's query can match half the archive: sorting keys for thousands
of matches in Python cost more than the rest of the ranking. So when there
are many, numpy first picks the few that can be on the page, by the key's
first part alone (a sure superset: every match that can be on the page is
among them), and only those are ordered with the full key.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from typing import Any

import numpy as np

from index.query.datecol import newest_first, newest_first_array

FEW = 256
"""Up to this many matches, the full key is applied to all of them."""
_ROUNDING = 1e-6
"""More than the most rounding to 6 places moves a score (5e-7)."""


def top(
    searcher: Any, scores: Mapping[int, float], limit: int, *, by_date: bool
) -> list[tuple[int, float]]:
    """The `limit` first (docnum, score) of `scores` in ranking order."""
    newest = newest_first(searcher)
    if by_date:
        key = lambda d: (newest[d[0]], -d[1], d[0])  # noqa: E731
    else:  # equal scores: newest first
        key = lambda d: (-round(d[1], 6), newest[d[0]], d[0])  # noqa: E731
    items: Any = scores.items()
    if len(scores) > max(FEW, 4 * limit):
        items = _candidates(searcher, scores, limit, by_date)
    return heapq.nsmallest(limit, items, key=key)


def _candidates(
    searcher: Any, scores: Mapping[int, float], limit: int, by_date: bool
) -> list[tuple[int, float]]:
    """The matches whose first key part is at least as good as the
    `limit`-th best one's (by date: its date key; by relevance: its score
    rounded, taken with a margin below)."""
    n = len(scores)
    ids = np.fromiter(scores.keys(), dtype=np.int64, count=n)
    values = np.fromiter(scores.values(), dtype=np.float64, count=n)
    if by_date:
        first = newest_first_array(searcher)[ids]
        bound = np.partition(first, limit - 1)[limit - 1]
        keep = first <= bound
    else:
        bound = round(float(-np.partition(-values, limit - 1)[limit - 1]), 6)
        keep = values >= bound - _ROUNDING
    return list(zip(ids[keep].tolist(), values[keep].tolist(), strict=True))
