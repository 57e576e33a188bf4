"""Merging person mentions into one entity per person, named by its fullest form.

"Antony Blinken", "Blinken" and "Blinkens" become one person; "Kim Jong-un" and
"Kim Jong Un" too; "Wladimir Putin" and "Vladimir Putin" (same surname, similar
first name) as well, while "Joe Biden" and "Hunter Biden" stay apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache

from index.records import Entity


@dataclass
class _Person:
    tokens: tuple[str, ...]
    first: int
    forms: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.forms.values())

    @cached_property
    def surface(self) -> str:
        return " ".join(self.tokens)

    @cached_property
    def norms(self) -> frozenset[str]:
        """Its tokens and their last hyphen parts, normalised (what a lone surname matches)."""
        return frozenset(n for t in self.tokens for n in (_norm(t), _norm(t.split("-")[-1])))


@lru_cache(maxsize=1 << 16)
def _norm(name: str) -> str:
    """Lower-cased letters and digits only (remembered: the same names are compared often)."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if _norm(a[-1]) != _norm(b[-1]):
        # Different last tokens: the full names can still normalise alike ("Jong-un"/"Jong Un").
        return _norm(" ".join(a)) == _norm(" ".join(b))
    if _norm(" ".join(a)) == _norm(" ".join(b)):
        return True
    # Same surname: a spelling variant of the first name ("Wladimir"/"Vladimir").
    return SequenceMatcher(None, a[0].lower(), b[0].lower()).ratio() >= 0.75


def _strip_genitive(word: str) -> str | None:
    if len(word) > 3 and word[-1] in "s'’" and word[-2] not in "sxzß":
        return word[:-1].rstrip("'’")
    return None


def merge_people(
    mentions: Sequence[tuple[int, tuple[str, ...]]], extra: Sequence[str] = ()
) -> list[Entity]:
    """People from (position, tokens) mentions; `extra` adds names known otherwise (byline)."""
    people: list[_Person] = []
    multi = sorted((m for m in mentions if len(m[1]) > 1), key=lambda m: (-len(m[1]), m[0]))
    singles = [m for m in mentions if len(m[1]) == 1]
    for pos, toks in multi:
        surface = " ".join(toks)
        target = next((p for p in people if _same_person(p.tokens, toks)), None)
        if target is None and len(toks) < 4:
            # "Jens Stoltenberg" within an already seen "Jens Stoltenberg Junior"-like longer name.
            target = next((p for p in people if surface in p.surface), None)
        if target is None:
            target = _Person(toks, pos)
            people.append(target)
        target.first = min(target.first, pos)
        target.forms[surface] = target.forms.get(surface, 0) + 1
    for name in extra:
        toks = tuple(name.split())
        if not any(_same_person(p.tokens, toks) for p in people):
            people.append(_Person(toks, 10**9, {name: 0}))
    for pos, (word,) in sorted(singles):
        target = _match_single(people, word)
        if target is None:
            target = _Person((word,), pos)
            people.append(target)
        target.first = min(target.first, pos)
        target.forms[word] = target.forms.get(word, 0) + 1
    out = []
    for p in sorted(people, key=lambda p: (-max(p.count, 1), p.first)):
        name = " ".join(p.tokens)
        aliases = tuple(f for f in p.forms if f != name)
        out.append(Entity(name=name, kind="person", count=max(p.count, 1), aliases=aliases))
    return out


def _match_single(people: list[_Person], word: str) -> _Person | None:
    """The person a lone surname (or its genitive) refers to, if any."""
    stem = _strip_genitive(word)
    for candidate in (word, stem):
        if not candidate:
            continue
        key = _norm(candidate)
        by_last = [p for p in people if _norm(p.tokens[-1]) == key]
        if not by_last:
            # Family-name-first names ("Yoon" of "Yoon Suk Yeol") and particles
            # ("Sudani" of "al-Sudani").
            by_last = [p for p in people if len(p.tokens) > 1 and key in p.norms]
        if by_last:
            return max(by_last, key=lambda p: (len(p.tokens) > 1, p.count))
    return None
