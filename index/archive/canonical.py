"""One identity per person, place and organisation across the archive.

Each article names an entity by the fullest form it uses ("John Kerry"), but
another article may only ever say "Kerry", and organisations are written
"Nato", "NATO" or "Nordatlantikpakt". Counting over many articles (facets, the
map, dossiers, `diplo-reader entities`) needs one key for all of them. This
module decides it from the archive's names alone, with rules a reader can
check:

- Case, diacritics-as-written, hyphens and spacing do not make a new entity
  ("NATO" / "Nato", "Al-Sudani" / "al Sudani").
- A one-word person name is the person whose full name ends in that word
  ("Kerry" -> "John Kerry") when the archive has exactly one such full name,
  or one that accounts for at least `DOMINANT` of the articles of all of them
  (two Kerrys of equal weight stay apart, and "Kerry" stays alone).
- A multi-word person name that adds middle names to another one with the same
  first and last word ("Barack Hussein Obama" / "Barack Obama") is that one.
- Organisations known under several names are joined by `ORG_ALIASES`, a small
  hand-written table of international bodies common in diplomacy news.
- The name shown is the form most articles use (ties: the longer, then the
  alphabetically first); the aliases are all the other forms.

Pure and cheap: called once per distinct name when the archive's columns are
built, never per hit.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

DOMINANT = 0.8
"""Share of articles a full name needs among all full names ending in the same
surname before a bare surname is taken to mean it."""

ORG_ALIASES: dict[str, tuple[str, ...]] = {
    "NATO": (
        "Nato",
        "Nordatlantikpakt",
        "Nordatlantische Allianz",
        "Nordatlantikvertrag-Organisation",
    ),
    "UN": ("UNO", "Vereinte Nationen", "Vereinten Nationen", "United Nations"),
    "EU": ("Europäische Union", "Europäischen Union", "European Union"),
    "OSZE": ("OSCE", "Organisation für Sicherheit und Zusammenarbeit in Europa"),
    "IAEA": (
        "IAEO",
        "Internationale Atomenergiebehörde",
        "Internationale Atomenergie-Organisation",
    ),
    "WHO": ("Weltgesundheitsorganisation",),
    "IWF": ("IMF", "Internationaler Währungsfonds", "Internationale Währungsfonds"),
    "G7": ("Gruppe der Sieben", "G-7"),
    "G20": ("Gruppe der Zwanzig", "G-20"),
    "ASEAN": ("Verband Südostasiatischer Nationen",),
    "AU": ("Afrikanische Union", "Afrikanischen Union"),
    "Arabische Liga": ("Arabischen Liga",),
    "UN-Sicherheitsrat": ("Sicherheitsrat", "Weltsicherheitsrat", "UN-Weltsicherheitsrat"),
    "IStGH": ("Internationaler Strafgerichtshof", "Internationalen Strafgerichtshof", "ICC"),
    "UNHCR": ("UN-Flüchtlingshilfswerk", "Flüchtlingshilfswerk der Vereinten Nationen"),
    "Europarat": ("Council of Europe",),
    "EU-Kommission": ("Europäische Kommission", "Europäischen Kommission"),
    "WTO": ("Welthandelsorganisation",),
}
"""Canonical name -> other names of the same organisation (names, not data
from any dataset: written for this table)."""

_SPACES = re.compile(r"[\s\-‐‑–_]+")


def fold(name: str) -> str:
    """The comparison form of a name: NFC, case-folded, hyphens and spaces as one space."""
    text = unicodedata.normalize("NFC", name)
    return _SPACES.sub(" ", text).strip().casefold()


def _surname(folded: str) -> str:
    return folded.rsplit(" ", 1)[-1]


_ORG_KEY = {fold(alias): fold(canon) for canon, aliases in ORG_ALIASES.items() for alias in aliases}
_ORG_KEY.update({fold(canon): fold(canon) for canon in ORG_ALIASES})


@dataclass
class Identities:
    """The archive's entities of one kind: name -> key, key -> shown name, aliases."""

    kind: str
    key_of: dict[str, str] = field(default_factory=dict)
    """Every name as written -> its identity key."""
    shown: dict[str, str] = field(default_factory=dict)
    """Identity key -> the name to show."""
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Identity key -> the other forms used for it in the archive."""

    def key(self, name: str) -> str:
        """The identity key of `name` (a name not seen when this was built gets its own)."""
        return self.key_of.get(name) or f"{self.kind}:{self.base(fold(name))}"

    def base(self, folded: str) -> str:
        """The identity root of a folded name (an organisation: its canonical name)."""
        return _ORG_KEY.get(folded, folded) if self.kind == "org" else folded


def resolve(kind: str, articles_by_name: Mapping[str, int]) -> Identities:
    """Identities for the names of one `kind` ("person", "place", "org", …),
    given in how many articles each name (as written) occurs."""
    ids = Identities(kind)
    folded_weight: dict[str, int] = defaultdict(int)
    forms: dict[str, list[str]] = defaultdict(list)
    for name, n in articles_by_name.items():
        base = ids.base(fold(name))
        if not base:
            continue
        folded_weight[base] += n
        forms[base].append(name)
    target = {base: base for base in folded_weight}
    if kind == "person":
        target.update(_person_merges(folded_weight))
    groups: dict[str, list[str]] = defaultdict(list)
    for base, names in forms.items():
        groups[target[base]].extend(names)
    for root, names in groups.items():
        key = f"{kind}:{root}"
        ordered = sorted(names, key=lambda s: (-articles_by_name[s], -len(s), s))
        for name in names:
            ids.key_of[name] = key
        ids.shown[key] = ordered[0]
        ids.aliases[key] = tuple(ordered[1:])
    return ids


def _person_merges(weight: Mapping[str, int]) -> dict[str, str]:
    """Folded person names that are another person's name: surname only, or
    the same first and last name with middle names added."""
    merges: dict[str, str] = {}
    full = [n for n in weight if " " in n]
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in full:
        words = name.split(" ")
        by_ends[(words[0], words[-1])].append(name)
    for names in by_ends.values():
        if len(names) > 1:
            # The shortest form (fewest words, then most articles) stands for all.
            root = min(names, key=lambda s: (s.count(" "), -weight[s], s))
            merges.update({n: root for n in names if n != root})
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in full:
        if merges.get(name, name) == name:
            by_surname[_surname(name)].append(name)
    for name in weight:
        if " " in name:
            continue
        candidates = by_surname.get(name, [])
        if not candidates:
            continue
        total = sum(weight[c] for c in candidates)
        best = max(candidates, key=lambda c: (weight[c], c))
        if len(candidates) == 1 or weight[best] >= DOMINANT * total:
            merges[name] = best
    return merges
