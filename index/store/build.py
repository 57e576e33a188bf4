"""Full and incremental index builds.

Only files whose size or mtime changed are read again; of those, only the ones
whose content hash changed are re-analysed and re-written. Reading, cleaning and
extraction run in a process pool for large batches while this process feeds the
single Whoosh writer (Whoosh allows one writer per index).
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.writing import IndexWriter

from index.files.corpus import (
    ArticleError,
    Listing,
    SourceFile,
    list_article_files,
    read_article,
)
from index.messages import Problem
from index.records import Article, BuildReport, Progress, Skipped
from index.store import disk as store
from index.store import pool, scan
from index.store import workers as workers_mod
from index.store.schema import prepare_document

POOL_THRESHOLD = 64
"""Below this many files to read, a process pool costs more than it saves."""

WRITER_MB = 32
"""Memory for the writer's postings before it spills them to disk (index/store/pool.py).
32 MB: 4 runs at 10k articles, ~40 at 100k (merged in two steps, `pool.MAX_RUNS`).
Against 42 MB, measured by replaying prepared documents through the writer alone
(no extraction; two runs each, alternating): the same CPU at 10k (10.8-11.3 s against
10.9-11.4 s), at 100k 89-95 s against 84-102 s, the commit 16 s against 20-32 s; the
build's whole-tree peak at 10k 467 -> 453 MB. Below 32 it costs: 24 MB +1-3 s CPU
at 10k, 16 MB +3.5 s."""

STABLE_SKIPS = frozenset({"empty", "binary", "not-text", "too-large"})
"""Reasons that depend on the file's content only: remembered in the manifest
(with size and mtime) so an unchanged bad file is reported, not read, next time.
Permission problems are not among them: a chmod does not change the mtime."""


HEAP_KEEP_BYTES = 4 * 1024 * 1024
"""Freed memory a build process keeps for reuse instead of returning it to
the system at once (see `keep_freed_heap`)."""


class BuildCancelled(Exception):
    pass


@dataclass
class _Plan:
    to_read: list[SourceFile] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def _load(source: SourceFile) -> tuple[Article, dict[str, Any]] | Skipped:
    """Read, clean, extract and analyse one file (in a worker process)."""
    try:
        article = read_article(source.path, source.id)
        return article, prepare_document(article)
    except ArticleError as exc:
        return Skipped(source.location, str(exc), exc.code)
    except Exception as exc:  # a bug must cost one file, not the whole build
        return Skipped(source.location, f"internal error: {type(exc).__name__}: {exc}", "error")


def keep_freed_heap(limit: int = HEAP_KEEP_BYTES) -> None:
    """Let glibc keep up to `limit` bytes of freed heap, and serve blocks
    below it from the heap rather than from fresh mappings.

    By default glibc hands freed memory at the top of the heap back to the
    system once it passes 128 KB. `zlib.compress`, which Whoosh calls for
    every postings block at commit, allocates and frees about 256 KB per
    call, so each call faulted all those pages in again: 100 µs a call
    instead of 9 µs, most of the commit's time (docs/benchmarks.md). A no-op
    where glibc's `mallopt` is missing.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(_M_TRIM_THRESHOLD, limit)
        libc.mallopt(_M_MMAP_THRESHOLD, limit)
    except (OSError, AttributeError):
        pass


_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
"""glibc's malloc.h parameter numbers for `mallopt`."""


def _start_worker() -> None:
    """Pool worker start-up (index/store/workers.py).

    Map the name tables (milliseconds: they are shared with every other
    process, not copied) and take everything loaded so far out of the garbage
    collector's sight: a worker allocates millions of short-lived objects,
    and a higher threshold makes the young collections rarer. (A worker exits
    with its builder by itself: its task pipe ends.)
    """
    keep_freed_heap()
    _collect_less()


def _collect_less() -> tuple[int, int, int]:
    """Map the name tables, take everything loaded out of the collector's
    sight and make young collections rarer; returns the thresholds before."""
    from index.extract.gazetteer import load

    with contextlib.suppress(Exception):  # a broken table costs each file, not the pool
        load()
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*BUILD_GC_THRESHOLD)
    return threshold


