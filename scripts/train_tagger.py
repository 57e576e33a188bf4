"""Train the name tagger (a CRF) and write index/extract/data/tagger.crfsuite.

Run from the project root (needs ../shared; takes a few minutes on one core):

    .venv/bin/python scripts/train_tagger.py

Training data, and nothing else:
- GermEval 2014 **dev** (2,200 sentences of Wikipedia and news, CC BY 4.0), with
  its deriv/part classes kept so the model learns "deutsche" (LOCderiv) apart
  from "Deutschland" (LOC); they are "O" at output;
- DFKI SmartData **train** (CC BY 4.0: news, tweets and traffic reports),
  mapped onto the same classes by index/extract/smartdata.py.
GermEval test, SmartData dev and Europarl are only ever read by
`python -m index.extract.evaluate`; 10kGNAD is never used for anything that ships.
Settings are chosen by cross-validation over this training data
(scripts/tune_tagger.py), never on the measuring sets.
"""

from __future__ import annotations

import argparse
import struct
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.extract import germeval, smartdata  # noqa: E402
from index.extract.crfscore import write_attr_table  # noqa: E402
from index.extract.features import static_features  # noqa: E402
from index.extract.gazetteer import Gazetteer, load, lookup_key  # noqa: E402
from index.extract.tagger import CRF_PATH  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
GERMEVAL_DEV = SHARED / "germeval2014" / "NER-de-dev.tsv"
SMARTDATA_TRAIN = SHARED / "smartdata" / "train.jsonl"

Sentence = tuple[list[str], list[str], bool]
"""(tokens, tags, from SmartData)."""
Fold = tuple[int, int]
"""(k, K): the k-th of K folds."""


def germeval_fold(i: int, n: int, folds: int) -> int:
    """GermEval dev sentence i of n falls in this fold (contiguous blocks)."""
    return i * folds // n


def smartdata_fold(j: int, folds: int) -> int:
    """The j-th SmartData news document falls in this fold (every K-th document)."""
    return j % folds


def _silver_first(word: str, gaz: Gazetteer) -> bool:
    if word not in gaz.first_names or word in gaz.nouns or word.isupper() or len(word) < 2:
        return False
    return "X" not in (gaz.lexicon.get(word.lower()) or "")  # not "Was", "Wenn"


def _silver_last(word: str, gaz: Gazetteer) -> bool:
    if len(word) < 4 or word.isupper() or not word[:1].isupper():
        return False
    if not word.replace("-", "").isalpha():
        return False
    if word in gaz.nouns and word not in gaz.surnames:
        return False
    return gaz.places.get(lookup_key((word,))) is None


def fill_names(words: Sequence[str], tags: list[str], gaz: Gazetteer) -> list[str]:
    """Silver PER tags for an unannotated "first name + surname" pair (training data only).

    SmartData leaves about one in ten such pairs untagged. A known first name (no
    common noun or function word) followed by a capitalised word of four letters or
    more that is no common noun and no known place, both untagged, with no tagged or
    capitalised word right after and no capitalised word before but a common noun
    (`Regierungschef Ahmet Davutoglu`; not "World Cancer Day", "Dow Jones Newswires"),
    is taken as a person.
    """
    out = list(tags)
    for i in range(len(words) - 1):
        if out[i] != "O" or out[i + 1] != "O" or (i > 0 and out[i - 1] != "O"):
            continue
        after = words[i + 2] if i + 2 < len(words) else ""
        if after[:1].isupper() or (after and out[i + 2] != "O"):
            continue
        before = words[i - 1] if i else ""
        if before[:1].isupper() and before not in gaz.nouns:  # a role noun may come first
            continue
        if _silver_first(words[i], gaz) and _silver_last(words[i + 1], gaz):
            out[i], out[i + 1] = "B-PER", "I-PER"
    return out


def training_sentences(
    germeval_dev: Path,
    smartdata_train: Path | None,
    sources: tuple[str, ...],
    germeval_repeat: int = 1,
    named_only: bool = False,
    streets: bool = False,
    hold_out: Fold | None = None,
    silver_names: bool = False,
) -> list[Sentence]:
    """(tokens, tags, from SmartData) for every training sentence, without the held-out fold
    (`hold_out`: a block of GermEval dev and every K-th SmartData news document)."""
    ge = list(germeval.read(germeval_dev, keep_derived=True))
    if hold_out is not None:
        k, folds = hold_out
        ge = [s for i, s in enumerate(ge) if germeval_fold(i, len(ge), folds) != k]
    data = [(w, t, False) for w, t in ge] * germeval_repeat
    if smartdata_train is None:
        return data
    gaz = load()
    news = 0
    for doc in smartdata.read_docs(smartdata_train, sources, streets):
        if doc.source == "news":
            news += 1
            if hold_out is not None and smartdata_fold(news - 1, hold_out[1]) == hold_out[0]:
                continue
        for words, tags in smartdata.bio_sentences(doc):
            if silver_names:
                tags = fill_names(words, tags, gaz)
            if not named_only or any(t != "O" for t in tags):
                data.append((words, tags, True))
    return data


_HEADER = struct.Struct("<4sI4s9I")
_FEATURE = struct.Struct("<IIId")
"""A crfsuite feature record: type (0 state, 1 transition), source, destination, weight."""


