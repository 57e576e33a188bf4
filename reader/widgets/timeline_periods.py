"""Periods and date chips of the timeline: labels in the UI language, the
chip a bar (or a range of bars) makes, and which bars a chip keeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.i18n import language, t
from reader.i18n_archive import SHORT_MONTHS

if TYPE_CHECKING:
    from index import Bucket, Filter


def period_label(period: str, short: bool = False) -> str:
    """ "2016-03" -> "März 2016" (short: "Mär 16"); weeks as KW/week; years as is."""
    lang = language()
    if "-W" in period:
        year, week = period.split("-W")
        return f"{int(week)}/{year[2:]}" if short else t("timeline.week", w=int(week), y=year)
    if len(period) == 7:
        year, month = period.split("-")
        if short:
            return f"{SHORT_MONTHS[lang][int(month) - 1]} {year[2:]}"
        from reader.i18n import _MONTHS

        return f"{_MONTHS[lang][int(month) - 1]} {year}"
    return period


def chip_value(by: str, first: Bucket, last: Bucket | None = None) -> str:
    """The date chip for one bucket or a range of them ("2016-01..2016-03")."""
    if last is None or last is first:
        return f"{first.start}..{first.end}" if by == "week" else first.period
    lo, hi = (first, last) if first.start <= last.start else (last, first)
    if by == "week":
        return f"{lo.start}..{hi.end}"
    return f"{lo.period}..{hi.period}"


def chip_span(value: str) -> tuple[str, str] | None:
    """(first, last) ISO day a date chip covers ("2016-03" -> 2016-03-01,
    2016-03-31), as strings that compare like the buckets' start and end; None
    when unreadable. A month's last day is written "-31" (compares right)."""
    lo, sep, hi = value.partition("..")
    first, last = _side(lo, False), _side(hi if sep else lo, True)
    if first is None or last is None:
        return None
    return (first, last) if first <= last else (last, first)


def _side(text: str, end: bool) -> str | None:
    parts = text.strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    year, month, day = [*parts, "", ""][:3]
    if len(year) != 4:
        return None
    month = month or ("12" if end else "01")
    day = day or ("31" if end else "01")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def chip_marks(chips: Sequence[Filter], buckets: Sequence[Bucket]) -> list[str]:
    """Per bucket: "in" when a date chip keeps (part of) its period, "out"
    when a NOT date chip removes it, else "". Several date chips: AND."""
    spans = [(f.exclude, chip_span(f.value)) for f in chips if f.field == "date"]
    marks = []
    for b in buckets:
        mark = ""
        for exclude, span in spans:
            if span is None:
                continue
            overlaps = b.start <= span[1] and b.end >= span[0]
            if exclude and overlaps:
                mark = "out"
                break
            if not exclude:
                if not overlaps:
                    mark = "out"
                    break
                mark = "in"
        marks.append(mark)
    return marks


def chip_label(value: str) -> str:
    """A date chip in short words: "Mär 16 – Mai 16", "5/16" (a week)."""
    lo, sep, hi = value.partition("..")
    if sep and len(lo) == 10 and len(hi) == 10:  # days: one ISO week, or as written
        try:
            first, last = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
        except ValueError:
            return f"{lo} – {hi}"
        if first.isoweekday() == 1 and (last - first).days == 6:
            iso = first.isocalendar()
            return period_label(f"{iso.year}-W{iso.week:02d}", short=True)
        return f"{lo} – {hi}"
    short = [period_label(p, short=True) for p in (lo, hi)]
    return f"{short[0]} – {short[1]}" if sep else short[0]
