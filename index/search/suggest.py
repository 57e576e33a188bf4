"""Did-you-mean from the index's own vocabulary ("Kishda" -> "Kishida").

Only asked when a query found nothing, so it may take a few milliseconds: each
typed word whose stem the index does not know is replaced by a word whose
stem is within two edits (same first letters, most documents first), spelled
as an article spells it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from whoosh.reading import IndexReader

from index.query.parse import OPERATORS
from index.query.vocab import near_terms
from index.text.analysis import HYPHENS_RE, STOPWORDS, WORD_RE, analyze_word, fold, stem


def _known(reader: IndexReader, key: str) -> bool:
    return reader.doc_frequency("body", key) > 0


def _surface(reader: IndexReader, key: str) -> str | None:
    """How a word with this stem is written in an article that has it
    ("dusseldorf" -> "Düsseldorf"); None if no article shows it."""
    try:
        docnum = next(iter(reader.postings("body", key).all_ids()))
        record = json.loads(reader.stored_fields(docnum)["record"])
    except Exception:  # no posting or no record
        return None
    for m in WORD_RE.finditer(record.get("text", "")):
        for piece in HYPHENS_RE.split(m.group()):
            info = analyze_word(piece) if piece else None
            if info and info.stems and key in info.stems[0]:
                return piece
    return None


def suggest(reader: IndexReader, query: str, words: Sequence[str]) -> str | None:
    """A corrected query string, or None when no word could be improved."""
    if "body" not in reader.schema:
        return None
    replacements: dict[str, str] = {}
    for word in words:
        for m in WORD_RE.finditer(word):
            typed = m.group()
            folded = fold(typed)
            if typed in OPERATORS or folded in STOPWORDS or len(folded) < 3:
                continue
            key = stem(folded)
            if _known(reader, key):
                continue
            for maxdist in (1, 2):
                found = near_terms(reader, "body", key, maxdist, 3)
                surfaces = [s for s in (_surface(reader, k) for k in found) if s]
                if surfaces:
                    better = surfaces[0]
                    if typed[:1].isupper() and better[:1].islower():
                        better = better.capitalize()
                    replacements[typed] = better
                    break
    if not replacements:
        return None
    suggestion = WORD_RE.sub(lambda m: replacements.get(m.group(), m.group()), query)
    return suggestion if suggestion != query else None
