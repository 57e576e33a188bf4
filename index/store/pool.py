"""A compact postings pool for the Whoosh writer.

Whoosh's `PostingPool` keeps every posting as a five-item tuple (~250 bytes)
and sorts them all at commit. At 10k articles that overflows any sensible
memory limit, so it pickles sorted runs to disk while documents are added and
merges them back posting by posting at commit: about a third of the writer's
time in a full build (measured with py-spy; docs/benchmarks.md).

`TermPool` keeps the postings grouped by term instead: per field a dict of
terms, per term a 16-byte record a posting (document number, value length,
weight) in one buffer and the value bytes in another: ~18 bytes a posting
and ~240 a term besides the bytes themselves (`_TERM_COST`).
Documents arrive in document-number order, so each term's postings are
already sorted; only the terms are sorted at commit. When the pool grows past
its limit it still spills, one sorted record per term, and the commit merges
those records term by term.

`install(writer)` swaps it into a `whoosh.writing.SegmentWriter` before the
first document (Whoosh 2.7 ignores its own `poolclass` argument; the swap
goes through index/engine.py), and has the writer hand it a document's
postings a field at a time (`TermPool.add_field`) instead of one tuple per
posting (a third of the builder's time went to that at 10k articles). The output
is the stream Whoosh's pool yields: (fieldname, term bytes, docnum, weight,
value bytes) in field, term, docnum order (tests/index/test_pool.py).
"""

from __future__ import annotations

import contextlib
import heapq
import marshal
import os
import struct
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from typing import Any

from whoosh.util import random_name

from index import engine
from index.store import workers

Posting = tuple[str, bytes, int, float, "bytes | None"]
Record = tuple[Any, ...]
"""One term's postings: (fieldname, text, docnums, weights, value lengths, values)."""

MAX_RUNS = 32
"""Spilled runs merged at once at most (each is an open file while merging)."""

_SAMPLE = 256
"""Every how many records of a run its place is noted (`TermPool._samples`), for
splitting the commit's terms between two processes."""
SPLIT_MIN_BYTES = 8 << 20
"""Spilled bytes below which the commit stays in one process (a helper takes ~0.3 s
to start)."""

_TERM_COST = 240
"""Bytes per distinct term besides its text: dict slot, term bytes object,
`_Term` and its two buffers (tracemalloc: ~200 plus the 33 of the bytes
object; the layout of one array per column and a key tuple cost ~560)."""
_POSTING_COST = 18
"""Bytes per posting besides its value bytes: its 16-byte record and the
buffers' over-allocation (tracemalloc: 17.5)."""


class _Term:
    """One term's postings: a record per posting (document number, value
    length, weight: `_RECORD`) in one buffer, and the value bytes one after
    another in another (None while no posting had a value).

    Two buffers a term, not an array per column: most terms have a handful
    of postings, so a term's containers cost more than its postings (four
    arrays and a key tuple made ~560 bytes a term, 60% of the pool at 10k
    articles)."""

    __slots__ = ("fixed", "ordered", "values")

    def __init__(self, has_values: bool) -> None:
        self.fixed = bytearray()
        self.values: bytearray | None = bytearray() if has_values else None
        self.ordered = True

    def add(self, docnum: int, weight: float, value: bytes | None) -> None:
        fixed = self.fixed
        if fixed and docnum < _LAST_DOCNUM.unpack_from(fixed, len(fixed) - _RECORD.size)[0]:
            self.ordered = False  # (an equal one, the same field twice, stays in place)
        if value is None:
            fixed += _RECORD.pack(docnum, 0, weight)
            return
        if self.values is None:
            self.give_values()
        self.values += value  # type: ignore[operator]
        fixed += _RECORD.pack(docnum, len(value), weight)

    def give_values(self) -> None:
        """Postings without a value (None) so far get empty ones (their
        records say length 0): a term may have both when a merged segment's
        reader gives None where a new document gives b"" (Whoosh writes None
        as b"" anyway)."""
        self.values = bytearray()

    def dump(self) -> tuple[bytes, bytes, bytes, bytes | None]:
        """(docnums, weights, value lengths, values) as bytes, in document order."""
        values = self.values
        with memoryview(self.fixed) as view, view.cast("I") as ints, view.cast("d") as floats:
            record = (
                ints[0::4].tobytes(),
                floats[1::2].tobytes(),
                ints[1::4].tobytes() if values is not None else b"",
                bytes(values) if values is not None else None,
            )
        if self.ordered:
            return record
        rows = sorted(_postings("", b"", *record), key=_docnum)
        other = _Term(values is not None)
        for _, _, docnum, weight, value in rows:
            other.add(docnum, weight, value)
        return other.dump()


