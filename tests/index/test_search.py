"""search() on a small in-memory index of articles written for these tests
(none of their text is in the seed articles)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.index import Index

from index.records import Article, Entity, Metadata
from index.search.searching import match_spans, search
from index.store.disk import ram_index
from index.store.schema import article_document

DOCS = {
    "a1": (
        "2024-03-01",
        "Berlin beschließt neue Militärhilfe",
        "Die Bundesregierung hat weitere Militärhilfe für Moldau beschlossen. "
        "Auch Waffenlieferungen und Friedensverhandlungen in Wien waren Thema.",
        ["Olaf Scholz"],
        ["Berlin", "Moldau", "Wien"],
    ),
    "a2": (
        "2022-05",
        "Gipfel in Paris",
        "Frankreichs Präsident sprach in Paris über die Sicherheitslage in Äthiopien "
        "und die Straße von Hormus.",
        ["Emmanuel Macron"],
        ["Paris", "Äthiopien"],
    ),
    "a3": (
        None,
        "Kubas Regierung kritisiert Washington",
        "Havanna – Kubas Außenministerium kritisierte die Sanktionen. "
        "Venezuelas Opposition schwieg zur EU-Kommission.",
        [],
        ["Kuba", "Havanna", "Venezuela"],
    ),
    "a4": (
        "2021-01-15",
        "Besuch beim Bauer",
        "Der Bauer Thomas Müller zeigt sein Haus in Düsseldorf. Eine neue Quelle "
        "beschreibt die Frequenz der Besuche.",
        ["Thomas Müller"],
        ["Düsseldorf"],
    ),
    "a5": (
        "2024-03-01",
        "Flüchtlingshilfe an der Grenze",
        "Die Außenministerin besuchte Lager. Die Flüchtlingshilfe wird aufgestockt; "
        "Grenzschutz bleibt ein Thema der Verhandlungen.",
        [],
        [],
    ),
    "a6": (
        "2020-02-02",
        "Hilfe für Bauern",
        "Die Hilfe kommt spät, sagt der Verband. Hilfe sei dringend nötig.",
        [],
        [],
    ),
}


def _article(
    key: str, date: str | None, title: str, body: str, people: list[str], places: list[str]
) -> Article:
    precision = {None: "unknown", 4: "year", 7: "month", 10: "day"}[len(date) if date else None]
    meta = Metadata(
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        people=tuple(Entity(n, "person") for n in people),
        places=tuple(Entity(n, "place") for n in places),
    )
    return Article(
        id=key,
        path=f"{key}.txt",
        title=title,
        body=body,
        text=f"{title}\n\n{body}",
        content_hash=key,
        meta=meta,
    )


def make_index(docs: dict = DOCS) -> Index:
    ix = ram_index()
    with ix.writer() as w:
        for key, fields in docs.items():
            w.add_document(**article_document(_article(key, *fields)))
    return ix


@pytest.fixture(scope="module")
def ix() -> Index:
    return make_index()


def ids(ix: Index, q: str, **kw: object) -> list[str]:
    result = search(ix, q, limit=50, **kw)  # type: ignore[arg-type]
    return [h.id for h in result.hits]


@pytest.mark.parametrize("q", ["Müller", "Mueller", "Muller", "MÜLLER", "mueller"])
def test_umlaut_spellings(ix: Index, q: str) -> None:
    assert ids(ix, q) == ["a4"]


@pytest.mark.parametrize("q", ["Strasse", "Straße", "Aethiopien", "Athiopien", "Duesseldorf"])
def test_folding_in_queries(ix: Index, q: str) -> None:
    assert len(ids(ix, q)) == 1


def test_plain_ue_words_still_found(ix: Index) -> None:
    assert ids(ix, "Frequenz") == ["a4"]
    assert ids(ix, "Quelle") == ["a4"]


def test_genitive_names(ix: Index) -> None:
    assert ids(ix, "Kuba") == ["a3"]  # the text has only "Kubas"
    assert ids(ix, "Venezuela") == ["a3"]
    assert ids(ix, "Kubas") == ["a3"]
    assert ids(ix, "Frankreich") == ["a2"]


def test_words_ending_in_s_not_mangled(ix: Index) -> None:
    assert ids(ix, "Paris") == ["a2"]
    assert ids(ix, "Pari") == []
    assert ids(ix, "Thoma") == []
    assert ids(ix, "Haus") == ["a4"]


def test_compound_parts(ix: Index) -> None:
    assert set(ids(ix, "Hilfe")) == {"a1", "a5", "a6"}
    assert ids(ix, "Waffen") == ["a1"]
    assert set(ids(ix, "Verhandlungen")) == {"a1", "a5"}
    assert ids(ix, "Frieden") == ["a1"]


def test_whole_words_rank_above_compound_parts(ix: Index) -> None:
    assert ids(ix, "Hilfe")[0] == "a6"


def test_hyphen_compound_by_parts_and_whole(ix: Index) -> None:
    for q in ["EU-Kommission", "Kommission", "EU", "EUKommission", '"EU Kommission"']:
        assert ids(ix, q) == ["a3"], q


def test_not_excludes_compound_parts(ix: Index) -> None:
    assert ids(ix, "Thema") and set(ids(ix, "Thema")) == {"a1", "a5"}
    assert ids(ix, "Thema NOT Waffe") == ["a5"]


def test_prefix_uses_unstemmed_folded_words(ix: Index) -> None:
    assert set(ids(ix, "Flücht*")) == {"a5"}
    assert set(ids(ix, "fluecht*")) == {"a5"}
    assert ids(ix, "Militär*") == ["a1"]
    assert ids(ix, "zzq*") == []


def test_fuzzy(ix: Index) -> None:
    assert ids(ix, "Havana~") == ["a3"]


@pytest.mark.parametrize(
    ("q", "expect"),
    [
        ("date:2024", {"a1", "a5"}),
        ("datum:2022-05", {"a2"}),
        ("date:2021-01-15", {"a4"}),
        ("date:[2021 TO 2022]", {"a2", "a4"}),
        ("date:[2023-01-01 TO]", {"a1", "a5"}),
    ],
)
def test_dates(ix: Index, q: str, expect: set[str]) -> None:
    assert set(ids(ix, q)) == expect


@pytest.mark.parametrize(
    ("q", "expect"),
    [
        ("person:Müller", {"a4"}),
        ("personen:mueller", {"a4"}),
        ('person:"Emmanuel Macron"', {"a2"}),
        ("ort:Wien", {"a1"}),
        ("orte:Äthiopien", {"a2"}),
        ("place:Paris", {"a2"}),
        ("title:Besuch", {"a4"}),
        ("titel:Hilfe", {"a6"}),
    ],
)
def test_fields(ix: Index, q: str, expect: set[str]) -> None:
    assert set(ids(ix, q)) == expect


def test_empty_query_lists_newest_first_unknown_last(ix: Index) -> None:
    got = ids(ix, "")
    assert got[-1] == "a3"
    assert got[:2] == sorted(["a1", "a5"]) or set(got[:2]) == {"a1", "a5"}
    assert got[2:5] == ["a2", "a4", "a6"]
    assert ids(ix, "   ") == got


def test_sort_by_date(ix: Index) -> None:
    got = ids(ix, "Hilfe", sort="date")
    assert got[-1] == "a6" and set(got) == {"a1", "a5", "a6"}


def test_ties_broken_newest_first() -> None:
    twin = ("Gleicher Titel", "Gleicher Text über Wahlen.", [], [])
    ix = make_index(
        {"old": ("2019-01-01", *twin), "new": ("2023-01-01", *twin), "none": (None, *twin)}
    )
    assert ids(ix, "Wahlen") == ["new", "old", "none"]


@pytest.mark.parametrize(
    "q",
    [
        "AND (",
        '"Frieden',
        "(Frieden OR",
        "Frieden AND",
        "OR Frieden",
        "date:gestern",
        "title:[a TO b]",
        "*",
        "?",
        "~",
        ":",
        "Frieden)",
    ],
)
def test_malformed_queries_never_raise(ix: Index, q: str) -> None:
    result = search(ix, q)
    assert result.error is None or "\n" not in result.error


def test_malformed_query_falls_back_to_words(ix: Index) -> None:
    result = search(ix, '"Frieden')
    assert result.error and result.error.startswith("Ungültige Suche")
    assert [h.id for h in result.hits] == ["a1"]
    assert search(ix, "AND (").error


def test_query_messages_have_codes_and_both_languages(ix: Index) -> None:
    from index.messages import render

    result = search(ix, '"offen')
    assert result.error_code == "unclosed-quote"
    assert render(result.error_code, result.error_args, "de") == result.error
    english = render(result.error_code, result.error_args, "en")
    assert english.startswith("Invalid query") and english != result.error
    after = search(ix, "Hilfe AND")
    assert after.error_code == "operand-after" and "AND" in render(
        "operand-after", after.error_args, "en"
    )


def test_huge_and_control_character_queries(ix: Index) -> None:
    capped = search(ix, "Hilfe " * 2000)
    assert capped.error_code == "too-long" and capped.hits
    assert search(ix, "x" * 10_000).error_code == "too-long"
    result = search(ix, "Hil\x00fe\x1b[31m Berlin\x07")
    # The controls are dropped (NUL splits the word); "[31m" opens a range.
    assert result.terms == ("hil", "fe", "31m", "berlin")
    assert result.error_code == "unclosed-range" and result.hits == ()
    many = search(ix, "a* " * 500)
    assert many.error_code == "too-long" and [h.id for h in many.hits] == ids(ix, "a*")


def test_did_you_mean(ix: Index) -> None:
    result = search(ix, "Venezuala")
    assert result.hits == () and result.suggestion == "Venezuelas"
    assert search(ix, "Düseldorf").suggestion == "Düsseldorf"
    assert search(ix, "person:Mülller").suggestion == "person:Müller"
    assert search(ix, "Hilfe").suggestion is None


def test_snippet_spans_mark_matches(ix: Index) -> None:
    result = search(ix, "Hilfe")
    assert sorted(h.id for h in result.hits) == ["a1", "a5", "a6"]
    for hit in result.hits:
        assert hit.spans and len(hit.snippet) <= 210
        for start, end in hit.spans:
            assert "hilfe" in hit.snippet[start:end].lower()


def test_terms_and_match_spans_on_arbitrary_text(ix: Index) -> None:
    result = search(ix, "Bruessel Hilfe")
    text = "In BRÜSSEL wurde die Katastrophenhilfe erhöht; Brüssels Hilfen kamen."
    words = [text[s:e] for s, e in match_spans(text, result.terms)]
    assert words == ["BRÜSSEL", "Katastrophenhilfe", "Brüssels", "Hilfen"]
    assert [text[s:e] for s, e in match_spans(text, ["flucht*"])] == []
    assert match_spans("US-Außenminister", ["aussenminister"]) == [(3, 16)]


def test_counts_and_results_on_a_multi_segment_index_with_deletions() -> None:
    """Matches come from index/query/evaluate.py; they must agree with
    Whoosh's own matching on several segments with a deleted document."""
    from whoosh import writing

    from index.query.evaluate import evaluate
    from index.query.parse import build_query

    ix = make_index({k: v for k, v in DOCS.items() if k in ("a1", "a2", "a3")})
    with ix.writer() as w:
        for key in ("a4", "a5", "a6"):
            w.add_document(**article_document(_article(key, *DOCS[key])))
        w.mergetype = writing.NO_MERGE
    with ix.writer() as w:
        w.delete_by_term("id", "a2")
        w.mergetype = writing.NO_MERGE
    assert len(ix.reader().leaf_readers()) == 2
    queries = [
        "Hilfe",
        "Paris",
        "Thema NOT Waffe",
        "Flücht*",
        "date:2024",
        "date:[2020 TO 2022]",
        '"Militärhilfe für Moldau"',
        "Hilfe OR Kuba",
        "NOT Hilfe",
        "Bauer~",
        "",
        "Berlin AND Moldau",
        "person:Müller",
        "Hilfe ANDMAYBE Berlin",
        "Thema ANDMAYBE NOT Waffe",
    ]
    with ix.searcher() as searcher:
        for text in queries:
            built = build_query(text, searcher.reader())
            if built.query is None:
                continue
            reader = searcher.reader()  # Whoosh's Not still yields deleted docs
            expected = {d for d in searcher.docs_for_query(built.query) if not reader.is_deleted(d)}
            assert set(evaluate(searcher, built.query)) == expected, text
            result = search(ix, text, limit=50)
            assert result.total == len(expected), text
            assert "a2" not in [h.id for h in result.hits]
    assert ids(ix, "Paris") == []
    assert set(ids(ix, "Hilfe")) == {"a1", "a5", "a6"}


