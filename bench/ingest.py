"""Figures for news in: the catalog scan each `add`/`fetch` starts with, page
extraction, and how fast the live-folder watcher reports a new file.

    python -m bench.ingest [--files 10000] [--runs 5]

Everything runs on made-up articles in a temporary folder; no network.
Prints medians; the machine's load moves them, so compare within one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

PARAGRAPH = (
    "Die Außenministerinnen und Außenminister haben sich am Dienstag in Genf getroffen, "
    "um über die Lage im Nahen Osten zu beraten. Die Gespräche dauerten bis in den Abend. "
)


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def bench_catalog(root: Path, files: int, runs: int) -> None:
    from index.ingest.catalog import Catalog
    from index.ingest.pages import Page
    from index.ingest.write import render

    for i in range(files):
        folder = root / f"site{i % 20}"
        folder.mkdir(parents=True, exist_ok=True)
        page = Page(
            title=f"Meldung {i}",
            text=PARAGRAPH * 15 + str(i),
            url=f"https://beispiel.de/{i}",
            date="2024-03-05",
            date_precision="day",
        )
        (folder / f"meldung-{i}.md").write_text(render(page), encoding="utf-8")
    cold, warm = [], []
    for _ in range(runs):
        t = time.perf_counter()
        Catalog(root, use_cache=False)
        cold.append(time.perf_counter() - t)
    Catalog(root)  # writes the cache
    for _ in range(runs):
        t = time.perf_counter()
        Catalog(root)
        warm.append(time.perf_counter() - t)
    print(f"catalog over {files} files, every file read: {_median(cold)}")
    print(f"catalog over {files} files, cached:          {_median(warm)}")


def bench_extract(runs: int) -> None:
    from index.ingest.pages import extract_page

    html = (
        "<html lang='de'><head><title>Gipfel in Genf</title></head><body><nav>Start</nav>"
        f"<article><h1>Gipfel in Genf</h1>{''.join(f'<p>{i}. {PARAGRAPH}</p>' for i in range(12))}"
        "</article><footer>Impressum</footer></body></html>"
    ).encode()
    extract_page(html)  # imports trafilatura
    times = []
    for _ in range(runs * 4):
        t = time.perf_counter()
        extract_page(html, url="https://beispiel.de/gipfel")
        times.append(time.perf_counter() - t)
    print(f"extract one 12-paragraph page:              {_median(times)}")


def bench_watch(root: Path, runs: int) -> None:
    from index.ingest.watch import PollingWatcher, WatchfilesWatcher
    from index.ingest.write import atomic_write

    for cls in (WatchfilesWatcher, PollingWatcher):
        seen = threading.Event()
        watcher = cls(root, lambda _paths, seen=seen: seen.set())
        watcher.start()
        time.sleep(0.5)
        times = []
        for i in range(runs):
            seen.clear()
            t = time.monotonic()
            atomic_write(root / "neu" / f"{cls.__name__}-{i}.md", PARAGRAPH)
            seen.wait(5)
            times.append(time.monotonic() - t)
            time.sleep(0.3)
        watcher.close()
        print(f"new file reported by {cls.__name__:<18} {_median(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("DIPLO_CACHE_DIR", str(Path(tmp) / "cache"))
        bench_catalog(Path(tmp) / "articles", args.files, args.runs)
        bench_extract(args.runs)
        bench_watch(Path(tmp) / "watched", args.runs)


if __name__ == "__main__":
    main()
