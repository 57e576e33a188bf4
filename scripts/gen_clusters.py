"""Generate index/extract/data/clusters.marisa and clusters.u16: Brown clusters of German words.

Source: `de_lexeme_cluster.json.gz` of spaCy's lookups data (the PyPI package
spacy-lookups-data 1.0.5, MIT, © ExplosionAI GmbH), installed for this script
only, never at run time. It maps about a million German word forms, case kept,
to a Brown cluster: a path in a binary tree of words used alike, written as an
integer whose lowest bit is the first branch (spaCy stores the path reversed),
so the first k branches are `value & (2**k - 1)`. Words with cluster 0 (too
rare to be clustered) are left out. Written as a marisa trie of the words and
one little-endian uint16 per key id (every path here fits in 16 bits), mapped
into memory by index/extract/clusters.py.

Run: .venv/bin/pip install spacy-lookups-data==1.0.5 && .venv/bin/python scripts/gen_clusters.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from array import array
from pathlib import Path

import marisa_trie

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.extract.clusters import CODES_PATH, TRIE_PATH  # noqa: E402


def source_path() -> Path:
    import spacy_lookups_data

    return Path(spacy_lookups_data.__file__).parent / "data" / "de_lexeme_cluster.json.gz"


def write(table: dict[str, int], trie_path: Path, codes_path: Path) -> int:
    """Write the clustered words of `table` (word -> path, 0: none); return how many."""
    kept = {w: v for w, v in table.items() if v and w and "\x00" not in w}
    if max(kept.values()) >= 1 << 16:
        raise SystemExit("a cluster path longer than 16 bits: widen clusters.u16")
    trie = marisa_trie.Trie(kept)
    codes = array("H", bytes(2 * len(trie)))
    for word, key_id in trie.items():
        codes[key_id] = kept[word]
    if sys.byteorder == "big":
        codes.byteswap()
    trie.save(str(trie_path))
    codes_path.write_bytes(codes.tobytes())
    return len(trie)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, help="de_lexeme_cluster.json.gz (default: installed)")
    args = ap.parse_args()
    with gzip.open(args.source or source_path(), "rt", encoding="utf-8") as fh:
        table: dict[str, int] = json.load(fh)
    n = write(table, TRIE_PATH, CODES_PATH)
    size = (TRIE_PATH.stat().st_size + CODES_PATH.stat().st_size) / 1e6
    print(f"{TRIE_PATH.name}, {CODES_PATH.name}: {n} words, {size:.2f} MB")


if __name__ == "__main__":
    main()
