"""Sentence-level span rules for organisations and for words that are no names.

A name after a company noun is an organisation ("des Motorradherstellers Harley
Davidson", "der Bank Barclays"); a sports club is one span ("VfL Bochum", "TSV
München 1860"); a one-word "place" or "organisation" that is a German common noun
or adjective no table knows ("Russen", "Münchner", "Deutschen") is no name.
"""

from __future__ import annotations

from index.extract.gazetteer import load, lookup_key
from index.extract.known import ORG_NAMES

Triple = tuple[int, int, str]


def common_noun(words: list[str], a: int, b: int) -> bool:
    """A one-word span that is a German common noun and no name any table knows
    ("Quarzsand", "Wirtschaftsministeriums", "Zoos"): no place and no organisation."""
    if b - a != 1:
        return False
    w = words[a]
    gaz = load()
    if w.isupper() or w in ORG_NAMES or (w,) in gaz.orgs or lookup_key((w,)) in gaz.orgs:
        return False
    if gaz.places.get(lookup_key((w,))) is not None:
        return False
    cls = gaz.lexicon.get(w.lower())
    if cls is not None:
        return cls.startswith("NN")
    return w in gaz.nouns


ORG_CUES = (
    "hersteller",
    "konzern",
    "firma",
    "unternehmen",
    "sender",
    "bank",
    "verlag",
    "label",
    "marke",
    "band",
    "club",
    "klub",
    "verein",
    "partei",
    "zeitung",
    "magazin",
    "zeitschrift",
    "mannschaft",
    "ensemble",
    "orchester",
    "agentur",
    "autobauer",
    "versicherer",
    "anbieter",
    "dienstleister",
    "zulieferer",
    "reederei",
    "brauerei",
    "fluggesellschaft",
    "airline",
    "discounter",
    "rennstall",
)
"""Nouns (and compounds ending in them) that introduce an organisation's name:
"die Bank Barclays", "des Motorradherstellers Harley Davidson", "das Label Sun Records"."""


def org_cue(words: list[str], a: int) -> bool:
    """Whether the word before position `a` introduces an organisation's name."""
    if a == 0 or not words[a - 1][:1].isupper():
        return False
    low = words[a - 1].lower()
    for stem in (
        low,
        low[:-1] if low.endswith("s") else low,
        low[:-2] if low.endswith("es") else low,
    ):
        if stem.endswith(ORG_CUES):
            return True
    return False


def adjective(words: list[str], a: int, b: int, cls: str) -> bool:
    """A one-word "place" or "organisation" that German uses as an adjective or demonym
    and no table knows as a name ("Münchner", "Deutschen", "US-amerikanische")."""
    if b - a != 1 or cls not in ("LOC", "ORG"):
        return False
    w = words[a]
    gaz = load()
    if w in ORG_NAMES or (w,) in gaz.orgs or gaz.places.get(lookup_key((w,))) is not None:
        return False
    word_class = gaz.lexicon.get(w.lower(), "")
    return word_class == "ADJ" or (cls == "LOC" and word_class == "ADJ+NE")


CLUB_PREFIXES = frozenset(
    "FC SV TSV VfL VfB SC SSV BSC SpVgg TuS SG FSV SSC TSG MSV ESV VfR SuS DJK TV SK".split()  # noqa: SIM905
)
"""Abbreviations that open a German sports club's name ("VfL Bochum", "TSV 1860")."""


def _club_number(word: str) -> bool:
    return word.isdigit() and len(word) in (2, 4)  # "Schalke 04", "Naumburger SV 1905"


def club_spans(words: list[str], spans: list[Triple]) -> list[Triple]:
    """Sports clubs whole: "VfL" + "Bochum", "TSV München" + "1860", not "Aufsteiger FC X"."""
    n = len(words)
    out: list[Triple] = []
    for a, b, cls in spans:
        if cls == "ORG" and any(w in CLUB_PREFIXES for w in words[a:b]):
            if b - a > 1 and words[a + 1] in CLUB_PREFIXES and _is_common_noun(words[a]):
                a += 1  # "der Aufsteiger FC Burlafingen"
            while b < n and b - a == 1 and words[b][:1].isupper() and words[b].isalpha():
                b += 1  # "VfL Bochum"
            if b < n and _club_number(words[b]):
                b += 1
        out.append((a, b, cls))
    return [s for i, s in enumerate(out) if not (i and out[i - 1][1] > s[0])]


def _is_common_noun(word: str) -> bool:
    gaz = load()
    cls = gaz.lexicon.get(word.lower())
    return cls.startswith("NN") if cls is not None else word in gaz.nouns
