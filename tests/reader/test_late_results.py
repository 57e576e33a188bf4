"""A worker's result that arrives while the app closes is dropped, not raised
(reader/late.py); a pane missing while the panes are there still raises."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import settle
from textual.css.query import NoMatches

from reader import messages as m
from reader.widgets.side_panel import SidePanel


async def test_an_article_that_arrives_after_the_panes_are_gone_is_dropped(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        hit = app.result.hits[0]
        await app.main_screen.query_one("#panes").remove()  # as when the app closes
        app.on_article_loaded(m.ArticleLoaded(hit.id, None))
        app.on_entity_counted(m.EntityCounted("person", "X", 1))


async def test_a_missing_pane_is_still_a_bug_while_the_panes_are_there(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.main_screen.query_one(SidePanel).remove()
        with pytest.raises(NoMatches):
            app.on_article_loaded(m.ArticleLoaded(app.result.hits[0].id, None))
