"""Query building (index/query/parse.py): syntax checks, caps, field aliases, dates."""

from __future__ import annotations

import datetime as dt

import pytest
from whoosh import query as wq

from index.query import parse as q
from index.query.dates import date_span
from index.query.vocab import PREFIX_CAP
from index.records import Article
from index.store.disk import ram_index
from index.store.schema import article_document


@pytest.fixture(scope="module")
def reader():  # type: ignore[no-untyped-def]
    ix = ram_index()
    words = " ".join(f"Bahn{i:03d}" for i in range(300))
    with ix.writer() as w:
        for i, text in enumerate(
            [words, "Regierung regieren Regierungschef Bauer Bauern", "Berlin Bern Bonn Bremen"]
        ):
            a = Article(id=str(i), path="", title="", body=text, text=text, content_hash="")
            w.add_document(**article_document(a))
    with ix.reader() as r:
        yield r


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ('"offen', True),
        ("(a OR b", True),
        ("a)", True),
        ("a AND", True),
        ("OR a", True),
        ("a AND OR b", True),
        ("date:[2020 TO", True),
        ("a NOT b", False),
        ("NOT a", False),
        ('"a b" AND (c OR d)', False),
        ("", False),
    ],
)
def test_syntax_errors(text: str, bad: bool) -> None:
    assert (q.syntax_error(text) is not None) == bad


def test_control_characters_and_length_are_capped() -> None:
    assert q.clean_input("a\x00b\x1b[0m\tc") == "a b [0m c"
    assert len(q.clean_input("x" * 10_000)) == q.MAX_QUERY_CHARS


def test_leaf_cap(reader) -> None:  # type: ignore[no-untyped-def]
    built = q.build_query(" ".join(f"wort{i}" for i in range(100)), reader)
    assert built.error and built.error.code == "too-many-terms" and "gekürzt" in str(built.error)
    assert len(built.terms) == q.MAX_LEAVES


def test_prefix_expansion_is_capped_to_most_frequent(reader) -> None:  # type: ignore[no-untyped-def]
    built = q.build_query("bahn*", reader)
    assert built.query is not None
    terms = [t for t in built.query.iter_all_terms()]
    assert len(terms) <= PREFIX_CAP + 1


def test_prefix_is_folded_not_stemmed(reader) -> None:  # type: ignore[no-untyped-def]
    built = q.build_query("Regier*", reader)
    texts = {t for _, t in built.query.iter_all_terms()}  # type: ignore[union-attr]
    assert "regier" in texts and "regierungschef" in texts
    # "Regierung*": stems starting with it, plus its own stem "regier".
    built = q.build_query("Regierung*", reader)
    texts = {t for _, t in built.query.iter_all_terms()}  # type: ignore[union-attr]
    assert texts == {"regierungschef", "regier"}


def test_unknown_prefix_matches_nothing(reader) -> None:  # type: ignore[no-untyped-def]
    built = q.build_query("zzz*", reader)
    assert built.query is wq.NullQuery


def test_leading_wildcard_is_an_error(reader) -> None:  # type: ignore[no-untyped-def]
    assert q.build_query("*ung", reader).error


def test_fuzzy_stays_near(reader) -> None:  # type: ignore[no-untyped-def]
    built = q.build_query("Bremn~", reader)
    texts = {t for _, t in built.query.iter_all_terms()}  # type: ignore[union-attr]
    assert texts == {"brem"}  # the stem of "Bremen"; "Bern" is two edits away


@pytest.mark.parametrize(
    ("alias", "field"),
    [
        ("personen", "person"),
        ("ort", "place"),
        ("orte", "place"),
        ("datum", "date"),
        ("titel", "title"),
        ("organisation", "org"),
    ],
)
def test_german_field_aliases(reader, alias: str, field: str) -> None:  # type: ignore[no-untyped-def]
    value = "2024" if field == "date" else "Wien"
    built = q.build_query(f"{alias}:{value}", reader)
    assert built.query is not None
    fields = (
        {f for f, _ in built.query.iter_all_terms()} if field != "date" else {built.query.fieldname}
    )  # type: ignore[attr-defined]
    assert fields == {field}


def test_unknown_field_is_searched_as_words(reader) -> None:  # type: ignore[no-untyped-def]
    built = q.build_query("Uhrzeit:Berlin", reader)
    assert built.error is None and "berlin" in built.terms


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023", dt.datetime(2023, 1, 1), dt.datetime(2023, 12, 31, 23, 59, 59)),
        ("2024-02", dt.datetime(2024, 2, 1), dt.datetime(2024, 2, 29, 23, 59, 59)),
        ("2024-04-29", dt.datetime(2024, 4, 29), dt.datetime(2024, 4, 29, 23, 59, 59)),
        ("29.04.2024", dt.datetime(2024, 4, 29), dt.datetime(2024, 4, 29, 23, 59, 59)),
    ],
)
def test_date_spans(text: str, first: dt.datetime, last: dt.datetime) -> None:
    assert date_span(text) == (first, last)


@pytest.mark.parametrize("text", ["gestern", "2024-13", "2024-02-30", "", "20245"])
def test_bad_dates(text: str) -> None:
    assert date_span(text) is None
