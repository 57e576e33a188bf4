"""The word-class lexicon's generator (scripts/gen_gazetteer_lexicon.py): the pieces that
decide what counts as a common word, and the shipped table's answers for German's
closed classes and for names that are also words."""

from __future__ import annotations

from index.extract.gazetteer import load
from tests.index.script_loader import load_script


def test_abbreviations_and_letters_are_no_common_nouns() -> None:
    gen = load_script("gen_gazetteer_lexicon")
    assert gen._common_noun_form("Straße") and gen._common_noun_form("Bundesrat")
    for form in ("ARD", "AGs", "BMW", "Ny", "Xi", "auto", "Rotes Kreuz"):
        assert not gen._common_noun_form(form), form


def test_nested_word_forms_are_all_found_and_odds_are_bounded() -> None:
    gen = load_script("gen_gazetteer_lexicon")
    table = {"NOM": {"SIN": "Haus", "PLU": "Häuser"}, "G": "N", "KJ1": [["arbeite", "ab"]]}
    assert set(gen._strings(table)) == {"Haus", "Häuser", "N", "arbeite", "ab"}
    assert list(gen._pairs(table)) == [["arbeite", "ab"]]
    assert gen._odds(5, 0, 100, 100) == 9 and gen._odds(0, 5, 100, 100) == -9
    assert gen._odds(10, 10, 100, 100) == 0 and -9 <= gen._odds(1, 1000, 10, 10) < 0


def test_the_shipped_lexicon_knows_function_words_nouns_and_names() -> None:
    lex = load().lexicon
    for word in ("und", "wegen", "seine", "obwohl"):
        assert lex.get(word, "").startswith("X"), word
    assert lex.get("straße") == "NN" and lex.get("sagte") == "V"
    assert lex.get("statistischen", "").startswith("ADJ")
    assert lex.get("china") == "NE"  # a country, though a dictionary lists it as a noun
    assert "+NE" in lex.get("essen", "") and "+NE" in lex.get("koch", "")  # word and name
    assert lex.get("bmw") is None  # an abbreviation is no common word
