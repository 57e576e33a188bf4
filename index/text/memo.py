"""A bounded cache for the analysis of words: two generations of plain dicts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Memo(dict):  # type: ignore[type-arg]
    """`func(key)` for the keys asked recently, in two generations.

    A hit is one dict lookup in C (as quick as `lru_cache`'s, without its
    ~100-byte link per entry). When the current generation holds `size`
    keys it becomes the old one and the one before is dropped; a key of the
    old generation asked again moves back to the current one. The keys in
    use stay, a one-off goes within two generations, and at most 2 x `size`
    entries are kept however many distinct keys come.
    """

    def __init__(self, func: Callable[[Any], Any], size: int) -> None:
        super().__init__()
        self.func = func
        self.size = size
        self.old: dict[Any, Any] = {}

    def __missing__(self, key: Any) -> Any:
        value = self.old.pop(key, _NONE) if self.old else _NONE
        if value is _NONE:
            value = self.func(key)
        if len(self) >= self.size:
            # the generation before goes first: at most two tables at once, not three
            self.old.clear()
            self.old.update(self)
            self.clear()
        self[key] = value
        return value


_NONE = object()
