"""Watching the articles folder, behind one small interface.

`get_watcher(root, on_change)` returns a started-on-demand watcher that calls
`on_change(paths)` from its own thread with each batch of changed article
files: a burst (a fetch writing 50 files, an unpacked archive) arrives as one
batch. Temporary and hidden files, and files still being written, are left
out: diplo-reader's own writes go to `.NAME.PID.diplo-tmp` and appear by a
rename, which is reported as the finished file.

Two implementations, as in toolong's watcher module: watchfiles (inotify,
FSEvents, ReadDirectoryChangesW) and a polling fallback for file systems
where native events do not work (some network mounts), chosen with
`DIPLO_WATCHER=poll` or taken automatically when watchfiles fails.
"""

from __future__ import annotations

import os
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path

from index.ingest.write import is_temp_name

ARTICLE_SUFFIXES = (".md", ".txt")
DEBOUNCE_MS = 300
"""Changes closer together than this form one batch."""
SETTLE_S = 0.25
"""A file modified more recently than this may still be being written."""
MAX_SETTLE_S = 1.0
POLL_S = 0.5

OnChange = Callable[[set[str]], None]


def is_article_path(path: str) -> bool:
    """A change worth an index update: an article file, or a folder (a
    folder moved or deleted takes its articles with it)."""
    parts = Path(path).parts
    if any(is_temp_name(p) for p in parts[-3:]):
        return False
    name = parts[-1] if parts else ""
    if "." not in name:
        return True
    return name.lower().endswith(ARTICLE_SUFFIXES)


def settle(paths: set[str], now: Callable[[], float] = time.time) -> None:
    """Wait (at most MAX_SETTLE_S) until none of `paths` was modified in the
    last SETTLE_S seconds: a file another program is still writing is read
    once it is complete."""
    deadline = time.monotonic() + MAX_SETTLE_S
    while time.monotonic() < deadline:
        newest = 0.0
        for path in paths:
            try:
                newest = max(newest, os.stat(path).st_mtime)
            except OSError:
                continue  # removed: nothing to wait for
        wait = newest + SETTLE_S - now()
        if wait <= 0:
            return
        time.sleep(min(wait, 0.1))


class WatcherBase(ABC):
    """Calls `on_change` with batches of changed article paths until closed."""

    def __init__(self, root: Path, on_change: OnChange) -> None:
        self.root = Path(root)
        self.on_change = on_change
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="diplo-watch", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)

    @abstractmethod
    def _run(self) -> None: ...

    def _emit(self, paths: set[str]) -> None:
        paths = {p for p in paths if is_article_path(p)}
        if paths and not self._stop.is_set():
            settle(paths)
            self.on_change(paths)

    def _poll(self) -> None:
        """Compare (size, mtime) of every article file every POLL_S seconds."""
        before = snapshot(self.root)
        while not self._stop.wait(POLL_S):
            now = snapshot(self.root)
            changed = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
            before = now
            if changed:
                self._emit(changed)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    snap: dict[str, tuple[int, int]] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not is_temp_name(d)]
        for name in files:
            if name.lower().endswith(ARTICLE_SUFFIXES) and not is_temp_name(name):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                snap[path] = (st.st_size, st.st_mtime_ns)
    return snap


class PollingWatcher(WatcherBase):
    """For file systems without native change events (some network mounts)."""

    def _run(self) -> None:
        self._poll()


class WatchfilesWatcher(WatcherBase):
    """Native file-system events through watchfiles; polls if they fail."""

    def _run(self) -> None:
        try:
            from watchfiles import watch

            for changes in watch(
                self.root,
                watch_filter=lambda _change, path: is_article_path(path),
                debounce=DEBOUNCE_MS,
                step=50,
                stop_event=self._stop,
                raise_interrupt=False,
            ):
                self._emit({path for _change, path in changes})
        except Exception:
            if not self._stop.is_set():  # e.g. out of inotify watches
                self._poll()


def get_watcher(root: Path, on_change: OnChange) -> WatcherBase:
    """The best watcher for this system (not started yet)."""
    if os.environ.get("DIPLO_WATCHER") == "poll":
        return PollingWatcher(root, on_change)
    return WatchfilesWatcher(root, on_change)
