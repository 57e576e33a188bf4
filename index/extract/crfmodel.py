"""The tagger's features as its CRF model sees them: only the attributes it knows, as bytes.

`static_features` (features.py) lists every feature of a token, as training
needs. Tagging needs fewer: crfsuite drops each attribute its model does not
know (about one in nine), and encodes every other one to UTF-8 on each call.
`ModelFeatures` makes the same lists already filtered to the model's attributes,
in the same order, as the model's own bytes objects, with each word's part
made once (cached per word). The tags are identical: the dropped attributes
carry no weight, and the kept ones are summed in the same order. A test
compares both paths (tests/index/test_extract_speed_paths.py). Given the
model's attribute rows (`crfscore.AttrIds`, never 0) instead of its bytes, it lists
those rows: the numpy scorer (crfscore.py) sums weights by them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Generic, TypeVar

from index.extract.features import _SENT_START, gazetteer_marks, word_info
from index.extract.gazetteer import Gazetteer

A = TypeVar("A", bound=bytes | int)
"""An attribute as the model's bytes (for crfsuite) or as its row in the weights (never 0)."""
Pack = tuple[object, ...]
Attrs = tuple[Any, ...]
"""Attributes (bytes or ids, see `A`)."""
_CorePack = tuple[Any, Attrs, Attrs, Attrs, Attrs, Attrs, Attrs, Attrs, Attrs]
"""A word core's parts: own first (or None), own rest, as -1/+1/-2/+2, first three as -1/+1,
and the reduced own part of a lower-case word without its spelling."""
_MEMO_MAX = 20_000
"""Class-code and mark features remembered (a few thousand in practice)."""
_VARIANTS_MAX = 5_000
"""Distinct word cores remembered (then forgotten at once). News has many more (15,500
in 2,000 articles, ~700 bytes each): 50,000 held 11 MB per extraction process at 10k
articles, and would have held 35 MB on an archive whose vocabulary keeps growing; 5,000
hold 3.5 MB at most, for +1.5 % extraction CPU (median of four A/B runs, 3,000
articles each)."""


def _kept(feats: Iterable[A | None]) -> tuple[A, ...]:
    """The known ones (attribute names are never empty, rows never 0)."""
    return tuple(filter(None, feats))


