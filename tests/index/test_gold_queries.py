"""Every search acceptance case in tests/data/gold/queries.json (a copy of ../shared/gold).

Two layers:
- through the real pipeline: the seed articles are copied, read, cleaned,
  extracted and indexed by `Library.update()`, then searched with
  `Library.search()` (which the CLI and the TUI use too). Cases on person:/
  place: depend on extraction as well.
- through search() alone: the same cleaned texts indexed with the gold
  metadata (people, places, dates from gold/seeds.json), so every case checks
  the search side whatever state extraction is in.
"""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest
from whoosh.index import Index

from index.files.corpus import read_article
from index.library import Library
from index.records import Entity
from index.search.searching import search
from index.store.disk import ram_index
from index.store.schema import article_document
from tests.conftest import GOLD as GOLD_DIR
from tests.conftest import SEEDS as SEEDS_DIR

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
CASES = json.loads((GOLD_DIR / "queries.json").read_text(encoding="utf-8"))["cases"]
GOLD = json.loads((GOLD_DIR / "seeds.json").read_text(encoding="utf-8"))


def _marked(case: dict) -> object:
    return pytest.param(case, id=case["q"])


def _ids(hits: tuple) -> list[str]:
    return sorted(hit.id[:3] for hit in hits)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    base = tmp_path_factory.mktemp("gold")
    articles = base / "articles"
    articles.mkdir()
    for path in SEEDS:
        shutil.copy(path, articles / path.name)
    lib = Library(articles, base / "index")
    report = lib.update()
    assert report.added == 5
    return lib


@pytest.mark.parametrize("case", [_marked(c) for c in CASES])
def test_gold_query_through_library(library: Library, case: dict) -> None:
    result = library.search(case["q"], limit=50)
    assert _ids(result.hits) == sorted(case["expect"]), f"{case['q']!r}: {case['tests']}"
    assert result.total == len(case["expect"])


def _gold_entities(names: list[dict], kind: str) -> tuple[Entity, ...]:
    return tuple(Entity(e["name"], kind, aliases=tuple(e["aliases"])) for e in names)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def gold_index() -> Index:
    ix = ram_index()
    with ix.writer() as writer:
        for path in SEEDS:
            article = read_article(path, path.stem)
            gold = GOLD[path.name]
            meta = dataclasses.replace(
                article.meta,
                date=gold["date"],
                date_precision=gold["date_precision"] or "unknown",
                people=_gold_entities(gold["people"], "person"),
                places=_gold_entities(gold["places"], "place"),
            )
            writer.add_document(**article_document(dataclasses.replace(article, meta=meta)))
    return ix


@pytest.mark.parametrize("case", CASES, ids=[c["q"] for c in CASES])
def test_gold_query_with_gold_metadata(gold_index: Index, case: dict) -> None:
    result = search(gold_index, case["q"], limit=50)
    assert _ids(result.hits) == sorted(case["expect"]), f"{case['q']!r}: {case['tests']}"
    assert result.error is None
