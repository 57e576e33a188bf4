"""The first page (index/search/ranking.py) and the term postings kept
between searches (index/query/postings.py)."""

from __future__ import annotations

import datetime as dt
import heapq
import random
from typing import Any

from whoosh import fields

from index.query import postings
from index.query.datecol import newest_first
from index.search.ranking import top
from index.store.disk import ram_index


def _index(n: int) -> Any:
    schema = fields.Schema(body=fields.TEXT(), date=fields.DATETIME(sortable=True))
    ix = ram_index(schema)
    rnd = random.Random(7)
    with ix.writer() as w:
        for i in range(n):
            if i % 9 == 0:
                w.add_document(body=f"alpha w{i % 13}")  # no date: sorts last
            else:
                day = dt.datetime(2015, 1, 1) + dt.timedelta(days=rnd.randrange(40))
                w.add_document(body=f"alpha w{i % 13}", date=day)
    return ix


def test_first_page_is_the_fully_sorted_one() -> None:
    ix = _index(1500)
    rnd = random.Random(11)
    with ix.searcher() as searcher:
        newest = newest_first(searcher)
        by_score = lambda d: (-round(d[1], 6), newest[d[0]], d[0])  # noqa: E731
        by_date = lambda d: (newest[d[0]], -d[1], d[0])  # noqa: E731
        for kind in ("spread", "ties", "zeros", "within-rounding"):
            for n in (300, 1500):
                docs = rnd.sample(range(1500), n)
                if kind == "spread":
                    scores = {d: rnd.random() * 20 for d in docs}
                elif kind == "ties":
                    scores = {d: rnd.choice([1.0, 2.5]) for d in docs}
                elif kind == "zeros":
                    scores = dict.fromkeys(docs, 0.0)
                else:  # equal once rounded to 6 places: the date decides
                    scores = {d: 3.0 + rnd.choice([0, 2e-7, 4e-7]) for d in docs}
                for limit in (1, 20, 25):
                    expected = heapq.nsmallest(limit, scores.items(), key=by_score)
                    assert top(searcher, scores, limit, by_date=False) == expected
                    expected = heapq.nsmallest(limit, scores.items(), key=by_date)
                    assert top(searcher, scores, limit, by_date=True) == expected
        # Undated articles come after every dated one.
        everything = dict.fromkeys(range(1500), 0.0)
        last = top(searcher, everything, 1500, by_date=True)[-1][0]
        assert last % 9 == 0


def test_kept_postings_follow_later_deletions() -> None:
    ix = _index(300)
    with ix.searcher() as searcher:
        (leaf, _), *_ = searcher.reader().leaf_readers()
        ids, weights = postings.term_postings(leaf, "body", "w3")
        assert ids.tolist() == [d for d in range(300) if d % 13 == 3]
        assert set(weights.tolist()) == {1.0}
    with ix.writer() as w:  # same segment, one more deletion
        w.delete_document(3)
    with ix.searcher() as searcher:
        (leaf, _), *_ = searcher.reader().leaf_readers()
        ids, _ = postings.term_postings(leaf, "body", "w3")
        assert ids.tolist() == [d for d in range(300) if d % 13 == 3 and d != 3]
        assert postings.term_postings(leaf, "body", "nothing")[0].tolist() == []


def test_kept_records_are_those_of_the_right_segment() -> None:
    import json

    from index.search.records import stored_record

    schema = fields.Schema(record=fields.STORED())
    ix = ram_index(schema)
    for batch in range(3):  # three segments: docnums 0-4, 5-9, 10-14
        with ix.writer(merge=False) as w:
            for i in range(5):
                w.add_document(record=json.dumps({"id": f"{batch}-{i}"}))
    with ix.searcher() as searcher:
        assert len(searcher.leaf_searchers()) == 3
        for _ in range(2):  # read, then kept
            ids = [stored_record(searcher, d)["id"] for d in range(15)]
            assert ids == [f"{b}-{i}" for b in range(3) for i in range(5)]
