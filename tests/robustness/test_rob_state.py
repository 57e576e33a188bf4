"""User state (last query, open article, theme): written atomically, a corrupt
file set aside with a message, never a crash. (The reader's side of it, the
notice on screen, is in tests/reader/test_tui_behaviour.py.)"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.state import UserState, load_state, save_state


def test_round_trip_and_no_temp_files_left(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.json"
    state = UserState(query="Genf", article_id="004", theme="nord", sort="date")
    save_state(path, state)
    loaded, aside = load_state(path)
    assert aside is None
    assert (loaded.query, loaded.article_id, loaded.theme, loaded.sort) == (
        "Genf",
        "004",
        "nord",
        "date",
    )
    assert sorted(p.name for p in path.parent.iterdir()) == ["state.json"]


def test_write_is_atomic_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash while writing leaves the previous state whole, and no temp file."""
    path = tmp_path / "state.json"
    save_state(path, UserState(query="alt"))

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        save_state(path, UserState(query="neu"))
    assert load_state(path)[0].query == "alt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[1, 2]",
        b"\x00\xff\xfe garbage",
        b'{"query": 5, "sort": "weird", "theme": []}',
    ],
)
def test_corrupt_or_odd_state_is_set_aside_or_sanitised(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    state, aside = load_state(path)
    assert state.sort in ("relevance", "date")
    if aside is not None:  # unreadable as a state: kept for the user, out of the way
        assert aside.read_bytes() == content and not path.exists()
    else:  # valid JSON with wrong types: the wrong values are dropped
        assert state.query == "" and state.theme is None and state.sort == "relevance"


def test_missing_or_unreadable_state_gives_defaults(tmp_path: Path) -> None:
    assert load_state(tmp_path / "nope.json") == (UserState(), None)
    folder = tmp_path / "dir.json"
    folder.mkdir()  # reading a folder fails with an OSError, not a crash
    assert load_state(folder)[0] == UserState()
    assert json.loads(json.dumps(UserState().__dict__))  # stays JSON-serialisable
