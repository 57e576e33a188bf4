"""Tokenising German news text into words with character offsets, and sentences.

Hyphenated compounds ("US-Außenminister", "Kim Jong-un", "al-Sudani") stay one
token, as in GermEval, so that a place inside a compound is not a mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(
    r"\d+(?:[.,:]\d+)*\.?"  # numbers, ordinals ("7."), times, 10.000
    r"|(?:[^\W\d_]\.){2,}"  # abbreviations written with dots: U.S.A.
    r"|[\w][\w'’]*(?:-[\w'’]+)*-?"  # words, hyphen compounds, truncations ("Nuklear-")
    r"|[^\w\s]",
    re.UNICODE,
)
_SENT_END = frozenset(".!?")
ABBREVIATIONS = frozenset(
    """Dr Prof St Nr Mr Mrs Ms Jr Sr Hr Mio Mrd Tsd Abs Art Bd Hrsg Jh Str Co ca vgl bzw
    ggf inkl evtl geb gest Chr""".split()  # noqa: SIM905
)
"""Words written with a full stop that ends no sentence ("Dr. Meier", "2,5 Mrd. Euro")."""


def ends_sentence(before: str, stop: str, after: str) -> bool:
    """Whether `stop` (".", "!" or "?") between two tokens ends a sentence: the next
    begins a new one (capital or quote), and a full stop is not that of an initial
    ("George W. Bush") or an abbreviation ("Dr. Meier")."""
    if not (after[:1].isupper() or after in _QUOTES):
        return False
    return stop != "." or not (before in ABBREVIATIONS or (len(before) == 1 and before.isupper()))


_QUOTES = frozenset("\"'“”„‚‘’«»")


def glue_stops(words: Sequence[str]) -> tuple[str, ...]:
    """A name's tokens with an initial's full stop back on its letter:
    ("George", "W", ".", "Bush") -> ("George", "W.", "Bush")."""
    out: list[str] = []
    for w in words:
        if w == "." and out:
            out[-1] += "."
        else:
            out.append(w)
    return tuple(out)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split text into tokens with offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def sentences(text: str, *, abbreviations: bool = True) -> list[list[Token]]:
    """Split text into sentences of tokens (paragraph breaks and .!? end them).

    With `abbreviations=False` every full stop before a capital ends a sentence, also
    after "Dr" or an initial: how the shipped model's SmartData training sentences are
    cut (index/extract/README.md, "Sentence ends").

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
            if (
                tok.text in _SENT_END
                and i + 1 < len(toks)
                and ends_sentence(
                    toks[i - 1].text if i and abbreviations else "", tok.text, toks[i + 1].text
                )
            ):
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
            if toks[i] in _SENT_END and ends_sentence(
                toks[i - 1] if i else "", toks[i], toks[i + 1]
            ):
                out.append(toks[start : i + 1])
                start = i + 1
        if start < len(toks):
            out.append(toks[start:])
    return out
