"""The help screen: every key binding, grouped by where it applies.

It is built from the widgets' own BINDINGS (plus the few inherited keys they
rely on), so it cannot drift from what the keys really do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.i18n import language, t
from reader.widgets.article_view import ArticleView
from reader.widgets.entity_list import EntityList
from reader.widgets.query_input import QueryInput
from reader.widgets.results_list import ResultsList

_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "Esc",
    "enter": "Enter",
    "up": "↑",
    "down": "↓",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "space": "Space",
    "f1": "F1",
    "left": "←",
    "right": "→",
    "shift+left": "Shift+←",
    "shift+right": "Shift+→",
    "shift+up": "Shift+↑",
    "shift+down": "Shift+↓",
    "minus": "-",
    "plus": "+",
    "equals_sign": "=",
    "exclamation_mark": "!",
}

_LISTS = [
    ("up", "b.up"),
    ("down", "b.down"),
    ("home", "b.first"),
    ("end", "b.last"),
    ("pageup", "b.page_up"),
    ("pagedown", "b.page_down"),
]
_SCROLL = [
    ("up", "b.scroll_up"),
    ("down", "b.scroll_down"),
    ("pageup", "b.page_up"),
    ("pagedown", "b.page_down"),
    ("home", "b.top"),
    ("end", "b.bottom"),
]


def key_label(keys: str) -> str:
    """ "slash,ctrl+f" -> "/  Strg+F" (Ctrl+F in English)."""
    ctrl = "Strg" if language() == "de" else "Ctrl"
    labels = []
    for key in keys.split(","):
        label = _KEY_NAMES.get(key)
        if label is None:
            label = "+".join(p.upper() if len(p) == 1 else p.capitalize() for p in key.split("+"))
            label = label.replace("Ctrl", ctrl)
            label = key if len(key) == 1 else label
        labels.append(label)
    return "  ".join(labels)


def _rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    return [(b.key, b.description) for b in bindings if isinstance(b, Binding)]


def help_sections(app_bindings: Sequence[BindingType]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section heading key, [(keys, description key)]) for the whole app."""
    everywhere = [
        *_rows(app_bindings),
        ("tab", "b.next_pane"),
        ("shift+tab", "b.prev_pane"),
        ("ctrl+p", "b.palette"),
    ]
    return [
        ("help.section.app", everywhere),
        ("help.section.query", _rows(QueryInput.BINDINGS)),
        ("help.section.results", [*_rows(ResultsList.BINDINGS), *_LISTS]),
        ("help.section.article", [*_rows(ArticleView.BINDINGS), *_SCROLL]),
        ("help.section.side", [*_rows(EntityList.BINDINGS), *_LISTS[:2]]),
        *archive_help_sections(),
    ]


def archive_help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    from reader.widgets.archive_screens import ArchiveScreen
    from reader.widgets.dossier_screen import CoList, DossierScreen
    from reader.widgets.facet_panel import FacetPanel
    from reader.widgets.map_view import MapView
    from reader.widgets.timeline_chart import TimelineChart

    close = _rows(ArchiveScreen.BINDINGS)
    map_rows = [r for r in _rows(MapView.BINDINGS) if r[1] != "b.pan"]
    return [
        ("help.section.facets", [*_rows(FacetPanel.BINDINGS), *_LISTS[:2]]),
        ("help.section.timeline", [*_rows(TimelineChart.BINDINGS), *close]),
        ("help.section.map", [*map_rows, ("h,j,k,l", "b.pan"), *close]),
        ("help.section.dossier", [*_rows(CoList.BINDINGS), *_rows(DossierScreen.BINDINGS)]),
    ]


def help_content(app_bindings: Sequence[BindingType]) -> Content:
    lines: list[Content] = []
    for heading, rows in help_sections(app_bindings):
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(t(heading), "bold $accent"))
        # One line per action: "↓  j  Runter" rather than two lines.
        merged: dict[str, list[str]] = {}
        for keys, description in rows:
            merged.setdefault(description, []).append(key_label(keys))
        for description, labels in merged.items():
            keys_text = "  ".join(labels)
            lines.append(Content.assemble((f"  {keys_text:<18}", "bold"), t(description)))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """A scrollable list of all key bindings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Close the help.
        Binding("escape,q,question_mark,f1", "dismiss", "b.back"),
    ]

    def __init__(self, app_bindings: Sequence[BindingType]) -> None:
        super().__init__()
        self._app_bindings = app_bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = t("help.title")
            box.border_subtitle = t("help.close")
            yield Static(help_content(self._app_bindings), id="help-text")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
