"""search(): the one entry point the CLI, the TUI and the tests use.

Relevance is BM25F over title (weighted x2), body and compound parts
(weighted low), computed in index/query/evaluate.py; ties broken newest first;
sort="date" lists newest first with unknown dates last. Snippets come from the
stored record (index/search/snippets.py).
The function never raises: a malformed query yields SearchResult.error, and
where possible the plain words are searched anyway.

It searches the searcher it is given. Keeping one open (opening costs a few
ms), reopening it after a commit and keeping it to one thread at a time is
the caller's job: `Library` does all three, for the CLI and the TUI.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from whoosh.index import Index
from whoosh.searching import Searcher

from index.messages import Problem
from index.query.hitset import HitCache, match, selection
from index.query.parse import BuiltQuery
from index.query.scoring import weighting
from index.records import Filter, Hit, SearchResult
from index.search.ranking import top
from index.search.records import stored_record
from index.search.snippets import TermMatcher, make_snippet
from index.search.snippets import match_spans as _match_spans
from index.search.suggest import suggest

log = logging.getLogger(__name__)


def match_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans in `text` of words matching the query `terms`
    (SearchResult.terms): same folding, stemming and compound logic as search."""
    return _match_spans(text, terms)


def search(
    source: Searcher | Index,
    query: str,
    *,
    filters: Sequence[Filter] = (),
    limit: int = 20,
    sort: str = "relevance",
    typing: bool = False,
    hits: HitCache | None = None,
) -> SearchResult:
    """Search with a searcher (see the module docstring), or an index through
    a searcher opened for this one call. Never raises.

    `filters` narrow the hits (AND; `exclude` ones remove their matches);
    they do not change the ranking. `typing=True` is for search-as-you-type:
    an unfinished last plain word also matches as a prefix
    (`query.as_you_type`); the result still reports the query, and any
    suggestion, in the words the user typed. `hits`: where the query's
    matches are kept for the next call on the same searcher."""
    query = query if isinstance(query, str) else ""
    filters = tuple(filters)
    try:
        if isinstance(source, Searcher):
            return _search(source, query, filters, max(1, limit), sort, typing, hits)
        with source.searcher(weighting=weighting()) as searcher:
            return _search(searcher, query, filters, max(1, limit), sort, typing)
    except Exception as exc:  # a bug or a damaged index must not kill the UI
        log.exception("search failed for %r", query)
        problem = Problem("search-failed", (f"{type(exc).__name__}: {exc}",))
        return _failed(query, problem)


def _search(
    searcher: Searcher,
    text: str,
    filters: tuple[Filter, ...],
    limit: int,
    sort: str,
    typing: bool,
    hits: HitCache | None = None,
) -> SearchResult:
    found = (
        hits.matched(searcher, text, typing) if hits is not None else match(searcher, text, typing)
    )
    built, listing = found.built, found.listing
    if found.failed and built.error:
        return _failed(text, built.error)
    # One pass over the postings gives every match with its score, so the
    # exact total is free (index/query/evaluate.py); `hits` keeps it for the
    # counts and the longer list that follow (index/query/hitset.py).
    scores: Mapping[int, float] = found.scores
    for flt in filters:
        selected = hits.selected(searcher, flt) if hits is not None else selection(searcher, flt)
        if flt.exclude:
            scores = {d: s for d, s in scores.items() if d not in selected}
        else:
            scores = {d: s for d, s in scores.items() if d in selected}
    total = len(scores)
    docs = top(searcher, scores, limit, by_date=listing or sort == "date")
    matcher = TermMatcher(built.terms)
    page = tuple(_hit(searcher, docnum, score, matcher) for docnum, score in docs)
    return _result(searcher, text, built, page, total)


def _failed(text: str, problem: Problem) -> SearchResult:
    return SearchResult(
        text,
        (),
        0,
        error=str(problem),
        error_code=problem.code,
        error_args=tuple(map(str, problem.args)),
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
        error_args=tuple(map(str, built.error.args)) if built.error else (),
        suggestion=suggestion,
        terms=tuple(built.terms),
    )


def _hit(searcher: Searcher, docnum: int, score: float, matcher: TermMatcher) -> Hit:
    record = stored_record(searcher, docnum)
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
