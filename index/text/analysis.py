"""The German analyzer chain, in one place: tokenizing, folding, stemming,
genitive names and compound parts.

Every word goes through `analyze_word`, cached per surface form, so the index,
the query builder, snippets and `match_spans` agree on what "the same word" is.
Three Whoosh tokenizers feed three index fields from that one analysis:

- `StemTokenizer` (title, body): folded, stemmed words with positions, stop
  words dropped; a genitive name also yields its base form at the same position.
- `PartsTokenizer` (parts): stemmed compound parts and joined hyphen compounds,
  so "Hilfe" finds "Militärhilfe" with a lower weight than a whole-word match.
- `NameTokenizer` (person, place, org): folded words, nothing dropped.

Prefix and fuzzy terms expand over the stems with folded, unstemmed query
text (the stemmer would turn "Regier*" into "regi*").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache, partial

from whoosh.analysis import Token, Tokenizer
from whoosh.lang import stemmer_for_language, stopwords_for_language

from index.text import compounds
from index.text.memo import Memo

# A word: letters/digits, optionally joined by hyphens ("US-Außenminister",
# "Kim Jong-un"). Typographic quotes, dashes and apostrophes are separators.
WORD_RE = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*")
HYPHENS_RE = re.compile(r"[-\u2010\u2011]")

_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ẞ": "ss"})
# "ue" is an umlaut spelled out except after a vowel ("neue", "Bauer",
# "Feuer") or q ("Frequenz", "Quelle"); "ae"/"oe" likewise after a vowel.
_DIGRAPH_RE = re.compile(r"(?<![aeiouyq])ue|(?<![aeiouy])ae|(?<![aeiouy])oe")

_STEM = stemmer_for_language("de")
# Whoosh's Snowball list, folded; "weg" is a noun too often ("Weg der
# Diplomatie") to drop.
STOPWORDS = frozenset(w.translate(_UMLAUTS) for w in stopwords_for_language("de") if w != "weg")
# Snowball drops a final -s only after these letters; other genitives
# ("Chinas", "Trumps", "Lawrows") we handle ourselves.
_SNOWBALL_S_ENDINGS = frozenset("bdfghklmnrt")

WORDS_KEPT = 100_000
"""Surface words (and stems) whose analysis a process keeps, per generation
of its cache (`Memo`): at most twice as many at once, whatever the archive.
A news archive's everyday vocabulary fits (49,000 surface words in 5,000
articles, the share of one build worker at 10k articles)."""
QUERY_WORDS_KEPT = 20_000
"""Query words kept likewise (typed words, feed titles)."""


def _fold(word: str) -> str:
    """Lower-case, ß->ss, umlauts and their ae/oe/ue spellings -> plain vowel,
    other diacritics stripped: "BRÜSSEL", "Bruessel", "Brussel" -> "brussel"."""
    text = word.lower().translate(_UMLAUTS)
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    if "e" in text:
        text = _DIGRAPH_RE.sub(lambda m: m.group()[0], text)
    return text


fold = lru_cache(maxsize=300_000)(_fold)
"""`_fold`, cached: the query, snippet and name-field side asks for the same
words again and again. `analyze_word` calls `_fold` itself: it is cached per
surface word already, and a second cache of the same words is memory spent
for hardly a hit (7,000 hits for 47,000 words over 5,000 articles)."""


def _stem(folded: str) -> str:
    return _STEM(folded)


stem = Memo(_stem, WORDS_KEPT).__getitem__
"""The stem of a folded word, cached (analyze_word finds a third of its
stems here: a compound's parts and a word's other spellings)."""


def genitive_base(folded: str, capitalized: bool) -> str | None:
    """The base of a genitive name the stemmer leaves alone, or None.

    "chinas" -> "china", "nordkoreas" -> "nordkorea", "trumps" -> "trump".
    Only for capitalized words (or query words, where users skip capitals), and
    only when the lexicon does not know the -s form as the more common word:
    "Paris", "Thomas", "Hamas", "Haus", "Laos" stay whole.
    """
    if not capitalized or len(folded) < 4 or folded[-1] != "s":
        return None
    before = folded[-2]
    if before == "s" or before == "e" or before in _SNOWBALL_S_ENDINGS:
        return None
    base = folded[:-1]
    z_base, z_full = compounds.zipf(base), compounds.zipf(folded)
    if z_full == 0.0 and z_base == 0.0:
        # A rare name ("Kishidas"): index both forms. A rare compound whose
        # head ends in s ("Startpreis", "Medienkulturhaus") is no genitive.
        return None if compounds.split_compound(folded) else base
    return base if z_base >= z_full else None


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What one surface word contributes to each field."""

    folded: tuple[str, ...]
    """Folded pieces (one per hyphen part), stop words removed."""
    stems: tuple[tuple[str, ...], ...]
    """Per piece: its stem and, for a genitive name, the base's stem."""
    parts: tuple[str, ...]
    """Stemmed compound parts plus the joined stem of a hyphen compound."""


