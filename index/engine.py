"""Every use of Whoosh's private internals, in one place.

The rest of `index` uses Whoosh's public API only. What is here reads or
swaps attributes Whoosh does not document, for speed: postings a block at a
time, field lengths in one read, a compact postings pool in the writer. Each
function says which internals it relies on; all were written against
whoosh-reloaded 2.7.5 (its `whoosh3` codec, `W3LeafMatcher`, `ListMatcher`
and `SegmentWriter`), the version `SUPPORTED` names and pyproject.toml pins.

Moving to another engine release means: change `SUPPORTED` and the pin in
pyproject.toml together (tests/index/test_engine.py checks they agree and that
the installed engine is the supported one), then run the whole suite; the
tests of the pool, the evaluator and the expanded queries compare these paths
with Whoosh's own results.
"""

from __future__ import annotations

import marshal
import operator
import pickle
import re
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Any

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3FieldWriter,
    W3LeafMatcher,
    W3TermInfo,
    _lenfield,
)
from whoosh.filedb.filetables import _lengths as _KV_LENGTHS
from whoosh.matching import ListMatcher, NullMatcher, ReadTooFar
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

if TYPE_CHECKING:
    import numpy as np

SUPPORTED = ("whoosh-reloaded", "2.7.5")
"""The engine distribution and the exact version whose internals this module
uses; pyproject.toml pins the same (a test checks)."""

NO_VALUE = 2**63
"""Numeric columns read with `translate=False` give a missing value as their
type's maximum (2**64 - 1 for the unsigned 64-bit DATETIME column); every real
date lies below 2**63, so a value at or above this one means "no value"."""

_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]
_HEADER_MAGIC: bytes = WHOOSH3_HEADER_MAGIC
_TERMINFO: struct.Struct = W3TermInfo._struct


class EngineVersionError(RuntimeError):
    """The installed Whoosh is not the release this module was written for."""


def installed_engine() -> tuple[str, str] | None:
    """(distribution, version) of what provides the `whoosh` module, or None.

    The supported distribution is preferred when several claim the module
    (whoosh, whoosh-reloaded and whoosh3 all install `whoosh`)."""
    from importlib import metadata  # 20-40 ms: only the version check needs it

    names = sorted(
        set(metadata.packages_distributions().get("whoosh", ())),
        key=lambda name: (_normalized(name) != SUPPORTED[0], name),
    )
    for name in names:
        try:
            return name, metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def check_version(found: tuple[str, str] | None = None) -> None:
    """Raise EngineVersionError unless `found` (default: the installed engine)
    is exactly `SUPPORTED`; the message names both."""
    found = installed_engine() if found is None else found
    if found is not None and (_normalized(found[0]), found[1]) == SUPPORTED:
        return
    have = f"{found[0]} {found[1]}" if found else "no Whoosh distribution"
    raise EngineVersionError(
        f"index/engine.py supports {SUPPORTED[0]}=={SUPPORTED[1]} only; found {have}. "
        "Install the pinned version, or port index/engine.py and change SUPPORTED "
        "and the pin in pyproject.toml together."
    )


def _normalized(distribution: str) -> str:
    """A distribution name as PEP 503 compares them ("Whoosh_Reloaded" -> "whoosh-reloaded")."""
    return re.sub(r"[-_.]+", "-", distribution).lower()


# -- reading ----------------------------------------------------------------


def leaf_postings(leaf: Any, fieldname: str, text: str) -> Iterator[tuple[int, float]]:
    """(docnum, weight) of one term in one segment reader, deleted documents
    excluded.

    Private: a `W3LeafMatcher` (or one wrapped as `.child`) is read a whole
    block at a time through `_read_ids`, `_read_weights`, `_ids`, `_weights`
    and `_next_block` (whoosh-reloaded 2.7.5, whoosh/codec/whoosh3.py), about
    15x cheaper than `next()` per posting. Any other matcher takes the public
    path."""
    try:
        m = leaf.postings(fieldname, text)
    except Exception:  # TermNotFound and friends: no postings
        return
    deleted = leaf.deleted_docs_set if leaf.has_deletions() else frozenset()
    raw = getattr(m, "child", m)
    if isinstance(raw, W3LeafMatcher):
        while raw.is_active():
            raw._read_ids()
            raw._read_weights()
            for docnum, weight in zip(raw._ids, raw._weights, strict=False):
                if docnum not in deleted:
                    yield docnum, weight
            raw._next_block()
        return
    while m.is_active():
        yield m.id(), m.weight()
        m.next()


