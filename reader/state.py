"""What the reader remembers between launches: last query, open article, theme.

The file is written atomically (temp file + rename) so a crash never leaves
half a file. A file that cannot be parsed is renamed aside and reported; it
never stops the app from starting.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from index import Filter, write_atomic


@dataclass
class UserState:
    query: str = ""
    """The text in the query input (without the filter)."""
    filters: list[dict[str, Any]] = field(default_factory=list)
    """The active filters (chips), as `{"field", "value", "exclude"}` objects."""
    article_id: str | None = None
    """The article that was open."""
    theme: str | None = None
    sort: str = "relevance"
    side_panel: bool | None = None
    """Explicit side panel choice; None follows the terminal width."""
    results_query: str | None = None
    """The full query that `results` answered."""
    results_total: int = 0
    results: list[dict[str, Any]] = field(default_factory=list)
    """The first hits shown when the app quit: painted at once on the next
    start (before the index has even been opened), then replaced by a live search."""


def load_state(path: Path) -> tuple[UserState, Path | None]:
    """Read the state file. Returns the state and, when the file was corrupt,
    where it was moved to (the caller tells the user)."""
    try:
        raw = path.read_bytes()
    except OSError:  # missing, a folder, unreadable: start fresh
        return UserState(), None
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return _from_dict(data), None
    except (ValueError, TypeError):
        aside = path.with_name(path.name + ".corrupt")
        try:
            os.replace(path, aside)
        except OSError:
            aside = path
        return UserState(), aside


def _from_dict(data: dict[str, Any]) -> UserState:
    state = UserState()
    for f in fields(UserState):
        default = getattr(state, f.name)
        value = data.get(f.name, default)
        # Only keep values of the expected shape; a hand-edited file may hold anything.
        if f.name == "side_panel":
            ok = value is None or isinstance(value, bool)
        elif default is None:
            ok = value is None or isinstance(value, str)
        else:
            ok = isinstance(value, type(default))
        if ok:
            setattr(state, f.name, value)
    if state.sort not in ("relevance", "date"):
        state.sort = "relevance"
    state.filters = [asdict(f) for f in filters_of(state)]
    return state


def filters_of(state: UserState) -> tuple[Filter, ...]:
    """The state's filters as records; entries of the wrong shape are dropped."""
    found: list[Filter] = []
    for item in state.filters:
        try:
            flt = Filter(item["field"], str(item["value"]), bool(item.get("exclude", False)))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        if flt not in found:
            found.append(flt)
    return tuple(found)


def save_state(path: Path, state: UserState) -> None:
    """Write atomically; raises OSError when the folder is not writable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(asdict(state), ensure_ascii=False, indent=1), mode=0o600)
