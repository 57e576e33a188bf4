"""The change scan's short cut: is the articles folder exactly as last seen?

Every command brings the index up to date first, so every `search` scans the
articles folder for changes: at 100,000 articles, walking the folder in
Python and parsing the 12 MB manifest cost most of a cold search. When
nothing changed, the answer can come from a stat() per folder and per file
alone, made in C (`map(os.stat, ...)`), compared with what the last scan saw:

- a folder whose (device, inode, mtime, ctime, mode) are unchanged holds the
  same names as when it was listed: creating, deleting or renaming an entry
  in it sets its mtime and ctime, a chmod its ctime;
- a file whose size and mtime are unchanged counts as unchanged: the same
  test the manifest makes (index/store/build.py), so the short cut finds a
  change exactly when the full scan would;
- a folder's names are only taken from the kept scan when its last change
  was more than `SETTLE_NS` before it was listed: a change within the same
  clock tick as the folder's last one would keep its mtime (file systems
  keep time in ticks, FAT in two seconds); a folder that had not settled is
  kept marked as such, and listed again every time;
- only a "plain" folder tree is kept: no symbolic link anywhere (a link's
  target can change, or turn from a file into a folder, with no folder of
  ours changing) and nothing skipped but for its name (an unreadable folder
  or file can become readable with no stamp changing);
- only a scan the index is up to date with is kept (one that found nothing
  to do, or the one an update has just carried out), so every file listed
  is in the manifest with that size and mtime, or skipped for its content;
  when a file's reading failed for another reason nothing is kept (it is
  read again at every scan); nor when two files share a stem ("a.txt",
  "a.md": their ids depend on the walk order).

`SCAN_FILE` is written by a scan that found nothing to do when the kept one
is missing or stale, by every update once its manifest is sealed (so the
next command starts from it), and when a folder's stamp changed with no
file changing: never when the short cut answered with nothing changed. It
names the manifest it was made against (size and CRC-32 of the manifest and
of its journal, from the index's metadata), so an update that did not write
it leaves it stale. Any doubt (a folder that cannot be
stat'ed or listed, a new subfolder or link, a name that could change
another file's id, a malformed file) means the full scan runs.

When a folder changed (`changes`), the kept scan still answers: the folder
is listed again (`os.listdir`, in C) and its names compared with the kept
ones as sets; only new names are looked at one by one, and every kept name
still present gets its stat() as in the short cut. That gives the plan of
an update (what to read, what was removed) without walking the tree in
Python or reading the manifest: the kept scan holds each file's content
hash too (what the manifest knows of a file that changed). A folder that
had not settled when it was listed is kept all the same, marked as such:
its names are listed again every time until it has.
"""

from __future__ import annotations

import array
import contextlib
import gc
import itertools
import json
import operator
import os
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any

from index.files.corpus import SUFFIXES, Listing, SourceFile
from index.files.decode import printable, unsafe_name
from index.records import Skipped
from index.store import disk

SCAN_FILE = ".diplo-scan.json"
"""In the index folder; hidden, so not part of the fingerprint: it vouches
for itself (it names the manifest it belongs to). One line of JSON (the
folders, what was skipped, the length of each column), then each folder's
columns as they are held in memory: the names and the content hashes as
NUL-separated UTF-8, sizes and mtimes as 64-bit words. Read with a split and
a copy each, instead of JSON strings with a escape per name and base64 (at
100k files, ~10 % of a one-file update's scan)."""
VERSION = 5
SETTLE_NS = 2_000_000_000

_Rows = dict[str, tuple[list[str], list[int], list[int], list[str]]]
"""By folder: the names, sizes, mtimes and content hashes of its files."""

_SIZE = attrgetter("st_size")
_MTIME = attrgetter("st_mtime_ns")


@dataclass
class Changes:
    """What changed since the kept scan, as an update needs it."""

    to_read: list[SourceFile] = field(default_factory=list)
    """New and changed files, in walk order."""
    removed: list[str] = field(default_factory=list)
    """Ids of files gone, sorted."""
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    """As the full scan would report them (before the files to read are read)."""
    old: dict[str, list[Any]] = field(default_factory=dict)
    """Manifest entries (location, size, mtime_ns, content hash or None) of
    the changed and removed files, as the kept scan knew them."""
    folders: list[list[Any]] = field(default_factory=list)
    """Every folder's stamp now, with its settled flag (the next kept scan)."""
    files: dict[str, tuple[list[str], list[int], list[int], list[str]]] = field(
        default_factory=dict
    )
    """By folder: (names, sizes, mtimes, hashes) of the files unchanged."""
    restamp: bool = False
    """A folder's stamp or settled flag differs from the kept one."""

    @property
    def empty(self) -> bool:
        return not self.to_read and not self.removed


