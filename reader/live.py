"""Fetching feeds from the TUI, and the live articles folder (a mixin of
DiploReader, like reader.indexing).

Both run off the event loop: the fetch in a thread worker that posts
FetchProgress/FetchFinished, the folder watcher in its own thread posting
FolderChanged. Each change batch runs the one incremental index update
(Library.update); while an update runs, further changes only mark the
index dirty, and one more update follows. The reader's place (query,
highlighted result, open article and its scroll position) stays: the
existing IndexReady handling re-runs the search and re-shows the same
article without scrolling it home.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from reader import messages as m
from reader.i18n import t
from reader.late import dropped_when_closing
from reader.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from index import LibraryAPI, WatcherBase
    from reader.widgets.main_screen import MainScreen


class LiveMixin(App[int]):
    """Feed fetching and the live folder."""

    if TYPE_CHECKING:
        main_screen: MainScreen
        library: LibraryAPI | None
        articles_dir: Path | None
        index_ready: bool
        _cancel: threading.Event

    live_folder: bool = True
    """Watch the articles folder (tests that don't want a watcher turn it off)."""
    _watcher: WatcherBase | None = None
    _refreshing: bool = False
    _dirty: bool = False
    _fetching: bool = False

    # -- live folder --------------------------------------------------------

    @dropped_when_closing
    def on_index_ready(self, message: m.IndexReady) -> None:
        if message.report is None:
            return  # a warm open; the update that follows reports
        if self._watcher is None and self.live_folder and self.articles_dir is not None:
            self._start_watcher()
        if self._refreshing:
            self._refreshing = False
            if self._dirty:
                self._refresh_index()

    def _start_watcher(self) -> None:
        from index import get_watcher

        assert self.articles_dir is not None
        post = self.post_message  # thread-safe

        def changed(paths: set[str]) -> None:
            post(m.FolderChanged(frozenset(paths)))

        self._watcher = get_watcher(Path(self.articles_dir), changed)
        self._watcher.start()

    def on_folder_changed(self, _message: m.FolderChanged) -> None:
        self._refresh_index()

    def _refresh_index(self) -> None:
        if not self.index_ready or self._refreshing:
            self._dirty = True
            return
        self._dirty, self._refreshing = False, True
        self.main_screen.query_one(StatusBar).set_text(t("index.checking"))
        self.update_index_live()

    @work(thread=True, group="live-index", exit_on_error=False)
    def update_index_live(self) -> None:
        """The incremental update after a change in the folder."""
        library = self.library
        if library is None:
            self.call_from_thread(self._live_failed)
            return
        try:
            report = library.update(cancel=self._cancel, wait=60.0)
            count = library.count()
        except Exception as exc:
            if not self._cancel.is_set():
                self.post_message(m.IndexFailed(f"{type(exc).__name__}: {exc}"))
            self.call_from_thread(self._live_failed)
            return
        self.post_message(m.IndexReady(count, report))

    def _live_failed(self) -> None:
        self._refreshing = False

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None

    # -- fetching feeds -----------------------------------------------------

    def action_fetch_feeds(self) -> None:
        """Fetch every followed feed's new items (in the background)."""
        if self._fetching:
            self.notify(t("fetch.running"), markup=False)
            return
        if self.articles_dir is None:
            return
        self._fetching = True
        self.main_screen.query_one(StatusBar).set_text(t("fetch.start"))
        self.fetch_feeds_worker(Path(self.articles_dir))

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def fetch_feeds_worker(self, articles_dir: Path) -> None:
        from reader.workers_fetch import fetch_all

        fetch_all(articles_dir, self.post_message, self._cancel)

    @dropped_when_closing
    def on_fetch_progress(self, message: m.FetchProgress) -> None:
        status = self.main_screen.query_one(StatusBar)
        status.set_text(t("fetch.progress", feed=message.feed, done=message.done, n=message.total))
        status.set_progress(message.done, message.total)

    @dropped_when_closing
    def on_fetch_finished(self, message: m.FetchFinished) -> None:
        self._fetching = False
        status = self.main_screen.query_one(StatusBar)
        status.set_progress(0, None)
        if message.feeds == 0 and not message.errors:
            status.set_text(t("fetch.no_feeds"))
            self.notify(t("fetch.no_feeds"), markup=False)
            return
        text = t("fetch.done", n=message.new)
        status.set_text(text)
        if message.errors:
            lines = [text, t("fetch.errors", n=len(message.errors)), *message.errors[:6]]
            self.notify("\n".join(lines), severity="warning", timeout=10, markup=False)
        else:
            self.notify(text, markup=False)
        if message.new:
            self._refresh_index()  # the watcher would too; this is at once
