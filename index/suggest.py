"""Did-you-mean from the index's own vocabulary ("Kishda" -> "Kishida").

Only asked when a query found nothing, so it may take a few milliseconds: each
typed word that the index does not know is replaced by the most frequent
folded word within two edits (same first letters), written back with the
user's capitalization.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from whoosh.reading import IndexReader

from index.analysis import HYPHENS_RE, STOPWORDS, WORD_RE, fold
from index.query import OPERATORS, near_terms


def _known(reader: IndexReader, folded: str) -> bool:
    return reader.doc_frequency("words", folded) > 0


def _surface(reader: IndexReader, folded: str) -> str:
    """How the folded vocabulary word is written in an article that has it
    ("dusseldorf" -> "Düsseldorf"), falling back to the folded form."""
    try:
        docnum = next(iter(reader.postings("words", folded).all_ids()))
        record = json.loads(reader.stored_fields(docnum)["record"])
    except Exception:  # no posting or no record: the folded form will do
        return folded
    for m in WORD_RE.finditer(record.get("text", "")):
        for piece in HYPHENS_RE.split(m.group()):
            if fold(piece) == folded:
                return piece
    return folded


def suggest(reader: IndexReader, query: str, words: Sequence[str]) -> str | None:
    """A corrected query string, or None when no word could be improved."""
    if "words" not in reader.schema:
        return None
    replacements: dict[str, str] = {}
    for word in words:
        for m in WORD_RE.finditer(word):
            typed = m.group()
            folded = fold(typed)
            if typed in OPERATORS or folded in STOPWORDS or len(folded) < 3:
                continue
            if _known(reader, folded):
                continue
            for maxdist in (1, 2):
                found = near_terms(reader, "words", folded, maxdist, 1)
                if found:
                    better = _surface(reader, found[0])
                    if typed[:1].isupper() and better[:1].islower():
                        better = better.capitalize()
                    replacements[typed] = better
                    break
    if not replacements:
        return None
    suggestion = WORD_RE.sub(lambda m: replacements.get(m.group(), m.group()), query)
    return suggestion if suggestion != query else None