def _folder_stamp(location: str) -> list[Any]:
    st = os.stat(location)
    return [location, st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_mode]


def _settled(stamp: list[Any], listed_ns: int) -> bool:
    return bool(listed_ns - max(stamp[3], stamp[4]) > SETTLE_NS)


def _manifest_fingerprint(index_dir: Path) -> Any:
    meta = disk.read_json(index_dir / disk.META_FILE)
    files = meta.get("files") if isinstance(meta, dict) else None
    if not isinstance(files, dict) or disk.MANIFEST_FILE not in files:
        return None
    return [files.get(disk.MANIFEST_FILE), files.get(disk.JOURNAL_FILE)]


def _stat_all(folder: str, names: list[str]) -> list[os.stat_result]:
    """stat() of every name in `folder`, relative to the folder (one path
    component for the kernel to resolve per file, not the whole path)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        return list(map(partial(os.stat, dir_fd=fd), names))
    finally:
        os.close(fd)


def _column(view: memoryview, at: int, size: int) -> bytes:
    if size < 0 or at + size > len(view):
        raise ValueError("kept scan cut short")
    return bytes(view[at : at + size])


def _words(data: bytes, count: int) -> list[int]:
    words = array.array("q")
    words.frombytes(data)
    if len(words) != count:
        raise ValueError("kept scan column of the wrong length")
    return words.tolist()


def _read_state(index_dir: Path, articles_dir: Path) -> dict[str, Any] | None:
    """The kept scan (`_write_state`), with its "files" as {folder: (names,
    sizes, mtimes, hashes)}; None when it is missing, malformed or stale.
    Raises ValueError when a column is cut short (a torn write)."""
    try:
        raw = (index_dir / SCAN_FILE).read_bytes()
    except OSError:
        return None
    end = raw.find(b"\n")
    if end < 0:
        return None
    try:
        state = json.loads(raw[:end])
    except ValueError:
        return None
    if not isinstance(state, dict) or state.get("version") != VERSION:
        return None
    if state.get("byteorder") != sys.byteorder:
        return None
    if state.get("articles_dir") != str(articles_dir):
        return None
    fingerprint = _manifest_fingerprint(index_dir)
    if fingerprint is None or state.get("manifest") != fingerprint:
        return None
    view = memoryview(raw)
    at = end + 1
    files: _Rows = {}
    for folder, count, names_size, hashes_size in state["files"]:
        names = _column(view, at, names_size).decode("utf-8", "surrogateescape").split("\0")
        at += names_size
        hashes = _column(view, at, hashes_size).decode("utf-8").split("\0")
        at += hashes_size
        sizes = _words(_column(view, at, 8 * count), count)
        at += 8 * count
        mtimes = _words(_column(view, at, 8 * count), count)
        at += 8 * count
        if len(names) != count or len(hashes) != count:
            raise ValueError("kept scan column of the wrong length")
        files[folder] = (names, sizes, mtimes, hashes)
    if at != len(raw):
        raise ValueError("kept scan of the wrong length")
    state["files"] = files
    return state


def unchanged(index_dir: Path, articles_dir: Path) -> tuple[int, list[Skipped]] | None:
    """(unchanged, skipped) as the full scan would report them, when no file
    or folder changed since the kept scan; else None. Call with the build
    lock held, after `disk.check_index` found the index usable."""
    found = changes(index_dir, articles_dir)
    if found is None or not found.empty or found.restamp:
        return None
    return found.unchanged, found.skipped


class _FullScan(Exception):
    """Something the kept scan cannot answer for: the full scan runs."""


def changes(index_dir: Path, articles_dir: Path) -> Changes | None:
    """What changed since the kept scan (see the module doc); None when the
    full scan must run. Call with the build lock held, after
    `disk.check_index` found the index usable."""
    try:
        with _collector_paused():
            state = _read_state(index_dir, articles_dir)
            if state is None:
                return None
            return _changes(state, str(articles_dir))
    except (_FullScan, OSError, KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the scan runs: at 100k files it
    makes and frees ~half a million objects (names, stat results, integers),
    none of them in a cycle, and the collections they set off (~8 % of the
    scan's instructions) find nothing. Reference counting frees them as before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def _changes(state: dict[str, Any], root: str) -> Changes:
    out = Changes(unchanged=int(state["unchanged"]))
    prefix_len = len(os.path.join(root, ""))
    kept_folders = {f[0] for f in state["folders"]}
    kept_files: _Rows = state["files"]
    skipped_paths = {p for p, _, _ in state["skipped"]}
    dropped: set[str] = set()  # skipped paths of files changed or gone
    for kept in state["folders"]:
        location = kept[0]
        listed_ns = time.time_ns()
        stamp = _folder_stamp(location)
        same = bool(kept[6]) and stamp == kept[:6]
        stamp.append(_settled(stamp, listed_ns))
        if stamp != kept:
            out.restamp = True
        out.folders.append(stamp)
        names, sizes, mtimes, hashes = kept_files.get(location) or ([], [], [], [])
        new: list[tuple[str, os.stat_result]] = []
        if not same:
            now = set(os.listdir(location))
            kept_names = set(names)
            gone = kept_names - now
            extra = now - kept_names
            if extra:
                new = _new_files(location, sorted(extra), kept_folders, skipped_paths)
                if {_stem(n) for n in gone} & {_stem(n) for n, _ in new}:
                    raise _FullScan  # renamed to another suffix: the id stays, the plan differs
                for name, _ in new:
                    if any(v != name and v in now for v in _same_stem(name)):
                        raise _FullScan  # two files with one stem: ids depend on walk order
            if gone:
                if len(gone) <= _FEW:
                    positions = sorted(map(names.index, gone))
                else:
                    positions = _positions(map(gone.__contains__, names))
                for i in positions:
                    path = os.path.join(location, names[i])
                    out.removed.append(_stem(path[prefix_len:]))
                    out.old[out.removed[-1]] = [path, sizes[i], mtimes[i], hashes[i] or None]
                    if hashes[i]:
                        out.unchanged -= 1
                    else:
                        dropped.add(path)
                names, sizes, mtimes, hashes = _without(positions, names, sizes, mtimes, hashes)
        if names:
            stats = _stat_all(location, names)
            now_sizes, now_mtimes = list(map(_SIZE, stats)), list(map(_MTIME, stats))
            if now_sizes != sizes or now_mtimes != mtimes:
                changed = _positions(
                    map(
                        operator.or_,
                        map(operator.ne, now_sizes, sizes),
                        map(operator.ne, now_mtimes, mtimes),
                    )
                )
                for i in changed:
                    st = stats[i]
                    if not stat.S_ISREG(st.st_mode):
                        raise _FullScan
                    path = os.path.join(location, names[i])
                    source_id = _stem(path[prefix_len:])
                    out.to_read.append(SourceFile(source_id, path, st.st_size, st.st_mtime_ns))
                    out.old[source_id] = [path, sizes[i], mtimes[i], hashes[i] or None]
                    if hashes[i]:
                        out.unchanged -= 1
                    else:
                        dropped.add(path)
                names, sizes, mtimes, hashes = _without(changed, names, sizes, mtimes, hashes)
        out.files[location] = (names, sizes, mtimes, hashes)
        for name, st in new:
            path = os.path.join(location, name)
            source_id = _stem(path[prefix_len:])
            out.to_read.append(SourceFile(source_id, path, st.st_size, st.st_mtime_ns))
    out.to_read.sort(key=lambda s: s.location[prefix_len:].split(os.sep))
    out.removed.sort()
    out.skipped = [
        Skipped(str(p), str(r), str(c)) for p, r, c in state["skipped"] if p not in dropped
    ]
    return out


def _positions(flags: Iterable[bool]) -> list[int]:
    """The positions of the true flags, in order (a loop in C)."""
    return list(itertools.compress(itertools.count(), flags))


_FEW = 32
"""Up to this many rows, deleting them one by one (a memmove each) is cheaper
than a pass over every row; beyond, a deletion per row would make the scan
quadratic (half of 100,000 files touched)."""


def _without(positions: list[int], *columns: list[Any]) -> list[list[Any]]:
    """Each column less the rows at `positions` (sorted)."""
    if len(positions) <= _FEW:
        for i in reversed(positions):
            for column in columns:
                del column[i]
        return list(columns)
    keep = [True] * len(columns[0])
    for i in positions:
        keep[i] = False
    return [list(itertools.compress(column, keep)) for column in columns]


def _same_stem(name: str) -> list[str]:
    """Every article file name with `name`'s stem (any case of the suffixes)."""
    stem = _stem(name)
    return [f"{stem}.{''.join(c)}" for s in SUFFIXES for c in _cases(s[1:])]


