"""The tagger's fast paths give what the plain ones give (invented German sentences).

The tagger feeds crfsuite features filtered to its model's attributes
(crfmodel.py); training uses the full `static_features`. Both must agree, or a
retrained model would see other features at tagging time than in training.
"""

from __future__ import annotations

import pycrfsuite

from index.extract.crfmodel import ModelFeatures
from index.extract.features import _marks, gazetteer_marks, shape, static_features
from index.extract.gazetteer import load
from index.extract.tagger import CRF_PATH, model_features
from tests.index.tagger_sentences import SENTENCES


def _words() -> list[list[str]]:
    return [s.split() for s in SENTENCES]


def test_model_features_are_the_full_features_the_model_knows_in_order() -> None:
    gaz = load()
    fast = model_features(CRF_PATH)
    for words in _words():
        full = static_features(words, gaz)
        want = [[f.encode() for f in feats if f.encode() in fast.known] for feats in full]
        assert fast.features(words, gaz) == want, words


def test_a_model_knowing_every_feature_gets_them_all() -> None:
    gaz = load()
    words = _words()[0]
    full = static_features(words, gaz)
    every = {f.encode(): f.encode() for feats in full for f in feats}
    assert ModelFeatures(every).features(words, gaz) == [
        [f.encode() for f in feats] for feats in full
    ]


def test_filtered_features_tag_exactly_like_the_full_ones() -> None:
    gaz = load()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(CRF_PATH))
    fast = model_features(CRF_PATH)
    for words in _words():
        assert tagger.tag(fast.features(words, gaz)) == tagger.tag(static_features(words, gaz))


def test_gazetteer_marks_try_every_span_a_key_may_start() -> None:
    gaz = load()
    text = "Er lebt im Nahen Osten , nicht in den Vereinigten Staaten von Amerika ."
    words = text.split(" ")
    _marks.cache_clear()
    marks = gazetteer_marks(words, gaz)
    assert marks[3:5] == ["B-region", "I-region"]
    assert marks[9:13] == ["B-country", "I-country", "I-country", "I-country"]  # four tokens
    assert not any(marks[:3] + marks[5:9] + marks[13:])


def test_shape_fast_cases_match_the_general_rule() -> None:
    assert [shape(w) for w in ("haus", "Haus", "H", "NATO", "G7", "al-Sudani", "McCain")] == [
        "x",
        "Xx",
        "X",
        "X",
        "Xd",
        "x-Xx",
        "XxXx",
    ]


def _decapitalise_plain(words: list[str]) -> list[str]:
    """The rule of `sentence.decapitalise`, written as a plain scan over every token."""
    from index.extract.gazetteer import MAX_SPAN, lookup_key
    from index.extract.sentence import _KNOWN_TOWN, find_org

    out = list(words)
    places = load().places
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and j - i < MAX_SPAN and out[j].isupper() and out[j].isalpha():
            j += 1
        if j > i and (j - i > 1 or len(out[i]) > 3) and find_org(out, i, j) is None:
            titled = tuple(w.title() for w in out[i:j])
            place = places.get(lookup_key(titled))
            if place is not None and (place.kind != "city" or place.population >= _KNOWN_TOWN):
                out[i:j] = titled
        i = max(j, i + 1)
    return out


def test_decapitalise_looks_only_at_capitals_and_agrees_with_the_plain_scan() -> None:
    from index.extract.sentence import decapitalise

    texts = [
        "LEIPZIG ( dpa ) - Die NATO und die EU tagen in BERLIN .",
        "EIN TEXT GANZ IN GROSSBUCHSTABEN AUS NEW YORK UND PARIS",
        "A B C D E F NEW YORK",
        "In WIEN , PARIS und ROM",
    ]
    for words in [*_words(), *(t.split(" ") for t in texts), []]:
        assert decapitalise(words) == _decapitalise_plain(words), words
    titled = [decapitalise(t.split(" ")) for t in texts]
    assert titled[0][:1] == ["Leipzig"] and "NATO" in titled[0] and "Berlin" in titled[0]
    assert titled[3] == ["In", "Wien", ",", "Paris", "und", "ROM"]  # one short word stays


