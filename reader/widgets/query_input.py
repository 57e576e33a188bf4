"""The query input."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class QueryInput(Input):
    """Where the user types; searching as they type is the app's job."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Move to the results. Enter is bound here too (not left to Input's
        # Submitted message) so a quick Enter, Enter opens the first hit.
        Binding("down,enter", "app.focus_results", "b.to_results", show=False),
        # Clear the query; on an empty query, remove the filter.
        Binding("escape", "app.clear_query", "b.clear_query"),
    ]
