"""The work that runs in background threads, written as plain functions.

Each takes the library and a `post` callable (the app's thread-safe
`post_message`) so it can be tested without an event loop. Nothing here
touches a widget.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

from reader.messages import (
    ArticleLoaded,
    EntityCounted,
    IndexBusy,
    IndexFailed,
    IndexPreview,
    IndexProgress,
    IndexReady,
    SearchFinished,
)

if TYPE_CHECKING:
    from index import Bucketing, Filter, FilterField, LibraryAPI

Post = Callable[[Message], Any]

RESULT_LIMIT = 25
"""The first page, on every keystroke: more than a tall screen shows, and few
enough that making their snippets stays within a keystroke's budget."""

FACET_LIMIT = 8
"""Rows per facet group in the side panel."""

MORE_LIMIT = 200
"""The rest to page through, fetched right after the first page when the
query is still the current one."""


def open_library(articles_dir: Path, index_dir: Path | None) -> LibraryAPI:
    """Import and build the Library here, off the event loop: importing
    Whoosh is the slowest part of start-up and must not delay the first paint."""
    from index import Library

    return Library(articles_dir, index_dir)


def preview(articles_dir: Path, post: Post) -> dict[str, str]:
    """Post the folder's titles, read from the files (no index, no Whoosh
    import): a first start shows them at once. Returns id -> path for
    reading those articles before the index is ready."""
    from index import preview_titles as read_titles

    try:
        result = read_titles(articles_dir, RESULT_LIMIT)
    except Exception:  # the build will say what is wrong with the folder
        return {}
    if result.hits:
        post(IndexPreview(result))
    return {hit.id: hit.path for hit in result.hits}


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr.

    Textual swaps sys.stderr for a capture whose fileno() is -1; the tracker,
    started by the index's process pool on large builds, hands that fd to its
    child and fails ("bad value(s) in fds_to_keep"). Started once here, it is
    reused by the pool. Only print() in other threads could notice the swap,
    and only for the few milliseconds it lasts; Textual itself writes to
    sys.__stderr__ through its driver.
    """
    from multiprocessing import resource_tracker

    saved, sys.stderr = sys.stderr, sys.__stderr__
    try:
        resource_tracker.ensure_running()
    except Exception:
        pass  # the build reports its own error if the pool cannot start
    finally:
        sys.stderr = saved


def load_index(
    library: LibraryAPI, post: Post, cancel: threading.Event, rebuild: bool = False
) -> None:
    """Open a warm index at once, then update it in the background."""
    try:
        if not rebuild and library.open_existing():
            post(IndexReady(library.count()))
        if sys.stderr is not sys.__stderr__:
            start_resource_tracker()
        report = library.update(
            rebuild=rebuild,
            progress=lambda done, total: post(IndexProgress(done, total)),
            cancel=cancel,
            wait=300.0,
            on_busy=lambda: post(IndexBusy()),
        )
    except Exception as exc:  # any failure must reach the user, not kill the app
        if not cancel.is_set():
            post(IndexFailed(f"{type(exc).__name__}: {exc}"))
        return
    post(IndexReady(library.count(), report))


def run_search(
    library: LibraryAPI,
    seq: int,
    query: str,
    filters: Sequence[Filter],
    sort: str,
    post: Post,
    current: Callable[[], int],
    by: Bucketing | None = None,
) -> None:
    """First page at once; then, while no newer search has been asked for
    (`current()` is still `seq`), the counts over the whole hit set (facets,
    timeline, places) and the longer list to page through."""
    from index import SearchResult

    try:
        # typing=True: an unfinished last word also matches as a prefix ("Brü").
        result = library.search(query, filters=filters, limit=RESULT_LIMIT, sort=sort, typing=True)
        post(SearchFinished(seq, result))
        if current() == seq:
            post_overview(library, seq, query, filters, post, by)
        if result.total > len(result.hits) and current() == seq:
            more = library.search(query, filters=filters, limit=MORE_LIMIT, sort=sort, typing=True)
            post(SearchFinished(seq, more, more=True))
    except Exception as exc:
        post(SearchFinished(seq, SearchResult(query=query, hits=(), total=0, error=str(exc))))


def post_overview(
    library: LibraryAPI,
    seq: int,
    query: str,
    filters: Sequence[Filter],
    post: Post,
    by: Bucketing | None = None,
) -> None:
    """The counts over the whole hit set (the timeline `by` week, month or
    year; None: from the span); a failure costs the counts only."""
    from reader.archive_messages import OverviewReady

    if not hasattr(library, "overview"):
        return
    try:
        overview = library.overview(query, filters, limit=FACET_LIMIT, typing=True, by=by)
    except Exception:
        return
    post(OverviewReady(seq, overview))


def load_article(
    library: LibraryAPI | None, article_id: str, post: Post, path: str | None = None
) -> None:
    """The article from the index; from its file (`path`) while the first
    index is still being built."""
    try:
        article = library.article(article_id) if library is not None else None
    except Exception:
        article = None
    if article is None and path:
        from index import read_article

        try:
            article = read_article(Path(path), article_id)
        except Exception:
            article = None
    post(ArticleLoaded(article_id, article))


def count_entity(library: LibraryAPI, field: FilterField, name: str, post: Post) -> None:
    try:
        count = library.entity_article_count(field, name)
    except Exception:
        return
    post(EntityCounted(field, name, count))


def load_dossier(library: Any, kind: str, name: str, push: bool, post: Post) -> None:
    from reader.archive_messages import DossierLoaded

    try:
        dossier = library.dossier(kind, name)
    except Exception:
        dossier = None
    post(DossierLoaded(kind, name, dossier, push))
