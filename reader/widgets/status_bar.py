"""The line above the footer: index state and build progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static


class StatusBar(Horizontal):
    """Index status on the left, a progress bar while building."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-text")
        yield Static(id="status-hits")
        yield ProgressBar(id="progress", show_eta=False)

    def set_text(self, text: str) -> None:
        self.query_one("#status-text", Static).update(Content(text))

    def set_hits(self, text: str) -> None:
        """Where n/N stands in the open article ("Treffer 2/4")."""
        self.query_one("#status-hits", Static).update(Content(text))

    def set_progress(self, done: int, total: int | None) -> None:
        """Show the bar (total given) or hide it (total None)."""
        bar = self.query_one(ProgressBar)
        bar.display = total is not None
        if total is not None:
            bar.update(total=max(total, 1), progress=done)
