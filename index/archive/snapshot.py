"""The archive's columns kept beside the index, so a new process starts
counting without building them again.

Building the columns (index/archive/columns.py) resolves every name of the
archive to its identity and lays out the arrays: about 4 s at 100,000
articles, paid by every process that opens a facet, the map or a dossier. The
result depends only on the index state (the segments and their deletions) and
on the code that built it, so it is written once per state as one hidden file
in the index folder (`.archive-columns`, marshal; Whoosh and the index
fingerprint ignore it) and read back by the next process in that state.

The file says which state and which code made it: a state that changed (an
update, a merge, a deletion) or a new version of the counting code (the
sources of the modules that decide the columns are hashed) makes it stale,
and the columns are built again and the file replaced. The per-article facts
are not in it: they are read from the per-segment facts files
(index/archive/source.py) only when something needs an article's title or
date (a dossier), not to count.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, overload

import numpy as np

from index.archive import canonical, columns, facts, timeline
from index.archive.canonical import Identities
from index.archive.columns import Columns
from index.archive.facts import DocFacts

log = logging.getLogger(__name__)

NAME = ".archive-columns"
FORMAT = 1
_ARRAYS = (
    *("live", "flat", "offsets", "days", "months", "ranks"),
    *("cc_flat", "cc_offsets", "totals", "located"),
)

State = tuple[tuple[str, int, int], ...]
"""(segment id, documents, live documents) of each segment, in order."""


@cache
def code_version() -> str:
    """A hash of the sources of the modules whose rules shape the columns."""
    digest = hashlib.sha1(str(FORMAT).encode())
    for path in (canonical.__file__, columns.__file__, facts.__file__, timeline.__file__, __file__):
        if path:
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()


class LazyFacts(Sequence[DocFacts | None]):
    """The facts by docnum, read on first access by `load` (which returns a
    list of `length` items)."""

    def __init__(self, length: int, load: Callable[[], list[DocFacts | None]]) -> None:
        self._length = length
        self._load = load
        self._items: list[DocFacts | None] | None = None

    def _all(self) -> list[DocFacts | None]:
        if self._items is None:
            self._items = self._load()
        return self._items

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, i: int) -> DocFacts | None: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[DocFacts | None]: ...
    def __getitem__(self, i: int | slice) -> Any:
        return self._all()[i]

    def __iter__(self) -> Iterator[DocFacts | None]:
        return iter(self._all())


def save(folder: Path, state: State, cols: Columns) -> None:
    """Write `cols` for `state` (atomically; a read-only folder keeps nothing)."""
    payload = {
        "format": FORMAT,
        "code": code_version(),
        "state": state,
        "arrays": {
            name: (str(arr.dtype), arr.shape[0], arr.tobytes())
            for name in _ARRAYS
            for arr in (getattr(cols, name),)
        },
        "kind": cols.kind,
        "key": cols.key,
        "name": cols.name,
        "ranges": cols.ranges,
        "place": cols.place,
        "codes": cols.codes,
        "identities": {
            kind: (ids.key_of, ids.shown, ids.aliases) for kind, ids in cols.identities.items()
        },
    }
    target = folder / NAME
    tmp = folder / f"{NAME}.{os.getpid()}.tmp"
    try:
        tmp.write_bytes(marshal.dumps(payload))
        os.replace(tmp, target)
    except (OSError, ValueError) as exc:  # read-only or full folder: memory only
        log.info("archive columns not kept: %s", exc)
        tmp.unlink(missing_ok=True)


def load(
    folder: Path, state: State, read_facts: Callable[[], list[DocFacts | None]]
) -> Columns | None:
    """The columns kept for `state` by this code, or None (missing, stale,
    damaged or from another version)."""
    try:
        data = marshal.loads((folder / NAME).read_bytes())
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or data.get("code") != code_version()
            or tuple(tuple(s) for s in data.get("state", ())) != state
        ):
            return None
        arrays = {
            name: np.frombuffer(raw, dtype=np.dtype(dtype), count=n).copy()
            for name, (dtype, n, raw) in data["arrays"].items()
        }
        key: list[str] = data["key"]
        identities = {
            kind: Identities(kind, key_of, shown, aliases)
            for kind, (key_of, shown, aliases) in data["identities"].items()
        }
        live = arrays["live"]

        def live_facts() -> list[DocFacts | None]:
            n = int(live.shape[0])
            items = (read_facts() + [None] * n)[:n]  # a segment's facts file may be gone
            return [f if alive else None for f, alive in zip(items, live.tolist(), strict=True)]

        return Columns(
            facts=LazyFacts(int(live.shape[0]), live_facts),
            kind=data["kind"],
            key=key,
            name=data["name"],
            ranges={k: (int(lo), int(hi)) for k, (lo, hi) in data["ranges"].items()},
            ids={k: i for i, k in enumerate(key)},
            place=data["place"],
            codes=data["codes"],
            identities=identities,
            **arrays,
        )
    except Exception:  # any damage: build the columns again
        return None
