"""Viterbi over a crfsuite model in numpy, from per-word score vectors (crfsuite's tags).

crfsuite scores a token by summing, per label, the weight of each of its
attributes; most of its time goes into turning attribute lists into its items.
Here a word's attributes in each role it plays (itself, as -1, +1, -2, +2
neighbour, and the lower-case word's reduced set) are summed once into a score
vector over the labels (`ModelFeatures.pack` lists them), and so are the few
features that depend on the sentence (gazetteer marks, class-code triples,
sentence-first, the previous-word pair). A token's scores are the sum of at most
nine such vectors; Viterbi runs over all sentences of an article at once.

Summing in another order may change a score in its last bits, so a path
decision closer than `TIE` (a near tie, which such a change could flip) is left
to crfsuite itself: the tags are crfsuite's, whatever the model file.

The weights and the score vectors are kept in single precision: half the memory
of the two largest tables a build process holds (weights 10 -> 5 MB, score
vectors 22 -> 11 MB at 10k articles). Each weight's rounding error is known
exactly when the model is read, and each score vector's when it is made
(`_Vectors.slack`), so a sentence's scores carry a bound of how far they may be
from crfsuite's double-precision sums, and a decision closer than twice that
bound (plus `TIE`) is a near tie too.
"""

from __future__ import annotations

import mmap
import struct
import zlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

import marisa_trie
import numpy as np
import numpy.typing as npt

from index.extract.crfmodel import ModelFeatures, Pack
from index.extract.features import _SENT_START, gazetteer_marks
from index.extract.gazetteer import Gazetteer

TIE = 1e-6
"""A decision with a smaller margin goes to crfsuite (sums differ by ~1e-12 at most)."""
_MODEL_HEADER = struct.Struct("<4sI4s9I")
_CQDB_HEADER = struct.Struct("<4s5I")
_RECORD = struct.Struct("<II")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")])
_WORDS_MAX = 50_000
"""Distinct words remembered before the tables shrink (`Scorer._shrink`)."""
_WORDS_KEPT = 25_000
"""Words a shrink keeps: those used most often since the last one."""
_CELLS = 1 << 15
"""Token slots (sentences x longest) Viterbi takes at once: arrays of a few MB at most,
however long a sentence (an article's 22 sentences of up to ~40 tokens fill ~1,000)."""

F64 = npt.NDArray[np.float64]


def _cqdb_names(raw: mmap.mmap, base: int, path: Path) -> list[bytes]:
    """The keys of a CQDB chunk in id order (each record: id, size, key, NUL)."""
    cid, _, _, order, count, bwd = _CQDB_HEADER.unpack_from(raw, base)
    if cid != b"CQDB" or order != 0x62445371:
        raise ValueError(f"{path}: unreadable string table")
    out: list[bytes] = []
    for (offset,) in struct.iter_unpack("<I", raw[base + bwd : base + bwd + 4 * count]):
        _, size = _RECORD.unpack_from(raw, base + offset)
        at = base + offset + _RECORD.size
        out.append(raw[at : at + size - 1])
    return out


class AttrIds(Mapping[bytes, int]):
    """A model's attribute names -> their rows in `CrfWeights.state` (1 and up): a marisa
    trie of the names and the empty name, whose key ids are the rows (the empty name
    is always id 0: the zero row, never asked for).

    A trie, not a dict: 0.2 MB instead of 6 MB in every extraction process. `get` is the
    trie's own lookup (~0.35 µs slower than a dict's; a process asks ~12 per new word)."""

    __slots__ = ("_trie", "get")

    def __init__(self, trie: marisa_trie.BinaryTrie) -> None:
        if trie.get(b"") != 0:  # marisa gives the empty key the root's id
            raise ValueError("attribute table: the empty name is not id 0")
        self._trie = trie
        self.get: Callable[[bytes], int | None] = trie.get  # type: ignore[assignment]

    @classmethod
    def build(cls, names: Iterable[bytes]) -> AttrIds:
        return cls(marisa_trie.BinaryTrie([b"", *names]))

    def save(self, path: Path) -> None:
        self._trie.save(str(path))

    def __getitem__(self, name: bytes) -> int:
        i = self._trie.get(name) if name else None
        if i is None:
            raise KeyError(name)
        return cast(int, i)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, bytes) and bool(name) and name in self._trie

    def __iter__(self) -> Iterator[bytes]:
        return (k for k in self._trie.iterkeys() if k)

    def __len__(self) -> int:
        return len(self._trie) - 1


