"""Brown clusters as tagger features: a mapped table, prefixes of one path, and
features only capitalised words carry."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

import pytest

from index.extract.clusters import (
    CODES_PATH,
    PREFIXES,
    TRIE_PATH,
    UNKNOWN,
    clusters,
    load_clusters,
    path_features,
)
from index.extract.features import word_info
from tests.index.script_loader import load_script

ROOT = Path(__file__).resolve().parents[2]


def _written(tmp_path: Path, table: dict[str, int]) -> tuple[int, Path, Path]:
    trie, codes = tmp_path / "c.marisa", tmp_path / "c.u16"
    n = load_script("gen_clusters").write(table, trie, codes)
    return n, trie, codes


def test_round_trip_keeps_case_and_drops_unclustered_words(tmp_path: Path) -> None:
    n, trie, codes = _written(tmp_path, {"Merkel": 40, "merkel": 41, "Xy": 0, "nato": 0xFFFF})
    assert n == 3
    table = load_clusters(trie, codes)
    assert table.path("Merkel") == 40 and table.path("merkel") == 41
    assert table.path("Xy") == 0 and table.path("Niemand") == 0
    assert table.path("NATO") == 0xFFFF  # no "NATO" key: its lower-cased form answers


def test_mismatched_files_are_a_clear_error(tmp_path: Path) -> None:
    _n, trie, codes = _written(tmp_path, {"Bonn": 7, "Wien": 9})
    codes.write_bytes(codes.read_bytes()[:2])
    with pytest.raises(ValueError, match="gen_clusters"):
        load_clusters(trie, codes)


def test_a_path_gives_its_first_branches_lowest_bit_first() -> None:
    path = 0b1011_0110_0101_1101
    feats = path_features(path)
    assert feats == tuple(f"c{k}={path & ((1 << k) - 1)}" for k in PREFIXES)
    assert feats[0] == "c4=13" and path_features(0) == UNKNOWN
    # Two paths that part at the 9th branch share the 4- and 8-branch features only.
    other = path ^ (1 << 8)
    assert [a == b for a, b in zip(feats, path_features(other), strict=True)] == [
        True,
        True,
        False,
        False,
    ]


def test_the_shipped_table_groups_words_used_alike() -> None:
    table = clusters()
    assert len(CODES_PATH.read_bytes()) > 1_000_000

    def shared(a: str, b: str) -> int:
        x, y = table.path(a), table.path(b)
        assert x and y, (a, b)
        k = 0
        while k < 16 and (x >> k) & 1 == (y >> k) & 1:
            k += 1
        return k

    # Car makers stay together longer than a car maker and a surname; cities likewise.
    assert shared("Volkswagen", "Renault") > shared("Volkswagen", "Steinmeier")
    assert shared("Hamburg", "Wien") > shared("Hamburg", "Steinmeier")


def test_only_capitalised_words_carry_cluster_features() -> None:
    core = word_info("Steinmeier")[0]
    assert [f for f in core if re.match(r"c\d*=", f)] == list(
        path_features(clusters().path("Steinmeier"))
    )
    assert "c=?" in word_info("Qzxwvbnmk")[0]
    assert not [f for f in word_info("sagte")[0] if re.match(r"c\d*=", f)]


def test_the_table_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    for path in (TRIE_PATH, CODES_PATH):
        assert any(fnmatch.fnmatch(path.name, pat) for pat in patterns), path.name
