"""A missing, unreadable, empty or wrong articles folder: one clear line, exit 2.

Decision for a folder with zero articles: `index` still writes the (empty)
index, so articles deleted from the folder vanish from it too, and then says
why there is nothing to read with exit code 2, like `search` and `show`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.library import ArticlesDirError, Library, check_articles_dir
from reader.cli import main
from tests.robustness.helpers import Run, assert_clean_exit, good_text, run_cli

COMMANDS = (["index"], ["search", "Genf"], ["show", "ok-0"])


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    code = main(list(argv))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def assert_one_clear_line(run: Run, *words: str) -> None:
    assert_clean_exit(run, 2)
    lines = [line for line in run.err.splitlines() if line.startswith("diplo-reader:")]
    assert len(lines) == 1, run.err
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_missing_folder(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    run = run_main(capsys, "--articles", str(missing), *command)
    assert_one_clear_line(run, "articles folder not found", str(missing))


def test_missing_folder_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through a real process and DIPLO_ARTICLES."""
    monkeypatch.setenv("DIPLO_ARTICLES", str(tmp_path / "nowhere"))
    assert_one_clear_line(run_cli("index"), "articles folder not found")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_articles_pointing_at_a_file(
    articles: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_main(capsys, "--articles", str(articles / "ok-0.txt"), *command)
    assert_one_clear_line(run, "not a folder", "ok-0.txt")


@pytest.fixture
def unreadable(articles: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The articles folder refuses listing (simulated: tests may run as root,
    where permissions do not stop reading)."""
    real_iterdir, real_scandir = Path.iterdir, os.scandir

    def iterdir(self: Path) -> Iterator[Path]:
        if self.resolve() == articles.resolve():
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).resolve() == articles.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    monkeypatch.setattr(os, "scandir", scandir)
    return articles


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_unreadable_folder(
    unreadable: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_main(capsys, "--articles", str(unreadable), *command)
    assert_one_clear_line(run, "cannot read articles folder", "Permission denied")


def test_unreadable_folder_in_library(unreadable: Path) -> None:
    with pytest.raises(ArticlesDirError, match="cannot read articles folder"):
        Library(unreadable)


def test_unreadable_folder_real_permissions(articles: Path) -> None:
    articles.chmod(0)
    try:
        if os.access(articles, os.R_OK):
            pytest.skip("running as root: chmod 000 does not prevent reading (simulated above)")
        with pytest.raises(ArticlesDirError):
            check_articles_dir(articles)
    finally:
        articles.chmod(0o755)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_zero_articles(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.pdf").write_bytes(b"%PDF-1.4")  # not an article file type
    run = run_main(capsys, "--articles", str(empty), *command)
    assert_one_clear_line(run, "no articles in", str(empty), ".txt and .md")


def test_only_unreadable_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    run = run_main(capsys, "--articles", str(folder), "index")
    assert_one_clear_line(run, "no readable articles", "2 files skipped")
    assert "a.txt: empty file" in run.out and "b.txt: binary file" in run.out


def test_folder_emptied_later_empties_the_index(
    articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_main(capsys, "--articles", str(articles), "index").code == 0
    for path in articles.iterdir():
        path.unlink()
    run = run_main(capsys, "--articles", str(articles), "index")
    assert run.code == 2 and "3 removed" in run.out
    (articles / "back.txt").write_text(good_text("zurück"), encoding="utf-8")
    assert run_main(capsys, "--articles", str(articles), "index").code == 0


def test_extract_of_missing_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_main(capsys, "extract", str(tmp_path / "nope.txt"), str(tmp_path))
    assert_clean_exit(run, 2)
    assert "nope.txt: not a file" in run.err
