"""Metadata extraction for German news: publication date, people, places, orgs.

Public entry point: `extract_metadata`. (Placeholder until the extraction work lands.)
"""

from __future__ import annotations

from collections.abc import Sequence

from index.records import Metadata


def extract_metadata(text: str, header_lines: Sequence[str] = ()) -> Metadata:
    """Extract metadata from an article's cleaned plain text.

    `text` is the title, a blank line, then the body paragraphs (blank-line separated).
    `header_lines` are lines the cleaner took off the head/tail of the file as
    non-body (site dates, ` date 2025-01 Von Euronews mit AP`, bylines like
    `Von Jennifer Hansler von CNN`, timestamps, breadcrumbs); they may hold the
    publication date, source and author.
    """
    return Metadata()