def load_articles(
    sources: list[SourceFile], workers: int | None = None
) -> Iterator[tuple[Article, dict[str, Any]] | Skipped]:
    """Read articles in order, on `workers` cores when there are many.

    This process reads too: it writes what is read and, whenever nothing is
    ready to write, reads the next chunk itself, so `workers - 1` child
    processes keep the cores busy. One process fewer than one per core holds
    one copy fewer of the extraction tables (~200 MB at 10k articles) and
    leaves no core idle while the writer waits.
    """
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if len(sources) < POOL_THRESHOLD or workers <= 1:
        yield from map(_load, sources)
        return
    # Child interpreters on pipes, not multiprocessing (index/store/workers.py).
    helpers = workers - 1
    with (
        workers_mod.Pool(helpers, f"{__name__}:_load_chunk", f"{__name__}:_start_worker") as pool,
        _fewer_collections(),
    ):
        yield from _ordered_results(pool, sources, helpers)


BUILD_GC_THRESHOLD = (20_000, 10, 10)
"""The garbage collector's thresholds while a pooled build reads (see `_fewer_collections`)."""


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """While this process reads and writes a pooled build: the name tables
    loaded and, with everything else loaded so far, out of the collector's
    sight, and young collections rarer (as in a worker, `_start_worker`);
    the collector as it was afterwards.

    At 10k articles the builder spent 8.9 of its 67 CPU-s collecting (5.1 s
    in 18 full collections, each walking the tables' objects). Only cyclic
    garbage waits longer; the build makes next to none. Settings are
    process-wide, so a TUI's other threads collect less often meanwhile."""
    threshold = _collect_less()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


CHUNK = 16
"""Files a worker reads per task."""

IN_FLIGHT = 4
"""Tasks submitted per worker ahead of the one being written: enough to keep
every worker busy, few enough that finished articles never pile up in the
builder when it writes more slowly than the workers read."""


def _load_chunk(chunk: list[SourceFile]) -> list[tuple[Article, dict[str, Any]] | Skipped]:
    return [_load(source) for source in chunk]


def _ordered_results(
    pool: workers_mod.Pool, sources: list[SourceFile], workers: int
) -> Iterator[tuple[Article, dict[str, Any]] | Skipped]:
    """`_load` of every source, in order, with a bounded number of tasks out.

    Each chunk goes to a worker while the workers have fewer than
    `IN_FLIGHT` tasks each; otherwise, unless the oldest task's result is
    there to be written, this process reads the chunk itself. The window of
    chunks between the oldest unwritten and the newest is bounded, so read
    articles never pile up.
    """
    chunks = (sources[i : i + CHUNK] for i in range(0, len(sources), CHUNK))
    window: deque[tuple[Any, list[Any] | None]] = deque()  # (worker handle, None) or (None, read)
    outstanding = 0  # tasks sent and not yet taken back
    limit = IN_FLIGHT * workers
    longest = 2 * limit + 2

    def take_oldest() -> Iterator[tuple[Article, dict[str, Any]] | Skipped]:
        nonlocal outstanding
        handle, done = window.popleft()
        if done is not None:
            return iter(done)
        outstanding -= 1
        return iter(pool.result(handle))

    for chunk in chunks:
        while window and (window[0][1] is not None or pool.ready(window[0][0])):
            yield from take_oldest()
        if outstanding < limit:
            window.append((pool.submit(chunk), None))
            outstanding += 1
        else:
            window.append((None, _load_chunk(chunk)))
        while len(window) >= longest:
            yield from take_oldest()
    while window:
        yield from take_oldest()


def _plan(articles_dir: Path, manifest: dict[str, Any], listing: Listing | None = None) -> _Plan:
    """What to read, what is unchanged and what was removed, from a walk of
    the folder (`listing`, made here if not given) and the manifest."""
    plan = _Plan()
    listing = list_article_files(articles_dir) if listing is None else listing
    seen: set[str] = set()
    skipped = plan.skipped
    unchanged = 0
    get = manifest.get
    for item in listing.items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        source_id, location, size, mtime_ns = item
        seen.add(source_id)
        entry = get(source_id)
        if entry and entry[0] == location and entry[1:3] == [size, mtime_ns]:
            if entry[3] is None:  # skipped last time for a reason its content gave
                skipped.append(Skipped(entry[0], entry[4], entry[5]))
            else:
                unchanged += 1
        else:
            plan.to_read.append(item)  # the listing's SourceFile itself, not a copy
    plan.unchanged = unchanged
    plan.removed = sorted(set(manifest) - seen)
    return plan


