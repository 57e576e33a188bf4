"""Finding person, place and organisation mentions in an article.

Each sentence gets its spans from `sentence.sentence_spans` (tagger, gazetteer,
span rules); `docpass.resolve` then looks at the whole article; the result is
listed by kind, places with their gazetteer entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.extract.docpass import Span, resolve
from index.extract.gazetteer import Place, load, lookup_key
from index.extract.sentence import (
    DISTRICT,
    decapitalise,
    find_org,
    find_place,
    sentence_spans,
    street_like,
)
from index.extract.tagger import prepare, release
from index.extract.tokens import glue_stops, sentence_words


@dataclass
class Mentions:
    people: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    places: list[tuple[int, str, Place | None]] = field(default_factory=list)
    """(position, surface, gazetteer place or None for an unknown place)."""
    orgs: list[tuple[int, str, str]] = field(default_factory=list)
    """(position, surface, canonical)."""


def _plausible_unknown_place(words: list[str], a: int, b: int, person_words: set[str]) -> bool:
    """A tagger place missing from the gazetteer: keep only name-like spans."""
    toks = words[a:b]
    if any(t in person_words or not t[:1].isalnum() for t in toks):
        return False  # "Schwechat / Frankfurt": punctuation inside is two things at best
    last = toks[-1].rsplit("-", 1)[-1]
    gaz = load()
    if toks[0] in DISTRICT and len(toks) > 1:
        return True  # "Kreis Euskirchen"
    if toks[0] in gaz.nouns or last in gaz.nouns:
        return False  # "Herzchirurg": a common noun, however the tagger saw it
    if len(toks) == 1 and last.endswith("er"):
        stems = (last[:-2], last[:-1], last[:-2] + "en")
        if any(gaz.places.get(lookup_key((st,))) is not None for st in stems):
            return False  # "Emmericher", "Westersteder": an adjective of a place
    lex = gaz.lexicon
    # Unlike span trimming, any common-word reading ("Man": pronoun and isle) rules it out here.
    return toks[0][:1].isupper() and all(
        not lex.get(w.lower(), "NE").startswith(("NN", "V", "ADJ", "X")) for w in (toks[0], last)
    )


def find_mentions(text: str) -> Mentions:
    """All mentions in `text`, positions counted in tokens from the start."""
    sents = [decapitalise(words) for words in sentence_words(text)]
    found: list[Span] = []
    prepare(sents)  # the tagger scores all sentences at once; `sentence_spans` asks per sentence
    try:
        for si, words in enumerate(sents):
            found.extend(sentence_spans(words, si))
    finally:
        release()
    resolved = resolve(sents, found)
    starts = [0]
    for words in sents:
        starts.append(starts[-1] + len(words))
    out = Mentions()
    person_words = {w for s in resolved if s.cls == "PER" for w in sents[s.sent][s.a : s.b]}
    person_words |= {w + "s" for w in person_words}
    for s in resolved:
        words = sents[s.sent]
        pos = starts[s.sent] + s.a
        surface = " ".join(glue_stops(words[s.a : s.b]))
        if s.cls == "PER":
            out.people.append((pos, glue_stops(words[s.a : s.b])))
        elif s.cls == "ORG":
            out.orgs.append((pos, surface, find_org(words, s.a, s.b) or surface))
        elif not street_like(words[s.a : s.b]):
            place = find_place(words, s.a, s.b)
            if place is not None:
                out.places.append((pos, surface, place))
            elif _plausible_unknown_place(words, s.a, s.b, person_words):
                out.places.append((pos, surface, None))
    return out
