"""Messages the background workers post to the app.

Workers never touch widgets: they post one of these (Textual's `post_message`
is thread-safe) and the app updates the screen on the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from index import Article, BuildReport, SearchResult


@dataclass
class IndexProgress(Message):
    """The index build advanced."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        # A flood of progress updates collapses into the latest one.
        return isinstance(message, IndexProgress)


@dataclass
class IndexBusy(Message):
    """Another process holds the index lock; we are waiting for it."""


@dataclass
class IndexReady(Message):
    """The index can be searched: opened as it was (warm) or freshly updated."""

    count: int
    report: BuildReport | None = None
    """None for a warm open; the build report once an update finished."""


@dataclass
class IndexPreview(Message):
    """Titles read straight from the files while the first index is built."""

    result: SearchResult


@dataclass
class IndexFailed(Message):
    """Building or opening the index failed."""

    error: str


@dataclass
class SearchFinished(Message):
    """Results for search number `seq` (later numbers are newer queries)."""

    seq: int
    result: SearchResult
    more: bool = False
    """The longer list for the same search, after its first page."""


@dataclass
class ArticleLoaded(Message):
    """An article was read from the index (None: no such article any more)."""

    article_id: str
    article: Article | None


@dataclass
class EntityCounted(Message):
    """How many articles mention a person/place/org."""

    field: str
    name: str
    count: int


@dataclass
class ScreenReady(Message):
    """The main screen is composed: its widgets can be filled."""


@dataclass
class HitMoved(Message):
    """n/N moved to match `index` (0-based) of `total` in the open article."""

    index: int
    total: int


@dataclass
class FetchProgress(Message):
    """Fetching feeds advanced: `done` of `total` new items of feed `feed`."""

    feed: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FetchProgress)


@dataclass
class FetchFinished(Message):
    """Fetching feeds ended: how many new articles, and what failed (one line each)."""

    new: int
    feeds: int
    errors: tuple[str, ...] = ()


@dataclass
class FolderChanged(Message):
    """Article files were added, changed or removed in the articles folder."""

    paths: frozenset[str]

    def can_replace(self, message: Message) -> bool:
        # Bursts merge: one index update covers every change before it.
        return isinstance(message, FolderChanged)
