"""The index vocabulary for prefix, wildcard, fuzzy and did-you-mean.

Walking a field's terms costs ~1 µs each in Python, and a one-letter prefix
covers thousands, so the (term, doc count) lists are cached per segment and
prefix: search-as-you-type asks for the same short prefixes again and again.
Expansions are capped twice: at PREFIX_CAP terms (most documents first) and at
PREFIX_POSTINGS postings, so "B*" costs about what "Bundes*" does.
"""

from __future__ import annotations

import re
from heapq import nlargest
from typing import Any

from whoosh.support.levenshtein import damerau_levenshtein

from index.query.segment_cache import SegmentCache

PREFIX_CAP = 40  # most frequent expansions of a prefix
PREFIX_POSTINGS = 15_000  # postings read for one expansion, at most...
SHORT_PREFIX_POSTINGS = (4_000, 8_000)  # ...and for 1- and 2-letter prefixes
PREFIX_SCAN = 20_000  # vocabulary entries looked at per segment and prefix
_CACHE: SegmentCache[list[tuple[str, int]]] = SegmentCache(512)


def _segment_terms(leaf: Any, fieldname: str, prefix: str) -> list[tuple[str, int]]:
    def read() -> list[tuple[str, int]]:
        terms = []
        for n, (btext, info) in enumerate(leaf.iter_prefix(fieldname, prefix)):
            if n >= PREFIX_SCAN:
                break
            terms.append((btext.decode("utf-8"), info.doc_frequency()))
        return terms

    return _CACHE.get(leaf, (fieldname, prefix), read)


def term_counts(reader: Any, fieldname: str, prefix: str) -> dict[str, int]:
    """Terms with a prefix and their document counts, summed over segments
    (a multi-segment reader would look each term up again: slow)."""
    counts: dict[str, int] = {}
    for leaf, _ in reader.leaf_readers():
        if fieldname not in leaf.schema:
            continue
        for text, df in _segment_terms(leaf, fieldname, prefix):
            counts[text] = counts.get(text, 0) + df
    return counts


def prefix_terms(
    reader: Any, fieldname: str, prefix: str, pattern: re.Pattern[str] | None
) -> list[str]:
    """Terms starting with `prefix` (and matching `pattern`), most documents
    first, within PREFIX_CAP terms and PREFIX_POSTINGS postings."""
    counts = term_counts(reader, fieldname, prefix)
    if pattern is not None:
        counts = {t: c for t, c in counts.items() if pattern.match(t)}
    chosen: list[str] = []
    budget = SHORT_PREFIX_POSTINGS[len(prefix) - 1] if len(prefix) <= 2 else PREFIX_POSTINGS
    for term in nlargest(PREFIX_CAP, counts, key=lambda t: (counts[t], t)):
        if counts[term] <= budget or not chosen:
            chosen.append(term)
            budget -= counts[term]
    return chosen


def near_terms(reader: Any, fieldname: str, word: str, maxdist: int, cap: int) -> list[str]:
    """Terms within `maxdist` edits of `word` sharing its first letters, most
    documents first. Length is checked before the (costly) distance."""
    shared = 2 if len(word) >= 4 else 1
    lo, hi = len(word) - maxdist, len(word) + maxdist
    counts = term_counts(reader, fieldname, word[:shared])
    found = {
        t: c
        for t, c in counts.items()
        if lo <= len(t) <= hi and damerau_levenshtein(word, t, maxdist) <= maxdist
    }
    return nlargest(cap, found, key=lambda t: (found[t], t))
