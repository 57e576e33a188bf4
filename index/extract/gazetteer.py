"""Name tables: places, organisations, first names, surnames, word classes.

The tables ship ready-made in index/extract/data/names/ (written at dev time
by scripts/gen_gazetteer_store.py from the source tables next to it; see
data/LICENSES.md for where each comes from). They are marisa-trie files and
flat arrays that `load()` maps into memory: loading takes a few milliseconds,
nothing is copied into the process, and every process on the machine (the
build's extraction workers, the TUI, a one-file update) shares the same pages
of the operating system's file cache.
"""

from __future__ import annotations

import json
import math
import mmap
import struct
from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import marisa_trie

DATA_DIR = Path(__file__).parent / "data"
STORE_DIR = DATA_DIR / "names"
STORE_FORMAT = 1
"""Bump with scripts/gen_gazetteer_store.py when the files' layout changes."""
SEP = "\x1f"
"""Joins a multiword key's tokens in the place trie (tokens never hold it)."""
PLACE_RECORD = struct.Struct("<B2sddq")
"""kind index, country code (b"\\0\\0": none), lat, lon (NaN: none), population."""
KEY_PLACE = struct.Struct("<I")
MAX_SPAN = 5
"""Longest place/org name in tokens that the matcher tries."""

_ADJ_ENDINGS = ("e", "en", "er", "es", "em")


class Place(NamedTuple):
    """A gazetteer place: canonical German nominative name plus where it is.
    (A NamedTuple: made afresh from the store on each lookup, cheaply.)"""

    name: str
    kind: str
    country_code: str | None
    lat: float | None
    lon: float | None
    population: int


@dataclass(eq=False)  # hashed by identity: one instance per process
class Gazetteer:
    places: PlaceTable
    """Surface-form tokens (first token lower-cased when multiword) -> place."""
    orgs: dict[tuple[str, ...], str]
    first_names: Set[str]
    place_words: Set[str]
    """Every token that starts some place form (fast pre-check)."""
    lexicon: Mapping[str, str]
    """Lower-cased German word form -> usual word class (NE, NN, V, ADJ, X[+NE])."""
    name_morphemes: Set[str]
    """Lower-cased names: first names, toponyms, larger places, well-known surnames."""
    noun_morphemes: frozenset[str]
    """Lower-cased common-noun stems; a word ending in one is likely a compound noun."""
    suffix_odds: dict[str, int]
    """3-4 letter endings -> log-odds of proper vs common noun for unknown words."""
    verb_stems: Set[str]
    """Lower-cased German verb stems ("blink"): "Blinken" may be an infinitive."""
    surnames: Set[str]
    """Frequent surnames of many countries (names-dataset)."""
    nouns: Set[str]
    """Inflected forms of German common nouns (Wiktionary via german-nouns)."""
    toponyms: Set[str]
    """Inflected forms of German toponyms (same source)."""


def _adj_stem(word: str) -> str | None:
    """Stem of a capitalised German adjective ("Südchinesisches" -> "Südchinesisch")."""
    if len(word) < 5 or not word[0].isupper():
        return None
    for end in ("es", "er", "en", "em", "e"):
        if word.endswith(end):
            return word[: -len(end)]
    return None


def inflections(form: str) -> set[tuple[str, ...]]:
    """Token tuples under which a name may appear in running German text.

    Genitive -s/-es on the last word; for multiword names, adjective endings on
    the words before the last ("im Nahen Osten", "der Vereinigten Staaten"),
    with the first word matched lower-cased ("den palästinensischen Gebieten").
    """
    toks = form.split()
    last = toks[-1]
    lasts = {last}
    if last[-1] not in "sxzß":
        lasts.add(last + "s")
    if len(toks) > 1:
        lasts.add(last + "es")
        if last.endswith("e"):
            lasts.add(last + "n")
    heads: list[set[str]] = []
    for tok in toks[:-1]:
        stem = _adj_stem(tok)
        heads.append({tok} | ({stem + e for e in _ADJ_ENDINGS} if stem else set()))
    out: set[tuple[str, ...]] = set()

    def build(i: int, acc: tuple[str, ...]) -> None:
        if i == len(heads):
            for lt in lasts:
                out.add(_key((*acc, lt)))
            return
        for h in heads[i]:
            build(i + 1, (*acc, h))

    build(0, ())
    return out


def _key(toks: tuple[str, ...]) -> tuple[str, ...]:
    if len(toks) > 1:
        return (toks[0].lower(), *toks[1:])
    return toks


