"""The one object the front ends talk to: an articles folder and its index.

`Library` hides where the index lives, whether it is on disk or (when the
cache folder cannot be written) in memory, and how searchers are refreshed.
Every method returns plain records from `index.records`.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from index.messages import Problem, counted
from index.paths import index_dir_for
from index.query.hitset import HitCache
from index.query.scoring import weighting
from index.records import Article, BuildReport, Filter, FilterField, SearchResult
from index.store import disk as store
from index.store.build import Progress, build_in_memory, update_index
from index.store.serialize import article_from_dict

if TYPE_CHECKING:
    from index.archive.entities import ArchiveEntity
    from index.archive.records import Bucketing, Dossier, Facets, Overview, Places, Timeline
    from index.records import Filter

T = TypeVar("T")

_OPEN_ATTEMPTS = 5
"""Another instance swaps a rebuilt index in by two renames; an open that
lands between them finds no folder for a moment, so it is retried briefly."""


class ArticlesDirError(Exception):
    """The articles folder is missing, not a folder, or unreadable."""


def check_articles_dir(path: Path) -> Path:
    path = Path(path).expanduser()
    if not path.exists():
        raise ArticlesDirError(f"articles folder not found: {path}")
    if not path.is_dir():
        raise ArticlesDirError(f"not a folder: {path}")
    try:
        # scandir reads the first entries only (Path.iterdir lists the whole
        # folder: 45 ms at 100,000 files, twice per command).
        with os.scandir(path) as entries:
            next(entries, None)
    except OSError as exc:
        raise ArticlesDirError(f"cannot read articles folder {path}: {exc.strerror}") from exc
    return path.resolve()


def empty_note(articles_dir: Path, report: BuildReport) -> str:
    """Why an index holds no article, for the CLI's error line and the TUI's
    empty state: the folder has no article files, or none could be read."""
    if report.skipped:
        return (
            f"no readable articles in {articles_dir}: "
            f"{counted(len(report.skipped), 'file')} skipped (see `diplo-reader index`)"
        )
    return f"no articles in {articles_dir} (looked for .txt and .md files in it and below)"


class Library:
    """An articles folder and its Whoosh index."""

    def __init__(self, articles_dir: Path, index_dir: Path | None = None) -> None:
        self.articles_dir = check_articles_dir(articles_dir)
        self.index_dir = index_dir or index_dir_for(self.articles_dir)
        self._ix: whoosh_index.Index | None = None
        self._searcher: Searcher | None = None
        self._seen: tuple[int, int, int] | None = None
        """(inode, device, generation) of the on-disk index our searchers read."""
        self._lock = threading.RLock()
        self._hits = HitCache()
        """The last query's matches, shared by a keystroke's first page, its
        counts and its longer list (one evaluation of the query)."""
        self.in_memory = False

    # -- building ---------------------------------------------------------

    def update(
        self,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        wait: float = 0.0,
        on_busy: Callable[[], None] | None = None,
    ) -> BuildReport:
        """Build or update the index. When another process is building, calls
        `on_busy` and waits up to `wait` seconds; when time runs out, opens
        the index as it is (raises store.IndexBusy if there is none yet)."""

        def build(within: float) -> BuildReport:
            return update_index(
                self.articles_dir,
                self.index_dir,
                rebuild=rebuild,
                progress=progress,
                cancel=cancel,
                wait=within,
            )

        try:
            try:
                report = build(0.0)
            except store.IndexBusy:
                if on_busy is not None:
                    on_busy()
                try:
                    report = build(wait)
                except store.IndexBusy:
                    if store.check_index(self.index_dir, self.articles_dir) is not None:
                        raise
                    report = BuildReport(note=Problem("note.busy"))
        except OSError as exc:
            # Cache folder read-only, full or otherwise unusable: work in memory.
            ix, report = build_in_memory(self.articles_dir, progress)
            self._set_index(ix, in_memory=True)
            reason = exc.strerror or str(exc)
            return BuildReport(
                added=report.added,
                skipped=report.skipped,
                seconds=report.seconds,
                rebuilt=True,
                note=Problem("note.memory", (reason,)),
            )
        self._set_index(self._open_disk_index(), in_memory=False)
        return report

    def _open_disk_index(self) -> whoosh_index.Index:
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                return store.open_index(self.index_dir)
            except Exception:
                if attempt == _OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.1 * (attempt + 1))
        raise AssertionError("unreachable")

    def _set_index(self, ix: whoosh_index.Index | None, in_memory: bool) -> None:
        with self._lock:
            self._forget_searchers()
            self._ix, self._searcher, self.in_memory = ix, None, in_memory
            self._seen = None if ix is None or in_memory else self._on_disk()

    def _on_disk(self) -> tuple[int, int, int] | None:
        try:
            st = self.index_dir.stat()
            return st.st_ino, st.st_dev, self.ix.latest_generation()
        except Exception:  # mid-swap by another process: try again next time
            return None

    def _sync(self) -> None:
        """Follow commits and swaps made by other processes.

        Searchers are reopened, never `refresh()`ed: whoosh-reloaded's
        `reader(reuse=…)` keeps every old segment the new generation no longer
        lists, so a refreshed searcher counts updated articles twice. A full
        rebuild swaps in a new folder whose generation may equal the old one,
        so the folder's inode is compared too."""
        if self._ix is None or self.in_memory:
            return
        now = self._on_disk()
        if now is None or now == self._seen:
            return
        self._forget_searchers()
        if self._seen is None or now[:2] != self._seen[:2]:
            self._ix = self._open_disk_index()
        self._seen = self._on_disk()

    def _forget_searchers(self) -> None:
        """Close our searcher (the only one kept open for our index)."""
        self._hits.clear()
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    @property
    def ready(self) -> bool:
        return self._ix is not None

    def open_existing(self) -> bool:
        """Open the index as it is on disk, without updating (for a fast start)."""
        if store.check_index(self.index_dir, self.articles_dir) is not None:
            return False
        self._set_index(self._open_disk_index(), in_memory=False)
        return True

    # -- reading ----------------------------------------------------------

    @property
    def ix(self) -> whoosh_index.Index:
        if self._ix is None:
            raise RuntimeError("index not ready: call update() or open_existing() first")
        return self._ix

    def searcher(self) -> Searcher:
        """A shared searcher, refreshed to the latest committed generation."""
        with self._lock:
            self._sync()
            if self._searcher is None:
                self._searcher = self.ix.searcher(weighting=weighting())
            return self._searcher

    def search(
        self,
        query: str,
        *,
        filters: Sequence[Filter] = (),
        limit: int = 20,
        sort: str = "relevance",
        typing: bool = False,
    ) -> SearchResult:
        """See `index.search.searching.search` (typing=True: the last word may be
        unfinished; filters: chips, AND, exclude = NOT)."""
        from index.search.searching import search

        with self._lock:  # Whoosh searchers are not safe to share between threads
            searcher = self.searcher()
            if any(f.field != "date" for f in filters):
                filters = self._with_identities(searcher, filters)
            return search(
                searcher,
                query,
                filters=filters,
                limit=limit,
                sort=sort,
                typing=typing,
                hits=self._hits,
            )

    def _with_identities(self, searcher: Searcher, filters: Sequence[Filter]) -> list[Filter]:
        """Entity chips widened to every name of the entity across the archive
        ("John Kerry" also matches "Kerry"), as the archive views count them."""
        from index.archive.hits import with_identities
        from index.archive.source import columns_for

        try:
            cols = columns_for(searcher, None if self.in_memory else self.index_dir)
        except Exception:  # the names as given still narrow the search
            return list(filters)
        return with_identities(cols, filters)

    def _read(self, read: Callable[[Searcher], T]) -> T:
        """Run `read` on a fresh searcher; once more on a reopened searcher if
        it fails (another instance may have just swapped in a rebuilt index)."""
        with self._lock:
            try:
                return read(self.searcher())
            except Exception:
                self._forget_searchers()
                time.sleep(0.1)
                return read(self.searcher())

    def article(self, article_id: str) -> Article | None:
        fields = self._read(lambda s: s.document(id=article_id))
        if not fields:
            return None
        return article_from_dict(json.loads(fields["record"]))

    def count(self) -> int:
        return self._read(lambda s: s.doc_count())

    def entity_article_count(self, field: FilterField, name: str) -> int:
        """How many articles name this person/place/org (field: person, place, org)."""
        return self.search("", filters=(Filter(field, name),), limit=1).total

    # -- the archive at a glance (index/archive) ---------------------------

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
        """Facets, timeline and places of the query's whole hit set (facet
        rows: `limit` per group; places: the `places_limit` most named).
        Right after `search` with the same text and `typing`, the matches that
        search found are counted (the query is not evaluated again)."""
        from index.archive import service

        folder = None if self.in_memory else self.index_dir
        return self._read(
            lambda s: service.overview(
                s,
                folder,
                text,
                filters,
                limit=limit,
                by=by,
                typing=typing,
                places_limit=places_limit,
                hits=self._hits,
            )
        )

    def facets(
        self, text: str = "", filters: Sequence[Filter] = (), *, limit: int | None = 10
    ) -> Facets:
        return self.overview(text, filters, limit=limit).facets

    def timeline(
        self, text: str = "", filters: Sequence[Filter] = (), *, by: Bucketing | None = None
    ) -> Timeline:
        return self.overview(text, filters, by=by).timeline

    def places(self, text: str = "", filters: Sequence[Filter] = ()) -> Places:
        return self.overview(text, filters, limit=0, places_limit=None).places

    def dossier(self, kind: str, name: str, *, limit: int = 15) -> Dossier | None:
        """One person's, place's or organisation's dossier over the whole archive."""
        from index.archive import service

        folder = None if self.in_memory else self.index_dir
        return self._read(lambda s: service.dossier(s, folder, kind, name, limit))

    def entities(self, kind: str | None = None, *, limit: int | None = None) -> list[ArchiveEntity]:
        """The archive's people, places and organisations under their archive-wide
        identities, with their number of articles and other names, most first."""
        from index.archive import entities
        from index.archive.source import columns_for

        folder = None if self.in_memory else self.index_dir
        return self._read(lambda s: entities.entities(columns_for(s, folder), kind, limit))

    def warm_archive(self) -> None:
        """Read the archive columns now (a worker calls this after opening)."""
        from index.archive import service

        folder = None if self.in_memory else self.index_dir
        self._read(lambda s: service.warm(s, folder))

    def close(self) -> None:
        self._set_index(None, in_memory=False)
