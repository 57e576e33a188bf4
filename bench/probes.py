"""The search probe: runs inside a measured, fresh process.

    python -m bench.probes search --engine diplo|baseline|tantivy --articles DIR --index DIR --out F

Opens the index, runs the query set and the keystroke sequences and writes
latencies and the process' memory as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

from bench.measure import MB, summary_ms
from bench.queries import SMOKE_QUERIES, TYPED, Query, keystrokes, select_queries

SearchFn = Callable[[str, int], tuple[int, int]]
"""search(text, limit) -> (hits returned, hits with a snippet)."""


def keystroke_settings() -> tuple[Callable[[str], str], int, str]:
    """How the TUI turns the input into a search after each (debounced)
    keystroke: (input -> query, result limit, description). Follows
    reader/workers.py: `Library.search(..., typing=True)`, which runs
    `index.query.parse.as_you_type` (an unfinished last word also matches as a
    prefix), and its first page `RESULT_LIMIT`; falls back to top 20."""
    try:
        from index.query.parse import as_you_type
        from reader.workers import RESULT_LIMIT
    except Exception:  # the TUI is missing or broken: measure the plain search
        return str.strip, 20, "input as typed, top 20 (reader.workers not importable)"
    return (
        as_you_type,
        int(RESULT_LIMIT),
        f"as you type (last word also as prefix), top {RESULT_LIMIT} (as reader/workers.py)",
    )


def open_diplo(articles: Path, index_dir: Path) -> SearchFn:
    from index.library import Library

    library = Library(articles, index_dir)
    if not library.open_existing():
        # Not expected (the harness built it): measured anyway, reported by run.py.
        library.update()

    def search(text: str, limit: int) -> tuple[int, int]:
        result = library.search(text, limit=limit)
        return len(result.hits), sum(1 for h in result.hits if h.snippet)

    return search


def open_baseline(index_dir: Path) -> SearchFn:
    from bench.baseline import BaselineSearcher

    searcher = BaselineSearcher(index_dir)

    def search(text: str, limit: int) -> tuple[int, int]:
        hits = searcher.search(text, limit=limit)
        return len(hits), sum(1 for h in hits if h["snippet"])

    return search


def open_tantivy(index_dir: Path) -> SearchFn:
    from bench.tantivy_engine import TantivySearcher

    searcher = TantivySearcher(index_dir)

    def search(text: str, limit: int) -> tuple[int, int]:
        hits = searcher.search(text, limit=limit)
        return len(hits), sum(1 for h in hits if h["snippet"])

    return search


OPENERS: dict[str, Callable[[Path], SearchFn]] = {
    "baseline": open_baseline,
    "tantivy": open_tantivy,
}


def _timed(search: SearchFn, text: str, limit: int = 20) -> tuple[float, int, int, str | None]:
    start = time.perf_counter()
    try:
        n, with_snippet = search(text, limit)
        error = None
    except Exception as exc:  # a failing query is a result too
        n, with_snippet, error = 0, 0, f"{type(exc).__name__}: {exc}"
    return time.perf_counter() - start, n, with_snippet, error


def run_search_probe(
    engine: str,
    articles: Path,
    index_dir: Path,
    smoke: bool,
    passes: int,
    n_queries: int | None = None,
    keystroke_limit: int | None = None,
) -> dict[str, Any]:
    check = index_check(articles, index_dir) if engine == "diplo" else None
    t0 = time.perf_counter()
    search = open_diplo(articles, index_dir) if engine == "diplo" else OPENERS[engine](index_dir)
    partial, stroke_limit, stroke_source = keystroke_settings()
    if engine != "diplo":  # the baseline and tantivy search the input as typed
        partial = str.strip
    if keystroke_limit is not None:  # what-if: the TUI asking for fewer hits
        stroke_limit, stroke_source = keystroke_limit, f"input as typed, top {keystroke_limit}"
    open_s = time.perf_counter() - t0
    queries: list[Query] = SMOKE_QUERIES if smoke else select_queries(n_queries)
    texts: list[tuple[Query, str]] = []
    for q in queries:
        text = q.text if engine == "diplo" else q.baseline_text
        if text is not None:  # a date-only query has no baseline form
            texts.append((q, text))
    first_s = _timed(search, texts[0][1])[0]
    per_query: list[dict[str, Any]] = []
    for q, text in texts:
        runs = [_timed(search, text) for _ in range(passes)]
        per_query.append(
            {
                "query": text,
                "category": q.category,
                "ms": statistics.median(r[0] for r in runs) * 1000,
                "hits": runs[0][1],
                "with_snippet": runs[0][2],
                "error": runs[0][3],
            }
        )
    strokes: list[dict[str, Any]] = []
    typed = TYPED[:2] if smoke else TYPED
    for word in typed:
        for prefix in keystrokes(word):
            text = partial(prefix)
            seconds, n, _, error = _timed(search, text, stroke_limit)
            strokes.append(
                {"typed": prefix, "query": text, "ms": seconds * 1000, "hits": n, "error": error}
            )
    by_cat: dict[str, dict[str, float]] = {}
    for cat in dict.fromkeys(p["category"] for p in per_query):
        by_cat[cat] = summary_ms([p["ms"] / 1000 for p in per_query if p["category"] == cat])
    proc = psutil.Process()
    return {
        "engine": engine,
        "index_check": check,
        "open_s": open_s,
        "first_query_ms": first_s * 1000,
        "passes": passes,
        "search": summary_ms([p["ms"] / 1000 for p in per_query]),
        "by_category": by_cat,
        "queries": per_query,
        "errors": sum(1 for p in per_query if p["error"]),
        "zero_hits": [p["query"] for p in per_query if not p["hits"]],
        "hits_without_snippet": sum(p["hits"] - p["with_snippet"] for p in per_query),
        "keystroke": summary_ms([s["ms"] / 1000 for s in strokes]),
        "keystroke_source": stroke_source,
        "keystrokes": strokes,
        "rss_mb": proc.memory_info().rss / MB,
    }


def index_check(articles: Path, index_dir: Path) -> str | None:
    """None when diplo-reader would use the index as it is, else its reason
    to rebuild (index.store.disk.check_index)."""
    try:
        from index.store.disk import check_index
    except ImportError as exc:
        return f"cannot check: {exc}"
    return check_index(Path(index_dir), Path(articles).resolve())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench.probes")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("search")
    p.add_argument("--engine", choices=("diplo", "baseline", "tantivy"), required=True)
    p.add_argument("--articles", type=Path, required=True)
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--passes", type=int, default=3)
    p.add_argument("--queries", type=int, default=None, help="use only the first N queries")
    p.add_argument("--keystroke-limit", type=int, default=None, help="override the TUI's limit")
    p = sub.add_parser("check", help="print why the index would be rebuilt (or OK)")
    p.add_argument("--articles", type=Path, required=True)
    p.add_argument("--index", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.cmd == "check":
        print(index_check(args.articles, args.index) or "OK")
        return 0
    data = run_search_probe(
        args.engine,
        args.articles,
        args.index,
        args.smoke,
        args.passes,
        args.queries,
        args.keystroke_limit,
    )
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
