"""Hits per week, month or year, with undated and too-coarse dates apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from index.archive.records import Bucket, Bucketing, Timeline

if TYPE_CHECKING:
    from index.archive.columns import BoolArray, IntArray

WEEKS_BELOW_DAYS = 92
"""Hits spanning less than about three months are shown by week."""
YEARS_ABOVE_DAYS = 8 * 365 + 2
"""Hits spanning more than about eight years are shown by year."""

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_NEEDS = {"week": 0, "month": 1, "year": 2}
"""The coarsest date precision each bucketing can place."""


def precision_rank(date: str | None, precision: str) -> int:
    if precision in PRECISION_RANK:
        return PRECISION_RANK[precision]
    return {10: 0, 7: 1, 4: 2}.get(len(date or ""), 2)


def choose_bucketing(days: Sequence[int]) -> Bucketing:
    if not days:
        return "month"
    span = max(days) - min(days)
    if span < WEEKS_BELOW_DAYS:
        return "week"
    if span > YEARS_ABOVE_DAYS:
        return "year"
    return "month"


def _bucket(by: Bucketing, period: int, count: int) -> Bucket:
    if by == "week":
        start = dt.date.fromordinal(period)
        end = dt.date.fromordinal(period + 6)
        iso = start.isocalendar()
        return Bucket(f"{iso.year}-W{iso.week:02d}", start.isoformat(), end.isoformat(), count)
    if by == "month":
        year, month = divmod(period, 12)
        start = dt.date(year, month + 1, 1)
        nxt = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
        end = nxt - dt.timedelta(days=1)
        return Bucket(f"{year:04d}-{month + 1:02d}", start.isoformat(), end.isoformat(), count)
    return Bucket(f"{period:04d}", f"{period:04d}-01-01", f"{period:04d}-12-31", count)


def _next(by: Bucketing, period: int) -> int:
    return period + 7 if by == "week" else period + 1


def make_timeline(
    days: IntArray,
    ranks: IntArray,
    months: IntArray,
    mask: BoolArray,
    by: Bucketing | None = None,
) -> Timeline:
    """Buckets over the masked documents given per-doc day ordinals (-1:
    undated), precision ranks and month numbers (year*12+month-1); `by` None
    chooses from the span."""
    total = int(mask.sum())
    dated = mask & (days >= 0)
    n_dated = int(dated.sum())
    if by is None:
        fine = days[dated & (ranks <= 1)]  # year-only dates don't set the span
        span = fine if fine.size else days[dated]
        by = choose_bucketing((int(span.min()), int(span.max())) if span.size else ())
    placed = dated & (ranks <= _NEEDS[by])
    if by == "month":
        values = months[placed]
    elif by == "year":
        values = months[placed] // 12
    else:
        d = days[placed]
        values = d - (d - 1) % 7  # Monday's ordinal (ordinal 1 is a Monday)
    periods, counts = np.unique(values, return_counts=True)
    found = {int(p): int(c) for p, c in zip(periods, counts, strict=True)}
    buckets: list[Bucket] = []
    if found:
        period, last = min(found), max(found)
        while period <= last:
            buckets.append(_bucket(by, period, found.get(period, 0)))
            period = _next(by, period)
    return Timeline(by, tuple(buckets), total - n_dated, n_dated - int(placed.sum()), total)