def shift_bias(model: Path, shifts: dict[str, float], out: Path | None = None) -> None:
    """Add `shifts[label]` to the weight of the bias attribute `b` for that label,
    and `shifts["FROM>TO"]` to the weight of the transition FROM -> TO.

    Every token carries `b`, so a label's shift moves its score by a constant: a
    threshold for starting a name, chosen by cross-validation (scripts/tune_tagger.py).
    Taken back on the transitions from inside a name (`start_shifts`), it moves only
    the step from outside into a name, not the choice between going on and starting anew.
    """
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    info = tagger.info()
    tagger.close()
    bias = int(info.attributes["b"])
    label_id = {label: int(i) for label, i in info.labels.items()}
    targets = {(0, bias, label_id[k]): d for k, d in shifts.items() if d and ">" not in k}
    for k, d in shifts.items():
        if d and ">" in k:
            src, dst = k.split(">")
            targets[(1, label_id[src], label_id[dst])] = d
    raw = bytearray(model.read_bytes())
    offset = _HEADER.unpack_from(raw, 0)[7]
    chunk, _size, count = struct.unpack_from("<4sII", raw, offset)
    if chunk != b"FEAT":
        raise ValueError(f"{model}: no feature chunk")
    done = set()
    for n in range(count):
        at = offset + 12 + n * _FEATURE.size
        kind, src, dst, weight = _FEATURE.unpack_from(raw, at)
        delta = targets.get((kind, src, dst))
        if delta is not None:
            _FEATURE.pack_into(raw, at, kind, src, dst, weight + delta)
            done.add((kind, src, dst))
    if done != set(targets):
        raise ValueError(f"{model}: no weight for some of {sorted(shifts)}")
    (out or model).write_bytes(bytes(raw))


def start_shifts(label: str, delta: float) -> dict[str, float]:
    """`label`'s bias shift, taken back on the transitions into it from inside a name
    of its class (B-PER +1 and B-PER>B-PER, I-PER>B-PER -1)."""
    cls = label.partition("-")[2]
    return {label: delta, f"B-{cls}>{label}": -delta, f"I-{cls}>{label}": -delta}


SHIPPED_SHIFTS = ",".join(f"{k}={d}" for k, d in start_shifts("B-PER", 1.5).items())
"""The start shift chosen by cross-validation (index/extract/README.md, session 11), as
`--bias-shift` writes it: "B-PER=1.5,B-PER>B-PER=-1.5,I-PER>B-PER=-1.5"."""


def parse_shifts(spec: str) -> dict[str, float]:
    """`B-PER=0.5,B-LOC=0.25` -> {label: shift}."""
    out = {}
    for part in filter(None, spec.split(",")):
        label, value = part.split("=")
        out[label.strip()] = float(value)
    return out


def train(
    data: list[Sentence],
    out: Path,
    c1: float,
    c2: float,
    iterations: int,
    domain_feature: bool = False,
    min_freq: float = 0.0,
) -> None:
    import pycrfsuite

    gaz = load()
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags, other in data:
        feats = static_features(words, gaz)
        if other and domain_feature:
            # SmartData annotates less than GermEval (no OTH, fewer names per sentence): a
            # feature only its tokens carry absorbs that bias; at run time no token has it.
            feats = [[*f, "dom=sd"] for f in feats]
        trainer.append(feats, tags)
    params: dict[str, object] = {
        "c1": c1,
        "c2": c2,
        "max_iterations": iterations,
        "feature.possible_transitions": True,
    }
    if min_freq:
        params["feature.minfreq"] = min_freq
    trainer.set_params(params)
    trainer.train(str(out))


def add_training_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--germeval-dev", type=Path, default=GERMEVAL_DEV)
    ap.add_argument("--smartdata-train", type=Path, default=SMARTDATA_TRAIN)
    ap.add_argument("--no-smartdata", action="store_true")
    ap.add_argument("--sources", default="news,tweet", help="SmartData sources to train on")
    ap.add_argument("--germeval-repeat", type=int, default=3, help="weight of GermEval dev")
    ap.add_argument(
        "--all-sentences",
        action="store_true",
        help="SmartData: also sentences without an annotated name (its annotation is sparse)",
    )
    ap.add_argument(
        "--streets", action="store_true", help="SmartData streets/stops/routes as LOC, not O"
    )
    ap.add_argument("--domain-feature", action="store_true", help="mark SmartData tokens")
    ap.add_argument(
        "--silver-names",
        action="store_true",
        help="SmartData: tag unannotated known first name + surname pairs as PER",
    )
    ap.add_argument("--c1", type=float, default=0.01, help="CRF L1 penalty")
    ap.add_argument("--c2", type=float, default=0.02, help="CRF L2 penalty")
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--min-freq", type=float, default=0.0, help="crfsuite feature.minfreq")


def data_for(args: argparse.Namespace, hold_out: Fold | None = None) -> list[Sentence]:
    return training_sentences(
        args.germeval_dev,
        None if args.no_smartdata else args.smartdata_train,
        tuple(args.sources.split(",")),
        args.germeval_repeat,
        not args.all_sentences,
        args.streets,
        hold_out,
        args.silver_names,
    )


def train_args(args: argparse.Namespace, data: list[Sentence], out: Path) -> None:
    train(data, out, args.c1, args.c2, args.iterations, args.domain_feature, args.min_freq)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_training_args(ap)
    ap.add_argument("--out", type=Path, default=CRF_PATH)
    ap.add_argument(
        "--bias-shift",
        default=SHIPPED_SHIFTS,
        help="label score shifts written into the model (default: the shipped model's,"
        f" {SHIPPED_SHIFTS}; '' for none; see tune_tagger.py)",
    )
    args = ap.parse_args()
    data = data_for(args)
    t0 = time.time()
    train_args(args, data, args.out)
    if args.bias_shift:
        shift_bias(args.out, parse_shifts(args.bias_shift))
    # each process maps the attribute table instead of building it (index/extract/crfscore.py)
    write_attr_table(args.out)
    print(
        f"CRF trained on {len(data)} sentences in {time.time() - t0:.1f}s"
        f" -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)"
    )


if __name__ == "__main__":
    main()
