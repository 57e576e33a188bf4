"""Evaluate extraction: GermEval 2014 mention F1, seed-gold P/R and dates, speed.

    python -m index.extract.evaluate [--germeval PATH] [--seeds] [--speed] [--shared DIR]

With no selection flag, runs all three. Reads the shared reference material
(../shared by default); the extractor itself never does.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from index.extract import extract_metadata, germeval, tag_tokens

DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@dataclass
class SeedScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def seed_text(path: Path) -> str:
    """Approximate cleaned text for a raw seed file: title line, blank line, body."""
    lines = path.read_text(encoding="utf-8").splitlines()
    non_empty = [ln for ln in lines if ln.strip()]
    if not non_empty:
        return ""
    return non_empty[0].strip() + "\n\n" + "\n\n".join(ln.strip() for ln in non_empty[1:])


def score_entities(
    found: list[str], gold: list[dict], missed: list[str], wrong: list[str]
) -> SeedScore:
    """Document-level P/R: a found name matches a gold entry's name or any alias."""
    score = SeedScore()
    lookup: dict[str, dict] = {}
    for entry in gold:
        for name in (entry["name"], *entry.get("aliases", [])):
            lookup[name] = entry
    hit: set[str] = set()
    for name in found:
        match = lookup.get(name)
        if match is None:
            score.fp += 1
            wrong.append(name)
        elif match["name"] not in hit:
            hit.add(match["name"])
            score.tp += 1 if not match.get("optional") else 0
    for entry in gold:
        if not entry.get("optional") and entry["name"] not in hit:
            score.fn += 1
            missed.append(entry["name"])
    return score


def eval_seeds(shared: Path, verbose: bool = True) -> dict[str, SeedScore | int]:
    """Per-article and overall P/R for people and places, and date correctness."""
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    total = {"people": SeedScore(), "places": SeedScore()}
    dates_ok = 0
    n = 0
    for name, g in gold.items():
        if name.startswith("_"):
            continue
        n += 1
        meta = extract_metadata(seed_text(shared / "seeds" / name))
        date_ok = meta.date == g["date"] and (
            meta.date_precision == (g["date_precision"] or "unknown")
        )
        dates_ok += date_ok
        parts = [
            f"{name[:20]:20}",
            f"date {'ok ' if date_ok else 'BAD'} {meta.date or 'unknown':10}",
        ]
        for kind in ("people", "places"):
            missed: list[str] = []
            wrong: list[str] = []
            s = score_entities([e.name for e in getattr(meta, kind)], g[kind], missed, wrong)
            for attr in ("tp", "fp", "fn"):
                setattr(total[kind], attr, getattr(total[kind], attr) + getattr(s, attr))
            parts.append(f"{kind} P {s.p():.2f} R {s.r():.2f}")
            if missed or wrong:
                parts.append(f"[{kind} missed {missed} wrong {wrong}]")
        if verbose:
            print("  ".join(parts))
    if verbose:
        for kind, s in total.items():
            print(
                f"seeds overall {kind:7} P {s.p():.3f} R {s.r():.3f}"
                f"  (tp {s.tp} fp {s.fp} fn {s.fn})"
            )
        print(f"seeds dates correct {dates_ok}/{n}")
    return {"people": total["people"], "places": total["places"], "dates_ok": dates_ok, "n": n}


def eval_germeval(path: Path) -> dict[str, germeval.Score]:
    t0 = time.perf_counter()
    scores = germeval.evaluate(path, tag_tokens)
    print(
        f"GermEval {path.name} (mention level, exact span, outer tags)"
        f" in {time.perf_counter() - t0:.1f}s"
    )
    print(f"{'class':6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
    for cls, s in scores.items():
        print(f"{cls:6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:6} {s.fp:6} {s.fn:6}")
    return scores


def eval_speed(csv_path: Path, limit: int | None = None) -> float:
    """Articles per second over the 10kGNAD sample (after a warm-up load)."""
    csv.field_size_limit(10**8)
    with csv_path.open(encoding="utf-8", newline="") as fh:
        texts = [row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) > 1]
    texts = texts[:limit] if limit else texts
    extract_metadata("Warm-up\n\nAngela Merkel reiste nach Wien.")
    t0 = time.perf_counter()
    c0 = time.process_time()
    words = 0
    for text in texts:
        extract_metadata(text)
        words += len(text.split())
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rate = len(texts) / cpu
    # CPU time is the fair figure on a shared machine; wall time is shown too.
    print(
        f"speed: {len(texts)} articles ({words / len(texts):.0f} words avg): "
        f"{rate:.0f} articles/s per CPU second ({cpu:.2f}s CPU),"
        f" {len(texts) / dt:.0f} articles/s wall"
    )
    return rate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m index.extract.evaluate", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared reference folder")
    ap.add_argument(
        "--germeval", type=Path, nargs="?", const=Path(), help="GermEval file (default: test set)"
    )
    ap.add_argument("--seeds", action="store_true", help="seed-gold precision/recall and dates")
    ap.add_argument(
        "--speed", type=Path, nargs="?", const=Path(), help="10kGNAD articles.csv for articles/s"
    )
    args = ap.parse_args(argv)
    run_all = args.germeval is None and not args.seeds and args.speed is None
    if args.germeval is not None or run_all:
        path = (
            args.germeval
            if args.germeval not in (None, Path())
            else (args.shared / "data" / "germeval2014" / "NER-de-test.tsv")
        )
        eval_germeval(path)
    if args.seeds or run_all:
        eval_seeds(args.shared)
    if args.speed is not None or run_all:
        path = (
            args.speed
            if args.speed not in (None, Path())
            else args.shared / "data" / "10kGNAD" / "articles.csv"
        )
        eval_speed(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
