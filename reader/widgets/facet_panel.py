"""The facet list: people, places, organisations, sources and years of all hits."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index import FILTER_FIELDS, Filter
from reader.archive_messages import DossierWanted, FilterWanted
from reader.i18n import t
from reader.render import literal

if TYPE_CHECKING:
    from index import Facets

GROUP_FIELD = {
    "people": "person",
    "places": "place",
    "orgs": "org",
    "sources": "source",
    "years": "date",
}
"""The filter field of each group's rows (a year is a date period)."""
DOSSIER_KINDS = ("person", "place", "org")


class FacetPanel(OptionList):
    """Rows "name  count" under group headings; Enter adds a chip."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Keep only articles with this entry (a chip; several chips: AND).
        Binding("enter", "select", "b.chip"),
        # Keep only articles without this entry (a NOT chip).
        Binding("minus,exclamation_mark", "exclude", "b.exclude"),
        # The dossier of this person, place or organisation.
        Binding("d", "dossier", "b.dossier"),
        # Next entry (also ↓).
        Binding("j", "cursor_down", "b.down", show=False),
        # Previous entry (also ↑).
        Binding("k", "cursor_up", "b.up", show=False),
        # Back to the results.
        Binding("escape", "app.focus_results", "b.back"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[tuple[str, str] | None] = []
        """(field, value) per option; None for headings."""
        self.facets: Facets | None = None

    def show_facets(self, facets: Facets | None, per_group: int = 8) -> None:
        """Fill the list, keeping the highlighted row where it can."""
        keep = self.target()
        self.facets = facets
        options: list[Option] = []
        self.rows = []
        if facets is None:
            options.append(
                Option(Content.styled(t("facets.counting"), "$text-muted"), disabled=True)
            )
            self.rows.append(None)
        elif facets.total == 0:
            options.append(Option(Content.styled(t("facets.empty"), "$text-muted"), disabled=True))
            self.rows.append(None)
        else:
            for group, rows in facets.groups():
                if not rows:
                    continue
                options.append(
                    Option(Content.styled(t(f"facets.{group}"), "bold $accent"), disabled=True)
                )
                self.rows.append(None)
                for r in rows[:per_group]:
                    options.append(
                        Option(Content.assemble(literal(r.name), (f"  {r.count}", "$text-muted")))
                    )
                    self.rows.append((GROUP_FIELD[group], r.name))
        self.set_options(options)
        if keep in self.rows:
            self.highlighted = self.rows.index(keep)
        elif self.has_focus:
            self._first_row()

    def _first_row(self) -> None:
        for i, row in enumerate(self.rows):
            if row is not None:
                self.highlighted = i
                return

    def on_focus(self) -> None:
        if self.highlighted is None or self.target() is None:
            self._first_row()

    def target(self) -> tuple[str, str] | None:
        """(field, value) of the highlighted row."""
        i = self.highlighted
        return self.rows[i] if i is not None and i < len(self.rows) else None

    def dossier_target(self) -> tuple[str, str] | None:
        row = self.target()
        return row if row and row[0] in DOSSIER_KINDS else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._chip(exclude=False)

    def action_exclude(self) -> None:
        self._chip(exclude=True)

    def _chip(self, exclude: bool) -> None:
        row = self.target()
        if row is None:
            return
        if row[0] not in FILTER_FIELDS:
            self.notify(t("facets.no_filter"), timeout=3)
            return
        self.post_message(FilterWanted(Filter(row[0], row[1], exclude)))  # type: ignore[arg-type]

    def action_dossier(self) -> None:
        row = self.dossier_target()
        if row is not None:
            self.post_message(DossierWanted(*row))
