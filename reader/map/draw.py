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

import numpy as np

from reader.map.canvas import _BITS, BRAILLE_BASE
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


@lru_cache(maxsize=1)
def _edges() -> tuple[np.ndarray, ...]:
    """Every ring edge of the world as arrays: x0, y0, x1, y1 (projected) and
    the index of its country."""
    parts: list[list[np.ndarray]] = [[], [], [], [], []]
    for ci, country in enumerate(load_world()):
        for xs, ys in country.rings:
            x, y = np.asarray(xs), np.asarray(ys)
            for i, arr in enumerate((np.roll(x, 1), np.roll(y, 1), x, y, np.full(len(x), ci))):
                parts[i].append(arr)
    return tuple(np.concatenate(p) for p in parts)


_BIT_TABLE = np.array(_BITS, dtype=np.uint8)
_BRAILLE = np.array([" "] + [chr(BRAILLE_BASE + v) for v in range(1, 256)])


def _steps(lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For items with `lengths` k_i: the item of each of the sum(k) steps and
    the step's number within its item (0-based)."""
    idx = np.repeat(np.arange(len(lengths)), lengths)
    starts = np.cumsum(lengths) - lengths
    return idx, np.arange(int(lengths.sum())) - starts[idx]


@lru_cache(maxsize=8)
def _layer(view: View, width: int, height: int) -> _Layer:
    """Outline dots and cell owners for one view and size, as array
    operations over all edges at once (a new view at 160x48 in a few ms)."""
    dots_w, dots_h = 2 * width, 4 * height
    scale, x0, y1 = view.fit(dots_w, dots_h)
    ex0, ey0, ex1, ey1, eci = _edges()
    X0, Y0 = (ex0 - x0) * scale, (y1 - ey0) * scale
    X1, Y1 = (ex1 - x0) * scale, (y1 - ey1) * scale
    # Outlines: edges touching the view, walked in steps of at most one dot.
    outside = (
        ((X0 < 0) & (X1 < 0))
        | ((dots_w <= X0) & (dots_w <= X1))
        | ((Y0 < 0) & (Y1 < 0))
        | ((dots_h <= Y0) & (dots_h <= Y1))
    )
    keep = np.flatnonzero(~outside)
    dx, dy = X1[keep] - X0[keep], Y1[keep] - Y0[keep]
    n_steps = np.floor(np.maximum(np.abs(dx), np.abs(dy))).astype(np.int64) + 1
    idx, k = _steps(n_steps)
    t = (k + 1) / n_steps[idx]
    px = np.floor(X0[keep][idx] + t * dx[idx]).astype(np.int64)
    py = np.floor(Y0[keep][idx] + t * dy[idx]).astype(np.int64)
    inside = (px >= 0) & (px < dots_w) & (py >= 0) & (py < dots_h)
    px, py = px[inside], py[inside]
    grid = np.zeros(width * height, dtype=np.uint8)
    np.bitwise_or.at(grid, (py >> 2) * width + (px >> 1), _BIT_TABLE[py & 3, px & 1])
    chars = tuple(_BRAILLE[grid].tolist())
    # Owners: even-odd fill of each country along every cell row's centre line.
    cy0, cy1 = Y0 / 4, Y1 / 4
    lo, hi = np.minimum(cy0, cy1), np.maximum(cy0, cy1)
    r0 = np.maximum(0, np.ceil(lo - 0.5)).astype(np.int64)
    r1 = np.minimum(height - 1, np.ceil(hi - 0.5) - 1).astype(np.int64)
    rows = np.maximum(0, r1 - r0 + 1)
    owner = np.full(width * height, -1, dtype=np.int64)
    if rows.any():
        idx, k = _steps(rows)
        r = r0[idx] + k
        t = (r + 0.5 - cy0[idx]) / (cy1[idx] - cy0[idx])
        xc = (X0[idx] + t * (X1[idx] - X0[idx])) / 2
        ci = eci[idx]
        order = np.lexsort((xc, r, ci))
        r, xc, ci = r[order], xc[order], ci[order]
        group = ci * height + r
        first = np.r_[True, group[1:] != group[:-1]]
        start = np.maximum.accumulate(np.where(first, np.arange(len(group)), 0))
        # Crossings pair up within a (country, row) group: 1st-2nd, 3rd-4th …
        even = np.flatnonzero(((np.arange(len(group)) - start) % 2 == 0)[:-1])
        even = even[group[even] == group[even + 1]]
        c0 = np.maximum(0, np.ceil(xc[even] - 0.5)).astype(np.int64)
        c1 = np.minimum(width - 1, np.ceil(xc[even + 1] - 0.5) - 1).astype(np.int64)
        ok = c1 >= c0
        for row, a, b, c in zip(
            r[even][ok].tolist(),
            c0[ok].tolist(),
            c1[ok].tolist(),
            ci[even][ok].tolist(),
            strict=True,
        ):
            owner[row * width + a : row * width + b + 1] = c
    return _Layer(chars, tuple(owner.tolist()))


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
