"""Frozen records of the archive views: facets, timeline, places, dossier."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Bucketing = Literal["week", "month", "year"]


@dataclass(frozen=True)
class FacetRow:
    kind: str
    """person, place, org, source or year."""
    key: str
    """Identity key (index/archive/canonical.py); "year:2016" for years."""
    name: str
    """The name most articles use for it."""
    count: int
    """Articles (each counted once) among the hits."""


@dataclass(frozen=True)
class Facets:
    total: int
    """Hits counted (the query's whole hit set)."""
    people: tuple[FacetRow, ...] = ()
    places: tuple[FacetRow, ...] = ()
    orgs: tuple[FacetRow, ...] = ()
    sources: tuple[FacetRow, ...] = ()
    years: tuple[FacetRow, ...] = ()
    """Newest first (the others: most articles first)."""

    def groups(self) -> tuple[tuple[str, tuple[FacetRow, ...]], ...]:
        return (
            ("people", self.people),
            ("places", self.places),
            ("orgs", self.orgs),
            ("sources", self.sources),
            ("years", self.years),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            **{
                name: [{"name": r.name, "count": r.count} for r in rows]
                for name, rows in self.groups()
            },
        }


@dataclass(frozen=True)
class Bucket:
    period: str
    """"2016-03", "2016-W05" or "2016"."""
    start: str
    """First day (ISO) the bucket covers."""
    end: str
    """Last day (ISO) it covers."""
    count: int


@dataclass(frozen=True)
class Timeline:
    by: Bucketing
    buckets: tuple[Bucket, ...] = ()
    """Oldest first, empty periods between the first and last included."""
    undated: int = 0
    """Hits with no known date."""
    imprecise: int = 0
    """Hits whose date is coarser than the buckets (a year-only date by month)."""
    total: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "total": self.total,
            "undated": self.undated,
            "imprecise": self.imprecise,
            "buckets": [asdict(b) for b in self.buckets],
        }


@dataclass(frozen=True)
class PlaceCount:
    key: str
    name: str
    kind: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    count: int


@dataclass(frozen=True)
class Places:
    total: int
    placed: tuple[PlaceCount, ...] = ()
    """Places with usable coordinates, most articles first."""
    unplaced: tuple[PlaceCount, ...] = ()
    """Places without (or with bad) coordinates: listed, never dropped."""
    countries: dict[str, int] = field(default_factory=dict)
    """ISO alpha-2 -> articles naming a place in (or being) that country."""

    def to_json(self) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in asdict(p).items() if k != "key"}
            for p in (*self.placed, *self.unplaced)
        ]


@dataclass(frozen=True)
class ArticleRef:
    id: str
    title: str
    date: str | None


@dataclass(frozen=True)
class Dossier:
    kind: str
    key: str
    name: str
    count: int
    first: str | None = None
    last: str | None = None
    timeline: Timeline = field(default_factory=lambda: Timeline("month"))
    people: tuple[FacetRow, ...] = ()
    places: tuple[FacetRow, ...] = ()
    orgs: tuple[FacetRow, ...] = ()
    """Co-occurring entities, most shared articles first (itself left out)."""
    articles: tuple[ArticleRef, ...] = ()
    """Newest first; undated last."""
    place: PlaceCount | None = None
    """Where it is, for a place."""


@dataclass(frozen=True)
class Overview:
    """Facets, timeline and places of one hit set, counted together."""

    facets: Facets
    timeline: Timeline
    places: Places
