"""A small in-memory stand-in for index.library.Library.

It answers the same methods with invented German articles, so the side panel
(people, places, dates of every precision) can be tested with exact content
whatever the extraction currently finds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from index.records import (
    Article,
    BuildReport,
    Entity,
    Filter,
    FilterField,
    Hit,
    Metadata,
    SearchResult,
)

if TYPE_CHECKING:
    from index.protocol import LibraryAPI

from index.archive.aggregate import dossier as archive_dossier
from index.archive.columns import Columns, build_columns
from index.archive.facts import facts_from_record
from index.archive.filters import apply_filters
from index.archive.records import Bucketing, Dossier, Overview
from index.archive.service import overview_of
from index.store.serialize import article_to_dict

COORDINATES = {
    "Tokio": ("JP", 35.69, 139.69),
    "Peking": ("CN", 39.91, 116.40),
    "Genf": ("CH", 46.20, 6.14),
}
"""Where the invented articles' places are (the map needs coordinates)."""


def _placed(article: Article) -> Article:
    placed = tuple(
        replace(e, country_code=c[0], lat=c[1], lon=c[2]) if (c := COORDINATES.get(e.name)) else e
        for e in article.meta.places
    )
    return replace(article, meta=replace(article.meta, places=placed))


def _article(
    aid: str,
    title: str,
    body: str,
    date: str | None,
    precision: str,
    people: tuple[tuple[str, int], ...] = (),
    places: tuple[tuple[str, int], ...] = (),
    orgs: tuple[tuple[str, int], ...] = (),
) -> Article:
    meta = Metadata(
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        source="Testquelle",
        author=None,
        people=tuple(Entity(n, "person", c) for n, c in people),
        places=tuple(Entity(n, "place", c, place_kind="city") for n, c in places),
        orgs=tuple(Entity(n, "org", c) for n, c in orgs),
    )
    return Article(aid, f"/fake/{aid}.txt", title, body, f"{title}\n{body}", aid, meta)


ARTICLES = [
    _article(
        "a1",
        "Gipfel in Tokio",
        "Die Außenminister trafen sich in Tokio.\n\n## Gespräche\n\n"
        "Kamikawa empfing Blinken. In Tokio ging es um Sicherheit, sagte Blinken.",
        "2023-11-05",
        "day",
        people=(("Antony Blinken", 3), ("Yoko Kamikawa", 2)),
        places=(("Tokio", 4), ("Peking", 1)),
        orgs=(("Nato", 1),),
    ),
    _article(
        "a2",
        "Treffen in Genf",
        "Lawrow und Blinken sprachen in Genf über die Ukraine.",
        "2025-01",
        "month",
        people=(("Sergej Lawrow", 2), ("Antony Blinken", 1)),
        places=(("Genf", 2),),
    ),
    _article(
        "a3",
        "Markup [bold]bleibt[/bold] Text",
        "Ein Absatz mit [link=https://example.org]Link[/link], [@click=app.quit]Klick[/] "
        "und \x1b[31mrot\x1b[0m sowie *betont*.",
        None,
        "unknown",
    ),
]


class FakeLibrary:
    """Same methods as index.library.Library, over ARTICLES."""

    def __init__(
        self, articles: list[Article] | None = None, delays: dict[str, float] | None = None
    ):
        self.articles = {a.id: a for a in (ARTICLES if articles is None else articles)}
        self.articles_dir = Path("/fake")
        self.delays = delays or {}
        """Seconds a query should take (to test stale results)."""
        self.searches: list[str] = []
        self.filter_log: list[tuple[Filter, ...]] = []
        """The filters of each search, in order."""

    def open_existing(self) -> bool:
        return True

    def update(self, **_kwargs: object) -> BuildReport:
        return BuildReport(unchanged=len(self.articles))

    def count(self) -> int:
        return len(self.articles)

    def article(self, article_id: str) -> Article | None:
        return self.articles.get(article_id)

    def _matches(self, article: Article, query: str, filters: Sequence[Filter]) -> bool:
        for flt in filters:
            if flt.field == "date":
                named = (article.meta.date or "").startswith(flt.value)
            else:
                ents = {
                    "place": article.meta.places,
                    "person": article.meta.people,
                    "org": article.meta.orgs,
                }[flt.field]
                named = any(e.name == flt.value for e in ents)
            if named == flt.exclude:
                return False
        return all(word.casefold() in article.text.casefold() for word in query.split())

    def search(
        self,
        query: str,
        *,
        filters: Sequence[Filter] = (),
        limit: int = 20,
        sort: str = "relevance",
        typing: bool = False,
    ) -> SearchResult:
        self.searches.append(query)
        self.filter_log.append(tuple(filters))
        time.sleep(self.delays.get(query, 0.0))
        found = self._found(query, filters)
        found.sort(key=lambda a: a.meta.date or "", reverse=True)
        terms = tuple(w.casefold() for w in query.split())
        hits = []
        for a in found[:limit]:
            snippet = a.text.split("\n", 1)[1].replace("## ", "")[:80]
            spans = []
            for term in terms:
                at = snippet.lower().find(term)  # lower() keeps offsets (casefold: ß->ss)
                if at >= 0:
                    spans.append((at, at + len(term)))
            hits.append(
                Hit(a.id, a.title, a.meta.date, a.meta.date_precision, 1.0, snippet, tuple(spans))
            )
        suggestion = "Tokio" if not hits and query == "Tokyo" else None
        return SearchResult(query, tuple(hits), len(found), suggestion=suggestion, terms=terms)

    def entity_article_count(self, field: FilterField, name: str) -> int:
        return self.search("", filters=(Filter(field, name),)).total

    # -- the archive views, counted by index.archive over the same articles --

    def _columns(self) -> tuple[Columns, list[Article]]:
        ordered = list(self.articles.values())
        facts = [facts_from_record(article_to_dict(_placed(a))) for a in ordered]
        return build_columns(facts), ordered

    def _found(self, query: str, filters: Sequence[Filter]) -> list[Article]:
        cols, ordered = self._columns()
        mask = cols.mask(i for i, a in enumerate(ordered) if self._matches(a, query, ()))
        mask = apply_filters(cols, mask, filters)
        return [a for i, a in enumerate(ordered) if mask[i]]

    def overview(
        self,
        text: str = "",
        filters: Sequence[Filter] = (),
        *,
        limit: int | None = 10,
        by: Bucketing | None = None,
        typing: bool = False,
        places_limit: int | None = 400,
    ) -> Overview:
        cols, ordered = self._columns()
        ids = {a.id for a in self._found(text, ())}
        base = cols.mask(i for i, a in enumerate(ordered) if a.id in ids)
        return overview_of(cols, base, filters, limit=limit, by=by)

    def dossier(self, kind: str, name: str, *, limit: int = 15) -> Dossier | None:
        cols, _ = self._columns()
        return archive_dossier(cols, kind, name, limit)


if TYPE_CHECKING:
    # mypy checks the fake against the contract the app relies on
    # (tests/test_contract.py runs mypy on this file).
    _contract: LibraryAPI = FakeLibrary()


def with_date(article: Article, date: str | None, precision: str) -> Article:
    return replace(article, meta=replace(article.meta, date=date, date_precision=precision))  # type: ignore[arg-type]