def _open_writer(ix: whoosh_index.Index, workers: int | None = None) -> IndexWriter:
    """A writer with the build's postings pool; on more than one core (`workers`, by
    default as `load_articles` counts them) its commit shares the terms of a large
    build with a helper process (index/store/pool.py `_Split`)."""
    # compound=False: readers map the segment files instead of loading one
    # compound file into memory (docs/benchmarks.md: reading RSS 1,002 -> 70 MB
    # at 100k articles).
    keep_freed_heap()
    writer = ix.writer(limitmb=WRITER_MB, compound=False)
    cores = workers if workers is not None else min(2, os.cpu_count() or 1)
    pool.install(writer, WRITER_MB, split=cores > 1)
    return writer


def _write(
    writer: IndexWriter,
    plan: _Plan,
    manifest: dict[str, Any],
    progress: Progress | None,
    cancel: threading.Event | None,
    workers: int | None,
) -> tuple[int, int, int]:
    """Write the plan into `writer`; returns (added, updated, touched)."""
    added = updated = touched = 0
    total = len(plan.to_read)
    # One result per source, in order (load_articles): no tables by id or path.
    loaded = zip(plan.to_read, load_articles(plan.to_read, workers), strict=True)
    for done, (source, item) in enumerate(loaded, 1):
        if cancel is not None and cancel.is_set():
            raise BuildCancelled
        if isinstance(item, Skipped):
            plan.skipped.append(item)
            source_id = source.id
            if source_id in manifest:
                writer.delete_by_term("id", source_id)
                del manifest[source_id]
            if item.code in STABLE_SKIPS:
                manifest[source_id] = [
                    source.location,
                    source.size,
                    source.mtime_ns,
                    None,
                    item.reason,
                    item.code,
                ]
        else:
            article, doc = item
            # Keyed by the listing's id string, equal to `article.id` but not a
            # second copy of it from the worker's pickle (6 MB at 100k articles).
            source_id = source.id
            old = manifest.get(source_id)
            entry: list[Any] | None = [
                source.location,
                source.size,
                source.mtime_ns,
                article.content_hash,
            ]
            if old and old[3] == article.content_hash:
                touched += 1  # mtime changed, content did not: nothing to re-index
            else:
                try:
                    writer.update_document(**doc)
                except OSError:
                    raise  # disk full or gone: the whole build must fail over
                except Exception as exc:  # one odd document must not sink the build
                    plan.skipped.append(
                        Skipped(article.path, f"internal error: {type(exc).__name__}", "error")
                    )
                    entry = None
                else:
                    if old:
                        updated += 1
                    else:
                        added += 1
            if entry is not None:
                manifest[source_id] = entry
        if progress is not None:
            progress(done, total)
    for article_id in plan.removed:
        writer.delete_by_term("id", article_id)
        manifest.pop(article_id, None)
    return added, updated, touched


def update_index(
    articles_dir: Path,
    index_dir: Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    wait: float = 0.0,
    workers: int | None = None,
) -> BuildReport:
    """Bring the index at `index_dir` up to date with `articles_dir`.

    Rebuilds from scratch when asked, or when the index is missing, damaged or
    from another schema/program version (the reason is in `report.note`).
    Raises store.IndexBusy when another process is building and `wait` runs out.
    """
    start = time.perf_counter()
    articles_dir = Path(articles_dir).resolve()
    # The lock file outlives the index: if it exists, an index was built here
    # before, so a missing index folder means it was deleted, not a first run.
    built_before = store.lock_path(index_dir).exists()
    with store.build_lock(index_dir, wait=wait):
        store.remove_leftovers(index_dir)
        manifest: dict[str, Any] = {}
        problem = None if rebuild else store.check_index(index_dir, articles_dir)
        if problem is None and not rebuild:
            found = scan.changes(index_dir, articles_dir)
            if found is not None:  # the kept scan planned it: no walk, no manifest
                return _update_from_scan(
                    articles_dir, index_dir, found, start, progress, cancel, workers
                )
            problem = store.read_manifest(index_dir, manifest)
        full = rebuild or problem is not None
        if full:
            manifest.clear()
        listing = list_article_files(articles_dir)
        plan = _plan(articles_dir, manifest, listing)
        if not full and not plan.to_read and not plan.removed:
            scan.keep(index_dir, articles_dir, listing, manifest, plan.skipped)
            return BuildReport(
                unchanged=plan.unchanged,
                skipped=tuple(plan.skipped),
                seconds=time.perf_counter() - start,
            )
        if full:
            target, ix = store.new_temp_index(index_dir)
        else:
            target, ix = index_dir, store.open_index(index_dir)
        try:
            added, updated, touched = _commit(ix, plan, manifest, progress, cancel, workers)
            ix.close()
            # Manifest first, then the metadata that seals the build: a crash in
            # between leaves a fingerprint mismatch, caught as damage next start.
            store.write_manifest(target, manifest)
            store.write_meta(target, articles_dir)
            if full:
                store.swap_in(target, index_dir)
            scan.keep(index_dir, articles_dir, listing, manifest, plan.skipped)
        except BaseException:
            ix.close()
            if full:
                shutil.rmtree(target, ignore_errors=True)
            raise
    return BuildReport(
        added=added,
        updated=updated,
        removed=len(plan.removed),
        unchanged=plan.unchanged + touched,
        read=len(plan.to_read),
        skipped=tuple(plan.skipped),
        seconds=time.perf_counter() - start,
        rebuilt=full,
        note=_rebuild_note(problem, built_before),
    )


