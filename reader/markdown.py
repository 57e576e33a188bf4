"""Article Markdown to a flat list of blocks, via markdown-it-py.

The article pane renders these blocks itself (rather than through Textual's
Markdown widget) because it needs to know where every character of every
block is: query terms are marked by span and `n`/`N` scroll to each match.
Inline text is taken from markdown-it's text tokens and never parsed as
Rich/Textual markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_INLINE_STYLES = {"strong": "bold", "em": "italic", "s": "strike", "link": "underline"}


@dataclass
class Block:
    kind: str
    """heading, paragraph, item, quote or code."""
    text: str
    level: int = 0
    styles: list[tuple[int, int, str]] = field(default_factory=list)
    """Inline emphasis as (start, end, style)."""


_parser: MarkdownIt | None = None


def _md() -> MarkdownIt:
    global _parser
    if _parser is None:
        # Imported on first use: not needed for the first paint.
        from markdown_it import MarkdownIt

        # commonmark without raw HTML: an article's <script> stays text.
        _parser = MarkdownIt("commonmark", {"html": False}).enable("strikethrough")
    return _parser


def _inline(token: Token) -> tuple[str, list[tuple[int, int, str]]]:
    parts: list[str] = []
    styles: list[tuple[int, int, str]] = []
    open_at: dict[str, list[int]] = {}
    pos = 0
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            piece = child.content
        elif kind in ("softbreak", "hardbreak"):
            piece = " " if kind == "softbreak" else "\n"
        elif kind.endswith("_open"):
            open_at.setdefault(kind[:-5], []).append(pos)
            continue
        elif kind.endswith("_close"):
            name = kind[:-6]
            if open_at.get(name) and name in _INLINE_STYLES:
                styles.append((open_at[name].pop(), pos, _INLINE_STYLES[name]))
            continue
        elif kind == "image":
            piece = child.content or ""
        else:
            piece = child.content or ""
        parts.append(piece)
        pos += len(piece)
    return "".join(parts), styles


def parse_blocks(markdown: str) -> list[Block]:
    """The blocks of an article body, in reading order."""
    blocks: list[Block] = []
    kind, level = "paragraph", 0
    quote_depth = 0
    for token in _md().parse(markdown):
        if token.type == "heading_open":
            kind, level = "heading", int(token.tag[1:])
        elif token.type == "list_item_open":
            kind = "item"
        elif token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "inline":
            text, styles = _inline(token)
            block_kind = "quote" if quote_depth and kind == "paragraph" else kind
            if text.strip():
                blocks.append(Block(block_kind, text, level, styles))
        elif token.type in ("fence", "code_block"):
            blocks.append(Block("code", token.content.rstrip("\n")))
        elif token.type in ("heading_close", "list_item_close"):
            kind, level = "paragraph", 0
    return blocks
