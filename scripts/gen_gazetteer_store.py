"""Generate index/extract/data/names/: the name tables as the program maps them.

Input: the source tables in index/extract/data/ (gazetteer.json.gz from
gen_gazetteer.py, lexicon.tsv.gz and morphemes.tsv.gz from
gen_gazetteer_lexicon.py (LanguageTool's German word lists, CC BY-SA 4.0),
surnames.txt.gz from gen_gazetteer_names.py,
nouns.txt.gz and toponyms.txt.gz from gen_gazetteer_nouns.py). Here the place
names are expanded to the inflected forms running text uses (genitive -s,
adjective endings: "im Nahen Osten"), cities named like common words are
dropped, and everything is written as marisa tries plus flat arrays
(index/extract/gazetteer.py reads them; nothing is built at run time):

    <set>.marisa                 word sets (first names, surnames, nouns, ...)
    lexicon.marisa, lexicon.u8   word -> class index (meta.json names the classes)
    place_keys.marisa, .u32      inflected key (tokens joined by \\x1f) -> place number
    place_names.marisa           canonical names; a name's key id is its place number
    places.bin                   one record per place number (gazetteer.PLACE_RECORD)
    meta.json                    format, classes, kinds, organisations, suffix odds,
                                 and the SHA-1 of each source table (a test compares)

Run after changing a source table (needs the `marisa-trie` dependency only):

    .venv/bin/python scripts/gen_gazetteer_store.py
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import shutil
import sys
from pathlib import Path
from typing import Any

import marisa_trie

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.extract.gazetteer import (  # noqa: E402
    DATA_DIR,
    KEY_PLACE,
    PLACE_RECORD,
    SEP,
    STORE_DIR,
    STORE_FORMAT,
    Place,
    inflections,
)

SOURCES = (
    "gazetteer.json.gz",
    "lexicon.tsv.gz",
    "morphemes.tsv.gz",
    "surnames.txt.gz",
    "nouns.txt.gz",
    "toponyms.txt.gz",
)


def source_digests(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """SHA-1 of each source table: meta.json records them, a test compares."""
    return {name: hashlib.sha1((data_dir / name).read_bytes()).hexdigest() for name in SOURCES}


def build_tables(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Every table as plain Python objects, from the source tables."""
    with gzip.open(data_dir / "gazetteer.json.gz", "rt", encoding="utf-8") as fh:
        raw = json.load(fh)
    lexicon = _lexicon(data_dir)
    places: dict[tuple[str, ...], Place] = {}
    # Countries and curated entries come first in the file; cities are sorted by
    # population, so the first writer of a form wins (Paris, France over Paris, Texas).
    for name, kind, cc, lat, lon, pop, aliases in raw["places"]:
        place = Place(name, kind, cc or None, lat, lon, pop)
        word_class = lexicon.get(name.lower(), "NE")
        also_name = word_class.startswith("NE") or "+NE" in word_class
        if (
            kind == "city"
            and not also_name
            and (word_class.startswith(("X", "V", "ADJ")) or pop < 100_000)
        ):
            # Cities named like common words ("Man", "Arena", "Bad") would only add noise.
            continue
        for form in (name, *aliases):
            for key in inflections(form):
                places.setdefault(key, place)
    orgs: dict[tuple[str, ...], str] = {}
    for name, aliases in raw["orgs"]:
        for form in (name, *aliases):
            toks = tuple(form.split())
            orgs.setdefault(toks, name)
            if len(toks) == 1 and not form.endswith("s"):
                orgs.setdefault((form + "s",), name)
    ne, nn, vv, sfx = _morphemes(data_dir)
    return {
        "places": places,
        "orgs": orgs,
        "first_names": frozenset(raw["first_names"]),
        "place_words": frozenset(k[0] for k in places) | frozenset(k[0] for k in orgs),
        "lexicon": lexicon,
        "name_morphemes": ne,
        "noun_morphemes": nn,
        "suffix_odds": sfx,
        "verb_stems": vv,
        **{name: _word_set(data_dir, name) for name in ("surnames", "nouns", "toponyms")},
    }


