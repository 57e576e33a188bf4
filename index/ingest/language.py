"""Which language an article is written in, from its stop words.

Whoosh ships Snowball stop-word lists for 14 languages; the share of a text's
words found in each list names the language reliably for a news article
(hundreds of words), with no model to download. A page's `<html lang>` is a
site template's claim, so it is only the fallback for texts too short to tell.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.lang import has_stopwords, languages, stopwords_for_language

_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 30
"""Fewer words than this say too little: the fallback decides."""


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    return {
        lang: frozenset(stopwords_for_language(lang))
        for lang in sorted(set(languages))
        if len(lang) == 2 and has_stopwords(lang)
    }


def detect_language(text: str, fallback: str | None = None) -> str | None:
    """ISO 639-1 code ("de", "en", …) of `text`, or `fallback` when unsure."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < MIN_WORDS:
        return fallback
    scores = {lang: sum(w in stops for w in words) for lang, stops in _lists().items()}
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < len(words) * 0.1:
        return fallback
    return best
