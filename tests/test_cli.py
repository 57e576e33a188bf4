"""The command line: every command documented, JSON shapes, clear errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import COMMANDS, main
from tests.conftest import GOLD, SEEDS

GOLD_SEEDS = json.loads((GOLD / "seeds.json").read_text(encoding="utf-8"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert command in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("diplo-reader ")


def test_extract_json_matches_gold_fields(capsys: pytest.CaptureFixture[str]) -> None:
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    code, out, _ = run(capsys, "extract", *paths, "--json")
    assert code == 0
    records = json.loads(out)
    assert [record["path"] for record in records] == paths
    for record in records:
        assert set(record) >= {
            "path",
            "title",
            "date",
            "date_precision",
            "source",
            "author",
            "people",
            "places",
        }
        gold = GOLD_SEEDS[Path(record["path"]).name]
        assert any(record["title"].startswith(t[:60]) for t in gold["title"])


def test_index_counts_and_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "a"
    shutil.copytree(SEEDS, folder)
    (folder / "kaputt.txt").write_bytes(b"PK\x03\x04" + bytes(100))
    code, out, _ = run(capsys, "--articles", str(folder), "index")
    assert code == 0
    assert "5 added" in out and "1 skipped" in out and "kaputt.txt" in out
    code, out, _ = run(capsys, "--articles", str(folder), "index")
    assert "0 added" in out and "5 unchanged" in out and "kaputt.txt" in out
    assert "(0 files read)" in out  # a bad file that did not change is not read again


def test_show_prints_markdown_and_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "004_a000adb927357f90")
    assert code == 0
    assert out.startswith("# Blinken droht Russland")
    assert "## Weitere Gespräche mit Russland geplant" in out
    code, _, err = run(capsys, "show", "gibt-es-nicht")
    assert code == 2 and "gibt-es-nicht" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--articles", "/does/not/exist", "index"],
        ["--articles", str(SEEDS / "000_6789bd4d1d1d6137.txt"), "search", "x"],
    ],
)
def test_bad_articles_folder_exits_2_with_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_articles_env_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "env"
    folder.mkdir()
    (folder / "eins.txt").write_text(
        "Treffen in Oslo\n\nDie Minister trafen sich in Oslo zu Gesprächen.", encoding="utf-8"
    )
    monkeypatch.setenv("DIPLO_ARTICLES", str(folder))
    code, out, _ = run(capsys, "index")
    assert code == 0 and "1 added" in out


def test_unexpected_error_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(args: object) -> int:
        raise RuntimeError("kaputt")

    monkeypatch.setitem(COMMANDS, "index", boom)
    code, _, err = run(capsys, "index")
    assert code == 1 and err.count("\n") == 1 and "kaputt" in err and "Traceback" not in err
    monkeypatch.setenv("DIPLO_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["index"])


def test_search_genf_json_returns_article_004_alone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "Genf", "--json")
    assert code == 0
    hits = json.loads(out)
    assert [h["id"] for h in hits] == ["004_a000adb927357f90"]
    assert set(hits[0]) == {"id", "title", "date", "score", "snippet", "people", "places"}
    assert "Genf" in hits[0]["snippet"]


def test_search_text_output_and_no_results(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "Genf")
    assert code == 0 and out.startswith("1 result\n") and "004_a000adb927357f90" in out
    code, out, _ = run(capsys, "search", "Lawrov")
    assert code == 0 and "No results." in out and "Lawrow" in out
