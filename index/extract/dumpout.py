"""Dump everything extraction outputs on the reference material, for before/after checks.

    python -m index.extract.dumpout OUT [--shared DIR] [--bench DIR] [--bench-limit N]

Writes one line per article (`extract_metadata`, every field) for the 10kGNAD
sample, the bundled articles, the SmartData dev news and, if given, bench corpus
files, then one line per sentence (`tag_tokens`) for every GermEval and Europarl
test sentence. A speed change must leave the file byte-identical (`cmp`).
Dev tool only: reads ../shared like evaluate.py; nothing ships from it.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from index.extract import extract_metadata, germeval, smartdata, tag_tokens
from index.extract.evalseeds import seed_text
from index.extract.evaluate import DEFAULT_SHARED, _doc_text


def _articles(shared: Path, bench: Path | None, bench_limit: int) -> Iterator[tuple[str, str]]:
    csv.field_size_limit(10**8)
    path = shared / "data" / "10kGNAD" / "articles.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter=";", quotechar="'") if len(r) > 1]
    for i, row in enumerate(rows):
        yield f"gnad {i}", row[1]
    for p in sorted((shared / "seeds").iterdir()):
        yield f"seed {p.name}", seed_text(p)
    docs = smartdata.read_docs(shared / "data" / "smartdata" / "dev.jsonl", ("news",))
    for d in docs:
        yield f"smartdata {d.id}", _doc_text(d.text)
    if bench is not None:
        for p in sorted(bench.iterdir())[:bench_limit]:
            yield f"bench {p.name}", seed_text(p)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m index.extract.dumpout")
    ap.add_argument("out", type=Path)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--bench", type=Path, default=None, help="a bench corpus folder")
    ap.add_argument("--bench-limit", type=int, default=2000)
    args = ap.parse_args(argv)
    with args.out.open("w", encoding="utf-8") as out:
        for name, text in _articles(args.shared, args.bench, args.bench_limit):
            meta = dataclasses.asdict(extract_metadata(text))
            out.write(name + "\t" + json.dumps(meta, ensure_ascii=False) + "\n")
        data = args.shared / "data"
        for label, path, reader in (
            ("germeval", data / "germeval2014" / "NER-de-test.tsv", germeval.read),
            ("europarl", data / "europarl_ner" / "test.tsv", germeval.read_europarl),
        ):
            for i, (words, _gold) in enumerate(reader(path)):
                out.write(f"{label} {i}\t{' '.join(tag_tokens(words))}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
