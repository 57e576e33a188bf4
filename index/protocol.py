"""The contract between the core and its front ends.

`LibraryAPI` is what the TUI, the CLI and the test fake rely on; `Library`
implements it and mypy checks the fake against it (tests/reader/reader_fakes.py).
Every method returns plain records from `index.records`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from index.archive.records import Bucketing, Dossier, Overview
from index.records import Article, BuildReport, Filter, FilterField, Progress, SearchResult


class LibraryAPI(Protocol):
    """An articles folder and its index, as the front ends see it."""

    @property
    def articles_dir(self) -> Path:
        """The folder the articles are read from."""
        ...

    def open_existing(self) -> bool:
        """Open the index as it is on disk, if it is usable (a warm start)."""
        ...

    def update(
        self,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        wait: float = 0.0,
        on_busy: Callable[[], None] | None = None,
    ) -> BuildReport:
        """Bring the index up to date with the folder.

        Raises:
            index.store.disk.IndexBusy: another process builds and `wait` ran out
                with no index to fall back on.
        """
        ...

    def search(
        self,
        query: str,
        *,
        filters: Sequence[Filter] = (),
        limit: int = 20,
        sort: str = "relevance",
        typing: bool = False,
    ) -> SearchResult:
        """Search; never raises on user input (errors come in the result)."""
        ...

    def article(self, article_id: str) -> Article | None:
        """One article, or None when it is not (or no longer) in the index."""
        ...

    def count(self) -> int:
        """How many articles the index holds."""
        ...

    def entity_article_count(self, field: FilterField, name: str) -> int:
        """In how many articles a person/place/organisation occurs."""
        ...

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
        """Facets, timeline and places of the query's whole hit set (the
        timeline leaves date filters out, so a period can be widened)."""
        ...

    def dossier(self, kind: str, name: str, *, limit: int = 15) -> Dossier | None:
        """A person's, place's or organisation's dossier over the whole archive."""
        ...
