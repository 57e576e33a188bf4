"""A first start: titles from the files at once, readable, then real results."""

from __future__ import annotations

import threading

from conftest import settle

from reader import workers
from reader.widgets.article_view import ArticleView
from reader.widgets.results_list import ResultsList


async def test_titles_show_and_open_before_the_index_is_ready(
    make_app, bundled_dir, monkeypatch
) -> None:
    release = threading.Event()
    open_library = workers.open_library

    def slow_open(articles_dir, index_dir):
        release.wait(30)  # the index is not ready until the test says so
        return open_library(articles_dir, index_dir)

    monkeypatch.setattr(workers, "open_library", slow_open)
    app = make_app(articles=bundled_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        results = app.main_screen.query_one(ResultsList)
        for _ in range(200):
            if results.hit_ids:
                break
            await pilot.pause(0.02)
        expected = sorted(p.stem for p in bundled_dir.glob("*.txt"))
        assert sorted(results.hit_ids) == expected
        assert not app.index_ready

        app.open_article(results.hit_ids[0], focus=False)
        view = app.main_screen.query_one(ArticleView)
        for _ in range(300):
            if view.article is not None:
                break
            await pilot.pause(0.02)
        assert view.article is not None and view.article.id == results.hit_ids[0]

        release.set()
        await settle(pilot)
        assert app.index_ready
        assert sorted(results.hit_ids) == expected
        assert app.result is not None and app.result.total == len(expected)
