"""Index fingerprints: a process reads each settled file once, and any write
that changes a file's mtime, size or inode is read again."""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from index.messages import Problem
from index.store import disk


def _write(path: Path, data: bytes, age_s: float) -> None:
    path.write_bytes(data)
    t = time.time_ns() - int(age_s * 1e9)
    os.utime(path, ns=(t, t))


def test_settled_files_are_read_once_and_rewrites_are_seen(tmp_path: Path) -> None:
    old, fresh = tmp_path / "old.seg", tmp_path / "fresh.toc"
    _write(old, b"a" * 1000, age_s=60)
    _write(fresh, b"b" * 1000, age_s=0)
    first = disk.fingerprint(tmp_path)
    assert first == {
        "fresh.toc": [1000, zlib.crc32(b"b" * 1000)],
        "old.seg": [1000, zlib.crc32(b"a" * 1000)],
    }

    # Same size and mtime, new bytes: the settled file is trusted (read once),
    # the fresh one is read again.
    stamp = old.stat().st_mtime_ns
    _write(old, b"c" * 1000, age_s=0)
    os.utime(old, ns=(stamp, stamp))
    fresh_stamp = fresh.stat().st_mtime_ns
    _write(fresh, b"d" * 1000, age_s=0)
    os.utime(fresh, ns=(fresh_stamp, fresh_stamp))
    second = disk.fingerprint(tmp_path)
    assert second["old.seg"] == first["old.seg"]
    assert second["fresh.toc"] == [1000, zlib.crc32(b"d" * 1000)]

    # A plain write (new mtime) is always read again.
    _write(old, b"e" * 1000, age_s=0)
    assert disk.fingerprint(tmp_path)["old.seg"] == [1000, zlib.crc32(b"e" * 1000)]


def test_sealed_stamps_spare_rereading_settled_files(tmp_path: Path) -> None:
    """The metadata records (mtime, inode) of settled files only; a file that
    still has its stamp is not read at the next check, and any write (a new
    mtime) or a replacement (a new inode) is checked against its CRC."""
    old, fresh = tmp_path / "old.seg", tmp_path / "fresh.toc"
    _write(old, b"a" * 1000, age_s=60)
    _write(fresh, b"b" * 1000, age_s=0)
    files = disk.fingerprint(tmp_path)
    stamps = disk.settled_stamps(tmp_path, list(files))
    assert list(stamps) == ["old.seg"]
    assert stamps["old.seg"] == [old.stat().st_mtime_ns, old.stat().st_ino]
    assert disk._damaged_file(tmp_path, files, stamps) is None

    disk._verified.clear()  # a new process: nothing verified yet
    fresh.write_bytes(b"X" * 1000)  # same size, new bytes, new mtime: caught
    assert disk._damaged_file(tmp_path, files, stamps) == "fresh.toc"
    _write(fresh, b"b" * 1000, age_s=0)

    # A settled file with its stamp is trusted without reading it...
    reads: list[Path] = []
    real = disk._crc32

    def counting(path: Path) -> int:
        reads.append(path)
        return real(path)

    disk._crc32 = counting  # type: ignore[assignment]
    try:
        assert disk._damaged_file(tmp_path, files, stamps) is None
        assert reads == [fresh]
        # ...until it is written (new mtime) or replaced (new inode).
        _write(old, b"Z" * 1000, age_s=60)
        assert disk._damaged_file(tmp_path, files, stamps) == "old.seg"
        replacement = tmp_path / "new"
        replacement.write_bytes(b"Y" * 1000)
        st = old.stat()
        os.utime(replacement, ns=(st.st_mtime_ns, st.st_mtime_ns))
        os.replace(replacement, old)
        assert disk._damaged_file(tmp_path, files, stamps) == "old.seg"
    finally:
        disk._crc32 = real  # type: ignore[assignment]


