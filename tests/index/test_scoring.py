"""index/query/scoring.py: one BM25 for the evaluator, the expanded terms and
Whoosh's own weighting."""

from __future__ import annotations

import math

from whoosh import scoring as whoosh_scoring

from index.query import scoring


def test_bm25_is_whooshs_formula_with_the_same_constants() -> None:
    for tf, length, avg in [(1, 10, 100.0), (3, 250, 180.5), (7, 2, 2.0)]:
        ours = scoring.bm25(tf, 2.5, length, avg)
        assert math.isclose(
            ours, whoosh_scoring.bm25(2.5, tf, length, avg, scoring.B, scoring.K1), rel_tol=1e-12
        )
    weighting = scoring.weighting()
    assert (weighting.B, weighting.K1) == (scoring.B, scoring.K1)


def test_longer_fields_and_rarer_terms_score_lower_and_higher() -> None:
    assert scoring.bm25(2, 1.0, 50, 100.0) > scoring.bm25(2, 1.0, 200, 100.0)
    assert scoring.bm25(2, 1.0, 200, 100.0, b=0) == scoring.bm25(2, 1.0, 50, 100.0, b=0)
    assert scoring.idf(1000, 3) > scoring.idf(1000, 300) > scoring.idf(1000, 1000) > 0


def test_inlined_loops_agree_with_bm25_exactly() -> None:
    postings = [(0, 1.0), (2, 4.0), (5, 2.0)]
    lengths = [12, 0, 40, 0, 0, 7]
    scores = scoring.bm25_scores(postings, 1.7, lengths, 20.0)
    assert scores == {d: scoring.bm25(tf, 1.7, lengths[d], 20.0) for d, tf in postings}
    best = {0: 99.0, 5: 0.1}
    scoring.keep_best_bm25(postings, 1.7, best)
    assert best == {0: 99.0, 2: scoring.bm25(4.0, 1.7, b=0), 5: scoring.bm25(2.0, 1.7, b=0)}
