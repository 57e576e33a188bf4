"""Document-level scoring of people and places against SmartData gold spans.

Gold entities of one document are its PERSON mentions (people) and its
LOCATION / LOCATION_CITY mentions (places; streets, stops and routes are not
places), grouped into one entity per name:

- surfaces are normalised (case, punctuation and spacing ignored; a trailing
  genitive -s/-' is also tried without it: "Griechenlands" ~ "Griechenland");
- a one-word gold person that is the surname of a fuller gold name in the same
  document joins that person ("Tsipras" -> "Alexis Tsipras");
- lower-case gold places ("griechischen") are adjectives, not place names: left out.

A found entity matches a gold entity when its name or one of its aliases (forms
the article used) equals one of the gold entity's surfaces under that
normalisation; for people also when one of the two is only the surname of the
other (a one-word name equal to the last word of the other's name). Each gold
entity is matched at most once: a second found entity for the same gold entity
(the same person listed twice) counts as a false positive. One found entity
covers every gold entity it matches: the gold knows no aliases, so "NRW" and
"Nordrhein-Westfalen" are two gold entries for one place whose forms the
found entity lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from index.records import Entity


def norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def variants(name: str) -> set[str]:
    """Normalised forms of a surface: itself and without a genitive ending."""
    key = norm(name)
    out = {key}
    stripped = name.rstrip(".,;:!?")
    if stripped.endswith(("s", "'", "’")) and len(key) > 3:
        out.add(norm(stripped[:-1]))
    return out


@dataclass
class GoldEntity:
    surfaces: set[str] = field(default_factory=set)
    """Normalised surface variants."""
    surname: str = ""
    full: bool = False
    """Whether the gold names this entity with more than one word anywhere."""


def gold_entities(surfaces: Iterable[str], kind: str) -> list[GoldEntity]:
    """Group a document's gold mention surfaces of one kind into entities."""
    names = [" ".join(s.strip(" .,;:!?\"'«»„“”()").split()) for s in surfaces]
    names = [n for n in names if n and (kind == "person" or n[:1].isupper())]
    out: list[GoldEntity] = []
    multi = sorted({n for n in names if " " in n}, key=len, reverse=True)
    single = sorted({n for n in names if " " not in n})
    for name in multi:
        vs = variants(name)
        target = next((g for g in out if g.surfaces & vs), None)
        if target is None:
            target = GoldEntity(surname=norm(name.split()[-1]), full=True)
            out.append(target)
        target.surfaces |= vs
    for name in single:
        vs = variants(name)
        target = next((g for g in out if g.surfaces & vs), None)
        if target is None and kind == "person":
            target = next((g for g in out if g.surname in vs), None)
        if target is None:
            target = GoldEntity(surname=norm(name))
            out.append(target)
        target.surfaces |= vs
    return out


def _matches(entity: Entity, gold: GoldEntity, kind: str) -> bool:
    forms = set().union(*(variants(f) for f in (entity.name, *entity.aliases)))
    if forms & gold.surfaces:
        return True
    if kind != "person":
        return False
    words = entity.name.split()
    if len(words) == 1:
        return gold.surname in variants(words[0])
    # A fuller found name for a gold person the article names by surname only.
    return not gold.full and norm(words[-1]) == gold.surname


@dataclass
class DocScore:
    tp_found: int = 0
    found: int = 0
    tp_gold: int = 0
    gold: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def p(self) -> float:
        return self.tp_found / self.found if self.found else 1.0

    def r(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    def add(self, other: DocScore) -> None:
        self.tp_found += other.tp_found
        self.found += other.found
        self.tp_gold += other.tp_gold
        self.gold += other.gold
        self.wrong.extend(other.wrong)
        self.missed.extend(other.missed)


def score_document(found: Sequence[Entity], gold: list[GoldEntity], kind: str) -> DocScore:
    score = DocScore(found=len(found), gold=len(gold))
    used: set[int] = set()
    for entity in found:
        hits = [i for i, g in enumerate(gold) if i not in used and _matches(entity, g, kind)]
        if not hits:
            score.wrong.append(entity.name)
        else:
            # The gold groups by surface only: "NRW" and "Nordrhein-Westfalen" are two gold
            # entries that one found entity, having used both forms, rightly covers.
            used.update(hits)
            score.tp_found += 1
    score.tp_gold = len(used)
    score.missed.extend(sorted(g.surfaces)[0] for i, g in enumerate(gold) if i not in used)
    return score