def test_andmaybe_keeps_the_first_part_and_ranks_by_the_second(ix: Index) -> None:
    """Found by the robustness queries once they checked the error code: every
    ANDMAYBE query failed inside the query rewriter."""
    assert ids(ix, "Hilfe") == ["a6", "a5", "a1"]
    assert ids(ix, "Hilfe ANDMAYBE Berlin") == ["a6", "a1", "a5"]  # a1 names Berlin
    assert ids(ix, "der ANDMAYBE Berlin") == ids(ix, "Berlin") == ["a1"]  # a stop word drops


@pytest.mark.parametrize(
    ("q", "expect"), [('"Quelle"', ["a4"]), ('"EU-Kommission"', ["a3"]), ('"Mikl-Leitner"', [])]
)
def test_one_word_phrases(ix: Index, q: str, expect: list[str]) -> None:
    assert ids(ix, q) == expect


def test_stop_words_alone_list_everything_like_an_empty_query(ix: Index) -> None:
    assert ids(ix, '"der"') == ids(ix, "die und") == ids(ix, "")


_ALPHABET = "abcÄöüßéİ -–„“\"'()[]*?~:^+!\\/.,;0123456789\x00\x1b\n\t"
_PIECES = [
    "AND",
    "OR",
    "NOT",
    "person:",
    "ort:",
    "datum:",
    "title:",
    "TO",
    "[",
    "]",
    "(",
    ")",
    '"',
    "*",
    "~",
    "~2",
    "Hilfe",
    "Kubas",
    "EU-Kommission",
    "2024",
    "2024-13",
    "date:",
]


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(_ALPHABET, max_size=6)), max_size=12))
def test_search_never_fails_internally(ix: Index, pieces: list[str]) -> None:
    """Any input yields a SearchResult; errors are user messages, never crashes."""
    text = " ".join(pieces)
    result = search(ix, text)
    assert result.error_code != "search-failed", result.error
    assert (result.error is None) == (result.error_code is None)
    found = [h.id for h in result.hits]
    assert result.total >= len(found) == len(set(found)) and set(found) <= DOCS.keys()


