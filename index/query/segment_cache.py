"""A small LRU cache of values computed from one index segment.

A segment never changes once written, so anything read from it (field
lengths, a prefix's vocabulary) can be kept under its segment id for as long
as it is useful; a merged or new segment has a new id. Front ends search from
worker threads, so lookups are locked (the value is computed outside the lock).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class SegmentCache(Generic[T]):
    """Up to `size` values keyed by (segment id, *key), least recently used out first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[tuple[Hashable, ...], T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, leaf: Any, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
        """The value for `key` in the segment of reader `leaf`, computed on a
        miss; a reader that is no plain segment reader is not cached."""
        try:
            full = (leaf.segment().segment_id(), *key)
        except AttributeError:
            return compute()
        with self._lock:
            if full in self._values:
                self._values.move_to_end(full)
                return self._values[full]
        value = compute()
        with self._lock:
            self._values[full] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
