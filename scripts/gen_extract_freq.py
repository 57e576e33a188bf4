"""Generate index/extract/data/wordfreq_de.bin: German words' Zipf frequency bands.

Run by hand when the table should change (the program only reads the file):

    .venv/bin/pip install wordfreq==3.1.1
    .venv/bin/python scripts/gen_extract_freq.py [--tsv]

Source: wordfreq's "large" German list (Robyn Speer et al.; data CC BY-SA 4.0, so the
generated table is CC BY-SA 4.0 too: see index/extract/data/LICENSES.md). Words
(wordfreq lower-cases them) with a Zipf frequency >= 2.0 are kept with band = int(Zipf)
(2..7). The name tagger uses the band of a word as a feature: very frequent words are
rarely names, rare capitalised ones often are.

Format (little-endian): uint32 N, then N sorted uint32 CRC-32 codes of the UTF-8 words,
then N band bytes (ASCII "2".."7"). It loads in a millisecond and takes under 1 MB per
process; a handful of words share a code, which a soft feature can afford. `--tsv`
prints the word list as text for review instead.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "index" / "extract" / "data" / "wordfreq_de.bin"
MIN_ZIPF = 2.0


def main() -> None:
    import wordfreq

    rows = []
    for word in wordfreq.iter_wordlist("de", "large"):
        zipf = wordfreq.zipf_frequency(word, "de", "large")
        if zipf < MIN_ZIPF:
            break  # the list is ordered by frequency
        if word.isalpha() or "-" in word:
            rows.append((word, str(int(zipf))))
    if "--tsv" in sys.argv:
        sys.stdout.write("".join(f"{w}\t{b}\n" for w, b in sorted(rows)))
        return
    coded = sorted((zlib.crc32(w.encode("utf-8")), b) for w, b in rows)
    blob = struct.pack(f"<I{len(coded)}I", len(coded), *(c for c, _ in coded))
    blob += "".join(b for _, b in coded).encode("ascii")
    OUT.write_bytes(blob)
    print(f"{len(coded)} words -> {OUT} ({len(blob) / 1e6:.2f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
