"""Map views: a centre and extents in projected units, presets, zoom and pan.

The projection is Miller's cylindrical one: equirectangular in longitude,
latitudes stretched like Mercator's near the equator but bounded at the poles,
so Europe is not squashed and the world still fits a terminal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

MAX_LAT = 85.0
WORLD_X = (-180.0, 180.0)


def miller_y(lat: float) -> float:
    """Miller y in degree-like units (equals the latitude near the equator)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    return math.degrees(1.25 * math.log(math.tan(math.pi / 4 + 0.4 * math.radians(lat))))


WORLD_Y = (miller_y(-58.0), miller_y(84.0))
"""Antarctica is left out: no diplomacy news happens there that a dot could show."""


@dataclass(frozen=True)
class View:
    """What part of the world is shown: centre (cx, cy) and half extents
    (hx, hy) in projected units. Drawing fits both extents into the canvas."""

    name: str
    cx: float
    cy: float
    hx: float
    hy: float

    def zoom(self, factor: float) -> View:
        """factor > 1 zooms in (shows less); extents stay within sensible bounds."""
        hx = min(180.0, max(2.0, self.hx / factor))
        hy = min((WORLD_Y[1] - WORLD_Y[0]) / 2, max(1.0, self.hy / factor))
        return replace(self, name="", hx=hx, hy=hy).clamped()

    def pan(self, dx: float, dy: float) -> View:
        """Move by fractions of the half extents (dx=1: half a screen right)."""
        return replace(
            self, name="", cx=self.cx + dx * self.hx, cy=self.cy + dy * self.hy
        ).clamped()

    def clamped(self) -> View:
        cx = max(WORLD_X[0], min(WORLD_X[1], self.cx))
        cy = max(WORLD_Y[0], min(WORLD_Y[1], self.cy))
        return replace(self, cx=cx, cy=cy)

    def fit(self, dots_w: int, dots_h: int) -> tuple[float, float, float]:
        """(scale, x0, y1): dot column = (x - x0) * scale, dot row = (y1 - y) * scale.
        Braille dots are about square (2x4 per cell of 1x2), so one scale serves both."""
        scale = min(dots_w / (2 * self.hx), dots_h / (2 * self.hy))
        return scale, self.cx - dots_w / (2 * scale), self.cy + dots_h / (2 * scale)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return lon, miller_y(lat)


def _bbox_view(name: str, lon0: float, lon1: float, lat0: float, lat1: float) -> View:
    y0, y1 = miller_y(lat0), miller_y(lat1)
    return View(name, (lon0 + lon1) / 2, (y0 + y1) / 2, (lon1 - lon0) / 2, (y1 - y0) / 2)


PRESETS: dict[str, View] = {
    "world": _bbox_view("world", -180, 180, -58, 84),
    "europe": _bbox_view("europe", -25, 45, 34, 71),
    "mideast": _bbox_view("mideast", 24, 64, 11, 43),
    "eastasia": _bbox_view("eastasia", 88, 150, -2, 55),
    "americas": _bbox_view("americas", -170, -30, -56, 72),
    "africa": _bbox_view("africa", -20, 55, -36, 38),
}
"""Preset views by name, in the order of the number keys 1-6."""


def preset(name: str) -> View:
    return PRESETS[name]