_RECORD = struct.Struct("=iId")
"""A posting's record in `_Term.fixed`: document number, value length and
weight, 16 bytes in native order (the bytes of arrays "i", "I" and "d", so a
column is a strided slice)."""
_LAST_DOCNUM = struct.Struct("=i")


def _postings(
    fieldname: str, text: bytes, docs: bytes, weights: bytes, lengths: bytes, values: bytes | None
) -> Iterator[Posting]:
    """The postings of one term record."""
    docnums, wts = array("i", docs), array("d", weights)
    if values is None:
        for docnum, weight in zip(docnums, wts, strict=True):
            yield fieldname, text, docnum, weight, None
        return
    start = 0
    for docnum, weight, length in zip(docnums, wts, array("I", lengths), strict=True):
        end = start + length
        yield fieldname, text, docnum, weight, values[start:end]
        start = end


def _combine(records: list[Record]) -> Record:
    """One record for a term from its records in run order (each one sorted)."""
    if len(records) == 1:
        return records[0]
    fieldname, text = records[0][0], records[0][1]
    docs = array("i")
    ordered = True
    for record in records:
        part = array("i", record[2])
        ordered = ordered and (not docs or part[0] > docs[-1])
        docs.extend(part)
    if not ordered:  # documents were added out of order: rebuild the term
        term = _Term(False)
        for record in records:
            for _, _, docnum, weight, value in _postings(*record):
                term.add(docnum, weight, value)
        return (fieldname, text, *term.dump())
    if all(r[5] is None for r in records):
        return (fieldname, text, docs.tobytes(), b"".join(r[3] for r in records), b"", None)
    records = [_with_values(r) for r in records]
    return (
        fieldname,
        text,
        docs.tobytes(),
        b"".join(r[3] for r in records),
        b"".join(r[4] for r in records),
        b"".join(r[5] for r in records),
    )


def _with_values(record: Record) -> Record:
    """A record whose postings have no values, with empty ones (see give_values)."""
    if record[5] is not None:
        return record
    return (*record[:4], bytes(len(record[2])), b"")


