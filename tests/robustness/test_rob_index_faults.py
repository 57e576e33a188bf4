"""A damaged, outdated, interrupted or unwritable index never stops the reader.

Damage is detected when the index is opened or updated, the index is rebuilt
by itself and `BuildReport.message` says why; a build killed with SIGKILL is
recovered from on the next start without any manual step; when the cache
folder cannot be written the reader works from an in-memory index.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from index.library import Library
from index.paths import index_dir_for
from index.store import disk as store
from tests.robustness.helpers import (
    assert_clean_exit,
    good_text,
    python_child,
    run_cli,
    write_articles,
)


def built(articles: Path) -> tuple[Library, Path]:
    library = Library(articles)
    report = library.update()
    assert report.added == 3
    library.close()
    return library, index_dir_for(articles)


def seg_file(index_dir: Path) -> Path:
    """The segment's postings (a compound index keeps everything in one .seg)."""
    return next(p for pattern in ("*.seg", "*.pst") for p in index_dir.glob(pattern))


def terms_file(index_dir: Path) -> Path:
    return next(p for pattern in ("*.seg", "*.trm") for p in index_dir.glob(pattern))


def toc_file(index_dir: Path) -> Path:
    return next(index_dir.glob("*.toc"))


TARGETS: dict[str, Callable[[Path], Path]] = {
    "segment": seg_file,
    "terms": terms_file,
    "toc": toc_file,
    "manifest": lambda d: d / store.MANIFEST_FILE,
    "meta": lambda d: d / store.META_FILE,
}


def truncate_half(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def truncate_tail(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-1])


def empty(path: Path) -> None:
    path.write_bytes(b"")


def garbage_whole(path: Path) -> None:
    path.write_bytes(os.urandom(max(64, path.stat().st_size)))


def garbage_middle(path: Path) -> None:
    """Same size, 256 bytes in the middle overwritten: only checksums see it."""
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid : mid + 256] = os.urandom(len(data[mid : mid + 256]))
    path.write_bytes(bytes(data))


def delete(path: Path) -> None:
    path.unlink()


DAMAGE = {
    f.__name__: f
    for f in (truncate_half, truncate_tail, empty, garbage_whole, garbage_middle, delete)
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("target", sorted(TARGETS))
def test_damaged_index_is_detected_and_rebuilt(articles: Path, target: str, damage: str) -> None:
    _, index_dir = built(articles)
    DAMAGE[damage](TARGETS[target](index_dir))
    problem = store.check_index(index_dir, articles.resolve())
    assert problem is not None, "damage not detected"
    library = Library(articles)
    assert not library.open_existing(), "a damaged index must not be opened as it is"
    report = library.update()
    assert report.rebuilt and report.message and "rebuilt" in report.message
    assert library.count() == 3 and library.article("ok-1") is not None
    assert store.check_index(index_dir, articles.resolve()) is None


def test_deleted_index_folder_is_rebuilt_with_message(articles: Path) -> None:
    _, index_dir = built(articles)
    shutil.rmtree(index_dir)
    library = Library(articles)
    report = library.update()
    assert report.rebuilt and report.message == "index folder was missing: rebuilt it"
    assert library.count() == 3


def test_first_build_has_no_alarming_message(articles: Path) -> None:
    report = Library(articles).update()
    assert report.rebuilt and report.message is None


def test_index_folder_replaced_by_a_file(articles: Path) -> None:
    _, index_dir = built(articles)
    shutil.rmtree(index_dir)
    index_dir.write_text("not an index")
    library = Library(articles)
    report = library.update()
    assert report.rebuilt and report.message
    assert library.count() == 3 and index_dir.is_dir()


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("schema_version", 0, "another schema version"),
        ("program_version", "0.0.1", "another program version"),
        ("files", None, "incomplete"),
    ],
)
def test_older_index_is_rebuilt(articles: Path, key: str, value: object, reason: str) -> None:
    _, index_dir = built(articles)
    meta_path = index_dir / store.META_FILE
    meta = json.loads(meta_path.read_text())
    meta[key] = value
    meta_path.write_text(json.dumps(meta))
    report = Library(articles).update()
    assert report.rebuilt and reason in (report.message or "")


def test_cli_rebuilds_damaged_index_and_says_so(articles: Path) -> None:
    _, index_dir = built(articles)
    garbage_whole(seg_file(index_dir))
    run = run_cli("--articles", str(articles), "index", stub_extraction=True)
    assert_clean_exit(run)
    assert "rebuilt the index" in run.err and "Rebuilt index" in run.out
    search = run_cli("--articles", str(articles), "search", "Genf", "--json", stub_extraction=True)
    assert_clean_exit(search)
    assert len(json.loads(search.out)) == 3


# -- builds killed halfway ---------------------------------------------------

_KILLABLE_BUILD = """
import sys, time
from pathlib import Path
from index.store.build import update_index
half = int(sys.argv[3])
def progress(done, total):
    if done == half:
        print("HALF", flush=True)
        time.sleep(120)  # wait here to be killed
update_index(Path(sys.argv[1]), Path(sys.argv[2]), progress=progress)
print("FINISHED", flush=True)
"""


