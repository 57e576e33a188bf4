"""The name tables ship as a mapped store: loaded in milliseconds, nothing
written to the user's cache, and the same answers as the source tables."""

from __future__ import annotations

import fnmatch
import json
import math
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from index.extract.gazetteer import STORE_DIR, Place, StoreError, load
from tests.index.script_loader import load_script

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "from index.extract import extract_metadata as x; "
    "print([p.name for p in x('Titel\\n\\nDie Ministerin reiste nach Warschau.').places])"
)


def _generator() -> ModuleType:
    return load_script("gen_gazetteer_store")


def test_store_was_generated_from_the_current_source_tables() -> None:
    recorded = json.loads((STORE_DIR / "meta.json").read_text(encoding="utf-8"))["sources"]
    assert recorded == _generator().source_digests(), (
        "index/extract/data/names/ is stale: run .venv/bin/python scripts/gen_gazetteer_store.py"
    )


def test_every_store_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    files = [p.name for p in STORE_DIR.iterdir()]
    assert files and all(any(fnmatch.fnmatch(f, pat) for pat in patterns) for f in files)


def test_fresh_process_extracts_without_writing_a_cache(tmp_path: Path) -> None:
    env = {**os.environ, "DIPLO_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert run.returncode == 0 and "Warschau" in run.stdout, run.stderr
    assert not (tmp_path / "cache").exists()


def test_small_store_round_trip(tmp_path: Path) -> None:
    gen = _generator()
    berlin = Place("Berlin", "city", "DE", 52.52, 13.405, 3_426_354)
    osten = Place("Naher Osten", "region", None, None, None, 0)
    tables = {
        "places": {("Berlin",): berlin, ("Berlins",): berlin, ("nahen", "Osten"): osten},
        "orgs": {("NATO",): "NATO", ("Vereinte", "Nationen"): "UNO"},
        "lexicon": {"straße": "NN", "blinken": "V+NE"},
        "suffix_odds": {"ndt": 3},
        **{name: frozenset() for name in gen.WORD_SETS},
        "first_names": frozenset({"Angela", "Jean-Claude"}),
        "noun_morphemes": frozenset({"weisung"}),
    }
    gen.write_store(tables, tmp_path / "names", {"x": "y"})
    gaz = load.__wrapped__(tmp_path / "names")
    assert gaz.places.get(("Berlins",)) == berlin
    assert gaz.places[("nahen", "Osten")] == osten and osten.lat is None
    assert gaz.places.get(("Nahen", "Osten")) is None and ("Bonn",) not in gaz.places
    assert sorted(gaz.places) == sorted(tables["places"])
    assert "Jean-Claude" in gaz.first_names and "Claude" not in gaz.first_names
    assert 5 not in gaz.first_names and len(gaz.first_names) == 2
    assert gaz.lexicon.get("blinken") == "V+NE" and gaz.lexicon.get("essen", "?") == "?"
    assert gaz.orgs[("Vereinte", "Nationen")] == "UNO" and gaz.suffix_odds == {"ndt": 3}
    assert gaz.noun_morphemes == frozenset({"weisung"})
    with pytest.raises(KeyError):
        gaz.places[("Bonn",)]


def test_store_missing_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="name tables missing"):
        load.__wrapped__(tmp_path)


@pytest.mark.slow
def test_store_answers_as_the_source_tables() -> None:
    tables = _generator().build_tables()
    gaz = load()
    assert dict(gaz.places.items()) == tables["places"]
    for name in ("first_names", "place_words", "surnames", "nouns", "toponyms", "verb_stems"):
        assert set(getattr(gaz, name)) == tables[name], name
    assert gaz.noun_morphemes == tables["noun_morphemes"]
    assert dict(gaz.lexicon.items()) == tables["lexicon"]
    assert gaz.orgs == tables["orgs"] and gaz.suffix_odds == tables["suffix_odds"]
    assert all(not math.isnan(p.lat) for p in gaz.places.values() if p.lat is not None)
