"""Regenerate docs/map.svg and docs/timeline.svg (the README's pictures).

    .venv/bin/python tests/reader/make_archive_screenshots.py

Not a test: it writes a generated corpus (tests/index/archive_corpus.py: known
people and places, dates over two years) to a temporary folder, opens the
reader on it, and saves the map and the timeline of every article (the timeline
with a date range chosen).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[2]))

from conftest import ROOT, settle_all

from reader.app import DiploReader
from tests.index.archive_corpus import write_corpus

SIZE = (150, 42)


async def shoot(articles: Path, tmp: Path, keys: tuple[str, ...], target: Path) -> None:
    app = DiploReader(
        articles,
        state_path=tmp / f"state-{target.stem}.json",
        index_dir=tmp / "index",
        lang="de",
        search_delay=0.01,
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle_all(pilot)
        app.main_screen.query_one("#query").cursor_blink = False
        await pilot.press("down")
        await settle_all(pilot)
        for key in keys:
            await pilot.press(key)
            await settle_all(pilot)
        app.clear_notifications()
        await pilot.pause(0.3)
        app.save_screenshot(str(target))
    print(f"wrote {target}")


async def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        articles = tmp / "articles"
        write_corpus(articles, 240, seed=13)
        await shoot(articles, tmp, ("m", "2", "n"), ROOT / "docs" / "map.svg")
        # A range chosen with two Enters: its bars stand out.
        keys = ("t", "left", "left", "left", "left", "enter", "left", "left", "left", "enter")
        await shoot(articles, tmp, keys, ROOT / "docs" / "timeline.svg")


if __name__ == "__main__":
    asyncio.run(main())
