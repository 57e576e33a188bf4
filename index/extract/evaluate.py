"""Measure extraction and print one table of every figure against its target.

    python -m index.extract.evaluate [--only germeval,smartdata,europarl,seeds,speed,size]
                                     [--shared DIR] [--verbose]

Reads the shared reference material (../shared by default); the extractor
itself never does. `make eval` runs all of it.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path

from index.extract import extract_metadata, germeval, smartdata, tag_tokens
from index.extract.docscore import DocScore, gold_entities, score_document
from index.extract.evalseeds import eval_seeds
from index.extract.gazetteer import DATA_DIR

DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SIZE_LIMIT_MB = 30.0
MATCHING = (
    "SmartData matching: gold = PERSON / LOCATION+LOCATION_CITY mentions grouped per name"
    " (case, punctuation, genitive -s ignored; a gold surname joins the document's fuller gold"
    " name; compound parts and place adjectives left out); a found entity matches by its"
    " name or an alias it used, a person also surname-only against a gold name with that"
    " surname; each gold entity once, a second found entity for it is wrong; one found entity"
    " covers all gold entries its forms match (gold NRW + Nordrhein-Westfalen)."
)

Row = tuple[str, str, str, str, str, bool]
"""(measure, P, R, F1 or value, target, met)."""


def _prf_rows(
    label: str, scores: dict[str, germeval.Score], targets: dict[str, float]
) -> list[Row]:
    rows = []
    for cls, s in scores.items():
        target = targets.get(cls)
        rows.append(
            (
                f"{label} {cls}",
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.f1:.3f}",
                f"F1 >= {target:.2f}" if target else "-",
                s.f1 >= target if target else True,
            )
        )
    return rows


def eval_germeval(shared: Path) -> list[Row]:
    path = shared / "data" / "germeval2014" / "NER-de-test.tsv"
    scores = germeval.evaluate(path, tag_tokens)
    return _prf_rows(
        "GermEval 2014 test (mention, exact span)", scores, {"PER": 0.83, "LOC": 0.80, "ORG": 0.60}
    )


def eval_europarl(shared: Path) -> list[Row]:
    path = shared / "data" / "europarl_ner" / "test.tsv"
    scores = germeval.evaluate(path, tag_tokens, reader=germeval.read_europarl)
    return _prf_rows("Europarl test (mention, exact span)", scores, {"PER": 0.78, "LOC": 0.78})


def _doc_text(raw: str) -> str:
    """SmartData documents keep one line per paragraph; the extractor wants blank lines."""
    return "\n\n".join(ln.strip() for ln in raw.splitlines() if ln.strip())


def smartdata_scores(shared: Path) -> dict[str, DocScore]:
    docs = smartdata.read_docs(shared / "data" / "smartdata" / "dev.jsonl", ("news",))
    total = {"person": DocScore(), "place": DocScore()}
    for doc in docs:
        meta = extract_metadata(_doc_text(doc.text))
        for kind, found, cls in (("person", meta.people, "PER"), ("place", meta.places, "LOC")):
            gold = gold_entities(smartdata.gold_surfaces(doc, cls), kind)
            total[kind].add(score_document(found, gold, kind))
    return total


def eval_smartdata(shared: Path, verbose: bool = False) -> list[Row]:
    rows = []
    for kind, s in smartdata_scores(shared).items():
        label = "people" if kind == "person" else "places"
        rows.append(
            (
                f"SmartData dev news {label} (document level)",
                f"{s.p():.3f}",
                f"{s.r():.3f}",
                f"{s.found}/{s.gold}",
                "P, R >= 0.85",
                s.p() >= 0.85 and s.r() >= 0.85,
            )
        )
        if verbose:
            print(f"{label} wrong: {s.wrong}\n{label} missed: {s.missed}")
    return rows


def eval_seed_rows(shared: Path, verbose: bool = False) -> list[Row]:
    r = eval_seeds(shared / "seeds", shared / "gold" / "seeds.json", verbose=verbose)
    rows: list[Row] = []
    for kind in ("people", "places"):
        s = r[kind]
        rows.append(
            (
                f"bundled articles {kind}",
                f"{s.p():.2f}",
                f"{s.r():.2f}",
                "-",
                "P = R = 1.00",
                s.p() == 1.0 and s.r() == 1.0,
            )
        )
    rows.append(
        (
            "bundled articles dates",
            "",
            "",
            f"{r['dates_ok']}/{r['n']}",
            "all",
            r["dates_ok"] == r["n"],
        )
    )
    counts = r["counts"]
    total = counts.ok + len(counts.bad)
    rows.append(
        (
            "bundled articles counts = mentions",
            "",
            "",
            f"{counts.ok}/{total}",
            "all",
            not counts.bad,
        )
    )
    return rows


def articles_per_cpu_second(csv_path: Path, limit: int | None = None) -> tuple[float, int, float]:
    """Articles per CPU second over the 10kGNAD sample (after a warm-up load)."""
    csv.field_size_limit(10**8)
    with csv_path.open(encoding="utf-8", newline="") as fh:
        texts = [row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) > 1]
    texts = texts[:limit] if limit else texts
    extract_metadata("Warm-up\n\nAngela Merkel reiste nach Wien.")
    c0 = time.process_time()
    for text in texts:
        extract_metadata(text)
    cpu = time.process_time() - c0
    words = sum(len(t.split()) for t in texts) / max(len(texts), 1)
    return len(texts) / cpu, len(texts), words


def eval_speed(shared: Path) -> list[Row]:
    rate, n, words = articles_per_cpu_second(shared / "data" / "10kGNAD" / "articles.csv")
    return [
        (
            f"speed, {n} 10kGNAD articles of ~{words:.0f} words",
            "",
            "",
            f"{rate:.0f}/s",
            ">= 150 per CPU second",
            rate >= 150,
        )
    ]


def eval_size(_shared: Path) -> list[Row]:
    size = sum(p.stat().st_size for p in DATA_DIR.iterdir() if p.is_file()) / 1e6
    return [
        ("model + tables (index/extract/data)", "", "", f"{size:.1f} MB", "<= 30 MB", size <= 30)
    ]


PARTS: dict[str, Callable[[Path], list[Row]]] = {
    "germeval": eval_germeval,
    "smartdata": eval_smartdata,
    "europarl": eval_europarl,
    "seeds": eval_seed_rows,
    "speed": eval_speed,
    "size": eval_size,
}


def print_table(rows: list[Row]) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':{width}}  {'P':>6}  {'R':>6}  {'F1/value':>9}  {'target':22} met")
    for name, p, r, f, target, met in rows:
        print(f"{name:{width}}  {p:>6}  {r:>6}  {f:>9}  {target:22} {'yes' if met else 'NO'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m index.extract.evaluate", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared reference folder")
    ap.add_argument("--only", default=",".join(PARTS), help="comma-separated parts to run")
    ap.add_argument("--verbose", action="store_true", help="list misses and wrong entities")
    args = ap.parse_args(argv)
    if not (args.shared / "data").is_dir():
        print(f"no shared reference data at {args.shared}", file=sys.stderr)
        return 2
    rows: list[Row] = []
    for part in args.only.split(","):
        t0 = time.perf_counter()
        if part in ("smartdata", "seeds"):
            fn = eval_smartdata if part == "smartdata" else eval_seed_rows
            rows.extend(fn(args.shared, args.verbose))  # type: ignore[call-arg]
        else:
            rows.extend(PARTS[part](args.shared))
        if args.verbose:
            print(f"[{part}: {time.perf_counter() - t0:.1f}s]", file=sys.stderr)
    print_table(rows)
    if "smartdata" in args.only:
        print(MATCHING)
    return 0


if __name__ == "__main__":
    sys.exit(main())
