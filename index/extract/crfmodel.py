"""The tagger's features as its CRF model sees them: only the attributes it knows, as bytes.

`static_features` (features.py) lists every feature of a token, as training
needs. Tagging needs fewer: crfsuite drops each attribute its model does not
know (about one in nine), and encodes every other one to UTF-8 on each call.
`ModelFeatures` makes the same lists already filtered to the model's attributes,
in the same order, as the model's own bytes objects, with each word's part
made once (cached per word). The tags are identical: the dropped attributes
carry no weight, and the kept ones are summed in the same order. A test
compares both paths (tests/index/test_extract_speed_paths.py).
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from index.extract.features import (
    _SENT_START,
    _word_core,
    gazetteer_marks,
    word_extras,
    word_strings,
)
from index.extract.gazetteer import Gazetteer

_MODEL_HEADER = struct.Struct("<4sI4s9I")
"""crfsuite model file: magic, size, type, version, #features, #labels, #attrs, 5 offsets."""
_CQDB_HEADER = struct.Struct("<4s5I")
"""CQDB chunk: id, size, flag, byte-order mark, #keys, offset of the id -> key array."""
_RECORD = struct.Struct("<II")


def model_attributes(path: Path) -> dict[bytes, bytes]:
    """Every attribute name in a crfsuite model file (its attribute CQDB), mapped to itself."""
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as raw:
        magic, _, kind, *_rest = header = _MODEL_HEADER.unpack_from(raw, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError(f"{path}: not a crfsuite CRF model")
        base = header[9]  # offset of the attribute dictionary
        cid, _, _, order, count, bwd = _CQDB_HEADER.unpack_from(raw, base)
        if cid != b"CQDB" or order != 0x62445371:
            raise ValueError(f"{path}: unreadable attribute table")
        out: dict[bytes, bytes] = {}
        for (offset,) in struct.iter_unpack("<I", raw[base + bwd : base + bwd + 4 * count]):
            at = base + offset + _RECORD.size
            _, size = _RECORD.unpack_from(raw, base + offset)
            name = raw[at : at + size - 1]  # without the trailing NUL
            out[name] = name
        return out


Pack = tuple[object, ...]
_MEMO_MAX = 20_000
"""Class-code and mark features remembered (a few thousand in practice)."""
_VARIANTS_MAX = 50_000
"""Distinct core features remembered (shapes, classes, bands: a few thousand in practice)."""


def _kept(feats: Iterable[bytes | None]) -> tuple[bytes, ...]:
    """The known ones (attribute names are never empty)."""
    return tuple(filter(None, feats))


class ModelFeatures:
    """`static_features` restricted to one model's attributes (see the module docstring)."""

    def __init__(self, known: dict[bytes, bytes], cache_size: int = 20_000) -> None:
        self.known = known
        self.pack = lru_cache(maxsize=cache_size)(self._pack)
        self._var: dict[str, tuple[bytes | None, ...]] = {}
        self._b = self._get("b")
        self._memo = _Memo(known)
        self._start = self._edge("<s>")
        self._end = self._edge("</s>")

    def _edge(self, mark: str) -> Pack:
        """The pack standing for the missing word before the first / after the last."""
        one = _kept((self._get(mark),))
        return (one, one, one, one, one, one, mark, one, True, one, one, mark, mark)

    def _get(self, s: str) -> bytes | None:
        return self.known.get(s.encode())

    def _variants(self, c: str) -> tuple[bytes | None, ...]:
        """A core feature as itself and as the 1st/2nd previous/next word's."""
        if len(self._var) >= _VARIANTS_MAX:
            self._var.clear()
        get = self._get
        v = self._var[c] = (get(c), get("-1" + c), get("+1" + c), get("-2" + c), get("+2" + c))
        return v

    def _pack(self, w: str) -> Pack:
        """`features.pack_parts(w)` filtered (same parts, same order)."""
        low = w.lower()
        core = _word_core(w)
        kg = self.known.get
        var = self._var
        own_c, m1, p1, m2, p2 = zip(*[var.get(c) or self._variants(c) for c in core], strict=True)
        code, extra, name_like = word_extras(w, core)
        b = self._b
        words = [kg(s.encode()) for s in word_strings(w, low)]  # words[1]: "l=" + low
        lb = low.encode()
        prev = (kg(b"pw=" + lb), *m1)
        nxt = (kg(b"nw=" + lb), *p1)
        return (
            _kept((b, own_c[0], *words, *own_c[1:])), _kept(prev), _kept(nxt),
            _kept((kg(b"pw2=" + lb), *m2)), _kept((kg(b"nw2=" + lb), *p2)),
            _kept((b, own_c[0], words[1])), code, _kept([kg(s.encode()) for s in extra]),
            name_like, _kept(prev[:4]), _kept(nxt[:4]), "pw=" + low, "l=" + low,
        )  # fmt: skip

    def features(self, words: Sequence[str], gaz: Gazetteer) -> list[list[bytes]]:
        """What `static_features(words, gaz)` lists, less what the model does not know."""
        marks = gazetteer_marks(words, gaz)
        pack = self.pack
        packs = [pack(w) for w in words]
        memo = self._memo  # for features of few values: marks, class codes
        if len(memo) > _MEMO_MAX:
            memo.clear()
        kg = self.known.get
        start = self._start
        end = self._end
        n = len(words)
        out: list[list[bytes]] = []
        for i in range(n):
            pk = packs[i]
            p1 = packs[i - 1] if i else start
            n1 = packs[i + 1] if i + 1 < n else end
            mark = marks[i]
            if not pk[8]:
                f = [*pk[5], *p1[9], *n1[10]]  # type: ignore[misc]
                if mark and (g := memo["gz=" + mark]):
                    f.append(g)
                out.append(f)
                continue
            f = [*pk[0], *p1[1], *n1[2]]  # type: ignore[misc]
            if g := kg((p1[11] + "|" + pk[12]).encode()):  # type: ignore[operator]
                f.append(g)
            f.extend(pk[7])  # type: ignore[arg-type]
            f.extend((packs[i - 2] if i > 1 else start)[3])  # type: ignore[arg-type]
            f.extend((packs[i + 2] if i + 2 < n else end)[4])  # type: ignore[arg-type]
            if mark and (g := memo["gz=" + mark]):
                f.append(g)
            if i and marks[i - 1] and (g := memo["-1gz=" + marks[i - 1]]):
                f.append(g)
            if i + 1 < n and marks[i + 1] and (g := memo["+1gz=" + marks[i + 1]]):
                f.append(g)
            code: str = pk[6]  # type: ignore[assignment]
            prev_code: str = p1[6] if i else "<s>"  # type: ignore[assignment]
            next_code: str = n1[6] if i + 1 < n else "</s>"  # type: ignore[assignment]
            if g := memo["kk=" + prev_code + "|" + code]:
                f.append(g)
            if g := memo["kn=" + code + "|" + next_code]:
                f.append(g)
            if g := memo["k3=" + prev_code + "|" + code + "|" + next_code]:
                f.append(g)
            if i == 0 or words[i - 1] in _SENT_START or words[i - 1] in ".!?":
                if g := memo["first"]:
                    f.append(g)
                if g := memo["kf=" + code]:
                    f.append(g)
            out.append(f)
        return out


class _Memo(dict[str, "bytes | None"]):
    """Feature string -> the model's bytes for it, or None; looked up on first use."""

    def __init__(self, known: dict[bytes, bytes]) -> None:
        super().__init__()
        self.known = known

    def __missing__(self, s: str) -> bytes | None:
        v = self[s] = self.known.get(s.encode())
        return v
