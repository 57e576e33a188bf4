"""The centre pane: one article, rendered block by block, with marked matches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.widgets import Static

from reader.i18n import format_date, t
from reader.markdown import Block, parse_blocks
from reader.messages import HitMoved
from reader.render import CURRENT_HIGHLIGHT, HIGHLIGHT, find_spans, literal

if TYPE_CHECKING:
    from index import Article


class ArticleBlock(Static):
    """One heading or paragraph; re-rendered when the current match moves."""

    def __init__(self, block: Block, hits: list[tuple[int, int]]) -> None:
        super().__init__(classes=f"block -{block.kind} -h{block.level}")
        self.block, self.hits = block, hits
        self.paint(None)

    def paint(self, current: int | None) -> None:
        """Show the block, with hit number `current` (index into self.hits) set apart."""
        text = literal(self.block.text)
        spans = [Span(s, e, style) for s, e, style in self.block.styles]
        for i, (s, e) in enumerate(self.hits):
            spans.append(Span(s, e, CURRENT_HIGHLIGHT if i == current else HIGHLIGHT))
        prefix = "• " if self.block.kind == "item" else ""
        content = Content(text, spans, strip_control_codes=False)
        self.update(Content.assemble(prefix, content) if prefix else content)


class ArticleView(VerticalScroll, can_focus=True):
    """Scrollable article text; `n`/`N` step through the marked matches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Scroll to the next marked match.
        Binding("n", "next_hit", "b.next_hit"),
        # Scroll to the previous marked match.
        Binding("N", "previous_hit", "b.prev_hit", show=False),
        # Open the next result without leaving the article.
        Binding("right_square_bracket", "app.step_result(1)", "b.next_result"),
        # Open the previous result without leaving the article.
        Binding("left_square_bracket", "app.step_result(-1)", "b.prev_result", show=False),
        # Scroll down a line (also ↓).
        Binding("j", "scroll_down", "b.scroll_down", show=False),
        # Scroll up a line (also ↑).
        Binding("k", "scroll_up", "b.scroll_up", show=False),
        # Scroll down a page (also PgDn).
        Binding("space", "page_down", "b.page_down", show=False),
        # Scroll up a page (also PgUp).
        Binding("b", "page_up", "b.page_up", show=False),
        # Go to the top (also Home).
        Binding("g", "scroll_home", "b.top", show=False),
        # Go to the end (also End).
        Binding("G", "scroll_end", "b.bottom", show=False),
        # Back to the results.
        Binding("escape", "app.focus_results", "b.back"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: Article | None = None
        self.terms: tuple[str, ...] = ()
        self._hits: list[tuple[ArticleBlock, int]] = []
        self._current: int | None = None

    def on_mount(self) -> None:
        self.show_placeholder(t("article.none"))

    def show_placeholder(self, text: str) -> None:
        self.article, self._hits, self._current = None, [], None
        self.remove_children()
        self.mount(Static(Content(text), classes="placeholder"))

    def show_article(self, article: Article, terms: Sequence[str]) -> None:
        """Render `article`, marking `terms` (the current query's folded terms)."""
        same = self.article is not None and self.article.id == article.id
        self.article, self.terms = article, tuple(terms)
        self._hits, self._current = [], None
        meta = article.meta
        parts = [format_date(meta.date, meta.date_precision)]
        parts += [v for v in (meta.source, meta.author) if v]
        title = Block("title", article.title)
        widgets: list[Static] = [ArticleBlock(title, find_spans(article.title, terms))]
        widgets.append(Static(Content(literal(" · ".join(parts))), classes="meta-line"))
        for block in parse_blocks(article.body):
            widgets.append(ArticleBlock(block, find_spans(block.text, terms)))
        for widget in widgets:
            if isinstance(widget, ArticleBlock):
                self._hits += [(widget, i) for i in range(len(widget.hits))]
        self.remove_children()
        self.mount_all(widgets)
        if not same:
            self.scroll_home(animate=False)

    @property
    def hit_count(self) -> int:
        return len(self._hits)

    @property
    def current_hit(self) -> int | None:
        return self._current

    def _go_to_hit(self, index: int) -> None:
        if not self._hits:
            self.post_message(HitMoved(-1, 0))
            return
        if self._current is not None:
            self._hits[self._current][0].paint(None)
        self._current = index % len(self._hits)
        block, i = self._hits[self._current]
        block.paint(i)
        # Scroll so the match's line (estimated from its offset) is in view.
        start = block.hits[i][0]
        width = max(1, block.content_region.width or self.size.width)
        line = block.virtual_region.y + start // width
        self.scroll_to(y=max(0, line - self.size.height // 3), animate=False)
        self.post_message(HitMoved(self._current, len(self._hits)))

    def action_next_hit(self) -> None:
        self._go_to_hit(0 if self._current is None else self._current + 1)

    def action_previous_hit(self) -> None:
        self._go_to_hit(-1 if self._current is None else self._current - 1)
