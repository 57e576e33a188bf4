"""Sentence-level name spans: the tagger reconciled with the gazetteer and span rules.

The tagger proposes spans; the gazetteer names places and organisations in
their canonical German form and catches well-known places the tagger missed.
A gazetteer place inside a person span stays part of the person ("Paris Hilton"),
and a known organisation is never a person or a place. `sentence_tags` is what
`index.extract.tag_tokens` returns; `mentions.find_mentions` adds the article pass.
"""

from __future__ import annotations

from index.extract.cues import is_role
from index.extract.docpass import Span, has_common_reading
from index.extract.features import gazetteer_marks
from index.extract.gazetteer import MAX_SPAN, Place, load, lookup_key
from index.extract.known import ORG_NAMES
from index.extract.orgrules import adjective, club_spans, common_noun, final_spans, org_cue
from index.extract.spanrules import (
    SAINTS,
    genitive_people,
    honorific_people,
    join_particles,
    saint_places,
)
from index.extract.tagger import spans, tag_raw

_BIG_CITY = 100_000
"""A person span ending in a city this big is split ("Antony Blinken Brüssel")."""
_KNOWN_TOWN = 20_000
"""Cities smaller than this count only when the tagger also calls them a place."""


def find_place(words: list[str], a: int, b: int) -> Place | None:
    places = load().places
    toks = tuple(words[a:b])
    place = places.get(lookup_key(toks))
    if place is None and b - a > 1 and toks[0] in SAINTS:
        # "St . Moritz" (the tokens of "St. Moritz"), "Sankt Moritz", "St. Gallen"
        rest = toks[2:] if toks[1] == "." else toks[1:]
        for head in ("St.", "Sankt"):
            place = places.get(lookup_key((head, *rest)))
            if place is not None:
                break
    if place is None and all(t.isupper() and len(t) > 3 for t in toks):
        place = places.get(lookup_key(tuple(t.title() for t in toks)))  # "LEIPZIG (dpa)"
    return place


def find_org(words: list[str], a: int, b: int) -> str | None:
    orgs = load().orgs
    toks = tuple(words[a:b])
    return orgs.get(toks) or orgs.get(lookup_key(toks))


def _gazetteer_spans(words: list[str]) -> list[tuple[int, int, str]]:
    marks = gazetteer_marks(words, load())
    out: list[tuple[int, int, str]] = []
    if not any(marks):
        return out
    for i, m in enumerate(marks):
        if m.startswith("B-"):
            j = i + 1
            while j < len(marks) and marks[j].startswith("I-"):
                j += 1
            out.append((i, j, m[2:]))
    return out


def _is_common_word(word: str) -> bool:
    cls = load().lexicon.get(word.lower())
    return cls is not None and not cls.startswith("NE") and "+NE" not in cls


_OPENERS = frozenset(("„", "“", '"', "«", "»", ":", "(", "-", "–", "‚", "'"))


def _person_like(toks: list[str]) -> bool:
    """Tokens that can form a personal name: no digits, no "SPÖ-naher"-style adjectives."""
    for tok in toks:
        if any(ch.isdigit() for ch in tok):
            return False
        tail = tok.rsplit("-", 1)[1] if "-" in tok[1:] else ""
        if (
            len(tail) > 2  # "Jong-un", "Jae-in": a two-letter syllable is no German word here
            and tail[:1].islower()
            and not _is_name_particle(tok)
            and _is_german_word(tail)
        ):
            return False  # "SPÖ-naher", but "Kim Jong-un" stays
    return True


def _is_german_word(word: str) -> bool:
    cls = load().lexicon.get(word)
    if cls is not None:
        return cls.startswith(("ADJ", "NN", "V"))
    return len(word) > 3 and word.endswith(("er", "en", "es", "em", "e"))


def _long_common_noun(word: str) -> bool:
    # Surnames can be short nouns ("Koch", "Sargnagel"); long compounds are not names.
    gaz = load()
    return len(word) >= 13 and word in gaz.nouns and word not in gaz.surnames


def _is_name_particle(word: str) -> bool:
    head, _, tail = word.partition("-")
    return (
        head in ("al", "el", "as", "ad", "ash", "bin", "ibn", "abu", "ben") and tail[:1].isupper()
    )


