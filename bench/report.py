"""Tables and targets from a size's results dict (as stored in the JSON).

python -m bench.report RESULT.json …   # Markdown for docs/benchmarks.md
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Getter = Callable[[dict[str, Any]], float | None]


def _get(*keys: str) -> Getter:
    def get(d: dict[str, Any]) -> float | None:
        cur: Any = d
        for key in keys:
            if not isinstance(cur, dict) or cur.get(key) is None:
                return None
            cur = cur[key]
        return float(cur) if isinstance(cur, int | float) else None

    return get


@dataclass(frozen=True)
class Row:
    label: str
    unit: str
    diplo: Getter
    baseline: Getter | None = None
    fmt: str = "{:.2f}"
    tantivy: Getter | None = None


def _incremental_median(d: dict[str, Any]) -> float | None:
    """Median over the rounds that really were incremental: a round that
    rebuilt the whole index (its report says "Rebuilt") measures a full build
    and is left out (run.py notes it)."""
    inc = (d.get("diplo") or {}).get("incremental") or {}
    runs, reports = inc.get("runs_s") or [], inc.get("reports") or []
    if len(runs) != len(reports):
        return _get("diplo", "incremental", "median_s")(d)
    good = sorted(
        r for r, rep in zip(runs, reports, strict=True) if r == r and not rep.startswith("Rebuilt")
    )
    if not good:
        return None
    mid = len(good) // 2
    return good[mid] if len(good) % 2 else (good[mid - 1] + good[mid]) / 2


ROWS: list[Row] = [
    Row(
        "full build",
        "s",
        _get("diplo", "build", "seconds"),
        _get("baseline", "build", "seconds"),
        "{:.1f}",
        tantivy=_get("tantivy", "build", "seconds"),
    ),
    Row(
        "build throughput",
        "articles/s",
        _get("diplo", "build", "articles_per_s"),
        _get("baseline", "build", "articles_per_s"),
        "{:.0f}",
        tantivy=_get("tantivy", "build", "articles_per_s"),
    ),
    Row(
        "index size",
        "MB",
        _get("diplo", "build", "index_mb"),
        _get("baseline", "build", "index_mb"),
        "{:.1f}",
        tantivy=_get("tantivy", "build", "index_mb"),
    ),
    Row(
        "build peak RSS, largest process",
        "MB",
        _get("diplo", "build", "peak_rss_mb"),
        _get("baseline", "build", "peak_rss_mb"),
        "{:.0f}",
        tantivy=_get("tantivy", "build", "peak_rss_mb"),
    ),
    Row(
        "build peak RSS, whole tree",
        "MB",
        _get("diplo", "build", "peak_tree_mb"),
        _get("baseline", "build", "peak_tree_mb"),
        "{:.0f}",
        tantivy=_get("tantivy", "build", "peak_tree_mb"),
    ),
    Row(
        "build peak memory, whole tree, shared pages once (sum of PSS)",
        "MB",
        _get("diplo", "build", "peak_tree_pss_mb"),
        _get("baseline", "build", "peak_tree_pss_mb"),
        "{:.0f}",
        tantivy=_get("tantivy", "build", "peak_tree_pss_mb"),
    ),
    Row(
        "incremental update (1 changed, 1 added, 1 removed), median",
        "s",
        _incremental_median,
    ),
    Row(
        "cold `search` to first result, median",
        "s",
        _get("diplo", "cold_search", "median_s"),
        _get("baseline", "cold_search", "median_s"),
        tantivy=_get("tantivy", "cold_search", "median_s"),
    ),
    Row("TUI first paint with results, median", "s", _get("diplo", "tui", "median_s")),
    Row(
        "first launch, empty cache, bundled articles: titles on screen, median",
        "s",
        _get("diplo", "first_launch", "median_s"),
    ),
    Row(
        "search + top-20 snippets, median",
        "ms",
        _get("diplo", "search", "search", "median_ms"),
        _get("baseline", "search", "search", "median_ms"),
        "{:.1f}",
        tantivy=_get("tantivy", "search", "search", "median_ms"),
    ),
    Row(
        "search + top-20 snippets, p95",
        "ms",
        _get("diplo", "search", "search", "p95_ms"),
        _get("baseline", "search", "search", "p95_ms"),
        "{:.1f}",
        tantivy=_get("tantivy", "search", "search", "p95_ms"),
    ),
    Row(
        "search + top-20 snippets, max",
        "ms",
        _get("diplo", "search", "search", "max_ms"),
        _get("baseline", "search", "search", "max_ms"),
        "{:.1f}",
        tantivy=_get("tantivy", "search", "search", "max_ms"),
    ),
    *(
        Row(
            f"{cat} queries, p95",
            "ms",
            _get("diplo", "search", "by_category", cat, "p95_ms"),
            _get("baseline", "search", "by_category", cat, "p95_ms"),
            "{:.1f}",
            tantivy=_get("tantivy", "search", "by_category", cat, "p95_ms"),
        )
        for cat in ("prefix", "boolean", "fuzzy")
    ),
    Row(
        "search p95 after the updates (several segments)",
        "ms",
        _get("diplo", "search_after_updates", "search", "p95_ms"),
        None,
        "{:.1f}",
    ),
    Row(
        "keystroke, median",
        "ms",
        _get("diplo", "search", "keystroke", "median_ms"),
        _get("baseline", "search", "keystroke", "median_ms"),
        "{:.1f}",
        tantivy=_get("tantivy", "search", "keystroke", "median_ms"),
    ),
    Row(
        "keystroke, p95",
        "ms",
        _get("diplo", "search", "keystroke", "p95_ms"),
        _get("baseline", "search", "keystroke", "p95_ms"),
        "{:.1f}",
        tantivy=_get("tantivy", "search", "keystroke", "p95_ms"),
    ),
    Row(
        "keystroke, max",
        "ms",
        _get("diplo", "search", "keystroke", "max_ms"),
        _get("baseline", "search", "keystroke", "max_ms"),
        "{:.1f}",
        tantivy=_get("tantivy", "search", "keystroke", "max_ms"),
    ),
    Row(
        "reading process RSS (index open, queries run)",
        "MB",
        _get("diplo", "search", "rss_mb"),
        _get("baseline", "search", "rss_mb"),
        "{:.0f}",
        tantivy=_get("tantivy", "search", "rss_mb"),
    ),
]


@dataclass(frozen=True)
class Target:
    label: str
    get: Getter
    limit: float
    unit: str
    sizes: tuple[int, ...] = (10000,)


def _ratio(num: Getter, den: Getter) -> Getter:
    def get(d: dict[str, Any]) -> float | None:
        a, b = num(d), den(d)
        return a / b if a is not None and b else None

    return get


def _vs_tantivy(*keys: str) -> Getter:
    return _ratio(_get("diplo", *keys), _get("tantivy", *keys))


_SEARCH_P95 = ("search", "search", "p95_ms")
_TARGETS_10K: list[Target] = [
    Target("full build ≤ 45 s (with extraction)", _get("diplo", "build", "seconds"), 45, "s"),
    Target(
        "build peak RSS, whole tree ≤ 450 MB", _get("diplo", "build", "peak_tree_mb"), 450, "MB"
    ),
    Target("incremental update ≤ 0.6 s", _incremental_median, 0.6, "s"),
    Target("search p95 ≤ tantivy's (ratio ≤ 1)", _vs_tantivy(*_SEARCH_P95), 1.0, "×"),
    Target("keystroke p95 ≤ 25 ms", _get("diplo", "search", "keystroke", "p95_ms"), 25, "ms"),
    Target("cold search ≤ 0.8 s", _get("diplo", "cold_search", "median_s"), 0.8, "s"),
    Target("TUI first paint ≤ 1.0 s (warm index)", _get("diplo", "tui", "median_s"), 1.0, "s"),
    Target(
        "first launch ≤ 1.0 s (empty cache)",
        _get("diplo", "first_launch", "median_s"),
        1.0,
        "s",
    ),
    Target(
        "search p95 ≥ 2× faster than baseline (ratio ≤ 0.5)",
        _ratio(_get("diplo", *_SEARCH_P95), _get("baseline", *_SEARCH_P95)),
        0.5,
        "×",
    ),
    Target("reading RSS ≤ 200 MB", _get("diplo", "search", "rss_mb"), 200, "MB"),
]
_BIG = (100000,)
_TARGETS_100K: list[Target] = [
    Target("100k: full build ≤ 7 min", _get("diplo", "build", "seconds"), 420, "s", _BIG),
    Target(
        "100k: build peak RSS, whole tree ≤ 450 MB",
        _get("diplo", "build", "peak_tree_mb"),
        450,
        "MB",
        _BIG,
    ),
    Target("100k: incremental update ≤ 1.0 s", _incremental_median, 1.0, "s", _BIG),
    Target("100k: cold search ≤ 0.8 s", _get("diplo", "cold_search", "median_s"), 0.8, "s", _BIG),
    Target("100k: search p95 ≤ 2× tantivy's", _vs_tantivy(*_SEARCH_P95), 2.0, "×", _BIG),
    *(
        Target(
            f"100k: {cat} p95 ≤ 2× tantivy's",
            _vs_tantivy("search", "by_category", cat, "p95_ms"),
            2.0,
            "×",
            _BIG,
        )
        for cat in ("prefix", "boolean")
    ),
    Target(
        "100k: keystroke p95 ≤ 50 ms",
        _get("diplo", "search", "keystroke", "p95_ms"),
        50,
        "ms",
        _BIG,
    ),
    Target("100k: reading RSS ≤ 150 MB", _get("diplo", "search", "rss_mb"), 150, "MB", _BIG),
]
TARGETS: list[Target] = _TARGETS_10K + _TARGETS_100K
_BIG_LABELS = {t.label.removeprefix("100k: ").split(" ≤")[0] for t in _TARGETS_100K}
"""Issue 15's targets. 10k targets are shown as indicative (lower case) at
other sizes; at 100k the 100k targets apply instead, where both exist."""


def _fmt(value: float | None, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return fmt.format(value)


def table_rows(result: dict[str, Any]) -> list[list[str]]:
    """[metric, diplo-reader, baseline, ratio, tantivy, ratio] per row
    (ratio = diplo-reader / the other engine)."""
    out = []
    for row in ROWS:
        a = row.diplo(result)
        cells = [f"{row.label} ({row.unit})", _fmt(a, row.fmt)]
        for getter in (row.baseline, row.tantivy):
            b = getter(result) if getter else None
            ratio = f"{a / b:.2f}" if a is not None and b else ("—" if getter is None else "n/a")
            cells += [_fmt(b, row.fmt) if getter else "—", ratio]
        out.append(cells)
    return out


def target_rows(result: dict[str, Any]) -> list[list[str]]:
    """[target, measured, status] for the targets that apply to this size
    (10k targets are shown as indicative at other sizes)."""
    size = int(result["size"])
    out = []
    for target in TARGETS:
        if target.sizes == _BIG and size != 100000:
            continue
        if size == 100000 and target.sizes != _BIG and target.label.split(" ≤")[0] in _BIG_LABELS:
            continue  # superseded by its 100k target
        value = target.get(result)
        if value is None or math.isnan(value):
            status = "n/a"
        else:
            status = "PASS" if value <= target.limit else "FAIL"
        if size not in target.sizes:
            status = status.lower() + " (10k target)"
        out.append(
            [
                target.label,
                _fmt(value, "{:.2f}") + f" {target.unit}" if value is not None else "n/a",
                status,
            ]
        )
    return out


def notes(result: dict[str, Any]) -> list[str]:
    """n/a reasons and warnings collected during the run, plus the search
    probes that found the index unusable (they rebuilt it first, so their
    memory figure includes a build)."""
    out = list(result.get("notes", []))
    diplo = result.get("diplo") or {}
    runs = {
        name: (result.get(name) or {}).get("build", {}).get("seconds_all") or []
        for name in ("diplo", "baseline", "tantivy")
    }
    if any(len(r) > 1 for r in runs.values()):
        out.append(
            "full builds, each run (s; the table shows the median, memory the largest): "
            + "; ".join(f"{n} " + ", ".join(f"{t:.1f}" for t in r) for n, r in runs.items() if r)
        )
    for key in ("search", "search_after_updates"):
        check = (diplo.get(key) or {}).get("index_check")
        if check:
            out.append(
                f"{key}: the probe found the index unusable ({check}) and rebuilt it "
                f"in {diplo[key]['open_s']:.0f} s before measuring; its RSS includes that build"
            )
    return out


def text_table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(r: list[str]) -> str:
        cells = zip(r, widths, strict=True)
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(cells))

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def md_table(rows: list[list[str]], header: list[str]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(out)


TABLE_HEADER = ["metric", "diplo-reader", "baseline", "ratio", "tantivy", "ratio"]
TARGET_HEADER = ["target (at 10k)", "measured", "status"]


def render_text(result: dict[str, Any]) -> str:
    env = result["env"]
    head = (
        f"== {result['size']:,} articles · {result['started']} · {env['nproc']} cores, "
        f"{env['ram_gb']:.0f} GB RAM · load {env['loadavg']} · git {env['git']} =="
    )
    parts = [
        head,
        text_table(table_rows(result), TABLE_HEADER),
        "",
        text_table(target_rows(result), TARGET_HEADER),
    ]
    if notes(result):
        parts += ["", *(f"note: {n}" for n in notes(result))]
    return "\n".join(parts)


def render_markdown(result: dict[str, Any]) -> str:
    env = result["env"]
    parts = [
        f"### {result['size']:,} articles",
        "",
        f"Run {result['started']} · {env['nproc']} cores, {env['ram_gb']:.0f} GB RAM · "
        f"load average at start {env['loadavg']} · Python {env['python']} · git `{env['git']}`",
        "",
        md_table(table_rows(result), TABLE_HEADER),
        "",
        md_table(target_rows(result), TARGET_HEADER),
    ]
    if notes(result):
        parts += ["", *(f"- {n}" for n in notes(result))]
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for path in argv:
        print(render_markdown(json.loads(Path(path).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