_TABLE_HEADER = struct.Struct("<4sII")
"""An attribute table's rows file: b"ATTR", the number of attributes, and the CRC-32 of
the model's own attribute names (its CQDB chunk), so a table left from another model
is never taken for this one's."""


def attr_table_paths(model: Path) -> tuple[Path, Path]:
    """Where `write_attr_table` puts a model's attribute trie and its rows (crfsuite's
    attribute id -> row, little-endian uint32): next to the model."""
    return model.with_suffix(".attrs.marisa"), model.with_suffix(".attrs.u32")


def write_attr_table(model: Path) -> None:
    """Make the model's attribute table once, so that each process maps it instead of
    building the trie from 62,000 names (+50 ms at every start of extraction).
    scripts/train_tagger.py calls it after training."""
    with model.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as raw:
        off_attrs = _MODEL_HEADER.unpack_from(raw, 0)[9]
        names = _cqdb_names(raw, off_attrs, model)
        crc = _chunk_crc(raw, off_attrs)
    ids, rows = _built_table(names, model)
    trie_path, rows_path = attr_table_paths(model)
    ids.save(trie_path)
    header = _TABLE_HEADER.pack(b"ATTR", len(names), crc)
    rows_path.write_bytes(header + rows.astype("<u4").tobytes())


def _built_table(names: list[bytes], model: Path) -> tuple[AttrIds, npt.NDArray[np.intp]]:
    """The attribute table made from the model's names (crfsuite's order): ~50 ms."""
    if b"" in names or len(set(names)) != len(names):
        raise ValueError(f"{model}: empty or repeated attribute names")
    ids = AttrIds.build(names)
    return ids, np.array([ids[a] for a in names], dtype=np.intp)


def _chunk_crc(raw: mmap.mmap, base: int) -> int:
    size = _CQDB_HEADER.unpack_from(raw, base)[1]
    return zlib.crc32(memoryview(raw)[base : base + size])


def _mapped_table(
    model: Path, raw: mmap.mmap, off_attrs: int, n_attrs: int
) -> tuple[AttrIds, npt.NDArray[np.intp]] | None:
    """The model's attribute table as `write_attr_table` wrote it, or None when it is
    missing, unreadable or another model's (then the caller builds it)."""
    trie_path, rows_path = attr_table_paths(model)
    try:
        data = rows_path.read_bytes()
        if not trie_path.is_file():
            return None
        magic, count, crc = _TABLE_HEADER.unpack_from(data, 0)
        if (
            magic != b"ATTR"
            or count != n_attrs
            or len(data) != _TABLE_HEADER.size + 4 * count
            or crc != _chunk_crc(raw, off_attrs)
        ):
            return None
        ids = AttrIds(marisa_trie.BinaryTrie().mmap(str(trie_path)))
    except (OSError, ValueError, RuntimeError, struct.error):
        return None
    if len(ids) != n_attrs:
        return None
    rows = np.frombuffer(data, dtype="<u4", offset=_TABLE_HEADER.size).astype(np.intp)
    return ids, rows


@dataclass(frozen=True)
class CrfWeights:
    """A crfsuite CRF1d model's weights: `state[attribute row, label]` (row 0 is zero),
    `trans[from, to]`, the labels, and each attribute's row (as `ModelFeatures` takes).
    `state` may be single precision; `state_err[row]` is then the largest rounding error
    of the row's weights (zero in double precision)."""

    labels: tuple[str, ...]
    attr_ids: AttrIds
    state: npt.NDArray[np.floating]
    trans: F64
    state_err: F64


