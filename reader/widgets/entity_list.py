"""One list of the side panel: places, people or organisations of an article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.render import literal

if TYPE_CHECKING:
    from index.records import Entity


class EntityList(OptionList):
    """Entities with their mention counts; Enter filters the search by one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Narrow the search to articles that name this entry.
        Binding("enter", "select", "b.filter"),
        # Next entry (also ↓).
        Binding("j", "cursor_down", "b.down", show=False),
        # Previous entry (also ↑).
        Binding("k", "cursor_up", "b.up", show=False),
        # Back to the article.
        Binding("escape", "app.focus_article", "b.back"),
    ]

    def __init__(self, field: str, **kwargs: object) -> None:
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

    @property
    def highlighted_name(self) -> str | None:
        index = self.highlighted
        return self.names[index] if index is not None and index < len(self.names) else None
