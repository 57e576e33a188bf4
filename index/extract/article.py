"""Assembling an article's Metadata from dates, byline and entity mentions."""

from __future__ import annotations

from collections.abc import Sequence

from index.extract.byline import byline
from index.extract.dates import mentioned_dates, publication_date
from index.extract.gazetteer import Place
from index.extract.known import ORG_SUFFIXES
from index.extract.mentions import find_mentions
from index.extract.people import merge_people
from index.records import Entity, Metadata


def _top_lines(text: str) -> list[str]:
    """Short non-sentence lines at the top of the text that may be bylines."""
    lines = [ln.strip() for ln in text.split("\n")[:20] if ln.strip()][:8]
    return [ln for ln in lines if len(ln) <= 100 and not ln.endswith((".", "!", "?", ":"))]


def _org_canonical(items: Sequence[tuple[int, str, str, Place | None]]) -> dict[str, str]:
    """One name per organisation: the fullest form used ("Brenntag" -> "Brenntag AG"),
    and a genitive is the nominative the article also uses ("Siemens'", "Volkswagens")."""
    names = {c for _, _, c, _ in items}
    out: dict[str, str] = {}
    for c in names:
        longer = [
            n
            for n in names
            if n.startswith(c + " ") and all(t in ORG_SUFFIXES for t in n[len(c) + 1 :].split())
        ]
        if longer:
            out[c] = max(longer, key=len)
        elif c.endswith(("s", "'", "’")) and c[:-1] in names:
            out[c] = c[:-1]
    return out


def _group(items: Sequence[tuple[int, str, str, Place | None]], kind: str) -> list[Entity]:
    """Entities from (position, surface, canonical, place) mentions, ordered by count."""
    groups: dict[str, list[tuple[int, str, Place | None]]] = {}
    merged = _org_canonical(items) if kind == "org" else {}
    for pos, surface, canonical, place in items:
        groups.setdefault(merged.get(canonical, canonical), []).append((pos, surface, place))
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), min(p for p, _, _ in kv[1])))
    out = []
    for canonical, ms in ranked:
        aliases = tuple(dict.fromkeys(s for _, s, _ in ms if s != canonical))
        place = next((p for _, _, p in ms if p is not None), None)
        if kind == "place":
            out.append(
                Entity(
                    name=canonical,
                    kind="place",
                    count=len(ms),
                    aliases=aliases,
                    place_kind=place.kind if place else "other",  # type: ignore[arg-type]
                    country_code=place.country_code if place else None,
                    lat=place.lat if place and place.kind in ("country", "city") else None,
                    lon=place.lon if place and place.kind in ("country", "city") else None,
                )
            )
        else:
            out.append(Entity(name=canonical, kind="org", count=len(ms), aliases=aliases))
    return out


def _unknown_place_name(surface: str, known: set[str]) -> str:
    """Nominative guess for a place the gazetteer lacks: drop a genitive -s if the stem is seen."""
    if surface.endswith("s") and surface[:-1] in known:
        return surface[:-1]
    return surface


def extract(text: str, header_lines: Sequence[str] = ()) -> Metadata:
    """See `index.extract.extract_metadata`."""
    date, precision = publication_date(text, header_lines)
    author, source = byline([*header_lines, *_top_lines(text)])
    found = find_mentions(text)
    surfaces = {s for _, s, p in found.places if p is None}
    place_items = [
        (pos, surface, place.name if place else _unknown_place_name(surface, surfaces), place)
        for pos, surface, place in found.places
    ]
    # A lone word that is also part of an organisation's name here ("Servus" of "Servus TV")
    # is that organisation, not a person.
    org_words = {w for _, surface, _ in found.orgs if " " in surface for w in surface.split()}
    found.people = [(p, t) for p, t in found.people if len(t) > 1 or t[0] not in org_words]
    person_names = {" ".join(t) for _, t in found.people}
    org_items = [(pos, s, c, None) for pos, s, c in found.orgs if s not in person_names]
    return Metadata(
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        mentioned_dates=mentioned_dates(text, header_lines),
        source=source,
        author=author,
        people=tuple(merge_people(found.people, [author] if author else [])),
        places=tuple(_group(place_items, "place")),
        orgs=tuple(_group(org_items, "org")),
    )
