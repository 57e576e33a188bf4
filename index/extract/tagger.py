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

from index.extract.crfmodel import ModelFeatures
from index.extract.crfscore import CrfWeights, Scorer, read_weights
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
def model_weights(path: Path) -> CrfWeights:
    """The model's weights, read once per process (threads share them)."""
    return read_weights(path)


@lru_cache(maxsize=2)
def model_features(path: Path) -> ModelFeatures[bytes]:
    """The feature maker for crfsuite and the model at `path`, one per process."""
    return ModelFeatures({a: a for a in model_weights(path).attr_ids})


@lru_cache(maxsize=2)
def model_feature_ids(path: Path) -> ModelFeatures[int]:
    """The same features as the model's attribute ids + 1, for the numpy scorer."""
    return ModelFeatures(model_weights(path).attr_ids)


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


_scorers: dict[Path, Scorer] = {}
_scorer_lock = threading.Lock()
"""One numpy scorer per process and model, used by one thread at a time: its word
tables stay warm for every thread (a build or the reader's worker threads)."""


def _scorer() -> Scorer:
    """The scorer of the current model (call with `_scorer_lock` held)."""
    scorer = _scorers.get(CRF_PATH)
    if scorer is None:
        scorer = _scorers[CRF_PATH] = Scorer(model_weights(CRF_PATH), model_feature_ids(CRF_PATH))
    return scorer


def _output(labels: Sequence[str]) -> list[str]:
    """`_fix_bio` over the output classes, in one pass (other classes become "O")."""
    out: list[str] = []
    prev = "O"
    for t in labels:
        if t == "O" or t not in _OUTPUT_TAGS:
            t = "O"
        elif t[0] == "I" and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def tag_raw_crfsuite(words: Sequence[str]) -> list[str]:
    """`tag_raw` by crfsuite itself (the reference the numpy scorer must equal)."""
    if not words:
        return []
    return _output(_crf().tag(model_features(CRF_PATH).features(words, load())))


def tag_many(sents: Sequence[Sequence[str]]) -> list[list[str]]:
    """`tag_raw` of each sentence, all scored at once (numpy Viterbi; crfsuite at near ties)."""
    todo = [s for s in sents if s]
    with _scorer_lock:
        scorer = _scorer()
        scores, slack = scorer.emissions(todo, load())
        paths = scorer.viterbi(scores, [len(s) for s in todo], slack)
    done = iter(paths)
    tags = _label_tags(scorer.w.labels)
    out: list[list[str]] = []
    for words in sents:
        path = next(done) if words else []
        if path is None:
            out.append(tag_raw_crfsuite(words))
        else:
            got = [tags[i] for i in path]
            out.append(_output(got) if "I" in {t[0] for t in got} else got)
    return out


@lru_cache(maxsize=4)
def _label_tags(labels: tuple[str, ...]) -> tuple[str, ...]:
    """Each model label as an output tag ("O" for OTH and the deriv/part classes)."""
    return tuple(t if t in _OUTPUT_TAGS else "O" for t in labels)


def prepare(sents: Sequence[Sequence[str]]) -> None:
    """Tag these sentences now, for the `tag_raw` calls that follow (this thread only)."""
    _local.ready = {tuple(w): t for w, t in zip(sents, tag_many(sents), strict=True)}


def release() -> None:
    """Forget what `prepare` tagged."""
    _local.ready = {}


def tag_raw(words: Sequence[str]) -> list[str]:
    """Model tags over PER/LOC/ORG (OTH and deriv/part classes become "O"), BIO-consistent."""
    if not words:
        return []
    ready = getattr(_local, "ready", None)
    if ready:
        got = ready.get(tuple(words))
        if got is not None:
            return list(got)
    return tag_many([words])[0]


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, class) spans from BIO tags; end is exclusive (an I-X without its B-X
    starts a span; any other tag ends one)."""
    out: list[tuple[int, int, str]] = []
    start, cls = -1, ""
    for i, t in enumerate(tags):
        if t == "O":  # most tags: the loop stays cheap
            if start >= 0:
                out.append((start, i, cls))
                start = -1
            continue
        head = t[:2]
        if start >= 0 and not (head == "I-" and t[2:] == cls):
            out.append((start, i, cls))
            start = -1
        if start < 0 and (head == "B-" or head == "I-"):
            start, cls = i, t[2:]
    if start >= 0:
        out.append((start, len(tags), cls))
    return out
