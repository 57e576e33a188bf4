"""Sentence-level span rules around people: honorifics and name particles.

German names a person after an honorific ("Frau Oomen-Ruijten", "Herrn
Castricum", "Frau Kommissarin Wallström", "Frau von Blottnitz"): what follows is
a person even when a town or a company has that name. Roles and honorifics are
never names on their own ("Frau Kommissarin" is no place). A first name is
continued by a nobility particle ("Otto von Bismarck", "Gebhard von Ravenna",
"Walther von der Vogelweide") or an epithet ("Karl der Große"). Organisations and
non-names: `orgrules.py`.
"""

from __future__ import annotations

from functools import lru_cache

from index.extract.cues import SPEECH_VERBS, is_role, is_title_word
from index.extract.docpass import has_common_reading
from index.extract.gazetteer import load, lookup_key
from index.extract.known import KNOWN_SURNAMES, ORG_NAMES

HONORIFICS = frozenset(("Herr", "Herrn", "Frau"))
TITLES = frozenset(("Dr.", "Prof.", "Dr", "Prof"))
PARTICLES = frozenset(("von", "van", "zu", "vom", "de", "di", "da", "della", "del", "dos", "du"))
_ARTICLES = frozenset(("der", "den", "dem"))
ROMANCE_PARTICLES = frozenset(("de", "da", "di", "della", "del", "dos", "do", "du"))
"""Particles inside Romance names, after a first name or a surname ("Lula da Silva",
"Fernando Collor de Mello"): German does not use them as words."""
_ROMANCE_ARTICLES = frozenset(("la", "las", "los", "le"))
_DETERMINERS = frozenset(
    """der die das den dem des ein eine einer einem einen eines jede jeder jeden diese
    dieser diesen keine seine ihre meine deine unsere eure""".split()  # noqa: SIM905
)

Triple = tuple[int, int, str]


def _capitalised_name(word: str) -> bool:
    return (
        len(word) > 1
        and word[:1].isupper()
        and word.replace("-", "").replace("'", "").isalpha()
        and word not in HONORIFICS
        and not is_role(word)
    )


def _plain_name(word: str) -> bool:
    """A capitalised word German does not also use as a common word, or a known name."""
    if not _capitalised_name(word):
        return False
    gaz = load()
    return not has_common_reading(word) or word in gaz.surnames or word in gaz.first_names


def _uncommon_name(word: str) -> bool:
    """After "seine Frau", "eine Frau": a first name or a word with no common reading."""
    return _capitalised_name(word) and (word in load().first_names or not has_common_reading(word))


_ADJECTIVE_ENDINGS = tuple(a + e for a in ("isch", "lich") for e in ("e", "en", "er", "em", "es"))


def _adjective(word: str) -> bool:
    """A capitalised adjective: "Mikrobiologischen", "Statistisches", "Kaiserlichen"."""
    cls = load().lexicon.get(word.lower(), "")
    return cls.startswith("ADJ") or word.lower().endswith(_ADJECTIVE_ENDINGS)


def _particle_end(words: list[str], j: int) -> int:
    """End of "von X", "von der X", "zu X" starting at `j`, or `j` when there is none.

    Not "von Google", "von der Uni": an organisation or a common word is no name part,
    nor an adjective opening an institution's name ("vom Mikrobiologischen Institut").
    """
    n = len(words)
    if j < n and words[j] in PARTICLES:
        k = j + 1
        if k < n and (
            words[k] in _ARTICLES or (words[j] == "de" and words[k] in _ROMANCE_ARTICLES)
        ):
            k += 1  # "von der Leyen", "de la Selva"
        name = words[k] if k < n else ""
        if name and _plain_name(name) and name not in ORG_NAMES and not _adjective(name):
            gaz = load()
            if (words[k],) not in gaz.orgs and lookup_key((words[k],)) not in gaz.orgs:
                return k + 1
    return j


def _after_honorific(words: list[str], i: int) -> tuple[int, int] | None:
    """The name span after the honorific at `i` ("Frau Kommissarin Wallström" -> Wallström)."""
    n = len(words)
    j = i + 1
    while j < n and (words[j] in TITLES or is_role(words[j])) and words[j] not in HONORIFICS:
        j += 1
    start = j
    # "Frau von Blottnitz": the particle belongs to the name
    m = _particle_end(words, j)
    if m == j:
        after_det = i > 0 and words[i - 1].lower() in _DETERMINERS  # "seine Frau Hillary"
        ok = _uncommon_name if after_det else _plain_name
        if j >= n or not ok(words[j]):
            return None
        m = j + 1
        gaz = load()
        # More words only after a first name ("Frau Angela Merkel"), never a common word.
        while m < n and words[m - 1] in gaz.first_names and _plain_name(words[m]):
            m += 1
        m = _particle_end(words, m)
    return start, m


