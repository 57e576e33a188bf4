"""Search latency of diplo-reader's German-aware search at scale.

    .venv/bin/python bench/search_bench.py --size 10000

Builds (or reuses) a corpus of 10kGNAD articles (bench/corpus.py), indexes it
directly with index/schema.py (no cleaning or extraction: this measures the
analyzer chain and search, person/place fields stay empty), then times
search() with snippets for the top 20 over QUERIES and a search-as-you-type
keystroke run. Prints median / p95 / max per category.

bench/run.py imports make_corpus, QUERIES, KEYSTROKES, build_index,
measure_queries and measure_keystrokes from here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from whoosh import index as whoosh_index  # noqa: E402

from bench import corpus as bench_corpus  # noqa: E402
from bench.queries import QUERIES as HARNESS_QUERIES  # noqa: E402
from index.query.scoring import weighting  # noqa: E402
from index.records import Article, Metadata  # noqa: E402
from index.search.searching import search  # noqa: E402
from index.store.schema import article_document, build_schema  # noqa: E402

# The harness' 73 queries plus German spellings and compounds this module cares about.
QUERIES: list[str] = [q.text for q in HARNESS_QUERIES] + [
    "Sicherheit",
    "Waffenstillstand",
    "Gespraech",
    "Verhandlungen",
    "Koalition",
    "Bundeskanzler",
    "Asylwerber",
    "Grenzzaun",
    "Hilfe Griechenland",
    "Aussenministerium",
    "oesterreichische Regierung",
    '"Angela Merkel"',
    "Putins",
    "Russlands",
    "EU-Gipfel",
    "datum:2016-01",
    "ort:Wien Polizei",
    "B*",
    "Fl*",
    "Kanzler~",
]
CATEGORY: dict[str, str] = {q.text: q.category for q in HARNESS_QUERIES}
KEYSTROKES: list[str] = [
    "Brüssel",
    "Flüchtlinge",
    "Regierung",
    "Merkel",
    "Sicherheit",
    "Griechenland",
    "Polizei",
    "Wahlkampf",
    "Aussenminister",
    "Türkei",
]


def make_corpus(n: int, dest_dir: Path | None = None) -> Path:
    """n article files from 10kGNAD (replicated with distinct ids); cached."""
    return bench_corpus.make_corpus(n, dest_dir)


def _article(path: Path) -> Article:
    """An Article from a bench corpus file: date line, title, body."""
    raw = path.read_text(encoding="utf-8")
    date_line, _, rest = raw.partition("\n\n")
    title, _, body = rest.partition("\n\n")
    try:
        date: str | None = dt.datetime.strptime(date_line.strip(), "%d.%m.%Y").date().isoformat()
    except ValueError:
        date = None
    meta = Metadata(date=date, date_precision="day" if date else "unknown")
    return Article(
        id=path.stem,
        path=str(path),
        title=title.strip(),
        body=body.strip(),
        text=f"{title.strip()}\n\n{body.strip()}",
        content_hash=path.stem,
        meta=meta,
    )


def build_index(corpus_dir: Path, index_dir: Path, procs: int = 1) -> dict[str, Any]:
    """Index every article of `corpus_dir` into a fresh `index_dir`."""
    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    files = sorted(corpus_dir.glob("*.txt"))
    start, cpu = time.perf_counter(), time.process_time()
    ix = whoosh_index.create_in(str(index_dir), build_schema())
    kwargs: dict[str, Any] = {"limitmb": 256}
    if procs > 1:
        kwargs.update(procs=procs, multisegment=False)
    writer = ix.writer(**kwargs)
    for path in files:
        writer.add_document(**article_document(_article(path)))
    writer.commit()
    size = sum(p.stat().st_size for p in index_dir.iterdir())
    return {**_timing(len(files), start, cpu), "index_mb": round(size / 1e6, 1)}


def _timing(n_files: int, start: float, cpu_start: float) -> dict[str, Any]:
    """Wall and CPU time of a build since (start, cpu_start), per article too."""
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    n = max(1, n_files)
    return {
        "articles": n_files,
        "seconds": round(seconds, 2),
        "ms_per_article": round(seconds * 1000 / n, 2),
        "cpu_ms_per_article": round(cpu * 1000 / n, 2),
    }


def build_baseline(corpus_dir: Path, index_dir: Path) -> dict[str, Any]:
    """The same articles with plain LanguageAnalyzer("de") on title and body,
    for a same-machine, same-load comparison of the analysis cost."""
    from whoosh import fields
    from whoosh.analysis import LanguageAnalyzer

    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    analyzer = LanguageAnalyzer("de")
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=analyzer, stored=True),
        body=fields.TEXT(analyzer=analyzer, stored=True),
    )
    files = sorted(corpus_dir.glob("*.txt"))
    start, cpu = time.perf_counter(), time.process_time()
    writer = whoosh_index.create_in(str(index_dir), schema).writer(limitmb=256)
    for path in files:
        a = _article(path)
        writer.add_document(id=a.id, title=a.title, body=a.text)
    writer.commit()
    return _timing(len(files), start, cpu)


def _stats(times_ms: Sequence[float]) -> dict[str, float]:
    ordered = sorted(times_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median": round(statistics.median(ordered), 1),
        "p95": round(p95, 1),
        "max": round(ordered[-1], 1),
    }


def measure_queries(
    ix: Any, queries: Iterable[str], repeat: int = 3, limit: int = 20
) -> dict[str, Any]:
    """Per-query latency of search() with snippets for the top `limit`.

    Each query runs `repeat` times; the first (cold) run counts like the rest.
    Returns overall stats, the slowest queries and the per-query medians.
    """
    per_query: dict[str, float] = {}
    all_times: list[float] = []
    cpu_times: list[float] = []
    by_category: dict[str, list[float]] = {}
    for q in queries:
        times = []
        for _ in range(repeat):
            t, c = time.perf_counter(), time.process_time()
            search(ix, q, limit=limit)
            times.append((time.perf_counter() - t) * 1000)
            cpu_times.append((time.process_time() - c) * 1000)
        per_query[q] = statistics.median(times)
        all_times.extend(times)
        by_category.setdefault(CATEGORY.get(q, "other"), []).extend(times)
    slowest = sorted(per_query.items(), key=lambda kv: -kv[1])[:5]
    return {
        "overall": _stats(all_times),
        "overall_cpu": _stats(cpu_times),
        "by_category": {k: _stats(v) for k, v in by_category.items()},
        "slowest": [(q, round(t, 1)) for q, t in slowest],
        "per_query_ms": {q: round(t, 2) for q, t in per_query.items()},
    }


def measure_keystrokes(
    ix: Any, words: Iterable[str] = KEYSTROKES, limit: int = 20
) -> dict[str, Any]:
    """Search-as-you-type: every prefix of each word, as typed and as a prefix query."""
    plain: list[float] = []
    starred: list[float] = []
    cpu: list[float] = []
    for word in words:
        for i in range(1, len(word) + 1):
            for q, bucket in ((word[:i], plain), (word[:i] + "*", starred)):
                t, c = time.perf_counter(), time.process_time()
                search(ix, q, limit=limit)
                bucket.append((time.perf_counter() - t) * 1000)
                if bucket is plain:
                    cpu.append((time.process_time() - c) * 1000)
    return {"typed": _stats(plain), "typed_cpu": _stats(cpu), "typed_prefix": _stats(starred)}


def analysis_costs(corpus_dir: Path, sample: int = 2000) -> dict[str, float]:
    """What compound splitting costs: the distinct words of `sample` articles
    analyzed cold, with and without the splitter (fresh caches)."""
    from index.text import analysis, compounds

    words: set[str] = set()
    for path in sorted(corpus_dir.glob("*.txt"))[:sample]:
        words.update(m.group() for m in analysis.WORD_RE.finditer(path.read_text(encoding="utf-8")))
    folded = {analysis.fold(w) for w in words}
    compounds.lexicon()
    t = time.perf_counter()
    lexicon_load = 0.0
    compounds.lexicon.cache_clear()
    compounds.lexicon()
    lexicon_load = time.perf_counter() - t
    compounds._segment.cache_clear()
    compounds.split_compound.cache_clear()
    t = time.perf_counter()
    split = sum(1 for f in folded if compounds.split_compound(f))
    split_s = time.perf_counter() - t
    return {
        "distinct_words": len(folded),
        "compounds_split": split,
        "split_seconds_cold": round(split_s, 2),
        "split_us_per_word": round(split_s * 1e6 / max(1, len(folded)), 1),
        "lexicon_load_ms": round(lexicon_load * 1000, 1),
    }


def _print_table(title: str, rows: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"{'':24} {'n':>5} {'median':>8} {'p95':>8} {'max':>8}  (ms)")
    for name, s in rows.items():
        print(f"{name:24} {s['n']:>5} {s['median']:>8} {s['p95']:>8} {s['max']:>8}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument(
        "--index-dir", type=Path, default=ROOT / "bench" / "corpora" / "search-index"
    )
    parser.add_argument("--reuse", action="store_true", help="search an existing index")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also build a plain LanguageAnalyzer index for comparison",
    )
    args = parser.parse_args(argv)

    corpus_dir = make_corpus(args.size)
    index_dir = args.index_dir / str(args.size)
    result: dict[str, Any] = {"size": args.size}
    if not (args.reuse and whoosh_index.exists_in(str(index_dir))):
        result["build"] = build_index(corpus_dir, index_dir, args.procs)
        print("build:", result["build"])
    if args.baseline:
        result["baseline_build"] = build_baseline(
            corpus_dir, args.index_dir / f"{args.size}-baseline"
        )
        print("baseline build:", result["baseline_build"])
    ix = whoosh_index.open_dir(str(index_dir))
    # One searcher for every query, as Library keeps one (index/library.py).
    searcher = ix.searcher(weighting=weighting())
    search(searcher, "Warmlauf")  # imports, lexicon and reader caches
    result["queries"] = measure_queries(searcher, QUERIES)
    result["keystrokes"] = measure_keystrokes(searcher)
    result["analysis"] = analysis_costs(corpus_dir)
    rows = {
        "all queries": result["queries"]["overall"],
        "all queries, CPU time": result["queries"]["overall_cpu"],
    }
    rows.update({f"  {k}": v for k, v in result["queries"]["by_category"].items()})
    rows.update(
        {
            "keystroke (as typed)": result["keystrokes"]["typed"],
            "keystroke, CPU time": result["keystrokes"]["typed_cpu"],
            "keystroke (as prefix*)": result["keystrokes"]["typed_prefix"],
        }
    )
    _print_table(
        f"search with snippets, top 20, {args.size} articles, {len(QUERIES)} queries x3", rows
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("slowest:", result["queries"]["slowest"])
    print("compound splitting:", result["analysis"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
