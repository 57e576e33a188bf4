"""date: values in queries -> a DateFilter over the `date` column.

Accepts a year (2023), a month (2025-01), a day (2024-04-29; also 29.04.2024)
and ranges [2024-01-01 TO 2025-12-31] with either end open ([2024 TO]). Each
value covers its whole span, so date:2023 finds every article dated in 2023
and a range ending in 2025 includes all of 2025.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from index.query.expand import DateFilter

_ISO_RE = re.compile(r"^(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?$")
_GERMAN_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def date_span(text: str) -> tuple[dt.datetime, dt.datetime] | None:
    """First and last moment a date value covers, or None if unreadable."""
    text = (text or "").strip().strip("'\"")
    m = _ISO_RE.match(text)
    if m:
        year, month, day = m.group(1), m.group(2), m.group(3)
    else:
        g = _GERMAN_RE.match(text)
        if not g:
            return None
        day, month, year = g.groups()
    try:
        y = int(year)
        if month is None:
            return dt.datetime(y, 1, 1), dt.datetime(y, 12, 31, 23, 59, 59)
        mo = int(month)
        if day is None:
            last = calendar.monthrange(y, mo)[1]
            return dt.datetime(y, mo, 1), dt.datetime(y, mo, last, 23, 59, 59)
        d = dt.date(y, mo, int(day))
    except ValueError:
        return None
    return dt.datetime(d.year, d.month, d.day), dt.datetime(d.year, d.month, d.day, 23, 59, 59)


def date_query(start: str | None, end: str | None, single: bool = False) -> DateFilter | None:
    """A DateRange for one value (single=True) or a range; None if invalid."""
    if single:
        span = date_span(start or "")
        return DateFilter("date", span[0], span[1]) if span else None
    lo = date_span(start) if start else None
    hi = date_span(end) if end else None
    if (start and lo is None) or (end and hi is None) or (lo is None and hi is None):
        return None
    return DateFilter("date", lo[0] if lo else None, hi[1] if hi else None)
