"""The benchmark's memory sampler (bench/measure.py) counts what it is asked to."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psutil

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
