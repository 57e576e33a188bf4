"""How a build reads articles: the builder process reads beside its workers
(index/store/build.py `_ordered_results`) and the results stay in order."""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Any

import pytest

from index.files.corpus import SourceFile
from index.store import build
from index.store.workers import Pool


class _SlowPool:
    """A stand-in pool whose worker finishes a task only after `lag` readiness checks,
    and that records how many tasks are out at once."""

    def __init__(self, lag: int) -> None:
        self.lag = lag
        self.tasks: dict[int, list[Any]] = {}
        self.checks: dict[int, int] = {}
        self.next = 0
        self.most_out = 0

    def submit(self, chunk: list[Any]) -> int:
        handle = self.next
        self.next += 1
        self.tasks[handle] = [("worker", s) for s in chunk]
        self.checks[handle] = 0
        self.most_out = max(self.most_out, len(self.tasks))
        return handle

    def ready(self, handle: int) -> bool:
        self.checks[handle] += 1
        return self.checks[handle] > self.lag

    def result(self, handle: int) -> list[Any]:
        return self.tasks.pop(handle)


def _local(source: Any) -> Any:
    return ("builder", source)


@pytest.mark.parametrize("lag", [0, 1, 3, 1000])
def test_every_source_once_in_order_read_by_workers_and_builder(
    monkeypatch: pytest.MonkeyPatch, lag: int
) -> None:
    monkeypatch.setattr(build, "_load", _local)
    sources = list(range(1000))
    pool = _SlowPool(lag)
    out = list(build._ordered_results(pool, sources, 1))  # type: ignore[arg-type]
    assert [s for _, s in out] == sources
    by = {who for who, _ in out}
    if lag >= 3:  # a slow worker: the builder reads whatever it would wait for
        assert by == {"worker", "builder"}
    assert pool.most_out <= build.IN_FLIGHT  # tasks out per worker stay bounded
    assert not pool.tasks  # every task's result was taken


def test_a_worker_that_never_finishes_still_gets_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window of unwritten chunks is bounded: with a worker that is never
    ready, the builder stops reading ahead and waits for the oldest task."""
    monkeypatch.setattr(build, "_load", _local)
    sources = list(range(40 * build.CHUNK))
    pool = _SlowPool(10**9)
    out = list(build._ordered_results(pool, sources, 1))  # type: ignore[arg-type]
    assert [s for _, s in out] == sources
    builder_share = sum(who == "builder" for who, _ in out) / len(out)
    assert 0.5 < builder_share < 1.0


def test_ready_tells_when_a_result_is_there() -> None:
    with Pool(1, "time:sleep") as pool:
        handle = pool.submit(0.3)
        assert not pool.ready(handle)
        deadline = time.monotonic() + 30
        while not pool.ready(handle) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert pool.ready(handle)
        assert pool.result(handle) is None


def test_a_pooled_build_reads_the_same_as_one_process(tmp_path: Path) -> None:
    """Real files through one worker plus the builder, against a plain in-order read."""
    folder = tmp_path / "articles"
    folder.mkdir()
    sources = []
    for i in range(build.POOL_THRESHOLD + 3 * build.CHUNK + 5):
        path = folder / f"{i:04d}.md"
        path.write_text(
            f"# Bericht {i}\n\nAußenministerin Eva Beispiel{i} reiste am Montag nach Wien.\n",
            encoding="utf-8",
        )
        st = path.stat()
        sources.append(SourceFile(f"{i:04d}", str(path), st.st_size, st.st_mtime_ns))
    pooled = list(build.load_articles(sources, workers=2))
    alone = list(build.load_articles(sources, workers=1))
    assert len(pooled) == len(sources)
    assert [a.id for a, _ in pooled] == [a.id for a, _ in alone]  # type: ignore[union-attr]
    assert [d for _, d in pooled] == [d for _, d in alone]  # type: ignore[misc]


def test_fewer_collections_while_reading_then_the_collector_as_it_was() -> None:
    """A pooled build freezes what is loaded and raises the thresholds only while it reads."""
    before = gc.get_threshold()
    with build._fewer_collections():
        assert gc.get_threshold() == build.BUILD_GC_THRESHOLD
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