def lookup_key(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Normalise a candidate token tuple the way table keys are normalised."""
    return _key(toks)


MEMO_SIZE = 1 << 17
"""Answers remembered by the tables the tagger asks most (place words and
nouns: ~1,000 lookups an article), then forgotten all at once: a trie lookup
costs ~0.7 µs, a remembered one ~0.2, and news repeats its words. At most a
few MB a table; the other tables are asked ~100 times an article and answer
from the trie."""


class WordSet(Set[str]):
    """A set of words in a memory-mapped marisa trie."""

    __slots__ = ("_memo", "_trie")

    def __init__(self, trie: Any, memo: bool = False) -> None:
        self._trie = trie
        self._memo: dict[object, bool] | None = {} if memo else None

    def __contains__(self, word: object) -> bool:
        if self._memo is None:
            return isinstance(word, str) and word in self._trie
        hit = self._memo.get(word)
        if hit is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            hit = self._memo[word] = isinstance(word, str) and word in self._trie
        return hit

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)

    def str_contains(self) -> Callable[[str], bool]:
        """`word in self` for a str `word`: the trie's own lookup, without this wrapper
        (for a caller that asks once per distinct word, where a memo does not pay)."""
        return self._trie.__contains__  # type: ignore[no-any-return]


class WordClasses(Mapping[str, str]):
    """Word -> class name: a marisa trie and one byte per key (the class' index)."""

    def __init__(self, trie: Any, codes: bytes | mmap.mmap, names: list[str]) -> None:
        self._trie, self._codes, self._names = trie, codes, names

    def __getitem__(self, word: str) -> str:
        if not isinstance(word, str) or word not in self._trie:
            raise KeyError(word)
        return self._names[self._codes[self._trie.key_id(word)]]

    def get(self, word: str, default: Any = None) -> Any:
        """The class of `word`, or `default` (one trie lookup, no exception on a miss)."""
        i = self._trie.get(word) if isinstance(word, str) else None
        return default if i is None else self._names[self._codes[i]]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)


_NO_PLACE = Place("", "", None, None, None, 0)


class PlaceTable(Mapping[tuple[str, ...], Place]):
    """Key tokens -> Place: a trie of the keys, the place number of each key,
    and a trie of the places' names whose key ids number the place records."""

    def __init__(self, keys: Any, key_place: Any, names: Any, records: Any, kinds: list[str]):
        self._keys, self._key_place, self._names = keys, key_place, names
        self._records, self._kinds = records, kinds
        self._memo: dict[tuple[str, ...], Place] = {}

    def get(self, key: tuple[str, ...], default: Any = None) -> Any:
        """The place for `key`, or `default` (the hot path of the tagger's features)."""
        place = self._memo.get(key)
        if place is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            place = self._memo[key] = self._find(key)
        return default if place is _NO_PLACE else place

    def __getitem__(self, key: tuple[str, ...]) -> Place:
        place = self.get(key)
        if place is None:
            raise KeyError(key)
        return place

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and self.get(key) is not None

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return (tuple(k.split(SEP)) for k in self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def may_continue(self, first: str, second: str) -> bool:
        """Whether some multiword key starts with these two tokens (as text: a cheap
        necessary test before looking up longer spans)."""
        return next(self._keys.iterkeys(first + SEP + second), None) is not None

    def _find(self, key: tuple[str, ...]) -> Place:
        if not isinstance(key, tuple):
            return _NO_PLACE
        try:
            joined = SEP.join(key)
        except TypeError:  # a token that is not a string
            return _NO_PLACE
        key_id = self._keys.get(joined)  # one trie walk: the key's id or None
        if key_id is None:
            return _NO_PLACE
        (number,) = KEY_PLACE.unpack_from(self._key_place, KEY_PLACE.size * key_id)
        kind, cc, lat, lon, pop = PLACE_RECORD.unpack_from(
            self._records, number * PLACE_RECORD.size
        )
        return Place(
            self._names.restore_key(number),
            self._kinds[kind],
            cc.decode("ascii") if cc != b"\0\0" else None,
            None if math.isnan(lat) else lat,
            None if math.isnan(lon) else lon,
            pop,
        )


class StoreError(RuntimeError):
    """The shipped name tables are missing or do not match this code."""


@lru_cache(maxsize=1)
def load(store: Path = STORE_DIR) -> Gazetteer:
    """The gazetteer, once per process, mapped from the shipped store (~5 ms)."""
    try:
        meta = json.loads((store / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"name tables missing in {store}: {exc}") from exc
    if meta.get("format") != STORE_FORMAT:
        raise StoreError(f"name tables in {store} have format {meta.get('format')}")

    def trie(name: str) -> Any:
        return marisa_trie.Trie().mmap(str(store / f"{name}.marisa"))

    def mapped(name: str) -> mmap.mmap:
        with (store / name).open("rb") as fh:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)

    def words(name: str, memo: bool = False) -> WordSet:
        return WordSet(trie(name), memo)

    return Gazetteer(
        places=PlaceTable(
            trie("place_keys"),
            mapped("place_keys.u32"),
            trie("place_names"),
            mapped("places.bin"),
            meta["place_kinds"],
        ),
        orgs={tuple(toks): name for toks, name in meta["orgs"]},
        first_names=words("first_names"),
        place_words=words("place_words", memo=True),
        lexicon=WordClasses(trie("lexicon"), mapped("lexicon.u8"), meta["lexicon_classes"]),
        name_morphemes=words("name_morphemes"),
        noun_morphemes=frozenset(trie("noun_morphemes").keys()),
        suffix_odds=meta["suffix_odds"],
        verb_stems=words("verb_stems"),
        surnames=words("surnames"),
        nouns=words("nouns", memo=True),
        toponyms=words("toponyms"),
    )
