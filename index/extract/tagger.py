"""Token-level name tagging (BIO tags PER/LOC/ORG) shared by extraction and evaluation.

A linear-chain CRF (python-crfsuite; model data/tagger.crfsuite) over shape,
affix, context, word-class, frequency-band and gazetteer features, trained by
scripts/train_tagger.py on GermEval 2014 dev and SmartData train only.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from index.extract.crfmodel import ModelFeatures, model_attributes
from index.extract.gazetteer import DATA_DIR, load

CRF_PATH = DATA_DIR / "tagger.crfsuite"
_local = threading.local()
OUTPUT_CLASSES = frozenset(("PER", "LOC", "ORG"))
_OUTPUT_TAGS = frozenset(p + c for p in ("B-", "I-") for c in OUTPUT_CLASSES)


def _fix_bio(tags: list[str]) -> list[str]:
    """I-X without a preceding B-X/I-X becomes B-X."""
    out: list[str] = []
    for t in tags:
        if t.startswith("I-") and (not out or out[-1][2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
    return out


@lru_cache(maxsize=2)
def model_features(path: Path) -> ModelFeatures:
    """The feature maker for the model at `path`, one per process (threads share it)."""
    return ModelFeatures(model_attributes(path))


def _crf() -> Any:
    """One CRF tagger per thread (crfsuite taggers hold per-call state)."""
    tagger = getattr(_local, "crf", None)
    if tagger is None or getattr(_local, "path", None) != CRF_PATH:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(CRF_PATH))
        _local.crf = tagger
        _local.path = CRF_PATH
    return tagger


def tag_raw(words: Sequence[str]) -> list[str]:
    """Model tags over PER/LOC/ORG (OTH and deriv/part classes become "O"), BIO-consistent."""
    if not words:
        return []
    tagger = _crf()
    feats = model_features(CRF_PATH).features(words, load())
    out: list[str] = []
    prev = "O"
    for t in tagger.tag(feats):  # `_fix_bio` over the output classes, in one pass
        if t == "O" or t not in _OUTPUT_TAGS:
            t = "O"
        elif t[0] == "I" and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


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