def _cases(word: str) -> list[tuple[str, ...]]:
    return list(itertools.product(*({c.lower(), c.upper()} for c in word)))


def _new_files(
    location: str, names: list[str], kept_folders: set[str], skipped_paths: set[str]
) -> list[tuple[str, os.stat_result]]:
    """The article files among names new in a kept folder, as the full walk
    would take them (index/files/corpus.py); _FullScan for anything it would
    treat otherwise than as a plain file or an ignored name."""
    new: list[tuple[str, os.stat_result]] = []
    for name in names:
        if name[0] == ".":
            continue
        path = os.path.join(location, name)
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            raise _FullScan  # its target can change with no folder changing
        if stat.S_ISDIR(st.st_mode):
            if path in kept_folders:
                continue
            raise _FullScan  # a new subfolder: walked in full
        if not name.lower().endswith(SUFFIXES):
            continue
        if unsafe_name(name):
            if printable(path) in skipped_paths:
                continue
            raise _FullScan
        if not stat.S_ISREG(st.st_mode):
            raise _FullScan
        new.append((name, st))
    return new


def _write_state(
    index_dir: Path,
    articles_dir: Path,
    folders: list[list[Any]],
    files: _Rows,
    skipped: list[Skipped],
) -> bool:
    fingerprint = _manifest_fingerprint(index_dir)
    if fingerprint is None:
        return False
    rows = [(folder, row) for folder, row in files.items() if row[0]]
    columns: list[bytes] = []
    heads: list[list[Any]] = []
    for folder, (names, sizes, mtimes, hashes) in rows:
        encoded_names = "\0".join(names).encode("utf-8", "surrogateescape")
        encoded_hashes = "\0".join(hashes).encode("utf-8")
        heads.append([folder, len(names), len(encoded_names), len(encoded_hashes)])
        columns += (
            encoded_names,
            encoded_hashes,
            array.array("q", sizes).tobytes(),
            array.array("q", mtimes).tobytes(),
        )
    state = {
        "version": VERSION,
        "byteorder": sys.byteorder,
        "articles_dir": str(articles_dir),
        "manifest": fingerprint,
        "folders": folders,
        "files": heads,
        "unchanged": sum(len(h) - h.count("") for _, (_, _, _, h) in rows),
        "skipped": [[s.path, s.reason, s.code] for s in skipped],
    }
    with contextlib.suppress(OSError):  # a read-only cache: the full scan runs next time too
        _replace(
            index_dir / SCAN_FILE, b"".join([json.dumps(state).encode("ascii"), b"\n", *columns])
        )
        return True
    return False


