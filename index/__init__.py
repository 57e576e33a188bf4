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

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from index.messages import Problem, render
from index.records import (
    Article,
    BuildReport,
    Entity,
    Filter,
    Hit,
    Metadata,
    SearchResult,
    Skipped,
)

try:
    __version__ = version("diplo-reader")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0+checkout"

if TYPE_CHECKING:
    from index.library import ArticlesDirError, Library
    from index.protocol import LibraryAPI

__all__ = [
    "Article",
    "ArticlesDirError",
    "BuildReport",
    "Entity",
    "Filter",
    "Hit",
    "Library",
    "LibraryAPI",
    "Metadata",
    "Problem",
    "SearchResult",
    "Skipped",
    "__version__",
    "render",
]

_LAZY = {
    "Library": "index.library",
    "ArticlesDirError": "index.library",
    "LibraryAPI": "index.protocol",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'index' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
