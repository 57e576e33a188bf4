"""Searching from the app: the debounced query, filters as chips, and results
arriving from the search worker (a mixin of DiploReader, like reader.navigation).

The query text and the filters go to the library as data
(`library.search(text, filters=…)`): no query syntax is written here.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.timer import Timer
from textual.widgets import Input

from reader import messages as m
from reader import workers
from reader.late import dropped_when_closing
from reader.state import filters_of
from reader.widgets.article_view import ArticleView
from reader.widgets.results_list import ResultsList
from reader.widgets.search_pane import SearchPane

if TYPE_CHECKING:
    from index import Filter, FilterField, LibraryAPI, SearchResult
    from reader.state import UserState
    from reader.widgets.main_screen import MainScreen


class SearchMixin(App[int]):
    """The search flow of DiploReader (which provides state and library)."""

    if TYPE_CHECKING:
        user_state: UserState
        main_screen: MainScreen
        library: LibraryAPI | None
        index_ready: bool
        search_delay: float
        search_seq: int
        shown_seq: int
        result: SearchResult | None
        _debounce: Timer | None

        def remember(self, **changes: Any) -> None: ...
        def action_focus_results(self) -> None: ...

    @property
    def filters(self) -> tuple[Filter, ...]:
        return filters_of(self.user_state)

    @property
    def query_text(self) -> str:
        return self.main_screen.query_one("#query", Input).value.strip()

    def search_key(self, text: str | None = None) -> str:
        """What identifies a search of `text` (default: the query box) under
        the current filters, for the saved first page."""
        text = self.query_text if text is None else text.strip()
        return "\x1f".join([text, *(f.label for f in self.filters)])

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "query":
            return
        self.user_state.query = event.value
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(self.search_delay, self.search_now)

    def search_now(self) -> None:
        """Start a search for the current query (newest request wins)."""
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        if not self.index_ready:
            return
        self.remember()
        self.search_seq += 1
        text, filters = self.query_text, self.filters
        sort = self.user_state.sort if text else "date"
        self.run_search(self.search_seq, text, filters, sort)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, seq: int, text: str, filters: tuple[Filter, ...], sort: str) -> None:
        assert self.library is not None
        workers.run_search(
            self.library,
            seq,
            text,
            filters,
            sort,
            self.post_message,
            lambda: self.search_seq,
            getattr(self, "timeline_by", None),  # reader.archive_ui: the chosen bucketing
        )

    @dropped_when_closing
    def on_search_finished(self, message: m.SearchFinished) -> None:
        # A slower, older search must never replace a newer one's results.
        if message.seq < self.shown_seq or (message.seq == self.shown_seq and not message.more):
            return
        self.shown_seq, self.result = message.seq, message.result
        view = self.main_screen.query_one(ArticleView)
        keep = view.article.id if view.article else None
        if message.more:  # the longer list: the highlight stays where the user put it
            keep = self.main_screen.query_one(ResultsList).highlighted_id
        self.main_screen.query_one(SearchPane).show_result(
            message.result, bool(self.filters), keep, self.user_state.sort == "date"
        )
        terms = self.current_terms()
        if view.article is not None and terms != view.terms:
            view.show_article(view.article, terms)
        self.refresh_bindings()  # x and Ctrl+G depend on the filter and the suggestion

    def current_terms(self) -> tuple[str, ...]:
        if self.result is None or not self.query_text:
            return ()
        return tuple(self.result.terms)

    # -- filters (chips) -----------------------------------------------------

    def set_filters(self, filters: tuple[Filter, ...]) -> None:
        self.remember(filters=[asdict(f) for f in filters])
        self.main_screen.query_one(SearchPane).show_filters([f.label for f in filters])
        self.search_now()

    def apply_filter(self, field: FilterField, name: str, exclude: bool = False) -> None:
        """Narrow the search to articles naming (or, with `exclude`, not naming)
        `name` in `field`; filters add up (AND)."""
        from index import Filter

        flt = Filter(field, name, exclude)
        others = tuple(f for f in self.filters if (f.field, f.value) != (field, name))
        self.set_filters((*others, flt))
        self.action_focus_results()

    def action_clear_filter(self) -> None:
        """x: remove the newest chip."""
        if self.filters:
            self.set_filters(self.filters[:-1])

    def action_clear_filters(self) -> None:
        """X: remove every chip."""
        if self.filters:
            self.set_filters(())

    def on_entity_list_chosen(self, message: Any) -> None:
        self.apply_filter(message.field, message.name, message.exclude)

    def action_accept_suggestion(self) -> None:
        if self.result is not None and self.result.suggestion:
            self.main_screen.query_one("#query", Input).value = self.result.suggestion
            self.search_now()
