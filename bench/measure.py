"""Timing and memory helpers: percentiles, process-tree RSS sampling,
running a command and timing it from process start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

MB = 1024 * 1024


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear-interpolation percentile (numpy's default); nan for no values."""
    if not values:
        return float("nan")
    data = sorted(values)
    k = (len(data) - 1) * pct / 100.0
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """median / p95 / max (and count) in milliseconds."""
    ms = [s * 1000.0 for s in seconds]
    return {
        "n": len(ms),
        "median_ms": percentile(ms, 50),
        "p95_ms": percentile(ms, 95),
        "max_ms": max(ms) if ms else float("nan"),
    }


def dir_size(path: Path) -> int:
    """Bytes of all files below `path`."""
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


class TreeSampler:
    """Samples the RSS of a process and all its descendants in a thread.

    `peak_single` is the largest RSS any one process reached (what a pool
    worker or the writer needs); `peak_total` the largest sum over the tree.
    A sum of RSS counts every page the processes share (the mapped name tables,
    the interpreter and its libraries) once per process; `peak_pss_total` is the
    largest sum of their PSS (a shared page counted once, split between its
    sharers; Linux's smaps_rollup, else 0).
    With `below`, the process itself is not counted, only its descendants: the
    measuring wrapper (bench.rusage, ~10 MB) is not part of what is measured.
    """

    def __init__(self, pid: int, interval: float = 0.1, below: bool = False) -> None:
        self.pid = pid
        self.interval = interval
        self.below = below
        self.peak_single = 0
        self.peak_total = 0
        self.peak_pss_total = 0
        self.max_procs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                procs = root.children(recursive=True)
            except psutil.Error:
                return
            if not self.below:
                procs.insert(0, root)
            total = pss = 0
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                pss += _pss(proc.pid)
                self.peak_single = max(self.peak_single, rss)
            self.peak_total = max(self.peak_total, total)
            self.peak_pss_total = max(self.peak_pss_total, pss)
            self.max_procs = max(self.max_procs, len(procs) + self.below)
            self._stop.wait(self.interval)


def _pss(pid: int) -> int:
    """A process's proportional set size in bytes (0 where the system does not tell)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


@dataclass
class RunResult:
    """A finished command: wall seconds from start, output, memory."""

    seconds: float
    returncode: int
    stdout: str
    stderr: str
    peak_rss_single: int
    """Largest RSS of any one process of the tree (bytes; max of psutil sampling
    and the kernel's ru_maxrss over the command and every descendant)."""
    peak_rss_tree: int
    """Largest sampled sum of RSS over the tree (bytes)."""
    procs: int
    peak_pss_tree: int = 0
    """Largest sampled sum of PSS over the tree (bytes; shared pages once, 0 if unknown)."""

    def ok(self) -> bool:
        return self.returncode == 0


def run_measured(
    cmd: Sequence[str],
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 3600.0,
) -> RunResult:
    """Run `cmd` under bench.rusage (for an exact peak RSS including pool
    workers) while sampling its process tree; seconds are from process start."""
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as fh:
        report = Path(fh.name)
    wrapper = [sys.executable, "-m", "bench.rusage", str(report), "--", *cmd]
    full_env = {**os.environ, **(env or {}), "PYTHONPATH": _pythonpath(env)}
    proc = subprocess.Popen(
        wrapper,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=full_env,
        cwd=cwd or _source_root,
    )
    with TreeSampler(proc.pid, below=True) as sampler:
        out, err = proc.communicate(timeout=timeout)
    try:
        info: dict[str, Any] = json.loads(report.read_text())
    except (OSError, ValueError):
        info = {"seconds": float("nan"), "maxrss_kb": 0, "returncode": proc.returncode}
    finally:
        report.unlink(missing_ok=True)
    return RunResult(
        seconds=float(info["seconds"]),
        returncode=int(info["returncode"]),
        stdout=out,
        stderr=err,
        peak_rss_single=max(sampler.peak_single, int(info["maxrss_kb"]) * 1024),
        peak_rss_tree=sampler.peak_total,
        procs=sampler.max_procs - 1,  # without the wrapper
        peak_pss_tree=sampler.peak_pss_total,
    )


def time_to_line(
    cmd: Sequence[str],
    predicate: Callable[[str], bool],
    env: Mapping[str, str] | None = None,
    timeout: float = 120.0,
) -> tuple[float, str]:
    """Seconds from process start until a stdout line satisfies `predicate`
    (nan if it never does); the child runs unbuffered. Returns (seconds, output)."""
    full_env = {
        **os.environ,
        **(env or {}),
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": _pythonpath(env),
    }
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=full_env,
        cwd=_source_root,
    )
    found = float("nan")
    lines: list[str] = []
    deadline = start + timeout
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if predicate(line) and found != found:
            found = time.perf_counter() - start
            break
        if time.perf_counter() > deadline:
            break
    try:
        rest, err = proc.communicate(timeout=max(1.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        proc.kill()
        rest, err = proc.communicate()
    output = "".join(lines) + rest
    if found != found and proc.returncode != 0:
        output += "\n[stderr] " + err[-2000:]
    return found, output


_source_root = Path(__file__).resolve().parent.parent


def use_source(root: Path) -> None:
    """Run every measured process on the code in `root` (a snapshot), from
    `root` too: `python -m` puts the working folder first on sys.path, ahead
    of PYTHONPATH, so a process started in the checkout would import the
    checkout's code (and misread an index written by the snapshot)."""
    global _source_root
    _source_root = Path(root)


def source_root() -> Path:
    return _source_root


def _pythonpath(env: Mapping[str, str] | None) -> str:
    """The code under test first: it shadows the editable install, whose
    finder comes after sys.path, so `diplo-reader` runs the snapshot too."""
    existing = (env or {}).get("PYTHONPATH") or os.environ.get("PYTHONPATH", "")
    return str(_source_root) + (os.pathsep + existing if existing else "")
