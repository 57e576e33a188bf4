"""The archive views' wiring: chips, the overview counts, facets, timeline,
map and dossier screens.

A mixin so app.py stays wiring; it relies on the app's `search_now`,
`open_article`, `main_screen` and `set_side_panel`. Counting runs in the
search worker (reader.workers.run_search) and arrives as OverviewReady;
an older search's counts never replace a newer one's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App

from reader import workers
from reader.archive_messages import (
    ArticleWanted,
    BucketingWanted,
    DossierLoaded,
    DossierWanted,
    FilterWanted,
    OverviewReady,
)
from reader.i18n import t
from reader.late import dropped_when_closing
from reader.widgets.archive_screens import ArchiveScreen, MapScreen, TimelineScreen
from reader.widgets.dossier_screen import DossierScreen
from reader.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from index import Bucketing, Filter, Overview
    from reader.state import UserState
    from reader.widgets.main_screen import MainScreen


class ArchiveMixin(App[int]):
    """Chips and the archive views of DiploReader."""

    if TYPE_CHECKING:
        user_state: UserState
        main_screen: MainScreen
        library: Any

        @property
        def filters(self) -> tuple[Filter, ...]: ...
        def set_filters(self, filters: tuple[Filter, ...]) -> None: ...
        def search_now(self) -> None: ...
        def open_article(self, article_id: str, focus: bool = True) -> None: ...
        def set_side_panel(self, visible: bool) -> None: ...
        def remember(self, **changes: Any) -> None: ...

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.overview: Overview | None = None
        self.overview_seq = 0
        self.timeline_by: Bucketing | None = None
        """The timeline's bucketing chosen by key (None: from the hits' span)."""

    # -- chips (reader.searching keeps them; these add what the views ask for) --

    def on_filter_wanted(self, message: FilterWanted) -> None:
        flt = message.filter
        current = self.filters
        if message.replace_last and current and current[-1].field == flt.field:
            chosen = (*current[:-1], flt)
        else:
            others = tuple(f for f in current if (f.field, f.value) != (flt.field, flt.value))
            chosen = (*others, flt)
        self.notify(t("filter.added", f=flt.label), timeout=2, markup=False)
        self.set_filters(chosen)
        self.refresh_bindings()

    # -- counts -----------------------------------------------------------

    def on_bucketing_wanted(self, message: BucketingWanted) -> None:
        """Count again with the timeline by week, month or year (or automatic)."""
        self.timeline_by = message.by
        self.search_now()

    @dropped_when_closing
    def on_overview_ready(self, message: OverviewReady) -> None:
        if message.seq < self.overview_seq:
            return  # a slower, older search
        self.overview_seq, self.overview = message.seq, message.overview
        self.main_screen.query_one(SidePanel).show_facets(message.overview.facets)
        for screen in self.screen_stack:
            if isinstance(screen, ArchiveScreen) and not isinstance(screen, DossierScreen):
                screen.show_overview(message.overview, self.filters)

    # -- keys -------------------------------------------------------------

    def action_facets(self) -> None:
        """Show the facets in the side panel (again: back to the article's metadata)."""
        self._close_archive_screens()
        side = self.main_screen.query_one(SidePanel)
        show = not (side.facets_mode and side.facet_panel.has_focus)
        self.set_side_panel(True)
        side.set_facets_mode(show or side.article is None)
        if side.facets_mode:
            side.facet_panel.focus()

    def action_timeline(self) -> None:
        self._toggle(TimelineScreen)

    def action_map(self) -> None:
        self._toggle(MapScreen)

    def _toggle(self, kind: type[ArchiveScreen]) -> None:
        if isinstance(self.screen, kind):
            self.pop_screen()
            return
        self._close_archive_screens()
        self.push_screen(kind(self.overview, self.filters))

    def _close_archive_screens(self) -> None:
        while isinstance(self.screen, ArchiveScreen):
            self.pop_screen()

    def action_dossier(self) -> None:
        target = self._dossier_target()
        if target is None:
            self.notify(t("dossier.pick"), timeout=3)
            return
        self.open_dossier(*target)

    def _dossier_target(self) -> tuple[str, str] | None:
        focused = self.focused
        pick = getattr(focused, "dossier_target", None)
        if callable(pick):
            found = pick()
            if found:
                return found  # type: ignore[no-any-return]
        field = getattr(focused, "field", None)
        name = getattr(focused, "highlighted_name", None)
        if field in ("person", "place", "org") and name:
            return field, name
        article = self.main_screen.query_one(SidePanel).article
        if article is not None:
            for kind, entities in (
                ("person", article.meta.people),
                ("place", article.meta.places),
                ("org", article.meta.orgs),
            ):
                if entities:
                    top = max(entities, key=lambda e: e.count)
                    return kind, top.name
        return None

    # -- dossier ------------------------------------------------------------

    def on_dossier_wanted(self, message: DossierWanted) -> None:
        self.open_dossier(message.kind, message.name, push=not message.back)

    def open_dossier(self, kind: str, name: str, push: bool = True) -> None:
        if not isinstance(self.screen, DossierScreen):
            self._close_archive_screens()
            self.push_screen(DossierScreen())
        self.load_dossier(kind, name, push)

    @work(thread=True, exclusive=True, group="dossier", exit_on_error=False)
    def load_dossier(self, kind: str, name: str, push: bool) -> None:
        workers.load_dossier(self.library, kind, name, push, self.post_message)

    @dropped_when_closing
    def on_dossier_loaded(self, message: DossierLoaded) -> None:
        screen = self.screen
        if not isinstance(screen, DossierScreen):
            return
        if message.dossier is None:
            screen.show_missing(message.name)
        else:
            screen.show_dossier(message.kind, message.name, message.dossier, message.push)

    def on_article_wanted(self, message: ArticleWanted) -> None:
        self._close_archive_screens()
        self.open_article(message.article_id)

    def archive_commands(self) -> list[tuple[str, Any, str]]:
        """Palette entries: „Karte“ / “Map” and the others."""
        return [
            (t("c.map"), self.action_map, ""),
            (t("c.timeline"), self.action_timeline, ""),
            (t("c.facets"), self.action_facets, ""),
            (t("c.dossier"), self.action_dossier, ""),
        ]
