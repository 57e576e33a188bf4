"""Token features for the name tagger: word shape, affixes, context, gazetteers,
frequency bands (wordfreq), Brown clusters (spaCy's lookups data) and the curated
lists of well-known people and organisations.

Roles and titles ("Außenminister", "NATO-Chef", "Machthaber") are features that
cue a following name; they are never part of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from functools import lru_cache
from typing import Any

from index.extract.clusters import cluster_features
from index.extract.cues import (
    GEO_GENERIC,
    PLACE_CUE_SUFFIXES,
    ROLE_SUFFIXES,
    ROLE_WORDS,
    TOPONYM_SUFFIXES,
)
from index.extract.freq import bands
from index.extract.gazetteer import MAX_SPAN, Gazetteer, WordSet, load, lookup_key
from index.extract.known import KNOWN_SURNAMES, ORG_NAMES, ORG_SUFFIXES

_GERMAN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzäöüß-'.’0123456789")
_SENT_START = frozenset(("„", "“", '"', "«", "»", ":", "(", "-", "–"))


def shape(word: str) -> str:
    """Collapsed shape: "Blinken" -> "Xx", "NATO" -> "X", "G7" -> "Xd", "al-Sudani" -> "x-Xx"."""
    if word.isalpha():  # the common cases first, without the loop
        if word.islower():
            return "x"
        if word[0].isupper() and (len(word) == 1 or word[1:].islower()):
            return "Xx" if len(word) > 1 else "X"
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def is_name_like(word: str) -> bool:
    """Capitalised word, or a lower-case particle glued to one ("al-Sudani")."""
    if word[0].isupper():
        return True
    head, _, tail = word.partition("-")
    return bool(tail) and len(head) <= 3 and tail[:1].isupper()


def gazetteer_marks(words: Sequence[str], gaz: Gazetteer) -> list[str]:
    """Per token: "" or "B-<kind>"/"I-<kind>" from the longest place/org match."""
    return list(_marks(tuple(words), gaz))


@lru_cache(maxsize=1024)
def _marks(words: tuple[str, ...], gaz: Gazetteer) -> tuple[str, ...]:
    # Cached: tagging, span refinement and mention finding ask for the same sentence.
    marks = [""] * len(words)
    i = 0
    n = len(words)
    starts = _STARTS
    while i < n:
        w = words[i]
        start = starts.get(w)
        if start is None:
            start = _may_start(w, w.lower(), gaz)
        if not start:
            i += 1  # most words: no place or organisation key starts with them
            continue
        hit = 0
        low = w.lower()
        longest = min(MAX_SPAN, n - i)
        if longest > 1 and not _may_be_long(low, w, words[i + 1], gaz):
            longest = 1  # no place or organisation key starts with these two words
        if longest == 1 and not w[:1].isupper():
            i += 1  # a lower-case word is only the start of a longer name
            continue
        for span in range(longest, 0, -1):
            key = lookup_key(tuple(words[i : i + span]))
            if span == 1 and not w[:1].isupper():
                break
            place = gaz.places.get(key)
            if place is not None:
                kind = place.kind
                if kind == "city" and place.population < 15_000:
                    kind = "town"  # villages are much less reliable evidence
            elif key in gaz.orgs or tuple(words[i : i + span]) in gaz.orgs:
                kind = "org"
            else:
                continue
            marks[i] = "B-" + kind
            for j in range(i + 1, i + span):
                marks[j] = "I-" + kind
            hit = span
            break
        i += hit or 1
    return tuple(marks)


_STARTS: dict[str, bool] = {}
_STARTS_MAX = 1 << 17
"""Words remembered by `_may_start` and pairs by `_may_be_long` (news: ~50k distinct words
in 900 articles; a few MB at most)."""


def _may_start(w: str, low: str, gaz: Gazetteer) -> bool:
    """Whether some place or organisation key starts with this word (remembered per word)."""
    hit = _STARTS.get(w)
    if hit is None:
        if len(_STARTS) >= _STARTS_MAX:
            _STARTS.clear()
        # The trie itself: this memo already remembers the word (the set's own memo would
        # only hold a second copy of the answer).
        contains = _contains(gaz.place_words)
        hit = _STARTS[w] = contains(low) or contains(w)
    return hit


_LONG: dict[tuple[str, str], bool] = {}
"""`_may_be_long` answers by (word, next word): half the pairs news asks repeat ("in der")."""


def _may_be_long(low: str, w: str, second: str, gaz: Gazetteer) -> bool:
    """Whether a place or organisation key of two or more tokens may start with (w, second)."""
    hit = _LONG.get((w, second))
    if hit is None:
        if len(_LONG) >= _STARTS_MAX:
            _LONG.clear()
        pairs = _org_pairs(gaz)
        hit = _LONG[(w, second)] = (
            (low, second) in pairs or (w, second) in pairs or gaz.places.may_continue(low, second)
        )
    return hit


@lru_cache(maxsize=2)
def _org_pairs(gaz: Gazetteer) -> frozenset[tuple[str, ...]]:
    return frozenset(k[:2] for k in gaz.orgs if len(k) > 1)


def _ends_in_noun(low: str, nouns: frozenset[str]) -> bool:
    """Whether a word ends in a known common-noun stem (German compounds: "Sicherheitsweisung")."""
    n = len(low)
    for k in range(max(1, n - 12), n - 3):  # noqa: SIM110 (a loop is cheaper than any())
        if low[k:] in nouns:
            return True
    return False


def _prefixed(prefix: str) -> dict[str, str]:
    """prefix + value, one string per value (made once: these values repeat)."""

    class _Memo(dict[str, str]):
        def __missing__(self, value: str) -> str:
            v = self[value] = prefix + value
            return v

    return _Memo()


_SH = _prefixed("sh=")
_LX = _prefixed("lx=")
_SFX = _prefixed("sfx=")
_FQ = _prefixed("fq=")
_LEN = tuple("len=" + str(k) for k in range(5))


def _contains(words: Set[str]) -> Callable[[str], bool]:
    return words.str_contains() if isinstance(words, WordSet) else words.__contains__


@lru_cache(maxsize=2)
def _tables(gaz: Gazetteer) -> tuple[Any, ...]:
    """The tables `word_info` asks, as the bound lookups themselves (no wrapper calls)."""
    return (
        gaz.lexicon.get,
        _contains(gaz.name_morphemes),
        gaz.suffix_odds.get,
        gaz.noun_morphemes,
        _contains(gaz.first_names),
        _contains(gaz.surnames),
        _contains(gaz.nouns),
        _contains(gaz.toponyms),
        gaz.places.get,
        bands().get,
    )


def word_info(w: str) -> tuple[tuple[str, ...], str, tuple[str, ...], bool]:
    """A word's class features (its "core", in every role), class code, hyphen and
    genitive extras, and whether it is name-like. Asked once per word: the tagger
    caches what it makes of the answer (crfmodel.py), training caches `pack_parts`.
    """
    gaz = load()
    lex, name_morph, sfx, noun_morphs, first, surname, nouns, topo, place_of, band = _tables(gaz)
    low = w.lower()
    upper = w[:1].isupper()
    f = [_SH[shape(w)], _LX[lex(low, "?")]]
    code = ""
    ne = name_morph(low)
    if ne:
        f.append("ne")
    if upper:
        odds = sfx(low[-4:])
        if odds is None:
            odds = sfx(low[-3:])
        f.append("sfx=?" if odds is None else _SFX[str(odds)])
        if _ends_in_noun(low, noun_morphs):
            f.append("nncmp")
    fn = first(w)
    if fn:
        f.append("fn")
    sn = surname(w)
    if sn:
        f.append("sn")
    noun = nouns(w)
    if noun:
        f.append("cn")
        code = "N"
    if topo(w):
        f.append("topo")
    if noun and low.endswith(PLACE_CUE_SUFFIXES):
        f.append("pcue")
    if low in GEO_GENERIC:
        f.append("geo")
    elif upper and not noun and low.endswith(TOPONYM_SUFFIXES):
        f.append("toposfx")
    if upper:
        f.append(_LEN[min(len(w), 12) // 3])
        if not _GERMAN_LETTERS.issuperset(low):
            f.append("foreign")  # "Jørund", "Kyōto", "Švejnar": letters German does not use
    if low in ROLE_WORDS or (len(low) > 6 and low.endswith(ROLE_SUFFIXES)):
        f.append("role")  # `cues.is_role`
    f.append(_FQ[band(low) or "r"])  # `freq.band`
    if upper:
        f.extend(cluster_features(w))  # Brown cluster path prefixes (clusters.py)
    if w in KNOWN_SURNAMES:
        f.append("kp")
    if w in ORG_NAMES:
        f.append("ko")
    if w in ORG_SUFFIXES:
        f.append("osf")
    # A compact class code (noun / first name / surname / known name / capitalised),
    # combined with the neighbours' codes: "first name + unknown capitalised".
    if fn:
        code += "F"
    if sn:
        code += "S"
    if ne:
        code += "E"
    place = place_of((w,))
    if place is not None:
        code += "P" if place.kind != "city" or place.population >= 15_000 else "p"
    code += "C" if upper else "l"
    name_like = bool(w) and is_name_like(w)
    extra: tuple[str, ...] = ()
    if not name_like:
        return tuple(f), code, extra, False  # the extras count only for name-like words
    if "-" in w:
        head = w.partition("-")[0]
        hpl = place_of(lookup_key((head,))) is not None
        extra = ("h1=" + head.lower(), "hl=" + w.rsplit("-", 1)[1].lower(), *(("hpl",) * hpl))
    if w.endswith("s") and len(w) > 3:
        stem = w[:-1]
        if place_of((stem,)) is not None:
            extra += ("gen-pl",)
        if first(stem):
            extra += ("gen-fn",)
    return tuple(f), code, extra, True


def word_strings(w: str, low: str) -> tuple[str, ...]:
    """The word's own spelling features: the word, lower-cased, suffixes and prefixes."""
    return (
        "w=" + w,
        "l=" + low,
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "s5=" + low[-5:],
        "p3=" + low[:3],
        "p4=" + low[:4],
    )


