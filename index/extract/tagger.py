"""Token-level name tagging (BIO tags PER/LOC/ORG) shared by extraction and evaluation.

A linear-chain CRF (python-crfsuite; model data/tagger.crfsuite) over shape,
context, word-class and gazetteer features, trained on GermEval 2014 dev only
by scripts/train_tagger.py. When python-crfsuite is not installed, a greedy
averaged perceptron over the same features (data/tagger.json.gz, pure Python)
stands in; it is a few F1 points weaker. For the perceptron only name-like
tokens are scored: most tokens are lower-case German words and are "O" at once.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from index.extract.features import is_name_like, static_features
from index.extract.gazetteer import DATA_DIR, load
from index.extract.perceptron import Perceptron

MODEL_PATH = DATA_DIR / "tagger.json.gz"
CRF_PATH = DATA_DIR / "tagger.crfsuite"
_local = threading.local()
OUTPUT_CLASSES = frozenset(("PER", "LOC", "ORG"))


@lru_cache(maxsize=1)
def model() -> Perceptron:
    """The trained tagger model (loaded once)."""
    return Perceptron.load(MODEL_PATH)


def step_features(
    words: Sequence[str], static: list[list[str]], i: int, pred: list[str]
) -> list[str] | None:
    """Features of token i given the tags predicted so far; None = forced "O"."""
    w = words[i]
    prev = pred[i - 1] if i else "<s>"
    if not w[:1].isalpha() and not w[:1].isdigit():
        return None
    if not is_name_like(w) and (prev == "O" or prev == "<s>" or w[:1].isdigit()):
        return None
    prev2 = pred[i - 2] if i > 1 else "<s>"
    feats = list(static[i])
    sh = feats[1]  # static_features puts the shape second
    feats.append("pt=" + prev)
    feats.append("pt2=" + prev2 + "|" + prev)
    feats.append("pt|" + sh)
    return feats


def _fix_bio(tags: list[str]) -> list[str]:
    """I-X without a preceding B-X/I-X becomes B-X."""
    out: list[str] = []
    for t in tags:
        if t.startswith("I-") and (not out or out[-1][2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
    return out


@lru_cache(maxsize=1)
def _crf_available() -> bool:
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        return False
    return CRF_PATH.exists()


def _crf() -> Any:
    """One CRF tagger per thread (crfsuite taggers hold per-call state)."""
    tagger = getattr(_local, "crf", None)
    if tagger is None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(CRF_PATH))
        _local.crf = tagger
    return tagger


def tag_raw(words: Sequence[str]) -> list[str]:
    """Model tags including OTH and deriv/part classes, BIO-consistent."""
    if not words:
        return []
    static = static_features(words, load())
    if _crf_available():
        return _fix_bio([t if t[2:] in OUTPUT_CLASSES else "O" for t in _crf().tag(static)])
    m = model()
    pred: list[str] = []
    for i in range(len(words)):
        feats = step_features(words, static, i, pred)
        pred.append("O" if feats is None else m.predict(feats))
    return _fix_bio(pred)


def tag_tokens(words: Sequence[str]) -> list[str]:
    """BIO tags over PER, LOC and ORG for one sentence of tokens."""
    tags = tag_raw(words)
    return [t if t[2:] in OUTPUT_CLASSES else "O" for t in _fix_bio(tags)]


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, class) spans from BIO tags; end is exclusive."""
    out: list[tuple[int, int, str]] = []
    start, cls = -1, ""
    for i, t in enumerate([*tags, "O"]):
        if start >= 0 and not (t.startswith("I-") and t[2:] == cls):
            out.append((start, i, cls))
            start = -1
        if t.startswith("B-") or (t.startswith("I-") and start < 0):
            start, cls = i, t[2:]
    return out