WORD_SETS = (
    "first_names",
    "place_words",
    "name_morphemes",
    "noun_morphemes",
    "verb_stems",
    "surnames",
    "nouns",
    "toponyms",
)


def write_store(tables: dict[str, Any], out: Path, digests: dict[str, str]) -> None:
    """Write the store into `out` (replaced whole, via a temporary folder)."""
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name in WORD_SETS:
        marisa_trie.Trie(tables[name]).save(str(tmp / f"{name}.marisa"))
    lexicon: dict[str, str] = tables["lexicon"]
    classes = sorted(set(lexicon.values()))
    lex_trie = marisa_trie.Trie(lexicon)
    codes = bytearray(len(lex_trie))
    for word, cls in lexicon.items():
        codes[lex_trie.key_id(word)] = classes.index(cls)
    lex_trie.save(str(tmp / "lexicon.marisa"))
    (tmp / "lexicon.u8").write_bytes(bytes(codes))

    places: dict[tuple[str, ...], Place] = tables["places"]
    by_name = {p.name: p for p in places.values()}
    names = marisa_trie.Trie(by_name)
    kinds = sorted({p.kind for p in by_name.values()})
    records = bytearray(PLACE_RECORD.size * len(names))
    for name, p in by_name.items():
        PLACE_RECORD.pack_into(
            records,
            PLACE_RECORD.size * names.key_id(name),
            kinds.index(p.kind),
            (p.country_code or "").encode("ascii").ljust(2, b"\0"),
            math.nan if p.lat is None else p.lat,
            math.nan if p.lon is None else p.lon,
            p.population,
        )
    keys = marisa_trie.Trie(SEP.join(k) for k in places)
    key_place = bytearray(KEY_PLACE.size * len(keys))
    for key, p in places.items():
        KEY_PLACE.pack_into(
            key_place, KEY_PLACE.size * keys.key_id(SEP.join(key)), names.key_id(p.name)
        )
    names.save(str(tmp / "place_names.marisa"))
    keys.save(str(tmp / "place_keys.marisa"))
    (tmp / "places.bin").write_bytes(bytes(records))
    (tmp / "place_keys.u32").write_bytes(bytes(key_place))

    meta = {
        "format": STORE_FORMAT,
        "generator": "scripts/gen_gazetteer_store.py",
        "sources": digests,
        "lexicon_classes": classes,
        "place_kinds": kinds,
        "orgs": sorted([list(toks), name] for toks, name in tables["orgs"].items()),
        "suffix_odds": dict(sorted(tables["suffix_odds"].items())),
    }
    (tmp / "meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)


def _word_set(data_dir: Path, name: str) -> frozenset[str]:
    with gzip.open(data_dir / f"{name}.txt.gz", "rt", encoding="utf-8") as fh:
        return frozenset(fh.read().split("\n")) - {""}


def _morphemes(
    data_dir: Path,
) -> tuple[frozenset[str], frozenset[str], frozenset[str], dict[str, int]]:
    ne: set[str] = set()
    nn: set[str] = set()
    vv: set[str] = set()
    sfx: dict[str, int] = {}
    with gzip.open(data_dir / "morphemes.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if parts[1] == "NE":
                ne.add(parts[0])
            elif parts[1] == "NN" and len(parts[0]) >= 4:
                nn.add(parts[0])
            elif parts[1] == "VV":
                vv.add(parts[0])
            elif parts[1] == "SFX":
                sfx[parts[0]] = int(parts[2])
    return frozenset(ne), frozenset(nn), frozenset(vv), sfx


def _lexicon(data_dir: Path) -> dict[str, str]:
    with gzip.open(data_dir / "lexicon.tsv.gz", "rt", encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t", 1) for line in fh if "\t" in line)


def main() -> None:
    tables = build_tables()
    write_store(tables, STORE_DIR, source_digests())
    size = sum(p.stat().st_size for p in STORE_DIR.iterdir())
    print(
        f"{STORE_DIR}: {len(tables['places'])} place keys, "
        f"{len(tables['first_names'])} first names, {size / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
