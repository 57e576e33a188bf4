"""Reading the DFKI SmartData corpus (JSON lines with character spans) as BIO sentences.

Used by scripts/train_tagger.py (train split) and the document-level evaluation
(dev split); the extractor itself never reads it. Classes are mapped onto the
GermEval scheme the tagger knows:

- PERSON -> PER; LOCATION, LOCATION_CITY -> LOC; ORGANIZATION,
  ORGANIZATION_COMPANY -> ORG. Streets, stops and routes are "O" for the
  document-level gold (they are not places for the reader), and LOC for
  training when asked (GermEval calls them LOC); positions and every other
  class are "O".
- A lower-case location adjective ("griechischen") is LOCderiv, and an entity
  that covers only part of a token ("EU-" of "EU-Landes") marks it X-part, as
  GermEval does; lower-case location phrases ("beiden Richtungen") are "O".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.extract.tokens import sentences

CLASS_MAP = {
    "PERSON": "PER",
    "LOCATION": "LOC",
    "LOCATION_CITY": "LOC",
    "ORGANIZATION": "ORG",
    "ORGANIZATION_COMPANY": "ORG",
}


STREET_CLASSES = ("LOCATION_STREET", "LOCATION_STOP", "LOCATION_ROUTE")
"""Streets, stops and routes: not places for the reader, but LOC in GermEval's scheme."""


@dataclass(frozen=True)
class Doc:
    id: str
    source: str
    text: str
    entities: tuple[tuple[int, int, str, str], ...]
    """(start, end, mapped class, surface) for the mapped classes only."""


def read_docs(
    path: Path, sources: tuple[str, ...] = ("news", "tweet", "rss"), streets: bool = False
) -> list[Doc]:
    """Documents of the given sources; `streets` maps streets, stops and routes to LOC
    (for training a tagger that follows GermEval, which calls them LOC)."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["source"] not in sources:
                continue
            classes = (
                {**CLASS_MAP, **dict.fromkeys(STREET_CLASSES, "LOC")} if streets else CLASS_MAP
            )
            ents = tuple(
                (e["start"], e["end"], classes[e["type"]], e["text"])
                for e in d["entities"]
                if e["type"] in classes
            )
            out.append(Doc(d["id"], d["source"], d["text"], ents))
    return out


def _entity_class(cls: str, surface: str) -> str | None:
    if surface[:1].islower() and cls == "LOC":
        if " " not in surface and surface.endswith(("e", "en", "er", "es", "em")):
            return "LOCderiv"
        return None
    return cls


def bio_sentences(doc: Doc) -> Iterator[tuple[list[str], list[str]]]:
    """The document's sentences as (tokens, BIO tags) in our own tokenisation (cut at every
    full stop before a capital, as the shipped model was trained: `tokens.sentences`)."""
    for sent in sentences(doc.text, abbreviations=False):
        words = [t.text for t in sent]
        tags = ["O"] * len(sent)
        for start, end, cls, surface in doc.entities:
            mapped = _entity_class(cls, surface)
            if mapped is None:
                continue
            inside = [i for i, t in enumerate(sent) if t.start < end and t.end > start]
            while inside and not sent[inside[-1]].text[:1].isalnum():
                inside.pop()  # "SEB." : the sentence's full stop is no part of the name
            while inside and not sent[inside[0]].text[:1].isalnum():
                inside.pop(0)
            if not inside:
                continue
            partial = any(sent[i].start < start or sent[i].end > end for i in inside)
            if partial and len(inside) == 1 and not mapped.endswith("deriv"):
                mapped = cls + "part"
            for k, i in enumerate(inside):
                if tags[i] == "O":
                    tags[i] = ("B-" if k == 0 else "I-") + mapped
        yield words, tags


def _whole_words(doc: Doc, start: int, end: int) -> bool:
    """Whether a span starts and ends at word boundaries (not "US" of "US-Regierung")."""
    before = doc.text[start - 1 : start]
    after = doc.text[end : end + 1]
    return not (before.isalnum() or before == "-" or after.isalnum() or after == "-")


def _derived_form(surface: str) -> bool:
    """A capitalised demonym or place adjective ("Berliner", "Ägypter"), not a place name.

    GermEval calls these LOCderiv; a word ending in -er that the gazetteer does
    not know as a place ("Hannover" is one) is taken as such.
    """
    from index.extract.gazetteer import load, lookup_key

    return (
        " " not in surface
        and surface.endswith("er")
        and load().places.get(lookup_key((surface,))) is None
    )


_TITLES = ("Dr.", "Prof.", "Herr", "Frau", "Dr", "Prof")


def _group_noun(surface: str) -> bool:
    """A common noun annotated as a person ("Fluglotsen", "Krankenhausbeschäftigte")."""
    from index.extract.gazetteer import load

    gaz = load()
    return " " not in surface and surface in gaz.nouns and surface not in gaz.surnames


def gold_surfaces(doc: Doc, cls: str) -> list[str]:
    """Gold mention surfaces of one class that name an entity on their own.

    Left out: parts of compounds ("US" of "US-Regierung": GermEval's *part);
    for places lower-case adjectives and capitalised derived forms
    ("griechischen", "Berliner": GermEval's LOCderiv); for people common nouns
    for groups ("Fluglotsen"). Titles are no part of a name ("Dr. Stefan Sommer").
    """
    out = []
    for start, end, c, surface in doc.entities:
        if c != cls or not _whole_words(doc, start, end):
            continue
        text = " ".join(surface.strip(" .,;:!?\"'«»„“”()").split())
        if cls == "LOC" and (text[:1].islower() or _derived_form(text)):
            continue
        if cls == "PER":
            while text.startswith(_TITLES) and " " in text:
                text = text.split(" ", 1)[1]
            if _group_noun(text):
                continue
        out.append(text)
    return out
