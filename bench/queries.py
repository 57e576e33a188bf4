"""The query set: realistic German queries over the 10kGNAD articles.

Each query has a category; `baseline` is how the same intent is typed into a
plain-Whoosh index that has no person/place/date fields (None: not run there).
The keystroke sequences are typed letter by letter for search-as-you-type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    text: str
    category: str
    baseline: str | None = None

    @property
    def baseline_text(self) -> str | None:
        return self.baseline if self.baseline is not None else _strip_fields(self.text)


_FIELD = re.compile(r'\b(?:person|place|ort|personen|orte):("[^"]*"|\S+)')
_DATE = re.compile(r"\bdate:(\[[^\]]*\]|\S+)\s*")


def _strip_fields(text: str) -> str | None:
    """person:X → X, place:X → X, date:… dropped; None when nothing is left."""
    out = _DATE.sub("", _FIELD.sub(r"\1", text)).strip()
    return out or None


_CATEGORIES: dict[str, list[str]] = {
    "word": [
        "Regierung",
        "Flüchtlinge",
        "Wien",
        "Polizei",
        "Griechenland",
        "Türkei",
        "Syrien",
        "Gericht",
        "Urteil",
        "Wahl",
        "Google",
        "Sicherheit",
        "Krieg",
        "Grenze",
        "Merkel",
    ],
    "compound": [
        "Flüchtlingskrise",
        "Außenminister",
        "Bundespräsident",
        "Finanzminister",
        "Innenministerin",
        "Wirtschaftskammer",
        "Arbeitslosigkeit",
        "Verfassungsgerichtshof",
        "Hilfe",
        "Waffen",
        "Minister",
        "Krise",
    ],
    "folded": [
        "Fluechtlinge",
        "Oesterreich",
        "Tuerkei",
        "Muenchen",
        "Strasse",
        "Aussenminister",
        "Bruessel",
        "Praesident",
        "Buergermeister",
        "Fluechtlingskrise",
    ],
    "phrase": [
        '"Europäische Union"',
        '"Vereinte Nationen"',
        '"Champions League"',
        '"Islamischer Staat"',
        '"Van der Bellen"',
        '"neue Regierung"',
        '"Mikl-Leitner"',
    ],
    "filter": [
        "person:Merkel",
        "person:Faymann",
        'person:"Van der Bellen"',
        "place:Wien",
        "place:Syrien",
        "place:Brüssel",
        "date:2016",
        "date:2015-09 Flüchtlinge",
        "date:[2015-09-01 TO 2015-12-31] Grenze",
        "person:Strache place:Wien",
    ],
    "prefix": ["Flücht*", "Regier*", "Wahl*", "Grenz*", "Sicherheits*", "Minist*", "Bundes*"],
    "fuzzy": [
        "Merkl~",
        "Faiman~",
        "Flüchtlnge~",
        "Grichenland~",
        "Mitterlener~",
        "Erdogan~",
        "Tsiprass~",
        "Wahlkampf~",
    ],
    "boolean": [
        "Syrien AND Russland",
        "Merkel OR Faymann",
        "Flüchtlinge NOT Griechenland",
        "(Wien OR Graz) AND Polizei",
    ],
}

QUERIES: list[Query] = [Query(q, cat) for cat, qs in _CATEGORIES.items() for q in qs]
"""73 queries in 8 categories."""


def select_queries(n: int | None = None) -> list[Query]:
    """The first `n` queries taking categories in turn (all when n is None),
    so a short list still mixes words, compounds, filters, prefix and fuzzy."""
    if n is None or n >= len(QUERIES):
        return list(QUERIES)
    pools = [[q for q in QUERIES if q.category == c] for c in _CATEGORIES]
    out: list[Query] = []
    depth = 0
    while len(out) < n:
        for pool in pools:
            if depth < len(pool) and len(out) < n:
                out.append(pool[depth])
        depth += 1
    return out


SMOKE_QUERIES: list[Query] = select_queries(len(_CATEGORIES))
"""One query per category, for the smoke run."""

TYPED: list[str] = [
    "Brüssel",
    "Flüchtlinge",
    "Regierung",
    "Außenminister",
    "Mikl-Leitner",
    "Griechenland",
    "Bundespräsident",
    "Türkei",
    "Van der Bellen",
    "Syrien Russland",
]
"""Typed letter by letter: "B", "Br", "Brü", …"""


def keystrokes(text: str) -> list[str]:
    """The input after each keystroke (trailing spaces skipped: no new query)."""
    return [text[:i] for i in range(1, len(text) + 1) if not text[:i].endswith(" ")]
