"""Messages of the archive views: worker results and what widgets ask for.

Widgets say what the reader wants ("filter by this", "open this dossier"),
never which option was selected; the app (reader/archive_ui.py) reacts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from index import Bucketing, Dossier, Filter, Overview


@dataclass
class OverviewReady(Message):
    """Facets, timeline and places of search number `seq`'s whole hit set."""

    seq: int
    overview: Overview


@dataclass
class DossierLoaded(Message):
    kind: str
    name: str
    dossier: Dossier | None
    push: bool = True
    """False when going back through the history."""


@dataclass
class FilterWanted(Message):
    """Add a chip (a facet row, a bar of the timeline, a map marker)."""

    filter: Filter
    replace_last: bool = False
    """True when the chip widens the previous one (a date range)."""


@dataclass
class DossierWanted(Message):
    kind: str
    name: str
    back: bool = False
    """True when Esc goes back through the dossier history."""


@dataclass
class ArticleWanted(Message):
    """Open this article in the main screen."""

    article_id: str


@dataclass
class BucketingWanted(Message):
    """Count the timeline by week, month or year (None: chosen from the span)."""

    by: Bucketing | None
