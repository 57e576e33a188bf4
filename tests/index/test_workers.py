"""The build's worker processes (index/store/workers.py)."""

from __future__ import annotations

import os

import psutil
import pytest

from index.store.workers import Pool, WorkerFailed


def test_results_come_in_the_order_asked_from_the_least_busy_worker() -> None:
    tasks = [list(range(n * 5000, -1, -1)) for n in (30, 1, 1, 20, 1, 1, 1, 5)]
    with Pool(2, "builtins:sorted") as pool:
        handles = [pool.submit(task) for task in tasks]
        assert len({h.proc.pid for h in handles}) == 2
        assert [pool.result(h) for h in handles] == [sorted(t) for t in tasks]


def test_the_pool_is_its_workers_and_nothing_else() -> None:
    """No resource tracker or other helper process beside the workers, and
    none left after the pool."""
    me = psutil.Process(os.getpid())
    before = {p.pid for p in me.children(recursive=True)}
    with Pool(2, "builtins:len") as pool:
        handles = [pool.submit("abc"), pool.submit("de")]
        assert [pool.result(h) for h in handles] == [3, 2]
        new = [p for p in me.children(recursive=True) if p.pid not in before]
        assert sorted(p.pid for p in new) == sorted(h.proc.pid for h in handles)
    assert all(h.proc.returncode == 0 for h in handles)
    assert {p.pid for p in me.children(recursive=True)} <= before


def test_a_failing_task_is_reported() -> None:
    with Pool(1, "builtins:int") as pool:
        bad, good = pool.submit("x"), pool.submit("7")
        with pytest.raises(WorkerFailed, match="ValueError"):
            pool.result(bad)
        assert pool.result(good) == 7


def test_a_killed_worker_is_reported_not_waited_for() -> None:
    with pytest.raises(WorkerFailed, match="exited"), Pool(1, "time:sleep") as pool:
        handle = pool.submit(60)
        handle.proc.kill()
        pool.result(handle)
    assert handle.proc.returncode is not None


@pytest.mark.skipif(not hasattr(__import__("fcntl"), "F_GETPIPE_SZ"), reason="Linux only")
def test_results_pipes_are_widened() -> None:
    """A chunk's result fits the results pipe, so a worker is not held up on its
    writes while the builder's reader thread waits for the GIL."""
    import fcntl

    from index.store import workers

    with Pool(1, "builtins:len") as pool:
        handle = pool.submit("abc")
        assert pool.result(handle) == 3
        size = fcntl.fcntl(handle.proc.stdout.fileno(), fcntl.F_GETPIPE_SZ)
        assert size >= workers._PIPE_BYTES
