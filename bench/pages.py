"""Every bench query's result page, for checking that a speed change changes
no result.

    python -m bench.pages --articles DIR --index DIR --out pages.json
    cmp before.json after.json

Writes, for each query of bench/queries.py (top 20) and each keystroke of the
typed words (the TUI's first page, `typing=True`), the total, the terms, and
per hit its id, score (9 places), snippet, spans, date, people and places.
Run it with the old code and the new code on the same index and compare.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench.probes import keystroke_settings
from bench.queries import QUERIES, TYPED, keystrokes


def pages(articles: Path, index_dir: Path) -> list[dict[str, Any]]:
    from index.library import Library

    library = Library(articles, index_dir)
    if not library.open_existing():
        raise SystemExit(f"no usable index at {index_dir} for {articles}")
    _, limit, _ = keystroke_settings()
    out: list[dict[str, Any]] = []

    def page(label: str, text: str, limit: int, typing: bool) -> None:
        result = library.search(text, limit=limit, typing=typing)
        out.append(
            {
                "query": label,
                "total": result.total,
                "terms": list(result.terms),
                "error": result.error,
                "hits": [_hit(h) for h in result.hits],
            }
        )

    for q in QUERIES:
        page(q.text, q.text, 20, False)
    for word in TYPED:
        for typed in keystrokes(word):
            page("typed: " + typed, typed, limit, True)
    return out


def _hit(h: Any) -> list[Any]:
    spans = [list(s) for s in h.spans]
    return [h.id, round(h.score, 9), h.snippet, spans, h.date, list(h.people), list(h.places)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench.pages", description=__doc__)
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    data = pages(args.articles, args.index)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(data)} pages written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
