"""The gazetteer is pickled into the user's cache and reused by later processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "from index.extract import extract_metadata as x; "
    "print([p.name for p in x('Titel\\n\\nDie Ministerin reiste nach Warschau.').places])"
)


def test_gazetteer_cache_written_once_and_reused(tmp_path: Path) -> None:
    env = {**os.environ, "DIPLO_CACHE_DIR": str(tmp_path)}
    first = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert first.returncode == 0 and "Warschau" in first.stdout, first.stderr
    (cache,) = (tmp_path / "extract").glob("gazetteer-*.pickle")
    cache.write_bytes(cache.read_bytes()[:1000])  # a damaged cache is rebuilt, not trusted
    second = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert second.stdout == first.stdout, second.stderr
    assert cache.stat().st_size > 1000


def test_unwritable_cache_still_extracts(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env = {**os.environ, "DIPLO_CACHE_DIR": str(blocker / "cache")}
    run = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert run.returncode == 0 and "Warschau" in run.stdout, run.stderr
