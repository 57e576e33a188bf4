"""Code that runs inside a measured, fresh process.

    python -m bench.probes search --engine diplo|baseline --articles DIR --index DIR --out F
    python -m bench.probes tui --articles DIR

`search` opens the index, runs the query set and the keystroke sequences and
writes latencies and the process' memory as JSON. `tui` starts the reader
headless and prints PAINTED when the first screen with results is drawn (the
parent times it from process start).
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

SearchFn = Callable[[str], tuple[int, int]]
"""search(text) -> (hits returned, hits with a snippet)."""


def partial_query(text: str) -> str:
    """How the TUI turns partial input into a query. Uses the reader's own
    function when it has one; otherwise: prefix search on the last word."""
    for module, name in (
        ("reader.typeahead", "partial_query"),
        ("index.search", "typeahead_query"),
        ("index.search", "partial_query"),
    ):
        try:
            fn = getattr(__import__(module, fromlist=[name]), name)
        except (ImportError, AttributeError):
            continue
        return str(fn(text))
    return default_partial_query(text)


def default_partial_query(text: str) -> str:
    words = text.split(" ")
    last = words[-1]
    if last and last[-1].isalnum() and not last.endswith(("*", "~", '"')):
        words[-1] = last + "*"
    return " ".join(words)


def partial_query_source() -> str:
    for module, name in (
        ("reader.typeahead", "partial_query"),
        ("index.search", "typeahead_query"),
        ("index.search", "partial_query"),
    ):
        try:
            getattr(__import__(module, fromlist=[name]), name)
            return f"{module}.{name}"
        except (ImportError, AttributeError):
            continue
    return "bench default: prefix on the last word (Brü → Brü*)"


def open_diplo(articles: Path, index_dir: Path) -> tuple[SearchFn, Callable[[str], str]]:
    from index.library import Library

    library = Library(articles, index_dir)
    if not library.open_existing():
        library.update()

    def search(text: str) -> tuple[int, int]:
        result = library.search(text, limit=20)
        return len(result.hits), sum(1 for h in result.hits if h.snippet)

    return search, partial_query


def open_baseline(index_dir: Path) -> tuple[SearchFn, Callable[[str], str]]:
    from bench.baseline import BaselineSearcher

    searcher = BaselineSearcher(index_dir)

    def search(text: str) -> tuple[int, int]:
        hits = searcher.search(text, limit=20)
        return len(hits), sum(1 for h in hits if h["snippet"])

    return search, default_partial_query


def _timed(search: SearchFn, text: str) -> tuple[float, int, int, str | None]:
    start = time.perf_counter()
    try:
        n, with_snippet = search(text)
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
) -> dict[str, Any]:
    t0 = time.perf_counter()
    search, partial = (
        open_diplo(articles, index_dir) if engine == "diplo" else open_baseline(index_dir)
    )
    open_s = time.perf_counter() - t0
    queries: list[Query] = SMOKE_QUERIES if smoke else select_queries(n_queries)
    texts = [(q, q.text if engine == "diplo" else q.baseline_text) for q in queries]
    texts = [(q, t) for q, t in texts if t is not None]
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
            seconds, n, _, error = _timed(search, text)
            strokes.append(
                {"typed": prefix, "query": text, "ms": seconds * 1000, "hits": n, "error": error}
            )
    by_cat: dict[str, dict[str, float]] = {}
    for cat in dict.fromkeys(p["category"] for p in per_query):
        by_cat[cat] = summary_ms([p["ms"] / 1000 for p in per_query if p["category"] == cat])
    proc = psutil.Process()
    return {
        "engine": engine,
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
        "keystroke_source": partial_query_source()
        if engine == "diplo"
        else "prefix on the last word",
        "keystrokes": strokes,
        "rss_mb": proc.memory_info().rss / MB,
    }


def run_tui_probe(articles: Path) -> int:
    """Start the app headless; print PAINTED once results are on screen."""
    from bench.tui_hooks import make_app, results_shown
    from reader import app as app_module  # raises ImportError while the TUI is missing

    app = make_app(app_module, articles)
    deadline = time.monotonic() + 30.0

    def check() -> None:
        if results_shown(app):
            print("PAINTED", flush=True)
            app.exit()
        elif time.monotonic() > deadline:
            print("TIMEOUT", flush=True)
            app.exit()

    app.call_after_refresh(lambda: app.set_interval(0.005, check))
    app.run(headless=True)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench.probes")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("search")
    p.add_argument("--engine", choices=("diplo", "baseline"), required=True)
    p.add_argument("--articles", type=Path, required=True)
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--passes", type=int, default=3)
    p.add_argument("--queries", type=int, default=None, help="use only the first N queries")
    p = sub.add_parser("tui")
    p.add_argument("--articles", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.cmd == "tui":
        return run_tui_probe(args.articles)
    data = run_search_probe(
        args.engine, args.articles, args.index, args.smoke, args.passes, args.queries
    )
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
