"""The articles-folder watcher: batches, temp files, partly written files."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.ingest.watch import PollingWatcher, WatcherBase, WatchfilesWatcher, is_article_path
from index.ingest.write import atomic_write
from tests.ingest.conftest import wait_until


class Batches:
    def __init__(self) -> None:
        self.batches: list[set[str]] = []
        self.times: list[float] = []
        self.lock = threading.Lock()

    def __call__(self, paths: set[str]) -> None:
        with self.lock:
            self.batches.append(set(paths))
            self.times.append(time.monotonic())

    @property
    def paths(self) -> set[str]:
        with self.lock:
            return set().union(*self.batches) if self.batches else set()


def _wait_until_watching(root: Path, batches: Batches) -> None:
    """Until the watcher reports a probe file (a fixed sleep lost the first event of a
    test on a loaded machine), then forget the probe's batch."""
    probe = root / "bereit.md"
    for attempt in range(40):
        atomic_write(probe, f"Probe {attempt}")
        if wait_until(lambda: str(probe) in batches.paths, 0.5):
            break
    else:
        raise AssertionError("the watcher never reported the probe file")
    time.sleep(0.3)  # the probe's last events settle
    with batches.lock:
        batches.batches.clear()
        batches.times.clear()


@pytest.fixture(params=[WatchfilesWatcher, PollingWatcher])
def watched(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, Batches]]:
    batches = Batches()
    watcher: WatcherBase = request.param(tmp_path, batches)
    watcher.start()
    _wait_until_watching(tmp_path, batches)
    try:
        yield tmp_path, batches
    finally:
        watcher.close()


def test_added_changed_removed_files_are_reported(watched: tuple[Path, Batches]) -> None:
    root, batches = watched
    path = root / "site" / "a.md"
    atomic_write(path, "# A\n\nText")
    assert wait_until(lambda: str(path) in batches.paths, 3)
    batches.batches.clear()
    time.sleep(0.05)
    atomic_write(path, "# A\n\nAnderer Text, länger")
    assert wait_until(lambda: str(path) in batches.paths, 3)
    batches.batches.clear()
    path.unlink()
    assert wait_until(lambda: str(path) in batches.paths, 3)


def test_a_burst_is_one_or_few_batches(watched: tuple[Path, Batches]) -> None:
    root, batches = watched
    for i in range(30):
        atomic_write(root / f"{i:02d}.md", f"Artikel {i}")
    assert wait_until(lambda: len(batches.paths) >= 30, 4)
    assert len(batches.batches) <= 3
    assert not any(".diplo-tmp" in p for p in batches.paths)


def test_temporary_and_other_files_are_ignored(watched: tuple[Path, Batches]) -> None:
    root, batches = watched
    (root / ".a.md.123.diplo-tmp").write_text("halb")
    (root / "b.md.part").write_text("halb")
    (root / "bild.png").write_bytes(b"\x89PNG")
    (root / ".versteckt.md").write_text("x")
    time.sleep(1.2)
    assert batches.paths == set()


def test_a_file_still_being_written_is_reported_once_complete(
    watched: tuple[Path, Batches],
) -> None:
    root, batches = watched
    path = root / "langsam.md"
    with path.open("w") as fh:  # another program, writing in place, slowly
        for i in range(6):
            fh.write(f"Absatz {i}\n\n")
            fh.flush()
            time.sleep(0.1)
        last_write = time.monotonic()
    assert wait_until(lambda: str(path) in batches.paths, 3)
    # The first batch came only after the last write: the watcher let the file settle.
    assert batches.times[0] >= last_write - 0.05


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/a/b/artikel.md", True),
        ("/a/b/artikel.TXT", True),
        ("/a/b/neuer-ordner", True),
        ("/a/b/.artikel.md.12.diplo-tmp", False),
        ("/a/.git/x.md", False),
        ("/a/b/bild.jpg", False),
        ("/a/b/artikel.md~", False),
        ("/a/b/x.crdownload", False),
    ],
)
def test_is_article_path(path: str, expected: bool) -> None:
    assert is_article_path(path) is expected
