"""index/files/atomic.py: the one atomic write (index metadata, reader state)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from index.files.atomic import write_atomic


def test_writes_text_as_utf8_and_bytes_as_they_are(tmp_path: Path) -> None:
    target = tmp_path / "meta.json"
    write_atomic(target, '{"ort": "Genf – Zürich"}')
    assert target.read_bytes() == '{"ort": "Genf – Zürich"}'.encode()
    write_atomic(target, b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"
    assert [p.name for p in tmp_path.iterdir()] == ["meta.json"]


def test_private_mode_and_umask_default(tmp_path: Path) -> None:
    write_atomic(tmp_path / "state.json", "{}", mode=0o600)
    assert stat.S_IMODE((tmp_path / "state.json").stat().st_mode) == 0o600
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "manifest.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "manifest.json").stat().st_mode) == 0o644


def test_failure_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "manifest.json"
    write_atomic(target, "alt")
    seen: list[str] = []

    def crash(fd: int) -> None:
        seen.extend(p.name for p in tmp_path.iterdir() if p.name != "manifest.json")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "neu")
    assert target.read_text() == "alt"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]
    # The temporary file was beside the target, hidden (the fingerprint skips it).
    assert len(seen) == 1 and seen[0].startswith(".manifest.json.")
