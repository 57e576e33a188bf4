"""BM25, as every part of search scores it: one formula, one set of constants.

index/query/evaluate.py scores terms with it (with length normalization),
index/query/expand.py scores expanded terms with it (without: B=0), and the
searchers get the same constants as Whoosh's BM25F weighting, which scores the
rare query types evaluate.py hands to Whoosh.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from whoosh import scoring

if TYPE_CHECKING:
    import numpy as np

K1 = 1.2
"""Term-frequency saturation."""
B = 0.75
"""Length normalization: 0 none, 1 full."""


def idf(n: int, df: int) -> float:
    """Inverse document frequency of a term in `df` of `n` documents (the
    BM25 form with +1, so a term in every document still counts a little)."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def bm25(
    tf: float, idf: float, length: float = 0.0, avg_length: float = 1.0, b: float = B
) -> float:
    """The BM25 score of a term with frequency `tf` in a field of `length`
    words (fields average `avg_length`); `b=0` ignores the length."""
    return idf * tf * (K1 + 1) / (tf + K1 * (1 - b) + K1 * b / avg_length * length)


def bm25_scores(
    postings: Iterable[tuple[int, float]], idf: float, lengths: Sequence[int], avg_length: float
) -> dict[int, float]:
    """{docnum: bm25(tf, idf, lengths[docnum], avg_length)} for (docnum, tf)
    postings, the formula inlined because a common term has thousands (a test
    checks both agree)."""
    norm = K1 * (1 - B)
    per_len = K1 * B / avg_length
    return {d: idf * tf * (K1 + 1) / (tf + norm + per_len * lengths[d]) for d, tf in postings}


def keep_best_bm25(
    postings: Iterable[tuple[int, float]], idf: float, best: dict[int, float]
) -> None:
    """Into `best`, each document's higher of its score there and
    bm25(tf, idf, b=0) (lengths ignored): an expanded term counts by its best
    expansion. Inlined like `bm25_scores`."""
    for d, tf in postings:
        s = idf * tf * (K1 + 1) / (tf + K1)
        if s > best.get(d, 0.0):
            best[d] = s


def bm25_array(tf: np.ndarray, idf: float, lengths: np.ndarray, avg_length: float) -> np.ndarray:
    """`bm25_scores` for arrays: frequencies `tf` and the field lengths of
    the same documents, the same operations in the same order (so the same
    floats)."""
    norm = K1 * (1 - B)
    per_len = K1 * B / avg_length
    out: np.ndarray = idf * tf * (K1 + 1) / (tf + norm + per_len * lengths)
    return out


def keep_best_bm25_array(best: np.ndarray, ids: np.ndarray, tf: np.ndarray, idf: float) -> None:
    """`keep_best_bm25` for arrays: `best` holds a score for every document
    (0.0: none yet); `ids` are distinct."""
    import numpy as np

    scores = idf * tf * (K1 + 1) / (tf + K1)
    best[ids] = np.maximum(best[ids], scores)


def weighting() -> scoring.BM25F:
    """Whoosh's BM25F with these constants, for every searcher we open."""
    return scoring.BM25F(B=B, K1=K1)
