"""The result list: title, date and snippet of each hit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.i18n import format_date
from reader.render import highlighted

if TYPE_CHECKING:
    from index import Hit


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(1, chars - 1)].rstrip() + "…"


def _window(
    text: str, spans: list[tuple[int, int]], chars: int
) -> tuple[str, list[tuple[int, int]]]:
    """Cut `text` to `chars`, moving the window so the first marked term stays in it."""
    start = 0
    if spans and spans[0][1] > chars - 1:
        start = max(0, spans[0][0] - chars // 3)
        space = text.find(" ", start, spans[0][0])
        start = space + 1 if space >= 0 else start  # begin at a word
        text, spans = "…" + text[start:], [(s - start + 1, e - start + 1) for s, e in spans]
    return _clip(text, chars), spans


def hit_prompt(hit: Hit, width: int = 40) -> Content:
    """Title (bold), date, and the snippet with matched terms marked; title
    and snippet are cut to about two lines each of a pane `width` wide."""
    chars = int(1.8 * max(10, width))  # word wrapping wastes some of each line
    snippet, spans = _window(hit.snippet.replace("\n", " "), list(hit.spans), chars)
    title = highlighted(_clip(hit.title, chars), (), base="bold")
    date = Content.styled(format_date(hit.date, hit.date_precision), "italic $text-muted")
    body = highlighted(snippet, spans)
    return (
        Content.assemble(title, "\n", date, "\n", body)
        if snippet
        else Content.assemble(title, "\n", date)
    )


class ResultsList(OptionList):
    """The hits of the current search; Enter opens one (posts `ArticleChosen`)."""

    @dataclass
    class ArticleChosen(Message):
        """Open this article."""

        article_id: str

    BINDINGS: ClassVar[list[BindingType]] = [
        # Next result (also ↓).
        Binding("j", "cursor_down", "b.down", show=False),
        # Previous result (also ↑).
        Binding("k", "cursor_up", "b.up", show=False),
        # Open the highlighted article.
        Binding("enter", "select", "b.open"),
        # Back to the query.
        Binding("escape", "app.focus_query", "b.back"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.hit_ids: list[str] = []
        self._hits: Sequence[Hit] = ()
        self._width = 0

    def on_resize(self) -> None:
        # Entries are cut to the pane's width: cut them again when it changes.
        if self.scrollable_content_region.width != self._width and self._hits:
            self.show_hits(self._hits, self.highlighted_id)

    def show_hits(self, hits: Sequence[Hit], keep: str | None = None) -> None:
        """Replace the list; keep the highlight on article `keep` if it is still there."""
        self._hits, self.hit_ids = hits, [hit.id for hit in hits]
        self._width = self.scrollable_content_region.width
        width = (self._width or 40) - 2
        options: list[Option | None] = []
        for hit in hits:
            # A divider line (None) between hits keeps multi-line entries apart.
            options += [Option(hit_prompt(hit, width), id=hit.id), None]
        self.set_options(options[:-1])
        if keep in self.hit_ids:
            self.highlighted = self.hit_ids.index(keep)
        elif self.hit_ids:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ArticleChosen(event.option.id))

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def step(self, delta: int) -> str | None:
        """Move the highlight by `delta` (clamped); returns the new article id."""
        if not self.hit_ids:
            return None
        current = self.highlighted_id
        index = self.hit_ids.index(current) if current in self.hit_ids else -delta
        index = max(0, min(len(self.hit_ids) - 1, index + delta))
        self.highlighted = index
        return self.hit_ids[index]
