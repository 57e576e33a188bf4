"""Month names as German and English news write them, with their numbers.

Lower case; full names, the Austrian "Jänner", "maerz" for a keyboard without
umlauts, and the usual abbreviations (without their dot). Used to read dates
(index/extract/dates.py) and to recognise date lines when cleaning
(index/files/clean.py).
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "january": 1,
    "februar": 2,
    "feb": 2,
    "february": 2,
    "märz": 3,
    "mär": 3,
    "maerz": 3,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
    "december": 12,
    "dec": 12,
}


def month_pattern() -> str:
    """A regex alternation of every name, longest first (no groups, no flags)."""
    return "|".join(sorted(MONTHS, key=len, reverse=True))
