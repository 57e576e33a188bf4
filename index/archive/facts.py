"""What the archive views need of one article, read from its stored record."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

PlaceFact = tuple[str, str | None, str | None, float | None, float | None]
"""(name, place kind, ISO alpha-2, lat, lon)."""


@dataclass(frozen=True, slots=True)
class DocFacts:
    id: str
    title: str
    date: str | None
    """ISO date cut to its precision ("2016-03-05", "2016-03", "2016")."""
    precision: str
    source: str | None
    people: tuple[str, ...]
    places: tuple[PlaceFact, ...]
    orgs: tuple[str, ...]


def _coord(value: Any, limit: float) -> float | None:
    """A usable coordinate or None (missing, not a number, out of range)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    if not math.isfinite(value) or abs(value) > limit:
        return None
    return value


def _names(items: Any) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(e["name"] for e in items if isinstance(e, dict) and isinstance(e.get("name"), str))


def facts_from_record(record: dict[str, Any]) -> DocFacts:
    """Never raises on odd metadata: missing parts become empty."""
    meta = record.get("meta") or {}
    places: list[PlaceFact] = []
    for e in meta.get("places") or ():
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            continue
        lat, lon = _coord(e.get("lat"), 90.0), _coord(e.get("lon"), 180.0)
        if lat is None or lon is None:
            lat = lon = None
        cc = e.get("country_code")
        places.append(
            (e["name"], e.get("place_kind"), cc if isinstance(cc, str) else None, lat, lon)
        )
    date = meta.get("date")
    source = meta.get("source")
    return DocFacts(
        id=str(record.get("id", "")),
        title=str(record.get("title", "")),
        date=date if isinstance(date, str) and day_number(date) is not None else None,
        precision=str(meta.get("date_precision") or "unknown"),
        source=source if isinstance(source, str) and source.strip() else None,
        people=_names(meta.get("people")),
        places=tuple(places),
        orgs=_names(meta.get("orgs")),
    )


def day_number(iso: str | None) -> int | None:
    """Proleptic ordinal of the first day an ISO date (of any precision) covers,
    the value the index's `date` column holds for it."""
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return dt.date(parts[0], parts[1], parts[2]).toordinal()
    except (ValueError, IndexError, TypeError):
        return None
