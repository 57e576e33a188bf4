"""Accuracy gates: seed-gold precision/recall and dates, GermEval 2014 test F1.

These read the shared reference material (../shared from the project root)
and are skipped when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.extract import germeval, tag_tokens
from index.extract.evaluate import eval_seeds

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
needs_shared = pytest.mark.skipif(
    not (SHARED / "gold" / "seeds.json").exists(), reason="no ../shared"
)


@needs_shared
def test_seed_gold_thresholds() -> None:
    result = eval_seeds(SHARED, verbose=False)
    for kind in ("people", "places"):
        score = result[kind]
        assert score.p() >= 0.95, (kind, score)  # type: ignore[union-attr]
        assert score.r() >= 0.95, (kind, score)  # type: ignore[union-attr]
    assert result["dates_ok"] == result["n"]


@needs_shared
def test_germeval_test_f1() -> None:
    """Issue 4 gate: F1 >= 0.75 for PER and LOC on GermEval 2014 test (trained on dev only).

    Measured: PER 0.750, LOC 0.750 (the margin is thin: retrain with care).
    """
    scores = germeval.evaluate(SHARED / "data" / "germeval2014" / "NER-de-test.tsv", tag_tokens)
    assert scores["PER"].f1 >= 0.75, scores["PER"]
    assert scores["LOC"].f1 >= 0.75, scores["LOC"]


@needs_shared
def test_seeds_through_read_article() -> None:
    """The real pipeline (cleaner + extraction) on the bundled seeds: dates and people."""
    corpus = pytest.importorskip("index.files.corpus")
    import json

    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))
    for name, g in gold.items():
        if name.startswith("_"):
            continue
        article = corpus.read_article(SHARED / "seeds" / name)
        assert article.meta.date == g["date"], name
        found = {p.name for p in article.meta.people}
        for person in g["people"]:
            assert found & {person["name"], *person["aliases"]}, (name, person["name"], found)
