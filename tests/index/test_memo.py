"""The bounded word cache (index/text/memo.py) behind analyze_word, stem and
split_compound."""

from __future__ import annotations

from index.text import analysis, compounds
from index.text.memo import Memo


def test_memo_gives_the_function_value_and_computes_each_key_once() -> None:
    calls: list[str] = []

    def upper(key: str) -> str:
        calls.append(key)
        return key.upper()

    memo = Memo(upper, 10)
    assert [memo[k] for k in ("a", "b", "a", "a", "b")] == ["A", "B", "A", "A", "B"]
    assert calls == ["a", "b"]


def test_memo_holds_at_most_two_generations_and_keeps_keys_in_use() -> None:
    calls: list[int] = []

    def square(key: int) -> int:
        calls.append(key)
        return key * key

    memo = Memo(square, 100)
    for n in range(10_000):
        assert memo[n] == n * n
        assert memo[0] == 0  # a key asked all the time
        assert len(memo) + len(memo.old) <= 200
    assert calls.count(0) == 1, "a key in use is never dropped"
    assert memo[9_999] == 9_999**2 and calls.count(9_999) == 1  # a recent one is kept
    assert memo[5] == 25 and calls.count(5) == 2  # an old one-off was dropped


def test_cached_analysis_equals_a_fresh_one() -> None:
    words = ["Sicherheitsgarantien", "Chinas", "US-Außenminister", "Regierung", "die", "Weg"]
    for word in words:
        for query in (False, True):
            first = analysis.analyze_word(word, query)
            assert analysis.analyze_word(word, query) is first
            assert first == analysis._analyze_word(word, query)
    assert compounds.split_compound("sicherheitsgarantien") == ("sicherheit", "garantien")
    assert compounds.split_compound("botschaft") == ()
    assert analysis.stem("regierung") == analysis._stem("regierung")
