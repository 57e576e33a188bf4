"""Every search acceptance case in shared/gold/queries.json, through the real
pipeline: the seed articles are copied, read, cleaned, extracted and indexed by
`Library.update()`, then searched with `Library.search()` (which the CLI and
the TUI use too)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.library import Library

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CASES = json.loads((SHARED / "gold" / "queries.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    base = tmp_path_factory.mktemp("gold")
    articles = base / "articles"
    articles.mkdir()
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        shutil.copy(path, articles / path.name)
    lib = Library(articles, base / "index")
    report = lib.update()
    assert report.added == 5
    return lib


@pytest.mark.parametrize("case", CASES, ids=[c["q"] for c in CASES])
def test_gold_query(library: Library, case: dict) -> None:
    result = library.search(case["q"], limit=50)
    got = sorted(hit.id[:3] for hit in result.hits)
    assert got == sorted(case["expect"]), f"{case['q']!r} ({case['tests']}): {result.error}"
    assert result.total == len(case["expect"])
