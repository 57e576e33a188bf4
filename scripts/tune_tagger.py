"""Choose tagger settings by cross-validation over the training data only.

    .venv/bin/python scripts/tune_tagger.py train DIR [train_tagger options] [--folds 3]
    .venv/bin/python scripts/tune_tagger.py shifts DIR [--per 0,0.5,1] [--loc 0,0.5]
                                            [--extra I-PER=0.5]
    .venv/bin/python scripts/tune_tagger.py apply MODEL B-PER=1.0

`train` trains one model per fold: fold k holds out the k-th block of GermEval
**dev** and every K-th SmartData **train** news document, and trains on the rest
with the options of scripts/train_tagger.py. `shifts` scores, over all folds, the
held-out GermEval dev sentences (mention level, exact span, the full sentence
rules: `tag_tokens`) and the held-out SmartData news documents (document level,
people and places, as `make eval` scores SmartData dev), for every pair of B-PER /
B-LOC bias shifts (train_tagger.shift_bias). `apply` writes the chosen shifts
into a model (the shipped one: `train_tagger.py --bias-shift` does the same after
training). GermEval test, SmartData dev and Europarl are never read here.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_tagger  # noqa: E402

from index.extract import extract_metadata, germeval, smartdata, tag_tokens, tagger  # noqa: E402
from index.extract.docscore import DocScore, gold_entities, score_document  # noqa: E402


def train_folds(args: argparse.Namespace) -> None:
    args.dir.mkdir(parents=True, exist_ok=True)
    for k in range(args.folds):
        t0 = time.process_time()
        data = train_tagger.data_for(args, (k, args.folds))
        train_tagger.train_args(args, data, args.dir / f"fold{k}.crfsuite")
        print(f"fold {k}: {len(data)} sentences, {time.process_time() - t0:.0f} CPU s", flush=True)
    (args.dir / "folds.json").write_text(json.dumps({"folds": args.folds, "args": sys.argv}))


def held_out(folds: int, k: int) -> tuple[list[tuple[list[str], list[str]]], list[smartdata.Doc]]:
    ge = list(germeval.read(train_tagger.GERMEVAL_DEV))
    sents = [s for i, s in enumerate(ge) if train_tagger.germeval_fold(i, len(ge), folds) == k]
    news = smartdata.read_docs(train_tagger.SMARTDATA_TRAIN, ("news",))
    docs = [d for j, d in enumerate(news) if train_tagger.smartdata_fold(j, folds) == k]
    return sents, docs


def _doc_text(raw: str) -> str:
    return "\n\n".join(ln.strip() for ln in raw.splitlines() if ln.strip())


def score_fold(
    sents: list[tuple[list[str], list[str]]], docs: list[smartdata.Doc], totals: dict
) -> None:
    scored = {c: totals[c] for c in germeval.SCORED}
    for words, gold in sents:
        germeval.count_sentence(scored, gold, tag_tokens(words))
    for doc in docs:
        meta = extract_metadata(_doc_text(doc.text))
        for kind, found, cls in (("person", meta.people, "PER"), ("place", meta.places, "LOC")):
            gold_e = gold_entities(smartdata.gold_surfaces(doc, cls), kind)
            totals[kind].add(score_document(found, gold_e, kind))


def scan_shifts(args: argparse.Namespace) -> None:
    folds = json.loads((args.dir / "folds.json").read_text())["folds"]
    grid = list(
        itertools.product(
            [float(x) for x in args.per.split(",")], [float(x) for x in args.loc.split(",")]
        )
    )
    results: dict[tuple[float, float], dict] = {}
    for g in grid:
        results[g] = {c: germeval.Score() for c in germeval.SCORED}
        results[g].update(person=DocScore(), place=DocScore())
    for k in range(folds):
        sents, docs = held_out(folds, k)
        for per, loc in grid:
            shifted = args.dir / f"fold{k}.shift{per:+.2f}{loc:+.2f}.crfsuite"  # a new path:
            # the tagger reopens its model only when the path changes
            shifts = {**train_tagger.parse_shifts(args.extra), "B-PER": per, "B-LOC": loc}
            if args.start:
                shifts.update(train_tagger.start_shifts("B-PER", per))
                if loc:
                    shifts.update(train_tagger.start_shifts("B-LOC", loc))
            train_tagger.shift_bias(args.dir / f"fold{k}.crfsuite", shifts, shifted)
            tagger.CRF_PATH = shifted
            tagger.model_features.cache_clear()
            score_fold(sents, docs, results[(per, loc)])
            shifted.unlink()
    print("B-PER  B-LOC   PER P/R/F1         LOC P/R/F1         ORG F1", end="")
    print("  | SD people P/R  places P/R")
    for (per, loc), t in results.items():
        row = "  ".join(
            f"{t[c].precision:.3f}/{t[c].recall:.3f}/{t[c].f1:.3f}" for c in ("PER", "LOC")
        )
        people, places = t["person"], t["place"]
        print(
            f"{per:5.2f}  {loc:5.2f}   {row}   {t['ORG'].f1:.3f}  |"
            f" {people.p():.3f}/{people.r():.3f}  {places.p():.3f}/{places.r():.3f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    tr = sub.add_parser("train")
    tr.add_argument("dir", type=Path)
    tr.add_argument("--folds", type=int, default=3)
    train_tagger.add_training_args(tr)
    sh = sub.add_parser("shifts")
    sh.add_argument("dir", type=Path)
    sh.add_argument("--per", default="0")
    sh.add_argument("--loc", default="0")
    sh.add_argument(
        "--start", action="store_true", help="shift only the step into a name (start_shifts)"
    )
    sh.add_argument("--extra", default="", help="further shifts for every pair, e.g. I-PER=0.5")
    ap_apply = sub.add_parser("apply", help="write shifts into a trained model (in place)")
    ap_apply.add_argument("model", type=Path)
    ap_apply.add_argument("shifts", help="e.g. B-PER=1.0")
    args = ap.parse_args()
    if args.cmd == "train":
        train_folds(args)
    elif args.cmd == "apply":
        train_tagger.shift_bias(args.model, train_tagger.parse_shifts(args.shifts))
    else:
        scan_shifts(args)


if __name__ == "__main__":
    main()
