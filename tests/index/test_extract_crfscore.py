"""The numpy scorer (crfscore.py) tags exactly as crfsuite does (invented German sentences).

Compared on the shipped model and on a small model trained here the way
scripts/train_tagger.py trains (pycrfsuite over `static_features`), so that a
retrained model keeps the equality.
"""

from __future__ import annotations

import mmap
import random
import threading
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from index.extract import crfscore, tagger
from index.extract.crfmodel import ModelFeatures
from index.extract.crfscore import CrfWeights, Scorer, read_weights
from index.extract.features import static_features
from index.extract.gazetteer import load
from tests.index.tagger_sentences import SENTENCES


def _sentences() -> list[list[str]]:
    """The invented sentences and random ones made of their words (seeded)."""
    fixed = [s.split() for s in SENTENCES]
    vocab = [*sorted({w for s in fixed for w in s}), "", "!?", ".!", "Qwertz", "blörp"]
    rng = random.Random(7)
    made = [[rng.choice(vocab) for _ in range(rng.randint(1, 70))] for _ in range(150)]
    return fixed + made


def _crfsuite_labels(path: Path, feats: ModelFeatures[bytes], words: list[str]) -> list[str]:
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return list(t.tag(feats.features(words, load())))


def _scorer_labels(scorer: Scorer, sents: list[list[str]]) -> list[list[str] | None]:
    lengths = [len(s) for s in sents]
    scores, slack = scorer.emissions(sents, load())
    paths = scorer.viterbi(scores, lengths, slack)
    return [None if p is None else [scorer.w.labels[i] for i in p] for p in paths]


def _both(path: Path) -> tuple[Scorer, ModelFeatures[bytes]]:
    w = read_weights(path)
    return Scorer(w, ModelFeatures(w.attr_ids)), ModelFeatures({a: a for a in w.attr_ids})


def test_weights_are_the_models_own() -> None:
    w = read_weights(tagger.CRF_PATH)
    t = pycrfsuite.Tagger()
    t.open(str(tagger.CRF_PATH))
    info = t.info()
    assert set(w.labels) == set(info.labels) and len(w.labels) == len(info.labels)
    for (a, b), weight in info.transitions.items():
        # info() reads crfsuite's text dump: six decimals
        assert w.trans[w.labels.index(a), w.labels.index(b)] == pytest.approx(weight, abs=1e-6)
    assert len(w.attr_ids) == len(info.attributes)
    for (attr, label), weight in list(info.state_features.items())[::97]:
        got = w.state[w.attr_ids[attr.encode()], w.labels.index(label)]
        assert got == pytest.approx(weight, abs=1e-6)
    assert not w.state[0].any()  # the row of "no attribute"


def test_scores_are_the_sums_of_the_listed_attributes() -> None:
    scorer, feats = _both(tagger.CRF_PATH)
    sents = _sentences()
    scores, slack = scorer.emissions(sents, load())
    w = read_weights(tagger.CRF_PATH, single=False)  # crfsuite's doubles
    assert not w.state_err.any() and scorer.w.state_err.any()
    at = 0
    for words in sents:
        for f in feats.features(words, load()):
            want = np.zeros(len(w.labels))
            for a in f:  # crfsuite's order
                want += w.state[w.attr_ids[a]]
            # single-precision rows: off by no more than their known rounding, which is
            # what single precision gives (a relative 2**-24 per row at most)
            assert np.abs(scores[at] - want).max() <= slack[at] + 1e-9, words
            at += 1
    assert at == len(scores) == len(slack)
    assert slack.any()  # the rows are rounded: the bound is not a zero that proves nothing
    assert slack.max() < 1e-4  # and small: a near tie stays rare


def test_shipped_model_tags_as_crfsuite() -> None:
    scorer, feats = _both(tagger.CRF_PATH)
    sents = _sentences()
    got = _scorer_labels(scorer, sents)
    assert got == [_crfsuite_labels(tagger.CRF_PATH, feats, s) for s in sents]


