"""One list of the side panel: places, people or organisations of an article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.render import literal

if TYPE_CHECKING:
    from index import Entity, FilterField


class EntityList(OptionList):
    """Entities with their mention counts; Enter filters the search by one.

    Speaks in meanings: it posts `Chosen` (filter by this entity) and
    `Highlighted` (the cursor is on it), not option indexes."""

    @dataclass
    class Chosen(Message):
        """Narrow the search to articles naming this entity."""

        field: FilterField
        name: str
        exclude: bool = False
        """Keep only the articles that do NOT name it."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto this entity (while the list has focus)."""

        field: FilterField
        name: str

    BINDINGS: ClassVar[list[BindingType]] = [
        # Narrow the search to articles that name this entry.
        Binding("enter", "select", "b.filter"),
        # Narrow the search to articles that do NOT name this entry.
        Binding("minus", "exclude", "b.exclude"),
        # Next entry (also ↓).
        Binding("j", "cursor_down", "b.down", show=False),
        # Previous entry (also ↑).
        Binding("k", "cursor_up", "b.up", show=False),
        # Back to the article.
        Binding("escape", "app.focus_article", "b.back"),
    ]

    def __init__(self, field: FilterField, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.field = field
        """The index field this list filters by: person, place or org."""
        self.names: list[str] = []

    def show_entities(self, entities: Sequence[Entity]) -> None:
        # Most mentioned first; ties alphabetically so the order is stable.
        ordered = sorted(entities, key=lambda e: (-e.count, e.name.casefold()))
        self.names = [e.name for e in ordered]
        self.set_options(
            Option(Content.assemble(literal(e.name), (f"  {e.count}", "$text-muted")))
            for e in ordered
        )
        self.display = bool(ordered)

    def action_exclude(self) -> None:
        name = self.highlighted_name
        if name:
            self.post_message(self.Chosen(self.field, name, exclude=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        name = self.highlighted_name
        if name:
            self.post_message(self.Chosen(self.field, name))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self._post_highlighted()

    def on_focus(self) -> None:
        self._post_highlighted()

    def _post_highlighted(self) -> None:
        name = self.highlighted_name
        if name:
            self.post_message(self.Highlighted(self.field, name))

    @property
    def highlighted_name(self) -> str | None:
        index = self.highlighted
        return self.names[index] if index is not None and index < len(self.names) else None
