"""Facets, chips, timeline, map and dossier in the TUI: every key, over the
fake library (known people, places, dates; counted by index.archive)."""

from __future__ import annotations

from conftest import settle
from reader_fakes import FakeLibrary

from index.records import Filter
from reader.archive_messages import OverviewReady
from reader.widgets.archive_screens import MapScreen, TimelineScreen
from reader.widgets.dossier_screen import DossierScreen
from reader.widgets.facet_panel import FacetPanel
from reader.widgets.map_view import MapView
from reader.widgets.results_list import ResultsList
from reader.widgets.side_panel import SidePanel
from reader.widgets.timeline_chart import TimelineChart
from reader.widgets.timeline_periods import chip_marks


def ids(app) -> list[str]:
    return list(app.main_screen.query_one(ResultsList).hit_ids)


async def to_results(pilot) -> None:
    await settle(pilot)
    await pilot.press("down")  # from the query to the results: letter keys act
    await settle(pilot)


async def facet_row(pilot, field: str, value: str) -> None:
    """Focus the facets and highlight one row."""
    panel = pilot.app.main_screen.query_one(FacetPanel)
    panel.focus()
    panel.highlighted = panel.rows.index((field, value))
    await pilot.pause()


async def test_facets_show_with_no_article_and_count_all_hits(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        side = app.main_screen.query_one(SidePanel)
        panel = side.facet_panel
        assert side.facets_mode and panel.display
        assert ("person", "Antony Blinken") in panel.rows
        blinken = panel.rows.index(("person", "Antony Blinken"))
        assert str(panel.get_option_at_index(blinken).prompt).endswith("2")


async def test_enter_adds_chip_minus_excludes_x_and_shift_x_remove(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        await facet_row(pilot, "place", "Genf")
        await pilot.press("enter")
        await settle(pilot)
        assert app.filters == (Filter("place", "Genf"),)
        assert ids(app) == ["a2"]
        assert app.overview is not None and app.overview.facets.total == 1
        await facet_row(pilot, "person", "Antony Blinken")
        await pilot.press("minus")
        await settle(pilot)
        assert app.filters[-1] == Filter("person", "Antony Blinken", exclude=True)
        assert ids(app) == []
        await pilot.press("x")  # the last chip
        await settle(pilot)
        assert app.filters == (Filter("place", "Genf"),) and ids(app) == ["a2"]
        await pilot.press("X")  # all of them
        await settle(pilot)
        assert app.filters == () and len(ids(app)) == 3


async def test_source_rows_add_source_chips_and_not_chips(make_app) -> None:
    """Enter on a source row keeps that source's articles, minus leaves them
    out; the counts follow the chips."""
    from dataclasses import replace

    from reader_fakes import ARTICLES

    other = replace(ARTICLES[1], meta=replace(ARTICLES[1].meta, source="Andere Zeitung"))
    app = make_app(library=FakeLibrary([ARTICLES[0], other, ARTICLES[2]]))
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        panel = app.main_screen.query_one(FacetPanel)
        assert ("source", "Andere Zeitung") in panel.rows
        await facet_row(pilot, "source", "Andere Zeitung")
        await pilot.press("enter")
        await settle(pilot)
        assert app.filters == (Filter("source", "Andere Zeitung"),)
        assert ids(app) == ["a2"] and app.overview is not None
        assert [(r.name, r.count) for r in app.overview.facets.sources] == [("Andere Zeitung", 1)]
        await pilot.press("x")
        await settle(pilot)
        await facet_row(pilot, "source", "Andere Zeitung")
        await pilot.press("minus")
        await settle(pilot)
        assert app.filters == (Filter("source", "Andere Zeitung", exclude=True),)
        assert sorted(ids(app)) == ["a1", "a3"]
        assert [(r.name, r.count) for r in app.overview.facets.sources] == [("Testquelle", 2)]


async def test_counts_follow_the_query(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press(*"Lawrow")
        await settle(pilot)
        assert app.overview is not None and app.overview.facets.total == 1
        assert [r.name for r in app.overview.facets.places] == ["Genf"]
        await pilot.press(*" Tokio")
        await settle(pilot)
        panel = app.main_screen.query_one(FacetPanel)
        assert app.overview.facets.total == 0
        assert "Keine Treffer" in str(panel.get_option_at_index(0).prompt)


async def test_no_hits_gives_empty_states_that_say_so(make_app, fake_library) -> None:
    app = make_app(library=fake_library, lang="en")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press(*"Nirgendwowort")
        await settle(pilot)
        assert app.overview is not None and app.overview.facets.total == 0
        panel = app.main_screen.query_one(FacetPanel)
        assert "No results" in str(panel.get_option_at_index(0).prompt)
        app.action_timeline()
        await settle(pilot)
        assert "No dated results" in app.screen.query_one(TimelineChart).info_line().plain
        app.action_map()
        await settle(pilot)
        assert isinstance(app.screen, MapScreen)
        assert "No results" in app.screen.query_one(MapView).info_line().plain


async def test_stale_counts_are_dropped(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        current = app.overview
        old = fake_library.overview("Lawrow")
        app.post_message(OverviewReady(app.overview_seq - 1, old))
        await pilot.pause(0.1)
        assert app.overview is current


async def test_f_toggles_facets_while_an_article_is_open(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        await pilot.press("enter")
        await settle(pilot)
        side = app.main_screen.query_one(SidePanel)
        assert side.article is not None and not side.facets_mode
        await pilot.press("f")
        await settle(pilot)
        assert side.facets_mode and side.facet_panel.has_focus
        await pilot.press("f")
        await settle(pilot)
        assert not side.facets_mode


async def test_timeline_cursor_enter_and_range(make_app) -> None:
    app = make_app(library=FakeLibrary())
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        chart = app.screen.query_one(TimelineChart)
        tl = chart.timeline
        assert tl is not None and tl.by == "month" and tl.undated == 1
        assert chart.bucket is not None and chart.bucket.period == "2025-01"
        assert "Januar 2025: 1 Artikel" in chart.info_line().plain
        await pilot.press("enter")
        await settle(pilot)
        assert app.filters == (Filter("date", "2025-01"),)
        await pilot.press("home", "enter")
        await settle(pilot)
        assert app.filters == (Filter("date", "2023-11..2025-01"),)
        assert sorted(ids(app)) == ["a1", "a2"]
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)


async def test_timeline_shows_the_chosen_period(make_app) -> None:
    """The bars of the date chip's period stand out, and the info line names
    it; after a second Enter, the whole range; removing the chip clears it."""
    app = make_app(library=FakeLibrary())
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        await pilot.press("t")
        await settle(pilot)
        chart = app.screen.query_one(TimelineChart)
        assert chart.timeline is not None
        n = len(chart.timeline.buckets)
        assert set(chip_marks(chart.chips, chart.timeline.buckets)) == {""}
        await pilot.press("left", "enter")  # December 2024 (no hits): still a period
        await settle(pilot)
        assert app.filters == (Filter("date", "2024-12"),)
        marks = chip_marks(chart.chips, chart.timeline.buckets)
        assert marks[n - 2] == "in" and marks.count("in") == 1
        assert "Filter: Dez 24" in chart.info_line().plain
        await pilot.press("home", "enter")
        await settle(pilot)
        marks = chip_marks(chart.chips, chart.timeline.buckets)
        assert marks[: n - 1] == ["in"] * (n - 1) and marks[-1] == "out"
        assert "Filter: Nov 23 – Dez 24" in chart.info_line().plain
        await pilot.press("x")
        await settle(pilot)
        assert app.filters == () and "Filter:" not in chart.info_line().plain
        assert set(chip_marks(chart.chips, chart.timeline.buckets)) == {""}


async def test_g_steps_the_timeline_through_weeks_months_and_years(make_app) -> None:
    library = FakeLibrary()
    app = make_app(library=library)
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        await pilot.press("t")
        await settle(pilot)
        chart = app.screen.query_one(TimelineChart)
        assert chart.timeline is not None and chart.timeline.by == "month"
        assert "(automatisch)" in chart.info_line().plain
        seen = []
        for _ in range(4):
            await pilot.press("g")
            await settle(pilot)
            assert chart.timeline is not None
            seen.append((app.timeline_by, chart.timeline.by))
        assert seen == [("week", "week"), ("month", "month"), ("year", "year"), (None, "month")]
        years = [b.period for b in library.overview("", by="year").timeline.buckets]
        await pilot.press("g", "g", "g")  # year again; it stays when the screen reopens
        await settle(pilot)
        assert [b.period for b in chart.timeline.buckets] == years == ["2023", "2024", "2025"]
        assert "nach Jahren" in chart.info_line().plain
        assert "(automatisch)" not in chart.info_line().plain
        await pilot.press("escape", "t")
        await settle(pilot)
        chart = app.screen.query_one(TimelineChart)
        assert chart.timeline is not None and chart.timeline.by == "year" and chart.by == "year"


async def test_the_mouse_moves_the_cursor_and_filters(make_app, fake_library) -> None:
    """A click on a bar or a marker puts the cursor there; a second click
    on it filters by it, as Enter does."""
    from reader.widgets.timeline_chart import AXIS_WIDTH, bar_layout

    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        await pilot.press("t")
        await settle(pilot)
        chart = app.screen.query_one(TimelineChart)
        assert chart.timeline is not None and chart.cursor > 0
        _, bw, _ = bar_layout(len(chart.timeline.buckets), chart.cursor, chart.size.width)
        await pilot.click(TimelineChart, offset=(AXIS_WIDTH + bw // 2, 10))
        await settle(pilot)
        assert chart.cursor == 0 and app.filters == ()
        await pilot.click(TimelineChart, offset=(AXIS_WIDTH + bw // 2, 10))
        await settle(pilot)
        assert app.filters == (Filter("date", "2023-11"),)
        await pilot.press("escape", "X", "m")
        await settle(pilot)
        view = app.screen.query_one(MapView)
        markers = view._redraw().markers
        assert view.current is not None
        other = next(m for m in markers if m.place.name != view.current.place.name)
        await pilot.click(MapView, offset=(other.x + 1, other.y))
        await settle(pilot)
        assert view.current is not None and view.current.place.name == other.place.name
        await pilot.click(MapView, offset=(other.x, other.y))
        await settle(pilot)
        assert app.filters == (Filter("place", other.place.name),)


def test_chip_marks_for_weeks_years_and_not_chips() -> None:
    from index import Bucket

    weeks = [
        Bucket("2016-W09", "2016-02-29", "2016-03-06", 1),
        Bucket("2016-W10", "2016-03-07", "2016-03-13", 2),
        Bucket("2016-W14", "2016-04-04", "2016-04-10", 0),
    ]
    assert chip_marks([Filter("date", "2016-03")], weeks) == ["in", "in", "out"]
    assert chip_marks([Filter("date", "2016-03-07..2016-03-13")], weeks) == ["out", "in", "out"]
    assert chip_marks([Filter("date", "2016-03", exclude=True)], weeks) == ["out", "out", ""]
    years = [Bucket(str(y), f"{y}-01-01", f"{y}-12-31", 1) for y in (2014, 2015, 2016)]
    assert chip_marks([Filter("date", "2015..2016")], years) == ["out", "in", "in"]
    assert chip_marks([Filter("date", "Mai")], years) == ["", "", ""]  # unreadable: no marks
    assert chip_marks([Filter("place", "Genf")], years) == ["", "", ""]


async def test_map_keys(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MapScreen)
        view = app.screen.query_one(MapView)
        names = {m.place.name for m in (view.image or view._redraw()).markers}
        assert names == {"Tokio", "Peking", "Genf"}
        first = view.current_name()
        await pilot.press("n")
        assert view.current_name() != first
        await pilot.press("N")
        assert view.current_name() == first
        await pilot.press("2")  # Europe: only Genf is in view
        assert view.view.name == "europe" and view.current_name() == "Genf"
        await pilot.press("plus")
        assert view.view.hx < app.screen.query_one(MapView).view.zoom(0.625).hx
        await pilot.press("l")
        assert view.view.name == ""
        await pilot.press("4", "right")  # East Asia; → from Peking reaches Tokio
        assert view.current_name() in ("Tokio", "Peking")
        await pilot.press("1")
        view.cursor = [m.place.name for m in view._redraw().markers].index("Genf")
        await pilot.press("enter")
        await settle(pilot)
        assert Filter("place", "Genf") in app.filters
        assert ids(app) == ["a2"]


async def test_dossier_from_map_and_history(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        await pilot.press("m")
        await settle(pilot)
        view = app.screen.query_one(MapView)
        view.cursor = [m.place.name for m in view._redraw().markers].index("Tokio")
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DossierScreen)
        assert screen.dossier is not None and screen.dossier.name == "Tokio"
        assert screen.dossier.count == 1 and screen.dossier.first == "2023-11-05"
        people = screen.query_one("#co-person")
        assert people.names == ["Antony Blinken", "Yoko Kamikawa"]
        assert people.has_focus and people.highlighted == 0  # Enter works at once
        await pilot.press("enter")
        await settle(pilot)
        assert screen.dossier.name == "Antony Blinken" and screen.dossier.count == 2
        await pilot.press("escape")  # back to Tokio
        await settle(pilot)
        assert screen.dossier.name == "Tokio"
        await pilot.press("escape")  # out
        await settle(pilot)
        assert not isinstance(app.screen, DossierScreen)


async def test_d_opens_the_dossier_of_the_highlighted_entity(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await to_results(pilot)
        await facet_row(pilot, "person", "Sergej Lawrow")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DossierScreen)
        assert app.screen.dossier is not None and app.screen.dossier.name == "Sergej Lawrow"
        refs = app.screen.query_one("#dossier-refs")
        refs.focus()
        refs.highlighted = 0
        await pilot.press("enter")  # the article, in the main screen
        await settle(pilot)
        assert not isinstance(app.screen, DossierScreen)
        assert app.main_screen.query_one(SidePanel).article.id == "a2"


async def test_palette_names_the_views(make_app, fake_library) -> None:
    for lang, names in (
        ("de", ("Karte", "Zeitleiste", "Facetten", "Dossier")),
        ("en", ("Map", "Timeline", "Facets", "Dossier")),
    ):
        app = make_app(library=fake_library, lang=lang)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            titles = [title for title, _, _ in app.archive_commands()]
            assert set(names) <= set(titles)
            footer_keys = {b.key for b in app.BINDINGS if getattr(b, "show", True)}
            assert {"f", "t", "m", "d"} <= footer_keys


async def test_small_terminal_gets_a_message(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(70, 20)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        app.action_map()
        await settle(pilot)
        view = app.screen.query_one(MapView)
        assert "zu klein" in view.render().plain
