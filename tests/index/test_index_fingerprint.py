"""Index fingerprints: a process reads each settled file once, and any write
that changes a file's mtime, size or inode is read again."""

from __future__ import annotations

import os
import time
import zlib
from pathlib import Path

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
