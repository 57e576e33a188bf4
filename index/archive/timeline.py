"""Hits per week, month or year, with undated and too-coarse dates apart."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from index.archive.records import Bucket, Bucketing, Timeline

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


def _period_of(by: Bucketing, day: int) -> int:
    """A sortable integer per period: Monday's ordinal, year*12+month-1, or the year."""
    if by == "week":
        return day - (day - 1) % 7  # ordinal 1 (0001-01-01) is a Monday
    d = dt.date.fromordinal(day)
    return d.year * 12 + d.month - 1 if by == "month" else d.year


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
    days: Sequence[int | None],
    ranks: Sequence[int],
    months: Sequence[int | None],
    docnums: Sequence[int],
    by: Bucketing | None = None,
) -> Timeline:
    """Buckets over `docnums` given per-doc day ordinals, precision ranks and
    month numbers (year*12+month-1); `by` None chooses from the span."""
    dated = [d for d in docnums if days[d] is not None]
    undated = len(docnums) - len(dated)
    if by is None:
        fine = [days[d] for d in dated if ranks[d] <= 1]  # year-only dates don't set the span
        by = choose_bucketing([x for x in fine if x is not None] or [days[d] for d in dated])  # type: ignore[misc]
    need = _NEEDS[by]
    placed = [d for d in dated if ranks[d] <= need]
    imprecise = len(dated) - len(placed)
    counts: Counter[int]
    if by == "month":
        counts = Counter(months[d] for d in placed)  # type: ignore[misc]
    elif by == "year":
        counts = Counter(months[d] // 12 for d in placed)  # type: ignore[operator]
    else:
        counts = Counter(_period_of("week", days[d]) for d in placed)  # type: ignore[arg-type]
    buckets: list[Bucket] = []
    if counts:
        period, last = min(counts), max(counts)
        while period <= last:
            buckets.append(_bucket(by, period, counts.get(period, 0)))
            period = _next(by, period)
    return Timeline(by, tuple(buckets), undated, imprecise, len(docnums))
