"""Sentence-level span rules for organisations and for words that are no names.

A name after a company noun is an organisation ("des Motorradherstellers Harley
Davidson", "der Bank Barclays", "die Band „Rainrock“"); a sports club is one span
("VfL Bochum", "TSV München 1860"); a one-word "place" or "organisation" that is a
German common noun or adjective no table knows ("Russen", "Münchner", "Deutschen")
is no name. The agency of a dateline is an organisation ("Berlin (dpa) -"); a
product ("der Audi A3") and a stock index ("der DAX") are not.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from index.extract.cues import DASHES, SPEECH_VERBS
from index.extract.docpass import Span
from index.extract.gazetteer import load, lookup_key
from index.extract.known import KNOWN_SURNAMES, MARKET_INDICES, ORG_NAMES
from index.extract.spanrules import (
    COORDINATORS,
    NEAR_ADJECTIVES,
    REGION_ADJECTIVE_ENDINGS,
    ROUTE_HEADS,
    STREET_SUFFIXES,
    coordinated_spans,
    person_bounds,
    region_places,
    speaker_spans,
    street_spans,
)

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
    return w in gaz.nouns or _person_noun_compound(w) or _name_compound(w)


def _person_noun_compound(word: str) -> bool:
    """A compound ending in a noun for people ("Grundwehrdiener", "Asylwerberin"): no place."""
    low = word.lower()
    if not low.endswith(("er", "erin", "erinnen")) or not word.isalpha():
        return False
    nouns = load().nouns
    stem = word[:-5] if low.endswith("erinnen") else word
    stem = stem[:-2] if low.endswith("erin") else stem
    # A noun for people has a feminine form: "Diener"/"Dienerin", not "Winter", "Weiler".
    return any(
        stem[i:].capitalize() in nouns and stem[i:].capitalize() + "in" in nouns
        for i in range(2, len(stem) - 4)
    )


def _name_compound(word: str) -> bool:
    """A person's name joined to a common noun ("Merkel-Wunderland", "Trump-Effekt")."""
    head, sep, tail = word.partition("-")
    if not sep or not tail[:1].isupper() or "-" in tail:
        return False
    gaz = load()
    if head not in KNOWN_SURNAMES:
        return False  # only well-known people: "Wals-Siezenheim" is a town
    place = gaz.places.get(lookup_key((head,)))
    if place is not None and (place.kind != "city" or place.population >= 20_000):
        return False  # "Berlin-Mitte", "Wien-Favoriten"
    return tail in gaz.nouns or any(
        tail[i:].capitalize() in gaz.nouns for i in range(1, len(tail) - 3)
    )


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


def _model_code(word: str) -> bool:
    """A product's model designation: "A3", "GT40", "C4.", "767-200", "307" (not "04", "1860")."""
    w = word.rstrip(".")
    if not any(ch.isdigit() for ch in w):
        return False
    if any(ch.isalpha() for ch in w):
        return len(w) <= 8 and w[:1].isalnum()
    parts = w.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return True  # "767-200"
    return w.isdigit() and len(w) == 3  # "Peugeot 307", "Boeing 747"


def product_name(words: list[str], a: int, b: int) -> bool:
    """A brand followed by (or ending in) a model designation names a product, not the
    company: "der Audi A3", "die Boeing 767-200", "ein Citroën C4." (clubs keep "Schalke 04")."""
    if b - a > 1 and _model_code(words[b - 1]) and words[a] not in CLUB_PREFIXES:
        return True
    return b < len(words) and _model_code(words[b]) and words[a] not in CLUB_PREFIXES


def agency_spans(words: list[str]) -> list[Triple]:
    """The news agency of a dateline: "Berlin (dpa) -", "Bad Segeberg (ots) -", "(dpa/tmn)"."""
    out: list[Triple] = []
    for i in range(1, len(words) - 3):
        if words[i] != "(" or words[i + 2] != ")" or words[i + 3] not in DASHES:
            continue
        prev, agency = words[i - 1], words[i + 1]
        gaz = load()
        agency_like = (  # not "Hyperarousal (Übererregtheit) -"
            agency[:1].islower()  # "dpa", "ots", "sda"
            or agency.isupper()  # "AFP", "AZ"
            or "/" in agency  # "dpa/tmn"
            or agency in ORG_NAMES
            or (agency,) in gaz.orgs
        )
        if (
            prev[:1].isupper()
            and agency_like
            and 2 <= len(agency) <= 14
            and agency.replace("/", "").replace("-", "").isalnum()
            and not agency.isdigit()
        ):
            out.append((i + 1, i + 2, "ORG"))
    return out


_ROMAN = frozenset("IVXLC")


