"""index/store/pool.py: the compact postings pool writes what Whoosh's own pool writes."""

from __future__ import annotations

import datetime as dt
import random
from array import array
from pathlib import Path
from typing import Any

import pytest
from whoosh import fields, index
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import QueryParser

from index import engine
from index.store import pool as pool_mod
from index.store import workers
from index.store.disk import PrivateRamStorage, ram_index
from index.store.pool import MAX_RUNS, Posting, TermPool, install

WORDS = [f"w{i}" for i in range(400)] + ["Brüssel", "Außenminister", "Genf", "ß", "Zoll"]


def _schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        body=fields.TEXT(stored=True),  # positions: value bytes per posting
        tags=fields.KEYWORD(scorable=True),  # no positions
        n=fields.NUMERIC(stored=True),
        when=fields.DATETIME(sortable=True),
    )


def _docs(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    docs = []
    for i in range(count):
        # Zipf-like: a few words in nearly every document, most rare.
        body = " ".join(
            WORDS[min(int(rng.paretovariate(1.1)) - 1, len(WORDS) - 1)]
            for _ in range(rng.randint(1, 120))
        )
        tags = " ".join(rng.sample(WORDS[:30], rng.randint(0, 4)))
        when = dt.datetime(2024, 1 + i % 12, 1 + i % 28)
        docs.append(
            {
                "id": f"d{seed}-{i}",
                "body": body,
                "tags": tags,
                "n": rng.randint(0, 99),
                "when": when,
            }
        )
    return docs


def _dump(ix: index.Index) -> tuple[list[Any], list[Any]]:
    """Every posting with its value, plus each document's stored fields and lengths."""
    postings = []
    with ix.reader() as r:
        for fieldname, text in r.all_terms():
            m = r.postings(fieldname, text)
            while m.is_active():
                postings.append((fieldname, text, m.id(), m.weight(), m.value()))
                m.next()
            info = r.term_info(fieldname, text)
            postings.append(("info", text, info.min_length(), info.max_length(), info.weight()))
        docs = [
            (stored, r.doc_field_length(n, "body"), r.doc_field_length(n, "tags"))
            for n, stored in r.iter_docs()
        ]
    return postings, docs


def _build(path: Path, batches: list[list[dict[str, Any]]], limitmb: float | None) -> index.Index:
    path.mkdir()
    ix = index.create_in(str(path), _schema())
    for batch in batches:
        writer = ix.writer()
        if limitmb is not None:
            install(writer, limitmb)
        for doc in batch:
            writer.update_document(**doc)
        writer.commit()
    return ix


@pytest.mark.parametrize("limitmb", [128, 0.02], ids=["in-memory", "spilling"])
def test_same_index_as_whoosh_pool(
    tmp_path: Path, limitmb: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[int] = []
    write_run = TermPool._write_run

    def counting(self: TermPool, records: Any) -> None:
        runs.append(1)
        write_run(self, records)

    monkeypatch.setattr(TermPool, "_write_run", counting)
    batch = _docs(300, seed=1)
    ours = _build(tmp_path / "ours", [batch], limitmb)
    # in memory: no run file at all; spilling: enough runs to be folded together
    assert (len(runs) > MAX_RUNS) if limitmb < 1 else not runs
    theirs = _build(tmp_path / "theirs", [batch], None)
    assert _dump(ours) == _dump(theirs)
    query = QueryParser("body", _schema()).parse("w3 OR Brüssel")
    with ours.searcher() as a, theirs.searcher() as b:
        hits_a = [(h["id"], round(h.score, 9)) for h in a.search(query, limit=None)]
        hits_b = [(h["id"], round(h.score, 9)) for h in b.search(query, limit=None)]
    assert hits_a and hits_a == hits_b


def test_incremental_commits_and_merges(tmp_path: Path) -> None:
    """Later small commits merge earlier segments through the pool (add_reader),
    and updates delete documents: still the same index as Whoosh's pool."""
    first = _docs(40, seed=2)
    changed = [dict(d, body=d["body"] + " Genf") for d in first[:5]]
    # one- and two-document commits: Whoosh merges such small segments on the
    # next commit, through the pool (a merged reader gives None where a new
    # document gives b"" for the same term: both must be taken)
    small = [[d] for d in _docs(6, seed=3)] + [changed[:2], changed[2:3], changed[3:]]
    batches = [first, *small]
    ours = _build(tmp_path / "ours", batches, 0.01)
    theirs = _build(tmp_path / "theirs", batches, None)
    assert _dump(ours) == _dump(theirs)


@pytest.mark.parametrize("spill_every", [0, 7])
def test_pool_sorts_out_of_order_documents(spill_every: int) -> None:
    """Postings come out in field, term, document order even when documents
    were added out of order, across spilled runs too."""
    rng = random.Random(4)
    items: list[Posting] = []
    for docnum in rng.sample(range(200), 200):
        for term in rng.sample([b"a", b"b", b"c", "ü".encode()], 2):
            items.append(("f", term, docnum, float(rng.randint(1, 3)), bytes([docnum % 256])))
        items.append(("e", b"x", docnum, 1.0, None))
    # a term with postings with and without values (see give_values)
    items += [("g", b"t", 300, 1.0, None), ("g", b"t", 301, 1.0, b"v"), ("g", b"t", 302, 1.0, None)]
    pool = TermPool(PrivateRamStorage())
    for k, item in enumerate(items):
        pool.add(item)
        if spill_every and k % spill_every == 0:
            pool.save()
    expected = sorted(items, key=lambda p: (p[0], p[1], p[2]))
    expected = [p if p[0] != "g" else (*p[:4], p[4] or b"") for p in expected]
    assert list(pool.iter_postings()) == expected
    pool.cleanup()


def test_install_refuses_a_used_writer() -> None:
    ix = ram_index(_schema())
    writer = ix.writer()
    writer.add_document(id="1", body="x")
    with pytest.raises(RuntimeError):
        install(writer)
    writer.cancel()


def _segment_files(
    path: Path, docs: list[dict[str, Any]], limitmb: float | None, split: bool = False
) -> dict[str, bytes]:
    """The postings and terms files of a one-segment index, by extension."""
    path.mkdir()
    ix = index.create_in(str(path), _schema())
    writer = ix.writer(compound=False)
    if limitmb is not None:
        install(writer, limitmb, split=split)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    files = {p.suffix: p.read_bytes() for p in path.iterdir() if p.suffix in (".pst", ".trm")}
    assert len(files) == 2
    return files


@pytest.mark.parametrize("limitmb", [128, 0.02], ids=["in-memory", "spilling"])
def test_commit_writes_the_same_files_as_whoosh(tmp_path: Path, limitmb: float) -> None:
    """The commit writes whole terms (engine.add_term_records): the postings
    and terms files are byte for byte those of Whoosh's own pool."""
    batch = _docs(300, seed=5)
    ours = _segment_files(tmp_path / "ours", batch, limitmb)
    assert ours == _segment_files(tmp_path / "theirs", batch, None)


class _CountedPool(workers.Pool):
    started = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        type(self).started += 1
        super().__init__(*args, **kwargs)


def test_a_split_commit_writes_the_same_files_as_whoosh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commit of spilled runs shares its terms with a helper process, which
    encodes the second half from the same run files (pool._Split): the files are
    still byte for byte Whoosh's, and no run or helper file is left behind."""
    monkeypatch.setattr(pool_mod, "SPLIT_MIN_BYTES", 0)
    monkeypatch.setattr(pool_mod, "_SAMPLE", 4)  # small runs: fine enough samples to halve
    monkeypatch.setattr(pool_mod.workers, "Pool", _CountedPool)
    halves: list[int] = []
    add_term_records = engine.add_term_records

    def counted(fieldwriter: Any, schema: Any, lengths: Any, records: Any, encoded: Any) -> None:
        mine = list(records)

        def theirs() -> engine.EncodedTerms:
            out, terms = encoded()
            listed = list(terms)
            halves.extend((len(mine), len(listed)))
            return out, listed

        add_term_records(fieldwriter, schema, lengths, iter(mine), theirs)

    monkeypatch.setattr(engine, "add_term_records", counted)
    batch = _docs(300, seed=11)
    ours = _segment_files(tmp_path / "ours", batch, 0.02, split=True)
    assert _CountedPool.started == 1  # the helper did the second half
    lower, upper = halves
    assert lower > 0 and upper > 0  # (halved by bytes: the frequent terms are few)
    assert ours == _segment_files(tmp_path / "theirs", batch, None)
    left = {p.suffix for p in (tmp_path / "ours").iterdir()}
    assert not left & {".run", ".part", ".terms"}


def test_a_split_commit_without_its_helper_does_the_rest_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_helper(*args: Any, **kwargs: Any) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(pool_mod, "SPLIT_MIN_BYTES", 0)
    monkeypatch.setattr(pool_mod.workers, "Pool", no_helper)
    batch = _docs(200, seed=12)
    ours = _segment_files(tmp_path / "ours", batch, 0.02, split=True)
    assert ours == _segment_files(tmp_path / "theirs", batch, None)


def test_a_split_stream_read_posting_by_posting_has_every_posting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoosh's own path (a stream iterated posting by posting) reads the split's
    second half itself, in order, and deletes the run files after."""
    monkeypatch.setattr(pool_mod, "SPLIT_MIN_BYTES", 0)
    monkeypatch.setattr(pool_mod, "_SAMPLE", 2)
    pool = TermPool(FileStorage(str(tmp_path)))
    pool.split = True
    expected: list[Posting] = []
    for docnum in range(40):
        for field in ("a", "b"):
            posting = (field, f"t{docnum % 7}".encode(), docnum, 1.0, None)
            pool.add(posting)
            expected.append(posting)
        if docnum % 10 == 9:
            pool.save()
    stream = pool.iter_postings()
    assert stream.split is not None
    expected.sort(key=lambda p: (p[0], p[1], p[2]))
    assert list(stream) == expected
    assert not list(tmp_path.iterdir())


def test_the_split_key_halves_the_spilled_bytes() -> None:
    runs = [
        [("a", b"x", 0), ("b", b"k", 10), ("", b"", 100)],  # 10 bytes before b/k, 90 from it
        [("a", b"y", 0), ("b", b"a", 50), ("", b"", 60)],
    ]
    # by key: a/x 10, a/y 50, b/a 10, b/k 90: half of 160 is reached at b/k
    assert pool_mod._half_way(runs) == ("b", b"k")
    assert pool_mod._start_before(runs[0], ("b", b"k")) == 0  # the sample before it
    assert pool_mod._start_before(runs[1], ("b", b"k")) == 50
    assert pool_mod._start_before(runs[1], ("a", b"a")) == 0


def test_spilled_runs_merge_in_run_order() -> None:
    """Each term's records from the spilled runs come in the order the runs
    were written (document order), so merging them needs no re-sort."""
    pool = TermPool(PrivateRamStorage())
    for k in range(60):
        docnum = 250 * k  # low bytes out of order: records must not be ordered by their bytes
        pool.add(("f", b"a", docnum, 1.0, None))
        pool.add(("f", f"t{k % 3}".encode(), docnum, 1.0, None))
        if k % 5 == 4:
            pool.save()
    runs, pool.runs = pool.runs, []
    groups = list(pool._groups(runs))
    assert len(groups) == 4
    for group in groups:
        firsts = [array("i", record[2])[0] for record in group]
        assert len(firsts) > 1 and firsts == sorted(firsts)


def test_whole_field_adds_keep_boosts_and_custom_stored_values(tmp_path: Path) -> None:
    """The writer's add_document with the pool taking a field at a time
    (engine.wrap_add_document) applies document and field boosts, counts
    lengths and stores `_stored_*` values exactly as Whoosh's own does."""
    docs = _docs(120, seed=9)
    for i, doc in enumerate(docs):
        if i % 3 == 0:
            doc["_boost"] = 1.5
        if i % 4 == 0:
            doc["_tags_boost"] = 0.3  # not a float32: weights kept as doubles
        if i % 5 == 0:
            doc["_stored_body"] = f"shown {i}"
    ours = _build(tmp_path / "ours", [docs], 128)
    theirs = _build(tmp_path / "theirs", [docs], None)
    assert _dump(ours) == _dump(theirs)
    with ours.searcher() as s:
        assert s.stored_fields(0)["body"] == "shown 0"
    assert _segment_files(tmp_path / "a", docs, 0.02) == _segment_files(tmp_path / "b", docs, None)


def test_whole_field_adds_in_any_order_give_sorted_postings() -> None:
    """A document's fields in name order go straight into the terms; a field
    added again, or out of name order, for the same document still comes out
    in document order (the careful path)."""
    calls = [
        (0, "a", [(b"x", 1, 1.0, b"0")]),
        (0, "b", [(b"x", 1, 1.0, b"1")]),
        (1, "a", [(b"x", 1, 1.0, b"2"), (b"y", 2, 2.0, b"3")]),
        (1, "b", [(b"x", 1, 1.0, b"4")]),
        (1, "b", [(b"x", 1, 1.0, b"5")]),  # the same field again
        (1, "a", [(b"y", 1, 1.0, b"6")]),  # an earlier field again
        (2, "b", [(b"x", 1, 1.0, None)]),
    ]
    pool = TermPool(PrivateRamStorage())
    expected: list[Posting] = []
    for docnum, field, items in calls:
        assert pool.add_field(field, docnum, items, 2.0, True) == sum(i[1] for i in items)
        expected += [(field, text, docnum, weight * 2.0, value) for text, _, weight, value in items]
    expected.sort(key=lambda p: (p[0], p[1], p[2]))
    assert [(*p[:4], p[4] or b"") for p in expected] == list(pool.iter_postings())