def honorific_people(words: list[str], spans: list[Triple]) -> list[Triple]:
    """Names after Herr/Herrn/Frau are people; spans made only of roles and honorifics go."""
    out = [
        s
        for s in spans
        if not all(w in HONORIFICS or w in TITLES or is_role(w) for w in words[s[0] : s[1]])
    ]
    if HONORIFICS.isdisjoint(words):
        return sorted(out)  # most sentences: no Herr or Frau to look after
    for i, w in enumerate(words):
        if w not in HONORIFICS:
            continue
        found = _after_honorific(words, i)
        if found is None:
            continue
        a, b = found
        if any(sa <= a and b <= sb and c == "PER" for sa, sb, c in out):
            continue  # the tagger's person already covers it (perhaps with more words)
        for sa, sb, c in out:
            if c == "PER" and a <= sa < b < sb:
                b = sb  # a person span running on past the rule's end
        out = [s for s in out if s[1] <= a or s[0] >= b]
        out.append((a, b, "PER"))
    return sorted(out)


def _epithet_end(words: list[str], j: int) -> int:
    """ "Karl der Große", "Ladislaus der Kahle": an article and a capitalised adjective."""
    if j + 1 < len(words) and words[j] in ("der", "die"):
        w = words[j + 1]
        cls = load().lexicon.get(w.lower(), "")
        if w[:1].isupper() and w.endswith("e") and cls.startswith("ADJ"):
            return j + 2
    return j


CAPITAL_PARTICLES = frozenset(
    ("Van", "Von", "De", "Di", "Da", "Du", "Del", "Della", "Dos", "Le", "La", "Ter", "Ten")
)
"""A name's particle written with a capital (`Van der Bellen`, `Le Pen`, `Di Maio`): a
person span never ends in one."""
_PARTICLE_ARTICLES = _ARTICLES | frozenset(("de", "la", "le", "van"))


def _rest_after_particle(words: list[str], b: int) -> int:
    """End of the rest of a name cut after its capital particle at `b - 1` (`Alexander Van`
    + `der Bellen`), or `b` when no name follows."""
    n = len(words)
    k = b + 1 if b < n and words[b] in _PARTICLE_ARTICLES else b
    name = words[k] if k < n else ""
    if name and _plain_name(name) and name not in ORG_NAMES and not _adjective(name):
        return k + 1
    return b


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper() and word.isalpha()


def _initial_end(words: list[str], j: int) -> int:
    """End of a middle initial at `j` ("W" "." "Bush", "W." "Bush") or of an initial
    closing the name ("Susanne R ."), or `j` when there is none."""
    n = len(words)
    if j < n and words[j][:1].isupper() and words[j].rstrip(".").isalpha():
        if len(words[j]) == 2 and words[j].endswith("."):
            k = j + 1  # "W." as one token
        elif _is_initial(words[j]) and j + 1 < n and words[j + 1] == ".":
            k = j + 2
        else:
            return j
        if k < n and _plain_name(words[k]) and words[k] not in ORG_NAMES:
            return k + 1
        return k if k == n or not words[k][:1].isupper() else j
    return j


def join_particles(words: list[str], spans: list[Triple]) -> list[Triple]:
    """A person span ending in a first name runs on over "von X" or an epithet, and one
    ending in a capital particle (or made of one) over the rest of the name."""
    gaz = load()
    out: list[Triple] = []
    skip_until = -1
    for a, b, cls in sorted(spans):
        if a < skip_until:
            continue
        if cls == "PER" and words[b - 1] in CAPITAL_PARTICLES:
            # also a lone particle the tagger took for the name ("Van" + "der Bellen")
            end = _rest_after_particle(words, b)
        elif cls == "PER" and words[b - 1] in gaz.first_names:
            end = _particle_end(words, b)
            if end == b:
                end = _epithet_end(words, b)
            if end == b:
                end = _initial_end(words, b)
        elif cls == "PER" and b < len(words) and words[b] in ROMANCE_PARTICLES:
            end = _particle_end(words, b)  # "Lula" + "da Silva"
        elif cls == "PER" and _is_initial(words[b - 1]):
            end = _initial_end(words, b - 1)  # "George W" + ". Bush", "Susanne R" + "."
        else:
            end = b
        if end > b:
            for sa, sb, _c in spans:
                if b <= sa < end < sb:
                    end = sb  # "Otto von Bismarck-Schönhausen" tagged in two pieces
            b = end
            skip_until = b
        out.append((a, b, cls))
    return out


