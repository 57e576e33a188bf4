"""One keystroke evaluates its query once: the counts that follow the first
page reuse the matches the search found, and count exactly what a separate
evaluation counts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.archive import service
from index.library import Library
from index.query import hitset
from index.records import Filter
from tests.index.archive_corpus import write_corpus

KEYSTROKES = ("", "P", "Pu", "Putin", "Putin Gen", "Gespräche", '"unclosed', "Putin OR Scholz")
CHIPS: tuple[tuple[Filter, ...], ...] = (
    (),
    (Filter("place", "Paris"),),
    (Filter("person", "Putin"), Filter("org", "NATO", exclude=True)),
    (Filter("date", "2015"),),
)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder = tmp_path_factory.mktemp("hitset") / "articles"
    write_corpus(folder, 50, seed=4)
    lib = Library(folder, folder.parent / "index")
    lib.update()
    write_corpus(folder, 20, seed=5, start=50)  # a second segment
    lib.update()
    yield lib
    lib.close()


def _separately(lib: Library, text: str, chips: tuple[Filter, ...]) -> Any:
    """The overview evaluated on its own, without the library's kept matches."""
    return service.overview(
        lib.searcher(), lib.index_dir, text, chips, limit=8, typing=True, hits=None
    )


@pytest.mark.parametrize("chips", CHIPS, ids=lambda c: "+".join(f.label for f in c) or "none")
def test_keystroke_overview_equals_the_separate_one(
    library: Library, chips: tuple[Filter, ...]
) -> None:
    for text in KEYSTROKES:
        result = library.search(text, filters=chips, limit=5, typing=True)
        after = library.overview(text, chips, limit=8, typing=True)
        assert after == _separately(library, text, chips), text
        assert after.facets.total == result.total, text


def test_one_evaluation_per_keystroke(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = hitset.match

    def counted(searcher: Any, text: str, typing: bool = False) -> Any:
        calls.append(text)
        return real(searcher, text, typing)

    monkeypatch.setattr(hitset, "match", counted)
    chips = (Filter("place", "Paris"),)
    for text in ("Pu", "Put", "Putin"):
        first = library.search(text, filters=chips, limit=2, typing=True)
        library.overview(text, chips, limit=8, typing=True)
        more = library.search(text, filters=chips, limit=50, typing=True)
        assert more.total == first.total
    assert calls == ["Pu", "Put", "Putin"]
    library.overview("Putin", chips, limit=8)  # not typing: another query
    assert calls[-1] == "Putin" and len(calls) == 4


def test_kept_matches_follow_new_articles(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write_corpus(folder, 20, seed=6)
    lib = Library(folder, tmp_path / "index")
    lib.update()
    before = lib.search("Putin", typing=True).total
    assert lib.overview("Putin", typing=True).facets.total == before
    write_corpus(folder, 20, seed=7, start=20)
    lib.update()
    after = lib.overview("Putin", typing=True).facets.total
    assert (
        after
        == lib.search("Putin", typing=True).total
        == _separately(lib, "Putin", ()).facets.total
    )
    assert after > before
    lib.close()
