"""Snippets and highlight spans (index/search/snippets.py)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from index.search.snippets import (
    SHORT_KEY,
    SNIPPET_CHARS,
    TermMatcher,
    _finder,
    _lower,
    make_snippet,
    match_spans,
)
from index.text.analysis import HYPHENS_RE, WORD_RE, analyze_word, fold, word_keys

WORDS = [
    "Düsseldorf",
    "Duesseldorf",
    "DÜSSELDORF",
    "Straße",
    "Strasse",
    "Grenzschließung",
    "Flüchtlingshilfe",
    "Hilfe",
    "Hilfen",
    "hilflos",
    "EU-Kommission",
    "Kommissionen",
    "Kubas",
    "Kuba",
    "Paris",
    "Erdoğan",
    "İstanbul",
    "Señora",
    "neue",
    "Frequenz",
    "Bauer",
    "Thema",
    "Themen",
    "Waffenruhe",
    "Friedensverhandlungen",
    "–",
    "„Zitat“",
    "US‑Präsident",
    "Präsidentin",
    "Brüssels",
    "der",
    "und",
    "1.000",
    "G7-Gipfel",
]
TERMS = [
    ["hilfe"],
    ["dusseldorf"],
    ["strasse"],
    ["kuba"],
    ["kommission"],
    ["erdogan"],
    ["istanbul"],
    ["prasident*"],
    ["frieden"],
    ["thema", "waffen"],
    ["=hilf"],
    ["senora"],
    ["g7"],
    ["bruessel"],
]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=40),
    seps=st.lists(
        st.sampled_from([" ", "\n", ", ", ". ", " – ", "\n\n", "-"]), min_size=40, max_size=40
    ),
    terms=st.sampled_from(TERMS),
)
def test_fast_spans_equal_full_scan(words: list[str], seps: list[str], terms: list[str]) -> None:
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    matcher = TermMatcher(terms)
    assert matcher.spans(text) == _spans_by_scan(TermMatcher(terms), text)


def _spans_by_scan(matcher: TermMatcher, text: str) -> list[tuple[int, int]]:
    """Reference for TermMatcher.spans: tokenize the whole text and ask
    `matches` of every word; a hyphen compound is marked by its matching
    pieces, or whole when only the whole matches."""
    out: list[tuple[int, int]] = []
    for m in WORD_RE.finditer(text):
        if not matcher.matches(m.group()):
            continue
        pieces = []
        pos = m.start()
        for piece in HYPHENS_RE.split(m.group()):
            if piece and matcher.matches(piece):
                pieces.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        out.extend(pieces if HYPHENS_RE.search(m.group()) and pieces else [m.span()])
    return out


def test_spans_through_folding_genitive_and_compounds() -> None:
    text = "In DUESSELDORF und Düsseldorfs Straßen half die Flüchtlingshilfe; Kubas Hilfen."
    got = [text[s:e] for s, e in match_spans(text, ["düsseldorf", "hilfe", "kuba", "strasse"])]
    assert got == ["DUESSELDORF", "Düsseldorfs", "Straßen", "Flüchtlingshilfe", "Kubas", "Hilfen"]


def test_hyphen_compound_highlights_the_matching_piece() -> None:
    text = "Die EU-Kommission tagte."
    assert [text[s:e] for s, e in match_spans(text, ["kommission"])] == ["Kommission"]


def test_prefix_terms() -> None:
    text = "Präsidentin, Präsidenten und Präsidium, aber nicht Vizepräsident."
    got = [text[s:e] for s, e in match_spans(text, ["prasident*"])]
    assert got == ["Präsidentin", "Präsidenten"]


def test_snippet_is_one_line_around_the_best_passage() -> None:
    text = (
        ("Einleitung ohne Treffer. " * 20)
        + "\nHier geht es um Hilfe\nund Flüchtlingshilfe. "
        + ("Schluss ohne Treffer. " * 20)
    )
    snippet, spans = make_snippet(text, TermMatcher(["hilfe"]))
    assert "\n" not in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= SNIPPET_CHARS + 2
    assert [snippet[s:e] for s, e in spans] == ["Hilfe", "Flüchtlingshilfe"]


def test_snippet_without_matches_starts_at_the_top() -> None:
    snippet, spans = make_snippet("Kurzer Text.", TermMatcher(["nichts"]))
    assert snippet == "Kurzer Text." and spans == ()


def test_snippet_collapses_whitespace_and_keeps_spans() -> None:
    snippet, spans = make_snippet("Erst  Hilfe\n\n  und\tHilfen  ", TermMatcher(["hilfe"]))
    assert snippet == "Erst Hilfe und Hilfen"
    assert [snippet[s:e] for s, e in spans] == ["Hilfe", "Hilfen"]


def _matches_by_analysis(matcher: TermMatcher, surface: str) -> bool:
    """Reference for TermMatcher.matches: the full analysis of every word."""
    folded = fold(surface)
    if not any(k in folded for k in matcher.keys | set(matcher.prefixes)):
        return False
    info = analyze_word(surface)
    return bool(word_keys(info) & matcher.keys) or any(
        f.startswith(p) for f in info.folded for p in matcher.prefixes
    )


def test_matches_equal_full_analysis_on_the_bundled_articles() -> None:
    """The shortcuts for one-piece words (prefixes, lower-case words) decide
    as the full analysis does, for every word of the bundled articles."""
    articles = Path(__file__).resolve().parents[2] / "articles"
    words = {
        m.group()
        for p in sorted(articles.glob("*.txt"))
        for m in WORD_RE.finditer(p.read_text(encoding="utf-8"))
    }
    words.update(WORDS)
    for piece in list(words):
        words.update(p for p in HYPHENS_RE.split(piece) if p)
    assert len(words) > 500
    typed = [["re", "re*"], ["m"], ["e"], ["bru", "bru*"], ["van", "de", "de*"], ["aus", "aus*"]]
    for terms in [*TERMS, *typed, ["regierung"], ["hilf*"], ["sich", "sich*"]]:
        matcher = TermMatcher(terms)
        wrong = [w for w in sorted(words) if matcher.matches(w) != _matches_by_analysis(matcher, w)]
        assert not wrong, (terms, wrong[:10])


TYPED_WORDS = [
    *WORDS,
    "Regierung",
    "Bundesregierung",
    "EU-Regierungen",
    "mehrere",
    "Re",
    "R-ihre-E",
    "A-oder-B",
    "Eßgeschirr",
    "Großbritannien",
    "Außenminister",
    "Bruessel",
    "ĳsselmeer",
    "Αθήνα",
    "Ruß",
    "Mikl-Leitner",
    "Demokratie",
    "Van",
    "der",
    "Syrien",
    "Rußland",
    "Russland",
    "Vučić",
    "Łódź",
    "Ruanda",
    "erneut",
]
TYPED_TERMS = [
    ["re", "re*"],
    ["m"],
    ["r"],
    ["ab", "de"],
    ["es", "es*"],
    ["au", "au*"],
    ["auss", "auss*"],
    ["gros*"],
    ["van", "de", "de*"],
    ["mi", "mi*"],
    ["ij", "ij*"],
    ["bru", "bru*"],
    ["syrien", "ru", "ru*"],
    ["erdogan", "er", "er*"],
    ["vu", "vu*"],
    ["lo", "lo*"],
    ["van", "der*"],
    ["regierung", "re*"],
    ["mikl", "leitn", "mikl-leitn*"],
]


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(TYPED_WORDS), min_size=1, max_size=40),
    seps=st.lists(
        st.sampled_from([" ", "\n", ", ", "-", " „", "“ ", "--"]), min_size=40, max_size=40
    ),
    terms=st.sampled_from(TYPED_TERMS),
)
def test_short_keys_at_word_starts_find_what_the_full_search_finds(
    words: list[str], seps: list[str], terms: list[str]
) -> None:
    """Short keys and prefixes are looked for at word starts only (except in
    hyphen compounds): the spans are those of the search for every key
    anywhere, also with "ß", ligatures and Greek in the text. (Not always
    those of `_spans_by_scan`: "gros*" misses "Großbritannien" either way.)"""
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    matcher = TermMatcher(terms)
    everywhere = TermMatcher(terms)
    assert matcher.spans(text) == everywhere._scan(
        text, _lower(text), _finder(everywhere._finder_keys), hyphenated=True
    )


def test_stems_begin_the_word_and_parts_are_not_short() -> None:
    """What the word-start search relies on, over the bundled articles: a
    one-piece word's stems begin its folded form, compound parts are longer
    than SHORT_KEY."""
    articles = Path(__file__).resolve().parents[2] / "articles"
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt")))
    for word in {m.group() for m in WORD_RE.finditer(text)}:
        info = analyze_word(word)
        if len(info.folded) == 1:
            assert all(info.folded[0].startswith(s) for s in info.stems[0]), word
        assert all(len(p) > SHORT_KEY for p in info.parts if len(info.folded) == 1), word


def test_word_start_search_keeps_the_odd_cases() -> None:
    """A key's "s" may be half a "ß"; a ligature folds to two letters; a
    hyphen compound's joined stem may be short: found as before."""
    cases = [
        ("Das Eßgeschirr ist da.", ["es", "es*"], ["Eßgeschirr"]),
        ("Ein ĳsselmeerijs liegt.", ["ij", "ij*"], ["ĳsselmeerijs"]),
        ("Siehe A-oder-B.", ["ab", "de"], ["A-oder-B"]),
        ("Die Regierung, mehrere EU-Regierungen.", ["re", "re*"], ["Regierung", "Regierungen"]),
    ]
    for text, terms, expected in cases:
        assert [text[s:e] for s, e in match_spans(text, terms)] == expected, text
