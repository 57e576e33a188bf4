"""The braille world map: projection, canvas, tints and markers (no Textual)."""

from __future__ import annotations

import pytest

from reader.map import PRESETS, MapPlace, draw_map, load_world, preset
from reader.map.canvas import BrailleCanvas
from reader.map.draw import level
from reader.map.view import miller_y


def test_world_data_has_countries_with_codes() -> None:
    world = load_world()
    codes = {c.a2 for c in world}
    assert len(world) > 170
    assert {"DE", "FR", "US", "CN", "UA", "IL", "BR", "ZA"} <= codes
    de = next(c for c in world if c.a2 == "DE")
    assert de.name_de == "Deutschland"
    x0, _y0, x1, y1 = de.bbox
    assert 5 < x0 < x1 < 16 and miller_y(47) < y1


def test_miller_is_monotonic_and_bounded() -> None:
    ys = [miller_y(lat) for lat in range(-90, 91, 5)]
    assert ys == sorted(ys)
    assert miller_y(0) == pytest.approx(0)
    assert abs(miller_y(90)) < 200


def test_canvas_sets_braille_dots() -> None:
    c = BrailleCanvas(2, 1)
    c.dot(0, 0)
    c.dot(3, 3)
    c.dot(99, 99)  # outside: ignored
    assert c.char(0) == "\u2801" and c.char(1) == "\u2880"


@pytest.mark.parametrize("size", [(80, 20), (160, 44), (10, 4)])
@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_draws_to_size(name: str, size: tuple[int, int]) -> None:
    w, h = size
    img = draw_map(preset(name), w, h)
    assert len(img.rows) == h
    assert all(sum(len(t) for t, _ in row) == w for row in img.rows)
    land = sum(len(t.strip()) for row in img.rows for t, s in row if s == "land")
    assert land > 0


def test_tints_and_markers() -> None:
    places = [
        MapPlace("Berlin", 52.5, 13.4, 40),
        MapPlace("Potsdam", 52.4, 13.06, 2),  # same cell in the world view: merged
        MapPlace("Paris", 48.86, 2.35, 5),
        MapPlace("Atlantis", 123.0, 10.0, 9),  # bad latitude: skipped
        MapPlace("Sydney", -33.9, 151.2, 1),  # outside the Europe view
    ]
    img = draw_map(preset("europe"), 80, 24, {"DE": 40}, places, cursor=0)
    names = [m.place.name for m in img.markers]
    assert names[0] == "Berlin" and "Paris" in names
    assert "Atlantis" not in names and "Sydney" not in names
    styles = {s for row in img.rows for _, s in row}
    assert "tint4" in styles and "cursor" in styles
    world = draw_map(preset("world"), 80, 20, {}, places)
    berlin = next(m for m in world.markers if m.place.name == "Berlin")
    assert berlin.count == 42 and berlin.others == 1


def test_zoom_and_pan_stay_in_bounds() -> None:
    v = preset("world")
    assert v.zoom(2).hx == pytest.approx(v.hx / 2)
    far = v
    for _ in range(50):
        far = far.pan(1, 1).zoom(3)
    assert -180 <= far.cx <= 180 and far.hx >= 2
    img = draw_map(far, 40, 12)
    assert len(img.rows) == 12


def test_levels_grow_with_count() -> None:
    assert level(1, 100) < level(100, 100) == 4
    assert level(1, 1) == 1


def test_array_outlines_match_a_plain_canvas_drawing() -> None:
    """The vectorised outline layer draws what the step-by-step canvas draws."""
    from reader.map.draw import _layer

    view, w, h = preset("europe"), 80, 24
    canvas = BrailleCanvas(w, h)
    scale, x0, y1 = view.fit(canvas.dots_w, canvas.dots_h)
    for country in load_world():
        for xs, ys in country.rings:
            canvas.polyline([(x - x0) * scale for x in xs], [(y1 - y) * scale for y in ys])
    plain = [canvas.char(i) != " " for i in range(w * h)]
    arrays = [ch != " " for ch in _layer(view, w, h).chars]
    same = sum(a == b for a, b in zip(plain, arrays, strict=True))
    assert same / (w * h) > 0.98
    assert sum(arrays) > 300
