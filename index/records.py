"""Plain, frozen records that `index` hands to the TUI, the CLI and the tests.

Nothing here knows about Whoosh or Textual: these are the only shapes that
cross the boundary between the core and its front ends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from index.messages import Problem

DatePrecision = Literal["day", "month", "year", "unknown"]
EntityKind = Literal["person", "place", "org"]
PlaceKind = Literal["country", "city", "region", "water", "other"]


@dataclass(frozen=True)
class Entity:
    """A person, place or organisation named in one article, once, canonically."""

    name: str
    """Canonical form: fullest name for people, German nominative for places."""
    kind: EntityKind
    count: int = 1
    """How often the article mentions it (all surface forms together)."""
    aliases: tuple[str, ...] = ()
    """Other surface forms seen in this article ("Blinkens", "Nahen Osten")."""
    place_kind: PlaceKind | None = None
    country_code: str | None = None
    """ISO 3166-1 alpha-2 where the place has (or lies in) a country."""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Metadata:
    """What extraction found in an article's text."""

    date: str | None = None
    """ISO date cut to its precision: "2023-11-05", "2025-01", "2024", or None."""
    date_precision: DatePrecision = "unknown"
    mentioned_dates: tuple[str, ...] = ()
    """Other explicit dates the text mentions, as written ("7. Oktober")."""
    source: str | None = None
    author: str | None = None
    people: tuple[Entity, ...] = ()
    places: tuple[Entity, ...] = ()
    orgs: tuple[Entity, ...] = ()


@dataclass(frozen=True)
class Article:
    """One cleaned article with its metadata."""

    id: str
    """Stable id: the file name stem."""
    path: str
    title: str
    body: str
    """Markdown body (headings and paragraphs; the title is not repeated)."""
    text: str
    """Plain text of title and body, as indexed."""
    content_hash: str
    meta: Metadata = field(default_factory=Metadata)

    @property
    def date(self) -> str | None:
        return self.meta.date

    @property
    def date_precision(self) -> DatePrecision:
        return self.meta.date_precision

    def to_json(self) -> dict[str, Any]:
        """The shape `diplo-reader extract --json` prints (documented in README)."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.meta.date,
            "date_precision": self.meta.date_precision,
            "mentioned_dates": list(self.meta.mentioned_dates),
            "source": self.meta.source,
            "author": self.meta.author,
            "people": [e.name for e in self.meta.people],
            "places": [e.name for e in self.meta.places],
            "orgs": [e.name for e in self.meta.orgs],
        }

    def entities_json(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "people": [asdict(e) for e in self.meta.people],
            "places": [asdict(e) for e in self.meta.places],
            "orgs": [asdict(e) for e in self.meta.orgs],
        }


@dataclass(frozen=True)
class Hit:
    """One search result, copied out of Whoosh before the searcher closes."""

    id: str
    title: str
    date: str | None
    date_precision: DatePrecision
    score: float
    snippet: str
    """About two lines of plain text around the best passage."""
    spans: tuple[tuple[int, int], ...] = ()
    """Character spans of matched terms inside `snippet` (start, end)."""
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    path: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "people": list(self.people),
            "places": list(self.places),
        }


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: tuple[Hit, ...]
    total: int
    error: str | None = None
    """A clear message when the query was malformed (the search may still have
    fallen back to plain words: then `hits` is filled too)."""
    error_code: str | None = None
    """The message's stable code: `index.messages.render(code, args, lang)`
    gives it in another language."""
    error_args: tuple[str, ...] = ()
    suggestion: str | None = None
    """Did-you-mean query when nothing was found."""
    terms: tuple[str, ...] = ()
    """Folded query terms, for highlighting in the article pane."""


@dataclass(frozen=True)
class Skipped:
    """A file that was not indexed, and why."""

    path: str
    reason: str
    """A short human-readable reason ("binary file (not text)")."""
    code: str = ""
    """A stable key for the reason ("binary", "empty", "too-large" …) for translation."""


@dataclass(frozen=True)
class BuildReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    read: int = 0
    """Files read again because their size or mtime changed (touched or edited)."""
    skipped: tuple[Skipped, ...] = ()
    seconds: float = 0.0
    rebuilt: bool = False
    """True when the whole index was (re)built from scratch."""
    note: Problem | None = None
    """Why a rebuild or fallback happened, for the user, as a code with German
    and English texts (`note.render(lang)`)."""

    @property
    def processed(self) -> int:
        return self.added + self.updated

    @property
    def message(self) -> str | None:
        """The note in English (the command line's language)."""
        return self.note.render("en") if self.note else None


Progress = Callable[[int, int], None]
"""Called with (done, total) as a build advances."""

FilterField = Literal["person", "place", "org", "source", "date"]
FILTER_FIELDS: tuple[FilterField, ...] = ("person", "place", "org", "source", "date")


@dataclass(frozen=True)
class Filter:
    """One narrowing of a search, passed as data (the front ends never write
    query syntax): articles naming a person/place/organisation, from a source
    (as the article gives it: "tagesschau.de"), or dated in a period (`date`:
    "2024", "2024-05", "2024-05-03" or "2024-01..2024-03").
    `exclude` keeps the articles that do NOT match. Several filters combine
    with AND."""

    field: FilterField
    value: str
    exclude: bool = False
    also: tuple[str, ...] = dataclasses.field(default=(), compare=False)
    """Other names of the same entity across the archive, filled in by the
    library (index/archive/canonical.py) so a chip on "John Kerry" also finds
    the articles that only say "Kerry"; front ends leave it empty."""

    def __post_init__(self) -> None:
        if self.field not in FILTER_FIELDS:
            raise ValueError(f"unknown filter field {self.field!r} (one of {FILTER_FIELDS})")
        if not self.value.strip():
            raise ValueError("a filter needs a value")

    @property
    def label(self) -> str:
        """How a chip shows it: "place:Tokio", "−person:Kerry"."""
        return f"{'−' if self.exclude else ''}{self.field}:{self.value}"