class TermPool:
    """Drop-in for `whoosh.writing.PostingPool` (add, iter_postings, save, cleanup)."""

    def __init__(self, tempstore: Any, limitmb: float = 128) -> None:
        self.tempstore = tempstore
        self.limit = int(limitmb * 1024 * 1024)
        self.fieldnames: set[str] = set()
        self.runs: list[str] = []
        self._fields: dict[str, dict[bytes, _Term]] = {}
        """Per field name, its terms: no (field, term) key tuple a term."""
        self._size = 0
        self._maxdoc = -1
        """The highest document number added so far."""
        self._lastfield: str | None = None
        """The field `add_field` last added of document `_maxdoc` (None when
        `add` added postings of it)."""
        self.split = False
        """Whether the commit may hand the second half of the terms to a helper process
        (`install`): with spilled runs in a folder, it encodes them beside this one."""
        self._samples: dict[str, list[tuple[str, bytes, int]]] = {}
        """Per run: every `_SAMPLE`-th record's field, term and place, and the end."""

    def _terms_of(self, fieldname: str) -> dict[bytes, _Term]:
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def add_field(
        self, fieldname: str, docnum: int, items: Iterable[Any], boost: float, scorable: bool
    ) -> int:
        """Add one document's postings of one field: what `add` of each
        (fieldname, term bytes, docnum, weight * boost, value bytes) does,
        for the (term bytes, frequency, weight, value bytes) of
        `field.index()`; returns the field's length (the frequencies summed,
        0 unless `scorable`), as Whoosh's `add_document` counts it."""
        length = 0
        last = self._lastfield
        if docnum < self._maxdoc or (
            docnum == self._maxdoc and (last is None or fieldname <= last)
        ):  # out of order: the careful path
            for text, freq, weight, value in items:
                if scorable:
                    length += freq
                self.add((fieldname, text, docnum, weight * boost, value))
            return length
        # A later document, or a later field of this one (add_document adds
        # them in name order): every term's postings stay in document order.
        self._maxdoc = docnum
        self._lastfield = fieldname
        terms = self._terms_of(fieldname)
        pack = _RECORD.pack
        size = 0
        for text, freq, weight, value in items:
            if scorable:
                length += freq
            term = terms.get(text)
            if term is None:
                term = terms[text] = _Term(value is not None)
                size += _TERM_COST + len(text)
            # _Term.add, for a document after all of the term's others
            if value is None:
                term.fixed += pack(docnum, 0, weight * boost)
                size += _POSTING_COST
            else:
                values = term.values
                if values is None:
                    term.give_values()
                    values = term.values
                values += value  # type: ignore[operator]
                term.fixed += pack(docnum, len(value), weight * boost)
                size += _POSTING_COST + len(value)
        self._size += size
        if self._size > self.limit:
            self.save()
        return length

    def add(self, item: Posting) -> None:
        fieldname, text, docnum, weight, value = item
        if docnum >= self._maxdoc:
            self._maxdoc = docnum
            self._lastfield = None
        terms = self._terms_of(fieldname)
        term = terms.get(text)
        if term is None:
            term = terms[text] = _Term(value is not None)
            self._size += _TERM_COST + len(text)
        term.add(docnum, weight, value)
        self._size += _POSTING_COST if value is None else _POSTING_COST + len(value)
        if self._size > self.limit:
            self.save()

    def save(self) -> None:
        """Write the pool as one sorted run file and empty it."""
        if not self._fields:
            return
        self._write_run(self._drain())
        self._size = 0
        if len(self.runs) > MAX_RUNS:
            # Too many files to merge at once: fold them into one run first.
            runs, self.runs = self.runs, []
            self._write_run(_combine(group) for group in self._groups(runs))

    def _drain(self) -> Iterator[Record]:
        """Every term's record in field and term order, each term dropped
        once written (the pool is empty from the first record on)."""
        fields, self._fields = self._fields, {}
        for fieldname in sorted(fields):
            terms = fields.pop(fieldname)
            for text in sorted(terms):
                yield (fieldname, text, *terms.pop(text).dump())

    def _write_run(self, records: Iterable[Record]) -> None:
        path = f"{random_name()}.run"
        out = self.tempstore.create_file(path)
        samples: list[tuple[str, bytes, int]] = []
        try:
            fh = out.raw_file()
            for n, record in enumerate(records):
                if not n % _SAMPLE:
                    samples.append((record[0], record[1], fh.tell()))
                marshal.dump(record, fh)
            samples.append(("", b"", fh.tell()))  # the end
        finally:
            out.close()  # through the storage's file: RamStorage keeps it on close
        self.runs.append(path)
        self._samples[path] = samples

    def iter_postings(self) -> _Stream:
        """The postings for the commit, in field, term, document order: a
        stream the commit writes a term at a time (see `install`)."""
        if not self.runs:
            return _Stream(self._drain())
        self.save()
        runs, self.runs = self.runs, []
        folder = getattr(self.tempstore, "folder", None)
        spilled = sum(self._samples[path][-1][2] for path in runs)
        if self.split and folder is not None and spilled >= SPLIT_MIN_BYTES:
            split = _Split(self, runs, folder)
            return _Stream(split.lower(), split)
        return _Stream(_combine(group) for group in self._groups(runs))

    def _read_run(self, path: str, until: tuple[str, bytes] | None = None) -> Iterator[Record]:
        """A run's records (those before `until`, if given), the run deleted after
        the last (kept, if `until` is given: another process reads the rest)."""
        run = self.tempstore.open_file(path)
        try:
            fh = run.raw_file()
            while True:
                try:
                    record = marshal.load(fh)
                except EOFError:
                    break
                if until is not None and (record[0], record[1]) >= until:
                    break
                yield record
        finally:
            run.close()
        if until is None:
            self.tempstore.delete_file(path)
            self._samples.pop(path, None)

    def _groups(
        self, runs: list[str], until: tuple[str, bytes] | None = None
    ) -> Iterator[list[Record]]:
        """Each term's records from all runs, in run order."""
        return _merged(self._read_run(path, until) for path in runs)

    def cleanup(self) -> None:
        self._fields = {}
        for path in self.runs:
            with contextlib.suppress(OSError):
                self.tempstore.delete_file(path)
        self.runs = []


