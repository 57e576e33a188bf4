"""Facets, timeline, places and dossiers against a brute-force count over the
stored records of a generated corpus written in several segments."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from index.archive.aggregate import dossier, facets, places, timeline
from index.archive.columns import archive_identities
from index.archive.facts import facts_from_record
from index.archive.filters import apply_filters
from index.archive.hits import hit_mask
from index.archive.source import columns_for
from index.library import Library
from index.records import Filter
from tests.index.archive_corpus import write_corpus


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder = tmp_path_factory.mktemp("archive") / "articles"
    write_corpus(folder, 60, seed=1)
    lib = Library(folder, folder.parent / "index")
    lib.update()
    write_corpus(folder, 25, seed=2, start=60)  # a second segment
    lib.update()
    for i in (3, 61):  # deletions in both segments
        (folder / f"art_{i:04d}.txt").unlink()
    write_corpus(folder, 10, seed=3, start=85)  # a third
    lib.update()
    yield lib
    lib.close()


def _docs(mask: Any) -> list[int]:
    return [int(d) for d in mask.nonzero()[0]]


def _records(lib: Library) -> dict[int, dict[str, Any]]:
    s = lib.searcher()
    return {d: json.loads(s.stored_fields(d)["record"]) for d in s.reader().all_doc_ids()}


def _identities(records: dict[int, dict[str, Any]]) -> Any:
    return archive_identities([facts_from_record(r) for r in records.values()])


def entity_key(kind: str, name: str, records: dict[int, dict[str, Any]] | None = None) -> str:
    assert records is not None
    return str(_identities(records)[kind].key(name))


def _brute(
    records: dict[int, dict[str, Any]], docs: list[int], attr: str, kind: str
) -> Counter[str]:
    counter: Counter[str] = Counter()
    ids = _identities(records)
    for d in docs:
        keys = {ids[kind].key(e["name"]) for e in records[d]["meta"][attr]}
        counter.update(keys)
    return counter


def test_segments_and_deletions_are_seen(library: Library) -> None:
    s = library.searcher()
    reader = s.reader()
    assert not reader.is_atomic() and len(reader.readers) >= 2  # several segments
    assert reader.doc_count_all() > reader.doc_count()  # deletions still in them
    cols = columns_for(s)
    assert int(cols.live.sum()) == library.count() == 93


@pytest.mark.parametrize("query", ["", "Paris", "Putin OR Scholz", "nichtda"])
def test_facets_match_brute_force(library: Library, query: str) -> None:
    s = library.searcher()
    cols = columns_for(s)
    records = _records(library)
    mask = hit_mask(s, cols, query)
    docs = _docs(mask)
    assert len(docs) == library.search(query, limit=1).total
    got = facets(cols, mask, limit=None)
    for attr, kind, rows in (
        ("people", "person", got.people),
        ("places", "place", got.places),
        ("orgs", "org", got.orgs),
    ):
        assert Counter({r.key: r.count for r in rows}) == _brute(records, docs, attr, kind)
    sources = Counter(
        entity_key("source", records[d]["meta"]["source"], records)
        for d in docs
        if records[d]["meta"].get("source")
    )
    assert Counter({r.key: r.count for r in got.sources}) == sources
    years = Counter(records[d]["meta"]["date"][:4] for d in docs if records[d]["meta"]["date"])
    assert {r.name: r.count for r in got.years} == dict(years)
    assert [r.name for r in got.years] == sorted(years, reverse=True)


def test_empty_query_counts_everything_once(library: Library) -> None:
    cols = columns_for(library.searcher())
    got = facets(cols, cols.live, limit=None)
    assert got.total == 93
    # every generated article names two people: the counts add up to that
    assert sum(r.count for r in got.people) >= 93


@pytest.mark.parametrize("by", ["week", "month", "year"])
def test_timeline_matches_brute_force(library: Library, by: str) -> None:
    s = library.searcher()
    cols = columns_for(s)
    records = _records(library)
    mask = hit_mask(s, cols, "")
    docs = _docs(mask)
    tl = timeline(cols, mask, by)  # type: ignore[arg-type]
    expected: Counter[str] = Counter()
    undated = 0
    for d in docs:
        date = records[d]["meta"]["date"]
        if not date:
            undated += 1
            continue
        day = dt.date.fromisoformat(date)
        if by == "month":
            expected[date[:7]] += 1
        elif by == "year":
            expected[date[:4]] += 1
        else:
            iso = day.isocalendar()
            expected[f"{iso.year}-W{iso.week:02d}"] += 1
    got = {b.period: b.count for b in tl.buckets if b.count}
    assert got == dict(expected)
    assert tl.undated == undated > 0
    assert tl.imprecise == 0
    assert sum(b.count for b in tl.buckets) + tl.undated == len(docs)
    starts = [b.start for b in tl.buckets]
    assert starts == sorted(starts)  # oldest first, gaps filled: consecutive periods
    for a, b in zip(tl.buckets, tl.buckets[1:], strict=False):
        assert dt.date.fromisoformat(b.start) - dt.date.fromisoformat(a.end) == dt.timedelta(1)


def test_timeline_chooses_bucketing_by_span(library: Library) -> None:
    cols = columns_for(library.searcher())
    assert timeline(cols, cols.live).by == "month"  # ~2 years
    days = cols.days
    first = days[days >= 0].min()
    close = cols.live & (days >= 0) & (days - first < 40)
    assert timeline(cols, close).by == "week"


def test_filters_and_exclusion(library: Library) -> None:
    s = library.searcher()
    cols = columns_for(s)
    records = _records(library)
    every = hit_mask(s, cols, "")
    all_docs = _docs(every)
    paris = _docs(apply_filters(cols, every, [Filter("place", "Paris")]))
    not_paris = _docs(apply_filters(cols, every, [Filter("place", "Paris", exclude=True)]))
    assert sorted(paris + not_paris) == all_docs
    brute = [d for d in all_docs if any(e["name"] == "Paris" for e in records[d]["meta"]["places"])]
    assert sorted(paris) == sorted(brute) and paris
    year = _docs(apply_filters(cols, cols.mask(paris), [Filter("date", "2016")]))
    assert year == [d for d in paris if (records[d]["meta"]["date"] or "").startswith("2016")]
    span = _docs(apply_filters(cols, every, [Filter("date", "2015-04..2015-06")]))
    assert sorted(span) == sorted(
        d for d in all_docs if "2015-04" <= (records[d]["meta"]["date"] or "")[:7] <= "2015-06"
    )
    assert _docs(apply_filters(cols, every, [Filter("person", "Niemand Unbekannt")])) == []
    both = [Filter("place", "Paris"), Filter("person", "Olaf Scholz", exclude=True)]
    expected = [
        d
        for d in paris
        if not any(e["name"] == "Olaf Scholz" for e in records[d]["meta"]["people"])
    ]
    assert _docs(apply_filters(cols, every, both)) == expected


def test_places_with_coordinates_and_countries(library: Library) -> None:
    s = library.searcher()
    cols = columns_for(s)
    got = places(cols, cols.live)
    by_name = {p.name: p for p in got.placed}
    assert "Berlin" in by_name and by_name["Berlin"].country_code == "DE"
    assert 52 < (by_name["Berlin"].lat or 0) < 53
    records = _records(library)
    de = sum(
        1
        for r in records.values()
        if any(e.get("country_code") == "DE" for e in r["meta"]["places"])
    )
    assert got.countries["DE"] == de


def test_dossier(library: Library) -> None:
    s = library.searcher()
    cols = columns_for(s)
    records = _records(library)
    d = dossier(cols, "place", "Paris")
    assert d is not None
    docs = [n for n, r in records.items() if any(e["name"] == "Paris" for e in r["meta"]["places"])]
    assert d.count == len(docs)
    dates = sorted(records[n]["meta"]["date"] for n in docs if records[n]["meta"]["date"])
    assert (d.first, d.last) == (dates[0], dates[-1])
    assert all(r.key != d.key for r in d.places)
    shown = [a.date for a in d.articles if a.date]
    assert shown == sorted(shown, reverse=True)
    assert [a for a in d.articles if not a.date] == list(d.articles[len(shown) :])
    people = _brute(records, docs, "people", "person")
    assert d.people and all(people[r.key] == r.count for r in d.people)
    assert [r.count for r in d.people] == sorted((r.count for r in d.people), reverse=True)
    assert d.people[0].count == max(people.values())
    assert dossier(cols, "person", "Niemand Unbekannt") is None


def test_bad_coordinates_are_listed_apart() -> None:
    from index.archive.columns import build_columns

    record = {
        "id": "x",
        "title": "t",
        "meta": {
            "date": "2016-02",
            "date_precision": "month",
            "places": [
                {"name": "Atlantis", "lat": 123.0, "lon": 10.0},
                {"name": "Nirgendwo", "lat": None, "lon": None},
                {"name": "Genf", "lat": 46.2, "lon": 6.1, "country_code": "CH"},
                {"name": "Kaputt", "lat": "x", "lon": float("nan")},
            ],
        },
    }
    cols = build_columns([facts_from_record(record)])
    got = places(cols, cols.live)
    assert [p.name for p in got.placed] == ["Genf"]
    assert sorted(p.name for p in got.unplaced) == ["Atlantis", "Kaputt", "Nirgendwo"]
    tl = timeline(cols, cols.live, "week")
    assert (tl.imprecise, tl.buckets) == (1, ())
    assert timeline(cols, cols.live, "month").buckets[0].period == "2016-02"


def test_facts_kept_beside_the_index(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    from index.archive import source
    from index.archive.columns import ColumnCache

    s = library.searcher()
    first = columns_for(s, library.index_dir, ColumnCache())
    assert list(library.index_dir.glob(".archive-*.facts"))

    def no_reading(reader: Any) -> None:
        raise AssertionError("records read again")

    monkeypatch.setattr(source, "_read_segment", no_reading)
    again = columns_for(s, library.index_dir, ColumnCache())
    assert again.key == first.key and (again.flat == first.flat).all()
    assert library.open_existing()  # the hidden files do not make the index look damaged


def test_search_with_filters_matches_the_counts(library: Library) -> None:
    s = library.searcher()
    cols = columns_for(s)
    chips = [Filter("place", "Paris"), Filter("org", "NATO", exclude=True)]
    for query in ("", "Gespräche", "Putin OR Scholz"):
        result = library.search(query, limit=500, filters=chips)
        mask = hit_mask(s, cols, query, chips)
        assert result.total == int(mask.sum()) == library.facets(query, chips).total
        ids = {cols.facts[d].id for d in _docs(mask)}  # type: ignore[union-attr]
        assert {h.id for h in result.hits} == ids


def test_chips_on_one_name_count_every_name_of_the_entity(library: Library) -> None:
    """A chip on "Putin" (surname only) counts as the search finds: every
    article naming the archive's one Putin, whatever form it uses."""
    s = library.searcher()
    cols = columns_for(s)
    eid = cols.entity_id("person", "Wladimir Putin")
    assert eid is not None
    for value in (cols.name[eid], "Putin"):
        chips = [Filter("person", value)]
        total = library.search("", limit=1, filters=chips).total
        assert total == library.facets("", chips).total == int(cols.docs_of(eid).sum())


