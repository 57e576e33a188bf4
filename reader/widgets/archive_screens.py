"""The timeline and map screens (the dossier has its own module).

Each shows the current query's whole hit set and follows it: the app hands
every new overview to the screen on top (`show_overview`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from index import Filter
from reader.archive_messages import FilterWanted
from reader.i18n import t
from reader.render import literal
from reader.widgets.map_view import MapView
from reader.widgets.timeline_chart import TimelineChart

if TYPE_CHECKING:
    from index import Overview


class ArchiveScreen(Screen[None]):
    """A full screen view with a title line and the footer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Back to the results.
        Binding("escape,q", "app.pop_screen", "b.close"),
    ]

    def __init__(self, overview: Overview | None, chips: Sequence[Filter]) -> None:
        super().__init__()
        self.overview = overview
        self.chips = tuple(chips)

    def title_key(self) -> str:
        raise NotImplementedError

    def title_line(self) -> Content:
        n = self.overview.facets.total if self.overview else 0
        parts = [Content.styled(t(self.title_key(), n=n, view=self.view_name()), "bold")]
        for f in self.chips:
            parts.append(Content("  "))
            parts.append(Content.styled(literal(f.label), "$text-accent"))
        return Content.assemble(*parts)

    def view_name(self) -> str:
        return ""

    def show_overview(self, overview: Overview | None, chips: Sequence[Filter]) -> None:
        self.overview, self.chips = overview, tuple(chips)
        if self.is_mounted:
            self.query_one(".screen-title", Static).update(self.title_line())
            self.fill()

    def fill(self) -> None:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.query_one(".screen-title", Static).update(self.title_line())
        self.fill()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return {
            key: active._replace(
                binding=replace(active.binding, description=t(active.binding.description))
            )
            for key, active in super().active_bindings.items()
        }


class TimelineScreen(ArchiveScreen):
    AUTO_FOCUS = "TimelineChart"

    def title_key(self) -> str:
        return "timeline.title"

    def compose(self) -> ComposeResult:
        yield Static(classes="screen-title")
        yield TimelineChart(id="timeline-chart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(TimelineChart).by = getattr(self.app, "timeline_by", None)
        super().on_mount()

    def fill(self) -> None:
        self.query_one(TimelineChart).show_timeline(
            self.overview.timeline if self.overview else None, self.chips
        )


class UnplacedList(OptionList):
    """Places of the hits that have no coordinates: Enter filters by one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Keep only articles naming this place.
        Binding("enter", "select", "b.chip"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.names: list[str] = []

    def show(self, names_counts: Sequence[tuple[str, int]]) -> None:
        self.names = [n for n, _ in names_counts]
        self.set_options(
            Option(Content.assemble(literal(n), (f"  {c}", "$text-muted"))) for n, c in names_counts
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.names):
            self.post_message(FilterWanted(Filter("place", self.names[event.option_index])))


class MapScreen(ArchiveScreen):
    AUTO_FOCUS = "MapView"

    def title_key(self) -> str:
        return "map.title"

    def view_name(self) -> str:
        return self.query_one(MapView).view_label() if self.is_mounted else t("map.view.world")

    def compose(self) -> ComposeResult:
        yield Static(classes="screen-title")
        with Horizontal(id="map-body"):
            yield MapView(id="map")
            with Vertical(id="map-side"):
                yield Static(Content.styled(t("map.unplaced"), "bold $accent"), classes="heading")
                yield UnplacedList(id="unplaced")
        yield Footer(compact=True)

    def fill(self) -> None:
        places = self.overview.places if self.overview else None
        self.query_one(MapView).show_places(places)
        unplaced = [(p.name, p.count) for p in places.unplaced] if places else []
        self.query_one(UnplacedList).show(unplaced)
        self.query_one("#map-side").display = bool(unplaced)

    def on_key(self) -> None:
        # The view name in the title follows zoom, pan and presets.
        self.call_after_refresh(
            lambda: self.query_one(".screen-title", Static).update(self.title_line())
        )