def _name_word(word: str) -> bool:
    gaz = load()
    if not word[:1].isupper() or not word.replace("-", "").replace(".", "").isalnum():
        return False
    if set(word) <= _ROMAN or any(ch.isdigit() for ch in word):
        return False  # "Band IV", "Band 3": a volume, not a name
    if word in gaz.first_names or gaz.places.get(lookup_key((word,))) is not None:
        return False  # "der Band Larry Gott", "am Sender Hof": a person, a place
    cls = gaz.lexicon.get(word.lower())
    if cls is not None:
        return cls.startswith("NE")
    tail = word.rsplit("-", 1)[-1]
    return not any(
        tail[i:].capitalize() in gaz.nouns for i in range(len(tail) - 4)
    )  # "der Verein Lobbybesuche", "Fontane-Lesungen": a compound noun


def _unknown_word(word: str) -> bool:
    return load().lexicon.get(word.lower()) is None


def _strict_cue(words: list[str], i: int) -> bool:
    """An organisation noun before `i`, not a book ("Gedichtband") nor a volume ("Band 3")."""
    low = words[i - 1].lower()
    return org_cue(words, i) and (low == "band" or not low.endswith(("band", "bands")))


_CUE_FORMS = (*ORG_CUES, *(c + "s" for c in ORG_CUES), *(c + "es" for c in ORG_CUES))
_CUE_LAST = frozenset(c[-1] for c in _CUE_FORMS)
_QUOTES = frozenset(("„", '"', "«", "»", "“"))


def cued_org_spans(words: list[str]) -> list[Triple]:
    """A name right after an organisation noun: "die Band Rainrock", "der Partei Kuomintang",
    "das Label Konichiwa", "die Zeitung „Rote Fahne“" (quoted, up to four words)."""
    out: list[Triple] = []
    n = len(words)
    for i in range(1, n):
        nxt = words[i]
        if not nxt[:1].isupper() and nxt not in _QUOTES:
            continue
        cue = words[i - 1]
        if (
            len(cue) < 4
            or cue[-1] not in _CUE_LAST
            or not cue[:1].isupper()
            or not cue.lower().endswith(_CUE_FORMS)
        ):
            continue  # the cheap test first: most words are no organisation noun
        if not _strict_cue(words, i):
            continue
        j = i
        quoted = words[j] in ("„", '"', "«", "»", "“")
        if quoted:
            j += 1
        k = j
        if quoted:
            while k < n and k - j < 4 and words[k] not in ("“", '"', "«", "»", "”"):
                k += 1
            if k == j or k >= n or k - j >= 4 or not words[j][:1].isupper():
                continue
        else:
            while k < n and k - j < 3 and _name_word(words[k]):
                if k > j and words[k] in load().surnames and _unknown_word(words[k]):
                    break  # a surname no lexicon knows after the name: its host, not the show
                k += 1
            if k == j:
                continue
        out.append((j, k, "ORG"))
    return out


def _keep(words: list[str], s: Span) -> bool:
    # "der DAX", "die Boeing 767-200": an index or a product
    return s.cls != "ORG" or not (
        tuple(words[s.a : s.b]) in MARKET_INDICES or product_name(words, s.a, s.b)
    )


INSTITUTION_HEADS = (
    "universität",
    "hochschule",
    "akademie",
    "museum",
    "galerie",
    "kunsthalle",
    "theater",
    "schauspielhaus",
    "oper",
    "staatsoper",
    "bühne",
    "orchester",
    "philharmonie",
    "philharmoniker",
    "symphoniker",
    "sinfoniker",
    "festspiele",
    "filmfest",
    "festival",
    "landesbank",
    "sparkasse",
    "klinikum",
    "universitätsklinikum",
)
"""Nouns that name an institution with the town after them ("Universität Wien", "Staatsgalerie
Stuttgart", "Kammerorchester Prag"): the two words are one organisation, not a place."""


def _institution_head(word: str) -> bool:
    low = word.lower()
    return word[:1].isupper() and low.endswith(INSTITUTION_HEADS)


def _team_word(word: str) -> bool:
    """The plural nickname of a team after its town ("Toronto Raptors", "Calgary Flames")."""
    gaz = load()
    return (
        len(word) > 3
        and word[:1].isupper()
        and word[1:].islower()
        and word.endswith("s")
        and word.isalpha()
        and gaz.lexicon.get(word.lower()) is None
        and word not in gaz.nouns
        and word[:-1] not in gaz.nouns
        and word[:-1] not in gaz.surnames  # "in Japan Rodins Signatur": a genitive
    )


def _town(words: list[str], a: int, b: int) -> bool:
    """A town named in the nominative ("Toronto", not "Bremerhavens")."""
    place = load().places.get(lookup_key(tuple(words[a:b])))
    return place is not None and place.kind == "city" and place.name == " ".join(words[a:b])


