"""Turning article data into Textual `Content`, literally.

Article text is never treated as markup: every piece of it becomes a
`Content` built from plain strings and explicit spans, so `[bold]`,
`[@click=app.quit]` or an ESC byte inside an article is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from textual.content import Content, Span

HIGHLIGHT = "bold reverse"
"""Matched query terms (reverse video reads well in every theme and in mono)."""

CURRENT_HIGHLIGHT = "bold underline reverse $accent"
"""The match `n`/`N` moved to."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    # One character for one character keeps every span offset valid.
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\N{REPLACEMENT CHARACTER}"


def literal(text: str) -> str:
    """Replace control characters (ESC, BEL, C1 …) with visible symbols."""
    return _CONTROL.sub(_visible, text.replace("\t", " "))


def highlighted(
    text: str, spans: Iterable[tuple[int, int]], style: str = HIGHLIGHT, base: str = ""
) -> Content:
    """`text` as Content with `spans` marked; spans out of range are dropped."""
    text = literal(text)
    n = len(text)
    marks = [Span(s, e, style) for s, e in spans if 0 <= s < e <= n]
    if base:
        marks.insert(0, Span(0, n, base))
    return Content(text, marks, strip_control_codes=False)


def find_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the query terms occur in `text` (with the index's folding and
    compound rules when index.search.searching provides them)."""
    if not terms or not text:
        return []
    from index import match_spans

    try:
        return sorted({(int(s), int(e)) for s, e in match_spans(text, terms)})
    except Exception:
        # Highlighting is a nicety; a bug there must not cost the article.
        return []