def pack_parts(w: str) -> tuple[tuple[str, ...], ...]:
    """The feature strings a word contributes as itself and as a neighbour.

    Building feature strings dominates tagging time; news repeats its words, so
    each word's strings are made once: (own, as previous, as next, as 2nd
    previous, as 2nd next, reduced own for lower-case words, class code, extras,
    name-like, first four as previous, first four as next). crfmodel.py builds
    the same, filtered to the model's attributes: change both together.
    """
    low = w.lower()
    core, code, extra, name_like = word_info(w)
    own = ("b", core[0], *word_strings(w, low), *core[1:])
    prev = ("pw=" + low, *("-1" + c for c in core))
    nxt = ("nw=" + low, *("+1" + c for c in core))
    prev2 = ("pw2=" + low, *("-2" + c for c in core))
    nxt2 = ("nw2=" + low, *("+2" + c for c in core))
    small = ("b", core[0], "l=" + low)
    return (
        own, prev, nxt, prev2, nxt2, small, (code,), extra,
        ("y",) if name_like else (), prev[:4], nxt[:4],
    )  # fmt: skip


_pack = lru_cache(maxsize=25_000)(pack_parts)
"""Cached for training; the tagger caches its own filtered packs (crfmodel.py)."""


_START = (("<s>",),) * 11
_END = (("</s>",),) * 11


