"""Article content is data: nothing in an article can act on the terminal.

The hostile article (tests/robustness/hostile.py) carries Rich/Textual markup,
ANSI/OSC escapes, bidi overrides and zero-width characters. `show`, `search`
and `extract` run through `main(argv)` (and `show` and `index` once more in a
subprocess, as a user would run them), and their output is checked: no ESC,
BEL, C1 control, bidi or zero-width character, and the markup is there as
plain characters. Hostile *file names* are covered too.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path

import pytest

from index.files.decode import sanitize
from reader.cli import main
from tests.robustness.helpers import Run, assert_clean_exit, good_text, run_cli
from tests.robustness.hostile import HOSTILE_ID, HOSTILE_TEXT, forbidden_in


@pytest.fixture
def hostile_articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / f"{HOSTILE_ID}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "ok.txt").write_text(good_text("ok"), encoding="utf-8")
    return folder


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """The CLI in this process (fast: extraction models stay loaded)."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def unescape_markdown(text: str) -> str:
    """`show` prints Markdown, where `[` is written `\\[`: undo that to compare."""
    return text.replace("\\[", "[").replace("\\]", "]").replace("\\_", "_")


def assert_safe(output: str) -> None:
    assert not forbidden_in(output), (
        f"terminal control characters in output: {forbidden_in(output)}"
    )


def assert_markup_literal(output: str) -> None:
    plain = unescape_markdown(output)
    assert "[bold red]Alarm[/]" in plain
    assert "[link=file:///etc/passwd]hier klicken[/link]" in plain
    assert "[@click=app.quit]Beenden[/]" in plain


def test_show_prints_hostile_article_literally(hostile_articles: Path) -> None:
    run = run_cli("--articles", str(hostile_articles), "show", HOSTILE_ID)
    assert_clean_exit(run)
    assert_safe(run.out + run.err)
    assert_markup_literal(run.out)
    assert "Außenministerin" in run.out and "Brüssel" in run.out


def test_show_json_is_safe(hostile_articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_main(capsys, "--articles", str(hostile_articles), "show", HOSTILE_ID, "--json")
    assert_clean_exit(run)
    assert_safe(run.out)
    record = json.loads(run.out)
    assert not forbidden_in(record["body"]) and not forbidden_in(record["title"])
    assert "[bold red]" in record["title"]


@pytest.mark.parametrize("query", ["Genf", "Außenministerin", "passwd", "Zwischenablage"])
def test_search_output_is_safe(
    hostile_articles: Path, query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_main(capsys, "--articles", str(hostile_articles), "search", query)
    assert_clean_exit(run)
    assert_safe(run.out + run.err)
    assert "[bold red]Alarm[/]" in run.out  # the title, literally
    as_json = run_main(capsys, "--articles", str(hostile_articles), "search", query, "--json")
    assert_clean_exit(as_json)
    assert_safe(as_json.out)
    hits = json.loads(as_json.out)
    assert HOSTILE_ID in [hit["id"] for hit in hits]


def test_extract_output_is_safe(hostile_articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(hostile_articles / f"{HOSTILE_ID}.txt")
    run = run_main(capsys, "extract", path)
    assert_clean_exit(run)
    assert_safe(run.out + run.err)
    assert "[bold red]Alarm[/]" in run.out
    as_json = run_main(capsys, "extract", path, "--json")
    assert_clean_exit(as_json)
    assert_safe(as_json.out)
    assert "[bold red]" in json.loads(as_json.out)[0]["title"]


def test_hostile_file_names_never_reach_the_terminal(
    hostile_articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """File names are data too: names with escapes, bidi controls or bytes that
    are not UTF-8 are skipped with a printable (escaped) name and a reason."""
    folder = os.fsencode(hostile_articles)
    for name in (b"evil\x1b[2J.txt", "rtl\u202etxt.md".encode(), b"latin-caf\xe9.txt"):
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(good_text("name").encode("utf-8"))
    run = run_cli("--articles", str(hostile_articles), "index", stub_extraction=True)
    assert_clean_exit(run)
    assert_safe(run.out + run.err)
    assert run.out.count("rename the file") == 3, run.out
    assert "evil\\x1b[2J.txt" in run.out and "caf\\xe9" in run.out
    found = run_main(
        capsys, "--articles", str(hostile_articles), "search", "Außenministerin", "--json"
    )
    assert_clean_exit(found)
    assert_safe(found.out)
    assert sorted(hit["id"] for hit in json.loads(found.out)) == [HOSTILE_ID, "ok"]


def test_sanitize_removes_every_control_and_format_character() -> None:
    """The rule behind all of the above, over the whole of Unicode: after
    decoding, no control (Cc) but tab/newline and no invisible format
    character (Cf) but the soft hyphen survives into article text."""
    survivors = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in ("Cc", "Cf")
        and chr(cp) not in "\t\n\u00ad"
        and chr(cp) in sanitize(f"a{chr(cp)}b")
    ]
    assert not survivors, survivors
