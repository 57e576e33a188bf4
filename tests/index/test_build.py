"""Full and incremental builds: only what changed is read again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from whoosh.query import Term

from index.library import Library
from index.paths import index_dir_for
from index.store.build import update_index
from tests.conftest import SEEDS, needs_shared


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    dest = tmp_path / "articles"
    shutil.copytree(SEEDS, dest)
    return dest


def _ids(library: Library) -> set[str]:
    with library.ix.searcher() as searcher:
        return {fields["id"] for fields in searcher.all_stored_fields()}


def test_second_run_reads_nothing_and_touch_reads_one(folder: Path) -> None:
    index_dir = index_dir_for(folder)
    first = update_index(folder, index_dir)
    assert (first.added, first.rebuilt) == (5, True)
    second = update_index(folder, index_dir)
    assert (second.read, second.added, second.updated, second.unchanged) == (0, 0, 0, 5)
    assert not second.rebuilt
    target = next(folder.glob("002_*.txt"))
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    touched = update_index(folder, index_dir)
    assert (touched.read, touched.updated, touched.added) == (1, 0, 0)


def test_changed_added_removed(folder: Path) -> None:
    library = Library(folder)
    library.update()
    changed = next(folder.glob("003_*.txt"))
    changed.write_text(
        changed.read_text(encoding="utf-8")
        + "\nEin neuer Absatz berichtet über das Treffen in Wien.",
        encoding="utf-8",
    )
    (folder / "neu.txt").write_text(
        "Gipfel in Oslo\n\nDie Außenminister trafen sich in Oslo zu langen Gesprächen.",
        encoding="utf-8",
    )
    next(folder.glob("000_*.txt")).unlink()
    report = library.update()
    assert (report.read, report.updated, report.added, report.removed) == (2, 1, 1, 1)
    ids = _ids(library)
    assert "neu" in ids and not any(i.startswith("000_") for i in ids) and len(ids) == 5
    article = library.article(changed.stem)
    assert article is not None and "Wien" in article.text


def test_rebuild_flag_and_version_change_rebuild(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = index_dir_for(folder)
    update_index(folder, index_dir)
    assert update_index(folder, index_dir, rebuild=True).rebuilt
    monkeypatch.setattr("index.store.disk.SCHEMA_VERSION", -1)
    report = update_index(folder, index_dir)
    assert report.rebuilt and report.added == 5 and "schema" in (report.message or "")


def test_index_lives_in_cache_not_in_articles(folder: Path) -> None:
    library = Library(folder)
    library.update()
    assert not Path(library.index_dir).is_relative_to(folder)
    assert Path(library.index_dir).is_relative_to(Path(os.environ["DIPLO_CACHE_DIR"]))
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in SEEDS.iterdir())


def test_mixed_folder_indexes_readable_reports_rest(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "leer.txt").write_bytes(b"")
    (folder / "bild.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(500))
    text = "Gespräche in Brüssel\n\nDie Außenminister äußerten sich in Brüssel über die Lage."
    (folder / "latin.txt").write_bytes(text.encode("latin-1"))
    (folder / "sub" / "utf16.txt").write_bytes(text.replace("Brüssel", "Köln").encode("utf-16"))
    library = Library(folder)
    report = library.update()
    assert report.added == 2
    assert {Path(s.path).name: s.code for s in report.skipped} == {
        "leer.txt": "empty",
        "bild.txt": "binary",
    }
    latin = library.article("latin")
    utf16 = library.article("sub/utf16")
    assert latin is not None and "Außenminister äußerten sich in Brüssel" in latin.text
    assert utf16 is not None and "Köln" in utf16.title


@needs_shared("data", "10kGNAD", "articles.csv")
def test_pre_analysed_fields_index_like_plain_text(folder: Path) -> None:
    """Postings analysed in a worker (`prepare_document`, one pass over the
    words) are exactly those the writer would make from the text itself."""
    import csv
    import dataclasses
    import itertools

    from index.files.corpus import read_article
    from index.store.schema import (
        PRE_ANALYZED,
        Analyzed,
        article_document,
        build_schema,
        prepare_document,
    )
    from tests.conftest import SHARED

    schema = build_schema()
    articles = [read_article(p) for p in sorted(folder.glob("*.txt"))]
    tricky = (
        "US-Außenminister Blinken traf Kim Jong-un; Chinas und Nordkoreas "
        "Militärhilfe‐Pakete, Waffenstillstandsverhandlungen, 2024, "
        "Straße STRASSE strasse, der die das, ‚Zitat‘ – „Gaza-Krieg“ x-y-z"
    )
    articles.append(dataclasses.replace(articles[0], title=tricky, text=tricky * 3))
    with (SHARED / "data" / "10kGNAD" / "articles.csv").open(encoding="utf-8") as fh:
        rows = list(itertools.islice(csv.reader(fh, delimiter=";", quotechar="'"), 40))
    for row in rows:
        text = row[-1]
        articles.append(dataclasses.replace(articles[0], title=text[:80], text=text))
    for article in articles:
        plain, prepared = article_document(article), prepare_document(article)
        for name in PRE_ANALYZED:
            assert isinstance(prepared[name], Analyzed)
            expected = list(schema[name].index(plain[name]))
            assert list(prepared[name]) == expected, (name, article.title)
        assert prepared["_stored_title"] == article.title


def test_an_index_in_two_segments_searches_like_one(folder: Path, tmp_path: Path) -> None:
    """Scores use index-wide statistics, prefix and fuzzy expansions included
    (index/query/expand.py): a document scores the same whichever segment it
    is in (an index gets more segments with every incremental update)."""
    from whoosh import index as whoosh_index

    from index.files.corpus import read_article
    from index.search.searching import search
    from index.store.schema import build_schema, prepare_document

    docs = [prepare_document(read_article(p)) for p in sorted(folder.glob("*.txt"))]
    indexes = []
    for name, batches in (("one", [docs]), ("two", [docs[:3], docs[3:]])):
        (tmp_path / name).mkdir()
        ix = whoosh_index.create_in(str(tmp_path / name), build_schema())
        for batch in batches:
            with ix.writer() as writer:
                writer.merge = False
                for doc in batch:
                    writer.add_document(**doc)
        indexes.append(ix)
    one, two = indexes
    assert [s.doc_count() for s in two._segments()] == [3, 2]
    for query in (
        "Genf",
        "Außenminister",
        "person:Lawrow OR place:Brüssel",
        "Gespräche*",
        "Blinkn~",
    ):
        a, b = search(one, query, limit=10), search(two, query, limit=10)
        assert a.total == b.total and a.total > 0, query
        assert [(h.id, round(h.score, 6), h.snippet) for h in a.hits] == [
            (h.id, round(h.score, 6), h.snippet) for h in b.hits
        ], query


def test_many_small_updates_merge_segments(folder: Path) -> None:
    """Every update writes a small segment and Whoosh merges small segments on
    the next commit, through the build's postings pool (index/store/pool.py): a merged
    segment's date postings come back without values where new ones have empty
    values. Each update must still land, and every article stay findable."""
    from index.store.disk import open_index

    index_dir = index_dir_for(folder)
    update_index(folder, index_dir)
    for round_ in range(8):
        (folder / f"nachtrag_{round_}.txt").write_text(
            f"Nachtrag {round_}\n\n05.03.2024\n\nDie Außenminister trafen sich in Oslo.",
            encoding="utf-8",
        )
        report = update_index(folder, index_dir)
        assert (report.added, report.rebuilt) == (1, False)
    library = Library(folder)
    assert library.open_existing()
    for round_ in range(8):
        article = library.article(f"nachtrag_{round_}")
        assert article is not None and article.meta.date == "2024-03-05"
    with open_index(index_dir).searcher() as searcher:
        assert searcher.doc_count() == 13
        assert len(searcher.search(Term("body", "oslo"), limit=None)) == 8


def test_positions_encoded_as_whoosh_encodes_them() -> None:
    """prepare_document's own encoding of a term's positions (one position
    from a table) gives Whoosh's bytes, for repeated and large positions too."""
    import random

    from whoosh.formats import Positions

    from index.store.schema import _encode_positions

    rng = random.Random(7)
    whoosh_format = Positions()
    cases = [[0], [1], [65_535], [65_536], [300_000], [0, 1], [5, 5000, 70_000]]
    cases += [sorted(rng.sample(range(100_000), rng.choice([1, 2, 9]))) for _ in range(500)]
    for positions in cases + cases:  # twice: the second time from the table
        assert _encode_positions(positions) == whoosh_format.encode(positions)