def test_concurrent_searches_from_threads(ix: Index) -> None:
    """search() on an index opens a searcher for the call: safe from threads.
    (Library's one shared searcher: tests/robustness/test_rob_concurrency.py.)"""
    from concurrent.futures import ThreadPoolExecutor

    queries = [
        "Hilfe",
        "Flücht*",
        "Paris",
        "date:2024",
        "Kuba",
        '"Militärhilfe für"',
        "Havana~",
    ] * 8
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda q: search(ix, q), queries))
    assert all(r.error is None for r in results)
    found = [[h.id for h in r.hits] for r in results]
    assert found == [ids(ix, q) for q in queries]
    assert found[:7] == [["a6", "a5", "a1"], ["a5"], ["a2"], ["a1", "a5"], ["a3"], ["a1"], ["a3"]]


def test_search_accepts_a_searcher(ix: Index) -> None:
    with ix.searcher() as searcher:
        assert [h.id for h in search(searcher, "Kuba").hits] == ["a3"]  # type: ignore[arg-type]


def test_index_without_the_parts_field_still_searches() -> None:
    """An index written by an older schema (rebuilt later) must not crash."""
    from whoosh import fields

    from index.text.analysis import StemTokenizer

    schema = fields.Schema(
        id=fields.ID(stored=True),
        title=fields.TEXT(analyzer=StemTokenizer()),
        body=fields.TEXT(analyzer=StemTokenizer()),
        record=fields.STORED,
    )
    ix = ram_index(schema)
    a = _article("x", *DOCS["a6"])
    with ix.writer() as w:
        doc = article_document(a)
        w.add_document(**{k: v for k, v in doc.items() if k in ("id", "title", "body", "record")})
    result = search(ix, "Hilfe")
    assert result.error is None and [h.id for h in result.hits] == ["x"]


