"""Reading GermEval 2014 (and Europarl CoNLL) NER files and scoring tagged spans against them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.extract.tagger import spans

SCORED = ("PER", "LOC", "ORG")


def read(path: Path, keep_derived: bool = False) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences as (tokens, outer tags); deriv/part tags become "O" unless `keep_derived`."""
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                yield words, tags
            words, tags = [], []
            continue
        cols = line.split("\t")
        tag = cols[2]
        if tag.endswith(("deriv", "part")) and not keep_derived:
            tag = "O"
        words.append(cols[1])
        tags.append(tag)
    if words:
        yield words, tags


def read_europarl(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Europarl NER (Faruqui & Padó): `token lemma POS chunk NER` lines, IOB1 tags.

    IOB1 "I-PER I-PER" is one span, as `spans` reads it; for measuring only.
    """
    words: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        cols = line.split()
        if not cols:
            if words:
                yield words, tags
            words, tags = [], []
            continue
        words.append(cols[0])
        tags.append(cols[-1])


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(
    path: Path,
    tagger: Callable[[Sequence[str]], list[str]],
    limit: int | None = None,
    reader: Callable[[Path], Iterator[tuple[list[str], list[str]]]] = read,
) -> dict[str, Score]:
    """Mention-level exact-span scores per class for `tagger` on a GermEval (or other) file."""
    scores = {c: Score() for c in SCORED}
    for n, (words, gold) in enumerate(reader(path)):
        if limit is not None and n >= limit:
            break
        count_sentence(scores, gold, tagger(words))
    return scores


def count_sentence(scores: dict[str, Score], gold: Sequence[str], found: Sequence[str]) -> None:
    """Add one sentence's exact-span matches to `scores` (classes outside it are not scored)."""
    g = {s for s in spans(gold) if s[2] in scores}
    p = {s for s in spans(found) if s[2] in scores}
    for s in p & g:
        scores[s[2]].tp += 1
    for s in p - g:
        scores[s[2]].fp += 1
    for s in g - p:
        scores[s[2]].fn += 1
