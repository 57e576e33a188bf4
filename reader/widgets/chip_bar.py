"""The active chips above the results: each a filter; a click removes it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import Static

from reader.archive_messages import ChipRemoved
from reader.i18n import t
from reader.render import literal

if TYPE_CHECKING:
    from index.records import Filter


def chip_label(f: Filter) -> Content:
    head = f"{t('chip.not')} " if f.exclude else ""
    return Content.assemble(f"{head}{t('chip.' + f.field)}: ", literal(f.value), " ✕")


class Chip(Static):
    def __init__(self, index: int, f: Filter) -> None:
        super().__init__(chip_label(f), classes="chip -not" if f.exclude else "chip")
        self.index = index

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(ChipRemoved(self.index))


class ChipBar(HorizontalGroup):
    """Shown only while there are chips."""

    def show_chips(self, chips: Sequence[Filter]) -> None:
        self.remove_children()
        self.mount_all([Chip(i, f) for i, f in enumerate(chips)])
        self.display = bool(chips)
        self.tooltip = t("chips.hint") if chips else None
