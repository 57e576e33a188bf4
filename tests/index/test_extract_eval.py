"""Accuracy gates on the bundled articles (in the repository) and, when ../shared is
there, on GermEval 2014 test, SmartData dev and Europarl test.

The bundled articles must keep P = R = 1.00 for people and places, every date,
and every person's and place's `count` must equal the number of times the
article names it (counted independently from the gold names and aliases, see
index/extract/evalseeds.py). The large-corpus gates hold the figures measured
when the model was trained (index/extract/README.md), a little below them.
"""

from __future__ import annotations

from index.extract import germeval, tag_tokens
from index.extract.evalseeds import count_mentions, eval_seeds
from tests.conftest import GOLD, SEEDS, SHARED, needs_shared


def test_seed_gold_people_places_dates_and_counts() -> None:
    result = eval_seeds(SEEDS, GOLD / "seeds.json", verbose=False)
    for kind in ("people", "places"):
        score = result[kind]
        assert (score.p(), score.r()) == (1.0, 1.0), (kind, score)
    assert result["dates_ok"] == result["n"] == 5
    counts = result["counts"]
    assert not counts.bad, counts.bad
    assert counts.ok >= 80  # every required person and place of the five articles


def test_count_mentions_counts_whole_tokens_and_genitives() -> None:
    text = (
        "Titel\n\nKerstin Wendtland kam. Wendtlands Rede und die Wendtland-Affäre. Wendtland ging."
    )
    forms = {("Kerstin", "Wendtland"), ("Wendtland",), ("Wendtlands",)}
    assert count_mentions(text, forms) == 3


def test_seeds_through_read_article() -> None:
    """The real pipeline (cleaner + extraction) on the bundled articles: dates and people."""
    import json

    from index.files.corpus import read_article

    gold = json.loads((GOLD / "seeds.json").read_text(encoding="utf-8"))
    for name, g in gold.items():
        if name.startswith("_"):
            continue
        article = read_article(SEEDS / name)
        assert article.meta.date == g["date"], name
        found = {p.name for p in article.meta.people}
        for person in g["people"]:
            assert found & {person["name"], *person["aliases"]}, (name, person["name"], found)


@needs_shared("data", "germeval2014", "NER-de-test.tsv")
def test_germeval_test_f1() -> None:
    scores = germeval.evaluate(SHARED / "data" / "germeval2014" / "NER-de-test.tsv", tag_tokens)
    assert scores["PER"].f1 >= 0.74, scores["PER"]
    assert scores["LOC"].f1 >= 0.74, scores["LOC"]
    assert scores["ORG"].f1 >= 0.55, scores["ORG"]


@needs_shared("data", "europarl_ner", "test.tsv")
def test_europarl_test_f1() -> None:
    path = SHARED / "data" / "europarl_ner" / "test.tsv"
    scores = germeval.evaluate(path, tag_tokens, reader=germeval.read_europarl)
    assert scores["PER"].f1 >= 0.72, scores["PER"]
    assert scores["LOC"].f1 >= 0.77, scores["LOC"]


@needs_shared("data", "smartdata", "dev.jsonl")
def test_smartdata_dev_document_level() -> None:
    from index.extract.evaluate import smartdata_scores

    scores = smartdata_scores(SHARED)
    assert scores["person"].p() >= 0.85 and scores["person"].r() >= 0.85, scores["person"]
    assert scores["place"].p() >= 0.83 and scores["place"].r() >= 0.76, scores["place"]
