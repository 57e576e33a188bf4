"""The benchmark's memory sampler (bench/measure.py) counts what it is asked to."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psutil
import pytest

from bench.measure import TreeSampler


def test_the_tree_sampler_can_leave_the_measuring_wrapper_out() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3)"])
    try:
        with (
            TreeSampler(os.getpid(), interval=0.02) as whole,
            TreeSampler(os.getpid(), interval=0.02, below=True) as below,
        ):
            time.sleep(0.3)
    finally:
        child.kill()
        child.wait()
    mine = psutil.Process().memory_info().rss
    assert below.peak_total > 0  # the child is counted
    assert whole.peak_total - below.peak_total >= 0.5 * mine  # this process is not
    assert below.max_procs == whole.max_procs >= 2  # counted alike: wrapper included


def test_the_tree_sampler_counts_shared_pages_once_in_its_pss_sum() -> None:
    if not os.path.exists(f"/proc/{os.getpid()}/smaps_rollup"):
        pytest.skip("no smaps_rollup here: the PSS sum stays 0 and the report shows none")
    code = (
        "import mmap, time; m = mmap.mmap(-1, 64 << 20); m.write(b'x' * (64 << 20)); time.sleep(3)"
    )
    # two children sharing nothing but the interpreter's pages: PSS < RSS, both > 64 MB each
    kids = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(2)]
    try:
        time.sleep(1.0)
        with TreeSampler(os.getpid(), interval=0.05, below=True) as tree:
            time.sleep(0.3)
    finally:
        for kid in kids:
            kid.kill()
            kid.wait()
    assert tree.peak_pss_total >= 2 * (64 << 20)  # private pages count in full
    assert tree.peak_pss_total < tree.peak_total  # the interpreter's shared pages once


def test_repeated_builds_report_the_median_time_and_the_largest_memory() -> None:
    from bench.run import median_build

    def run(seconds: float, tree_mb: float) -> dict[str, object]:
        return {"ok": True, "seconds": seconds, "peak_tree_mb": tree_mb, "peak_rss_mb": 1.0}

    got = median_build([run(3.0, 100), run(1.0, 300), run(2.0, 200)])
    assert got["seconds"] == 2.0 and got["peak_tree_mb"] == 300
    assert got["seconds_all"] == [3.0, 1.0, 2.0]
    assert median_build([run(2.0, 1), run(1.0, 1)])["seconds"] == 1.0  # the lower middle
    failed = {"ok": False, "note": "x"}
    assert median_build([run(1.0, 1), failed]) == failed
