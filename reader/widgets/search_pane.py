"""The left pane: query input, messages, active filter, hit count, results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from index import render
from reader.i18n import language, t
from reader.widgets.query_input import QueryInput
from reader.widgets.results_list import ResultsList

if TYPE_CHECKING:
    from index import SearchResult


def query_message(result: SearchResult) -> str:
    """The index's message about the query, in the UI's language."""
    if result.error_code is None:
        return result.error or ""
    return render(result.error_code, result.error_args, language())


class SearchPane(Vertical):
    """Search box on top, results below."""

    def compose(self) -> ComposeResult:
        yield QueryInput(placeholder=t("query.placeholder"), id="query")
        yield Static(id="query-message")
        yield Static(id="filter-chip")
        yield Static(id="hit-count")
        yield ResultsList(id="results")

    def show_result(
        self, result: SearchResult, filtered: bool, keep: str | None, by_date: bool = False
    ) -> None:
        """Fill the list and the lines above it from one search result."""
        message = self.query_one("#query-message", Static)
        lines: list[Content] = []
        if result.error:
            lines.append(Content.styled(query_message(result), "$text-error"))
        if not result.hits:
            lines.append(Content.styled(t("no_hits"), "bold"))
            if result.suggestion:
                lines.append(Content(t("suggestion", s=result.suggestion)))
        message.update(Content("\n").join(lines))
        message.display = bool(lines)
        if not result.hits:
            text = ""
        elif not result.query.strip() and not filtered:
            text = t("hits.all", n=result.total)
        elif result.total == 1:
            text = t("hits.one")
        elif result.total > len(result.hits):
            text = t("hits.shown", n=result.total, shown=len(result.hits))
        else:
            text = t("hits", n=result.total)
        if text and by_date and (result.query.strip() or filtered):
            text += f" · {t('sorted.date')}"
        self.query_one("#hit-count", Static).update(Content(text))
        self.query_one(ResultsList).show_hits(result.hits, keep)

    def show_filters(self, labels: Sequence[str]) -> None:
        """The active filters as chips ("place:Tokio · −person:Kerry")."""
        chip = self.query_one("#filter-chip", Static)
        chip.update(Content(t("filter.chip", f="  ·  ".join(labels))) if labels else "")
        chip.display = bool(labels)

    def show_notice(self, text: str) -> None:
        """A message in place of results (index not ready, empty folder)."""
        message = self.query_one("#query-message", Static)
        message.update(Content(text))
        message.display = bool(text)
