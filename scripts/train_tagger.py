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
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.extract import germeval, smartdata  # noqa: E402
from index.extract.features import static_features  # noqa: E402
from index.extract.gazetteer import load  # noqa: E402
from index.extract.tagger import CRF_PATH  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
GERMEVAL_DEV = SHARED / "germeval2014" / "NER-de-dev.tsv"
SMARTDATA_TRAIN = SHARED / "smartdata" / "train.jsonl"


def training_sentences(
    germeval_dev: Path,
    smartdata_train: Path | None,
    sources: tuple[str, ...],
    germeval_repeat: int = 1,
    named_only: bool = False,
    streets: bool = False,
) -> list[tuple[list[str], list[str], bool]]:
    """(tokens, tags, from SmartData) for every training sentence."""
    data = [(w, t, False) for w, t in germeval.read(germeval_dev, keep_derived=True)]
    data *= germeval_repeat
    if smartdata_train is not None:
        for doc in smartdata.read_docs(smartdata_train, sources, streets):
            for words, tags in smartdata.bio_sentences(doc):
                if not named_only or any(t != "O" for t in tags):
                    data.append((words, tags, True))
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
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
    ap.add_argument("--out", type=Path, default=CRF_PATH)
    ap.add_argument("--c1", type=float, default=0.01, help="CRF L1 penalty")
    ap.add_argument("--c2", type=float, default=0.02, help="CRF L2 penalty")
    ap.add_argument("--iterations", type=int, default=150)
    args = ap.parse_args()
    import pycrfsuite

    gaz = load()
    data = training_sentences(
        args.germeval_dev,
        None if args.no_smartdata else args.smartdata_train,
        tuple(args.sources.split(",")),
        args.germeval_repeat,
        not args.all_sentences,
        args.streets,
    )
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags, other in data:
        feats = static_features(words, gaz)
        if other and args.domain_feature:
            # SmartData annotates less than GermEval (no OTH, fewer names per sentence): a
            # feature only its tokens carry absorbs that bias; at run time no token has it.
            feats = [[*f, "dom=sd"] for f in feats]
        trainer.append(feats, tags)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
        }
    )
    t0 = time.time()
    trainer.train(str(args.out))
    print(
        f"CRF trained on {len(data)} sentences in {time.time() - t0:.1f}s"
        f" -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)"
    )


if __name__ == "__main__":
    main()
