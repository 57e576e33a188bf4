"""Measure false merges of the umlaut folding (index.text.analysis.fold).

    .venv/bin/pip install wordfreq==3.1.1
    .venv/bin/python scripts/measure_folding.py

A merge is "true" when two spellings differ only by an umlaut being written
as a plain vowel or as ae/oe/ue (Brüssel/Bruessel/Brussel) or ß as ss. It is
"false" when a word whose ae/oe/ue is no umlaut ("neue", "Israel") gets the
key of a different word. Counts them among the 50,000 most frequent German
words of wordfreq, for our folding and for the naive one that turns every
ae/oe/ue into a/o/u. (a = ä itself merges schon/schön, hatte/hätte: the
issue asks for that, so those are not counted.)
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.text.analysis import fold

_PLAIN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def naive(word: str) -> str:
    return re.sub(r"ae|oe|ue", lambda m: m.group()[0], word.lower().translate(_PLAIN))


_DIGRAPH = {"ae": "ä", "oe": "ö", "ue": "ü"}


def digraph_false_merges(words: list[str], key) -> list[tuple[str, str]]:
    """(word, other) pairs where `word` has a real ae/oe/ue (its umlaut
    spelling is no known word: "neue", "Israel", "Frequenz") and folding
    gives it the key of a different word. Merges that a = ä = ae folding
    requires by design (schon/schön) are not counted: they involve no
    genuine digraph."""
    known = set(words)
    by_key: dict[str, set[str]] = defaultdict(set)
    for w in words:
        by_key[key(w)].add(w)
    bad = []
    for w in words:
        if any(c in w for c in "äöüß") or not re.search("ae|oe|ue", w):
            continue
        umlauted = re.sub("ae|oe|ue", lambda m: _DIGRAPH[m.group()], w)
        if umlauted in known:
            continue  # the digraph is an umlaut written out: a true merge
        for other in by_key[key(w)] - {w}:
            if re.sub("ae|oe|ue", lambda m: _DIGRAPH[m.group()], other) != umlauted:
                bad.append((w, other))
    return bad


def main() -> None:
    import wordfreq

    words = [w for w in wordfreq.top_n_list("de", 50_000) if w.isalpha()]
    for name, key in (("diplo-reader fold", fold), ("naive ae/oe/ue", naive)):
        bad = digraph_false_merges(words, key)
        print(
            f"{name}: {len(bad)} false merges through a genuine ae/oe/ue among {len(words)} words"
        )
        print("    e.g.", "; ".join(f"{a}={b}" for a, b in bad[:15]))


if __name__ == "__main__":
    main()