def test_source_chips_filter_search_and_counts(library: Library) -> None:
    """A source chip narrows the search and the counts alike (the index's
    `source` field), by the source's identity ("REUTERS" is Reuters); its NOT
    chip keeps the rest."""
    records = _records(library)

    def of(r: dict[str, Any]) -> str:
        return str(r["meta"].get("source") or "").casefold()

    spellings = {r["meta"]["source"] for r in records.values() if r["meta"].get("source")}
    assert {"Reuters", "REUTERS", "AFP"} <= spellings  # several sources, two spellings
    ids = {r["id"] for r in records.values() if of(r) == "reuters"}
    every = library.search("", limit=1).total
    for value in ("Reuters", "REUTERS", "reuters"):
        chip = [Filter("source", value)]
        result = library.search("", limit=500, filters=chip)
        assert result.total == len(ids) == library.facets("", chip).total
        assert {h.id for h in result.hits} == ids
    row = next(r for r in library.facets("").sources if r.name.casefold() == "reuters")
    assert row.count == len(ids)
    nots = [Filter("source", "Reuters", exclude=True)]
    assert library.search("", limit=1, filters=nots).total == every - len(ids)
    got = library.facets("", nots)
    assert got.total == every - len(ids)
    assert "reuters" not in {r.name.casefold() for r in got.sources}
    both = [Filter("source", "AFP"), Filter("place", "Paris")]
    paris = {
        r["id"]
        for r in records.values()
        if of(r) == "afp" and any(e["name"] == "Paris" for e in r["meta"]["places"])
    }
    assert paris
    assert {h.id for h in library.search("", limit=500, filters=both).hits} == paris
    assert library.facets("", both).total == len(paris)
    s = library.searcher()
    cols = columns_for(s)
    assert int(hit_mask(s, cols, "", both).sum()) == len(paris)
    # The column path (views without a searcher) agrees.
    assert int(apply_filters(cols, cols.live, [Filter("source", "reuters")]).sum()) == len(ids)
