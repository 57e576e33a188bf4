"""The line above the footer: index state and build progress."""

from __future__ import annotations

from contextlib import suppress

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import ProgressBar, Static


class StatusBar(Horizontal):
    """Index status on the left, a progress bar while building."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-text")
        yield Static(id="status-hits")
        yield ProgressBar(id="progress", show_eta=False)

    # A change in the folder or a worker's message can arrive while the App is
    # closing and this bar's children are already gone: nothing to show then.

    def set_text(self, text: str) -> None:
        with suppress(NoMatches):
            self.query_one("#status-text", Static).update(Content(text))

    def set_hits(self, text: str) -> None:
        """Where n/N stands in the open article ("Treffer 2/4")."""
        with suppress(NoMatches):
            self.query_one("#status-hits", Static).update(Content(text))

    def set_progress(self, done: int, total: int | None) -> None:
        """Show the bar (total given) or hide it (total None)."""
        try:
            bar = self.query_one(ProgressBar)
        except NoMatches:
            return
        bar.display = total is not None
        if total is not None:
            bar.update(total=max(total, 1), progress=done)
