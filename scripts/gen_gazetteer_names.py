"""Generate index/extract/data/surnames.txt.gz: frequent surnames from many countries.

Source: the names-dataset package (Apache-2.0; last_names.pkl.gz with per-country
ranks), build time only. Kept: single-word alphabetic surnames ranked within the
top 3,000 of some country or the top 15,000 in a German-speaking one. The tagger
uses membership as one feature among others (so "Koch" or "Mann" stay ambiguous).

Run: .venv/bin/pip install names-dataset && .venv/bin/python scripts/gen_gazetteer_names.py
(or point NAMES_DATASET_DIR at an unpacked wheel's names_dataset/v3 folder).
"""

from __future__ import annotations

import gzip
import os
import pickle
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "index" / "extract" / "data" / "surnames.txt.gz"
DACH = ("DE", "AT", "CH")


def main() -> None:
    folder = os.environ.get("NAMES_DATASET_DIR")
    if folder is None:
        # Located, not imported: only its data files are read.
        from importlib.util import find_spec

        spec = find_spec("names_dataset")
        if spec is None or spec.origin is None:
            sys.exit("names-dataset is not installed (or set NAMES_DATASET_DIR)")
        folder = str(Path(spec.origin).parent / "v3")
    with gzip.open(Path(folder) / "last_names.pkl.gz") as fh:
        data = pickle.load(fh)
    keep = []
    for name, info in data.items():
        ranks = info.get("rank") or {}
        if not ranks or not name.isalpha() or not name[:1].isupper() or len(name) < 3:
            continue
        if min(ranks.values()) <= 3000 or any(ranks.get(c, 10**9) <= 15000 for c in DACH):
            keep.append(name)
    keep.sort()
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(("\n".join(keep) + "\n").encode("utf-8"))
    print(f"{OUT}: {len(keep)} surnames, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
