"""Generate index/extract/data/nouns.txt.gz and toponyms.txt.gz from German Wiktionary nouns.

Source: the german-nouns package (nouns.csv compiled from Wiktionary DE,
CC BY-SA 4.0), build time only. nouns.txt.gz holds every inflected form of
common nouns (entries that are not names or toponyms): in German every noun is
capitalised, so knowing "Förster" or "Schlangenlinien" as nouns is the main way
to tell them from names. toponyms.txt.gz holds the inflected forms of entries
marked Toponym. Both are used only as tagger features.

Run: .venv/bin/pip install german-nouns && .venv/bin/python scripts/gen_gazetteer_nouns.py
(or set GERMAN_NOUNS_CSV to an unpacked nouns.csv).
"""

from __future__ import annotations

import csv
import gzip
import os
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "index" / "extract" / "data"
NAME_MARKS = ("Eigenname", "Nachname", "Vorname", "Toponym", "Straßenname")


def main() -> None:
    path = os.environ.get("GERMAN_NOUNS_CSV")
    if path is None:
        import german_nouns

        path = str(Path(german_nouns.__file__).parent / "nouns.csv")
    nouns: set[str] = set()
    toponyms: set[str] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            pos = row[1].split(",")
            if "Substantiv" not in pos:
                continue
            forms = {x for x in row[7:] if x and x[:1].isupper() and " " not in x}
            if "Toponym" in pos:
                toponyms |= forms
            elif not any(mark in pos for mark in NAME_MARKS):
                nouns |= forms
    lists = (("nouns.txt.gz", nouns), ("toponyms.txt.gz", toponyms))
    for name, words in lists:
        out = DATA / name
        with gzip.GzipFile(out, "wb", mtime=0) as fh:
            fh.write(("\n".join(sorted(words)) + "\n").encode("utf-8"))
        print(f"{out}: {len(words)} forms, {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