def refine_spans(
    words: list[str],
    tagged: list[tuple[int, int, str]],
    gazetteer_spans: list[tuple[int, int, str]] | None = None,
) -> list[tuple[int, int, str]]:
    """Reconcile tagger spans with the gazetteer.

    A multiword gazetteer name wins over a tagger span cut inside it ("Nahen" of
    "Nahen Osten"); a known place closing a long person span is split off
    ("Antony Blinken Brüssel"); trailing common nouns are trimmed ("Hamas Zeit");
    a span that is exactly a known place is a place even if tagged ORG (metonymy).
    """
    if gazetteer_spans is None:
        gazetteer_spans = _gazetteer_spans(words)
    gaz = {(a, b): kind for a, b, kind in gazetteer_spans}
    out: list[tuple[int, int, str]] = []
    gz = load()
    for a, b, cls in tagged:
        # A person's trailing common word is cut ("… Merkel Zeit"), but not the surname
        # after a first name ("Stefani Korn", "Helmut Schnell").
        while (
            cls == "PER"
            and b - a > 1
            and _is_common_word(words[b - 1])
            and words[b - 2] not in gz.first_names
        ):
            b -= 1  # organisations and places keep theirs ("Deutsche Post AG", "Lübecker Bucht")
        inner = sorted(
            (ga, gb)
            for (ga, gb), k in gaz.items()
            if a <= ga and gb <= b and k in ("country", "region", "water", "city")
        )
        if (
            cls != "PER"
            and len(inner) > 1
            and (a, b) not in gaz
            and sum(gb - ga for ga, gb in inner) == b - a
        ):
            # Two known places side by side ("die USA Russland beschuldigt") are two mentions.
            out.extend((ga, gb, "LOC") for ga, gb in inner)
            continue
        if cls == "PER" and b < len(words) and _is_name_particle(words[b]):
            b += 1  # "Mohammed Shia al-Sudani": the tagger often stops before "al-"
        wider = [
            (ga, gb, k)
            for (ga, gb), k in gaz.items()
            if gb - ga > 1 and ga <= a and b <= gb and (ga, gb) != (a, b)
        ]
        if wider:
            ga, gb, k = wider[0]
            out.append((ga, gb, "ORG" if k == "org" else "LOC"))
            continue
        if (
            cls == "PER"
            and b - a >= 3
            and words[b - 2] not in ("von", "de", "of", "zu", "van")  # "Kyrill von Alexandria"
            and words[b - 1] not in gz.surnames  # "Frank Ulrich Montgomery"
        ):
            place = find_place(words, b - 1, b)
            if place and (place.kind != "city" or place.population >= _BIG_CITY):
                out.append((a, b - 1, "PER"))
                out.append((b - 1, b, "LOC"))
                continue
        if cls == "ORG" and (a, b) in gaz and gaz[(a, b)] in ("country", "region", "water"):
            cls = "LOC"  # metonymy ("Russland droht"), but "Toyota", "Ford" stay companies
        if cls in ("PER", "LOC", "ORG") and b > a and not words[b - 1].endswith("-"):
            out.append((a, b, cls))
    out = sorted(set(out))
    return [
        s
        for i, s in enumerate(out)
        if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in out)
    ]


DISTRICT = frozenset(("Kreis", "Landkreis", "Kreises", "Landkreises", "Bezirk", "Bezirks"))
"""Words that make a district's name with the town after them ("Kreis Euskirchen")."""
_LOCATIVE = frozenset(("in", "nach", "aus", "bei"))
"""Prepositions that make a known town's name a place ("in Westerstede")."""
_PLACE_CUES = frozenset(
    """stadt hauptstadt gemeinde region provinz bundesstaat bundesland kanton staat insel
    dorf""".split()  # noqa: SIM905
)
"""Common nouns that introduce a place name: "im Bundesstaat Maryland" names "Maryland"."""