def read_weights(path: Path, single: bool = True) -> CrfWeights:
    """Parse a crfsuite model file (magic "lCRF", type "FOMC"); the state weights in
    single precision unless `single` is false."""
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as raw:
        header = _MODEL_HEADER.unpack_from(raw, 0)
        magic, _, kind, _, _, n_labels, n_attrs, off_feat, off_labels, off_attrs = header[:10]
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError(f"{path}: not a crfsuite CRF model")
        labels = tuple(s.decode() for s in _cqdb_names(raw, off_labels, path))
        if len(labels) != n_labels or raw[off_feat : off_feat + 4] != b"FEAT":
            raise ValueError(f"{path}: inconsistent model header")
        (count,) = struct.unpack_from("<I", raw, off_feat + 8)
        feats = np.frombuffer(raw, dtype=_FEATURE, count=count, offset=off_feat + 12).copy()
        table = _mapped_table(path, raw, off_attrs, n_attrs)
        if table is None:  # no table written for this model: made here
            attrs = _cqdb_names(raw, off_attrs, path)
            if len(attrs) != n_attrs:
                raise ValueError(f"{path}: inconsistent model header")
            table = _built_table(attrs, path)
    ids, row = table  # row[crfsuite's attribute id]: the attribute's row in `state`
    state = np.zeros((n_attrs + 1, n_labels))
    trans = np.zeros((n_labels, n_labels))
    is_state = feats["type"] == 0
    st = feats[is_state]
    if int(st["src"].max(initial=0)) >= n_attrs:
        raise ValueError(f"{path}: a feature of an unknown attribute")
    state[row[st["src"]], st["dst"]] = st["w"]
    tr = feats[~is_state]
    trans[tr["src"], tr["dst"]] = tr["w"]
    err = np.zeros(len(state))
    kept: npt.NDArray[np.floating] = state
    if single:
        kept = state.astype(np.float32)
        err = np.abs(kept - state).max(axis=1)
    return CrfWeights(labels, ids, kept, trans, err)


