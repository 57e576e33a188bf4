"""The compound splitter's frequency lexicon: a mapped trie and its values."""

from __future__ import annotations

import array

import marisa_trie
import pytest

from index.text import compounds
from index.text.compounds import Lexicon, lexicon


def test_frequent_words_rank_above_rare_ones_and_unknown_words_are_zero() -> None:
    lex = lexicon()
    assert len(lex) > 50_000
    assert lex.get("und") > lex.get("botschaft") > lex.get("sicherheitsgarantie", 0)
    assert 600 <= lex.get("und") <= 800  # Zipf x 100: "und" is ~7 in German
    assert lex.get("xqzvbrt") == 0 and lex.get("xqzvbrt", 5) == 5
    assert "botschaft" in lex and "xqzvbrt" not in lex and 3 not in lex


def test_a_table_whose_values_do_not_match_its_words_is_refused() -> None:
    trie = marisa_trie.Trie(["amt", "bahn", "haus"])
    with pytest.raises(ValueError, match="3 words but 2 values"):
        Lexicon(trie, memoryview(array.array("H", [1, 2])))
    lex = Lexicon(trie, memoryview(array.array("H", [0, 0, 0])))
    values = array.array("H", bytes(6))
    values[trie["bahn"]] = 412
    lex = Lexicon(trie, memoryview(values))
    assert lex.get("bahn") == 412 and lex.get("amt") == 0 and lex.get("bus") == 0


def test_splits_read_the_lexicon() -> None:
    assert compounds.zipf("botschaft") == lexicon().get("botschaft") / 100
