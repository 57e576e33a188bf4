"""How the benchmark finds and drives the reader's App (reader/app.py).

Kept apart from probes.py because it follows the TUI's structure: when the
app's constructor or its results widget changes, only this file changes.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from types import ModuleType
from typing import Any


def make_app(module: ModuleType, articles: Path) -> Any:
    """An instance of the reader's App for `articles`."""
    from textual.app import App

    factory = getattr(module, "make_app", None)
    if callable(factory):
        return factory(articles)
    classes = [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, App)
        and obj is not App
        and obj.__module__ == module.__name__
    ]
    if not classes:
        raise RuntimeError("reader.app defines no App subclass")
    cls = classes[0]
    for kwargs in ({"articles_dir": articles}, {"articles": articles}):
        try:
            return cls(**kwargs)
        except TypeError:
            continue
    return cls(articles)


def results_shown(app: Any) -> bool:
    """True once a results list on the current screen has at least one row."""
    from textual.widgets import DataTable, ListView, OptionList

    try:
        widgets = list(app.screen.query("*"))
    except Exception:
        return False
    for widget in widgets:
        if isinstance(widget, OptionList) and widget.option_count > 0:
            return True
        if isinstance(widget, ListView) and len(widget.children) > 0:
            return True
        if isinstance(widget, DataTable) and widget.row_count > 0:
            return True
    return False