def _merged(runs: Iterable[Iterator[Record]]) -> Iterator[list[Record]]:
    """Each term's records from all runs, in run order."""
    # Keyed by run number, so a term's records come in run (document)
    # order; bound per stream (a generator expression would see the last
    # number only, and the ties would fall to the records themselves).
    streams = [_keyed(run, i) for i, run in enumerate(runs)]
    group: list[Record] = []
    for fieldname, text, _, rec in heapq.merge(*streams):
        if group and (group[0][0], group[0][1]) != (fieldname, text):
            yield group
            group = []
        group.append(rec)
    if group:
        yield group


class _Split:
    """The commit's terms in two halves by spilled bytes: this process writes those
    before `key`, a helper process (`encode_from`) encodes the rest from the same run
    files meanwhile, and the commit appends what it made (`engine.add_term_records`).
    If the helper fails, this process encodes them itself: the segment is the same
    either way, byte for byte."""

    def __init__(self, pool: TermPool, runs: list[str], folder: str) -> None:
        self.pool = pool
        self.runs = runs
        self.paths = [os.path.join(folder, path) for path in runs]
        self.out = os.path.join(folder, f"{random_name()}.part")
        self.key = _half_way([pool._samples[path] for path in runs])
        self.starts = [_start_before(pool._samples[path], self.key) for path in runs]
        self.fieldnames = sorted(f for f in pool.fieldnames if f >= self.key[0])
        self.helper: workers.Pool | None = None

    def lower(self) -> Iterator[Record]:
        return (_combine(group) for group in self.pool._groups(self.runs, self.key))

    def start(
        self,
        settings: dict[str, tuple[int, int, int | None]],
        tables: dict[str, Any],
    ) -> Callable[[], engine.EncodedTerms]:
        """Have a helper encode the second half now; the returned call waits for it."""
        task = (self.paths, self.starts, self.key, settings, tables, self.out)
        handle = None
        with contextlib.suppress(Exception):  # no helper: this process does it after
            self.helper = workers.Pool(1, f"{__name__}:encode_from", "")
            handle = self.helper.submit(task)

        def result() -> engine.EncodedTerms:
            done = None
            if self.helper is not None:
                with contextlib.suppress(Exception):
                    done = self.helper.result(handle)
                self._close_helper()
            if done is None:
                encode_from(task)
            return self.out, _read_terms(self.out + ".terms")

        return result

    def _close_helper(self, kill: bool = False) -> None:
        helper, self.helper = self.helper, None
        if helper is not None:
            with contextlib.suppress(Exception):
                helper.close(kill=kill)

    def finish(self) -> None:
        """Stop the helper if it still runs (the commit failed), delete the run files
        and its output (after the commit took it, or failed)."""
        self._close_helper(kill=True)
        for path in (*self.paths, self.out, self.out + ".terms"):
            with contextlib.suppress(OSError):
                os.remove(path)


def _read_terms(path: str) -> Iterator[tuple[str, bytes, bytes, int, int]]:
    with open(path, "rb") as fh:
        while True:
            try:
                yield marshal.load(fh)
            except EOFError:
                return


def _half_way(samples: list[list[tuple[str, bytes, int]]]) -> tuple[str, bytes]:
    """The (field, term) where half of the runs' bytes lie before, by their samples."""
    weighted: list[tuple[tuple[str, bytes], int]] = []
    for run in samples:
        for (fieldname, text, at), (_, _, after) in pairwise(run):
            weighted.append(((fieldname, text), after - at))
    weighted.sort()
    half = sum(w for _, w in weighted) / 2
    seen = 0
    for key, w in weighted:
        seen += w
        if seen >= half:
            return key
    return weighted[-1][0]