SAINTS = frozenset(("St", "St.", "Sankt"))


def saint_places(words: list[str], spans: list[Triple]) -> list[Triple]:
    """ "St. Peter", "Sankt Moritz", "St. Johann Baptist": a saint's name after "St." names
    a place (a church, a town), not a person. Organisations keep theirs ("FC St. Pauli")."""
    if SAINTS.isdisjoint(words):
        return spans
    out = list(spans)
    n = len(words)
    for i, w in enumerate(words):
        if w not in SAINTS:
            continue
        j = i + 2 if w == "St" and i + 1 < n and words[i + 1] == "." else i + 1
        if (w == "St" and j == i + 1) or j >= n or not _capitalised_name(words[j]):
            continue
        if words[j].endswith("er") and words[j] not in load().first_names:
            continue  # "St. Galler", "St. Petersburger": an adjective of the place
        inside = [s for s in out if s[0] < j + 1 and j < s[1]]
        if any(s[2] == "ORG" or s[0] < i for s in inside):
            continue
        end = max((s[1] for s in inside), default=j + 1)
        out = [s for s in out if s[1] <= i or s[0] >= end]
        out.append((i, end, "LOC"))
    return sorted(out)


STREET_SUFFIXES = ("straße", "strasse", "gasse", "platz", "weg", "allee", "damm")
_STREET_LAST = frozenset(s[-1] for s in STREET_SUFFIXES)
STREET_NOUNS = frozenset(("Straße", "Strasse", "Gasse", "Platz", "Allee", "Weg", "Ring", "Damm"))


ROUTE_HEADS = frozenset(("A", "B", "Autobahn", "Bundesautobahn", "Bundesstraße", "Landesstraße"))
"""Words that open a road's number: "A 45", "Bundesstraße 105"."""


def _street_name(word: str) -> bool:
    """ "Pestalozzistraße", "Friedrich-Ebert-Straße", "Jahnweg": a street's own name (not
    "Flugplatz" or "Rundweg", German common nouns)."""
    if not word[:1].isupper() or not word.replace("-", "").isalpha():
        return False
    low = word.lower()
    suffix = next((s for s in STREET_SUFFIXES if low.endswith(s)), "")
    if not suffix or len(word) < len(suffix) + 3:
        return False
    gaz = load()
    if gaz.lexicon.get(low) is not None or word in gaz.nouns:
        return False
    if suffix in ("weg", "platz"):
        # "Jahnweg", "Mariannenplatz", but not "Arbeitsweg", "Verbindungsweg", "Nebenplatz"
        stem = word[: -len(suffix)].rstrip("-")
        for s in {stem, stem[:-1] if stem.endswith("s") else stem}:
            if has_common_reading(s.capitalize()) or gaz.lexicon.get(s.lower()) is not None:
                return False
    return True


def street_spans(words: list[str]) -> list[Triple]:
    """Streets and squares by their form: "in der Feldstraße", "Bayreuther Straße",
    "am Mariannenplatz" (places in GermEval's sense; the reader leaves them out of its
    places list, see `sentence.street_like`)."""
    out: list[Triple] = []
    for i, w in enumerate(words):
        if len(w) > 5 and w[-1] in _STREET_LAST and _street_name(w):
            out.append((i, i + 1, "LOC"))
        elif (
            w in STREET_NOUNS
            and i > 0
            and words[i - 1][:1].isupper()
            and words[i - 1].endswith("er")
            and words[i - 1].isalpha()
            and len(words[i - 1]) > 4
        ):
            out.append((i - 1, i + 1, "LOC"))  # "Bayreuther Straße", "Köpenicker Straße"
        elif (
            w in ROUTE_HEADS
            and i + 1 < len(words)
            and words[i + 1].isdigit()
            and len(words[i + 1]) <= 3
            and (i == 0 or words[i - 1] != "DIN")
        ):
            out.append((i, i + 2, "LOC"))  # "auf der A 45", "die Bundesstraße 105"
    return out


REGION_PREPOSITIONS = frozenset(("in", "im", "ins", "aus", "nach", "vom", "beim", "bei", "am"))
REGION_ADJECTIVE_ENDINGS = ("ischen", "ischem")
NEAR_ADJECTIVES = frozenset(("benachbarten", "nahen", "nahegelegenen", "gleichnamigen"))


