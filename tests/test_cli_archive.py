"""facets, timeline and places on the command line, over a generated corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from tests.index.archive_corpus import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-archive") / "articles"
    write_corpus(folder, 30, seed=7)
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_facets_json_and_filters(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--articles", str(corpus), "facets", "--json", "--limit", "3")
    data = json.loads(out)
    assert code == 0 and data["total"] == 30
    assert len(data["people"]) == 3 and data["people"][0]["count"] >= data["people"][1]["count"]
    top = data["places"][0]["name"]
    code, out, _ = run(
        capsys, "--articles", str(corpus), "facets", "--json", "--where", f"place={top}"
    )
    narrowed = json.loads(out)
    assert narrowed["total"] == data["places"][0]["count"]
    code, out, _ = run(
        capsys, "--articles", str(corpus), "facets", "--json", "--not", f"place={top}"
    )
    assert json.loads(out)["total"] == 30 - narrowed["total"]


def test_timeline_counts_add_up(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--articles", str(corpus), "timeline", "--by", "year", "--json")
    data = json.loads(out)
    assert code == 0 and data["by"] == "year"
    assert sum(b["count"] for b in data["buckets"]) + data["undated"] == 30
    code, out, _ = run(capsys, "--articles", str(corpus), "timeline")
    assert code == 0 and "articles by month" in out and "█" in out


def test_places_json_fields(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--articles", str(corpus), "places", "--json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert set(rows[0]) == {"name", "kind", "country_code", "lat", "lon", "count"}
    berlin = [r for r in rows if r["name"] == "Berlin"]
    assert berlin and berlin[0]["country_code"] == "DE"


def test_bad_filter_is_one_line(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--articles", str(corpus), "facets", "--where", "colour=blue"])
    assert info.value.code == 2
    assert "FIELD=VALUE" in capsys.readouterr().err


def test_source_and_year_filters_in_facets_and_search(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--articles", str(corpus), "facets", "--json")
    data = json.loads(out)
    source = data["sources"][0]
    year = data["years"][0]
    for field, row in (("source", source), ("year", year)):
        code, out, _ = run(
            capsys,
            "--articles",
            str(corpus),
            "facets",
            "--json",
            "--where",
            f"{field}={row['name']}",
        )
        assert code == 0 and json.loads(out)["total"] == row["count"]
    where = ("--where", f"source={source['name']}")
    code, out, _ = run(capsys, "--articles", str(corpus), "search", *where, "--limit", "100")
    assert code == 0 and out.split()[0] == str(source["count"])
    code, out, _ = run(
        capsys,
        "--articles",
        str(corpus),
        "search",
        "--not",
        f"source={source['name']}",
        "--json",
        "--limit",
        "100",
    )
    assert code == 0 and len(json.loads(out)) == data["total"] - source["count"]
    code, out, err = run(capsys, "--articles", str(corpus), "search")
    assert code != 0 and "--where" in err and out == ""
