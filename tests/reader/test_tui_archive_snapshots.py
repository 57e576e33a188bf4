"""SVG snapshots of the archive views at 80x24 and 160x48, German and English,
over the fake library (so they move only when the views do). Create or update
them with `pytest tests/reader --snapshot-update` and review the SVGs."""

from __future__ import annotations

import pytest
from conftest import settle_all

from reader.widgets.map_view import MapView

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
LANGS = [pytest.param("de", id="de"), pytest.param("en", id="en")]
MISSING = "screenshot differs from (or has no) snapshot; see snapshot_report.html"

pytestmark = pytest.mark.snapshot


async def _keys(pilot, *keys: str) -> None:
    await settle_all(pilot)
    pilot.app.main_screen.query_one("#query").cursor_blink = False
    await pilot.press("down")  # to the results: letter keys act
    await settle_all(pilot)
    for key in keys:
        await pilot.press(key)
        await settle_all(pilot)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_facets(snap_compare, make_app, fake_library, size, lang) -> None:
    """f: facets of all hits in the side panel, the first row highlighted."""
    app = make_app(library=fake_library, lang=lang)

    async def run_before(pilot) -> None:
        await _keys(pilot, "f")

    assert snap_compare(app, terminal_size=size, run_before=run_before), MISSING


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_timeline(snap_compare, make_app, fake_library, size, lang) -> None:
    """t: months from November 2023 to January 2025, cursor on the newest; one undated."""
    app = make_app(library=fake_library, lang=lang)

    async def run_before(pilot) -> None:
        await _keys(pilot, "t")

    assert snap_compare(app, terminal_size=size, run_before=run_before), MISSING


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_timeline_with_a_date_range(snap_compare, make_app, fake_library, size, lang) -> None:
    """t, Enter on November 2023, Enter on March 2024: the chip
    date:2023-11..2024-03; those five bars over a heavy axis in the success
    colour (November's bar filled), January 2025 muted over a dotted axis,
    the info line names the period (the notices cleared)."""
    app = make_app(library=fake_library, lang=lang)

    async def run_before(pilot) -> None:
        await _keys(pilot, "t", "home", "enter")
        await _keys_only(pilot, "right", "right", "right", "right", "enter")
        pilot.app.clear_notifications()
        await settle_all(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before), MISSING


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_map(snap_compare, make_app, fake_library, size, lang) -> None:
    """m: world view, markers at Tokio, Peking and Genf, Japan, China and
    Switzerland tinted; the cursor on the biggest marker."""
    app = make_app(library=fake_library, lang=lang)

    async def run_before(pilot) -> None:
        await _keys(pilot, "m")

    assert snap_compare(app, terminal_size=size, run_before=run_before), MISSING


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_dossier(snap_compare, make_app, fake_library, size, lang) -> None:
    """d on the Tokio marker: count, dates, timeline, co-occurring people,
    places and organisations, articles newest first."""
    app = make_app(library=fake_library, lang=lang)

    async def run_before(pilot) -> None:
        await _keys(pilot, "m")
        view = pilot.app.screen.query_one(MapView)
        view.cursor = [m.place.name for m in view._redraw().markers].index("Tokio")
        await _keys_only(pilot, "d")

    assert snap_compare(app, terminal_size=size, run_before=run_before), MISSING


async def _keys_only(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle_all(pilot)
