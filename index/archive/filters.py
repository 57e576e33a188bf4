"""Chips as data: narrow a hit set by entity, source, year or date.

Over the columns, for views that narrow without a searcher (the test fake,
dossiers): a filter names a field and a value; several combine with AND, and
`exclude=True` means NOT. Entity filters match by archive-wide identity
(index/archive/canonical.py). The reader's searches narrow with
index.query.filters (index/archive/hits.py uses the same). Date values: a
day, month or year ("2016-03") or an inclusive range of them
("2016-01..2016-03"), as the timeline's periods give them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from index.archive.columns import BoolArray, Columns
from index.query.dates import date_span

FIELDS = ("person", "place", "org", "source", "year", "date")


class FilterLike(Protocol):
    @property
    def field(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def exclude(self) -> bool: ...


def date_range(value: str) -> tuple[int, int] | None:
    """(first, last) day ordinals a date chip covers, or None if unreadable."""
    lo_text, sep, hi_text = value.partition("..")
    lo = date_span(lo_text)
    hi = date_span(hi_text) if sep else lo
    if lo is None or hi is None:
        return None
    first, last = lo[0].date().toordinal(), hi[1].date().toordinal()
    return (first, last) if first <= last else (last, first)


def _mask(cols: Columns, f: FilterLike) -> BoolArray:
    """The documents one filter matches (exclusion not applied)."""
    if f.field in ("date", "year"):
        span = date_range(f.value if f.field == "date" else f.value[:4])
        if span is None:
            return np.zeros(len(cols.facts), dtype=bool)
        return (cols.days >= span[0]) & (cols.days <= span[1])
    eid = cols.entity_id(f.field, f.value)
    if eid is None:
        return np.zeros(len(cols.facts), dtype=bool)
    return cols.docs_of(eid)


def apply_filters(cols: Columns, mask: BoolArray, filters: Sequence[FilterLike]) -> BoolArray:
    """The documents of `mask` that pass every filter (AND; exclude = NOT)."""
    result = mask.copy()
    for f in filters:
        if f.field not in FIELDS:
            continue
        matched = _mask(cols, f)
        result &= ~matched if f.exclude else matched
    return result
