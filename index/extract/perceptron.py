"""A small averaged perceptron for greedy left-to-right BIO tagging.

Pure Python and dict-based so the model is a compact JSON table with no
runtime dependency; trained by scripts/train_tagger.py on GermEval dev only.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

CLASSES = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-OTH", "I-OTH")

FeatureFn = Callable[[list[str], int, str, str], list[str]]


class Perceptron:
    """Multiclass averaged perceptron over string features."""

    def __init__(self, weights: dict[str, dict[str, float]] | None = None) -> None:
        self.weights: dict[str, dict[str, float]] = weights or {}
        self._totals: dict[tuple[str, str], float] = defaultdict(float)
        self._stamps: dict[tuple[str, str], int] = defaultdict(int)
        self._i = 0

    def predict(self, features: Iterable[str]) -> str:
        """Best class for the features ("O" when nothing fires)."""
        scores: dict[str, float] = {}
        weights = self.weights
        for feat in features:
            row = weights.get(feat)
            if row:
                for cls, w in row.items():
                    scores[cls] = scores.get(cls, 0.0) + w
        if not scores:
            return "O"
        best = max(scores.items(), key=lambda kv: kv[1])
        return best[0] if best[1] > scores.get("O", 0.0) else "O"

    def update(self, truth: str, guess: str, features: Sequence[str]) -> None:
        self._i += 1
        if truth == guess:
            return
        for feat in features:
            row = self.weights.setdefault(feat, {})
            for cls, delta in ((truth, 1.0), (guess, -1.0)):
                key = (feat, cls)
                w = row.get(cls, 0.0)
                self._totals[key] += (self._i - self._stamps[key]) * w
                self._stamps[key] = self._i
                row[cls] = w + delta

    def average(self) -> None:
        """Replace weights by their average over all updates (less overfitting)."""
        for feat, row in self.weights.items():
            for cls, w in list(row.items()):
                key = (feat, cls)
                total = self._totals[key] + (self._i - self._stamps[key]) * w
                avg = round(total / max(self._i, 1), 3)
                if avg:
                    row[cls] = avg
                else:
                    del row[cls]
        self.weights = {f: r for f, r in self.weights.items() if r}

    def save(self, path: Path) -> None:
        raw = json.dumps(self.weights, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write(raw)

    @classmethod
    def load(cls, path: Path) -> Perceptron:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return cls(json.load(fh))


def train(
    model: Perceptron,
    data: Sequence[tuple[list[str], list[str]]],
    featurize: Callable[[list[str]], list[list[str]]],
    decode_step: Callable[[list[str], list[list[str]], int, list[str]], list[str] | None],
    epochs: int = 8,
    seed: int = 1,
) -> None:
    """Train greedily with predicted previous tags (as at run time).

    `decode_step` returns the features of token i given tags so far, or None
    when the token is forced to "O" (no update then).
    """
    rng = random.Random(seed)
    cached = [(words, tags, featurize(words)) for words, tags in data]
    for _ in range(epochs):
        rng.shuffle(cached)
        for words, gold, static in cached:
            pred: list[str] = []
            for i in range(len(words)):
                feats = decode_step(words, static, i, pred)
                if feats is None:
                    pred.append("O")
                    continue
                guess = model.predict(feats)
                model.update(gold[i], guess, feats)
                pred.append(guess)
    model.average()
