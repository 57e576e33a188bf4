"""Author and source from bylines ("Von Jennifer Hansler von CNN", "Von Euronews mit AP")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.extract.gazetteer import load

_BYLINE = re.compile(
    r"(?:^|\s)(?:Von|Autor(?:in)?:|By)\s+(?P<who>[^,;|\n]+?)"
    r"(?:\s*(?:,|\bvon\b|\bfür\b|\bfor\b|\bfrom\b|\|)\s*(?P<src>[^,;|\n]+?))?\s*$"
)
_SOURCE_LINE = re.compile(r"^\s*(?:Quelle|Source)\s*[:!]+\s*(?P<src>\S.{0,60}?)\s*$", re.IGNORECASE)
_WITH = re.compile(r"\s+(?:mit|und|with|/)\s+.*$")
_NAME_WORD = re.compile(r"^[A-ZÄÖÜ][\w'’.-]*$")


def _looks_like_person(words: list[str]) -> bool:
    gaz = load()
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
        return False
    return words[0] in gaz.first_names or (words[0].rstrip(".").isalpha() and len(words[0]) <= 2)


def _clean_source(src: str) -> str | None:
    src = _WITH.sub("", src.strip()).strip(" .:-–")
    return src if src and len(src) <= 40 and src[0].isupper() else None


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
            elif len(who.split()) <= 4 and (not src or _WITH.search(" " + who)):
                source = _clean_source(who)
            if author or source:
                return author, source
        sm = _SOURCE_LINE.match(line)
        if sm and source is None:
            source = _clean_source(sm.group("src"))
    return author, source
