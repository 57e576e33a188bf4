"""Shared fixtures: every test gets its own cache and state folders.

The bundled articles and their reference metadata and search cases live in the
repository (`articles/`, `tests/data/gold/`), so a plain clone runs everything
but the tests that need the large reference data in `../shared/`; those skip
by name through `needs_shared`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "articles"
"""The five seed articles, byte for byte as in ../shared/seeds."""
GOLD = ROOT / "tests" / "data" / "gold"
"""Reference metadata (`seeds.json`) and search cases (`queries.json`) for the seeds."""


def needs_shared(*parts: str) -> pytest.MarkDecorator:
    """Skip unless `../shared/<parts>` exists (a plain clone has no ../shared)."""
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(
        not path.exists(), reason=f"needs ../shared/{'/'.join(parts)} (not in a plain clone)"
    )


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the user's cache, state or config folders."""
    base = tmp_path_factory.mktemp("diplo-home")
    monkeypatch.setenv("DIPLO_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("DIPLO_STATE_DIR", str(base / "state"))
    monkeypatch.setenv("DIPLO_CONFIG_DIR", str(base / "config"))
    monkeypatch.delenv("DIPLO_ARTICLES", raising=False)