def decapitalise(words: list[str]) -> list[str]:
    """Title-case runs of capitals that spell a known place ("NEW YORK (dpa)" -> "New York")."""
    out = list(words)
    caps = {k for k, w in enumerate(words) if w.isupper() and w.isalpha()}
    if not caps:
        return out  # most sentences: nothing to look at
    places = load().places
    n = len(out)
    free = 0
    for i in sorted(caps):
        if i < free:
            continue  # inside a run of capitals already looked at
        j = i
        while j < n and j - i < MAX_SPAN and j in caps:
            j += 1
        free = j
        if (j - i > 1 or len(out[i]) > 3) and find_org(out, i, j) is None:
            titled = tuple(w.title() for w in out[i:j])
            place = places.get(lookup_key(titled))
            if place is not None and (place.kind != "city" or place.population >= _KNOWN_TOWN):
                out[i:j] = titled  # not "NATO" (an organisation) nor a village called "Nato"
    return out


def _place_adjective(word: str) -> bool:
    if not word.endswith("er") or find_place([word], 0, 1) is not None:
        return False
    places = load().places
    return any(
        places.get(lookup_key((st,))) is not None for st in (word[:-2], word[:-1], word[:-2] + "en")
    )


def _dateline_end(words: list[str]) -> int:
    """Length of a dateline place opening a sentence: "Athen (dpa) -", "Bangalore (Reuters)"."""
    for k in range(1, 4):
        if len(words) < k + 3 or words[k] != "(":
            continue
        # "Athen (dpa)", "Gießen (dpa / lhe)", "Berlin (AFP/dpa)": the first agency decides
        close = next((j for j in range(k + 2, min(k + 7, len(words))) if words[j] == ")"), 0)
        if not close or any(
            not w.replace("/", "").replace("-", "").isalnum() and w != "/"
            for w in words[k + 1 : close]
        ):
            continue
        agency = words[k + 1]
        is_agency = (
            find_org(words, k + 1, k + 2) is not None
            or agency in ORG_NAMES
            or agency.lower().startswith("dpa")
            or (agency.isupper() and 2 <= len(agency) <= 5)
        )
        if is_agency and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words[:k]):
            return k
    return 0


def sentence_tags(words: list[str]) -> list[str]:
    """BIO tags of one sentence: the tagger plus the sentence-level rules (no article context)."""
    tags = ["O"] * len(words)
    for s in sentence_spans(words, 0):
        tags[s.a] = "B-" + s.cls
        for i in range(s.a + 1, s.b):
            tags[i] = "I-" + s.cls
    return tags


