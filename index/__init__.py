"""diplo-reader's core: reading articles, extraction, the Whoosh index, search.

This package is the facade the front ends import: the `Library` and its
contract (`LibraryAPI`), the records it returns, filters and messages. It
never imports `reader` or `textual` (a test enforces it). `Library` is loaded
on first use, since importing Whoosh is the slowest part of start-up.

Layers, from the bottom (tests/test_layers.py checks them):
paths, records, messages, errors, engine -> text, files, extract -> store,
query -> search -> library, protocol, this facade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from index import lean_imports
from index.messages import Problem, counted, render
from index.paths import default_articles_dir, state_file
from index.records import (
    FILTER_FIELDS,
    Article,
    BuildReport,
    Entity,
    Filter,
    FilterField,
    Hit,
    Metadata,
    SearchResult,
    Skipped,
)

lean_imports.install()  # before anything imports Whoosh

__version__ = "0.1.0"
"""The program's version: pyproject.toml's `version` (tests/test_packaging.py
checks they agree). A constant, not read from the installed distribution: the
index records it on every update, and importlib.metadata costs 20-40 ms of
each command's start-up."""

if TYPE_CHECKING:
    from index.archive.records import (
        ArticleRef,
        Bucket,
        Dossier,
        FacetRow,
        Facets,
        Overview,
        PlaceCount,
        Places,
        Timeline,
    )
    from index.errors import ArticleError
    from index.files.atomic import write_atomic
    from index.files.corpus import read_article
    from index.files.decode import printable
    from index.files.preview import preview as preview_titles
    from index.ingest.add import IngestOutcome, TargetError, add_sources, writable_articles_dir
    from index.ingest.feeds import FetchOptions, fetch_feeds
    from index.ingest.feedstore import FeedStore, FeedStoreError
    from index.ingest.watch import WatcherBase, get_watcher
    from index.library import ArticlesDirError, Library, check_articles_dir, empty_note
    from index.protocol import LibraryAPI
    from index.search.searching import match_spans
    from index.store.disk import IndexBusy

__all__ = [
    "FILTER_FIELDS",
    "Article",
    "ArticleError",
    "ArticleRef",
    "ArticlesDirError",
    "Bucket",
    "BuildReport",
    "Dossier",
    "Entity",
    "FacetRow",
    "Facets",
    "FeedStore",
    "FeedStoreError",
    "FetchOptions",
    "Filter",
    "FilterField",
    "Hit",
    "IndexBusy",
    "IngestOutcome",
    "Library",
    "LibraryAPI",
    "Metadata",
    "Overview",
    "PlaceCount",
    "Places",
    "Problem",
    "SearchResult",
    "Skipped",
    "TargetError",
    "Timeline",
    "WatcherBase",
    "__version__",
    "add_sources",
    "check_articles_dir",
    "counted",
    "default_articles_dir",
    "empty_note",
    "fetch_feeds",
    "get_watcher",
    "match_spans",
    "preview_titles",
    "printable",
    "read_article",
    "render",
    "state_file",
    "writable_articles_dir",
    "write_atomic",
]

_LAZY = {
    # The archive's records (facets, timeline, places, dossier): ~40 ms of
    # dataclasses that only the archive views and commands use.
    **dict.fromkeys(
        (
            "ArticleRef",
            "Bucket",
            "Dossier",
            "FacetRow",
            "Facets",
            "Overview",
            "PlaceCount",
            "Places",
            "Timeline",
        ),
        "index.archive.records",
    ),
    "Library": "index.library",
    "ArticlesDirError": "index.library",
    "check_articles_dir": "index.library",
    "empty_note": "index.library",
    "LibraryAPI": "index.protocol",
    "ArticleError": "index.errors",
    "write_atomic": "index.files.atomic",
    "read_article": "index.files.corpus",
    "preview_titles": "index.files.preview",
    "match_spans": "index.search.searching",
    "IndexBusy": "index.store.disk",
    # News in (index/ingest): `add`, `feeds`, `fetch` and the live folder.
    "printable": "index.files.decode",
    "IngestOutcome": "index.ingest.add",
    "TargetError": "index.ingest.add",
    "add_sources": "index.ingest.add",
    "writable_articles_dir": "index.ingest.add",
    "FetchOptions": "index.ingest.feeds",
    "fetch_feeds": "index.ingest.feeds",
    "FeedStore": "index.ingest.feedstore",
    "FeedStoreError": "index.ingest.feedstore",
    "WatcherBase": "index.ingest.watch",
    "get_watcher": "index.ingest.watch",
}


_RENAMED = {"preview_titles": "preview"}
"""Facade names that differ from the name in their module."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'index' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), _RENAMED.get(name, name))
