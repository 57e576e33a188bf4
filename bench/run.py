"""The benchmark command.

    python -m bench.run [--sizes 1000,10000] [--out bench/results] [--queries N]
                        [--reps 5] [--smoke] [--docs docs/benchmarks.md]

For each size: builds (or reuses) the corpus, then in fresh processes and a
private cache folder measures diplo-reader's full build, cold `search`, TUI
first paint (warm, and a first launch with an empty cache), search and
search-as-you-type latency, incremental updates, and the same build, cold
search and search for the plain-Whoosh baseline and for tantivy. Prints one
table per size (ratios to both) with PASS/FAIL per target and writes
bench/results/<date>_<time>_n<size>.json.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

from bench import report
from bench.corpus import ROOT, article_name, make_corpus, private_copy
from bench.measure import MB, dir_size, run_measured, source_root, time_to_line, use_source

RESULTS_DIR = ROOT / "bench" / "results"
COLD_QUERY = "Regierung"
UPDATE_ROUNDS = 3
_CHANGED, _REMOVED, _ADDED_FROM = 10, 20, 30
REFERENCES = {"baseline": "bench.baseline", "tantivy": "bench.tantivy_engine"}
"""The engines measured next to diplo-reader: engine -> module (build/search CLI)."""


def _exe(name: str) -> str:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def environment() -> dict[str, Any]:
    try:
        git = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        git += "+dirty" if dirty else ""
        # The checkout is shared with work in progress: record what was not committed.
        changes = subprocess.run(
            ["git", "status", "--porcelain", "--", "index", "reader"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        git, changes = "unknown", []
    return {
        "nproc": os.cpu_count(),
        "ram_gb": psutil.virtual_memory().total / 1024**3,
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git": git,
        "uncommitted_in_index_reader": len(changes),
    }


def _median(values: list[float]) -> float | None:
    good = [v for v in values if v == v]
    return statistics.median(good) if good else None


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1][:300] if lines else "no output"


_MEMORY_KEYS = ("peak_rss_mb", "peak_tree_mb", "peak_tree_pss_mb")


def median_build(figures: list[dict[str, Any]]) -> dict[str, Any]:
    """One engine's builds as one: the run of median time (the lower middle of an
    even number), with the largest memory peaks of all runs and every run's time;
    the first failed run if any failed."""
    failed = [f for f in figures if not f.get("ok")]
    if failed or not figures:
        return failed[0] if failed else {"ok": False}
    by_time = sorted(figures, key=lambda f: float(f["seconds"]))
    out = dict(by_time[(len(by_time) - 1) // 2])
    for key in _MEMORY_KEYS:
        values = [float(f[key]) for f in figures if f.get(key) is not None]
        if values:
            out[key] = max(values)
    out["seconds_all"] = [float(f["seconds"]) for f in figures]
    return out


class SizeRun:
    """All measurements for one corpus size, in one private work folder."""

    def __init__(self, size: int, args: argparse.Namespace) -> None:
        self.size = size
        self.args = args
        self.notes: list[str] = []
        self.work = Path(tempfile.mkdtemp(prefix=f"diplo-bench-{size}-"))
        self.env = {
            "DIPLO_CACHE_DIR": str(self.work / "cache"),
            "DIPLO_STATE_DIR": str(self.work / "state"),
        }
        # A private copy: the update test changes files, and the index is
        # tied to the folder's path. The cached corpus stays untouched.
        self.corpus = private_copy(make_corpus(size), self.work / f"articles-{size}")

    def log(self, msg: str) -> None:
        print(f"[{dt.datetime.now():%H:%M:%S}] n={self.size}: {msg}", file=sys.stderr, flush=True)

    # -- corpus changes for the update test --------------------------------

    def _change_corpus(self, round_: int) -> None:
        changed = self.corpus / article_name((_CHANGED + round_) % self.size)
        changed.write_text(
            changed.read_text(encoding="utf-8") + f"\nNachtrag {round_}: aktualisiert.\n",
            encoding="utf-8",
        )
        source = self.corpus / article_name((_ADDED_FROM + round_) % self.size)
        (self.corpus / f"gnad_added_{round_}.txt").write_text(
            source.read_text(encoding="utf-8") + "\nNeu aufgenommen.\n", encoding="utf-8"
        )
        (self.corpus / article_name((_REMOVED + round_) % self.size)).unlink()

    # -- measurements --------------------------------------------------------

    def diplo_cmd(self, *args: str) -> list[str]:
        return [_exe("diplo-reader"), "--articles", str(self.corpus), *args]

    def index_dir(self) -> Path | None:
        found = [
            p
            for p in (self.work / "cache" / "indexes").glob("*")
            if p.is_dir() and "." not in p.name
        ]
        return found[0] if found else None

    def builds(self, result: dict[str, Any]) -> None:
        """Each engine's full build `--build-reps` times, the engines in turn (so that
        a slower spell of a shared machine falls on all of them): the median time,
        the largest memory of the runs."""
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in ("diplo", *REFERENCES)}
        for rep in range(self.args.build_reps):
            runs["diplo"].append(self.build_diplo(again=rep > 0))
            for engine in REFERENCES:
                runs[engine].append(self.build_reference(engine))
        for name, figures in runs.items():
            result[name]["build"] = median_build(figures)

    def build_diplo(self, again: bool = False) -> dict[str, Any]:
        self.log("diplo-reader full build …")
        args = ("index", "--rebuild") if again else ("index",)
        res = run_measured(self.diplo_cmd(*args), env=self.env)
        index_dir = self.index_dir()
        if not res.ok() or index_dir is None:
            self.notes.append(f"diplo-reader build failed: {_last_line(res.stderr or res.stdout)}")
            return {"ok": False}
        m = re.search(r"in ([\d.]+) s: (\d+) added", res.stdout)
        added = int(m.group(2)) if m else None
        if added is not None and added != self.size:
            self.notes.append(f"diplo-reader indexed {added} of {self.size} articles")
        return self._build_figures(res, index_dir, in_process_s=float(m.group(1)) if m else None)

    def check_index(self, after: str) -> None:
        """Note it when diplo-reader would now rebuild its index: later
        figures would then measure a rebuild instead of what they name."""
        index_dir = self.index_dir()
        if index_dir is None:
            self.notes.append(f"after {after}: the index folder is gone")
            return
        cmd = [sys.executable, "-m", "bench.probes", "check", "--articles", str(self.corpus)]
        proc = subprocess.run(
            [*cmd, "--index", str(index_dir)],
            capture_output=True,
            text=True,
            cwd=source_root(),
            env={**os.environ, **self.env, "PYTHONPATH": str(source_root())},
        )
        verdict = _last_line(proc.stdout or proc.stderr)
        if verdict != "OK":
            self.notes.append(f"after {after}: diplo-reader would rebuild the index: {verdict}")

    def build_reference(self, engine: str) -> dict[str, Any]:
        """The plain-Whoosh baseline (bench/baseline.py) or tantivy
        (bench/tantivy_engine.py): a full build into work/<engine>."""
        self.log(f"{engine} full build …")
        module = REFERENCES[engine]
        if engine == "tantivy" and importlib.util.find_spec("tantivy") is None:
            self.notes.append("tantivy n/a: not installed (pip install -e '.[bench]')")
            return {"ok": False}
        target = self.work / engine
        shutil.rmtree(target, ignore_errors=True)
        res = run_measured([sys.executable, "-m", module, "build", str(self.corpus), str(target)])
        if not res.ok():
            self.notes.append(f"{engine} build failed: {_last_line(res.stderr)}")
            return {"ok": False}
        return self._build_figures(res, target, in_process_s=None)

    def _build_figures(
        self, res: Any, index_dir: Path, in_process_s: float | None
    ) -> dict[str, Any]:
        return {
            "ok": True,
            "seconds": res.seconds,
            "in_process_s": in_process_s,
            "articles_per_s": self.size / res.seconds,
            "index_mb": dir_size(index_dir) / MB,
            "index_files": sum(1 for p in index_dir.iterdir() if p.is_file()),
            "peak_rss_mb": res.peak_rss_single / MB,
            "peak_tree_mb": res.peak_rss_tree / MB,
            "peak_tree_pss_mb": res.peak_pss_tree / MB,
            "processes": res.procs,
            "index_dir": str(index_dir),
        }

    def cold_search(self, cmd: list[str], label: str) -> dict[str, Any]:
        self.log(f"cold search ×{self.args.reps} ({label}) …")
        times, out = [], ""
        for _ in range(self.args.reps):
            seconds, out = time_to_line(cmd, _is_first_hit, env=self.env)
            times.append(seconds)
        if _median(times) is None:
            self.notes.append(f"{label} cold search: no result printed ({_last_line(out)})")
        return {"median_s": _median(times), "runs_s": times, "query": COLD_QUERY}

    def tui(self) -> dict[str, Any]:
        self.log(f"TUI first paint ×{self.args.reps} …")
        cmd = [sys.executable, "-m", "bench.tui_probe", str(self.corpus)]
        times, out = [], ""
        for _ in range(self.args.reps):
            seconds, out = time_to_line(
                cmd, lambda ln: ln.strip() == "PAINTED", env=self.env, timeout=60
            )
            times.append(seconds)
            if seconds != seconds:
                break
        if _median(times) is None:
            self.notes.append(f"TUI first paint n/a: {_last_line(out)}")
        return {"median_s": _median(times), "runs_s": times}

    def first_launch(self) -> dict[str, Any]:
        """A new user's first start: the bundled articles, an empty cache and
        state folder each time, process start until titles are on screen."""
        self.log(f"first launch (empty cache) ×{self.args.reps} …")
        cmd = [sys.executable, "-m", "bench.tui_probe"]
        times, out = [], ""
        for rep in range(self.args.reps):
            home = self.work / f"first-launch-{rep}"
            articles = shutil.copytree(source_root() / "articles", home / "articles")
            env = {
                "DIPLO_CACHE_DIR": str(home / "cache"),
                "DIPLO_STATE_DIR": str(home / "state"),
                "XDG_CACHE_HOME": str(home / "xdg-cache"),
                "XDG_STATE_HOME": str(home / "xdg-state"),
            }
            seconds, out = time_to_line(
                [*cmd, str(articles)], lambda ln: ln.strip() == "PAINTED", env=env, timeout=60
            )
            times.append(seconds)
            if seconds != seconds:
                break
        if _median(times) is None:
            self.notes.append(f"first launch n/a: {_last_line(out)}")
        return {"median_s": _median(times), "runs_s": times}

    def search_probe(self, engine: str, index_dir: Path, label: str) -> dict[str, Any] | None:
        self.log(f"search probe ({label}) …")
        out = self.work / f"search-{label}.json"
        cmd = [
            sys.executable,
            "-m",
            "bench.probes",
            "search",
            "--engine",
            engine,
            "--articles",
            str(self.corpus),
            "--index",
            str(index_dir),
            "--out",
            str(out),
            "--passes",
            str(1 if self.args.smoke else 3),
        ]
        if self.args.smoke:
            cmd.append("--smoke")
        elif self.args.queries:
            cmd += ["--queries", str(self.args.queries)]
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            cwd=source_root(),
            env={**os.environ, **self.env, "PYTHONPATH": str(source_root())},
        )
        if proc.returncode != 0 or not out.exists():
            self.notes.append(f"search ({label}) n/a: {_last_line(proc.stderr)}")
            return None
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        if data["errors"]:
            bad = [q["query"] for q in data["queries"] if q["error"]][:5]
            self.notes.append(f"search ({label}): {data['errors']} queries raised, e.g. {bad}")
        if data["hits_without_snippet"]:
            self.notes.append(
                f"search ({label}): {data['hits_without_snippet']} hits without a snippet"
            )
        return data

    def incremental(self) -> dict[str, Any]:
        rounds = 1 if self.args.smoke else UPDATE_ROUNDS
        self.log(f"incremental update ×{rounds} …")
        times: list[float] = []
        outputs: list[str] = []
        try:
            for r in range(rounds):
                self._change_corpus(r)
                res = run_measured(self.diplo_cmd("index"), env=self.env)
                outputs.append(
                    res.stdout.strip().splitlines()[0] if res.stdout.strip() else res.stderr[-300:]
                )
                times.append(res.seconds if res.ok() else float("nan"))
                if "1 added, 1 updated, 1 removed" not in res.stdout:
                    self.notes.append(
                        f"incremental round {r}: unexpected report: {_last_line(outputs[-1])}"
                    )
        except OSError as exc:
            self.notes.append(f"incremental update failed: {exc}")
        return {"median_s": _median(times), "runs_s": times, "reports": outputs}

    def run(self) -> dict[str, Any]:
        started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        result: dict[str, Any] = {
            "size": self.size,
            "started": started,
            "env": environment(),
            "smoke": bool(self.args.smoke),
            "diplo": {},
            "baseline": {},
            "tantivy": {},
        }
        diplo = result["diplo"]
        try:
            self.builds(result)
            index_dir = self.index_dir()
            self.check_index("the full build")
            diplo["cold_search"] = self.cold_search(
                self.diplo_cmd("search", COLD_QUERY), "diplo-reader"
            )
            self.check_index("the cold searches")
            for engine, module in REFERENCES.items():
                if result[engine]["build"].get("ok"):
                    result[engine]["cold_search"] = self.cold_search(
                        [
                            sys.executable,
                            "-m",
                            module,
                            "search",
                            str(self.work / engine),
                            COLD_QUERY,
                        ],
                        engine,
                    )
            diplo["tui"] = self.tui()
            diplo["first_launch"] = self.first_launch()
            self.check_index("the TUI start-ups")
            if index_dir is not None:
                diplo["search"] = self.search_probe("diplo", index_dir, "diplo")
            for engine in REFERENCES:
                if result[engine]["build"].get("ok"):
                    result[engine]["search"] = self.search_probe(engine, self.work / engine, engine)
            self.check_index("the search probes")
            diplo["incremental"] = self.incremental()
            self.check_index("the incremental updates")
            index_dir = self.index_dir()
            if index_dir is not None and not self.args.smoke:
                diplo["search_after_updates"] = self.search_probe(
                    "diplo", index_dir, "diplo-updated"
                )
                diplo["segments_after_updates"] = len(list(index_dir.glob("*.seg")))
        finally:
            if not self.args.keep:
                shutil.rmtree(self.work, ignore_errors=True)
        result["notes"] = self.notes
        return result


def _is_first_hit(line: str) -> bool:
    """The first line of a hit in `diplo-reader search`/baseline output (its title)."""
    text = line.rstrip("\n")
    return (
        bool(text.strip())
        and not text.startswith(" ")
        and not re.fullmatch(r"\d+ results?|\d+ result\(s\)", text)
        and not text.startswith("No results")
    )


SNAPSHOT_PACKAGES = ("index", "reader", "bench", "articles")


def snapshot_source(dest: Path) -> Path:
    """Copy the code under test, so that commits and edits made in this
    (shared) checkout while the benchmark runs do not change what it measures
    halfway through (a schema bump would turn a cold search into a rebuild)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "corpora", "results", "*.pyc")
    for name in SNAPSHOT_PACKAGES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    # Byte-compiled, as `pip install` leaves an installed package: without it,
    # and with PYTHONDONTWRITEBYTECODE set (as in this workplace's shells),
    # every measured start would compile the whole program again (~0.25 s).
    compileall.compile_dir(str(dest), quiet=1)
    return dest


