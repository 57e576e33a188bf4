"""Filters passed as data: AND of filters, exclusion, periods; ranking untouched."""

from __future__ import annotations

import pytest

from index.library import Library
from index.records import Filter

ARTICLES = {
    "a": (
        "2024-03-05",
        "Gipfel in Wien",
        "Außenministerin Eva Muster traf in Wien den "
        "Amtskollegen Paul Beispiel zu Gesprächen über die Sicherheitslage.",
    ),
    "b": (
        "2024-05-10",
        "Treffen in Rom",
        "Außenministerin Eva Muster reiste nach Rom, "
        "wo sie mit Regierungsvertretern über Migration sprach.",
    ),
    "c": (
        "2023-11-20",
        "Konferenz in Wien",
        "In Wien berieten Diplomaten aus vielen "
        "Ländern über die Lage im Nahen Osten und die Hilfe für Gaza.",
    ),
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("filters") / "articles"
    folder.mkdir()
    for aid, (date, title, body) in ARTICLES.items():
        (folder / f"{aid}.md").write_text(
            f"---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n", encoding="utf-8"
        )
    lib = Library(folder, index_dir=folder.parent / "index")
    lib.update()
    return lib


def ids(library: Library, text: str = "", *filters: Filter) -> list[str]:
    return sorted(h.id for h in library.search(text, filters=filters, limit=50).hits)


def test_place_filter_and_its_exclusion(library: Library) -> None:
    assert ids(library, "", Filter("place", "Wien")) == ["a", "c"]
    assert ids(library, "", Filter("place", "Wien", exclude=True)) == ["b"]


def test_filters_combine_with_and(library: Library) -> None:
    both = ids(library, "", Filter("place", "Wien"), Filter("person", "Eva Muster"))
    assert both == ["a"]
    assert ids(library, "Gespräche", Filter("place", "Rom")) == []


def test_date_filter_by_year_month_and_range(library: Library) -> None:
    assert ids(library, "", Filter("date", "2024")) == ["a", "b"]
    assert ids(library, "", Filter("date", "2024-05")) == ["b"]
    assert ids(library, "", Filter("date", "2023-11..2024-03")) == ["a", "c"]
    assert ids(library, "", Filter("date", "kein Datum")) == []


def test_filters_do_not_change_the_ranking(library: Library) -> None:
    plain = [h.id for h in library.search("Wien").hits]
    filtered = [h.id for h in library.search("Wien", filters=(Filter("date", "2023"),)).hits]
    assert filtered == [i for i in plain if i == "c"]
    scores = {h.id: h.score for h in library.search("Wien").hits}
    kept = library.search("Wien", filters=(Filter("place", "Wien"),)).hits
    assert {h.id: h.score for h in kept} == {i: scores[i] for i in ("a", "c")}


def test_entity_article_count_uses_the_filter(library: Library) -> None:
    assert library.entity_article_count("place", "Wien") == 2
    assert library.entity_article_count("person", "Eva Muster") == 2


def test_source_filter_and_an_index_from_before_the_source_field(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Source chips need the index's `source` field: an index written by the
    schema before it is rebuilt on the next update, with a note saying why."""
    import json

    from index.store import disk

    folder = tmp_path / "articles"
    folder.mkdir()
    for aid, source in (("a", "Deutsche Welle"), ("b", "tagesschau.de"), ("c", None)):
        head = f"source: {source}\n" if source else ""
        (folder / f"{aid}.md").write_text(
            f"---\ntitle: Treffen {aid}\ndate: 2024-03-0{ord(aid) - 96}\n{head}---\n\n"
            "Die Außenministerin traf in Wien ihre Amtskollegen.\n",
            encoding="utf-8",
        )
    lib = Library(folder, index_dir=tmp_path / "index")
    lib.update()
    lib.close()
    meta_path = tmp_path / "index" / disk.META_FILE
    meta = json.loads(meta_path.read_text())
    meta["schema_version"] = 6  # the last schema without the source field
    meta_path.write_text(json.dumps(meta))
    lib = Library(folder, index_dir=tmp_path / "index")
    report = lib.update()
    assert report.rebuilt and report.note is not None
    assert report.message == "index written by another schema version: rebuilt the index"
    assert ids(lib, "", Filter("source", "Deutsche Welle")) == ["a"]
    assert ids(lib, "", Filter("source", "tagesschau.de", exclude=True)) == ["a", "c"]
    assert ids(lib, "Wien", Filter("source", "Deutsche Welle", exclude=True)) == ["b", "c"]
    lib.close()
