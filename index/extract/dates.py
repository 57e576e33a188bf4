"""Publication date and mentioned dates in German (and English-dated) news text.

The publication date comes only from header lines and short date-only lines at
the top of the text (datelines, timestamps, site headers, " date 2025-01"); a
date inside a body sentence is a mentioned date, never the publication date.
Nothing is ever defaulted to today.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.text.months import MONTHS

_M = (
    r"(?P<month>"
    + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
    + r")\.?"
)
_Y = r"(?P<year>(?:19|20)\d\d)"
_D = r"(?P<day>[0-3]?\d)"
# Written dates, most specific first; each names groups day/month/year as it can.
_WRITTEN = [
    re.compile(rf"\b{_D}\.\s*{_M}\s+{_Y}\b"),  # 5. November 2023
    re.compile(rf"\b{_M}\s+{_D}(?:st|nd|rd|th)?,\s*{_Y}\b"),  # April 29, 2024
    re.compile(rf"\b{_D}\s+{_M}\s+{_Y}\b"),  # 29 April 2024
    re.compile(rf"\b{_D}\.\s*{_M}(?!\s+(?:19|20)\d\d)"),  # 7. Oktober
    re.compile(rf"\b(?:Anfang|Mitte|Ende)\s+{_Y}\b"),  # Ende 2021
    re.compile(rf"\b{_M}\s+{_Y}\b"),  # November 2023
]
_MONTH = re.compile(_M)
_NEEDS_MONTH = frozenset(p for p in _WRITTEN if "(?P<month>" in p.pattern)
"""The written patterns that need a month name (a plain search for one is much cheaper)."""
_NUMERIC = [
    re.compile(rf"\b{_Y}-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),  # 2023-11-05
    re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{_Y}\b"),  # 05.11.2023
    re.compile(rf"\b{_Y}-(?P<month>[01]\d)\b(?!-\d)"),  # 2025-01
]
_M_ANY = _M.replace("(?P<month>", "(?:")
_DAY_DOT_MONTH = re.compile(rf"\d\.\s*{_M_ANY}")
_PRECHECK = {
    _WRITTEN[0]: _DAY_DOT_MONTH,
    _WRITTEN[1]: re.compile(r"\d(?:st|nd|rd|th)?,\s*(?:19|20)\d\d"),
    _WRITTEN[2]: re.compile(rf"\d\s+{_M_ANY}"),
    _WRITTEN[3]: _DAY_DOT_MONTH,
    _WRITTEN[4]: re.compile(r"(?:Anfang|Mitte|Ende)\s+(?:19|20)\d\d"),
    _NUMERIC[0]: re.compile(r"\d-[01]\d-[0-3]\d"),
    _NUMERIC[1]: re.compile(r"\d\.[01]?\d\.(?:19|20)\d\d"),
}
"""For each pattern `mentioned_dates` uses, a part of every match of it, as a pattern that
opens with a digit or a word (which the regex engine skips to fast, unlike a leading word
boundary): where the cheap one finds nothing, the pattern finds nothing either."""
_DATE_TOKEN = re.compile(
    r"\bdate\s+(?P<iso>(?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d)?)?)\b", re.IGNORECASE
)
_LINE_NOISE = re.compile(
    r"(?i)\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|uhr|am|um|den|vom|stand|aktualisiert|veröffentlicht|"
    r"published|updated|et|est|edt|mez|mesz|cet|cest|utc|gmt|pm|am)\b|\d{1,2}[:.]\d\d|[,.:|/()\-–—]"
)


def _month(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def _iso(year: str | None, month: int | None, day: str | None) -> tuple[str, str] | None:
    if not year:
        return None
    if month is None or not 1 <= month <= 12:
        return year, "year"
    if day is None:
        return f"{year}-{month:02d}", "month"
    d = int(day)
    if not 1 <= d <= 31:
        return f"{year}-{month:02d}", "month"
    return f"{year}-{month:02d}-{d:02d}", "day"


def parse_date(text: str) -> tuple[str, str] | None:
    """Most precise date stated in `text`: (ISO string, precision) or None."""
    best: tuple[str, str] | None = None
    rank = {"year": 0, "month": 1, "day": 2}
    candidates: list[tuple[str, str]] = []
    for m in _DATE_TOKEN.finditer(text):
        iso = m.group("iso")
        candidates.append((iso, ("year", "month", "day")[iso.count("-")]))
    for pat in _NUMERIC + _WRITTEN:
        for m in pat.finditer(text):
            g = m.groupdict()
            month = _month(g["month"]) if g.get("month") else None
            found = _iso(g.get("year"), month, g.get("day"))
            if found:
                candidates.append(found)
    for cand in candidates:
        if best is None or rank[cand[1]] > rank[best[1]]:
            best = cand
    return best


def _is_date_line(line: str) -> bool:
    """A short line that is essentially a date/timestamp (not a sentence)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return False
    rest = _DATE_TOKEN.sub(" ", stripped)
    for pat in _NUMERIC + _WRITTEN:
        rest = pat.sub(" ", rest)
    rest = _LINE_NOISE.sub(" ", rest)
    return len(rest.split()) <= 1 and rest != stripped


def publication_date(text: str, header_lines: Sequence[str] = ()) -> tuple[str | None, str]:
    """(ISO date or None, precision) from header lines and date-only top lines."""
    lines = list(header_lines)
    top = [ln for ln in text.split("\n")[:12] if ln.strip()][:6]
    # " date 2025-01 Von Euronews mit AP" style headers may still open the text.
    lines += [ln for ln in top if _is_date_line(ln) or _DATE_TOKEN.search(ln)]
    rank = {"year": 0, "month": 1, "day": 2}
    best: tuple[str, str] | None = None
    for line in lines:
        found = parse_date(line) if (_is_date_line(line) or _DATE_TOKEN.search(line)) else None
        if found and (best is None or rank[found[1]] > rank[best[1]]):
            best = found
    return (best[0], best[1]) if best else (None, "unknown")


def mentioned_dates(text: str, header_lines: Sequence[str] = ()) -> tuple[str, ...]:
    """Explicit written dates as they appear ("7. Oktober", "Ende 2021"), in order, once each."""
    found: list[tuple[int, int, str]] = []
    for offset_base, chunk in enumerate([*header_lines, text]):
        taken: list[tuple[int, int]] = []
        no_month = _MONTH.search(chunk) is None
        prechecked: dict[re.Pattern[str], bool] = {}
        # "November 2023" alone (_WRITTEN[-1]) is a period, not a date: not looked for.
        for pat in _WRITTEN[:-1] + _NUMERIC[:2]:
            if no_month and pat in _NEEDS_MONTH:
                continue  # a plain search for a month name is cheaper than these patterns
            if pat is _WRITTEN[4] and not (
                "Anfang" in chunk or "Mitte" in chunk or "Ende" in chunk
            ):
                continue
            cheap = _PRECHECK[pat]
            found_cheap = prechecked.get(cheap)
            if found_cheap is None:
                found_cheap = prechecked[cheap] = cheap.search(chunk) is not None
            if not found_cheap:
                continue  # no match possible: the full pattern's scan is left out
            for m in pat.finditer(chunk):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                found.append((offset_base, m.start(), re.sub(r"\s+", " ", m.group())))
    found.sort()
    return tuple(dict.fromkeys(s for _, _, s in found))