def _replace(path: Path, data: bytes) -> None:
    """Replace `path` by `data` in one rename, without waiting for the disk
    (`write_atomic` flushes first: ~10-20 ms for the 7 MB of a 100k scan).
    A crash may leave the new name with no data or torn data: not JSON, or
    not the manifest's, so the full scan runs once; the kept scan is written
    after the index is sealed, so it can never vouch for a newer manifest."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def keep(
    index_dir: Path,
    articles_dir: Path,
    listing: Listing,
    manifest: dict[str, Any],
    skipped: list[Skipped],
) -> bool:
    """Keep the scan of a folder the index is now up to date with: every
    file listed has its manifest entry with that size and mtime (else
    nothing is kept). `skipped`: as the scan reports them. True if it was
    written. Call with the build lock held, after the manifest is sealed."""
    if not listing.plain:
        return False
    prefix_len = len(os.path.join(str(articles_dir), ""))
    files: _Rows = {}
    for item in listing.items:
        if isinstance(item, Skipped):
            continue
        source_id, location, size, mtime = item
        folder, name = os.path.split(location)
        if "\0" in name or not name or source_id != _stem(location[prefix_len:]):
            return False  # two files with one stem: ids depend on walk order
        entry = manifest.get(source_id)
        if not entry or entry[0] != location or entry[1:3] != [size, mtime]:
            return False  # not read, or read and failed: read again next time
        row = files.setdefault(folder, ([], [], [], []))
        row[0].append(name)
        row[1].append(size)
        row[2].append(mtime)
        row[3].append(entry[3] or "")
    folders = [[*f, _settled(list(f), listing.started_ns)] for f in listing.folders]
    ordered = sorted(skipped, key=lambda s: s.path.split(os.sep))
    return _write_state(index_dir, articles_dir, folders, files, ordered)


def keep_changes(
    index_dir: Path,
    articles_dir: Path,
    found: Changes,
    manifest: dict[str, Any],
    skipped: list[Skipped],
) -> bool:
    """Keep the scan `found` after the update it planned: the files it read
    with their new manifest entries (`manifest` holds at least those).
    Nothing is kept when one of them is not in the manifest."""
    files = found.files
    for source in found.to_read:
        entry = manifest.get(source.id)
        if not entry or entry[1:3] != [source.size, source.mtime_ns]:
            return False
        folder, name = os.path.split(source.location)
        row = files.setdefault(folder, ([], [], [], []))
        row[0].append(name)
        row[1].append(source.size)
        row[2].append(source.mtime_ns)
        row[3].append(entry[3] or "")
    ordered = sorted(skipped, key=lambda s: s.path.split(os.sep))
    return _write_state(index_dir, articles_dir, found.folders, files, ordered)


def forget(index_dir: Path) -> None:
    """Remove the kept scan (tests; an update makes it stale by itself)."""
    with contextlib.suppress(OSError):
        (index_dir / SCAN_FILE).unlink()
