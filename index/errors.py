"""Errors the core raises to its callers, each with a stable `code`.

`code` is what programs compare (and what the index manifest and `Skipped`
records keep); str() is a one-line English reason for logs and the CLI.
"""

from __future__ import annotations


class ArticleError(Exception):
    """An article file that cannot be read, is not text, or has no text left
    after cleaning. Codes: empty, binary, not-text, not-file, too-large,
    vanished, unreadable, no-text."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