def region_places(words: list[str]) -> list[Triple]:
    """A name after a preposition and a lower-case adjective of a region or a nearness is
    a place: "im bayerischen Wörnitzhofen", "aus dem aargauischen Riniken", "im
    benachbarten Schwelm" (villages no table knows). Not "im politischen Berlin" when a
    common noun follows ("im klassischen Bereich")."""
    out: list[Triple] = []
    n = len(words)
    for i, w in enumerate(words):
        if not (w.endswith(REGION_ADJECTIVE_ENDINGS) or w in NEAR_ADJECTIVES) or not w.islower():
            continue
        if i + 1 >= n or i == 0:
            continue
        k = i - 1
        if words[k] in ("dem", "der", "den") and k > 0:
            k -= 1
        if words[k].lower() not in REGION_PREPOSITIONS:
            continue
        name = words[i + 1]
        if _coordinate_word(name, "LOC"):
            out.append((i + 1, i + 2, "LOC"))
    return out


COORDINATORS = frozenset(("und", "oder", "sowie"))


def _coordinate_word(word: str, cls: str) -> bool:
    """A capitalised word that can only be a name, and not one of another kind."""
    if not (
        len(word) > 2
        and word[:1].isupper()
        and word[1:2].islower()
        and word.replace("-", "").isalpha()
        and not word.endswith("-")  # "Mittel- und Osteuropa": a truncated compound
        and not has_common_reading(word)
        and not is_role(word)
        and word not in ORG_NAMES
    ):
        return False
    gaz = load()
    if (word,) in gaz.orgs or lookup_key((word,)) in gaz.orgs:
        return False
    if any(word[k:].capitalize() in gaz.nouns for k in range(3, len(word) - 5)):
        return False  # "Raketentechnologien": a compound of a common noun
    if cls == "PER":
        return gaz.places.get(lookup_key((word,))) is None
    return word not in gaz.first_names and word not in KNOWN_SURNAMES


def coordinated_spans(words: list[str], spans: list[Triple]) -> list[Triple]:
    """A name in a list with people or places is one of them: "Pinnick, Tabor und Gaskill",
    "Gerichte in Homburg und Wiehl" (one-word names the tagger left out; `final_spans`
    adds those no span covers)."""
    n = len(words)
    out: list[Triple] = []
    for a, b, cls in spans:
        if cls not in ("PER", "LOC"):
            continue
        # after the span: "A und X", "A , X und", "A , X ,"
        if b + 1 < n and (words[b] in COORDINATORS or words[b] == ","):
            j = b + 1
            ok = words[b] in COORDINATORS or (j + 1 < n and words[j + 1] in (",", *COORDINATORS))
            if ok and _coordinate_word(words[j], cls):
                out.append((j, j + 1, cls))
        # before the span: "X und A", "X , A und"
        if a >= 2 and (words[a - 1] in COORDINATORS or words[a - 1] == ","):
            j = a - 2
            ok = words[a - 1] in COORDINATORS or (
                b < n and words[b] in COORDINATORS and j > 0 and words[j - 1] == ","
            )
            if ok and j > 0 and _coordinate_word(words[j], cls):
                out.append((j, j + 1, cls))
    return sorted(set(out))


_AFTER_SPEAKER = frozenset(
    (
        ".",
        ",",
        ";",
        ":",
        "!",
        "?",
        "am",
        "im",
        "gegenüber",
        "in",
        "auf",
        "der",
        "dem",
        "den",
        "bei",
        "nach",
        "vor",
        "zu",
        "zur",
        "zum",
        "laut",
        "mit",
        "und",
        "auch",
        "jedoch",
        "aber",
        "dazu",
        "weiter",
        "noch",
        "einst",
        "zuletzt",
        "jetzt",
        "heute",
        "damals",
        "später",
    )
)


def _speaker_word(word: str) -> bool:
    gaz = load()
    return (
        len(word) > 2
        and word[:1].isupper()
        and word[1:2].islower()
        and word.replace("-", "").isalpha()
        and not has_common_reading(word)
        and not is_role(word)
        and word not in ORG_NAMES
        and (word,) not in gaz.orgs
        and gaz.places.get(lookup_key((word,))) is None
    )


