"""Where a full build's wall time goes: a CPU timeline per process.

    python -m bench.build_probe --size 2000 [--step 1.0] [--json PATH] [--code CHECKOUT]

Runs `diplo-reader --articles CORPUS index --rebuild` (the code of this
checkout) in a private cache folder and samples every process of its tree
every 0.1 s from /proc (user + system CPU, RSS). Prints per process its CPU
seconds and peak RSS, and a timeline: for each `--step` seconds of wall time,
how busy the builder (the process that writes the index) and each worker were
(100 = one core all the time), and the tree's largest RSS sum in that step.
Idle cores show as columns that do not sum to 200 on two cores; the builder's
commit as the tail where only it works.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench.corpus import make_corpus

_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _stat(pid: int) -> tuple[float, int] | None:
    """(user + system CPU seconds, RSS bytes) of one process, or None if gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    # fields[0] is the state (field 3): utime is field 14, stime 15, rss 24.
    return (int(fields[11]) + int(fields[12])) / _TICK, int(fields[21]) * _PAGE


class Timeline(threading.Thread):
    """Samples a process tree's CPU and RSS until stopped."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.interval = interval
        self.samples: list[tuple[float, dict[int, tuple[float, int]]]] = []
        self.names: dict[int, str] = {}
        self.peak_tree = 0
        self._done = threading.Event()
        self.start_time = time.perf_counter()

    def run(self) -> None:
        while not self._done.is_set():
            try:
                pids = [self.root.pid, *(p.pid for p in self.root.children(recursive=True))]
            except psutil.Error:
                break
            now = time.perf_counter() - self.start_time
            row: dict[int, tuple[float, int]] = {}
            for pid in pids:
                st = _stat(pid)
                if st is not None:
                    row[pid] = st
                    if pid not in self.names:
                        try:
                            self.names[pid] = " ".join(psutil.Process(pid).cmdline())[-60:]
                        except psutil.Error:
                            self.names[pid] = "?"
            self.peak_tree = max(self.peak_tree, sum(r for _, r in row.values()))
            self.samples.append((now, row))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _role(name: str) -> str:
    if "index.store.workers" in name:
        return "worker"
    if "bench.rusage" in name:
        return "wrapper"
    return "builder"


def analyse(tl: Timeline, step: float) -> dict[str, Any]:
    """CPU per process and a per-step busy table."""
    last: dict[int, float] = {}
    first_seen: dict[int, float] = {}
    last_seen: dict[int, float] = {}
    peak: dict[int, int] = {}
    for t, row in tl.samples:
        for pid, (cpu, rss) in row.items():
            last[pid] = cpu
            peak[pid] = max(peak.get(pid, 0), rss)
            first_seen.setdefault(pid, t)
            last_seen[pid] = t
    procs = {
        pid: {
            "role": _role(tl.names.get(pid, "")),
            "cpu_s": round(cpu, 2),
            "peak_rss_mb": round(peak[pid] / 2**20),
            "from_s": round(first_seen[pid], 1),
            "to_s": round(last_seen[pid], 1),
        }
        for pid, cpu in last.items()
    }
    order = sorted((p for p in procs if procs[p]["role"] != "wrapper"), key=lambda p: first_seen[p])
    end = tl.samples[-1][0] if tl.samples else 0.0
    rows = []
    rss_rows: list[int] = []
    prev: dict[int, float] = {}
    bound = step
    i = 0
    while bound <= end + step:
        snapshot: dict[int, float] = {}
        tree = 0
        while i < len(tl.samples) and tl.samples[i][0] <= bound:
            for pid, (cpu, _) in tl.samples[i][1].items():
                snapshot[pid] = cpu
            tree = max(tree, sum(r for _, r in tl.samples[i][1].values()))
            i += 1
        rss_rows.append(round(tree / 2**20))
        busy = []
        for pid in order:
            now = snapshot.get(pid, prev.get(pid, 0.0))
            busy.append(round(100 * (now - prev.get(pid, 0.0)) / step))
            if pid in snapshot:
                prev[pid] = snapshot[pid]
        rows.append((round(bound, 1), busy))
        bound += step
    return {"procs": procs, "order": order, "rows": rows, "tree_mb": rss_rows, "wall_s": end}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--articles", type=Path, help="a corpus folder (default: bench's of --size)")
    ap.add_argument("--step", type=float, default=2.0, help="seconds per timeline row")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--quiet", action="store_true", help="no timeline, totals only")
    ap.add_argument(
        "--code", type=Path, help="the checkout whose code builds (default: this one), for A/B runs"
    )
    args = ap.parse_args(argv)
    corpus = args.articles or make_corpus(args.size)
    root = (args.code or Path(__file__).resolve().parent.parent).resolve()
    with tempfile.TemporaryDirectory(prefix="diplo-build-probe-") as work:
        env = {
            **os.environ,
            "DIPLO_CACHE_DIR": f"{work}/cache",
            "DIPLO_STATE_DIR": f"{work}/state",
            "PYTHONPATH": str(root),
        }
        cmd = [sys.executable, "-m", "reader.cli", "--articles", str(corpus), "index", "--rebuild"]
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        tl = Timeline(proc.pid)
        tl.start_time = start
        tl.start()
        out, err = proc.communicate()
        wall = time.perf_counter() - start
        tl.stop()
    res = analyse(tl, args.step)
    res["wall_s"] = round(wall, 2)
    res["peak_tree_mb"] = round(tl.peak_tree / 2**20)
    res["load"] = os.getloadavg()
    res["stdout"] = out.decode(errors="replace").strip().splitlines()[-1:]
    if proc.returncode:
        print(err.decode(errors="replace"), file=sys.stderr)
    procs = res["procs"]
    order = res["order"]
    if not args.quiet:
        print("   t  " + " ".join(f"{procs[p]['role'][:7]:>7}" for p in order) + "  tree MB")
        for (t, busy), tree in zip(res["rows"], res["tree_mb"], strict=True):
            print(f"{t:5.1f} " + " ".join(f"{b:7d}" for b in busy) + f"  {tree:7d}")
    total = sum(p["cpu_s"] for p in procs.values() if p["role"] != "wrapper")
    for pid in order:
        p = procs[pid]
        print(
            f"{p['role']:8} pid {pid}: {p['cpu_s']:7.2f} CPU-s, {p['from_s']}-{p['to_s']} s, "
            f"peak RSS {p['peak_rss_mb']} MB"
        )
    print(
        f"wall {wall:.2f} s, CPU {total:.2f} s (builder+workers), "
        f"peak tree {res['peak_tree_mb']} MB, load {res['load'][0]:.2f}; {res['stdout']}"
    )
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