def test_a_batch_tags_each_sentence_as_alone() -> None:
    sents = _sentences()[:40]
    together = tagger.tag_many([*sents, [], sents[0]])
    assert together == [*(tagger.tag_many([s])[0] for s in sents), [], together[0]]
    assert together[:40] == [tagger.tag_raw_crfsuite(s) for s in sents]
    assert tagger.tag_many([]) == [] and tagger.tag_raw([]) == []


def test_small_word_tables_shrink_and_tag_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    scorer, feats = _both(tagger.CRF_PATH)
    monkeypatch.setattr(crfscore, "_WORDS_MAX", 20)
    monkeypatch.setattr(crfscore, "_WORDS_KEPT", 8)
    sents = _sentences()[:60]
    got = [_scorer_labels(scorer, [s])[0] for s in sents]
    assert scorer.count < 200
    assert got == [_crfsuite_labels(tagger.CRF_PATH, feats, s) for s in sents]
    # and the rows the sentence tables kept across the shrinks are still theirs
    again = [_scorer_labels(scorer, [s])[0] for s in sents]
    assert again == got


def test_a_shrink_keeps_the_words_used_most(monkeypatch: pytest.MonkeyPatch) -> None:
    scorer, feats = _both(tagger.CRF_PATH)
    monkeypatch.setattr(crfscore, "_WORDS_MAX", 30)
    monkeypatch.setattr(crfscore, "_WORDS_KEPT", 3)
    often = ["Die", "Regierung", "sagte"]
    rare = [f"Wort{i}" for i in range(40)]
    sents = [[*often, rare[i]] for i in range(40)]
    for s in sents[:26]:
        scorer.emissions([s], load())
    assert scorer.count == 2 + 3 + 26 > 30  # full: the next sentence shrinks the tables first
    scorer.emissions([sents[26]], load())
    kept = set(scorer.wid)
    assert set(often) <= kept  # used in every sentence
    assert not kept & set(rare[:26])  # used once each, before the shrink
    assert rare[26] in kept  # the sentence scored after the shrink
    for s in sents[26:]:
        assert _scorer_labels(scorer, [s])[0] == _crfsuite_labels(tagger.CRF_PATH, feats, s)


def test_a_near_tie_is_left_to_crfsuite(monkeypatch: pytest.MonkeyPatch) -> None:
    w = read_weights(tagger.CRF_PATH)
    flat = CrfWeights(w.labels, w.attr_ids, w.state, np.zeros_like(w.trans), w.state_err)
    scorer = Scorer(flat, ModelFeatures(w.attr_ids))
    scores = np.zeros((5, len(w.labels)))
    scores[:3, 2] = 1.0  # sentence 1: a clear path; sentence 2: every path ties
    assert scorer.viterbi(scores, [3, 2]) == [[2, 2, 2], None]
    monkeypatch.setattr(crfscore, "TIE", 1e9)  # every decision "near": crfsuite tags all
    words = SENTENCES[0].split()
    assert tagger.tag_many([words]) == [tagger.tag_raw_crfsuite(words)]


def test_prepared_sentences_are_answered_until_released() -> None:
    words = SENTENCES[1].split()
    tagger.prepare([words])
    try:
        assert tagger._local.ready[tuple(words)] == tagger.tag_raw(words)
    finally:
        tagger.release()
    assert not tagger._local.ready
    assert tagger.tag_raw(words) == tagger.tag_raw_crfsuite(words)