class ModelFeatures(Generic[A]):
    """`static_features` restricted to one model's attributes (see the module docstring)."""

    def __init__(self, known: Mapping[bytes, A], cache_size: int = 30_000) -> None:
        self.known: Mapping[bytes, A] = known
        self.pack = lru_cache(maxsize=cache_size)(self._pack)
        self._cores: dict[tuple[str, ...], _CorePack] = {}
        self._b: A | None = self._get("b")
        self._memo: _Memo[A] = _Memo(known)
        self._roles: _Roles[A] = _Roles(known)
        self._codes: dict[tuple[str, str, str], tuple[A, ...]] = {}
        self._pair_heads = _pair_heads(known)
        self._code_names: dict[str, str] = {}  # one string per class code (a few dozen)
        self._start = self._edge("<s>")
        self._end = self._edge("</s>")

    def _edge(self, mark: str) -> Pack:
        """The pack standing for the missing word before the first / after the last."""
        one = _kept((self._get(mark),))
        head = mark if mark in self._pair_heads else None
        return (one, one, one, one, one, one, mark, one, True, one, one, head, mark)

    def _get(self, s: str) -> A | None:
        return self.known.get(s.encode())

    def _core_pack(self, core: tuple[str, ...]) -> _CorePack:
        """What a word's class features (`features.word_info`) contribute, kept, in every role."""
        own, m1, p1, m2, p2 = zip(*[self._roles[c] for c in core], strict=True)
        return (
            own[0], _kept(own[1:]), _kept(m1), _kept(p1), _kept(m2), _kept(p2),
            _kept(m1[:3]), _kept(p1[:3]), _kept((self._b, own[0])),
        )  # fmt: skip

    def _pack(self, w: str) -> Pack:
        """`features.pack_parts(w)` filtered (same parts, same order; the parts only a
        name-like word uses as itself are left empty for the others)."""
        low = w.lower()
        core, code, extra, name_like = word_info(w)
        cp = self._cores.get(core)
        if cp is None:
            if len(self._cores) >= _VARIANTS_MAX:
                self._cores.clear()
            cp = self._cores[core] = self._core_pack(core)
        c0, own_rest, m1, p1, m2, p2, m1_3, p1_3, small = cp
        kg = self.known.get
        lb = low.encode()
        pw = kg(b"pw=" + lb)
        nw = kg(b"nw=" + lb)
        pw2 = kg(b"pw2=" + lb)
        nw2 = kg(b"nw2=" + lb)
        lw = kg(b"l=" + lb)
        if name_like:  # `features.word_strings`, as bytes
            own = _kept(
                (
                    self._b, c0, kg(b"w=" + w.encode()), lw,
                    kg(b"s2=" + low[-2:].encode()), kg(b"s3=" + low[-3:].encode()),
                    kg(b"s4=" + low[-4:].encode()), kg(b"s5=" + low[-5:].encode()),
                    kg(b"p3=" + low[:3].encode()), kg(b"p4=" + low[:4].encode()),
                )
            ) + own_rest  # fmt: skip
            extras = _kept([kg(s.encode()) for s in extra]) if extra else ()
        else:
            own = extras = ()
        return (
            own,
            m1 if pw is None else (pw, *m1),
            p1 if nw is None else (nw, *p1),
            m2 if pw2 is None else (pw2, *m2),
            p2 if nw2 is None else (nw2, *p2),
            small if lw is None else (*small, lw), self._code_names.setdefault(code, code), extras,
            name_like, m1_3 if pw is None else (pw, *m1_3), p1_3 if nw is None else (nw, *p1_3),
            pw_low if (pw_low := "pw=" + low) in self._pair_heads else None,
            "l=" + low if name_like else None,
        )  # fmt: skip

    def features(self, words: Sequence[str], gaz: Gazetteer) -> list[list[A]]:
        """What `static_features(words, gaz)` lists, less what the model does not know."""
        marks = gazetteer_marks(words, gaz)
        pack = self.pack
        packs = [pack(w) for w in words]
        memo = self._memo  # for features of few values: marks, class codes
        code_memo = self._codes  # the class codes of (previous, this, next): kk, kn, k3
        if len(memo) > _MEMO_MAX or len(code_memo) > _MEMO_MAX:
            memo.clear()
            code_memo.clear()
        kg = self.known.get
        start = self._start
        end = self._end
        n = len(words)
        out: list[list[A]] = []
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
            head = p1[11]  # None: no pair feature starts with this previous word
            if head is not None and (g := kg((head + "|" + pk[12]).encode())):  # type: ignore[operator]
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
            codes = code_memo.get((prev_code, code, next_code))
            if codes is None:
                codes = code_memo[(prev_code, code, next_code)] = _kept(
                    (
                        memo["kk=" + prev_code + "|" + code],
                        memo["kn=" + code + "|" + next_code],
                        memo["k3=" + prev_code + "|" + code + "|" + next_code],
                    )
                )
            f.extend(codes)
            if i == 0 or words[i - 1] in _SENT_START or words[i - 1] in ".!?":
                if g := memo["first"]:
                    f.append(g)
                if g := memo["kf=" + code]:
                    f.append(g)
            out.append(f)
        return out


def _pair_heads(known: Iterable[bytes]) -> frozenset[str]:
    """Every "pw=<word>" (or "<s>") that some known "<head>|l=<word>" pair feature starts with."""
    heads: set[str] = set()
    for name in known:
        at = name.find(b"|l=")
        while at >= 0:
            heads.add(name[:at].decode("utf-8", "replace"))
            at = name.find(b"|l=", at + 1)
    return frozenset(heads)


class _Memo(dict[str, "A | None"]):
    """Feature string -> the model's bytes (or id) for it, or None; looked up on first use."""

    def __init__(self, known: Mapping[bytes, A]) -> None:
        super().__init__()
        self.known: Mapping[bytes, A] = known

    def __missing__(self, s: str) -> A | None:
        v = self[s] = self.known.get(s.encode())
        return v


class _Roles(dict[str, tuple["A | None", ...]]):
    """A class feature -> the model's bytes for it as own, -1, +1, -2, +2 feature (or None);
    made on first use (a few hundred values make every word's class features)."""

    def __init__(self, known: Mapping[bytes, A]) -> None:
        super().__init__()
        self.known: Mapping[bytes, A] = known

    def __missing__(self, c: str) -> tuple[A | None, ...]:
        kg = self.known.get
        v = self[c] = tuple(kg((role + c).encode()) for role in ("", "-1", "+1", "-2", "+2"))
        return v