def _commit(
    ix: Any,
    plan: _Plan,
    manifest: dict[str, Any],
    progress: Progress | None,
    cancel: threading.Event | None,
    workers: int | None,
) -> tuple[int, int, int]:
    """Write the plan with one writer and commit it (cancelled on any error):
    (added, updated, touched)."""
    writer = _open_writer(ix, workers)
    try:
        counts = _write(writer, plan, manifest, progress, cancel, workers)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return counts


def _update_from_scan(
    articles_dir: Path,
    index_dir: Path,
    found: scan.Changes,
    start: float,
    progress: Progress | None,
    cancel: threading.Event | None,
    workers: int | None,
) -> BuildReport:
    """An update planned by the kept scan (`scan.changes`): only the changed
    entries of the manifest are known, and only they are written (to the
    manifest's journal, `store.JOURNAL_FILE`). Call with the build lock held."""
    if found.empty:
        if found.restamp:  # a folder changed with no file in it, or settled
            scan.keep_changes(index_dir, articles_dir, found, {}, found.skipped)
        return BuildReport(
            unchanged=found.unchanged,
            skipped=tuple(found.skipped),
            seconds=time.perf_counter() - start,
        )
    journal = store.read_journal(index_dir)
    if journal is None:  # check_index vouched for its checksum: only a bug gets here
        raise OSError(f"unreadable {store.JOURNAL_FILE}")
    plan = _Plan(list(found.to_read), list(found.removed), found.unchanged, list(found.skipped))
    manifest: dict[str, Any] = dict(found.old)  # what _write needs of the old entries
    ix = store.open_index(index_dir)
    try:
        added, updated, touched = _commit(ix, plan, manifest, progress, cancel, workers)
    finally:
        ix.close()
    for source_id in [*(s.id for s in plan.to_read), *plan.removed]:
        journal[source_id] = manifest.get(source_id)
    if len(journal) > store.JOURNAL_MAX:
        whole: dict[str, Any] = {}
        problem = store.read_manifest(index_dir, whole)
        if problem is not None:
            raise OSError(f"unreadable {store.MANIFEST_FILE}")
        for source_id, entry in journal.items():
            if entry is None:
                whole.pop(source_id, None)
            else:
                whole[source_id] = entry
        store.write_manifest(index_dir, whole)
    else:
        store.write_json_atomic(index_dir / store.JOURNAL_FILE, journal)
    store.write_meta(index_dir, articles_dir)
    scan.keep_changes(index_dir, articles_dir, found, manifest, plan.skipped)
    return BuildReport(
        added=added,
        updated=updated,
        removed=len(plan.removed),
        unchanged=plan.unchanged + touched,
        read=len(plan.to_read),
        skipped=tuple(plan.skipped),
        seconds=time.perf_counter() - start,
    )


def _rebuild_note(problem: Problem | None, built_before: bool) -> Problem | None:
    """What to tell the user about a rebuild; None when there is nothing to say
    (no rebuild, a first build, or the user asked for it)."""
    if problem is None:
        return None
    if problem.code == "index.none":
        return Problem("note.missing") if built_before else None
    return Problem("note.rebuilt", (problem,))


def build_in_memory(
    articles_dir: Path, progress: Progress | None = None, workers: int | None = None
) -> tuple[whoosh_index.Index, BuildReport]:
    """Build a throwaway index in memory (when the cache folder is not writable)."""
    start = time.perf_counter()
    ix = store.ram_index()
    plan = _plan(Path(articles_dir).resolve(), {})
    writer = _open_writer(ix, workers)
    manifest: dict[str, Any] = {}
    added, _, _ = _write(writer, plan, manifest, progress, None, workers)
    writer.commit()
    report = BuildReport(
        added=added,
        read=len(plan.to_read),
        skipped=tuple(plan.skipped),
        seconds=time.perf_counter() - start,
        rebuilt=True,
    )
    return ix, report
