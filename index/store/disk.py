"""Where an index lives on disk: opening, validating, locking, swapping.

One writer at a time, across processes: a build holds an exclusive `flock` on
`<index>.lock` (released by the kernel if the process dies, so a killed build
never leaves a stale lock). Readers need no lock: Whoosh readers keep seeing
the generation they opened while a writer commits a new one.

A full build is written into a fresh temporary folder and swapped in by
rename, so an interrupted full build leaves the previous index untouched.

Damage is found at start by `check_index`: the metadata file records the size
and CRC-32 of every index file as last committed, so a truncated, overwritten
or half-replaced file is caught before Whoosh trips over it mid-search (Whoosh
itself only notices damage in the parts it happens to read). Hashing costs
~50 ms for the 60 MB index of 10k articles on a loaded machine (0.5 s at
100k), so the metadata also records the mtime and inode of each file that had
settled when it was sealed (`stamps`): a file that still has them is taken as
checked (any write or replacement changes them; a write within the same clock
tick cannot happen, since the file was already a second old). A file the
build has just written is not settled yet: sealing it moves its mtime back by
`_BACKDATE_NS` (after hashing it, with the build lock held, so nothing else
writes it in between), which makes it settled at once; any later write sets
the mtime to the present again, away from the recorded one. So the next
start reads none of the files it sealed (at 100k articles the postings file
alone is ~300 MB). A copy of the index (new inodes) is hashed once, at the
first start that finds it intact, which then records the copy's stamps.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage, RamStorage

from index import __version__
from index.files.atomic import write_atomic
from index.messages import Problem
from index.store.schema import SCHEMA_VERSION, build_schema

META_FILE = "diplo-meta.json"
MANIFEST_FILE = "diplo-manifest.json"
JOURNAL_FILE = "diplo-manifest-changes.json"
"""What updates changed since the manifest was last written whole: {id:
entry, or null for an id removed}. An update writes only this small file;
the manifest (12 MB at 100k articles) is rewritten whole by a full scan's
update, or when the journal grows past `JOURNAL_MAX` entries. Both are
index files: fingerprinted and sealed like every other one."""
JOURNAL_MAX = 5_000
_NOT_FINGERPRINTED = (META_FILE, "MAIN_WRITELOCK")
"""The metadata cannot list itself; Whoosh's lock file is empty and rewritten."""


class IndexBusy(Exception):
    """Another process holds the build lock."""


def write_json_atomic(path: Path, data: Any) -> None:
    """`data` as JSON, written atomically (index/files/atomic.py)."""
    write_atomic(path, json.dumps(data, ensure_ascii=False))


_verified: dict[Path, tuple[tuple[int, int, int], int]] = {}
"""CRCs this process computed, by file and (size, mtime_ns, inode): sealing
an update, or checking the index a second time, reuses those of the files
nothing touched since instead of reading the whole index again (Whoosh never
rewrites a segment file in place; the manifest and metadata are replaced, so
they get a new inode). Only files last written over `_SETTLED_NS` before are
remembered: a write within the same clock tick would keep the mtime."""
_SETTLED_NS = 1_000_000_000
_BACKDATE_NS = 3 * _SETTLED_NS


