"""scripts/train_tagger.py: the bias shift written into a crfsuite model, the silver fill."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pycrfsuite
import pytest

from tests.index.script_loader import load_script


def _script() -> ModuleType:
    return load_script("train_tagger")


def _tiny_model(path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in (
        (["Anna", "kam"], ["B-PER", "O"]),
        (["in", "Rom"], ["O", "B-LOC"]),
        (["Anna", "Rom"], ["B-PER", "B-LOC"]),
    ):
        trainer.append([["b", f"w={w}"] for w in words], tags)
    trainer.set_params({"c2": 0.1, "max_iterations": 30, "feature.possible_transitions": True})
    trainer.train(str(path))


def _weights(path: Path, kind: str = "state_features") -> dict[tuple[str, str], float]:
    """A model's state weights ((attribute, label) -> weight), or its `transitions`."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    weights = dict(getattr(tagger.info(), kind))
    tagger.close()
    return weights


def test_bias_shift_moves_only_that_labels_bias_weight(tmp_path: Path) -> None:
    model, shifted = tmp_path / "m.crfsuite", tmp_path / "s.crfsuite"
    _tiny_model(model)
    _script().shift_bias(model, {"B-PER": 2.5}, shifted)
    before, after = _weights(model), _weights(shifted)
    assert after[("b", "B-PER")] == pytest.approx(before[("b", "B-PER")] + 2.5, abs=1e-5)
    del before[("b", "B-PER")], after[("b", "B-PER")]
    assert before == after
    tagger = pycrfsuite.Tagger()
    tagger.open(str(shifted))
    assert tagger.tag([["b", "w=kam"]]) == ["B-PER"]  # the shift outweighs the word's "O"


def test_parse_shifts() -> None:
    assert _script().parse_shifts("B-PER=1,B-LOC=0.25") == {"B-PER": 1.0, "B-LOC": 0.25}


def test_silver_fill_tags_an_unannotated_first_name_and_surname_only() -> None:
    fill = _script().fill_names
    from index.extract.gazetteer import load

    gaz = load()
    words = ["Gestern", "sagte", "Peter", "Müller", ",", "der", "Chef", ",", "etwas", "."]
    assert fill(words, ["O"] * len(words), gaz)[2:4] == ["B-PER", "I-PER"]
    words = ["Der", "World", "Cancer", "Day", "ist", "heute", "."]
    assert fill(words, ["O"] * len(words), gaz) == ["O"] * len(words)


def test_start_shift_is_taken_back_on_the_steps_from_inside_a_name(tmp_path: Path) -> None:
    model, shifted = tmp_path / "m.crfsuite", tmp_path / "s.crfsuite"
    _tiny_model(model)
    shifts = _script().start_shifts("B-PER", 1.5)
    assert shifts == {"B-PER": 1.5, "B-PER>B-PER": -1.5, "I-PER>B-PER": -1.5}
    shifts.pop("I-PER>B-PER")  # the tiny model has no I-PER
    _script().shift_bias(model, shifts, shifted)
    t0, t1 = _weights(model, "transitions"), _weights(shifted, "transitions")
    assert t1[("B-PER", "B-PER")] == pytest.approx(t0[("B-PER", "B-PER")] - 1.5, abs=1e-5)
    assert t1[("O", "B-PER")] == pytest.approx(t0[("O", "B-PER")], abs=1e-5)
    w0, w1 = _weights(model), _weights(shifted)
    assert w1[("b", "B-PER")] == pytest.approx(w0[("b", "B-PER")] + 1.5, abs=1e-5)


def test_a_shift_of_a_weight_the_model_lacks_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "m.crfsuite"
    _tiny_model(model)
    with pytest.raises(KeyError):
        _script().shift_bias(model, {"I-PER>B-PER": -1.0}, tmp_path / "s.crfsuite")
