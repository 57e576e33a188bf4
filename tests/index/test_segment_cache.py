"""index/query/segment_cache.py: the per-segment cache of field lengths and
prefix vocabularies."""

from __future__ import annotations

from collections.abc import Callable

from index.query.segment_cache import SegmentCache


class _Segment:
    def __init__(self, sid: str) -> None:
        self.sid = sid

    def segment_id(self) -> str:
        return self.sid


class _Leaf:
    def __init__(self, sid: str) -> None:
        self._segment = _Segment(sid)

    def segment(self) -> _Segment:
        return self._segment


def test_values_are_kept_per_segment_and_key_least_recent_out() -> None:
    cache: SegmentCache[str] = SegmentCache(2)
    calls: list[str] = []

    def compute(value: str) -> Callable[[], str]:
        def run() -> str:
            calls.append(value)
            return value

        return run

    a, b = _Leaf("seg-a"), _Leaf("seg-b")
    assert cache.get(a, ("body",), compute("a-body")) == "a-body"
    assert cache.get(a, ("body",), compute("again")) == "a-body"  # cached
    assert cache.get(b, ("body",), compute("b-body")) == "b-body"  # another segment
    assert cache.get(a, ("body",), compute("again")) == "a-body"  # a is now the most recent
    assert cache.get(a, ("title",), compute("a-title")) == "a-title"  # evicts b
    assert cache.get(b, ("body",), compute("b-again")) == "b-again"
    assert calls == ["a-body", "b-body", "a-title", "b-again"]


def test_a_reader_without_a_segment_is_not_cached() -> None:
    cache: SegmentCache[int] = SegmentCache(4)
    counter = iter(range(10))
    assert [cache.get(object(), ("body",), lambda: next(counter)) for _ in range(3)] == [0, 1, 2]
