"""The dossier of a person, place or organisation over the whole archive.

Enter on a co-occurring entity opens its dossier; Esc goes back through the
dossiers seen (a small history, as frogmouth's viewer keeps one), and out.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.archive_messages import ArticleWanted, DossierWanted
from reader.i18n import format_date, t
from reader.render import literal
from reader.widgets.archive_screens import ArchiveScreen
from reader.widgets.timeline_chart import TimelineChart

if TYPE_CHECKING:
    from index import Dossier, FacetRow

HISTORY = 50


class History:
    """Dossiers seen, newest last; capped."""

    def __init__(self, size: int = HISTORY) -> None:
        self._items: deque[tuple[str, str]] = deque(maxlen=size)

    def push(self, item: tuple[str, str]) -> None:
        if not self._items or self._items[-1] != item:
            self._items.append(item)

    def back(self) -> tuple[str, str] | None:
        """Drop the current entry; the one before it, or None at the start."""
        if len(self._items) <= 1:
            return None
        self._items.pop()
        return self._items[-1]

    def __len__(self) -> int:
        return len(self._items)


class CoList(OptionList):
    """Entities that appear with the dossier's one; Enter opens theirs."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Open this entry's dossier.
        Binding("enter", "select", "b.dossier"),
    ]

    def __init__(self, kind: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.kind = kind
        self.names: list[str] = []

    def show(self, rows: tuple[FacetRow, ...]) -> None:
        self.names = [r.name for r in rows]
        self.set_options(
            Option(Content.assemble(literal(r.name), (f"  {r.count}", "$text-muted"))) for r in rows
        )
        self.highlighted = 0 if rows else None  # Enter acts at once, from the first row

    def dossier_target(self) -> tuple[str, str] | None:
        i = self.highlighted
        return (self.kind, self.names[i]) if i is not None and i < len(self.names) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.dossier_target()
        if target:
            self.post_message(DossierWanted(*target))


class ArticleRefs(OptionList):
    """The dossier's articles, newest first; Enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Open this article.
        Binding("enter", "select", "b.open"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.ids: list[str] = []

    def show(self, dossier: Dossier) -> None:
        self.ids = [a.id for a in dossier.articles]
        self.set_options(
            Option(
                Content.assemble(
                    (f"{format_date(a.date, _precision(a.date))}  ", "$text-muted"),
                    literal(a.title),
                )
            )
            for a in dossier.articles
        )
        self.highlighted = 0 if dossier.articles else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.ids):
            self.post_message(ArticleWanted(self.ids[event.option_index]))


def _precision(date: str | None) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(date or ""), "unknown")


class DossierScreen(ArchiveScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Back to the previous dossier, or out.
        Binding("escape", "back", "b.back"),
        # Out of the dossiers.
        Binding("q", "app.pop_screen", "b.close"),
    ]

    AUTO_FOCUS = "#co-person"

    def __init__(self) -> None:
        super().__init__(None, ())
        self.history = History()
        self.dossier: Dossier | None = None

    def title_line(self) -> Content:
        d = self.dossier
        if d is None:
            return Content.styled(t("dossier.loading"), "$text-muted")
        return Content.styled(t("dossier.title", name=literal(d.name)), "bold")

    def compose(self) -> ComposeResult:
        yield Static(classes="screen-title")
        yield Static(id="dossier-summary")
        chart = TimelineChart(id="dossier-timeline")
        chart.follows_keys = False  # a dossier counts the whole archive, by its span
        yield chart
        with Horizontal(id="dossier-body"):
            for kind, key in (("person", "people"), ("place", "places"), ("org", "orgs")):
                with Vertical(classes="dossier-col"):
                    yield Static(Content.styled(t(f"dossier.{key}"), "bold $accent"))
                    yield CoList(kind, id=f"co-{kind}")
            with Vertical(classes="dossier-articles"):
                yield Static(Content.styled(t("dossier.articles"), "bold $accent"))
                yield ArticleRefs(id="dossier-refs")
        yield Footer(compact=True)

    def show_dossier(self, kind: str, name: str, dossier: Dossier | None, push: bool) -> None:
        if push:
            self.history.push((kind, name))
        self.dossier = dossier
        if self.is_mounted:
            self.fill()

    def fill(self) -> None:
        self.query_one(".screen-title", Static).update(self.title_line())
        d = self.dossier
        summary = self.query_one("#dossier-summary", Static)
        if d is None:
            summary.update(Content(""))
            return
        summary.update(
            Content(
                t(
                    "dossier.summary",
                    kind=t(f"dossier.kind.{d.kind}"),
                    n=d.count,
                    first=format_date(d.first, _precision(d.first)) if d.first else "?",
                    last=format_date(d.last, _precision(d.last)) if d.last else "?",
                )
            )
        )
        self.query_one(TimelineChart).show_timeline(d.timeline)
        self.query_one("#co-person", CoList).show(d.people)
        self.query_one("#co-place", CoList).show(d.places)
        self.query_one("#co-org", CoList).show(d.orgs)
        self.query_one(ArticleRefs).show(d)

    def show_missing(self, name: str) -> None:
        self.query_one("#dossier-summary", Static).update(
            Content.styled(t("dossier.none", name=name), "$text-warning")
        )

    def action_back(self) -> None:
        previous = self.history.back()
        if previous is None:
            self.app.pop_screen()
        else:
            self.post_message(DossierWanted(*previous, back=True))
