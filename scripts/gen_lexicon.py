"""Generate index/text/data/de_lexicon.marisa and .u16: folded German words with
Zipf frequencies.

Run once, by hand, when the table should change (the installed program only
reads the generated files; it never needs wordfreq or /work/shared at run time):

    .venv/bin/pip install wordfreq==3.1.1
    .venv/bin/python scripts/gen_lexicon.py

Source: wordfreq's "large" German list (Robyn Speer et al., data CC BY-SA 4.0),
a well-kept frequency list built from subtitles, Wikipedia, news and the web.
We keep alphabetic words of at least 2 letters with a Zipf frequency >= 2.5
(about three times per billion words; the splitter ignores rarer heads
anyway), fold them exactly as the analyzer does (so "Außenminister" and
"Aussenminister" share one key, their frequencies summed) and store Zipf x 100
as an integer. The words are a marisa trie and the values one little-endian
uint16 per key id, both memory-mapped by every process that splits words
(index/text/compounds.py), so the pages are shared, not copied: the pickled
dict this replaced cost each process 8.5 MB. `--tsv` writes the same table as
text for review. The compound splitter and the genitive rule check candidate
parts against this table; nothing in it comes from the articles being indexed.
"""

from __future__ import annotations

import array
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import marisa_trie  # noqa: E402

from index.text.analysis import fold  # noqa: E402
from index.text.compounds import LEXICON_PATH, ZIPF_PATH  # noqa: E402

MIN_ZIPF = 2.5


def main() -> None:
    import wordfreq

    freqs: dict[str, float] = defaultdict(float)
    for word, freq in wordfreq.get_frequency_dict("de", wordlist="large").items():
        if len(word) < 2 or not word.isalpha():
            continue
        freqs[fold(word)] += freq
    rows = []
    for word, freq in freqs.items():
        zipf = math.log10(freq * 1e9)
        if zipf >= MIN_ZIPF:
            rows.append((word, round(zipf * 100)))
    rows.sort()
    trie = marisa_trie.Trie(word for word, _ in rows)
    values = array.array("H", bytes(2 * len(trie)))
    for word, z in rows:
        values[trie[word]] = z
    if sys.byteorder != "little":
        values.byteswap()
    trie.save(str(LEXICON_PATH))
    ZIPF_PATH.write_bytes(values.tobytes())
    size = LEXICON_PATH.stat().st_size + ZIPF_PATH.stat().st_size
    print(f"{len(rows)} words -> {LEXICON_PATH}, {ZIPF_PATH} ({size} bytes)")
    if "--tsv" in sys.argv:
        with open(LEXICON_PATH.with_suffix(".tsv"), "w", encoding="utf-8") as out:
            out.writelines(f"{word}\t{z}\n" for word, z in rows)


if __name__ == "__main__":
    main()