def write_json(result: dict[str, Any], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d_%H%M%S")
    path = out_dir / f"{stamp}_n{result['size']}{'_smoke' if result['smoke'] else ''}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="folder for the JSON results")
    parser.add_argument("--queries", type=int, default=None, help="use only the first N queries")
    parser.add_argument("--reps", type=int, default=5, help="repeats of cold starts (median)")
    parser.add_argument(
        "--build-reps", type=int, default=1, help="full builds per engine (median time)"
    )
    parser.add_argument(
        "--smoke",
        "--queries-only-smoke",
        dest="smoke",
        action="store_true",
        help="fast check that the harness works: few queries, one repeat",
    )
    parser.add_argument(
        "--docs", type=Path, default=None, help="also write the Markdown tables here"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folders")
    args = parser.parse_args(argv)
    if args.smoke:
        args.reps = 1
    return args


def main(argv: list[str] | None = None, emit: Callable[[str], None] = print) -> int:
    args = parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    results = []
    env = environment()  # of the checkout, at the moment of the snapshot
    with tempfile.TemporaryDirectory(prefix="diplo-bench-src-") as src:
        use_source(snapshot_source(Path(src)))
        try:
            for size in sizes:
                result = SizeRun(size, args).run()
                result["env"] = {**env, "loadavg": result["env"]["loadavg"]}
                path = write_json(result, args.out)
                results.append(result)
                emit(report.render_text(result))
                emit(f"(JSON: {path})\n")
        finally:
            use_source(ROOT)
    if args.docs is not None:
        args.docs.parent.mkdir(parents=True, exist_ok=True)
        args.docs.write_text(
            "\n".join(report.render_markdown(r) for r in results), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
