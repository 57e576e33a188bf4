"""`Library.entities` / `diplo-reader entities`: one identity across articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.library import Library
from index.records import Filter

ARTICLES = {
    "voll": "Gespräche in Genf\n\nDer US-Außenminister John Kerry traf am Montag in Genf "
    "seinen russischen Amtskollegen Sergej Lawrow. John Kerry sprach von Fortschritten.\n",
    "kurz": "Neue Runde in Wien\n\nAußenminister Kerry reiste am Dienstag nach Wien, wo er "
    "mit Vertretern der Nato sprach. Kerry wollte die Gespräche fortsetzen.\n",
    "nato": "Bündnis berät\n\nDie NATO berät in Brüssel über die Lage. Generalsekretär "
    "Jens Stoltenberg sagte, die NATO stehe zusammen.\n",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("ents") / "articles"
    folder.mkdir()
    for aid, text in ARTICLES.items():
        (folder / f"{aid}.txt").write_text(text, encoding="utf-8")
    lib = Library(folder, index_dir=folder.parent / "index")
    lib.update()
    return lib


def test_surname_only_and_full_name_are_one_person(library: Library) -> None:
    people = {e.name: e for e in library.entities("person")}
    assert "Kerry" not in people
    kerry = people["John Kerry"]
    assert kerry.articles == 2
    assert kerry.aliases == ("Kerry",)


def test_organisation_spellings_are_one(library: Library) -> None:
    orgs = {e.key: e for e in library.entities("org")}
    nato = [e for e in orgs.values() if e.name.casefold() == "nato"]
    assert len(nato) == 1 and nato[0].articles == 2


def test_most_articles_first(library: Library) -> None:
    rows = library.entities()
    assert [r.articles for r in rows] == sorted((r.articles for r in rows), reverse=True)


def test_person_search_by_surname_finds_the_full_name(library: Library) -> None:
    assert sorted(h.id for h in library.search("person:Kerry").hits) == ["kurz", "voll"]
    chip = library.search("", filters=(Filter("person", "John Kerry"),))
    assert sorted(h.id for h in chip.hits) == ["kurz", "voll"]


def test_cli_entities_json(library: Library) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader.cli",
            "--articles",
            str(library.articles_dir),
            "entities",
            "--kind",
            "person",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    kerry = next(r for r in rows if r["name"] == "John Kerry")
    assert kerry == {
        "kind": "person",
        "name": "John Kerry",
        "key": kerry["key"],
        "articles": 2,
        "aliases": ["Kerry"],
    }
