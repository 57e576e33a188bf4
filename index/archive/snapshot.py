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
sources of the modules that decide the columns are hashed) makes it stale.
The columns of a new state are then assembled from each segment's parts
(index/archive/parts.py), which are kept too, one file per segment
(`.archive-<segment id>.parts`): after an update only the new segment is laid
out (100k articles: ~0.3 s instead of ~3.7 s). The per-article facts are in
neither: they are read from the per-segment facts files
(index/archive/source.py) only when something needs an article's title or
date (a dossier), not to count.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from index.archive import canonical, columns, facts, timeline
from index.archive import parts as parts_module
from index.archive.canonical import Identities
from index.archive.columns import Columns, LiveFacts
from index.archive.facts import DocFacts
from index.archive.parts import SegmentParts, from_plain, to_plain

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
    modules = (canonical, columns, facts, parts_module, timeline)
    for path in (*(m.__file__ for m in modules), __file__):
        if path:
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()


PARTS_SUFFIX = ".parts"


def _parts_path(folder: Path, sid: str) -> Path:
    return folder / f".archive-{sid}{PARTS_SUFFIX}"


def save_parts(folder: Path, sid: str, parts: SegmentParts, keep: set[str]) -> None:
    """Keep one segment's parts (segments never change: only the code can
    make them stale); the files of segments not in `keep` are removed."""
    _write(_parts_path(folder, sid), (FORMAT, code_version(), len(parts), to_plain(parts)))
    with contextlib.suppress(OSError):
        for old in folder.glob(f".archive-*{PARTS_SUFFIX}"):
            if old.name[len(".archive-") : -len(PARTS_SUFFIX)] not in keep:
                old.unlink(missing_ok=True)


def load_parts(folder: Path, sid: str, count: int) -> SegmentParts | None:
    """The parts kept for segment `sid` of `count` documents, or None."""
    try:
        data = marshal.loads(_parts_path(folder, sid).read_bytes())
        if data[0] != FORMAT or data[1] != code_version() or data[2] != count:
            return None
        parts = from_plain(data[3])
        return parts if len(parts) == count else None
    except Exception:  # missing, damaged or from other code: lay it out again
        return None


def _write(target: Path, payload: Any) -> None:
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(marshal.dumps(payload))
        os.replace(tmp, target)
    except (OSError, ValueError) as exc:  # read-only or full folder: memory only
        log.info("archive columns not kept: %s", exc)
        tmp.unlink(missing_ok=True)


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
    _write(folder / NAME, payload)


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
        return Columns(
            facts=LiveFacts(arrays["live"], read_facts),
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
