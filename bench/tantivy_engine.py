"""The Rust reference: tantivy (tantivy-py) on the same corpus and queries.

Schema: id (raw), title and body as text with tantivy's German Snowball
stemmer (simple tokenizer, lower-case, long words removed), both stored; one
indexing thread; no cleaning, no extraction (as the plain-Whoosh baseline,
bench/baseline.py, whose title/body split it shares). Search: the baseline's
form of each query (filters typed without their field) over title and body,
top N by BM25, and a snippet of the body for every hit (tantivy's
SnippetGenerator, as HTML). tantivy's query parser has no prefix or fuzzy
syntax, so `Wahl*` becomes a regex query over the folded, unstemmed prefix
and `Merkl~` a fuzzy term query (distance 1, as Whoosh's `~`) on the stem;
both over title and body. For those two kinds tantivy's SnippetGenerator
finds no terms to highlight, and the snippet is the start of the body (less
work than a highlighted one: the comparison stays conservative).

    python -m bench.tantivy_engine build ARTICLES INDEX
    python -m bench.tantivy_engine search INDEX QUERY…

Needs the `bench` extra (`pip install -e '.[bench]'`; `make bench` does it).
"""

from __future__ import annotations

import html
import re
import sys
import time
from pathlib import Path
from typing import Any

import tantivy

from bench.baseline import split_article

FIELDS = ["title", "body"]
TOKENIZER = "de_stem"
HEAP_BYTES = 100_000_000
SNIPPET_CHARS = 150
"""tantivy's default snippet length; the start of the body when it highlights nothing."""
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_SPECIAL = re.compile(r"\S+[*~]")


def _analyzer() -> Any:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("german"))
        .build()
    )


def schema() -> Any:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name=TOKENIZER)
    return builder.build()


def _open(index_dir: Path, create: bool = False) -> Any:
    """The index with the German analyzer registered (tantivy does not store
    custom analyzers: every process registers it again)."""
    ix = tantivy.Index(schema(), path=str(index_dir), reuse=not create)
    ix.register_tokenizer(TOKENIZER, _analyzer())
    return ix


def build(articles: Path, index_dir: Path) -> int:
    """Index every .txt file below `articles` with one thread; returns the count."""
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = _open(index_dir, create=True)
    writer = ix.writer(heap_size=HEAP_BYTES, num_threads=1)
    n = 0
    for path in sorted(Path(articles).rglob("*.txt")):
        title, body = split_article(path.read_text(encoding="utf-8", errors="replace"))
        writer.add_document(tantivy.Document(id=path.stem, title=title, body=body))
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    return n


class TantivySearcher:
    """One open searcher; `search()` returns top-N ids, titles and body snippets."""

    def __init__(self, index_dir: Path) -> None:
        self.ix = _open(index_dir)
        self.ix.reload()
        self.schema = self.ix.schema
        self.searcher = self.ix.searcher()
        self.analyzer = _analyzer()

    def _special(self, word: str) -> Any:
        """`pre*` as a regex over the indexed terms, `word~` as a fuzzy term."""
        stem = word[:-1]
        if word.endswith("*"):
            pattern = re.escape(stem.lower().translate(_FOLD)) + ".*"
            parts = [tantivy.Query.regex_query(self.schema, f, pattern) for f in FIELDS]
        else:
            terms = self.analyzer.analyze(stem) or [stem.lower()]
            parts = [
                tantivy.Query.fuzzy_term_query(self.schema, f, terms[0], distance=1) for f in FIELDS
            ]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, p) for p in parts])

    def query(self, text: str) -> Any:
        special = _SPECIAL.findall(text)
        rest = _SPECIAL.sub(" ", text).strip()
        parts = [(tantivy.Occur.Must, self._special(w)) for w in special]
        if rest:
            try:
                parsed = self.ix.parse_query(rest, FIELDS)
            except ValueError:  # an unfinished phrase while typing, say
                parsed = self.ix.parse_query_lenient(rest, FIELDS)[0]
            if not parts:
                return parsed
            parts.append((tantivy.Occur.Must, parsed))
        return tantivy.Query.boolean_query(parts)

    def search(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        query = self.query(text)
        result = self.searcher.search(query, limit)
        snippets = tantivy.SnippetGenerator.create(self.searcher, query, self.schema, "body")
        hits = []
        for _score, address in result.hits:
            doc = self.searcher.doc(address)
            snippet = snippets.snippet_from_doc(doc).to_html()
            if not snippet:  # regex and fuzzy queries name no terms to highlight
                snippet = html.escape(doc["body"][0][:SNIPPET_CHARS])
            hits.append({"id": doc["id"][0], "title": doc["title"][0], "snippet": snippet})
        return hits

    def close(self) -> None:
        pass


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "build":
        start = time.perf_counter()
        n = build(Path(argv[1]), Path(argv[2]))
        print(f"tantivy: indexed {n} articles in {time.perf_counter() - start:.2f} s")
        return 0
    if len(argv) >= 3 and argv[0] == "search":
        searcher = TantivySearcher(Path(argv[1]))
        hits = searcher.search(" ".join(argv[2:]))
        print(f"{len(hits)} result(s)", flush=True)
        for hit in hits:
            print(f"\n{hit['title']}\n  {hit['id']}\n  {hit['snippet']}", flush=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
