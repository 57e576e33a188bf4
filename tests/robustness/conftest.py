"""Fixtures for the robustness suite.

Every test gets its own cache and state folders (DIPLO_CACHE_DIR /
DIPLO_STATE_DIR) so nothing touches the user's directories.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import index.files.corpus
from index.records import Metadata
from tests.robustness.helpers import _stub_path, good_text


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point cache and state at the test's own folders."""
    monkeypatch.setenv("DIPLO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DIPLO_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("DIPLO_ARTICLES", raising=False)
    return tmp_path


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """An articles folder with three good articles (ok-0 … ok-2)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(3):
        (folder / f"ok-{n}.txt").write_text(good_text(n), encoding="utf-8")
    return folder


@pytest.fixture
def stub_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction is slow and irrelevant to tests of reading, locking and
    recovery: stub it here and, through PYTHONPATH, in spawned pool workers."""
    monkeypatch.setattr(
        index.files.corpus, "extract_metadata", lambda text, header_lines=(): Metadata()
    )
    monkeypatch.setenv("PYTHONPATH", _stub_path())
