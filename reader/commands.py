"""The command palette's actions (Ctrl+P), in the UI language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.i18n import t

if TYPE_CHECKING:
    from reader.app import DiploReader


class ReaderCommands(Provider):
    """Rebuild, side panel, sort, themes, articles folder, filter, help, quit."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app: DiploReader = self.app  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], Any], str]] = [
            (t("c.rebuild"), app.action_rebuild_index, t("c.rebuild.help")),
            (t("c.fetch"), app.action_fetch_feeds, t("c.fetch.help")),
            (t("c.toggle_side"), app.action_toggle_side_panel, ""),
            (t("c.sort_relevance"), partial(app.set_sort, "relevance"), ""),
            (t("c.sort_date"), partial(app.set_sort, "date"), ""),
            (t("c.folder"), app.action_show_folder, ""),
            (t("c.clear_filter"), app.action_clear_filter, ""),
            *app.archive_commands(),
            (t("c.help"), app.action_help, ""),
            (t("c.quit"), app.action_quit, ""),
        ]
        for name in sorted(app.available_themes):
            commands.append((t("c.theme", name=name), partial(setattr, app, "theme", name), ""))
        return commands

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(title, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), callback, text=title, help=help_text or None
                )
