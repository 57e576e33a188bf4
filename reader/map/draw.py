"""Compose the map: outlines, countries tinted by hits, markers sized by count.

The outline layer and which cell belongs to which country depend only on the
view and the size, so they are cached; new results only recolour cells and
place markers (the redraw the reader does on every search).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from reader.map.canvas import BrailleCanvas
from reader.map.view import View, miller_y
from reader.map.world import load_world

LEVELS = 4
MARKER_GLYPHS = ("•", "•", "●", "◉")
"""Marker by count level 1-4 (also coloured by level)."""


@dataclass(frozen=True)
class MapPlace:
    """A place to mark: what the archive's places() gives, reduced."""

    name: str
    lat: float
    lon: float
    count: int
    key: str = ""
    """The place's identity key (for filters and dossiers)."""


@dataclass(frozen=True)
class Marker:
    """A marker where it landed: the biggest place of its cell names it."""

    x: int
    y: int
    place: MapPlace
    count: int
    """Articles of all places in this cell (each place's own count summed)."""
    level: int
    others: int = 0
    """How many more places share the cell."""


@dataclass(frozen=True)
class MapImage:
    width: int
    height: int
    rows: tuple[tuple[tuple[str, str], ...], ...]
    """Per row, runs of (text, style) with style in "", "land", "tint1".."tint4",
    "marker1".."marker4", "cursor"."""
    markers: tuple[Marker, ...]
    """Biggest first."""


@dataclass(frozen=True)
class _Layer:
    chars: tuple[str, ...]
    owner: tuple[int, ...]
    """Index into load_world() of the country owning each cell centre, or -1."""


def level(count: int, top: int) -> int:
    """1..LEVELS on a log scale relative to the largest count."""
    if count <= 0 or top <= 1:
        return 1
    return 1 + min(LEVELS - 1, int(LEVELS * math.log(count) / math.log(top + 1)))


@lru_cache(maxsize=8)
def _layer(view: View, width: int, height: int) -> _Layer:
    canvas = BrailleCanvas(width, height)
    scale, x0, y1 = view.fit(canvas.dots_w, canvas.dots_h)
    vx1 = x0 + canvas.dots_w / scale
    vy0 = y1 - canvas.dots_h / scale
    owner = [-1] * (canvas.width * canvas.height)
    cell_scale_x, cell_scale_y = scale / 2, scale / 4
    for ci, country in enumerate(load_world()):
        bx0, by0, bx1, by1 = country.bbox
        if bx1 < x0 or bx0 > vx1 or by1 < vy0 or by0 > y1:
            continue
        crossings: dict[int, list[float]] = {}
        for xs, ys in country.rings:
            dxs = [(x - x0) * scale for x in xs]
            dys = [(y1 - y) * scale for y in ys]
            canvas.polyline(dxs, dys)
            _scan(xs, ys, x0, y1, cell_scale_x, cell_scale_y, canvas.height, crossings)
        _fill(crossings, ci, owner, canvas.width)
    chars = tuple(canvas.char(i) for i in range(canvas.width * canvas.height))
    return _Layer(chars, tuple(owner))


def _scan(
    xs: tuple[float, ...],
    ys: tuple[float, ...],
    x0: float,
    y1: float,
    sx: float,
    sy: float,
    rows: int,
    crossings: dict[int, list[float]],
) -> None:
    """Where the ring's edges cross each cell row's centre line (cell units)."""
    n = len(xs)
    px, py = (xs[-1] - x0) * sx, (y1 - ys[-1]) * sy
    for i in range(n):
        cx, cy = (xs[i] - x0) * sx, (y1 - ys[i]) * sy
        lo, hi = (py, cy) if py < cy else (cy, py)
        r0 = max(0, math.ceil(lo - 0.5))
        r1 = min(rows - 1, math.ceil(hi - 0.5) - 1)
        for r in range(r0, r1 + 1):
            yc = r + 0.5
            t = (yc - py) / (cy - py)
            crossings.setdefault(r, []).append(px + t * (cx - px))
        px, py = cx, cy


def _fill(crossings: dict[int, list[float]], ci: int, owner: list[int], width: int) -> None:
    """Even-odd fill between pairs of crossings, cell centres inside."""
    for r, xs in crossings.items():
        xs.sort()
        base = r * width
        for a, b in zip(xs[0::2], xs[1::2], strict=False):
            c0 = max(0, math.ceil(a - 0.5))
            c1 = min(width - 1, math.ceil(b - 0.5) - 1)
            for c in range(c0, c1 + 1):
                owner[base + c] = ci


def country_index() -> dict[str, list[int]]:
    """alpha-2 code -> indexes into load_world() (France has several parts? no: one each)."""
    found: dict[str, list[int]] = {}
    for i, c in enumerate(load_world()):
        if c.a2:
            found.setdefault(c.a2, []).append(i)
    return found


def place_markers(
    view: View, width: int, height: int, places: Iterable[MapPlace]
) -> tuple[Marker, ...]:
    """Places in view, merged per cell, biggest first."""
    scale, x0, y1 = view.fit(2 * width, 4 * height)
    cells: dict[tuple[int, int], list[MapPlace]] = {}
    for p in places:
        if not (-90.0 <= p.lat <= 90.0 and -180.0 <= p.lon <= 180.0):
            continue  # bad coordinates never reach the drawing
        cx = int((p.lon - x0) * scale / 2)
        cy = int((y1 - miller_y(p.lat)) * scale / 4)
        if 0 <= cx < width and 0 <= cy < height:
            cells.setdefault((cx, cy), []).append(p)
    if not cells:
        return ()
    merged = []
    for (cx, cy), group in cells.items():
        group.sort(key=lambda p: (-p.count, p.name))
        merged.append((cx, cy, group[0], sum(p.count for p in group), len(group) - 1))
    top = max(m[3] for m in merged)
    markers = [Marker(cx, cy, p, n, level(n, top), others) for cx, cy, p, n, others in merged]
    markers.sort(key=lambda m: (-m.count, m.place.name))
    return tuple(markers)


def draw_map(
    view: View,
    width: int,
    height: int,
    tints: Mapping[str, int] | None = None,
    places: Iterable[MapPlace] = (),
    cursor: int | None = None,
) -> MapImage:
    """The map at `width` x `height` cells. `tints`: articles per country
    (alpha-2); `places`: markers; `cursor`: index into the returned markers."""
    width, height = max(1, width), max(1, height)
    layer = _layer(view, width, height)
    styles = ["land" if ch != " " else "" for ch in layer.chars]
    chars = list(layer.chars)
    if tints:
        world = load_world()
        top = max(tints.values(), default=0)
        tint_of = {}
        for code, count in tints.items():
            for ci in country_index().get(code, ()):
                tint_of[ci] = f"tint{level(count, top)}"
        if tint_of:
            for i, ci in enumerate(layer.owner):
                if ci >= 0 and ci in tint_of:
                    styles[i] = tint_of[ci]
        del world
    markers = place_markers(view, width, height, places)
    for mi, mk in enumerate(markers):
        i = mk.y * width + mk.x
        chars[i] = MARKER_GLYPHS[mk.level - 1]
        styles[i] = "cursor" if mi == cursor else f"marker{mk.level}"
    rows = []
    for r in range(height):
        runs: list[tuple[str, str]] = []
        start = r * width
        text: list[str] = []
        style = styles[start]
        for i in range(start, start + width):
            if styles[i] != style:
                runs.append(("".join(text), style))
                text, style = [], styles[i]
            text.append(chars[i])
        runs.append(("".join(text), style))
        rows.append(tuple(runs))
    return MapImage(width, height, tuple(rows), markers)
