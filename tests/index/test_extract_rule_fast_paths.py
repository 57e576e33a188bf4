"""The rule modules' shortcuts (pre-checks, per-word memos) keep the rules' answers
(invented German sentences)."""

from __future__ import annotations

import pytest

from index.extract.dates import _NUMERIC, _PRECHECK, _WRITTEN, mentioned_dates
from index.extract.docpass import Span, one_class_per_name, propagate
from index.extract.people import merge_people
from index.extract.spanrules import genitive_name


def _w(text: str) -> list[str]:
    return text.split()


DATED = [
    "Am 5. November 2023 begann es.",
    "Signed April 29, 2024 in Ohio.",
    "Seit 29 April 2024 gilt das.",
    "Bis zum 7.Oktober und dem 3. Mai.",
    "Ende 2021 und Anfang 1999 wurde gebaut.",
    "Stand 2023-11-05, Version 2.",
    "Am 05.11.2023 und am 1.2.2020 tagte er.",
    "Keine Zahl, kein Monat.",
    "Der 12. Mailänder Kongress, 2023-1-5, 3.4.1899",
]


@pytest.mark.parametrize("text", DATED)
def test_every_date_pattern_match_contains_its_precheck(text: str) -> None:
    for pat in [*_WRITTEN[:-1], *_NUMERIC[:2]]:
        if pat.search(text):
            assert _PRECHECK[pat].search(text), (pat.pattern, text)


def test_mentioned_dates_found_behind_the_prechecks() -> None:
    text = "Am 5. November 2023, am 05.11.2023 und Ende 2021; signed April 29, 2024."
    assert mentioned_dates(text) == (
        "5. November 2023",
        "05.11.2023",
        "Ende 2021",
        "April 29, 2024",
    )
    assert mentioned_dates("Kein Datum hier, nur 12 Leute.") == ()


def test_propagate_finds_genitives_and_skips_sentences_without_a_name() -> None:
    sents = [
        _w("Annalena Baerbock reiste ab ."),
        _w("Das Wetter war schlecht ."),
        _w("Baerbocks Rede und Baerbock selbst ."),
    ]
    spans = [Span(0, 0, 2, "PER")]
    out = propagate(sents, spans)
    assert [(s.sent, s.a, s.b, s.cls, s.tagged) for s in out] == [
        (0, 0, 2, "PER", True),
        (2, 0, 1, "PER", False),
        (2, 3, 4, "PER", False),
    ]


def test_one_class_per_name_takes_the_majority_and_the_first_of_a_tie() -> None:
    sents = [_w("Kolbe Kolbe Kolbe Wendtke Wendtke")]
    spans = [
        Span(0, 0, 1, "LOC"),
        Span(0, 1, 2, "PER"),
        Span(0, 2, 3, "PER"),
        Span(0, 3, 4, "LOC", tagged=False),
        Span(0, 4, 5, "PER", tagged=False),
    ]
    out = one_class_per_name(sents, spans)
    assert [s.cls for s in out] == ["PER", "PER", "PER", "LOC", "LOC"]


def test_merge_people_variants_and_lone_particle_names() -> None:
    people = merge_people(
        [
            (0, ("Kim", "Jong-un")),
            (5, ("Kim", "Jong", "Un")),
            (9, ("Mohammed", "Shia", "al-Sudani")),
            (12, ("Sudani",)),
            (14, ("Jong",)),
        ]
    )
    names = {p.name: p.count for p in people}
    assert names == {"Kim Jong Un": 3, "Mohammed Shia al-Sudani": 2}


def test_genitive_name_word_memo_keeps_the_context_test() -> None:
    words = _w("über Zabels Entscheidung sprach man , nicht über Zabels .")
    assert genitive_name(words, 1)
    assert not genitive_name(words, 8)  # the same word, in no genitive's place
