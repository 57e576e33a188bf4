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
- the listing is only kept when every folder's last change was more than
  `SETTLE_NS` before it was listed: a change within the same clock tick as
  the folder's last one would keep its mtime (file systems keep time in
  ticks, FAT in two seconds);
- only a "plain" folder tree is kept: no symbolic link anywhere (a link's
  target can change, or turn from a file into a folder, with no folder of
  ours changing) and nothing skipped but for its name (an unreadable folder
  or file can become readable with no stamp changing);
- only a scan that found nothing to do is kept, so every file listed is in
  the manifest with that size and mtime, or skipped for its content; files
  whose reading failed for another reason are read again at every scan.

`SCAN_FILE` is written by a scan that found nothing to do when the kept one
is missing or stale (the first search after a change, once its folder has
settled): never when the short cut answered. It names the manifest it was
made against (size and CRC-32 from the index's metadata), so after any
update it is stale until rewritten. Any doubt (a folder or file that
differs, cannot be stat'ed, a malformed file) means the full scan runs.
"""

from __future__ import annotations

import contextlib
import json
import os
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any

from index.files.atomic import write_atomic
from index.files.corpus import Listing
from index.records import Skipped
from index.store import disk

SCAN_FILE = ".diplo-scan.json"
"""In the index folder; hidden, so not part of the fingerprint: it vouches
for itself (it names the manifest it belongs to)."""
VERSION = 2
SETTLE_NS = 2_000_000_000

_SIZE = attrgetter("st_size")
_MTIME = attrgetter("st_mtime_ns")


def _folder_stamp(location: str) -> list[Any]:
    st = os.stat(location)
    return [location, st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_mode]


def _manifest_fingerprint(index_dir: Path) -> Any:
    meta = disk.read_json(index_dir / disk.META_FILE)
    files = meta.get("files") if isinstance(meta, dict) else None
    return files.get(disk.MANIFEST_FILE) if isinstance(files, dict) else None


def _stat_all(folder: str, names: list[str]) -> list[os.stat_result]:
    """stat() of every name in `folder`, relative to the folder (one path
    component for the kernel to resolve per file, not the whole path)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        return list(map(partial(os.stat, dir_fd=fd), names))
    finally:
        os.close(fd)


def unchanged(index_dir: Path, articles_dir: Path) -> tuple[int, list[Skipped]] | None:
    """(unchanged, skipped) as the full scan would report them, when no file
    or folder changed since the kept scan; None when the full scan must run.
    Call with the build lock held, after `disk.check_index` found the index
    usable."""
    state = disk.read_json(index_dir / SCAN_FILE)
    if not isinstance(state, dict) or state.get("version") != VERSION:
        return None
    try:
        if state["articles_dir"] != str(articles_dir):
            return None
        fingerprint = _manifest_fingerprint(index_dir)
        if fingerprint is None or state["manifest"] != fingerprint:
            return None
        if [_folder_stamp(f[0]) for f in state["folders"]] != state["folders"]:
            return None
        for folder, names, sizes, mtimes in state["files"]:
            stats = _stat_all(folder, names.split("\0"))
            if list(map(_SIZE, stats)) != sizes or list(map(_MTIME, stats)) != mtimes:
                return None
        skipped = [Skipped(str(p), str(r), str(c)) for p, r, c in state["skipped"]]
        return int(state["unchanged"]), skipped
    except (OSError, KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None


def keep(
    index_dir: Path,
    articles_dir: Path,
    listing: Listing,
    unchanged_count: int,
    skipped: list[Skipped],
) -> bool:
    """Keep the scan that just found nothing to do (see the module doc for
    when it is kept); True if it was written. Call with the build lock held."""
    if not listing.plain:
        return False
    for _, _, _, mtime, ctime, _ in listing.folders:
        if listing.started_ns - max(mtime, ctime) <= SETTLE_NS:
            return False
    fingerprint = _manifest_fingerprint(index_dir)
    if fingerprint is None:
        return False
    by_folder: dict[str, tuple[list[str], list[int], list[int]]] = {}
    for item in listing.items:
        if isinstance(item, Skipped):
            continue
        folder, name = os.path.split(item[1])
        if "\0" in name or not name:
            return False
        names, sizes, mtimes = by_folder.setdefault(folder, ([], [], []))
        names.append(name)
        sizes.append(item[2])
        mtimes.append(item[3])
    state = {
        "version": VERSION,
        "articles_dir": str(articles_dir),
        "manifest": fingerprint,
        "folders": [list(f) for f in listing.folders],
        "files": [
            [folder, "\0".join(names), sizes, mtimes]
            for folder, (names, sizes, mtimes) in by_folder.items()
        ],
        "unchanged": unchanged_count,
        "skipped": [[s.path, s.reason, s.code] for s in skipped],
    }
    with contextlib.suppress(OSError):  # a read-only cache: the full scan runs next time too
        write_atomic(index_dir / SCAN_FILE, json.dumps(state))
        return True
    return False


def forget(index_dir: Path) -> None:
    """Remove the kept scan (tests; an update makes it stale by itself)."""
    with contextlib.suppress(OSError):
        (index_dir / SCAN_FILE).unlink()
