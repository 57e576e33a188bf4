"""Tokenising German news text into words with character offsets, and sentences.

Hyphenated compounds ("US-Außenminister", "Kim Jong-un", "al-Sudani") stay one
token, as in GermEval, so that a place inside a compound is not a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"\d+(?:[.,:]\d+)*\.?"  # numbers, ordinals ("7."), times, 10.000
    r"|(?:[^\W\d_]\.){2,}"  # abbreviations written with dots: U.S.A.
    r"|[\w][\w'’]*(?:-[\w'’]+)*-?"  # words, hyphen compounds, truncations ("Nuklear-")
    r"|[^\w\s]",
    re.UNICODE,
)
_SENT_END = frozenset(".!?")
_QUOTES = frozenset("\"'“”„‚‘’«»")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split text into tokens with offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def sentences(text: str) -> list[list[Token]]:
    """Split text into sentences of tokens (paragraph breaks and .!? end them).

    A sentence end needs the next token to begin a new sentence (capital,
    quote or digit), and is also assumed at a missing space (".Blinken").
    """
    out: list[list[Token]] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        toks = [
            Token(t.text, t.start + para.start(), t.end + para.start())
            for t in tokenize(para.group())
        ]
        cur: list[Token] = []
        for i, tok in enumerate(toks):
            cur.append(tok)
            if tok.text in _SENT_END and i + 1 < len(toks):
                nxt = toks[i + 1]
                if nxt.text[0].isupper() or nxt.text in _QUOTES:
                    out.append(cur)
                    cur = []
        if cur:
            out.append(cur)
    return out


_PARA = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def sentence_words(text: str) -> list[list[str]]:
    """Like `sentences`, but plain words without offsets (the fast path for tagging)."""
    out: list[list[str]] = []
    findall = _TOKEN.findall
    for para in _PARA.findall(text):
        toks = findall(para)
        start = 0
        for i in range(len(toks) - 1):
            if toks[i] in _SENT_END:
                nxt = toks[i + 1]
                if nxt[0].isupper() or nxt in _QUOTES:
                    out.append(toks[start : i + 1])
                    start = i + 1
        if start < len(toks):
            out.append(toks[start:])
    return out