def speaker_spans(words: list[str]) -> list[Triple]:
    """The name right after a verb of saying: ", sagte Tischer .", "betonte Juschtschenko nach"."""
    out: list[Triple] = []
    n = len(words)
    first_names = load().first_names
    for i in range(1, n - 1):
        if words[i - 1] not in SPEECH_VERBS:
            continue
        if words[i] in first_names and words[i][:1].isupper() and _speaker_word(words[i + 1]):
            j = i + 2  # ", sagte Anna Tischer ."
        elif _speaker_word(words[i]):
            j = i + 1
        else:
            continue
        if j < n and words[j] in _AFTER_SPEAKER:
            out.append((i, j, "PER"))
    return out


def _first_name_like(word: str) -> bool:
    gaz = load()
    parts = word.split("-")
    return (
        word[:1].isupper()
        and all(p in gaz.first_names for p in parts)
        and not (len(parts) == 1 and has_common_reading(word))
        and not (len(parts) == 1 and gaz.places.get(lookup_key((word,))) is not None)
        and not is_title_word(word)
    )


def person_bounds(words: list[str], spans: list[Triple]) -> list[Triple]:
    """A person's span takes in the first name before it ("Frank-Walter" + "Steinmeier") and
    leaves out a role, kinship or rank noun at its front ("UBS-CEO Oswald Grübel")."""
    covered = {i for a, b, _ in spans for i in range(a, b)}
    out: list[Triple] = []
    for a, b, cls in spans:
        if cls == "PER":
            while b - a > 1 and is_title_word(words[a]):
                a += 1
            k = 0
            while k < 2 and a > 0 and a - 1 not in covered and _first_name_like(words[a - 1]):
                a -= 1
                k += 1
        out.append((a, b, cls))
    return out


def _genitive_context(words: list[str], i: int) -> bool:
    """A genitive's place: before a noun (`Putins Krieg`, `Zabels schwere Entscheidung`) or
    right after one (`die Aussagen Rudolphs`)."""
    nouns = load().nouns
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt[:1].isupper() and nxt in nouns:
        return True
    after = words[i + 2] if i + 2 < len(words) else ""
    if nxt[:1].islower() and _adjective(nxt) and after[:1].isupper() and after in nouns:
        return True
    prev = words[i - 1] if i else ""
    return prev[:1].isupper() and prev in nouns and not nxt[:1].isupper()


def genitive_name(words: list[str], i: int) -> bool:
    """`Zabels`, `Melanies`: the genitive of a known surname or first name, in a genitive's
    place, that is no common word, place or organisation."""
    return _genitive_word(words[i]) and _genitive_context(words, i)


@lru_cache(maxsize=1 << 16)
def _genitive_word(w: str) -> bool:
    """`genitive_name` without the context: the word alone (remembered per word)."""
    if len(w) < 4 or not w.endswith("s") or w.isupper() or not w[:1].isupper():
        return False
    if not w.replace("-", "").isalpha():
        return False
    gaz = load()
    stem = w[:-1]
    if stem not in gaz.surnames and stem not in gaz.first_names and stem not in KNOWN_SURNAMES:
        return False
    if w in gaz.first_names or w in gaz.surnames:
        return False  # "Jens", "Andreas", "Niklas": a name of its own
    for form in (w, stem):
        if has_common_reading(form) or form in ORG_NAMES or (form,) in gaz.orgs:
            return False
        if lookup_key((form,)) in gaz.orgs or gaz.places.get(lookup_key((form,))) is not None:
            return False
    return True


def genitive_people(words: list[str], spans: list[Triple]) -> list[Triple]:
    """The genitive of a known name is a person (`über Zabels Entscheidung`): added when
    untagged, relabelled when the tagger made it a one-word place or organisation, cut off
    a common noun the tagger glued to it (`Wulffs Hochzeitsfeier`)."""
    found = [
        i
        for i, w in enumerate(words)
        if w[-1:] == "s" and len(w) > 3 and w[0].isupper() and genitive_name(words, i)
    ]
    if not found:
        return spans
    starts = {a: (a, b, c) for a, b, c in spans}
    covered = {i for a, b, _ in spans for i in range(a, b)}
    out = list(spans)
    for i in found:
        if i in covered and i not in starts:
            continue
        span = starts.get(i)
        if span is None:
            out.append((i, i + 1, "PER"))
            continue
        _a, b, cls = span
        if cls == "PER" and b == i + 1:
            continue
        rest = words[i + 1 : b]
        if all(w[:1].isupper() and w in load().nouns for w in rest):
            out.remove(span)
            out.append((i, i + 1, "PER"))
    return sorted(out)