def analyze_word(surface: str, query: bool = False) -> WordInfo:
    """Analyze one token as WORD_RE finds it (cached per surface form)."""
    return _QUERY_WORDS[surface] if query else _WORDS[surface]


def _analyze_word(surface: str, query: bool = False) -> WordInfo:
    pieces = [p for p in HYPHENS_RE.split(surface) if p]
    folded: list[str] = []
    stems: list[tuple[str, ...]] = []
    parts: list[str] = []
    for piece in pieces:
        f = _fold(piece)
        if f in STOPWORDS:
            continue
        s = stem(f)
        base = genitive_base(f, query or piece[:1].isupper())
        alt = stem(base) if base else None
        folded.append(f)
        stems.append((s, alt) if alt and alt != s else (s,))
        # A query word is matched whole; its parts are only needed in text.
        # Only nouns (capitalized) are split: lower-case verbs and adjectives
        # ("abtasten", "fahrlässig") split mostly into noise.
        splittable = not query and piece[:1].isupper()
        for part in compounds.split_compound(f) if splittable else ():
            ps = stem(part)
            if ps not in parts and ps != s:
                parts.append(ps)
    if len(folded) > 1:
        parts.append(stem("".join(folded)))
    return WordInfo(tuple(folded), tuple(stems), tuple(parts))


_WORDS = Memo(_analyze_word, WORDS_KEPT)
_QUERY_WORDS = Memo(partial(_analyze_word, query=True), QUERY_WORDS_KEPT)


def analyze_words(text: str) -> Iterator[WordInfo]:
    """`analyze_word` of every word of `text` (as WORD_RE finds them), in order."""
    return map(_WORDS.__getitem__, WORD_RE.findall(text))


def word_keys(info: WordInfo) -> frozenset[str]:
    """Every stem-level key a word matches: stems, genitive bases, parts."""
    keys = set(info.parts)
    for alts in info.stems:
        keys.update(alts)
    return frozenset(keys)


class _FieldTokenizer(Tokenizer):
    """Base: one Token object reused for speed, as Whoosh's own tokenizers do.

    Subclasses hold no state, so the schema pickles them as bare class refs.
    """

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def _terms(self, text: str) -> Iterator[tuple[str, int, int, int]]:
        raise NotImplementedError

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, start, end in self._terms(value):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


class StemTokenizer(_FieldTokenizer):
    """Stems with positions; a genitive base shares its word's position."""

    def _terms(self, text: str) -> Iterator[tuple[str, int, int, int]]:
        pos = 0
        for m in WORD_RE.finditer(text):
            info = analyze_word(m.group())
            for alts in info.stems:
                for s in alts:
                    yield s, pos, m.start(), m.end()
                pos += 1


class PartsTokenizer(_FieldTokenizer):
    """Compound parts only (no positions are kept for this field)."""

    def _terms(self, text: str) -> Iterator[tuple[str, int, int, int]]:
        for m in WORD_RE.finditer(text):
            for p in analyze_word(m.group()).parts:
                yield p, 0, m.start(), m.end()


def query_words(text: str) -> list[WordInfo]:
    """Analyze a query word or phrase (capitalization not required)."""
    return [analyze_word(m.group(), True) for m in WORD_RE.finditer(text)]


class NameTokenizer(_FieldTokenizer):
    """Folded words with positions, nothing dropped: for person/place/org names
    ("person:Kishida" finds "Fumio Kishida", place:"Naher Osten" a phrase)."""

    def _terms(self, text: str) -> Iterator[tuple[str, int, int, int]]:
        pos = 0
        for m in WORD_RE.finditer(text):
            for piece in HYPHENS_RE.split(m.group()):
                if piece:
                    yield fold(piece), pos, m.start(), m.end()
                    pos += 1
