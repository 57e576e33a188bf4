"""Author and source from bylines ("Von Jennifer Hansler von CNN", "Von Euronews mit AP")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.extract.gazetteer import load, lookup_key

_BYLINE = re.compile(
    # At the start of the line (after a bullet or dash at most): "Von" inside a
    # title ("Literaturprojekt: Von Helsinki nach Zypern") is not a byline.
    r"^[\s\-–—•·|*]*(?:Von|Autor(?:in)?:|By)\s+(?P<who>[^,;|\n]+?)"
    r"(?:\s*(?:,|\bvon\b|\bfür\b|\bfor\b|\bfrom\b|\|)\s*(?P<src>[^,;|\n]+?))?\s*$"
)
_SOURCE_LINE = re.compile(r"^\s*(?:Quelle|Source)\s*[:!]+\s*(?P<src>\S.{0,60}?)\s*$", re.IGNORECASE)
_CONNECTOR = re.compile(r"\s+(?:mit|und|with|/)\s+")
_WITH = re.compile(r"\s+(?:mit|und|with|/)\s+.*$")
# Sources that are written in lower case: news agencies and web addresses.
_LOWER_SOURCE = re.compile(
    r"^(?:dpa|epd|kna|sid|dapd|ddp|apa|afp|ap|reuters|[a-z0-9][a-z0-9-]*\.(?:de|at|ch|com|net|org|eu))$"
)
_NAME_WORD = re.compile(r"^[A-ZÄÖÜ][\w'’.-]*$")


def _looks_like_person(words: list[str]) -> bool:
    gaz = load()
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
        return False
    return words[0] in gaz.first_names or (words[0].rstrip(".").isalpha() and len(words[0]) <= 2)


def _source_word(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or bool(_LOWER_SOURCE.match(word))


def _names_a_source(who: str) -> bool:
    """A source named alone ("Von Euronews mit AP", "Von CNN"): every word of it
    and of what follows "mit"/"und" a name word, the first part no known place.
    "Von Berlin nach Paris", "Von Merkel lernen" or "Von T-Shirts und kurzen
    Hosen …" is a sentence or a title, not a byline."""
    parts = [p.strip(" .:-–").split() for p in _CONNECTOR.split(who)]
    if not parts[0] or sum(map(len, parts)) > 6:
        return False
    if not all(part and all(_source_word(w) for w in part) for part in parts):
        return False
    return lookup_key(tuple(parts[0])) not in load().places


def _clean_source(src: str) -> str | None:
    src = _WITH.sub("", src.strip()).strip(" .:-–")
    if not src or len(src) > 40:
        return None
    return src if src[0].isupper() or src[0].isdigit() or _LOWER_SOURCE.match(src) else None


def byline(lines: Sequence[str]) -> tuple[str | None, str | None]:
    """(author, source) from the first byline-like line; either may be None."""
    author: str | None = None
    source: str | None = None
    for line in lines:
        line = re.sub(r"\bdate\s+\S+", " ", line).strip()
        m = _BYLINE.search(line)
        if m and len(line) <= 100:
            who = m.group("who").strip()
            src = m.group("src")
            words = _WITH.sub("", who).split()
            if _looks_like_person(words):
                author = " ".join(words)
                source = _clean_source(src) if src else None
            elif _names_a_source(who) and (not src or _WITH.search(" " + who)):
                source = _clean_source(who)
            if author or source:
                return author, source
        sm = _SOURCE_LINE.match(line)
        if sm and source is None:
            source = _clean_source(sm.group("src"))
    return author, source