def test_sealing_settles_the_files_just_written(tmp_path: Path) -> None:
    """write_meta moves the mtime of files just written back, so every file
    gets a stamp: the next start reads none of them, and a later write (the
    present mtime) is still caught."""
    old, fresh = tmp_path / "old.seg", tmp_path / "fresh.pst"
    _write(old, b"a" * 1000, age_s=60)
    _write(fresh, b"b" * 1000, age_s=0)
    disk.write_meta(tmp_path, tmp_path)
    meta = disk.read_json(tmp_path / disk.META_FILE)
    assert sorted(meta["stamps"]) == ["fresh.pst", "old.seg"]
    assert meta["files"]["fresh.pst"] == [1000, zlib.crc32(b"b" * 1000)]
    assert fresh.stat().st_mtime_ns < time.time_ns() - disk._SETTLED_NS

    disk._verified.clear()  # a new process
    reads: list[Path] = []
    real = disk._crc32

    def counting(path: Path) -> int:
        reads.append(path)
        return real(path)

    disk._crc32 = counting  # type: ignore[assignment]
    try:
        assert disk._damaged_file(tmp_path, meta["files"], meta["stamps"]) is None
        assert reads == []
        fresh.write_bytes(b"X" * 1000)  # same size, written now
        assert disk._damaged_file(tmp_path, meta["files"], meta["stamps"]) == "fresh.pst"
    finally:
        disk._crc32 = real  # type: ignore[assignment]


def _copied_index(tmp_path: Path) -> tuple[Path, Path]:
    """A small real index and a copy of it (new inodes, same mtimes)."""
    import shutil

    from index.library import Library
    from tests.index.archive_corpus import write_corpus

    articles = tmp_path / "articles"
    write_corpus(articles, 8, seed=3)
    lib = Library(articles, tmp_path / "index")
    lib.update()
    lib.close()
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path / "index", copy)  # copy2: mtimes kept, inodes new
    return articles, copy


def _reads_during(check: Callable[[], Problem | None]) -> tuple[Problem | None, list[Path]]:
    reads: list[Path] = []
    real = disk._crc32

    def counting(path: Path) -> int:
        reads.append(path)
        return real(path)

    disk._verified.clear()  # a new process
    disk._crc32 = counting  # type: ignore[assignment]
    try:
        return check(), reads
    finally:
        disk._crc32 = real  # type: ignore[assignment]


def test_a_copied_index_is_read_once_then_trusted(tmp_path: Path) -> None:
    articles, copy = _copied_index(tmp_path)
    problem, reads = _reads_during(lambda: disk.check_index(copy, articles))
    assert problem is None and reads  # the copy's files were read and found intact
    problem, reads = _reads_during(lambda: disk.check_index(copy, articles))
    assert problem is None and reads == []  # ... and their new stamps recorded
    victim = max((p for p in copy.iterdir() if p.suffix == ".pst"), key=lambda p: p.stat().st_size)
    victim.write_bytes(b"\0" * victim.stat().st_size)  # same size, written now
    problem, _ = _reads_during(lambda: disk.check_index(copy, articles))
    assert problem is not None and problem.code == "index.file"


def test_no_stamps_are_recorded_while_a_build_holds_the_lock(tmp_path: Path) -> None:
    articles, copy = _copied_index(tmp_path)
    import threading

    before = (copy / disk.META_FILE).read_bytes()
    held, done = threading.Event(), threading.Event()

    def other_build() -> None:  # another thread (as another process would)
        with disk.build_lock(copy):
            held.set()
            done.wait(10)

    worker = threading.Thread(target=other_build)
    worker.start()
    held.wait(10)
    try:
        problem, reads = _reads_during(lambda: disk.check_index(copy, articles))
    finally:
        done.set()
        worker.join()
    assert problem is None and reads
    assert (copy / disk.META_FILE).read_bytes() == before
    _, reads = _reads_during(lambda: disk.check_index(copy, articles))
    assert reads  # still unsealed, so read again (and sealed now)
    _, reads = _reads_during(lambda: disk.check_index(copy, articles))
    assert reads == []


def test_an_update_records_the_stamps_of_a_copied_index(tmp_path: Path) -> None:
    """The update checks the index with the build lock held: the stamps are
    recorded all the same."""
    from index.library import Library

    articles, copy = _copied_index(tmp_path)
    lib = Library(articles, copy)
    _, reads = _reads_during(lambda: (lib.update(), None)[1])
    assert reads
    _, reads = _reads_during(lambda: disk.check_index(copy, articles))
    assert reads == []
    lib.close()
