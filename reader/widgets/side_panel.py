"""The right pane: date, places, people and organisations of the open article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reader.i18n import format_date, t
from reader.widgets.entity_list import EntityList
from reader.widgets.facet_panel import FacetPanel

if TYPE_CHECKING:
    from index import Article, Facets, FilterField

SECTIONS: tuple[tuple[FilterField, str, str], ...] = (
    ("place", "meta.places", "places"),
    ("person", "meta.people", "people"),
    ("org", "meta.orgs", "orgs"),
)
"""(index field, heading text key, Metadata attribute), in the order shown."""


class SidePanel(VerticalScroll, can_focus=False):
    """Metadata of the open article; its lists narrow the search. With no
    article open (or on a key) the facets of all hits instead."""

    article: Article | None = None
    facets_mode = True

    def compose(self) -> ComposeResult:
        yield Static(Content(t("facets.title", n=0)), id="facets-title", classes="heading")
        yield FacetPanel(id="facets")
        yield Static(Content(t("meta.date")), classes="heading")
        yield Static(Content(t("meta.none")), id="meta-date", classes="value")
        for field, heading, attr in SECTIONS:
            yield Static(Content(t(heading)), classes="heading")
            yield Static(Content(t("meta.none")), id=f"none-{attr}", classes="value")
            yield EntityList(field, id=f"list-{attr}", classes="entities")
        yield Static(id="entity-info")

    def on_mount(self) -> None:
        self.set_facets_mode(self.article is None)

    @property
    def facet_panel(self) -> FacetPanel:
        return self.query_one(FacetPanel)

    def show_facets(self, facets: Facets | None) -> None:
        self.query_one("#facets-title", Static).update(
            Content(t("facets.title", n=facets.total if facets else 0))
        )
        self.facet_panel.show_facets(facets)

    def set_facets_mode(self, on: bool) -> None:
        """Facets (on) or the open article's metadata (off)."""
        self.facets_mode = on
        for child in self.children:
            is_facets = child.id in ("facets", "facets-title")
            if child.id in ("entity-info",) or (child.id or "").startswith(("none-", "list-")):
                continue
            child.display = is_facets == on
        for _field, _heading, attr in SECTIONS:
            entities = self.query_one(f"#list-{attr}", EntityList)
            none = self.query_one(f"#none-{attr}", Static)
            entities.display = not on and bool(entities.names)
            none.display = not on and not entities.names
        if on:
            self.query_one("#entity-info", Static).display = False

    def show_article(self, article: Article | None) -> None:
        self.article = article
        meta = article.meta if article else None
        date = format_date(meta.date, meta.date_precision) if meta else t("meta.none")
        self.query_one("#meta-date", Static).update(Content(date))
        for _field, _heading, attr in SECTIONS:
            entities = getattr(meta, attr) if meta else ()
            self.query_one(f"#list-{attr}", EntityList).show_entities(entities)
            self.query_one(f"#none-{attr}", Static).display = not entities
        self.show_count(None, 0)
        self.set_facets_mode(article is None)

    def show_count(self, name: str | None, count: int) -> None:
        """How many articles mention the highlighted entry."""
        info = self.query_one("#entity-info", Static)
        info.update(Content(t("meta.entity_count", name=name, n=count)) if name else "")
        info.display = bool(name)

    def entity_list(self, attr: str) -> EntityList:
        return self.query_one(f"#list-{attr}", EntityList)
