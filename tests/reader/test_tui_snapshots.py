"""SVG snapshots at 80x24 and 160x48, over the fake library so that they do not
move when extraction or ranking improves. A missing snapshot fails: create or
update them with `pytest tests/reader --snapshot-update`, then review the SVGs
in tests/reader/__snapshots__ like code."""

from __future__ import annotations

import pytest
from conftest import settle_all

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
MISSING = "screenshot differs from (or has no) snapshot; see snapshot_report.html"

pytestmark = pytest.mark.snapshot


async def _typed(pilot, *keys: str) -> None:
    await settle_all(pilot)
    # A blinking cursor would make the picture depend on timing.
    pilot.app.main_screen.query_one("#query").cursor_blink = False
    for key in keys:
        await pilot.press(key)
        await settle_all(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare, make_app, fake_library, size) -> None:
    """Empty query: every article, newest first; query focused."""
    app = make_app(library=fake_library)
    assert snap_compare(app, terminal_size=size, run_before=_typed), MISSING


@pytest.mark.parametrize("size", SIZES)
def test_results_with_highlights(snap_compare, make_app, fake_library, size) -> None:
    """Typing "Blinken": two hits, the term marked in the snippets."""
    app = make_app(library=fake_library)

    async def run_before(pilot) -> None:
        await _typed(pilot, *"Blinken")

    assert snap_compare(app, terminal_size=size, run_before=run_before), MISSING


@pytest.mark.parametrize("size", SIZES)
def test_open_article_with_side_panel(snap_compare, make_app, fake_library, size) -> None:
    """An article with date, places, people, organisations; at 80 columns the
    side panel is opened with `i` and takes the search pane's place."""
    app = make_app(library=fake_library)

    async def run_before(pilot) -> None:
        await _typed(pilot, *"Tokio", "enter", "enter")
        if size[0] < 110:
            await _typed(pilot, "i")

    assert snap_compare(app, terminal_size=size, run_before=run_before), MISSING


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, make_app, fake_library, size) -> None:
    """F1: every binding, grouped by pane."""
    app = make_app(library=fake_library)

    async def run_before(pilot) -> None:
        await _typed(pilot, "f1")

    assert snap_compare(app, terminal_size=size, run_before=run_before), MISSING