def _clean_span(words: list[str], a: int, b: int, cls: str) -> list[tuple[int, int, str]]:
    """Cut a place-cue noun off the front, split a doubled name, drop code numbers."""
    if any(not w.isalpha() and sum(ch.isdigit() for ch in w) >= 4 for w in words[a:b]):
        return []  # "ISIN DE0006757008": codes and numbers are no names
    if b - a > 1 and words[a].lower() in _PLACE_CUES and words[a + 1][:1].isupper():
        # "Bundesstaat Maryland" names Maryland; "Kreis Euskirchen" keeps its own name.
        return [(a + 1, b, "LOC")]
    if cls == "LOC" and a > 0 and words[a - 1] in DISTRICT:
        return [(a - 1, b, "LOC")]  # "im Landkreis Konstanz": the district, not the town
    n = b - a
    if n % 2 == 0 and n > 1 and words[a : a + n // 2] == words[a + n // 2 : b]:
        return [(a, a + n // 2, cls), (a + n // 2, b, cls)]  # "Sven Flohr Sven Flohr"
    if cls == "LOC" and n == 1 and _place_adjective(words[a]):
        return []  # "die Schweizer Presse", "Mannheimer": adjectives and demonyms of places
    if cls == "LOC" and n > 1 and find_place(words, a, b) is None:
        last = find_place(words, b - 1, b)
        if last is not None and last.kind == "country":
            return [(a, b - 1, cls), (b - 1, b, cls)]  # "Mülheim an der Ruhr Deutschland"
    return [(a, b, cls)]


def sentence_spans(words: list[str], si: int) -> list[Span]:
    """The tagger's spans of one sentence, reconciled with the gazetteer, roles cut off."""
    out: list[Span] = []
    covered = [False] * len(words)
    gazetteer_spans = _gazetteer_spans(words)
    cleaned = [
        piece
        for span in refine_spans(words, spans(tag_raw(words)), gazetteer_spans)
        for piece in _clean_span(words, *span)
    ]
    cleaned = honorific_people(words, cleaned)
    cleaned = club_spans(words, join_particles(words, genitive_people(words, cleaned)))
    cleaned = saint_places(words, cleaned)
    for a, b, cls in cleaned:
        if cls == "PER":
            place = find_place(words, a, b)
            if find_org(words, a, b) or org_cue(words, a):
                cls = "ORG"  # "Nato"; "der Bank Barclays", "des Autobauers Tesla"
            elif place and (b - a > 1 or place.kind in ("country", "region", "water")):
                cls = "LOC"  # "Rio de Janeiro", "Polen"
            else:
                while a < b and is_role(words[a]):
                    a += 1
                while b - a > 1 and _long_common_noun(words[b - 1]):
                    b -= 1  # "... Kommunikationsberater": a compound noun is no name
                if a >= b or not _person_like(words[a:b]):
                    continue
        elif find_org(words, a, b):
            cls = "ORG"
        elif (cls == "LOC" and common_noun(words, a, b)) or adjective(words, a, b, cls):
            continue  # "Russen", "Münchner": common nouns and adjectives are no names
        out.append(Span(si, a, b, cls))
        for k in range(a, b):
            covered[k] = True
    for a, b, kind in gazetteer_spans:
        if any(covered[a:b]):
            continue
        if kind == "org":
            if b - a == 1 and has_common_reading(words[a]):
                continue  # "Senat", "Kongress", "Demokraten": only when the tagger says so
            out.append(Span(si, a, b, "ORG", tagged=False))
            covered[a:b] = [True] * (b - a)
            continue
        place = find_place(words, a, b)
        if place is None:
            continue
        small = place.kind == "city" and place.population < _KNOWN_TOWN
        if small and find_org(words, a, b) and not has_common_reading(words[a]):
            out.append(Span(si, a, b, "ORG", tagged=False))  # "Nato", not a village of that name
            covered[a:b] = [True] * (b - a)
            continue
        if small and not (a > 0 and words[a - 1] in _LOCATIVE and words[a][:1].isupper()):
            continue  # a small town needs the tagger, or "in"/"nach"/"aus" before it
        if b - a == 1 and (
            not words[a][:1].isupper()
            or has_common_reading(words[a])
            or (place.kind == "city" and words[a] in load().nouns)
        ):
            continue  # "Mitte", "Seine", "Essen": only when the tagger too calls it a name
        if a > 0 and words[a - 1] in DISTRICT and not covered[a - 1]:
            a -= 1  # "im Kreis Euskirchen"
        out.append(Span(si, a, b, "LOC", tagged=False))
    k = _dateline_end(words)
    if k and not any(covered[:k]):
        out.append(Span(si, 0, k, "LOC", tagged=False))  # "Bangalore (Reuters) - ..."
        covered[:k] = [True] * k
    if not ORG_NAMES.isdisjoint(words):
        for i, w in enumerate(words):
            if not covered[i] and w in ORG_NAMES and not has_common_reading(w):
                out.append(Span(si, i, i + 1, "ORG", tagged=False))  # "Toshiba kündigte ... an"
    return final_spans(words, si, out)


_STREET_ENDINGS = (
    "straße",
    "strasse",
    "str.",
    "weg",
    "gasse",
    "allee",
    "damm",
    "chaussee",
    "ufer",
    "ring",
    "steig",
    "bahnhof",
    "tunnel",
    "kreuz",
    "dreieck",
)
_ROUTE_HEADS = frozenset(
    ("A", "B", "L", "K", "S", "U", "Autobahn", "Bundesautobahn", "Bundesstraße")
)


def street_like(toks: list[str]) -> bool:
    """Streets, stops and routes ("Jägerstraße", "Hauptbahnhof", "A 3", "B 96"): the tagger
    calls them LOC (as GermEval does), but they are not places for the reader."""
    last = toks[-1].lower()
    if last.endswith(_STREET_ENDINGS) and load().places.get(lookup_key(tuple(toks))) is None:
        return True
    return toks[0] in _ROUTE_HEADS and len(toks) > 1 and toks[1][:1].isdigit()
