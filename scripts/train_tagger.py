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
from index.extract.tagger import MODEL_PATH, step_features  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "germeval2014" / "NER-de-dev.tsv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    data = list(germeval.read(args.dev))
    gaz = load()
    model = Perceptron()
    t0 = time.time()
    train(model, data, lambda words: static_features(words, gaz), step_features, epochs=args.epochs)
    model.save(args.out)
    print(f"trained on {len(data)} sentences in {time.time() - t0:.1f}s; "
          f"{len(model.weights)} features -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
