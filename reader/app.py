"""The diplo-reader TUI: wiring of panes, workers and key bindings.

Searching, loading and indexing run in thread workers (reader.workers) and
report back with messages (reader.messages); the widgets only display.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import Input

from reader import messages as m
from reader import workers
from reader.archive_ui import ArchiveMixin
from reader.commands import ReaderCommands
from reader.i18n import detect_language, set_language, t
from reader.indexing import IndexingMixin
from reader.late import dropped_when_closing
from reader.live import LiveMixin
from reader.navigation import NavigationMixin
from reader.result_cache import cached_result, hits_to_cache
from reader.searching import SearchMixin
from reader.state import load_state, save_state
from reader.widgets.article_view import ArticleView
from reader.widgets.entity_list import EntityList
from reader.widgets.main_screen import MainScreen
from reader.widgets.results_list import ResultsList
from reader.widgets.search_pane import SearchPane
from reader.widgets.side_panel import SidePanel
from reader.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from index import FilterField, LibraryAPI, SearchResult

TYPING_KEYS_OFF = {
    "quit_key",
    "people",
    "places",
    "clear_filter",
    "clear_filters",
    "toggle_side_panel",
    "toggle_sort",
    "help_key",
    "focus_query_key",
    "facets",
    "timeline",
    "map",
    "dossier",
}
"""Actions on printable keys: off while the query has focus, so they type."""


class DiploReader(ArchiveMixin, IndexingMixin, SearchMixin, NavigationMixin, LiveMixin):
    """Search pane, article pane and side panel over one articles library."""

    CSS_PATH = "app.tcss"
    TITLE = "diplo-reader"
    COMMANDS: ClassVar[set[Any]] = {ReaderCommands}
    """Only our own, translated palette commands (Textual's are English)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Focus the query (also Ctrl+F).
        Binding("slash", "focus_query_key", "b.focus_query", show=False),
        # Focus the query, even while typing.
        Binding("ctrl+f", "focus_query", "b.focus_query", show=False),
        # Show every key binding (also F1).
        Binding("question_mark", "help_key", "b.help", show=False),
        # Show every key binding, even while typing.
        Binding("f1", "help", "b.help"),
        # Jump into the people list of the side panel.
        Binding("p", "people", "b.people"),
        # Jump into the places list of the side panel.
        Binding("o", "places", "b.places"),
        # Remove the newest filter chip.
        Binding("x", "clear_filter", "b.clear_filter"),
        # Remove every filter chip.
        Binding("X", "clear_filters", "b.clear_filters", show=False),
        # Facets of all hits in the side panel (again: the article's metadata).
        Binding("f", "facets", "b.facets"),
        # The hits on a timeline.
        Binding("t", "timeline", "b.timeline"),
        # The places of the hits on a world map.
        Binding("m", "map", "b.map"),
        # The dossier of the highlighted person, place or organisation.
        Binding("d", "dossier", "b.dossier"),
        # Search for the did-you-mean suggestion.
        Binding("ctrl+g", "accept_suggestion", "b.suggestion", show=False),
        # Show or hide the side panel.
        Binding("i", "toggle_side_panel", "b.toggle_side", show=False),
        # Sort by relevance or by date.
        Binding("s", "toggle_sort", "b.sort", show=False),
        # Fetch the new items of every followed feed, in the background.
        Binding("f5", "fetch_feeds", "b.fetch", show=False),
        # Quit (when not typing in the query).
        Binding("q", "quit_key", "b.quit"),
    ]

    def __init__(
        self,
        articles_dir: Path | None = None,
        *,
        state_path: Path,
        index_dir: Path | None = None,
        library: LibraryAPI | None = None,
        lang: str | None = None,
        search_delay: float = 0.12,
    ) -> None:
        set_language(detect_language(lang))
        super().__init__()
        self.articles_dir = articles_dir or (library.articles_dir if library else None)
        self.index_dir = index_dir
        self.library = library
        """The core (index.Library, or a test double); built in a worker if not given."""
        self.state_path = state_path
        self.user_state, self._corrupt_state = load_state(state_path)
        self.search_delay = search_delay
        """Debounce: wait this long after the last keystroke before searching."""
        self.search_seq = 0
        self.shown_seq = 0
        self.result: SearchResult | None = None
        self.index_ready = False
        self._debounce: Timer | None = None
        self._cancel = threading.Event()
        self._restore_article = self.user_state.article_id
        self.preview_paths: dict[str, str] = {}
        """id -> file of the titles shown before the first index was ready."""
        self._focus_article = False
        self._state_error_shown = False

    def get_default_screen(self) -> MainScreen:
        self.main_screen = MainScreen(id="_default")
        return self.main_screen

    def on_screen_ready(self, _message: m.ScreenReady) -> None:
        if self.user_state.theme in self.available_themes:
            self.theme = self.user_state.theme
        self.theme_changed_signal.subscribe(self, lambda theme: self.remember(theme=theme.name))
        self.main_screen.query_one("#query", Input).value = self.user_state.query
        self.main_screen.query_one(SearchPane).show_filters([f.label for f in self.filters])
        self.update_layout()
        self.main_screen.query_one(StatusBar).set_text(t("index.opening"))
        saved = self.user_state
        cached = cached_result(
            self.search_key(), saved.results_query, saved.results, saved.results_total
        )
        if cached is not None:
            self.main_screen.query_one(SearchPane).show_result(cached, False, None)
        else:
            self.main_screen.query_one(SearchPane).show_notice(t("index.opening"))
        if self._corrupt_state is not None:
            self.notify(
                t("state.corrupt", path=self._corrupt_state), severity="warning", markup=False
            )
        self.load_index()

    def on_unmount(self) -> None:
        self._cancel.set()
        result = self.result
        if result is not None and not result.error:
            self.remember(
                results_query=self.search_key(self.user_state.query),
                results=hits_to_cache(result.hits),
                results_total=result.total,
            )

    # -- state ------------------------------------------------------------

    def remember(self, **changes: Any) -> None:
        """Update the user state and write it (errors are shown once)."""
        for key, value in changes.items():
            setattr(self.user_state, key, value)
        try:
            save_state(self.state_path, self.user_state)
        except OSError as exc:
            if not self._state_error_shown:
                self._state_error_shown = True
                self.notify(
                    t("state.unwritable", msg=exc.strerror or exc), severity="warning", markup=False
                )

    # -- search -------------------------------------------------------------

    # -- articles and entities ------------------------------------------------

    def open_article(self, article_id: str, focus: bool = True) -> None:
        self._focus_article = focus
        self.load_article(article_id)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, article_id: str) -> None:
        path = None if self.index_ready else self.preview_paths.get(article_id)
        workers.load_article(self.library, article_id, self.post_message, path)

    @dropped_when_closing
    def on_article_loaded(self, message: m.ArticleLoaded) -> None:
        view = self.main_screen.query_one(ArticleView)
        self.main_screen.query_one(StatusBar).set_hits("")
        if message.article is None:
            view.show_placeholder(t("article.none"))
        else:
            view.show_article(message.article, self.current_terms())
        self.main_screen.query_one(SidePanel).show_article(message.article)
        self.remember(article_id=message.article.id if message.article else None)
        if self._focus_article and message.article is not None:
            view.focus()

    def on_hit_moved(self, message: m.HitMoved) -> None:
        if message.total:
            text = t("article.hits", i=message.index + 1, n=message.total)
        else:
            text = t("article.no_hits")
        self.main_screen.query_one(StatusBar).set_hits(text)

    def on_results_list_article_chosen(self, message: ResultsList.ArticleChosen) -> None:
        self.open_article(message.article_id)

    def on_entity_list_highlighted(self, message: EntityList.Highlighted) -> None:
        self.count_entity(message.field, message.name)

    @work(thread=True, exclusive=True, group="entity", exit_on_error=False)
    def count_entity(self, field: FilterField, name: str) -> None:
        assert self.library is not None
        workers.count_entity(self.library, field, name, self.post_message)

    @dropped_when_closing
    def on_entity_counted(self, message: m.EntityCounted) -> None:
        self.main_screen.query_one(SidePanel).show_count(message.name, message.count)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in TYPING_KEYS_OFF and isinstance(self.focused, Input):
            return False
        if action in ("clear_filter", "clear_filters"):
            return bool(self.filters)
        if action == "accept_suggestion":
            return bool(self.result and self.result.suggestion)
        return True


def run_app(articles_dir: Path, lang: str | None = None) -> int:
    """Run the TUI on `articles_dir`; returns the process exit code."""
    from index import state_file

    app = DiploReader(articles_dir, state_path=state_file(), lang=lang)
    app.run()
    return app.return_code or 0
