"""The archive's columns kept beside the index (index/archive/snapshot.py):
read back equal to a fresh build, and never used for another state or code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.archive import columns as columns_module
from index.archive import snapshot, source
from index.archive.aggregate import dossier
from index.archive.columns import ColumnCache, Columns, build_columns
from index.archive.entities import entities
from index.archive.source import columns_for
from index.library import Library
from tests.index.archive_corpus import write_corpus


@pytest.fixture()
def library(tmp_path: Path) -> Iterator[Library]:
    folder = tmp_path / "articles"
    write_corpus(folder, 40, seed=5)
    lib = Library(folder, tmp_path / "index")
    lib.update()
    write_corpus(folder, 12, seed=6, start=40)  # a second segment
    lib.update()
    (folder / "art_0002.txt").unlink()  # a deletion
    lib.update()
    yield lib
    lib.close()


def _fresh(lib: Library) -> Columns:
    """Built from the records, nothing kept."""
    return columns_for(lib.searcher(), None, ColumnCache())


def _assert_same(a: Columns, b: Columns) -> None:
    for name in snapshot._ARRAYS:
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and np.array_equal(x, y), name
    for name in ("kind", "key", "name", "ranges", "ids", "place", "codes"):
        assert getattr(a, name) == getattr(b, name), name
    assert a.identities.keys() == b.identities.keys()
    for kind, ids in a.identities.items():
        other = b.identities[kind]
        assert (ids.key_of, ids.shown, ids.aliases) == (other.key_of, other.shown, other.aliases)
    assert len(a.facts) == len(b.facts) and list(a.facts) == list(b.facts)


def test_kept_columns_equal_a_fresh_build(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = library.index_dir
    built = columns_for(library.searcher(), folder, ColumnCache())
    assert (folder / snapshot.NAME).is_file()

    def no_build(*args: object) -> None:
        raise AssertionError("columns built again")

    monkeypatch.setattr(source, "assemble", no_build)
    kept = columns_for(library.searcher(), folder, ColumnCache())
    _assert_same(kept, built)
    assert kept.facts[2] is None  # the deleted article, as in a fresh build
    assert entities(kept) == entities(built)
    name = entities(built, "person")[0].name
    assert dossier(kept, "person", name) == dossier(built, "person", name)
    assert library.open_existing()  # the hidden file does not make the index look damaged


def test_a_changed_index_builds_its_columns_again(library: Library, tmp_path: Path) -> None:
    folder = library.index_dir
    columns_for(library.searcher(), folder, ColumnCache())
    before = (folder / snapshot.NAME).read_bytes()
    write_corpus(tmp_path / "articles", 3, seed=7, start=60)
    library.update()
    cols = columns_for(library.searcher(), folder, ColumnCache())
    _assert_same(cols, _fresh(library))
    assert (folder / snapshot.NAME).read_bytes() != before  # replaced for the new state
    assert len(cols.facts) > 50


def test_damaged_or_foreign_files_are_not_used(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = library.index_dir
    fresh = _fresh(library)
    state = tuple(
        (sid, r.doc_count_all(), r.doc_count())
        for r, _, sid in source.segment_readers(library.searcher())
    )
    columns_for(library.searcher(), folder, ColumnCache())
    good = (folder / snapshot.NAME).read_bytes()
    for bad in (good[: len(good) // 2], b"", b"\x00garbage", good[:-1]):
        (folder / snapshot.NAME).write_bytes(bad)
        assert snapshot.load(folder, state, list) is None
        _assert_same(columns_for(library.searcher(), folder, ColumnCache()), fresh)
    assert snapshot.load(folder, state[:-1], list) is None  # another state
    snapshot.code_version.cache_clear()
    monkeypatch.setattr(snapshot, "FORMAT", snapshot.FORMAT + 1)  # other counting code
    assert snapshot.load(folder, state, list) is None
    snapshot.code_version.cache_clear()


def test_the_code_version_follows_the_sources(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = snapshot.code_version()
    copy = tmp_path / "columns.py"
    copy.write_text(Path(columns_module.__file__).read_text() + "\n# changed\n")
    snapshot.code_version.cache_clear()
    monkeypatch.setattr(columns_module, "__file__", str(copy))
    try:
        assert snapshot.code_version() != before
    finally:
        snapshot.code_version.cache_clear()


def test_a_folder_that_takes_no_writes_still_counts(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = library.index_dir
    fresh = _fresh(library)
    real = Path.write_bytes

    def refuse(path: Path, data: bytes) -> int:
        if path.parent == folder:
            raise OSError(30, "Read-only file system")
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", refuse)
    cols = columns_for(library.searcher(), folder, ColumnCache())
    _assert_same(cols, fresh)
    assert not list(folder.glob(".archive-*"))


def test_after_an_update_only_the_new_segment_is_laid_out(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = library.index_dir
    columns_for(library.searcher(), folder, ColumnCache())
    assert list(folder.glob(".archive-*.parts"))
    write_corpus(tmp_path / "articles", 2, seed=8, start=70)
    (tmp_path / "articles" / "art_0005.txt").unlink()  # and a deletion in an old segment
    library.update()
    laid_out: list[int] = []
    real = source.segment_parts

    def counting(facts: Any) -> Any:
        laid_out.append(len(facts))
        return real(facts)

    monkeypatch.setattr(source, "segment_parts", counting)
    cols = columns_for(library.searcher(), folder, ColumnCache())  # a new process
    assert laid_out == [2]
    _assert_same(cols, _fresh(library))


def test_segments_assemble_as_one(library: Library) -> None:
    """The columns of several segments with deletions are those of the same
    documents laid out as one segment."""
    cols = _fresh(library)
    assert len(source.segment_readers(library.searcher())) > 1
    whole = build_columns(list(cols.facts))
    _assert_same(whole, cols)


def test_damaged_parts_are_laid_out_again(library: Library) -> None:
    folder = library.index_dir
    fresh = _fresh(library)
    columns_for(library.searcher(), folder, ColumnCache())
    (folder / snapshot.NAME).unlink()
    for path in folder.glob(".archive-*.parts"):
        path.write_bytes(path.read_bytes()[:-7])
    _assert_same(columns_for(library.searcher(), folder, ColumnCache()), fresh)
