"""Fixtures for the reader's Pilot and snapshot tests.

Every app gets its index and state file in a temporary folder (never the
user's), and a language set explicitly so the machine's LANG cannot leak in.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reader_fakes import FakeLibrary

from reader.app import DiploReader

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "articles"
GOLD_QUERIES = ROOT / "tests" / "data" / "gold" / "queries.json"


async def settle(pilot: Any, timeout: float = 60.0) -> None:
    """Wait until the index is ready, searches are done and the screen is idle."""
    app: DiploReader = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await pilot.pause(0.02)
        busy = any(w.is_running for w in app.workers if w.group != "index")
        if (
            app.index_ready
            and app._debounce is None
            and app.shown_seq == app.search_seq
            and not busy
        ):
            break
    await pilot.pause()


@pytest.fixture
def bundled_dir(tmp_path: Path) -> Path:
    """A copy of the bundled articles (tests may touch it)."""
    target = tmp_path / "articles"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index of the bundled articles for the whole session, built here
    once so that every app opens it warm and tests stay fast."""
    from index.library import Library

    index_dir = tmp_path_factory.mktemp("bundled-index") / "index"
    Library(BUNDLED, index_dir).update(wait=120.0)
    return index_dir


@pytest.fixture
def make_app(tmp_path: Path, shared_index: Path) -> Callable[..., DiploReader]:
    """Build a DiploReader over the bundled articles (or a given library)."""

    def make(
        articles: Path | None = None,
        library: Any = None,
        lang: str = "de",
        state: Path | None = None,
    ) -> DiploReader:
        return DiploReader(
            articles or (None if library else BUNDLED),
            library=library,
            index_dir=shared_index if articles is None else tmp_path / "index",
            state_path=state or tmp_path / "state" / "state.json",
            lang=lang,
            search_delay=0.01,
        )

    return make


@pytest.fixture
def fake_library() -> FakeLibrary:
    return FakeLibrary()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no pytest-asyncio needed)."""
    if not asyncio.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**kwargs))
    return True


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "snapshot: compares an SVG screenshot with tests/reader/__snapshots__"
    )


async def settle_all(pilot: Any) -> None:
    """settle(), and also wait for the index worker to finish (status line final)."""
    await settle(pilot)
    app: DiploReader = pilot.app
    for _ in range(500):
        if not any(w.is_running for w in app.workers):
            break
        await pilot.pause(0.02)
    await settle(pilot)