def _word_info_plain(w: str) -> tuple[tuple[str, ...], str, tuple[str, ...], bool]:
    """`features.word_info` written plainly: every table asked through its public face."""
    from index.extract.clusters import PREFIXES, clusters
    from index.extract.cues import (
        GEO_GENERIC,
        PLACE_CUE_SUFFIXES,
        ROLE_SUFFIXES,
        ROLE_WORDS,
        TOPONYM_SUFFIXES,
    )
    from index.extract.features import _GERMAN_LETTERS, _ends_in_noun, is_name_like
    from index.extract.freq import band
    from index.extract.gazetteer import lookup_key
    from index.extract.known import KNOWN_SURNAMES, ORG_NAMES, ORG_SUFFIXES

    gaz = load()
    low = w.lower()
    upper = w[:1].isupper()
    f = ["sh=" + shape(w), "lx=" + gaz.lexicon.get(low, "?")]
    if low in gaz.name_morphemes:
        f.append("ne")
    if upper:
        odds = gaz.suffix_odds.get(low[-4:])
        if odds is None:
            odds = gaz.suffix_odds.get(low[-3:])
        f.append("sfx=?" if odds is None else "sfx=" + str(odds))
        if _ends_in_noun(low, gaz.noun_morphemes):
            f.append("nncmp")
    for table, feat in ((gaz.first_names, "fn"), (gaz.surnames, "sn"), (gaz.nouns, "cn")):
        if w in table:
            f.append(feat)
    noun = w in gaz.nouns
    if w in gaz.toponyms:
        f.append("topo")
    if noun and low.endswith(PLACE_CUE_SUFFIXES):
        f.append("pcue")
    if low in GEO_GENERIC:
        f.append("geo")
    elif upper and not noun and low.endswith(TOPONYM_SUFFIXES):
        f.append("toposfx")
    if upper:
        f.append("len=" + str(min(len(w), 12) // 3))
        if not _GERMAN_LETTERS.issuperset(low):
            f.append("foreign")
    if low in ROLE_WORDS or (len(low) > 6 and low.endswith(ROLE_SUFFIXES)):
        f.append("role")
    f.append("fq=" + band(low))
    if upper:
        path = clusters().path(w)
        f.extend([f"c{k}={path & ((1 << k) - 1)}" for k in PREFIXES] if path else ["c=?"])
    for table, feat in ((KNOWN_SURNAMES, "kp"), (ORG_NAMES, "ko"), (ORG_SUFFIXES, "osf")):
        if w in table:
            f.append(feat)
    code = "".join(
        c for c, feat in (("N", "cn"), ("F", "fn"), ("S", "sn"), ("E", "ne")) if feat in f
    )
    place = gaz.places.get((w,))
    if place is not None:
        code += "P" if place.kind != "city" or place.population >= 15_000 else "p"
    code += "C" if upper else "l"
    extra: list[str] = []
    name_like = bool(w) and is_name_like(w)
    if name_like and "-" in w:  # extras count only for name-like words
        head = w.partition("-")[0]
        extra += ["h1=" + head.lower(), "hl=" + w.rsplit("-", 1)[1].lower()]
        if lookup_key((head,)) in gaz.places:
            extra.append("hpl")
    if name_like and w.endswith("s") and len(w) > 3:
        if (w[:-1],) in gaz.places:
            extra.append("gen-pl")
        if w[:-1] in gaz.first_names:
            extra.append("gen-fn")
    return tuple(f), code, tuple(extra), name_like


def test_word_info_is_the_plain_rule() -> None:
    from pathlib import Path

    from index.extract.features import word_info
    from index.extract.tokens import sentence_words

    words = {w for s in SENTENCES for w in s.split()}
    words |= set(
        """Wiens Annas Berlins US-Außenminister NATO-Chefin Nordrhein-Westfalen
        e-mail Nuklear- Bürgermeister Stadtrat Hauptstadt Sankt Rio Jørund Schloss
        Merkel Toshiba AG GmbH Kreisstadt Oberbürgermeisterin 1860 7. , „ -""".split()  # noqa: SIM905
    )
    for path in sorted((Path(__file__).parents[2] / "articles").glob("*.txt")):
        words |= {w for s in sentence_words(path.read_text(encoding="utf-8")) for w in s}
    assert len(words) > 500
    for w in sorted(words):
        assert word_info(w) == _word_info_plain(w), w


def test_gazetteer_marks_do_not_depend_on_what_was_asked_before() -> None:
    from index.extract import features

    gaz = load()
    extra = "in der Nähe von Wien und in den Vereinigten Staaten"
    sentences = [*_words(), extra.split(" ")]

    def fresh() -> None:
        _marks.cache_clear()
        features._STARTS.clear()
        features._LONG.clear()

    fresh()
    once = [gazetteer_marks(w, gaz) for w in sentences]
    fresh()
    backwards = [gazetteer_marks(w, gaz) for w in reversed(sentences)][::-1]
    _marks.cache_clear()  # the per-word answers stay remembered
    again = [gazetteer_marks(w, gaz) for w in sentences]
    assert once == backwards == again
    assert any(m for marks in once for m in marks)