def _start_before(samples: list[tuple[str, bytes, int]], key: tuple[str, bytes]) -> int:
    """A place in a run at or before its first record from `key` on."""
    start = 0
    for fieldname, text, at in samples[:-1]:
        if (fieldname, text) >= key:
            break
        start = at
    return start


def _read_from(path: str, start: int, key: tuple[str, bytes]) -> Iterator[Record]:
    """A run file's records from `key` on, read from `start` (a helper's; it keeps
    the file)."""
    with open(path, "rb") as fh:
        fh.seek(start)
        while True:
            try:
                record = marshal.load(fh)
            except EOFError:
                return
            if (record[0], record[1]) >= key:
                yield record


def encode_from(task: tuple[Any, ...]) -> int:
    """A helper's task (`_Split.start`): the terms from the split key on of every run,
    encoded into the postings file `out` and its terms file (`engine.encode_terms`);
    returns their number."""
    paths, starts, key, settings, tables, out = task
    with open(out, "wb") as postings, open(out + ".terms", "wb") as terms:
        records = _records_from(paths, starts, key)
        return engine.encode_terms(records, settings, tables, postings, terms)


def _records_from(paths: list[str], starts: list[int], key: tuple[str, bytes]) -> Iterator[Record]:
    """Each term's one record from `key` on, from every run file (read from `starts`)."""
    runs = (_read_from(p, s, key) for p, s in zip(paths, starts, strict=True))
    return (_combine(group) for group in _merged(runs))


def _keyed(records: Iterator[Record], run: int) -> Iterator[tuple[str, bytes, int, Record]]:
    for record in records:
        yield record[0], record[1], run, record


class _Stream:
    """The pool's postings at commit: an iterator of postings (what Whoosh's
    field writer takes) whose term records are also there as `records`, for
    `engine.add_term_records` to write a term at a time (a third of the
    commit's time went to passing each posting through Python). With a
    `split`, `records` are the first half and the split gives the rest."""

    def __init__(self, records: Iterator[Record], split: _Split | None = None) -> None:
        self.records = records
        self.split = split
        self._postings: Iterator[Posting] | None = None

    def __iter__(self) -> _Stream:
        return self

    def __next__(self) -> Posting:
        if self._postings is None:
            self._postings = (p for record in self._all() for p in _postings(*record))
        return next(self._postings)

    def _all(self) -> Iterator[Record]:
        """Every record, the split's second half read here (Whoosh's own path)."""
        yield from self.records
        split = self.split
        if split is not None:
            yield from _records_from(split.paths, split.starts, split.key)
            split.finish()


def _records_of(items: Any) -> Iterator[Record] | None:
    return items.records if isinstance(items, _Stream) and items._postings is None else None


def _split_of(items: Any) -> _Split | None:
    return items.split if isinstance(items, _Stream) else None


def _docnum(posting: Posting) -> int:
    return posting[2]


class _LengthTable:
    """A per-document reader whose `doc_field_length` answers from a table
    read once per field. Whoosh's field writer asks for the length of every
    posting's document, each time a seek and a read in the lengths column:
    a third of the commit's time at 10k articles."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._tables: dict[str, list[Any]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        return self.table(fieldname)[docnum]

    def table(self, fieldname: str) -> list[Any]:
        """The field's length for every document, by document number."""
        table = self._tables.get(fieldname)
        if table is None:
            n = self._reader.doc_count_all()
            try:  # the whole column in one read
                table = engine.perdoc_field_lengths(self._reader, fieldname, n)
            except Exception:  # another codec's reader: one document at a time
                length = self._reader.doc_field_length
                table = [length(d, fieldname, 0) for d in range(n)]
            self._tables[fieldname] = table
        return table

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def install(writer: Any, limitmb: float = 128, split: bool = False) -> None:
    """Give a fresh SegmentWriter a TermPool, table-backed field lengths and
    a term-at-a-time postings writer for its commit (before any document is
    added); with `split`, a commit from spilled runs shares its terms with a
    helper process (`_Split`)."""
    engine.replace_pool(writer, lambda tempstore: TermPool(tempstore, limitmb=limitmb))
    writer.pool.split = split
    engine.wrap_add_document(writer, writer.pool.add_field)
    engine.wrap_length_reader(writer, _LengthTable)
    engine.wrap_add_postings(writer, _records_of, _split_of)
