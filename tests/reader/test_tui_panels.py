"""Side panel, filters, article navigation and pane cycling, over a fake library
whose articles carry exactly known people, places and dates."""

from __future__ import annotations

from conftest import settle
from reader_fakes import FakeLibrary

from index.records import Filter
from reader.widgets.article_view import ArticleView
from reader.widgets.entity_list import EntityList
from reader.widgets.results_list import ResultsList
from reader.widgets.side_panel import SidePanel


def ids(app) -> list[str]:
    return list(app.main_screen.query_one(ResultsList).hit_ids)


def text_of(app, selector: str) -> str:
    return str(app.main_screen.query_one(selector).render())


async def open_first(pilot, query: str) -> None:
    await pilot.press("ctrl+f", *list(query))
    await settle(pilot)
    await pilot.press("enter", "enter")
    await settle(pilot)


async def test_side_panel_lists_date_places_people_with_counts(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await open_first(pilot, "Kamikawa")
        panel = app.main_screen.query_one(SidePanel)
        assert panel.display
        assert text_of(app, "#meta-date") == "5. November 2023"
        places = panel.entity_list("places")
        people = panel.entity_list("people")
        assert places.names == ["Tokio", "Peking"]
        assert people.names == ["Antony Blinken", "Yoko Kamikawa"]
        assert "4" in str(places.get_option_at_index(0).prompt)
        assert panel.entity_list("orgs").names == ["Nato"]


async def test_date_precision_month_and_unknown(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await open_first(pilot, "Lawrow")
        assert text_of(app, "#meta-date") == "Januar 2025"
        await open_first(pilot, "Absatz")
        assert text_of(app, "#meta-date") == "unbekannt"


async def test_o_jumps_to_places_and_enter_filters(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await open_first(pilot, "Kamikawa")
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.focused, EntityList) and app.focused.field == "place"
        assert "Tokio: in 1 Artikel" in text_of(app, "#entity-info")
        await pilot.press("enter")
        await settle(pilot)
        assert app.filters == (Filter("place", "Tokio"),)
        assert "place:Tokio" in text_of(app, "#filter-chip")
        # The text and the filters reach the library as data, not as query syntax.
        assert fake_library.searches[-1] == "Kamikawa"
        assert fake_library.filter_log[-1] == (Filter("place", "Tokio"),)
        assert isinstance(app.focused, ResultsList)
        await pilot.press("x")
        await settle(pilot)
        assert app.filters == ()
        assert fake_library.filter_log[-1] == ()
        assert not app.main_screen.query_one("#filter-chip").display


async def test_p_jumps_to_people(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await open_first(pilot, "Lawrow")
        await pilot.press("p")
        assert isinstance(app.focused, EntityList) and app.focused.field == "person"
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.filters == (Filter("person", "Antony Blinken"),)
        await pilot.press("escape")  # results -> query
        await pilot.press("ctrl+u", "escape")  # empty query: Esc removes the filters
        await settle(pilot)
        assert app.filters == ()


async def test_filters_add_up_exclude_and_go_one_by_one_or_all(make_app, fake_library) -> None:
    """Two chips narrow with AND; '-' excludes; x drops the newest chip, X all."""
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await open_first(pilot, "Lawrow")  # a2: Lawrow and Blinken, in Genf
        await pilot.press("p")
        await pilot.press("enter")  # Sergej Lawrow (2 mentions) is first
        await settle(pilot)
        await pilot.press("escape", "ctrl+u")
        await settle(pilot)
        assert [h.id for h in app.result.hits] == ["a2"]
        await open_first(pilot, "")
        await pilot.press("o")
        await pilot.press("enter")  # Genf
        await settle(pilot)
        assert app.filters == (Filter("person", "Sergej Lawrow"), Filter("place", "Genf"))
        assert [h.id for h in app.result.hits] == ["a2"]
        await pilot.press("x")
        await settle(pilot)
        assert app.filters == (Filter("person", "Sergej Lawrow"),)
        await pilot.press("X")
        await settle(pilot)
        assert app.filters == ()
        assert sorted(h.id for h in app.result.hits) == ["a1", "a2", "a3"]
        # Exclude: every article that does not name Tokio.
        await open_first(pilot, "Kamikawa")
        await pilot.press("o", "minus")
        await settle(pilot)
        assert app.filters == (Filter("place", "Tokio", exclude=True),)
        assert "−place:Tokio" in text_of(app, "#filter-chip")
        await pilot.press("escape", "ctrl+u")
        await settle(pilot)
        assert sorted(h.id for h in app.result.hits) == ["a2", "a3"]


async def test_brackets_step_through_results_and_n_marks_hits(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await open_first(pilot, "Blinken")
        view = app.main_screen.query_one(ArticleView)
        assert ids(app) == ["a2", "a1"]
        assert view.article.id == "a2"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert view.article.id == "a1" and app.focused is view
        assert view.hit_count == 2
        await pilot.press("n")
        assert view.current_hit == 0
        await pilot.press("n")
        assert view.current_hit == 1
        await pilot.press("N")
        assert view.current_hit == 0
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert view.article.id == "a2"


async def test_tab_cycles_panes(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await open_first(pilot, "Kamikawa")
        await pilot.press("ctrl+f")
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(type(app.focused).__name__)
        assert seen[:3] == ["ResultsList", "ArticleView", "EntityList"]
        await pilot.press("shift+tab")
        assert type(app.focused).__name__ in ("EntityList", "ArticleView")


async def test_side_panel_hidden_when_narrow_and_toggles(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.main_screen.query_one(SidePanel)
        assert not panel.display
        await open_first(pilot, "Kamikawa")
        await pilot.press("i")
        await pilot.pause()
        assert panel.display
        await pilot.press("i")
        await pilot.pause()
        assert not panel.display
        await pilot.press("o")  # jumping into a list shows the panel
        await pilot.pause()
        assert panel.display and isinstance(app.focused, EntityList)


async def test_q_quits_but_types_in_the_query(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q", "p", "o", "x")
        assert app.main_screen.query_one("#query").value == "qpox"
        assert app.is_running
        await pilot.press("down")
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_results_keys(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        results = app.main_screen.query_one(ResultsList)
        await pilot.press("down")
        assert app.focused is results and results.highlighted == 0
        await pilot.press("j")
        assert results.highlighted == 1
        await pilot.press("k")
        assert results.highlighted == 0
        await pilot.press("end")
        assert results.highlighted == 2
        await pilot.press("home")
        assert results.highlighted == 0
        await pilot.press("pagedown")
        assert results.highlighted == 2
        await pilot.press("pageup")
        assert results.highlighted == 0


async def test_article_scroll_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        view = app.main_screen.query_one(ArticleView)
        assert app.focused is view
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert view.scroll_y == 2
        await pilot.press("end")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y


async def test_stale_results_never_replace_newer_ones() -> None:
    """A slow first query finishing after a fast second one is ignored."""
    import asyncio
    import tempfile
    from pathlib import Path

    from reader.app import DiploReader

    library = FakeLibrary(delays={"G": 0.6})
    with tempfile.TemporaryDirectory() as tmp:
        app = DiploReader(library=library, state_path=Path(tmp) / "s.json", search_delay=0.001)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("G")
            await pilot.pause(0.1)  # the slow "G" search is running
            await pilot.press("e", "n", "f")
            await asyncio.sleep(1.0)
            await settle(pilot)
            assert app.result.query == "Genf"
            assert ids(app) == ["a2"]


async def test_ctrl_q_quits_even_while_typing(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.focused.id == "query"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_s_toggles_sort_and_count_line_says_so(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"Blinken", "down", "s")
        await settle(pilot)
        assert app.user_state.sort == "date"
        assert "Datum" in text_of(app, "#hit-count")
        await pilot.press("s")
        await settle(pilot)
        assert app.user_state.sort == "relevance"
