"""Titles read straight from the files for a first start (no index yet)."""

from __future__ import annotations

import os
from pathlib import Path

from index.files.preview import preview


def _write(path: Path, text: str | bytes, mtime: int) -> None:
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    os.utime(path, ns=(mtime * 10**9, mtime * 10**9))


def test_newest_files_first_with_title_and_first_lines(tmp_path: Path) -> None:
    body = "Die Außenministerin reiste am Montag nach Warschau. " * 10
    _write(tmp_path / "alt.txt", f"Gespräche über die Grenze\n\n{body}", 1_000)
    _write(tmp_path / "neu.md", f"---\ntitle: Gipfel in Genf\n---\n\n{body}", 3_000)
    _write(tmp_path / "mitte.txt", f"Verhandlungen in Wien gehen weiter\n\n{body}", 2_000)
    (tmp_path / "notes.csv").write_text("kein Artikel", encoding="utf-8")

    result = preview(tmp_path, limit=2)

    assert result.total == 3
    assert [h.id for h in result.hits] == ["neu", "mitte"]
    assert [h.title for h in result.hits] == [
        "Gipfel in Genf",
        "Verhandlungen in Wien gehen weiter",
    ]
    first = result.hits[0]
    assert first.snippet.startswith("Die Außenministerin reiste") and first.snippet.endswith("…")
    assert len(first.snippet) <= 162 and first.date is None and first.people == ()
    assert first.path == str(tmp_path / "neu.md")


def test_unreadable_and_empty_files_are_left_out(tmp_path: Path) -> None:
    _write(tmp_path / "leer.txt", "", 3_000)
    _write(tmp_path / "gut.txt", "Ein Titel mit vier Wörtern\n\nUnd ein Text dazu.", 1_000)

    result = preview(tmp_path, limit=10)

    assert [h.id for h in result.hits] == ["gut"]
    assert result.total == 2


def test_missing_folder_gives_nothing(tmp_path: Path) -> None:
    result = preview(tmp_path / "fehlt", limit=5)
    assert result.hits == () and result.total == 0
