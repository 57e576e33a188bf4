"""Each folding, genitive and compound rule, shown on words that are not in the
seed articles."""

from __future__ import annotations

import pytest

from index.text.analysis import (
    WORD_RE,
    analyze_word,
    fold,
    genitive_base,
    stem,
    word_keys,
)
from index.text.compounds import split_compound


@pytest.mark.parametrize(
    "variants",
    [
        ["Düsseldorf", "Duesseldorf", "Dusseldorf", "DÜSSELDORF", "düsseldorf"],
        ["Straße", "Strasse", "STRASSE", "strasse"],
        ["Ärzte", "Aerzte", "Arzte", "ÄRZTE"],
        ["Österreich", "Oesterreich", "Osterreich"],
        ["Müller", "Mueller", "Muller"],
        ["Señora", "Senora"],
    ],
)
def test_fold_equates_spellings(variants: list[str]) -> None:
    assert len({fold(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Frequenz", "frequenz"),  # "ue" after q is no umlaut
        ("Quelle", "quelle"),
        ("neue", "neue"),  # "ue" after a vowel is no umlaut
        ("Bauer", "bauer"),
        ("Feuer", "feuer"),
        ("teuer", "teuer"),
    ],
)
def test_fold_keeps_words_with_plain_ue(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_typographic_quotes_and_dashes_do_not_break_words() -> None:
    text = "„Frieden“ – sagte er – ‚jetzt‘ im Gaza–Krieg und beim US\u2011Präsidenten"
    words = [m.group() for m in WORD_RE.finditer(text)]
    assert "Frieden" in words and "jetzt" in words
    assert "Gaza" in words and "Krieg" in words  # an en dash separates
    assert "US\u2011Präsidenten" in words  # a non-breaking hyphen joins


@pytest.mark.parametrize(
    ("word", "base"),
    [("kubas", "kuba"), ("venezuelas", "venezuela"), ("boliviens", None), ("ugandas", "uganda")],
)
def test_genitive_of_names(word: str, base: str | None) -> None:
    assert genitive_base(word, True) == base


@pytest.mark.parametrize("word", ["paris", "thomas", "haus", "los", "kaktus", "status", "texas"])
def test_words_ending_in_s_are_not_genitives(word: str) -> None:
    assert genitive_base(word, True) is None


def test_genitive_needs_a_capital_in_text() -> None:
    assert genitive_base("kubas", False) is None
    info = analyze_word("Kubas")
    assert info.stems == (("kubas", "kuba"),)


def test_snowball_handles_consonant_genitives() -> None:
    assert stem(fold("Macrons")) == stem(fold("Macron"))


@pytest.mark.parametrize(
    ("compound", "part"),
    [
        ("Flüchtlingshilfe", "hilfe"),
        ("Friedensverhandlungen", "frieden"),
        ("Friedensverhandlungen", "verhandlungen"),
        ("Wirtschaftswachstum", "wachstum"),
        ("Gesundheitsministerium", "gesundheit"),
        ("Panzerlieferungen", "panzer"),
        ("Bürgermeisterwahl", "wahl"),
        ("Schulbuch", "schule"),
    ],
)
def test_compound_parts_with_linking_elements(compound: str, part: str) -> None:
    assert stem(part) in {stem(p) for p in split_compound(fold(compound))}


@pytest.mark.parametrize(
    "word", ["Botschaft", "Einmarsch", "Freiheit", "Verhandlung", "Frequenz", "Bedeutung"]
)
def test_ordinary_words_stay_whole(word: str) -> None:
    assert split_compound(fold(word)) == ()


def test_hyphen_compound_keys() -> None:
    info = analyze_word("EU-Kommission")
    assert info.folded == ("eu", "kommission")
    assert stem("eukommission") in info.parts
    keys = word_keys(info)
    assert stem("kommission") in keys and "eu" in keys


def test_compound_parts_are_stemmed_keys() -> None:
    keys = word_keys(analyze_word("Flüchtlingshilfen"))
    assert stem("hilfe") in keys


def test_only_capitalized_words_are_split() -> None:
    assert analyze_word("abtasten").parts == ()
    assert analyze_word("Friedensverhandlungen").parts


@pytest.mark.parametrize("word", ["Startpreis", "Hauptfokus", "Medienkulturhaus"])
def test_rare_compounds_ending_in_s_are_not_genitives(word: str) -> None:
    assert genitive_base(fold(word), True) is None


def test_modifiers_drop_linking_elements_but_not_into_function_words() -> None:
    assert "war" not in split_compound(fold("Metallwarenindustrie"))