def test_a_freshly_trained_model_tags_as_crfsuite(tmp_path: Path) -> None:
    """Trained like scripts/train_tagger.py (static features, L-BFGS), on a few sentences."""
    gaz = load()
    labelled = [
        ("Antony Blinken traf Sergej Lawrow in Moskau .", "B-PER I-PER O B-PER I-PER O B-LOC O"),
        ("Die NATO tagt in Brüssel .", "O B-ORG O O B-LOC O"),
        ("Der Deutsche Bundestag stimmte zu .", "O B-ORG I-ORG O O O"),
        ("Die deutschen Truppen blieben in Kiew .", "O B-LOCderiv O O O B-LOC O"),
        ("Merkel sprach mit Macron über die EU-Politik .", "B-PER O O B-PER O O B-ORGpart O"),
    ]
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, tags in labelled:
        trainer.append(static_features(text.split(), gaz), tags.split())
    trainer.set_params({"c1": 0.01, "c2": 0.02, "max_iterations": 30})
    path = tmp_path / "small.crfsuite"
    trainer.train(str(path))
    scorer, feats = _both(path)
    sents = _sentences()
    assert _scorer_labels(scorer, sents) == [_crfsuite_labels(path, feats, s) for s in sents]
    # the same with its attribute table written, and with another model's table beside it
    built = read_weights(path)
    crfscore.write_attr_table(path)
    _same_weights(read_weights(path), built)
    for mine, shipped in zip(
        crfscore.attr_table_paths(path), crfscore.attr_table_paths(tagger.CRF_PATH), strict=True
    ):
        mine.write_bytes(shipped.read_bytes())
    _same_weights(read_weights(path), built)


def _same_weights(a: CrfWeights, b: CrfWeights) -> None:
    assert a.labels == b.labels and set(a.attr_ids) == set(b.attr_ids)
    for name in a.attr_ids:
        ra, rb = a.attr_ids[name], b.attr_ids[name]
        assert (a.state[ra] == b.state[rb]).all() and a.state_err[ra] == b.state_err[rb]
    assert (a.trans == b.trans).all()


def test_the_shipped_model_has_its_attribute_table() -> None:
    """Mapped, not built at each start (scripts/train_tagger.py writes it after training;
    a model retrained without it would still tag right, only start ~50 ms slower)."""
    path = tagger.CRF_PATH
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as raw:
        header = crfscore._MODEL_HEADER.unpack_from(raw, 0)
        assert crfscore._mapped_table(path, raw, header[9], header[6]) is not None


def test_threads_share_one_scorer_and_tag_alike() -> None:
    sents = _sentences()[:60]
    want = [tagger.tag_raw_crfsuite(s) for s in sents]
    got: dict[int, list[list[str]]] = {}

    def run(k: int) -> None:
        got[k] = [tagger.tag_many([s])[0] for s in sents[k::2]]

    threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got[0] == want[0::2] and got[1] == want[1::2]
    assert len(tagger._scorers) == 1


def test_long_sentences_are_tagged_in_groups_of_bounded_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scorer, feats = _both(tagger.CRF_PATH)
    sents = _sentences()
    long = [w for s in sents[:12] for w in s] * 3  # a "sentence" of ~600 tokens
    batch = [sents[20], long, *sents[30:60], []]
    monkeypatch.setattr(crfscore, "_CELLS", 700)  # forces several groups
    got = _scorer_labels(scorer, [s for s in batch if s])
    assert got == [_crfsuite_labels(tagger.CRF_PATH, feats, s) for s in batch if s]


def test_attribute_rows_are_distinct_from_one_and_the_empty_name_is_no_attribute() -> None:
    names = [b"w=Paris", b"pw=in", b"s3=ris", b"w=Par", b"nw=liegt"]
    ids = crfscore.AttrIds.build(names)
    assert len(ids) == 5 and set(ids) == set(names)
    assert sorted(ids[n] for n in names) == [1, 2, 3, 4, 5]  # row 0: the zero row
    assert all(ids.get(n) == ids[n] for n in names)
    assert ids.get(b"w=Pari") is None and b"w=Pari" not in ids
    assert b"" not in ids and "w=Paris" not in ids
    with pytest.raises(KeyError):
        ids[b""]


def test_the_word_core_table_stays_bounded_and_packs_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from index.extract import crfmodel

    w = tagger.model_weights(tagger.CRF_PATH)
    words = [w for s in _sentences() for w in s]
    assert len({crfmodel.word_info(x)[0] for x in words}) > 40  # more cores than the cap
    unbounded = ModelFeatures(w.attr_ids)
    want = [unbounded._pack(word) for word in words]
    monkeypatch.setattr(crfmodel, "_VARIANTS_MAX", 20)
    small = ModelFeatures(w.attr_ids)
    for word, pack in zip(words, want, strict=True):
        assert small._pack(word) == pack
        assert len(small._cores) <= 20
