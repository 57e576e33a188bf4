"""search(): the one entry point the CLI, the TUI and the tests use.

Relevance is BM25F over title (weighted x2), body and compound parts
(weighted low), computed in index/query_eval.py; ties broken newest first;
sort="date" lists newest first with unknown dates last. Snippets come from the
stored record (index/snippets.py).
The function never raises: a malformed query yields SearchResult.error, and
where possible the plain words are searched anyway.
"""

from __future__ import annotations

import heapq
import json
import logging
import threading
from collections.abc import Sequence
from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.index import Index
from whoosh.searching import Searcher

from index.messages import Problem
from index.query.evaluate import evaluate
from index.query.parse import BuiltQuery, as_you_type, build_query
from index.records import Hit, SearchResult
from index.search.snippets import TermMatcher, make_snippet
from index.search.snippets import match_spans as _match_spans
from index.search.suggest import suggest

log = logging.getLogger(__name__)

_NO_DATE = float("-inf")
_MISSING = 2**63


def match_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans in `text` of words matching the query `terms`
    (SearchResult.terms): same folding, stemming and compound logic as search."""
    return _match_spans(text, terms)


def search(
    ix: Index, query: str, *, limit: int = 20, sort: str = "relevance", typing: bool = False
) -> SearchResult:
    """Search the index; see the module docstring. Never raises.

    `typing=True` is for search-as-you-type: an unfinished last plain word
    also matches as a prefix (`query.as_you_type`); the result still reports
    the query, and any suggestion, in the words the user typed."""
    query = query if isinstance(query, str) else ""
    try:
        if isinstance(ix, Searcher):  # a caller that manages its own searcher
            return _search(ix, query, max(1, limit), sort, typing)
        with _CACHE_LOCK:
            return _search(_cached_searcher(ix), query, max(1, limit), sort, typing)
    except Exception as exc:  # a bug or a damaged index must not kill the UI
        log.exception("search failed for %r", query)
        problem = Problem("search-failed", (f"{type(exc).__name__}: {exc}",))
        return _failed(query, problem)


# Opening a searcher costs several ms (and reads a compound segment file
# whole), so one is kept per index and refreshed when a writer has committed.
# Whoosh readers are not safe to share between threads: searches on a cached
# searcher are serialized by this lock (each takes a few ms).
_CACHE_LOCK = threading.RLock()
_CACHE: dict[int, tuple[Index, Searcher]] = {}
_CACHE_SIZE = 2


def _cached_searcher(ix: Index) -> Searcher:
    entry = _CACHE.get(id(ix))
    if entry is not None and entry[0] is ix and entry[1].up_to_date():
        searcher = entry[1]
    elif entry is not None and entry[0] is ix:
        # Not refresh(): whoosh-reloaded 2.7.5's refresh keeps the old segments
        # of updated documents and counts them twice. Reopen instead.
        entry[1].close()
        searcher = ix.searcher(weighting=scoring.BM25F())
    else:
        searcher = ix.searcher(weighting=scoring.BM25F())
    _CACHE.pop(id(ix), None)
    while len(_CACHE) >= _CACHE_SIZE:  # oldest first: dicts keep insertion order
        _, old = _CACHE.pop(next(iter(_CACHE)))
        old.close()
    _CACHE[id(ix)] = (ix, searcher)
    return searcher


def forget_index(ix: Index) -> None:
    """Close the cached searcher of `ix` (before deleting its files)."""
    with _CACHE_LOCK:
        entry = _CACHE.pop(id(ix), None)
        if entry is not None:
            entry[1].close()


def _search(searcher: Searcher, text: str, limit: int, sort: str, typing: bool) -> SearchResult:
    built = build_query(as_you_type(text) if typing else text, searcher.reader())
    q = built.query
    listing = q is None
    if listing:
        if built.error and not built.words:
            return _failed(text, built.error)
        q = wq.Every()
    dates = _date_column(searcher)
    # One pass over the postings gives every match with its score, so the
    # exact total is free (index/query_eval.py).
    if listing:
        scores = dict.fromkeys(searcher.reader().all_doc_ids(), 0.0)
    else:
        scores = evaluate(searcher, q)
    total = len(scores)
    if listing or sort == "date":
        key = lambda d: (-_date_key(dates, d[0]), -d[1], d[0])  # noqa: E731
    else:  # equal scores: newest first
        key = lambda d: (-round(d[1], 6), -_date_key(dates, d[0]), d[0])  # noqa: E731
    docs = heapq.nsmallest(limit, scores.items(), key=key)
    matcher = TermMatcher(built.terms)
    hits = tuple(_hit(searcher, docnum, score, matcher) for docnum, score in docs)
    return _result(searcher, text, built, hits, total)


def _failed(text: str, problem: Problem) -> SearchResult:
    return SearchResult(
        text, (), 0, error=str(problem), error_code=problem.code, error_args=problem.args
    )


def _result(
    searcher: Searcher, text: str, built: BuiltQuery, hits: tuple[Hit, ...], total: int
) -> SearchResult:
    suggestion = None
    if not hits and built.words:
        suggestion = suggest(searcher.reader(), text, built.words)
    return SearchResult(
        query=text,
        hits=hits,
        total=total,
        error=str(built.error) if built.error else None,
        error_code=built.error.code if built.error else None,
        error_args=built.error.args if built.error else (),
        suggestion=suggestion,
        terms=tuple(built.terms),
    )


def _date_column(searcher: Searcher) -> Any:
    reader = searcher.reader()
    if "date" not in reader.schema or not reader.has_column("date"):
        return None
    return reader.column_reader("date", translate=False)


def _date_key(dates: Any, docnum: int) -> float:
    """Sortable date value; articles without a date sort after all others."""
    if dates is None:
        return _NO_DATE
    value = dates[docnum]
    # Whoosh stores "no date" as the largest unsigned 64-bit value.
    return float(value) if value < _MISSING else _NO_DATE


def _hit(searcher: Searcher, docnum: int, score: float, matcher: TermMatcher) -> Hit:
    stored = searcher.stored_fields(docnum)
    record = json.loads(stored["record"])
    meta = record.get("meta") or {}
    title = record.get("title", "")
    text = record.get("text", "")
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()  # the title is shown on its own
    snippet, spans = make_snippet(text, matcher)
    return Hit(
        id=record["id"],
        title=title,
        date=meta.get("date"),
        date_precision=meta.get("date_precision", "unknown"),
        score=float(score),
        snippet=snippet,
        spans=spans,
        people=tuple(e["name"] for e in meta.get("people", ())),
        places=tuple(e["name"] for e in meta.get("places", ())),
        path=record.get("path", ""),
    )
