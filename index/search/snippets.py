"""Snippets and highlight spans, computed from stored text with our analyzer.

Whoosh's highlighter re-analyzes every hit and costs ~11 ms per 10 hits; here
each surface word is analyzed once per process (analysis.analyze_word is
cached) and a hit costs one regex pass over a lower-cased copy of its text. A word
matches when it shares a key with a query term: its stem, a genitive base, a
compound part ("Militärhilfe" for "Hilfe"), or a prefix of its folded form.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache

from index.text.analysis import (
    HYPHENS_RE,
    STOPWORDS,
    WORD_RE,
    analyze_word,
    fold,
    query_words,
    stem,
    word_keys,
)

SNIPPET_CHARS = 200  # about two lines of the results list
LEAD_CHARS = 40  # context shown before the first match


class TermMatcher:
    """Decides which words of a text match a query's folded terms."""

    def __init__(self, terms: Sequence[str]) -> None:
        keys: set[str] = set()
        prefixes: list[str] = []
        for term in terms:
            if term.startswith("="):  # a stem as found by fuzzy expansion
                keys.add(term[1:])
                continue
            if term.endswith("*"):
                p = fold(term.rstrip("*"))
                if p:
                    prefixes.append(p)
                continue
            for info in query_words(term):
                for alts in info.stems:
                    keys.update(alts)
                if len(info.folded) > 1 and info.parts:
                    keys.add(info.parts[-1])
        self.keys = frozenset(keys)
        self.prefixes = tuple(prefixes)
        self._seen: dict[str, bool] = {}
        self._finder_keys = tuple(sorted(self.keys | set(self.prefixes)))
        # Short keys and prefixes at word starts only, longer keys anywhere
        # (see _anchored_keys).
        self._anchored, self._long = _anchored_keys(self.keys, self.prefixes)
        self._s = any("s" in k for k in self._finder_keys)

    def __bool__(self) -> bool:
        return bool(self.keys or self.prefixes)

    def matches(self, surface: str) -> bool:
        """True if this word (one hyphen-free piece or whole word) matches."""
        hit = self._seen.get(surface)
        if hit is None:
            hit = self._seen[surface] = self._match(surface)
        return hit

    def _match(self, surface: str) -> bool:
        # Stems, genitive bases and compound parts are all substrings of the
        # folded word, so most words are ruled out without full analysis
        # (which costs ~100 µs for a word not seen before).
        folded = fold(surface)
        if not any(k in folded for k in self.keys) and not any(p in folded for p in self.prefixes):
            return False
        if not HYPHENS_RE.search(surface):
            # One piece: what analyze_word would find, without its costly
            # compound split where none is needed. A typed prefix ("Re") or
            # a short key is inside most words of a text.
            if folded in STOPWORDS:  # analyze_word keeps nothing of it
                return False
            if any(folded.startswith(p) for p in self.prefixes):
                return True
            if not surface[:1].isupper():  # no genitive, no compound parts
                return stem(folded) in self.keys
        info = analyze_word(surface)
        return bool(word_keys(info) & self.keys) or any(
            f.startswith(p) for f in info.folded for p in self.prefixes
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of matching words; hyphen compounds by piece.

        Every key is a substring of the folded word it matches, so instead of
        tokenizing the whole text we search a lower-cased copy for the keys
        (one C-speed regex pass) and check only the words found there.
        """
        if not self:
            return []
        lowered, backwards, unsafe, sharp_s, wide = _text_info(text)
        everywhere = _scanner(self._finder_keys, wide)
        if self._anchored is None or unsafe or (self._s and sharp_s):
            # ("ss" in a key may be half a "ß")
            return self._scan(text, lowered, everywhere, hyphenated=True, backwards=backwards)
        # Words without a hyphen: the short keys and the prefixes only at a
        # word's start (see _anchored_keys). Hyphen compounds as before.
        anchored = _scanner(self._anchored, wide)
        out = self._scan(text, lowered, anchored, hyphenated=False, backwards=backwards)
        if self._long:  # the longer keys anywhere in a word without a hyphen
            longer = _scanner(self._long, wide)
            out += self._scan(text, lowered, longer, False, backwards, starts_only=False)
        search = everywhere.search
        for m in _hyphenated(text, backwards):
            if search(lowered, m.start(), m.end()):
                self._add(m, out)
        # Back into text order; a word found by both scans gave the same span twice.
        return sorted(set(out)) if self._long else sorted(out)

    def _scan(
        self,
        text: str,
        lowered: str,
        finder: re.Pattern[str],
        hyphenated: bool,
        backwards: str | None = None,
        starts_only: bool | None = None,
    ) -> list[tuple[int, int]]:
        """Spans of the words holding a hit of `finder` (hyphenated=False:
        words with a hyphen are skipped; starts_only, by default `not
        hyphenated`: a hit counts only at a word's start). A hit lies inside
        one word (a key never spans a word's end); the scanner's hits take
        the rest of their word along (see _scanner)."""
        starts_only = not hyphenated if starts_only is None else starts_only
        backwards = text[::-1] if backwards is None else backwards
        out: list[tuple[int, int]] = []
        end = 0  # where the last word looked at ends
        for hit in finder.finditer(lowered):
            pos = hit.start()
            if pos < end:  # in the word just looked at (a hyphen compound's next piece)
                continue
            if starts_only and pos and _WORD_CHAR.match(text, pos - 1):
                continue  # inside a word: no match there (see _anchored_keys)
            m = _word_at(text, backwards, pos)
            if m is None:
                continue
            end = m.end()
            if hyphenated or not HYPHENS_RE.search(m.group()):
                self._add(m, out)
        return out

    def _add(self, m: re.Match[str], out: list[tuple[int, int]]) -> None:
        word = m.group()
        if not self.matches(word):
            return
        if "-" not in word and "\u2010" not in word and "\u2011" not in word:
            out.append(m.span())
            return
        pieces = [p for p in _pieces(word, m.start()) if self.matches(p[0])]
        if pieces:
            out.extend((s, e) for _, s, e in pieces)
        else:  # matched as a whole ("US-Außenminister" for the phrase)
            out.append(m.span())


def _variants() -> dict[str, str]:
    """For each ASCII letter, a regex class of its lower-case accented forms
    ("a" -> "[aàáâãäåā…]"), so keys are found in merely lower-cased text."""
    forms: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code).lower()
        if len(ch) != 1 or ch == "ß":
            continue
        base = unicodedata.normalize("NFKD", ch)[0]
        if base.isascii() and base.isalpha() and base != ch:
            forms.setdefault(base, set()).add(ch)
    return {b: "[" + b + "".join(sorted(f)) + "]" for b, f in forms.items()}


_VARIANTS = _variants()


def _one_to_one() -> str:
    """The accented letters of _VARIANTS that fold to their base letter alone
    (not "ĳ" -> "ij")."""
    out = []
    for cls in _VARIANTS.values():
        for ch in cls[2:-1]:
            decomposed = unicodedata.normalize("NFKD", ch)
            if all(unicodedata.combining(c) for c in decomposed[1:]):
                out.append(ch)
    return "".join(sorted(out))


_UNSAFE_RE = re.compile(r"[^\W\x00-\x7fß" + _one_to_one() + "]")
"""A word character the anchored finder may misread: one that does not fold
to one letter as the finder reads it (Greek, Cyrillic, "ĳ", "ạ" ...; "ß"
folds to "ss", which `spans` checks on its own)."""


def _lower(text: str) -> str:
    """Lower case with the same length ("İ" would grow by one character)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower()[0] for c in text)


def _narrow(cls: str) -> str:
    """A _VARIANTS class without its letters beyond Latin-1."""
    kept = "".join(c for c in cls[1:-1] if ord(c) <= 0xFF)
    return kept if len(kept) == 1 else "[" + kept + "]"


_NARROW = {b: _narrow(cls) for b, cls in _VARIANTS.items()}
"""The classes for a text without any of the letters _WIDE_RE finds: the same
hits there, and a pattern of Latin-1 classes compiles 10-20 times faster (a
class beyond Latin-1 makes the compiler build a big character set: about
0.5 ms a key, every keystroke, since the typed keys change with each letter)."""
_WIDE_RE = re.compile(
    "[" + "".join(sorted({c for cls in _VARIANTS.values() for c in cls if ord(c) > 0xFF})) + "]"
)
"""The accented letters of _VARIANTS beyond Latin-1 ("ğ", "ł" is none: it does
not fold to "l"); 1-2 % of the news articles have one."""


@lru_cache(maxsize=512)
def _alternatives(keys: tuple[str, ...], wide: bool = True) -> str:
    """A regex finding each folded key in lower-cased text: a letter may carry
    a diacritic, a vowel may be followed by the "e" of a spelled-out umlaut,
    "ss" may be "ß". `wide=False`: for a text without the letters of
    _WIDE_RE."""
    variants = _VARIANTS if wide else _NARROW
    alternatives = []
    for key in sorted(keys, key=len, reverse=True):
        parts = []
        i = 0
        while i < len(key):
            if key.startswith("ss", i):
                parts.append("(?:ss|ß)")
                i += 2
                continue
            ch = key[i]
            parts.append(variants.get(ch, re.escape(ch)) + ("e?" if ch in "aou" else ""))
            i += 1
        alternatives.append("".join(parts))
    return "|".join(alternatives)


@lru_cache(maxsize=512)
def _finder(keys: tuple[str, ...], wide: bool = True) -> re.Pattern[str]:
    return re.compile(_alternatives(keys, wide))


@lru_cache(maxsize=512)
def _scanner(keys: tuple[str, ...], wide: bool = True) -> re.Pattern[str]:
    """`_finder` whose hits also take the rest of their run of word
    characters, so the next hit is never inside the same run (hits are
    found where `_finder` finds them)."""
    return re.compile("(?:" + _alternatives(keys, wide) + r")\w*")


SHORT_KEY = 2
"""Keys this short are a whole word's stem, never a compound part (parts
are at least 3 letters: index/text/compounds.py MIN_HEAD, and the stemmer
keeps a word's first three letters)."""


def _anchored_keys(
    keys: frozenset[str], prefixes: tuple[str, ...]
) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """(the keys looked for only at the start of words without a hyphen,
    the keys looked for anywhere in them), or (None, ()) when every key is
    looked for anywhere.

    Short keys and prefixes (a typed "Re" is inside most words of a text)
    match a one-piece word only at its start: a stem, a genitive base and a
    folded prefix all begin the folded word. Without a longer key, they are
    all looked for at word starts; with one, the short ones are, and the
    longer keys and prefixes anywhere (a prefix is rarely inside a word:
    one scan for it instead of two). One regex holding both kinds would need
    a group for the word start, which makes the search try every position
    (as would a lookbehind).

    Exact where a text's letters fold one to one as the finder reads them
    (ASCII and the accented letters of _VARIANTS; "ß" only when no key has
    an "s": `spans` checks): a key inside a folded word is then a hit of
    the finder there, so every word that matches is still found; words
    with a hyphen (whose joined stem may be short) are found as before."""
    longer = {k for k in keys if len(k) > SHORT_KEY}
    if not longer:
        short = tuple(sorted(set(keys) | set(prefixes)))
        return (short or None), ()
    short = tuple(sorted({k for k in (*keys, *prefixes) if len(k) <= SHORT_KEY}))
    if not short:
        return None, ()
    return short, tuple(sorted(longer | {p for p in prefixes if len(p) > SHORT_KEY}))


_RUN_RE = re.compile(r"[\w\-\u2010\u2011]*")
_RUN_CHAR = re.compile(r"[\w\-\u2010\u2011]")
"""A run of word characters and hyphens (matched on the reversed text: back
from a position to where a word covering it can start)."""


def _pieces(word: str, offset: int) -> list[tuple[str, int, int]]:
    pieces = []
    pos = 0
    for piece in HYPHENS_RE.split(word):
        if piece:
            pieces.append((piece, offset + pos, offset + pos + len(piece)))
        pos += len(piece) + 1
    return pieces


def match_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Spans in `text` of words matching `terms` (SearchResult.terms: folded
    words, "prefix*", or "=stem" for a fuzzy expansion)."""
    return TermMatcher(terms).spans(text)


def make_snippet(text: str, matcher: TermMatcher) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About SNIPPET_CHARS of `text` around the densest cluster of matches,
    on one line, with the spans of matched words inside the snippet."""
    spans = matcher.spans(text)
    start = max(0, spans[_densest(text, spans)][0] - LEAD_CHARS) if spans else 0
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and start - space < 20 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + SNIPPET_CHARS // 2 else end
    # One line for the results list: each whitespace run becomes one space;
    # a position of the window moves left by what the runs before it lost.
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    window = text[start:end]
    runs = [m.span() for m in _SPACES_RE.finditer(window) if m.end() - m.start() > 1]
    snippet = _SPACES_RE.sub(" ", window).rstrip(" ")  # trailing only: spans stay valid

    def where(pos: int) -> int:
        lost = 0
        for a, b in runs:
            if a >= pos:
                break
            lost += max(0, min(pos, b) - a - 1)
        return len(lead) + pos - lost

    inside = tuple(
        (where(s - start), where(e - start)) for s, e in spans if s >= start and e <= end
    )
    return lead + snippet + tail, inside


_SPACES_RE = re.compile(r"\s+")
_WORD_CHAR = re.compile(r"\w")
_HYPHENS = ("-", "\u2010", "\u2011")
_TEXTS = 256
"""Texts whose lower-cased and reversed copies are kept (~first pages)."""
_TEXT_INFO: OrderedDict[str, tuple[str, str, bool, bool, bool]] = OrderedDict()
_TEXT_LOCK = threading.Lock()


def _text_info(text: str) -> tuple[str, str, bool, bool, bool]:
    """(lower-cased, reversed, has a letter the anchored finder may
    misread, has "ß", has a letter of _WIDE_RE), kept for the texts of
    recent hits (search as you type shows the same articles keystroke after
    keystroke)."""
    with _TEXT_LOCK:
        found = _TEXT_INFO.get(text)
        if found is not None:
            _TEXT_INFO.move_to_end(text)
            return found
    lowered = _lower(text)
    found = (
        lowered,
        text[::-1],
        bool(_UNSAFE_RE.search(lowered)),
        "ß" in lowered,
        bool(_WIDE_RE.search(lowered)),
    )
    with _TEXT_LOCK:
        _TEXT_INFO[text] = found
        while len(_TEXT_INFO) > _TEXTS:
            _TEXT_INFO.popitem(last=False)
    return found


def _word_at(text: str, backwards: str, pos: int) -> re.Match[str] | None:
    """The WORD_RE word covering `pos` (`backwards`: the text reversed)."""
    # Back to the start of the run of word characters and hyphens holding
    # `pos`, then the WORD_RE word covering `pos` from there.
    if not pos or not _RUN_CHAR.match(text, pos - 1):  # a word starts at `pos`, or none covers it
        return WORD_RE.match(text, pos)
    n = len(text)
    run = _RUN_RE.match(backwards, n - pos)  # always matches, maybe empty
    start = pos - (run.end() - (n - pos)) if run else pos
    m = WORD_RE.search(text, start)
    while m is not None and m.end() <= pos:
        m = WORD_RE.search(text, m.end())
    return None if m is None or m.start() > pos else m


def _hyphenated(text: str, backwards: str) -> list[re.Match[str]]:
    """The WORD_RE words with a hyphen, in order (found from their hyphens
    with str.find: a regex for them would try every position of the text)."""
    spots: list[int] = []
    for hyphen in _HYPHENS:
        pos = text.find(hyphen, 1)
        while pos >= 0:
            spots.append(pos)
            pos = text.find(hyphen, pos + 1)
    spots.sort()
    out: list[re.Match[str]] = []
    end = -1
    for pos in spots:
        if pos < end or not _WORD_CHAR.match(text, pos - 1) or not _WORD_CHAR.match(text, pos + 1):
            continue  # a second hyphen of the same word, or no word's
        m = _word_at(text, backwards, pos)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


def _densest(text: str, spans: list[tuple[int, int]]) -> int:
    """Index of the match that starts the best window of matches: distinct
    words count most, then the number of matches (the first best wins).
    The window's words are counted as it slides (each span enters and
    leaves it once)."""
    words = [text[s:e].lower() for s, e in spans]
    counts: dict[str, int] = {}
    best, best_score = 0, -1
    j = 0
    for i, (start, _) in enumerate(spans):
        if i and i - 1 < j:  # the previous first match leaves the window
            w = words[i - 1]
            if counts[w] == 1:
                del counts[w]
            else:
                counts[w] -= 1
        limit = start + SNIPPET_CHARS - LEAD_CHARS
        while j < len(spans) and spans[j][1] <= limit:
            if j >= i:
                counts[words[j]] = counts.get(words[j], 0) + 1
            j += 1
        score = len(counts) * 100 + (j - i)
        if score > best_score:
            best, best_score = i, score
    return best
