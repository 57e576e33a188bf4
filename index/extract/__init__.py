"""Metadata extraction for German news: publication date, people, places, orgs.

Public entry points: `extract_metadata` (one article) and `tag_tokens` (BIO
tags for one tokenised sentence, used for the mention-level evaluation; it is
the tagger and sentence rules that `extract_metadata` runs, without the
article-level second pass). Data tables load lazily on first use.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.records import Metadata

__all__ = ["extract_metadata", "tag_tokens"]


def extract_metadata(text: str, header_lines: Sequence[str] = ()) -> Metadata:
    """Extract metadata from an article's cleaned plain text.

    `text` is the title, a blank line, then the body paragraphs (blank-line separated).
    `header_lines` are lines the cleaner took off the head/tail of the file as
    non-body (site dates, ` date 2025-01 Von Euronews mit AP`, bylines like
    `Von Jennifer Hansler von CNN`, timestamps, breadcrumbs); they may hold the
    publication date, source and author. An unstated date is None/"unknown".
    """
    from index.extract.article import extract

    return extract(text, header_lines)


def tag_tokens(tokens: Sequence[str]) -> list[str]:
    """BIO tags (B-PER, I-LOC, ... or O) for one sentence of tokens: the CRF tagger
    plus the sentence-level rules of `extract_metadata` (not its article-level pass)."""
    from index.extract.mentions import sentence_tags

    return sentence_tags(list(tokens))
