"""Shared fixtures: every test gets its own cache and state folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"


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
