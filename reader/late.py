"""Results of background work that arrive while the app is closing.

A worker's message can be handled after the App has begun to shut down and its
screen has already let go of the panes (a reloaded article, a finished
search). Such a result has nowhere to go; it must not end the session with a
traceback. A pane missing while the panes are there is still a bug, and is
raised as such.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from textual.css.query import NoMatches

from reader.widgets.article_view import ArticleView

H = TypeVar("H", bound=Callable[..., Any])


def panes_gone(app: Any) -> bool:
    """Whether the main screen no longer holds its panes (the app is closing)."""
    screen = getattr(app, "main_screen", None)
    return screen is None or not screen.query(ArticleView)


def dropped_when_closing(handler: H) -> H:
    """Wrap a handler of a worker's message: if it finds no pane because the app is
    closing, the message is dropped."""

    @functools.wraps(handler)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return handler(self, *args, **kwargs)
        except NoMatches:
            if panes_gone(self):
                return None
            raise

    return wrapper  # type: ignore[return-value]
