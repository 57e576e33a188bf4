"""Publication date, mentioned dates and bylines, on invented headers and texts."""

from __future__ import annotations

import pytest

from index.extract import extract_metadata
from index.extract.byline import byline
from index.extract.dates import mentioned_dates, publication_date


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Montag, April 29, 2024", ("2024-04-29", "day")),
        ("5. November 2023, 19:09 Uhr ET", ("2023-11-05", "day")),
        (" date 2025-01 Von Euronews mit AP", ("2025-01", "month")),
        ("05.11.2023", ("2023-11-05", "day")),
        ("2023-11-05", ("2023-11-05", "day")),
        ("Dienstag, 3. März 2020", ("2020-03-03", "day")),
        ("Veröffentlicht am 12. Jänner 2016, 14:30", ("2016-01-12", "day")),
        ("Updated: March 3, 2021", ("2021-03-03", "day")),
    ],
)
def test_publication_date_from_header_lines(header: str, expected: tuple[str, str]) -> None:
    assert publication_date("Titel\n\nText ohne Datum.", [header]) == expected


def test_date_line_kept_in_body_top_counts() -> None:
    text = "Ein Titel\n\n5. November 2023, 19:09 Uhr ET\n\nDer Minister reiste am Sonntag ab."
    assert publication_date(text) == ("2023-11-05", "day")


def test_date_inside_sentence_is_only_mentioned() -> None:
    text = "Titel\n\nDer Gipfel am 7. Oktober 2022 in Prag endete ohne Einigung."
    meta = extract_metadata(text)
    assert meta.date is None
    assert meta.date_precision == "unknown"
    assert meta.mentioned_dates == ("7. Oktober 2022",)


def test_no_date_is_unknown_never_today() -> None:
    meta = extract_metadata("Titel\n\nDie Regierung beriet am Dienstag über den Haushalt.")
    assert (meta.date, meta.date_precision) == (None, "unknown")


def test_mentioned_dates_as_written_in_order() -> None:
    text = (
        "Titel\n\nBis zum 20. Januar soll alles geklärt sein. "
        "Russland hatte Ende 2021 gedroht, am 3. Mai folgte mehr."
    )
    assert mentioned_dates(text) == ("20. Januar", "Ende 2021", "3. Mai")


@pytest.mark.parametrize(
    ("line", "author", "source"),
    [
        ("Von Jennifer Hansler von CNN", "Jennifer Hansler", "CNN"),
        (" date 2025-01 Von Euronews mit AP", None, "Euronews"),
        ("Von Maria Schneider, Reuters", "Maria Schneider", "Reuters"),
        ("Von Reuters", None, "Reuters"),
        ("Montag, April 29, 2024", None, None),
    ],
)
def test_byline(line: str, author: str | None, source: str | None) -> None:
    assert byline([line]) == (author, source)


def test_byline_author_is_a_person() -> None:
    meta = extract_metadata("Titel\n\nDer Text.", ["Von Jennifer Hansler von CNN"])
    assert meta.author == "Jennifer Hansler"
    assert meta.source == "CNN"
    assert "Jennifer Hansler" in [p.name for p in meta.people]


def test_mentioned_dates_without_month_names_and_periods_alone() -> None:
    # No month name: the numeric forms are still found; a month and year alone is a period.
    assert mentioned_dates("Am 05.11.2023 und am 2024-01-02 tagte er.") == (
        "05.11.2023",
        "2024-01-02",
    )
    assert mentioned_dates("Im November 2023 und Anfang 2024 stieg der Preis.") == ("Anfang 2024",)
    assert mentioned_dates("Das Ende naht, Mitte der Woche.") == ()