class _Vectors:
    """Score vectors (rows) of attribute-id tuples, each made once; row 0 is zero.

    `table` holds them in single precision and `slack[row]` a bound of the row's
    error: its weights' rounding errors summed, plus the largest rounding error of
    the row's own sum (exact: a double and its nearest single differ by a double
    without error)."""

    def __init__(self, w: CrfWeights) -> None:
        self.w = w
        self.rows: dict[tuple[int, ...], int] = {(): 0}
        self.table = np.zeros((1024, len(w.labels)), dtype=np.float32)
        self.slack = np.zeros(1024)
        self.size = 1

    def clear(self) -> None:
        self.rows = {(): 0}
        self.size = 1

    def keep(self, used: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        """Keep only the rows in `used` (sorted, distinct, row 0 first), renumbered in
        order; returns old row -> new row (-1 for a row let go)."""
        new = np.full(self.size, -1, dtype=np.intp)
        new[used] = np.arange(len(used))
        n = len(used)
        self.table[:n] = self.table[used]
        self.slack[:n] = self.slack[used]
        self.size = n
        self.rows = _renumber(self.rows, new.tolist())
        return new

    def add(self, keys: Iterable[tuple[int, ...]]) -> list[int]:
        """The rows of the keys, making those not made yet in one numpy pass."""
        rows = self.rows
        out: list[int] = []
        flat: list[int] = []
        starts: list[int] = []
        end = self.size
        setdefault = rows.setdefault
        for k in keys:
            row = setdefault(k, end)
            if row == end:
                end += 1
                starts.append(len(flat))
                flat += k
                flat.append(0)  # the zero row: no empty segment for reduceat
            out.append(row)
        if starts:
            sums = np.add.reduceat(self.w.state[flat], starts, axis=0, dtype=np.float64)
            weights_err = np.add.reduceat(self.w.state_err[flat], starts)
            if end > len(self.table):
                n = max(end, 2 * len(self.table))
                grown = np.zeros((n, self.table.shape[1]), dtype=np.float32)
                grown[: self.size] = self.table[: self.size]
                self.table = grown
                slack = np.zeros(n)
                slack[: self.size] = self.slack[: self.size]
                self.slack = slack
            rounded = sums.astype(np.float32)
            self.table[self.size : end] = rounded
            self.slack[self.size : end] = weights_err + np.abs(rounded - sums).max(axis=1)
            self.size = end
        return out


_ROLES = 10
"""A word's rows: for a name-like token's view (own, -1, +1, -2, +2) and for a lower-case
token's (reduced own, first three as -1 / +1, nothing, nothing)."""
_CODES = 1 << 10
"""More than the class codes there are (`features.word_info` makes fewer than 100: "N",
"F", "S", "E", "P"/"p" and "C"/"l" in order), so a code triple is one int."""

K = TypeVar("K", bound=Hashable)


class Scorer:
    """Tags sentences with the model's Viterbi path (see the module docstring).

    Per word id (0 and 1 stand for before the first and after the last word): its
    rows in every role, whether it is name-like, its class code's id, whether it makes
    the next word a sentence's first, its pair head (`ModelFeatures` "pw=" heads).
    """

    def __init__(self, weights: CrfWeights, mf: ModelFeatures[int]) -> None:
        self.w = weights
        self.mf = mf
        self.vec = _Vectors(weights)
        self._pending: list[tuple[int, tuple[tuple[int, ...], ...]]] = []
        self._reset()

    _WORD_ARRAYS = ("roles", "name_like", "code", "opens", "has_head", "uses")

    def _reset(self) -> None:
        self.vec.clear()
        self.wid: dict[str, int] = {}
        # rows and class codes as 32-bit ints: half the size (rows number fewer
        # than a million, codes fewer than `_CODES`), indexes all the same
        self.roles = np.zeros((1024, _ROLES), dtype=np.int32)
        self.name_like = np.zeros(1024, dtype=bool)
        self.code = np.zeros(1024, dtype=np.int32)
        self.opens = np.zeros(1024, dtype=bool)
        self.has_head = np.zeros(1024, dtype=bool)
        self.uses = np.zeros(1024, dtype=np.int32)  # tokens per word since the last shrink
        self.heads: list[str | None] = []
        self.lows: list[str | None] = []
        self.count = 0
        self.code_ids: dict[str, int] = {}
        self.code_names: list[str] = []
        self._triples: dict[int, int] = {}
        self._firsts: dict[int, int] = {}
        self._marks: dict[tuple[str, str, str], int] = {}
        self._pairs: dict[tuple[str, str], int] = {}
        self._word(self.mf._start, "")  # id 0: before the first word
        self._word(self.mf._end, "")  # id 1: after the last
        self._flush()

    def _grow(self) -> None:
        for name in self._WORD_ARRAYS:
            a = getattr(self, name)
            setattr(self, name, np.concatenate([a, np.zeros_like(a)]))

    def _word(self, pk: Pack, w: str) -> int:
        i = self.count
        if i >= len(self.roles):
            self._grow()
        parts = cast(tuple[tuple[int, ...], ...], pk[:6] + pk[7:8] + pk[9:11])
        own, m1, p1, m2, p2, small, extras, m1_3, p1_3 = parts
        self._pending.append((i, (own + extras, m1, p1, m2, p2, small, m1_3, p1_3)))
        code = cast(str, pk[6])
        c = self.code_ids.get(code)
        if c is None:
            c = self.code_ids[code] = len(self.code_names)
            self.code_names.append(code)
        self.code[i] = c
        self.name_like[i] = bool(pk[8])
        # as `ModelFeatures.features` asks (a substring test: "" and "!?" count too)
        self.opens[i] = w in _SENT_START or w in ".!?"  # the edges: never asked
        head, low = cast(tuple[str | None, str | None], pk[11:13])
        self.has_head[i] = head is not None
        self.heads.append(head)
        self.lows.append(low)
        self.count += 1
        if w:
            self.wid[w] = i
        return i

    def _shrink(self, keep: int) -> None:
        """Keep the `keep` words used most often since the last shrink (and the edges,
        ids 0 and 1), and the rows they and the sentence tables need; let go of the rest.

        A fresh start would pack every frequent word again after each one; keeping
        what was used most leaves mostly the rare words to pack again."""
        uses = self.uses[2 : self.count]
        if keep < len(uses):
            top = np.argpartition(-uses, keep)[:keep]
            kept = np.concatenate([[0, 1], np.sort(top) + 2])
        else:
            kept = np.arange(self.count)
        new_id = np.full(self.count, -1, dtype=np.intp)
        new_id[kept] = np.arange(len(kept))
        n = len(kept)
        for name in self._WORD_ARRAYS:
            a = getattr(self, name)
            a[:n] = a[kept]
        self.uses[:] = 0
        at = kept.tolist()
        self.heads = [self.heads[i] for i in at]
        self.lows = [self.lows[i] for i in at]
        self.count = n
        self.wid = _renumber(self.wid, new_id.tolist())
        # rows still needed: the kept words' and the sentence tables' (`_rows`); the
        # word pairs' table grows with the words and starts afresh, the others (class
        # codes and marks: a few thousand) unless they have grown as large
        self._pairs.clear()
        tables = (self._triples, self._firsts, self._marks)
        for t in tables:
            if len(t) > keep:
                t.clear()
        used = np.unique(
            np.concatenate(
                [
                    [0],
                    self.roles[:n, : _ROLES - 2].ravel(),
                    *(np.fromiter(t.values(), dtype=np.intp, count=len(t)) for t in tables),
                ]
            )
        )
        new_row = self.vec.keep(used)
        self.roles[:n] = new_row[self.roles[:n]]
        renumber = new_row.tolist()
        self._triples, self._firsts, self._marks = (_renumber(t, renumber) for t in tables)

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        rows = self.vec.add(k for _, keys in pending for k in keys)
        at = [i for i, _ in pending]
        self.roles[at, : _ROLES - 2] = np.array(rows).reshape(len(pending), _ROLES - 2)

    def _rows(
        self, keys: list[K], table: dict[K, int], attrs: Callable[[K], Iterable[int | None]]
    ) -> list[int]:
        """The rows of these keys (made on first use, all in one pass)."""
        get = table.get
        out = [get(k, -1) for k in keys]
        if -1 in out:
            new = {k: tuple(a for a in attrs(k) if a) for k in keys if k not in table}
            table.update(zip(new, self.vec.add(new.values()), strict=True))
            out = [table[k] for k in keys]
        return out

    def _triple_attrs(self, key: int) -> Iterable[int | None]:
        memo, names = self.mf._memo, self.code_names
        p, rest = divmod(key, _CODES * _CODES)
        c, n = divmod(rest, _CODES)
        prev_code, code, next_code = names[p], names[c], names[n]
        return (
            memo["kk=" + prev_code + "|" + code],
            memo["kn=" + code + "|" + next_code],
            memo["k3=" + prev_code + "|" + code + "|" + next_code],
        )

    def _first_attrs(self, code: int) -> Iterable[int | None]:
        return (self.mf._memo["first"], self.mf._memo["kf=" + self.code_names[code]])

    def _mark_attrs(self, key: tuple[str, str, str]) -> Iterable[int | None]:
        memo = self.mf._memo
        mark, before, after = key
        return (
            memo["gz=" + mark] if mark else None,
            memo["-1gz=" + before] if before else None,
            memo["+1gz=" + after] if after else None,
        )

    def _pair_attrs(self, key: tuple[str, str]) -> Iterable[int | None]:
        return (self.mf.known.get((key[0] + "|" + key[1]).encode()),)

    def emissions(self, sents: Sequence[Sequence[str]], gaz: Gazetteer) -> tuple[F64, F64]:
        """Per token of the sentences (concatenated), its score for each label: the sum of
        the rows `ModelFeatures.features` would list the attributes of; and per token a
        bound of how far its scores may be from those sums (the rows' rounding)."""
        if self.count > _WORDS_MAX:
            self._shrink(_WORDS_KEPT)
        pack = self.mf._pack  # the word tables remember what they need: no pack cache
        get = self.wid.get
        pad: list[int] = []
        for words in sents:
            ids = list(map(get, words))
            if None in ids:
                ids = [get(w) or self._word(pack(w), w) for w in words]
            pad += [0, 0, *ids, 1, 1]  # type: ignore[list-item]
        if self._pending:
            self._flush()
        padded = np.array(pad, dtype=np.intp)
        at = np.arange(len(padded) - 2)  # every token's place in `padded`
        at = at[(padded[at] > 1) & (np.arange(len(at)) >= 2)]
        own, before, after = padded[at], padded[at - 1], padded[at + 1]
        np.add.at(self.uses, own, 1)
        name_like = self.name_like[own]
        base = np.where(name_like, 0, 5)
        roles = self.roles
        cols = [roles[padded[at + d], base + k] for k, d in enumerate((0, -1, 1, -2, 2))]
        code = self.code
        # class-code triples and sentence-first features: name-like tokens only
        nl = np.flatnonzero(name_like)
        triple = ((code[before[nl]] * _CODES + code[own[nl]]) * _CODES + code[after[nl]]).tolist()
        col = np.zeros(len(at), dtype=np.intp)
        col[nl] = self._rows(triple, self._triples, self._triple_attrs)
        cols.append(col)
        first = nl[(before[nl] == 0) | self.opens[before[nl]]]
        col = np.zeros(len(at), dtype=np.intp)
        col[first] = self._rows(code[own[first]].tolist(), self._firsts, self._first_attrs)
        cols.append(col)
        pairs = nl[self.has_head[before[nl]]]
        if len(pairs):
            heads, lows = self.heads, self.lows
            keys = [
                (heads[b], lows[o])
                for b, o in zip(before[pairs].tolist(), own[pairs].tolist(), strict=True)
            ]
            col = np.zeros(len(at), dtype=np.intp)
            col[pairs] = self._rows(keys, self._pairs, self._pair_attrs)  # type: ignore[arg-type]
            cols.append(col)
        marked: list[int] = []  # tokens with a mark, or next to one
        mark_keys: list[tuple[str, str, str]] = []
        start = 0
        nl_list = name_like.tolist()
        for words in sents:
            marks = gazetteer_marks(words, gaz)
            n = len(words)
            if any(marks):
                near = {j for i, m in enumerate(marks) if m for j in (i - 1, i, i + 1)}
                for i in near & set(range(n)):
                    if nl_list[start + i]:
                        key = (
                            marks[i],
                            marks[i - 1] if i else "",
                            marks[i + 1] if i + 1 < n else "",
                        )
                    else:
                        key = (marks[i], "", "")
                    if any(key):
                        marked.append(start + i)
                        mark_keys.append(key)
            start += n
        if marked:
            col = np.zeros(len(at), dtype=np.intp)
            col[marked] = self._rows(mark_keys, self._marks, self._mark_attrs)
            cols.append(col)
        table, row_slack = self.vec.table, self.vec.slack
        out = table[cols[0]].astype(np.float64)
        slack = row_slack[cols[0]]
        for col in cols[1:]:
            out += table[col]
            slack += row_slack[col]
        return out, slack

    def viterbi(
        self, scores: F64, lengths: Sequence[int], slack: F64 | None = None
    ) -> list[list[int] | None]:
        """Best label ids per sentence (scores concatenated), or None for a near tie:
        a decision closer than `TIE` plus twice the sentence's `slack` (per token, how
        far its scores may be off; none if not given).

        Sentences run side by side, longest first, in groups of at most `_CELLS` token
        slots (a group's arrays are as long as its longest sentence)."""
        n = len(lengths)
        if slack is None:
            slack = np.zeros(len(scores))
        if not n or max(lengths) * n <= _CELLS:
            return self._viterbi(scores, lengths, slack)
        starts = np.cumsum([0, *lengths]).tolist()
        order = sorted(range(n), key=lambda s: -lengths[s])
        out: list[list[int] | None] = [None] * n
        i = 0
        while i < n:
            j = i + 1
            while j < n and lengths[order[i]] * (j + 1 - i) <= _CELLS:
                j += 1
            group = order[i:j]
            part = np.concatenate([scores[starts[s] : starts[s + 1]] for s in group])
            off = np.concatenate([slack[starts[s] : starts[s + 1]] for s in group])
            for s, path in zip(
                group, self._viterbi(part, [lengths[s] for s in group], off), strict=True
            ):
                out[s] = path
            i = j
        return out

    def _viterbi(self, scores: F64, lengths: Sequence[int], slack: F64) -> list[list[int] | None]:
        trans = self.w.trans
        n_labels = trans.shape[0]
        n = len(lengths)
        if not n:
            return []
        order = sorted(range(n), key=lambda s: -lengths[s])  # longest first
        by_len = np.array([lengths[s] for s in order])
        longest = int(by_len[0])
        rank = np.empty(n, dtype=np.intp)
        rank[order] = np.arange(n)
        lens = np.array(lengths)
        starts = np.cumsum(lens) - lens
        # time-major grid: [t, b] = token t of the b-th longest sentence (zero past its end)
        grid = np.zeros((longest, n, n_labels))
        grid[np.arange(len(scores)) - np.repeat(starts, lens), np.repeat(rank, lens)] = scores
        active = np.searchsorted(-by_len, -np.arange(longest), side="left").tolist()  # len > t
        alpha = np.zeros_like(grid)
        alpha[0] = grid[0]
        into = np.empty((n_labels, n, n_labels))  # [from, b, to]
        trans3 = np.ascontiguousarray(trans[:, None, :])
        for t in range(1, longest):
            nb = active[t]
            step = into[:, :nb]
            np.add(alpha[t - 1, :nb].T[:, :, None], trans3, out=step)
            np.add(step.max(axis=0), grid[t, :nb], out=alpha[t, :nb])
        # backtrack, each sentence from its best last label, choosing each predecessor again
        every = np.arange(n)
        last = alpha[by_len - 1, every]
        cur = last.argmax(axis=1)
        # every score of a path may be off by the sentence's slack: a decision needs
        # twice the sum of it as its margin
        near = np.empty(n)
        near[rank] = TIE + 2 * np.bincount(np.repeat(np.arange(n), lens), slack, minlength=n)
        tied = _gap(last) < near
        path = np.zeros((longest, n), dtype=np.intp)
        cand = np.zeros((longest, n, n_labels))  # [t, b, from] into the label at t
        cand[:, :, 0] = np.inf  # unused rows: no tie
        to_prev = np.ascontiguousarray(trans.T)
        for t in range(longest - 1, 0, -1):
            nb = active[t]
            path[t, :nb] = cur[:nb]
            c = cand[t, :nb]
            np.add(alpha[t - 1, :nb], to_prev[cur[:nb]], out=c)
            cur[:nb] = c.argmax(axis=1)
        path[0] = cur
        if longest > 1:  # a near tie on the path
            tied |= (_gap(cand[1:]) < near).any(axis=0)
        cols = path.T.tolist()
        return [None if tied[b] else cols[b][: lengths[s]] for s, b in enumerate(rank.tolist())]


def _renumber(table: dict[K, int], new: list[int]) -> dict[K, int]:
    """`table` with each entry's new number (`new[old]`), without those whose new
    number is -1. A new dict: one that had most of its keys deleted and others added
    keeps growing its hash table (twice the size at 100k keys)."""
    return {k: n for k, old in table.items() if (n := new[old]) >= 0}


def _gap(v: F64) -> npt.NDArray[np.float64]:
    """Best minus second best along the last axis."""
    top = np.partition(v, -2, axis=-1)
    return top[..., -1] - top[..., -2]  # type: ignore[no-any-return]
