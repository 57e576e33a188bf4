"""Start-up, searching, opening an article and the Esc chain, with the Pilot."""

from __future__ import annotations

import json

import pytest
from conftest import GOLD_QUERIES, settle

from reader.widgets.article_view import ArticleView
from reader.widgets.results_list import ResultsList


def result_ids(app) -> list[str]:
    return list(app.main_screen.query_one(ResultsList).hit_ids)


async def type_query(pilot, text: str) -> None:
    await pilot.press("ctrl+f", "ctrl+u", *list(text))
    await settle(pilot)


async def test_empty_query_lists_all_newest_first(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ids = result_ids(app)
        assert len(ids) == 5
        assert app.focused is app.main_screen.query_one("#query")


async def test_genf_finds_only_article_004(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Genf")
        assert [i[:3] for i in result_ids(app)] == ["004"]
        assert result_ids(app) == ["004_a000adb927357f90"]


def _gold_cases() -> list:
    # Every case is required: search and metadata extraction have both landed.
    cases = json.loads(GOLD_QUERIES.read_text(encoding="utf-8"))["cases"]
    return [pytest.param(case["q"], case["expect"], id=case["q"]) for case in cases]


@pytest.mark.parametrize(("query", "expect"), _gold_cases())
async def test_gold_queries_in_the_results_list(make_app, query: str, expect: list[str]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main_screen.query_one("#query").value = query
        await settle(pilot)
        assert sorted(i[:3] for i in result_ids(app)) == sorted(expect)


async def test_enter_moves_to_results_and_opens_article(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Genf")
        await pilot.press("enter")
        assert isinstance(app.focused, ResultsList)
        await pilot.press("enter")
        await settle(pilot)
        view = app.main_screen.query_one(ArticleView)
        assert app.focused is view
        assert view.article is not None and view.article.id.startswith("004")
        assert view.hit_count >= 2  # "Genf" is marked in the text


async def test_escape_chain(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Genf")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.focused, ArticleView)
        await pilot.press("escape")
        assert isinstance(app.focused, ResultsList)
        await pilot.press("escape")
        assert app.focused.id == "query"
        await pilot.press("escape")
        await settle(pilot)
        assert app.main_screen.query_one("#query").value == ""
        assert len(result_ids(app)) == 5