def merge_institutions(words: list[str], si: int, spans: list[Span]) -> list[Span]:
    """A place after an institution noun or a club abbreviation is part of an organisation
    ("Universität Wien", "TV Amberg"); a town before a team's nickname is the team
    ("Toronto Raptors")."""
    covered = {i for s in spans for i in range(s.a, s.b)}
    out: list[Span] = []
    for s in spans:
        if s.cls == "LOC" and s.a > 0 and s.a - 1 not in covered:
            head = words[s.a - 1]
            if _institution_head(head) or head in CLUB_PREFIXES:
                out.append(Span(si, s.a - 1, s.b, "ORG", s.tagged))
                continue
        if (
            s.cls == "LOC"
            and s.b < len(words)
            and s.b not in covered
            and _team_word(words[s.b])
            and _town(words, s.a, s.b)
        ):
            out.append(Span(si, s.a, s.b + 1, "ORG", s.tagged))
            continue
        out.append(s)
    return out


_PAREN, _CUE, _STREET, _SPEECH, _REGION = 1, 2, 4, 8, 16


def _sentence_flags(words: list[str]) -> int:
    """The rules a sentence may trigger, from set operations over words seen before."""
    if not _SEEN.issuperset(words):
        if len(_SEEN) > _SEEN_MAX:
            _SEEN.clear()
            _TRIGGERS.clear()
        for w in set(words).difference(_SEEN):
            f = _rule_flags(w)
            if f:
                _TRIGGERS[w] = f
            _SEEN.add(w)
    if _TRIGGERS.keys().isdisjoint(words):
        return 0  # four sentences in five: no set of hits to make
    return reduce(or_, (_TRIGGERS[w] for w in _TRIGGERS.keys() & words), 0)


_SEEN: set[str] = set()
_TRIGGERS: dict[str, int] = {}
_SEEN_MAX = 200_000
"""Words whose flags are known (cleared when this large: a few MB at most)."""


def _rule_flags(word: str) -> int:
    """Which of `final_spans`' rules a word may trigger (a superset: each rule checks again)."""
    if word == "(":
        return _PAREN
    if word in SPEECH_VERBS:
        return _SPEECH
    if word in ROUTE_HEADS:
        return _STREET
    if word.endswith(REGION_ADJECTIVE_ENDINGS) or word in NEAR_ADJECTIVES:
        return _REGION
    if len(word) < 4 or not word[:1].isupper():
        return 0  # organisation nouns and streets are capitalised
    low = word.lower()
    flags = _STREET if low.endswith(STREET_SUFFIXES) else 0
    if low.endswith(_CUE_FORMS):
        flags |= _CUE
    return flags


def final_spans(words: list[str], si: int, spans: list[Span]) -> list[Span]:
    """The last sentence-level look: products, stock indices and an assembly's name used as
    a title are no organisations; dateline agencies and names after an organisation noun are."""
    classes = {s.cls for s in spans}
    out = [s for s in spans if _keep(words, s)] if "ORG" in classes else spans
    if "LOC" in classes:
        out = merge_institutions(words, si, out)
    if "PER" in classes:
        bounds = person_bounds(words, [(s.a, s.b, s.cls) for s in out])
        out = [
            s if (s.a, s.b) == (a, b) else Span(si, a, b, s.cls, s.tagged)
            for s, (a, b, _c) in zip(out, bounds, strict=True)
        ]
        if "ORG" in classes:
            # "Bundesrat Leuenberger", "Nationalrat Peter Pilz": an assembly's name before a
            # person is the person's title.
            starts = {s.a: s.cls for s in out}
            out = [
                s
                for s in out
                if not (
                    s.cls == "ORG" and s.b - s.a == 1 and starts.get(s.b) == "PER" and not s.tagged
                )
            ]
    # Each rule only where one of its cue words is in the sentence (remembered per word).
    flags = _sentence_flags(words)
    extra: list[Triple] = []
    if ("PER" in classes or "LOC" in classes) and not COORDINATORS.isdisjoint(words):
        extra += coordinated_spans(words, [(s.a, s.b, s.cls) for s in out])
    if not flags and not extra:
        return out
    if flags & _PAREN:
        extra += agency_spans(words)
    if flags & _CUE:
        extra += cued_org_spans(words)
    if flags & _STREET:
        extra += street_spans(words)
    if flags & _SPEECH:
        extra += speaker_spans(words)
    strong: list[Triple] = region_places(words) if flags & _REGION else []
    extra += strong  # as sure as the tagger's: the article's other mentions count too
    if not extra:
        return out
    covered = [False] * len(words)
    for s in out:
        covered[s.a : s.b] = [True] * (s.b - s.a)
    out = list(out)
    for a, b, cls in extra:
        if not any(covered[a:b]):
            out.append(Span(si, a, b, cls, tagged=(a, b, cls) in strong))
            covered[a:b] = [True] * (b - a)
    return sorted(out, key=lambda s: s.a)