def postings_arrays(leaf: Any, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """The postings of one term in one segment reader as two arrays: docnums
    (int64, ascending) and weights (float64), deleted documents INCLUDED (a
    segment's deletions change without its id changing: filter at use).

    Private: a `W3LeafMatcher`'s blocks are read through `_read_data`,
    `_data` (a tuple of delta-encoded ids, weights and values, where the
    weights may also be None for all 1.0 or one float for all, kept as
    float32), `_byteids`, `_blocklength`, `_lastblock` and `_next_block`
    (whoosh-reloaded 2.7.5, whoosh/codec/whoosh3.py), so no posting passes
    through Python one at a time. Any other matcher is read posting by posting."""
    import numpy as np  # here: the build and the start-up need no numpy

    try:
        m = leaf.postings(fieldname, text)
    except Exception:  # TermNotFound and friends: no postings
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    raw = getattr(m, "child", m)
    if not isinstance(raw, W3LeafMatcher):
        pairs = []
        while m.is_active():
            pairs.append((m.id(), m.weight()))
            m.next()
        return (
            np.array([d for d, _ in pairs], dtype=np.int64),
            np.array([w for _, w in pairs], dtype=np.float64),
        )
    ids: list[int] = []
    weights: list[float] = []
    starts: list[int] = []
    while raw.is_active():
        raw._read_data()
        block_ids, block_weights = raw._data[0], raw._data[1]
        count = raw._blocklength
        if not raw._byteids:
            starts.append(len(ids))
        ids.extend(block_ids)
        if block_weights is None:
            weights.extend([1.0] * count)
        elif isinstance(block_weights, float):
            weights.extend([float(np.float32(block_weights))] * count)
        else:
            weights.extend(block_weights)
        raw._next_block()
    docs = np.array(ids, dtype=np.int64)
    if starts:  # delta-encoded per block: a running sum restarting at each block
        sums = np.cumsum(docs)
        before = np.zeros(len(starts), dtype=np.int64)
        first = np.array(starts[1:], dtype=np.int64)
        before[1:] = sums[first - 1]
        docs = sums - np.repeat(before, np.diff(np.append(starts, len(ids))))
    return docs, np.array(weights, dtype=np.float64)


def term_positions(
    leaf: Any, fieldname: str, text: str, docs: Sequence[int]
) -> dict[int, list[int]]:
    """{docnum: positions} of one term in the documents `docs` (ascending)
    of one segment reader that hold it, deleted documents included (like
    `postings_arrays`).

    Private: a `W3LeafMatcher` (or one wrapped as `.child`) is read a block
    at a time through `_maxid`, `_read_ids`, `_ids`, `_read_values`,
    `_values` and `_next_block` (whoosh-reloaded 2.7.5,
    whoosh/codec/whoosh3.py): a block holding none of `docs` is skipped
    unread, and the documents are found in a block's ids by bisection (its
    `skip_to` steps through a block one posting at a time). Any other
    matcher takes the public `skip_to` path."""
    try:
        m = leaf.postings(fieldname, text)
    except Exception:  # TermNotFound and friends: no postings
        return {}
    out: dict[int, list[int]] = {}
    raw = getattr(m, "child", m)
    if not isinstance(raw, W3LeafMatcher):
        for d in docs:
            if not m.is_active():
                break
            m.skip_to(d)
            if m.is_active() and m.id() == d:
                out[d] = list(m.value_as("positions"))
        return out
    decode = raw.format.decoder("positions")
    i, n = 0, len(docs)
    while i < n and raw.is_active():
        if docs[i] > raw._maxid:
            raw._next_block()
            continue
        raw._read_ids()
        ids = raw._ids
        values = None
        while i < n and docs[i] <= raw._maxid:
            d = docs[i]
            j = bisect_left(ids, d)
            if j < len(ids) and ids[j] == d:
                if values is None:
                    raw._read_values()
                    values = raw._values
                out[d] = list(decode(values[j]))
            i += 1
        raw._next_block()
    return out


def field_lengths(leaf: Any, fieldname: str) -> list[int]:
    """The length of `fieldname` in every document of one segment reader.

    Private: the segment's per-document reader (`leaf._perdoc`, see
    `perdoc_field_lengths`). Falls back to the public `doc_field_length` for
    any other reader."""
    n = leaf.doc_count_all()
    try:
        return perdoc_field_lengths(leaf._perdoc, fieldname, n)
    except Exception:
        return [leaf.doc_field_length(d, fieldname, 0) for d in range(n)]


def perdoc_field_lengths(perdoc: Any, fieldname: str, n: int) -> list[int]:
    """The length of `fieldname` in documents 0..n-1 of a W3 per-document
    reader (0 where none was written), as its `doc_field_length` gives them
    (but 0 for its None).

    Private: the reader hands out its column of length bytes
    (`_cached_reader(_lenfield(name), LENGTHS_COLUMN)`, whoosh-reloaded 2.7.5,
    whoosh/codec/whoosh3.py), decoded here in one pass instead of one seek
    per document; raises (AttributeError and the like) for a reader without
    one."""
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return [0] * n
    table = _BYTE_TO_LENGTH
    if getattr(column, "_fixedlen", None) == 1 and column._typecode == "B":
        # One read of the whole column (`_dbfile` from `_basepos`, `_count`
        # bytes; later documents have `_default`): iterating the reader
        # seeks once per document, ~1 s for 300k lengths at 100k articles.
        count = min(column._count, n)
        raw = column._dbfile.get(column._basepos, count)
        out = [table[b] for b in raw]
        out.extend([table[column._default]] * (n - count))
        return out
    return [table[b] for b in column]


def numeric_column(leaf: Any, fieldname: str) -> list[int]:
    """The raw values (`translate=False`) of a numeric column in every
    document of one segment reader: what `column_reader(fieldname,
    translate=False)[docnum]` gives, for all docnums at once.

    Private: a `NumericColumn.Reader` keeps its file (`_dbfile`), where the
    values start (`_basepos`), how many were written (`_count`; later
    documents have `_default`) and their big-endian `_typecode`
    (whoosh-reloaded 2.7.5, whoosh/columns.py); the values are read in one
    piece instead of one seek and unpack per document. Any other reader takes
    the public path."""
    column = leaf.column_reader(fieldname, translate=False)
    n = leaf.doc_count_all()
    try:
        count = min(column._count, n)
        values = array(column._typecode)
        if values.itemsize != column._fixedlen:
            raise TypeError("platform item size differs")
        values.frombytes(column._dbfile.get(column._basepos, count * column._fixedlen))
        if sys.byteorder == "little":
            values.byteswap()  # Whoosh writes "!" (network order)
        out = values.tolist()
        out.extend([column._default] * (n - count))
        return out
    except Exception:
        return [column[d] for d in range(n)]


class ScoredList(ListMatcher):
    """A matcher over sorted doc ids with precomputed scores; skip_to by
    bisection.

    Private: reads and moves `ListMatcher`'s `_ids`, `_weights` and `_i`
    (whoosh-reloaded 2.7.5, whoosh/matching/mcore.py), whose own skip_to
    steps one posting at a time."""

    def skip_to(self, id: int) -> None:
        if not self.is_active():
            raise ReadTooFar
        self._i: int = bisect_left(self._ids, id, self._i)

    def score(self) -> float:
        return self._weights[self._i]

    def supports_block_quality(self) -> bool:
        return False

    def copy(self) -> ScoredList:
        return ScoredList(self._ids, self._weights, position=self._i)


def scored_matcher(ids: Sequence[int], scores: Sequence[float]) -> Any:
    """A Whoosh matcher yielding `ids` (sorted) with `scores`."""
    if not ids:
        return NullMatcher()
    return ScoredList(ids, scores)


def segment_readers(searcher: Any) -> list[tuple[Any, int, str]]:
    """(segment reader, docnum offset, segment id) of every segment `searcher`
    reads. Segments are immutable, so what was read of one (keyed by its id)
    stays true until it merges away.

    Private: the segment id comes from `SegmentReader.segment().segment_id()`
    (whoosh-reloaded 2.7.5, whoosh/reading.py and whoosh/codec/base.py); a
    reader without one (an in-memory index's) gets an id of its own object,
    valid while it lives. The readers and offsets come from the public
    `leaf_readers()`."""
    out = []
    for leaf, offset in searcher.reader().leaf_readers():
        segment = getattr(leaf, "segment", None)
        sid = str(segment().segment_id()) if callable(segment) else f"anon-{id(leaf)}"
        out.append((leaf, offset, sid))
    return out


# -- writing ----------------------------------------------------------------


def replace_pool(writer: Any, make_pool: Callable[[Any], Any]) -> None:
    """Give a fresh SegmentWriter the postings pool `make_pool(tempstorage)`.

    Private: checks `writer._added` (no document yet), cleans up and replaces
    `writer.pool`, and passes the writer's `_tempstorage` (whoosh-reloaded
    2.7.5, whoosh/writing.py: SegmentWriter ignores its `poolclass` argument)."""
    if getattr(writer, "_added", False):
        raise RuntimeError("install the pool before adding documents")
    writer.pool.cleanup()
    writer.pool = make_pool(writer._tempstorage)


def wrap_add_document(writer: Any, add_field: Callable[[str, int, Any, float, bool], int]) -> None:
    """Let the writer's pool take a whole field's postings of a document at
    once: `add_field(fieldname, docnum, items, fieldboost, scorable)` gets
    what `field.index(value)` gave ((term bytes, frequency, weight, value
    bytes) tuples) and returns the field's length (the frequencies summed
    when `scorable`), where Whoosh passes each posting on to `pool.add` as
    a tuple.

    Private: replaces `SegmentWriter.add_document` on the instance (which
    `update_document` calls) by the same steps (whoosh-reloaded 2.7.5,
    whoosh/writing.py): `_check_state`, `_doc_boost`, `_field_boost`,
    `_check_fields`, the per-document writer's `start_doc`, `add_field`,
    `add_column_value`, `finish_doc` and `cancel_doc`, then `_added` and
    `docnum`. Left alone when a field has a spelling field or term vectors
    (their extra postings are not done here)."""
    schema = writer.schema
    if any(f.separate_spelling() or f.vector for _, f in schema.items()):
        return

    def add_document(**fields: Any) -> None:
        writer._check_state()
        perdocwriter = writer.perdocwriter
        docnum = writer.docnum
        docboost = writer._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        writer._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = writer._field_boost(fields, fieldname, docboost)
                    items = field.index(value)
                    length = add_field(fieldname, docnum, items, fieldboost, field.scorable)
                customval = fields.get(f"_stored_{fieldname}", value)
                stored = customval if field.stored else None
                perdocwriter.add_field(fieldname, field, stored, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column, field.to_column_value(customval)
                    )
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        writer._added = True
        writer.docnum += 1

    writer.add_document = add_document


def wrap_length_reader(writer: Any, wrap: Callable[[Any], Any]) -> None:
    """Make the writer's commit read field lengths through `wrap(reader)`.

    Private: replaces `SegmentWriter.per_document_reader` on the instance, which
    `_flush_segment` calls to get the lengths it writes with the postings
    (whoosh-reloaded 2.7.5, whoosh/writing.py)."""
    per_document_reader = writer.per_document_reader
    writer.per_document_reader = lambda: wrap(per_document_reader())


def wrap_add_postings(
    writer: Any,
    records_of: Callable[[Any], Iterator[Any] | None],
    split_of: Callable[[Any], Any] | None = None,
) -> None:
    """Let the commit write the postings a whole term at a time.

    `records_of(items)` gives, for the postings stream the pool hands the
    commit, an iterator of term records `(fieldname, term bytes, docnums
    (array "i" bytes), weights (array "d" bytes), value lengths (array "I"
    bytes), values bytes or None)` in field and term order, or None for a
    stream it does not know (then Whoosh's own posting-by-posting path runs).

    `split_of(items)` may give a split of the stream (index/store/pool.py
    `_Split`): `records` are then its first half, and the split, given each of its
    fields' settings and lengths (`start`), has the rest encoded meanwhile.

    Private: replaces `fieldwriter.add_postings` on the SegmentWriter's
    `W3FieldWriter` instance (whoosh-reloaded 2.7.5, whoosh/writing.py
    `_flush_segment`); the terms go through `add_term_records`."""
    fieldwriter = writer.fieldwriter
    if not isinstance(fieldwriter, W3FieldWriter):
        return
    add_postings = fieldwriter.add_postings

    def add(schema: Any, lengths: Any, items: Any) -> None:
        records = records_of(items)
        table = getattr(lengths, "table", None) if lengths is not None else _no_lengths
        if records is None or table is None:
            add_postings(schema, lengths, items)
            return
        split = split_of(items) if split_of is not None else None
        if split is None:
            add_term_records(fieldwriter, schema, table, records)
            return
        try:
            settings = {f: codec_settings(fieldwriter, schema[f]) for f in split.fieldnames}
            tables = {f: table(f) for f in split.fieldnames}
            add_term_records(fieldwriter, schema, table, records, split.start(settings, tables))
        finally:
            split.finish()

    fieldwriter.add_postings = add


def _no_lengths(fieldname: str) -> None:
    return None


EncodedTerms = tuple[str, Iterable[tuple[str, bytes, bytes, int, int]]]
"""What `encode_terms` made: the file of the postings, and per term (field name, term
bytes, its term info up to the postings' place, their offset in the file, their size)."""


def add_term_records(
    fieldwriter: Any,
    schema: Any,
    lengths: Callable[[str], Sequence[int] | None],
    records: Iterator[Any],
    encoded: Callable[[], EncodedTerms] | None = None,
) -> None:
    """Write term records (see `wrap_add_postings`) as
    `FieldWriter.add_postings` writes the same postings one by one: the
    same blocks, statistics and bytes (tests/index/test_pool.py compares
    the segment files). `lengths(fieldname)` is the field's length per
    document (None: no lengths, as without length statistics).

    Private: does what `W3PostingsWriter.add_posting`, `_write_block` and
    `finish_postings`, `W3TermInfo.add_block` and `to_bytes`, and
    `W3FieldWriter.finish_term` with `OrderedHashWriter.add` do for a term
    (whoosh-reloaded 2.7.5, whoosh/codec/whoosh3.py and
    whoosh/filedb/filetables.py), a whole block at a time and with one write
    per term to each file, reading the field writer's `_fieldid`, `_tindex`
    (its `dbfile`, `index`, `buckets`, `hashfn`, `lastkey`), `_postfile`
    and its postings writer's `_blocklimit` and `_compression`; fields are
    started and finished through the field writer. What the per-posting path
    does: a full block is written before the next posting is added; empty
    values are not kept; only non-zero lengths count for the minimum and
    maximum; the maximum weight starts at 0; a term's first block follows
    the header magic; the last block's length is negative; postings are
    never inlined (the codec's inline limit is 1).

    Terms encoded elsewhere (`encode_terms`, in another process, for the terms
    that follow all of `records`) are taken from `encoded()` after them: their
    postings appended as they are, their term infos pointed at where they now lie.
    """
    lastfn = None
    table: Sequence[int] | None = None
    postfile = fieldwriter._postfile
    tindex = fieldwriter._tindex
    tfile = tindex.dbfile
    tindex_positions = tindex.index
    buckets = tindex.buckets
    hashfn = tindex.hashfn
    post_write = postfile.write
    post_tell = postfile.tell
    term_write = tfile.write
    term_tell = tfile.tell
    l2b: dict[int | None, int] = {}
    limit, comp = 128, 3
    fixedsize: int | None = None
    fieldprefix = b""
    lastkey = tindex.lastkey

    def field(fieldname: str) -> None:
        nonlocal lastfn, table, limit, comp, fixedsize, fieldprefix
        if lastfn is not None:
            fieldwriter.finish_field()
        fieldobj = schema[fieldname]
        fieldwriter.start_field(fieldname, fieldobj)
        lastfn = fieldname
        table = lengths(fieldname)
        limit, comp, fixedsize = codec_settings(fieldwriter, fieldobj)
        fieldprefix = pack_ushort(fieldwriter._fieldid)

    def term(btext: bytes, valbytes: bytes) -> None:  # OrderedHashWriter.add
        nonlocal lastkey
        key = fieldprefix + btext
        if key <= lastkey:
            raise ValueError(f"Keys must increase: {lastkey!r}..{key!r}")
        pos = term_tell()
        tindex_positions.append(pos)
        term_write(_KV_LENGTHS.pack(len(key), len(valbytes)) + key + valbytes)
        h = hashfn(key)
        buckets[h & 255].append((h, pos))
        lastkey = key

    for fieldname, btext, docs, weights, vlens, values in records:
        if fieldname != lastfn:
            field(fieldname)
        startoffset = post_tell()
        data, info = encode_term(docs, weights, vlens, values, table, limit, comp, fixedsize, l2b)
        post_write(data)
        # W3TermInfo.to_bytes, not inlined
        term(btext, info + pack_long(startoffset) + pack_int(len(data)))
    if encoded is not None:
        postings, terms = encoded()
        base = post_tell()
        with open(postings, "rb") as fh:
            while chunk := fh.read(1 << 20):
                post_write(chunk)
        for fieldname, btext, info, at, size in terms:
            if fieldname != lastfn:
                field(fieldname)
            term(btext, info + pack_long(base + at) + pack_int(size))
    tindex.lastkey = lastkey
    if lastfn is not None:
        fieldwriter.finish_field()


def codec_settings(fieldwriter: Any, fieldobj: Any) -> tuple[int, int, int | None]:
    """A field's block limit, compression and fixed value size: what the field writer's
    codec gives every field's postings writer (term postings never have byte ids), and
    the field's format; raises NotImplementedError for what `encode_term` cannot do."""
    codec = fieldwriter._codec
    if codec._inlinelimit > 1:
        raise NotImplementedError("inlined postings")
    fixedsize: int | None = fieldobj.format.fixed_value_size()
    return codec._blocklimit, codec._compression, fixedsize


def encode_terms(
    records: Iterator[Any],
    settings: dict[str, tuple[int, int, int | None]],
    tables: dict[str, Sequence[int] | None],
    postings: Any,
    terms: Any,
) -> int:
    """`add_term_records`'s postings of `records`, written one after another to
    `postings` (a binary file) instead of a segment, and per term what
    `add_term_records` needs to take them in (see `EncodedTerms`) marshalled to
    `terms`; returns the number of terms. `settings` and `tables` per field: what
    `codec_settings` and the field lengths give there."""
    l2b: dict[int | None, int] = {}
    at = n = 0
    write = postings.write
    for fieldname, btext, docs, weights, vlens, values in records:
        limit, comp, fixedsize = settings[fieldname]
        data, info = encode_term(
            docs, weights, vlens, values, tables[fieldname], limit, comp, fixedsize, l2b
        )
        write(data)
        marshal.dump((fieldname, btext, info, at, len(data)), terms)
        at += len(data)
        n += 1
    return n


def encode_term(
    docs: bytes,
    weights: bytes,
    vlens: bytes,
    values: bytes | None,
    table: Sequence[int] | None,
    limit: int,
    comp: int,
    fixedsize: int | None,
    l2b: dict[int | None, int],
) -> tuple[bytes, bytes]:
    """One term's postings as W3 blocks (after the header magic), and its term info up
    to where the postings lie (`W3TermInfo.to_bytes` without the offset and size).
    `l2b` remembers `length_to_byte`."""
    docnums = array("i", docs)
    wts = array("d", weights)
    vl = array("I", vlens) if values is not None else None
    n_all = len(docnums)
    chunks = [_HEADER_MAGIC]
    term_weight: float = 0
    term_minlength: int | None = None
    term_maxlength = 0
    term_maxweight: float = 0
    offset = 0
    for start in range(0, n_all, limit):
        end = start + limit
        ids = docnums[start:end].tolist()
        w = wts[start:end]
        wf = array("f", w)
        count = len(ids)
        top = max(w)
        maxweight: float = top if top > 0 else 0
        # W3TermInfo.add_block
        term_weight += sum(wf)
        if count == 1 or wf.count(wf[0]) == count:
            mini_w: Any = None if wf[0] == 1.0 else wf[0]
        else:
            mini_w = tuple(wf)
        minlength: int | None = None
        maxlength = 0
        if table is not None:
            nonzero = [n for n in map(table.__getitem__, ids) if n]
            if nonzero:
                minlength, maxlength = min(nonzero), max(nonzero)
        term_minlength = minlength if term_minlength is None else min(term_minlength, minlength)  # type: ignore[type-var]
        if maxlength > term_maxlength:
            term_maxlength = maxlength
        if maxweight > term_maxweight:
            term_maxweight = maxweight
        if vl is None or values is None:
            kept: Any = ()
        else:
            block_lens = vl[start:end]
            if fixedsize is not None and fixedsize > 0:
                size = sum(block_lens)
                kept = values[offset : offset + size]
                offset += size
            else:
                offs = list(accumulate(block_lens, initial=offset))
                if 0 in block_lens:
                    kept = [values[a:b] for a, b in pairwise(offs) if a != b]
                else:  # the usual case, every posting has a value: no loop in Python
                    kept = list(map(values.__getitem__, map(slice, offs, offs[1:])))
                offset = offs[-1]
        if fixedsize is None or fixedsize < 0:
            mini_v: Any = tuple(kept)
        elif fixedsize == 0:
            mini_v = None
        else:
            mini_v = kept if isinstance(kept, bytes) else b"".join(kept)
        mini_ids = tuple(map(operator.sub, ids, [0, *ids[:-1]]))
        databytes = pickle.dumps((mini_ids, mini_w, mini_v), 2)
        if comp:
            databytes = zlib.compress(databytes, comp)
        lb_min = l2b.get(minlength)
        if lb_min is None:
            lb_min = l2b[minlength] = length_to_byte(minlength)
        lb_max = l2b.get(maxlength)
        if lb_max is None:
            lb_max = l2b[maxlength] = length_to_byte(maxlength)
        infobytes = pickle.dumps((count, ids[-1], maxweight, comp, lb_min, lb_max), 2)
        blocklength = len(infobytes) + len(databytes)
        if end >= n_all:
            blocklength = -blocklength
        chunks.append(pack_int(blocklength))
        chunks.append(infobytes)
        chunks.append(databytes)
    # W3TermInfo.to_bytes, not inlined (the postings' place and size follow)
    minlength_byte = 0 if term_minlength is None else length_to_byte(term_minlength)
    info = _TERMINFO.pack(
        False,
        term_weight,
        n_all,
        minlength_byte,
        length_to_byte(term_maxlength),
        term_maxweight,
        docnums[0],
        docnums[-1],
    )
    return b"".join(chunks), info
