"""TUI first paint: start the reader headless, print PAINTED when results show.

    python -m bench.tui_probe ARTICLES_DIR

The parent times process start → PAINTED. This module imports nothing but
Textual and the reader, so the figure is the app's own start-up. It follows
the TUI's structure (App constructor, results widget): when those change,
only this file changes.
"""

from __future__ import annotations

import inspect
import sys
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
    params = inspect.signature(cls).parameters
    kwargs: dict[str, Any] = {}
    if "state_path" in params:
        # As run_app does; DIPLO_STATE_DIR points into the benchmark's work folder.
        from index.paths import state_file

        kwargs["state_path"] = state_file()
    return cls(articles, **kwargs)  # type: ignore[arg-type]  # the subclass takes the folder


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


def run(articles: Path, timeout: float = 30.0) -> int:
    """Start the app headless; print PAINTED once results are on screen."""
    import time

    from reader import app as app_module  # ImportError while the TUI is missing

    app = make_app(app_module, articles)
    deadline = time.monotonic() + timeout
    done = False

    def painted() -> None:
        print("PAINTED", flush=True)
        app.exit()

    def check() -> None:
        nonlocal done
        if done:
            return
        if results_shown(app):
            done = True
            app.call_after_refresh(painted)  # after the frame that shows them
        elif time.monotonic() > deadline:
            done = True
            print("TIMEOUT", flush=True)
            app.exit()

    app.call_after_refresh(lambda: app.set_interval(0.005, check))
    app.run(headless=True)
    return 0


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1])))
