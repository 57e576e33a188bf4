"""Bylines: author and source, and the title lines that only look like one."""

from __future__ import annotations

import pytest

from index.extract.byline import byline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Von Jennifer Hansler von CNN", ("Jennifer Hansler", "CNN")),
        ("Von Martin Gärtner, Reuters", ("Martin Gärtner", "Reuters")),
        ("Von Euronews mit AP", (None, "Euronews")),
        ("– Von Deutsche Welle", (None, "Deutsche Welle")),
        ("Von dpa", (None, "dpa")),
        ("Quelle: dpa", (None, "dpa")),
        ("Quelle: tagesschau.de", (None, "tagesschau.de")),
    ],
)
def test_bylines_give_author_and_source(line: str, expected: tuple[str | None, str | None]) -> None:
    assert byline([line]) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Literaturprojekt Crowd: Von Helsinki nach Zypern.",  # "Von" inside a title
        "Von Helsinki nach Zypern",  # a journey, not a source
        "Von Angela Merkel lernen",  # a verb after the name
        "– Von Paris",  # a place is not a source
        "Quelle: die Zeitung sagt",
    ],
)
def test_title_lines_are_not_bylines(line: str) -> None:
    assert byline([line]) == (None, None)


def test_the_first_byline_wins_over_later_lines() -> None:
    lines = ["Gipfel in Brüssel: Von Lissabon bis Tallinn", "Von Euronews mit AP"]
    assert byline(lines) == (None, "Euronews")


def test_a_sentence_opening_with_von_is_no_source() -> None:
    assert byline(["Von T-Shirts und kurzen Hosen sollte abgesehen werden, heißt es."]) == (
        None,
        None,
    )