def static_features(words: Sequence[str], gaz: Gazetteer) -> list[list[str]]:
    """Features of each token that do not depend on predicted tags.

    Capitalised words get the full set (own word, affixes, neighbours' words and
    classes, gazetteer marks, class-code pairs); other tokens a small one.
    """
    marks = gazetteer_marks(words, gaz)
    packs = [_pack(w) for w in words]
    n = len(words)
    out: list[list[str]] = []
    for i in range(n):
        pk = packs[i]
        p1 = packs[i - 1] if i else _START
        n1 = packs[i + 1] if i + 1 < n else _END
        mark = marks[i]
        if not pk[8]:
            # Lower-case words and punctuation (two thirds of news text) get a small
            # feature set: enough to continue or close a name, and much faster.
            f = [*pk[5], *p1[9], *n1[10]]
            if mark:
                f.append("gz=" + mark)
            out.append(f)
            continue
        own = pk[0]
        f = [*own, *p1[1], *n1[2], p1[1][0] + "|" + own[3], *pk[7]]
        f.extend(packs[i - 2][3] if i > 1 else _START[3])
        f.extend(packs[i + 2][4] if i + 2 < n else _END[4])
        if mark:
            f.append("gz=" + mark)
        if i and marks[i - 1]:
            f.append("-1gz=" + marks[i - 1])
        if i + 1 < n and marks[i + 1]:
            f.append("+1gz=" + marks[i + 1])
        code = pk[6][0]
        prev_code = p1[6][0] if i else "<s>"
        next_code = n1[6][0] if i + 1 < n else "</s>"
        f.append("kk=" + prev_code + "|" + code)
        f.append("kn=" + code + "|" + next_code)
        f.append("k3=" + prev_code + "|" + code + "|" + next_code)
        if i == 0 or words[i - 1] in _SENT_START or words[i - 1] in ".!?":
            f.append("first")
            f.append("kf=" + code)
        out.append(f)
    return out
