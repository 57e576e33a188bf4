"""The plain-Whoosh baseline: what a straightforward Whoosh reader would do.

Schema: id, title and body as TEXT with `LanguageAnalyzer("de")`, body stored
for highlighting; the default writer (one process, one segment); no cleaning,
no extraction. Search: `MultifieldParser` over title and body, top 20, and
Whoosh's own `hit.highlights("body")` for every hit. `terms=True` is passed
to `search()` as Whoosh's docs and ../shared/WHOOSH_NOTES.md recommend when
highlighting (it makes the baseline faster for prefix/fuzzy queries, so the
comparison is conservative).

    python -m bench.baseline build ARTICLES INDEX
    python -m bench.baseline search INDEX QUERY…
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from whoosh import fields, index
from whoosh.analysis import LanguageAnalyzer
from whoosh.qparser import MultifieldParser


def schema() -> fields.Schema:
    analyzer = LanguageAnalyzer("de")
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=analyzer, stored=True),
        body=fields.TEXT(analyzer=analyzer, stored=True),
    )


def split_article(text: str) -> tuple[str, str]:
    """Title = first line with at least four words; body = the whole text."""
    title = next((line for line in text.splitlines() if len(line.split()) >= 4), "")
    return title[:200], text


def build(articles: Path, index_dir: Path) -> int:
    """Index every .txt file below `articles`; returns the number indexed."""
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(index_dir), schema())
    writer = ix.writer()
    n = 0
    for path in sorted(Path(articles).rglob("*.txt")):
        title, body = split_article(path.read_text(encoding="utf-8", errors="replace"))
        writer.add_document(id=path.stem, title=title, body=body)
        n += 1
    writer.commit()
    return n


class BaselineSearcher:
    """One open searcher; `search()` returns top-20 ids with highlights."""

    def __init__(self, index_dir: Path) -> None:
        self.ix = index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(["title", "body"], self.ix.schema)

    def search(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        query = self.parser.parse(text)
        results = self.searcher.search(query, limit=limit, terms=True)
        return [
            {"id": hit["id"], "title": hit["title"], "snippet": hit.highlights("body")}
            for hit in results
        ]

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "build":
        start = time.perf_counter()
        n = build(Path(argv[1]), Path(argv[2]))
        print(f"baseline: indexed {n} articles in {time.perf_counter() - start:.2f} s")
        return 0
    if len(argv) >= 3 and argv[0] == "search":
        searcher = BaselineSearcher(Path(argv[1]))
        hits = searcher.search(" ".join(argv[2:]))
        print(f"{len(hits)} result(s)")
        for hit in hits:
            print(f"\n{hit['title']}\n  {hit['id']}\n  {hit['snippet']}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
