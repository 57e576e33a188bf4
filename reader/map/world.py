"""The country outlines, loaded once per process and projected ahead of time."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader.map.view import miller_y

DATA = Path(__file__).parent / "data" / "world110m.json.gz"


@dataclass(frozen=True)
class Country:
    a2: str
    """ISO 3166-1 alpha-2 ("" for the two Natural Earth units without one)."""
    name: str
    name_de: str
    rings: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]
    """Each ring as (xs, ys) in projected units (x = longitude, y = Miller)."""
    bbox: tuple[float, float, float, float]
    """(x0, y0, x1, y1) over all rings."""


@lru_cache(maxsize=1)
def load_world(path: Path = DATA) -> tuple[Country, ...]:
    data = json.loads(gzip.decompress(path.read_bytes()))
    scale = float(data["scale"])
    countries = []
    for c in data["countries"]:
        rings = []
        for flat in c["rings"]:
            xs = tuple(v / scale for v in flat[0::2])
            ys = tuple(miller_y(v / scale) for v in flat[1::2])
            rings.append((xs, ys))
        if not rings:
            continue
        x0 = min(min(xs) for xs, _ in rings)
        x1 = max(max(xs) for xs, _ in rings)
        y0 = min(min(ys) for _, ys in rings)
        y1 = max(max(ys) for _, ys in rings)
        countries.append(Country(c["a2"], c["name"], c["name_de"], tuple(rings), (x0, y0, x1, y1)))
    return tuple(countries)
