"""The app's key actions: focus moves, the Esc chain, filters, layout.

A mixin so app.py stays wiring; it relies on the app's `user_state`,
`remember`, `search_now`, `open_article` and `result`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.widgets import Input

from reader.i18n import t
from reader.widgets.article_view import ArticleView
from reader.widgets.help_screen import HelpScreen
from reader.widgets.results_list import ResultsList
from reader.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from index import SearchResult
    from reader.state import UserState
    from reader.widgets.main_screen import MainScreen


class NavigationMixin(App[int]):
    """Key actions of DiploReader (which provides the state and the searching)."""

    NARROW = 110
    """Below this many columns the side panel is hidden unless asked for."""

    if TYPE_CHECKING:
        user_state: UserState
        main_screen: MainScreen
        result: SearchResult | None
        articles_dir: Path | None

        def remember(self, **changes: Any) -> None: ...
        def search_now(self) -> None: ...
        def open_article(self, article_id: str, focus: bool = True) -> None: ...
        def action_clear_filters(self) -> None: ...
    # -- focus and the Esc chain -----------------------------------------

    def action_focus_query(self) -> None:
        self._show_search_pane()
        self.main_screen.query_one("#query", Input).focus()

    def action_focus_query_key(self) -> None:
        self.action_focus_query()

    def action_focus_results(self) -> None:
        self._show_search_pane()
        results = self.main_screen.query_one(ResultsList)
        if results.option_count:
            results.focus()

    def action_focus_article(self) -> None:
        self.main_screen.query_one(ArticleView).focus()

    def action_clear_query(self) -> None:
        """Esc in the query: clear the text, or the filter when there is no text."""
        query = self.main_screen.query_one("#query", Input)
        if query.value:
            query.value = ""
            self.search_now()
        elif self.user_state.filters:
            self.action_clear_filters()

    async def action_quit_key(self) -> None:
        """q: a separate action from Ctrl+Q's "quit", so that only q is
        switched off while typing."""
        await self.action_quit()

    def action_help_quit(self) -> None:
        """Ctrl+C outside the query: say (in the UI language) how to quit."""
        self.notify(t("quit.hint"), timeout=4)

    def action_command_palette(self) -> None:
        """Textual's palette, with a placeholder in the UI language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = t("palette.placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.BINDINGS))

    def action_help_key(self) -> None:
        self.action_help()

    # -- side panel ---------------------------------------------------------

    def _jump_to(self, attr: str) -> None:
        self.set_side_panel(True)
        entities = self.main_screen.query_one(SidePanel).entity_list(attr)
        if entities.option_count:
            entities.focus()
            if entities.highlighted is None:
                entities.highlighted = 0
        else:
            self.notify(t("meta.none") + " " + t(f"meta.{attr}"), timeout=2)

    def action_people(self) -> None:
        self._jump_to("people")

    def action_places(self) -> None:
        self._jump_to("places")

    def action_toggle_side_panel(self) -> None:
        self.set_side_panel(not self.side_panel_visible)

    @property
    def side_panel_visible(self) -> bool:
        explicit = self.user_state.side_panel
        return explicit if explicit is not None else self.size.width >= self.NARROW

    def set_side_panel(self, visible: bool) -> None:
        self.remember(side_panel=visible)
        self.update_layout()

    def _show_search_pane(self) -> None:
        # At narrow widths the side panel replaces the search pane; going back
        # to the search hands the space back.
        if self.size.width < self.NARROW and self.side_panel_visible:
            self.set_side_panel(False)

    def update_layout(self) -> None:
        screen = self.main_screen
        if not screen.is_mounted:
            return
        screen.set_class(self.size.width < self.NARROW, "-narrow")
        screen.set_class(self.side_panel_visible, "-side")
        if not self.side_panel_visible and screen.query_one(SidePanel).has_focus_within:
            self.main_screen.query_one(ArticleView).focus()

    def on_resize(self, _event: events.Resize) -> None:
        self.update_layout()

    # -- filters, suggestions, sorting ---------------------------------------

    def set_sort(self, sort: str) -> None:
        self.remember(sort=sort)
        self.notify(t(f"sort.{sort}"), timeout=2)
        self.search_now()

    def action_toggle_sort(self) -> None:
        self.set_sort("date" if self.user_state.sort == "relevance" else "relevance")

    def action_step_result(self, delta: int) -> None:
        """Open the previous/next result while staying in the article."""
        article_id = self.main_screen.query_one(ResultsList).step(delta)
        if article_id is not None:
            self.open_article(article_id, focus=True)

    def action_show_folder(self) -> None:
        self.notify(t("folder", path=self.articles_dir), timeout=8, markup=False)