def build_and_kill(articles: Path, index_dir: Path, half: int) -> None:
    """Run a build in a subprocess and SIGKILL it when half the files are done."""
    kill_when_half_done(python_child(_KILLABLE_BUILD, str(articles), str(index_dir), str(half)))


def kill_when_half_done(child: subprocess.Popen[str]) -> None:
    """SIGKILL `child` once it says HALF; its pool workers must exit with it
    (orphaned workers would hold memory and, if forked, the build lock)."""
    workers: list[psutil.Process] = []
    try:
        assert child.stdout is not None and child.stderr is not None
        line = child.stdout.readline()
        assert line.strip() == "HALF", f"child said {line!r}; stderr: {child.stderr.read()}"
        workers = psutil.Process(child.pid).children(recursive=True)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    _, alive = psutil.wait_procs(workers, timeout=10)
    # A zombie holds no memory or files; reaping it is the init process's job.
    alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    for proc in alive:  # clean up before failing
        proc.kill()
    assert not alive, f"pool workers outlived the killed build: {alive}"


@pytest.mark.slow
def test_full_build_killed_halfway_recovers(tmp_path: Path, stub_extraction: None) -> None:
    articles = tmp_path / "articles"
    write_articles(articles, 300)
    index_dir = index_dir_for(articles)
    build_and_kill(articles, index_dir, half=150)
    assert not index_dir.exists(), "a killed first build must not leave a half index in place"
    assert list(index_dir.parent.glob("*.building-*")), "expected the killed build's temp folder"
    library = Library(articles)
    report = library.update()
    assert report.rebuilt and library.count() == 300
    assert not list(index_dir.parent.glob("*.building-*")), "leftovers are cleaned up"
    assert store.check_index(index_dir, articles.resolve()) is None


@pytest.mark.slow
def test_rebuild_killed_halfway_keeps_old_index(tmp_path: Path, stub_extraction: None) -> None:
    """A --rebuild killed halfway leaves the previous index in place and usable."""
    articles = tmp_path / "articles"
    write_articles(articles, 300)
    index_dir = index_dir_for(articles)
    Library(articles).update()
    child = python_child(
        _KILLABLE_BUILD.replace("progress=progress", "progress=progress, rebuild=True"),
        str(articles),
        str(index_dir),
        "150",
    )
    kill_when_half_done(child)
    assert store.check_index(index_dir, articles.resolve()) is None
    library = Library(articles)
    assert library.open_existing() and library.count() == 300
    report = library.update()
    assert not report.rebuilt and report.read == 0


@pytest.mark.slow
def test_incremental_update_killed_halfway_recovers(tmp_path: Path, stub_extraction: None) -> None:
    articles = tmp_path / "articles"
    write_articles(articles, 300)
    index_dir = index_dir_for(articles)
    Library(articles).update()
    # Change 200 files (and add one) so the update has plenty to do, then kill it.
    for n in range(200):
        (articles / f"a{n:03d}.txt").write_text(good_text(f"{n} geändert"), encoding="utf-8")
    (articles / "neu.txt").write_text(good_text("neu"), encoding="utf-8")
    build_and_kill(articles, index_dir, half=100)
    library = Library(articles)
    report = library.update()
    assert library.count() == 301
    assert report.read == 201 or report.rebuilt, report
    for n in (0, 150, 199):
        article = library.article(f"a{n:03d}")
        assert article is not None and f"Treffen {n} geändert" in article.text
    assert library.update().read == 0


# -- cache folder not writable -----------------------------------------------


def test_cache_dir_under_a_regular_file_falls_back_to_memory(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("DIPLO_CACHE_DIR", str(blocker / "cache"))
    library = Library(articles)
    report = library.update()
    assert library.in_memory
    assert report.message and report.message.startswith("index folder not writable")
    assert library.count() == 3
    assert sorted(h.id for h in library.search("Genf").hits) == ["ok-0", "ok-1", "ok-2"]
    run = run_cli("--articles", str(articles), "search", "Genf", "--json", stub_extraction=True)
    assert_clean_exit(run)
    assert "in-memory index" in run.err and len(json.loads(run.out)) == 3


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT])
def test_unwritable_cache_while_building_falls_back_to_memory(
    articles: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """Disk full / read-only / no permission while the build writes its files:
    the half-written build is removed, the old index kept, the reader opens."""
    library = Library(articles)
    library.update()
    index_dir = library.index_dir
    (articles / "new.txt").write_text(good_text("neu"), encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(store, "write_meta", fail)
    fresh = Library(articles)
    report = fresh.update(rebuild=True)
    assert fresh.in_memory and fresh.count() == 4
    assert report.message and os.strerror(code) in report.message
    assert not list(index_dir.parent.glob("*.building-*"))
    monkeypatch.undo()
    assert store.check_index(index_dir, articles.resolve()) is None, "old index untouched"


def test_lock_file_cannot_be_created_falls_back_to_memory(
    articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = Path.open

    def read_only_fs(self: Path, mode: str = "r", *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name.endswith(".lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", read_only_fs)
    library = Library(articles)
    report = library.update()
    assert library.in_memory and library.count() == 3
    assert "Read-only file system" in (report.message or "")
