"""The typed boundary between the core and the front ends.

The app, the CLI and the test fake all rely on `index.protocol.LibraryAPI`;
mypy checks `Library` and the fake against it. Build notes and errors reach
the user as codes with German and English texts, never matched by wording.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from index.messages import Problem, known, render
from index.records import BuildReport, Filter

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(
    shutil.which("mypy") is None and not (Path(sys.executable).parent / "mypy").exists(),
    reason="mypy not installed",
)
def test_library_and_fake_satisfy_the_protocol() -> None:
    code = (
        "from index.library import Library\n"
        "from index.protocol import LibraryAPI\n"
        "def _check(lib: Library) -> LibraryAPI:\n"
        "    return lib\n"
    )
    probe = ROOT / "tests" / "reader" / "_contract_probe.py"
    probe.write_text(code, encoding="utf-8")
    try:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "mypy",
                "--no-incremental",
                str(probe),
                str(ROOT / "tests" / "reader" / "reader_fakes.py"),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    finally:
        probe.unlink()
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize(
    "note",
    [
        Problem("note.missing"),
        Problem("note.memory", ("Read-only file system",)),
        Problem("note.busy"),
        Problem("note.rebuilt", (Problem("index.schema"),)),
        Problem("note.rebuilt", (Problem("index.file", ("MAIN_1.seg",)),)),
    ],
)
def test_every_note_has_german_and_english_text(note: Problem) -> None:
    assert known(note.code)
    for arg in note.args:
        assert not isinstance(arg, Problem) or known(arg.code)
    german, english = note.render("de"), note.render("en")
    assert german and english and german != english
    assert BuildReport(note=note).message == english


def test_nested_problem_renders_in_the_same_language() -> None:
    note = Problem("note.rebuilt", (Problem("index.damaged", ("ValueError",)),))
    assert note.render("de") == "Index beschädigt (ValueError): Index neu aufgebaut"
    assert note.render("en") == "index damaged (ValueError): rebuilt the index"
    assert render("index.damaged", ("X",), "en") == "index damaged (X)"


def test_filter_validates_field_and_value() -> None:
    assert Filter("place", "Tokio").label == "place:Tokio"
    assert Filter("person", "John Kerry", exclude=True).label == "−person:John Kerry"
    with pytest.raises(ValueError):
        Filter("colour", "blau")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Filter("person", "  ")


def test_the_reader_imports_only_the_index_facade() -> None:
    """`reader/` reaches the core through `index` (index/__init__.py) alone."""
    import ast

    offenders = []
    for path in sorted((ROOT / "reader").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            offenders += [
                f"{path.relative_to(ROOT)}:{node.lineno} {n}"
                for n in names
                if n.startswith("index.")
            ]
    assert offenders == []


@pytest.mark.parametrize(
    ("n", "one", "many", "text"),
    [
        (1, "file", None, "1 file"),
        (0, "file", None, "0 files"),
        (2, "result", None, "2 results"),
        (1, "new article", None, "1 new article"),
        (3, "entry", "entries", "3 entries"),
    ],
)
def test_counted_says_one_or_many(n: int, one: str, many: str | None, text: str) -> None:
    from index.messages import counted

    assert counted(n, one, many) == text
