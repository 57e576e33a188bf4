"""The world map widget: outlines in braille, tinted countries, place markers."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget

from index import Filter
from reader.archive_messages import DossierWanted, FilterWanted
from reader.i18n import t
from reader.map import PRESETS, MapImage, MapPlace, Marker, View, draw_map, preset
from reader.widgets.timeline_chart import too_small

if TYPE_CHECKING:
    from index import Places

STYLES = {
    "": "",
    "land": "$foreground 45%",
    "tint1": "$foreground 55% on $primary 15%",
    "tint2": "$foreground 60% on $primary 28%",
    "tint3": "$foreground 65% on $primary 42%",
    "tint4": "$foreground 70% on $primary 58%",
    "marker1": "bold $text-warning",
    "marker2": "bold $warning",
    "marker3": "bold $error",
    "marker4": "bold $text-error on $error-muted",
    "cursor": "bold reverse $accent",
}
PRESET_KEYS = list(PRESETS)
"""Number keys 1-6 pick these views."""


CLICK_REACH = 4
"""Cells around a click within which a marker is taken to be meant."""


class MapView(Widget, can_focus=True):
    """Arrows move the cursor between markers; h/j/k/l pan, +/- zoom, 1-6 views."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Next place (most articles first; also Tab-free n).
        Binding("n", "step(1)", "b.next_marker"),
        # Previous place.
        Binding("N", "step(-1)", "b.prev_marker", show=False),
        # Nearest place in that direction.
        Binding("left", "nearest(-1,0)", "b.nearest", show=False),
        Binding("right", "nearest(1,0)", "b.nearest", show=False),
        Binding("up", "nearest(0,-1)", "b.nearest", show=False),
        Binding("down", "nearest(0,1)", "b.nearest", show=False),
        # Pan the map (also Shift+arrows).
        Binding("h,shift+left", "pan(-0.5,0)", "b.pan", show=False),
        Binding("l,shift+right", "pan(0.5,0)", "b.pan", show=False),
        Binding("k,shift+up", "pan(0,0.5)", "b.pan", show=False),
        Binding("j,shift+down", "pan(0,-0.5)", "b.pan", show=False),
        # Zoom in.
        Binding("plus,equals_sign", "zoom(1.6)", "b.zoom_in"),
        # Zoom out.
        Binding("minus", "zoom(0.625)", "b.zoom_out", show=False),
        # Views: 1 world, 2 Europe, 3 Middle East, 4 East Asia, 5 Americas, 6 Africa.
        *[
            Binding(str(i + 1), f"view('{name}')", "b.views", show=False)
            for i, name in enumerate(PRESET_KEYS)
        ],
        # Filter by the place under the cursor.
        Binding("enter", "choose", "b.chip"),
        # The place's dossier.
        Binding("d", "dossier", "b.dossier"),
    ]

    DEFAULT_CSS = """
    MapView { height: 1fr; width: 1fr; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view: View = preset("world")
        self.places: list[MapPlace] = []
        self.tints: dict[str, int] = {}
        self.cursor: int | None = 0
        self.image: MapImage | None = None
        self.hits: int | None = None
        """How many results the places are of (None: not counted yet)."""

    def show_places(self, places: Places | None) -> None:
        old = self.current_name()
        self.places = [
            MapPlace(p.name, p.lat, p.lon, p.count, p.key)
            for p in (places.placed if places else ())
            if p.lat is not None and p.lon is not None
        ]
        self.tints = dict(places.countries) if places else {}
        self.hits = places.total if places else None
        self.image = None
        self._redraw()
        names: list[str] = [m.place.name for m in self.image.markers] if self.image else []
        self.cursor = names.index(old) if old in names else (0 if names else None)
        self.image = None
        self.refresh()

    def current_name(self) -> str | None:
        marker = self.current
        return marker.place.name if marker else None

    @property
    def current(self) -> Marker | None:
        """The marker under the cursor."""
        if self.cursor is None:
            return None
        img = self.image or self._redraw()
        return img.markers[self.cursor] if self.cursor < len(img.markers) else None

    def _redraw(self) -> MapImage:
        w, h = self.size
        self.image = draw_map(
            self.view, max(1, w), max(1, h - 1), self.tints, self.places, self.cursor
        )
        return self.image

    def on_resize(self) -> None:
        self.image = None

    def action_step(self, delta: int) -> None:
        img = self.image or self._redraw()
        if img.markers:
            self.cursor = ((self.cursor or 0) + delta) % len(img.markers)
            self._changed()

    def action_nearest(self, dx: int, dy: int) -> None:
        img = self.image or self._redraw()
        here = self.current
        if here is None:
            self.action_step(0)
            return
        best, best_d = None, None
        for i, m in enumerate(img.markers):
            ox, oy = m.x - here.x, (m.y - here.y) * 2  # a cell is twice as tall as wide
            along = ox * dx + oy * dy
            if along <= 0:
                continue
            across = abs(ox * dy) + abs(oy * dx)
            d = along + 2 * across
            if best_d is None or d < best_d:
                best, best_d = i, d
        if best is not None:
            self.cursor = best
            self._changed()

    def action_pan(self, dx: float, dy: float) -> None:
        self.view = self.view.pan(dx, dy)
        self._moved()

    def action_zoom(self, factor: float) -> None:
        self.view = self.view.zoom(factor)
        self._moved()

    def action_view(self, name: str) -> None:
        self.view = preset(name)
        self._moved()

    def _moved(self) -> None:
        name = self.current_name()
        self._redraw()
        names: list[str] = [m.place.name for m in self.image.markers] if self.image else []
        self.cursor = names.index(name) if name in names else (0 if names else None)
        self._changed()

    def _changed(self) -> None:
        self.image = None
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the nearest marker (within a few cells);
        a click on the marker under the cursor filters by it, as Enter does."""
        img = self.image or self._redraw()
        near = [
            (abs(m.x - event.x) + 2 * abs(m.y - event.y), i)
            for i, m in enumerate(img.markers)
            if abs(m.x - event.x) <= CLICK_REACH and abs(m.y - event.y) <= CLICK_REACH // 2
        ]
        if not near:
            return
        best = min(near)[1]
        if best == self.cursor:
            self.action_choose()
        else:
            self.cursor = best
            self._changed()

    def action_choose(self) -> None:
        m = self.current
        if m is not None:
            self.post_message(FilterWanted(Filter("place", m.place.name)))

    def action_dossier(self) -> None:
        m = self.current
        if m is not None:
            self.post_message(DossierWanted("place", m.place.name))

    def dossier_target(self) -> tuple[str, str] | None:
        m = self.current
        return ("place", m.place.name) if m else None

    def view_label(self) -> str:
        return t(f"map.view.{self.view.name}") if self.view.name else t("map.view.custom")

    def info_line(self) -> Content:
        m = self.current
        if m is None:
            empty = "map.no_results" if self.hits == 0 else "map.none"
            return Content.styled(t(empty), "$text-muted")
        key = "map.cursor.more" if m.others else "map.cursor"
        # The place's own count: places sharing a cell may share articles too.
        return Content.styled(t(key, name=m.place.name, n=m.place.count, k=m.others), "bold")

    def render(self) -> Content:
        small = too_small(self)
        if small is not None:
            return small
        img = self.image or self._redraw()
        lines = [
            Content.assemble(*((text, STYLES.get(style, "")) for text, style in row))
            for row in img.rows
        ]
        lines.append(self.info_line())
        return Content("\n").join(lines)
