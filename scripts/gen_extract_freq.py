"""Generate index/extract/data/wordfreq_de.txt.gz: German word -> Zipf frequency band.

Run by hand when the table should change (the program only reads the file):

    .venv/bin/pip install wordfreq==3.1.1
    .venv/bin/python scripts/gen_extract_freq.py

Source: wordfreq's "large" German list (Robyn Speer et al.; data CC BY-SA 4.0, so the
generated table is CC BY-SA 4.0 too: see index/extract/data/DATA-LICENCES.md). Words
(wordfreq lower-cases them) with a Zipf frequency >= 2.0 are kept, one `word<TAB>band`
line each, band = int(Zipf) (2..7). The name tagger uses the band of a word as a
feature: very frequent words are rarely names, rare capitalised ones often are.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "index" / "extract" / "data" / "wordfreq_de.txt.gz"
MIN_ZIPF = 2.0


def main() -> None:
    import wordfreq

    lines = []
    for word in wordfreq.iter_wordlist("de", "large"):
        zipf = wordfreq.zipf_frequency(word, "de", "large")
        if zipf < MIN_ZIPF:
            break  # the list is ordered by frequency
        if word.isalpha() or "-" in word:
            lines.append(f"{word}\t{int(zipf)}")
    lines.sort()
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"{len(lines)} words -> {OUT} ({OUT.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
