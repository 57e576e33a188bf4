"""The one working screen: search pane, article pane, side panel."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from reader.i18n import t
from reader.messages import ScreenReady
from reader.widgets.article_view import ArticleView
from reader.widgets.search_pane import SearchPane
from reader.widgets.side_panel import SidePanel
from reader.widgets.status_bar import StatusBar


class MainScreen(Screen[None]):
    """Lays out the panes; translates binding descriptions for the footer."""

    AUTO_FOCUS = "#query"

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield SearchPane(id="search-pane")
            yield ArticleView(id="article")
            yield SidePanel(id="side-panel")
        yield StatusBar(id="status")
        # Compact: at 80 columns every key of the focused pane should fit.
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.post_message(ScreenReady())

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        # Binding descriptions are i18n keys; the footer shows them translated.
        return {
            key: active._replace(
                binding=replace(active.binding, description=t(active.binding.description))
            )
            for key, active in super().active_bindings.items()
        }
