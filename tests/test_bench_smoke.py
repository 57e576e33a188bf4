"""The benchmark harness runs end to end on 100 articles (so it never rots).

The real benchmark (`make bench`) is too slow for CI; this runs the same code
path with one query per category and one repeat, and checks that it printed a
table with targets and wrote a JSON file with the expected keys.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.corpus import CSV_PATH

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CSV_PATH.exists(), reason="../shared/data/10kGNAD is not available"),
]


def test_smoke_run_prints_tables_and_writes_json(tmp_path: Path) -> None:
    from bench import run

    printed: list[str] = []
    assert (
        run.main(
            [
                "--sizes",
                "100",
                "--smoke",
                "--build-reps",
                "2",
                "--out",
                str(tmp_path / "results"),
                "--docs",
                str(tmp_path / "bench.md"),
            ],
            emit=printed.append,
        )
        == 0
    )

    text = "\n".join(printed)
    for label in (
        "full build",
        "search + top-20 snippets, p95",
        "keystroke, p95",
        "cold `search`",
        "TUI first paint",
        "incremental update",
        "search p95 ≤ tantivy's",
        "tantivy",
    ):
        assert label in text, label
    assert "PASS" in text.upper() or "FAIL" in text.upper()

    files = list((tmp_path / "results").glob("*_n100_smoke.json"))
    assert len(files) == 1
    result = json.loads(files[0].read_text(encoding="utf-8"))
    assert result["size"] == 100
    assert {"nproc", "ram_gb", "git"} <= result["env"].keys()
    diplo, base = result["diplo"], result["baseline"]
    assert {"build", "cold_search", "tui", "search", "incremental"} <= diplo.keys()
    assert {"build", "cold_search", "search"} <= base.keys()
    for side in (diplo, base):
        assert side["build"]["ok"], result["notes"]
        assert side["build"]["seconds"] > 0
        assert len(side["build"]["seconds_all"]) == 2  # built twice (diplo: --rebuild)
        assert side["build"]["seconds"] in side["build"]["seconds_all"]
        assert side["build"]["peak_rss_mb"] > 0
        assert side["search"]["search"]["n"] >= 7
        assert side["search"]["keystroke"]["n"] > 0
        assert side["search"]["rss_mb"] > 0
    assert "median_s" in diplo["tui"]  # may be None (n/a) while the TUI is missing
    assert (tmp_path / "bench.md").read_text(encoding="utf-8").startswith("### 100 articles")


def test_queries_cover_the_required_kinds() -> None:
    from bench.queries import QUERIES, TYPED, keystrokes

    assert len(QUERIES) >= 60
    kinds = {q.category for q in QUERIES}
    assert {"word", "compound", "folded", "phrase", "filter", "prefix", "fuzzy"} <= kinds
    texts = " ".join(q.text for q in QUERIES)
    for field in ("person:", "place:", "date:"):
        assert field in texts
    assert len(TYPED) == 10
    assert keystrokes("Brü") == ["B", "Br", "Brü"]


def test_percentile_matches_linear_interpolation() -> None:
    from bench.measure import percentile

    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile(list(range(101)), 95) == 95
    assert percentile([5.0], 95) == 5.0


def test_the_first_hit_line_is_a_title_not_the_count() -> None:
    from bench.run import _is_first_hit

    assert not any(
        map(_is_first_hit, ["1 result\n", "20 results\n", "3 result(s)\n", "  snippet\n"])
    )
    assert not _is_first_hit("No results. Did you mean: Merkel?\n")
    assert _is_first_hit("Steinmeier reist nach Paris\n")
