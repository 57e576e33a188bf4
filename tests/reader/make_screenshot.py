"""Regenerate docs/screenshot.svg (the README's picture) from the bundled articles.

    .venv/bin/python tests/reader/make_screenshot.py

Not a test: it searches "Tokio", opens the first hit and moves into the places
list, then saves an SVG. The index goes to a temporary folder.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from conftest import BUNDLED, ROOT, settle_all

from reader.app import DiploReader


async def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = DiploReader(
            BUNDLED,
            state_path=Path(tmp) / "state.json",
            index_dir=Path(tmp) / "index",
            lang="de",
            search_delay=0.01,
        )
        async with app.run_test(size=(150, 42)) as pilot:
            await settle_all(pilot)
            await pilot.press(*"Tokio")
            await settle_all(pilot)
            await pilot.press("enter", "enter")
            await settle_all(pilot)
            await pilot.press("o")
            await settle_all(pilot)
            await pilot.pause(0.3)
            app.save_screenshot(str(target))
    print(f"wrote {target}")


if __name__ == "__main__":
    asyncio.run(main(ROOT / "docs" / "screenshot.svg"))