def test_as_you_type_rewrites_only_an_unfinished_plain_last_word() -> None:
    from index.query.parse import as_you_type

    assert as_you_type("Brü") == "(Brü OR Brü*)"
    assert as_you_type("Syrien Rus") == "Syrien (Rus OR Rus*)"
    unchanged = ("Syrien ", "B", "Syrien R", '"humanitäre Pause"', "person:Law", "Kamikava~")
    for typed in (*unchanged, "Flü*", "Moskau NOT Drohne"):
        assert as_you_type(typed) == typed.strip()


def test_typing_search_finds_prefix_but_reports_typed_words(ix: Index) -> None:
    typed = search(ix, "Havan", typing=True)
    assert search(ix, "Havan").total == 0 and [h.id for h in typed.hits] == ["a3"]
    assert typed.query == "Havan"
    (start, end), *_ = typed.hits[0].spans  # the prefix match is marked in the snippet
    assert typed.hits[0].snippet[start:end] == "Havanna"
    miss = search(ix, "Berlni", typing=True)
    if miss.total == 0 and miss.suggestion:
        assert "*" not in miss.suggestion and " OR " not in miss.suggestion


def test_kept_phrase_hits_follow_deletions() -> None:
    """A segment's phrase hits are kept between searches (index/query/
    evaluate.py); a document deleted since, in the same segment, is gone."""
    from whoosh import writing

    docs = dict(DOCS)
    docs["a7"] = ("2024-03-02", "Noch einmal", DOCS["a1"][2], [], [])
    ix = make_index(docs)
    phrase = '"Militärhilfe für Moldau"'
    assert sorted(ids(ix, phrase)) == ["a1", "a7"]
    with ix.writer() as w:
        w.delete_by_term("id", "a7")
        w.mergetype = writing.NO_MERGE
    assert len(ix.reader().leaf_readers()) == 1
    assert ids(ix, phrase) == ["a1"]
    assert search(ix, phrase).total == 1
