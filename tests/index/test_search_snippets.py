"""Snippets and highlight spans (index/search/snippets.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.search.snippets import SNIPPET_CHARS, TermMatcher, make_snippet, match_spans
from index.text.analysis import HYPHENS_RE, WORD_RE

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