def _stamp(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ino


def _crc32(path: Path) -> int:
    stamp = _stamp(path)
    known = _verified.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    crc = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    if _stamp(path) == stamp and time.time_ns() - stamp[1] > _SETTLED_NS:
        _verified[path] = (stamp, crc)
    return crc


def fingerprint(index_dir: Path) -> dict[str, list[int]]:
    """{file name: [size, crc32]} of every file making up the index (Whoosh's
    files and the manifest); temporary files are left out."""
    return {
        path.name: [path.stat().st_size, _crc32(path)]
        for path in sorted(index_dir.iterdir())
        if path.is_file() and path.name not in _NOT_FINGERPRINTED and not path.name.startswith(".")
    }


def settled_stamps(index_dir: Path, names: list[str]) -> dict[str, list[int]]:
    """{file name: [mtime_ns, inode]} of the files whose checksum this process
    computed from settled content that is still in place (`_verified`)."""
    out: dict[str, list[int]] = {}
    for name in names:
        path = index_dir / name
        known = _verified.get(path)
        with contextlib.suppress(OSError):
            if known is not None and known[0] == _stamp(path):
                out[name] = [known[0][1], known[0][2]]
    return out


def _settle(path: Path, size: int, crc: int) -> None:
    """Move the mtime of a file just hashed (`crc`) back by `_BACKDATE_NS`,
    so that it counts as settled and its stamp can be sealed (module doc).
    Called with the build lock held: index files are written by the lock's
    holder only, so the content cannot change between the hash and here
    (the size is checked again all the same)."""
    st = path.stat()
    if st.st_size != size:
        return
    mtime = min(st.st_mtime_ns, time.time_ns()) - _BACKDATE_NS
    os.utime(path, ns=(st.st_atime_ns, mtime))
    stamp = _stamp(path)
    if stamp[0] == size and stamp[1] == mtime:
        _verified[path] = (stamp, crc)


def write_meta(index_dir: Path, articles_dir: Path) -> None:
    """Seal a finished build: versions, the fingerprint of every file and the
    stamps of all of them (the files just written are settled first).
    Call with the build lock held."""
    files = fingerprint(index_dir)
    for name, (size, crc) in files.items():
        path = index_dir / name
        known = _verified.get(path)
        with contextlib.suppress(OSError):
            if known is None or known[0] != _stamp(path):
                _settle(path, size, crc)
    write_json_atomic(
        index_dir / META_FILE,
        {
            **expected_meta(articles_dir),
            "files": files,
            "stamps": settled_stamps(index_dir, list(files)),
        },
    )


def _damaged_file(
    index_dir: Path, files: dict[str, Any], stamps: dict[str, Any] | None = None
) -> str | None:
    """The first file whose size or checksum differs from the recorded one; a
    file with its recorded (mtime, inode) stamp is not read (see the module doc)."""
    stamps = stamps if isinstance(stamps, dict) else {}
    for name, (size, crc) in files.items():
        path = index_dir / name
        try:
            st = path.stat()
            if st.st_size != size:
                return name
            if stamps.get(name) == [st.st_mtime_ns, st.st_ino]:
                # As good as read: sealing the next update need not read it either.
                _verified[path] = ((st.st_size, st.st_mtime_ns, st.st_ino), crc)
                continue
            if _crc32(path) != crc:
                return name
        except OSError:
            return name
    return None


def _reseal(index_dir: Path, meta: dict[str, Any]) -> None:
    """Record the stamps of files that were checked by reading them (a copied
    or restored index: new inodes), so the next start need not read them
    again. Only when no build holds the lock and the metadata is still the
    one checked (the lock is taken here unless this thread holds it
    already, as an update does); a folder that takes no writes keeps
    reading them."""
    files = meta.get("files")
    if not isinstance(files, dict):
        return
    stamps = settled_stamps(index_dir, list(files))
    if stamps == meta.get("stamps"):
        return
    with contextlib.suppress(IndexBusy, OSError):
        if _holders.get(index_dir) == threading.get_ident():  # our caller holds it
            _write_stamps(index_dir, meta, stamps)
        else:
            with build_lock(index_dir):
                _write_stamps(index_dir, meta, stamps)


def _write_stamps(index_dir: Path, meta: dict[str, Any], stamps: dict[str, list[int]]) -> None:
    if read_json(index_dir / META_FILE) == meta:
        write_json_atomic(index_dir / META_FILE, {**meta, "stamps": stamps})


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def build_lock(index_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Exclusive build lock; waits up to `wait` seconds, then raises IndexBusy."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with lock_path(index_dir).open("a+") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(str(index_dir)) from None
                time.sleep(0.1)
        _holders[index_dir] = threading.get_ident()
        try:
            yield
        finally:
            _holders.pop(index_dir, None)
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


_holders: dict[Path, int] = {}
"""The thread of this process that holds each index's build lock."""


def expected_meta(articles_dir: Path) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "program_version": __version__,
        "articles_dir": str(articles_dir),
    }


def check_index(
    index_dir: Path, articles_dir: Path, manifest: dict[str, Any] | None = None
) -> Problem | None:
    """None when the index at `index_dir` is usable, else why it must be rebuilt.

    A `manifest` dict given is filled with the manifest (an update needs it
    next); without one the manifest is not parsed (12 MB of JSON at 100k
    articles): its checksum, like every other file's, vouches for it."""
    if not index_dir.exists():
        return Problem("index.none")
    meta = read_json(index_dir / META_FILE)
    if not isinstance(meta, dict):
        return Problem("index.meta")
    want = expected_meta(articles_dir)
    if meta.get("schema_version") != want["schema_version"]:
        return Problem("index.schema")
    if meta.get("program_version") != want["program_version"]:
        return Problem("index.program")
    files = meta.get("files")
    if not isinstance(files, dict) or MANIFEST_FILE not in files:
        return Problem("index.incomplete")
    try:
        damaged = _damaged_file(index_dir, files, meta.get("stamps"))
    except (TypeError, ValueError):  # the fingerprint itself is malformed
        return Problem("index.fingerprint")
    if damaged:
        return Problem("index.file", (damaged,))
    if manifest is not None:
        problem = read_manifest(index_dir, manifest)
        if problem is not None:
            return problem
    try:
        ix = whoosh_index.open_dir(str(index_dir))
        try:
            with ix.searcher() as searcher:
                searcher.doc_count()
                # Open every segment's term index (the first term of each;
                # walking all of them cost ~45 ms at 10k articles): an index
                # Whoosh cannot open fails here. The checksums above catch
                # damage anywhere in the files.
                next(iter(searcher.lexicon("id")), None)
        finally:
            ix.close()
    except Exception as exc:  # Whoosh raises many kinds on damaged files
        return Problem("index.damaged", (type(exc).__name__,))
    _reseal(index_dir, meta)
    return None


def read_manifest(index_dir: Path, manifest: dict[str, Any]) -> Problem | None:
    """Fill `manifest` from the index's manifest and its journal; a Problem
    if either is unusable."""
    entries = read_json(index_dir / MANIFEST_FILE)
    journal = read_journal(index_dir)
    if not isinstance(entries, dict) or journal is None:
        return Problem("index.manifest")
    manifest.update(entries)
    for source_id, entry in journal.items():
        if entry is None:
            manifest.pop(source_id, None)
        else:
            manifest[source_id] = entry
    return None


def read_journal(index_dir: Path) -> dict[str, Any] | None:
    """The manifest's journal ({} when there is none); None if unreadable."""
    path = index_dir / JOURNAL_FILE
    if not path.exists():
        return {}
    journal = read_json(path)
    return journal if isinstance(journal, dict) else None


def write_manifest(index_dir: Path, manifest: dict[str, Any]) -> None:
    """The whole manifest, and no journal. Call with the build lock held,
    then seal with `write_meta` (until then the fingerprint differs)."""
    write_json_atomic(index_dir / MANIFEST_FILE, manifest)
    (index_dir / JOURNAL_FILE).unlink(missing_ok=True)


def open_index(index_dir: Path) -> whoosh_index.Index:
    return whoosh_index.open_dir(str(index_dir))


def new_temp_index(index_dir: Path) -> tuple[Path, whoosh_index.Index]:
    """A fresh, empty index in a temporary sibling folder of `index_dir`."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = index_dir.with_name(f"{index_dir.name}.building-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    return tmp, whoosh_index.create_in(str(tmp), build_schema())


def swap_in(tmp: Path, index_dir: Path) -> None:
    """Replace `index_dir` by the finished build in `tmp`."""
    old = index_dir.with_name(f"{index_dir.name}.old-{os.getpid()}")
    if index_dir.exists():
        os.replace(index_dir, old)
    os.replace(tmp, index_dir)
    shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(index_dir: Path) -> None:
    """Folders left by builds that were killed. Call with the build lock held:
    then no other build is running, so every such folder is stale (whatever
    its pid, which may have been reused by an unrelated process)."""
    if not index_dir.parent.exists():
        return
    for pattern in (f"{index_dir.name}.building-*", f"{index_dir.name}.old-*"):
        for path in index_dir.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)


def lock_path(index_dir: Path) -> Path:
    return index_dir.with_name(index_dir.name + ".lock")


class PrivateRamStorage(RamStorage):
    """Whoosh's in-memory storage with a temporary folder of its own.

    A writer sorts its postings in `temp_storage("MAIN.tmp")`, which Whoosh's
    RamStorage puts at the fixed path `<tmp>/MAIN.tmp`: two processes writing
    in-memory indexes at once (two readers whose cache folder is read-only,
    two test runs) removed each other's files there. Here every writer gets a
    fresh folder; the writer removes it when it commits or cancels."""

    def temp_storage(self, name: str | None = None) -> FileStorage:
        import tempfile  # here: only in-memory indexes need it, not every command

        folder = tempfile.mkdtemp(prefix="diplo-reader-", suffix=f"-{name or 'tmp'}")
        return FileStorage(folder).create()


def ram_index(schema: Any = None) -> whoosh_index.Index:
    """An in-memory index (the fallback when the cache folder cannot be
    written; the tests' small indexes), by default with the articles' schema."""
    return PrivateRamStorage().create_index(schema if schema is not None else build_schema())
