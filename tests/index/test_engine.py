"""index/engine.py: the engine version it was written for is the one
installed and pinned, and its private-API paths agree with Whoosh's own."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from whoosh import fields

from index import engine
from index.store.disk import ram_index

ROOT = Path(__file__).resolve().parents[2]


def test_installed_engine_is_the_supported_one() -> None:
    found = engine.installed_engine()
    assert found is not None, "no Whoosh distribution installed"
    # check_version's message names the supported and the installed version.
    engine.check_version()


def test_pyproject_pins_the_supported_version() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    name, version = engine.SUPPORTED
    assert f"{name}=={version}" in deps


def test_check_version_names_supported_and_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "installed_engine", lambda: ("whoosh3", "3.54.0"))
    with pytest.raises(engine.EngineVersionError) as info:
        engine.check_version()
    message = str(info.value)
    name, version = engine.SUPPORTED
    assert f"supports {name}=={version} only" in message and "found whoosh3 3.54.0" in message
    with pytest.raises(engine.EngineVersionError, match=r"found Whoosh-Reloaded 2\.7\.6"):
        engine.check_version(("Whoosh-Reloaded", "2.7.6"))
    monkeypatch.setattr(engine, "installed_engine", lambda: None)
    with pytest.raises(engine.EngineVersionError, match="found no Whoosh distribution"):
        engine.check_version()
    engine.check_version(("Whoosh_Reloaded", engine.SUPPORTED[1]))  # names compare as PEP 503


def test_installed_engine_reads_package_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        metadata, "packages_distributions", lambda: {"whoosh": ["whoosh3", "Whoosh"]}
    )
    versions = {"whoosh3": "3.54.0", "Whoosh": "2.7.4"}
    monkeypatch.setattr(metadata, "version", versions.__getitem__)
    assert engine.installed_engine() == ("Whoosh", "2.7.4")
    monkeypatch.setattr(metadata, "packages_distributions", lambda: {})
    assert engine.installed_engine() is None


def _index(docs: list[str]) -> Any:
    ix = ram_index(fields.Schema(body=fields.TEXT()))
    with ix.writer() as w:
        for text in docs:
            w.add_document(body=text)
    return ix


def test_block_postings_and_lengths_agree_with_whoosh() -> None:
    # 300 documents: the postings of "alpha" span several blocks (128 per block).
    docs = [" ".join(["alpha"] * (1 + i % 5) + ["beta"] * (i % 3)) for i in range(300)]
    ix = _index(docs)
    with ix.writer() as w:
        w.delete_document(7)
    reader = ix.reader()
    (leaf, _), *_ = reader.leaf_readers()
    expected = [(d, w) for d, w in reader.postings("body", "alpha").items_as("weight") if d != 7]
    assert list(engine.leaf_postings(leaf, "body", "alpha")) == expected
    assert len(expected) == 299 and expected[:3] == [(0, 1.0), (1, 2.0), (2, 3.0)]
    assert list(engine.leaf_postings(leaf, "body", "nothing")) == []
    lengths = engine.field_lengths(leaf, "body")
    assert lengths == [leaf.doc_field_length(d, "body", 0) for d in range(300)]
    assert lengths[:4] == [1, 3, 5, 4]


def test_long_field_lengths_read_in_one_piece_agree_with_whoosh() -> None:
    # Lengths are stored as one lossy byte each; long ones must decode the same.
    docs = [" ".join(["wort"] * n) for n in (1, 7, 255, 256, 1000, 70_000)]
    ix = _index(docs)
    reader = ix.reader()
    (leaf, _), *_ = reader.leaf_readers()
    lengths = engine.field_lengths(leaf, "body")
    assert lengths == [leaf.doc_field_length(d, "body", 0) for d in range(len(docs))]
    assert lengths[0] == 1 and lengths[-1] > 1000


def test_scored_matcher_skips_by_bisection() -> None:
    m = engine.scored_matcher([2, 5, 9, 14], [0.5, 1.5, 2.5, 3.5])
    m.skip_to(6)
    assert (m.id(), m.score()) == (9, 2.5)
    copy = m.copy()
    m.skip_to(20)
    assert not m.is_active() and (copy.id(), copy.score()) == (9, 2.5)
    assert not engine.scored_matcher([], []).is_active()


def test_no_value_is_above_every_real_date() -> None:
    import datetime as dt

    schema = fields.Schema(date=fields.DATETIME(sortable=True))
    ix = ram_index(schema)
    with ix.writer() as w:
        w.add_document()
        w.add_document(date=dt.datetime(2099, 12, 31))
    missing, latest = ix.reader().column_reader("date", translate=False)
    assert latest < engine.NO_VALUE <= missing


def test_postings_arrays_agree_with_block_postings() -> None:
    # Blocks of 128, a deleted document, weights of every kind a block holds
    # (all 1.0, all equal, mixed).
    docs = [" ".join(["alpha"] * (1 + i % 5) + ["beta"] * (i % 3) + ["gamma"]) for i in range(300)]
    ix = _index(docs)
    with ix.writer() as w:
        w.delete_document(130)
    (leaf, _), *_ = ix.reader().leaf_readers()
    for word in ("alpha", "beta", "gamma", "nothing"):
        ids, weights = engine.postings_arrays(leaf, "body", word)
        expected = list(engine.leaf_postings(leaf, "body", word))
        got = list(zip(ids.tolist(), weights.tolist(), strict=True))
        # Deleted documents are left in (a segment's deletions change under the same id).
        assert [p for p in got if p[0] != 130] == expected
    assert len(engine.postings_arrays(leaf, "body", "gamma")[0]) == 300


def test_numeric_column_reads_what_the_column_reader_reads() -> None:
    import datetime as dt

    schema = fields.Schema(date=fields.DATETIME(sortable=True), n=fields.NUMERIC(sortable=True))
    ix = ram_index(schema)
    with ix.writer() as w:
        for i in range(40):
            w.add_document(date=dt.datetime(2000 + i % 7, 1, 1 + i % 28), n=i)
        w.add_document()  # no value at the end: the column's default
    reader = ix.reader()
    for name in ("date", "n"):
        column = reader.column_reader(name, translate=False)
        expected = [column[d] for d in range(reader.doc_count_all())]
        assert engine.numeric_column(reader, name) == expected
    assert engine.numeric_column(reader, "date")[-1] >= engine.NO_VALUE


def test_term_positions_agree_with_the_matchers_positions() -> None:
    # 400 documents: the postings span several blocks; some blocks hold none
    # of the asked documents, a deleted one is asked too, and a missing term.
    docs = [" ".join(["x"] * (i % 4) + ["alpha", "beta"] * (1 + i % 3)) for i in range(400)]
    docs[5] = "beta only"
    ix = _index(docs)
    with ix.writer() as w:
        w.delete_document(9)
    (leaf, _), *_ = ix.reader().leaf_readers()
    asked = [0, 5, 9, 10, 11, 300, 301, 399]
    for word in ("alpha", "beta", "nothing"):
        expected = {}
        if word != "nothing":
            m = leaf.postings("body", word)
            while m.is_active():
                if m.id() in asked:
                    expected[m.id()] = list(m.value_as("positions"))
                m.next()
        got = engine.term_positions(leaf, "body", word, asked)
        # Deleted documents are read too (a segment's deletions change under the same id).
        assert {d: p for d, p in got.items() if d != 9} == expected, word
    assert 5 not in engine.term_positions(leaf, "body", "alpha", asked)
    assert engine.term_positions(leaf, "body", "alpha", [9]) == {9: [1]}
    assert engine.term_positions(leaf, "body", "beta", [5]) == {5: [0]}
