"""Train the name tagger on GermEval 2014 *dev* only and write index/extract/data/tagger.json.gz.

Run from the project root: .venv/bin/python scripts/train_tagger.py [--epochs N]
The test set is never read here; `python -m index.extract.evaluate` reports on it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.extract import germeval  # noqa: E402
from index.extract.features import static_features  # noqa: E402
from index.extract.gazetteer import load  # noqa: E402
from index.extract.perceptron import Perceptron, train  # noqa: E402
from index.extract.tagger import CRF_PATH, MODEL_PATH, step_features  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "germeval2014" / "NER-de-dev.tsv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--crf-out", type=Path, default=CRF_PATH)
    ap.add_argument(
        "--c1", type=float, default=0.01, help="CRF L1 penalty (chosen by 3-fold CV on dev)"
    )
    ap.add_argument(
        "--c2", type=float, default=0.02, help="CRF L2 penalty (chosen by 3-fold CV on dev)"
    )
    args = ap.parse_args()
    gaz = load()
    train_crf(args.dev, args.crf_out, args.c1, args.c2)
    data = list(germeval.read(args.dev))
    model = Perceptron()
    t0 = time.time()
    train(model, data, lambda words: static_features(words, gaz), step_features, epochs=args.epochs)
    model.save(args.out)
    print(
        f"trained on {len(data)} sentences in {time.time() - t0:.1f}s; "
        f"{len(model.weights)} features -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)"
    )


def train_crf(dev: Path, out: Path, c1: float, c2: float) -> None:
    """CRF over the same features; deriv/part classes kept so the model learns
    "deutsche" (LOCderiv) apart from "Deutschland" (LOC); they are O at output."""
    import pycrfsuite

    gaz = load()
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for words, tags in germeval.read(dev, keep_derived=True):
        trainer.append(static_features(words, gaz), tags)
        n += 1
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": 150, "feature.possible_transitions": True}
    )
    t0 = time.time()
    trainer.train(str(out))
    print(
        f"CRF trained on {n} sentences in {time.time() - t0:.1f}s"
        f" -> {out} ({out.stat().st_size / 1e6:.2f} MB)"
    )


if __name__ == "__main__":
    main()
