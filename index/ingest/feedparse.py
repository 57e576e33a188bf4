"""Reading a feed: RSS 0.9x/1.0/2.0 and Atom (feedparser) -> items, and the
word filter a feed may have.

feedparser drops entity declarations, so an entity-expansion bomb expands
nothing; it is always given bytes (given a string that looks like an address,
it would fetch it itself).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape
from typing import Any

from index.files.decode import sanitize
from index.text.analysis import WORD_RE, analyze_word, word_keys

_TAGS = re.compile(r"<[^>]+>")


class FeedError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class FeedItem:
    key: str
    """What makes the item the same item next time: its id, else its link."""
    link: str | None
    title: str
    date: str | None
    content_html: str
    summary_html: str
    authors: tuple[str, ...] = ()

    def words_text(self) -> str:
        return " ".join((self.title, text_of(self.summary_html), text_of(self.content_html)))


def text_of(html: str) -> str:
    """The plain text of an HTML fragment, spaces collapsed."""
    return " ".join(unescape(_TAGS.sub(" ", html)).split())


def parse_feed(body: bytes, content_type: str = "") -> tuple[str | None, list[FeedItem]]:
    """The feed's title and items. Raises FeedError when `body` is no feed."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-type": content_type or "text/xml"})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({str(reason).splitlines()[0][:120]})" if reason else ""
        raise FeedError("not-a-feed", f"not an RSS or Atom feed{detail}")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        item = _item(entry)
        if item is None or item.key in seen:
            continue  # no id and no link, or a duplicate within the feed
        seen.add(item.key)
        items.append(item)
    title = _one_line(parsed.feed.get("title")) or None
    return title, items


def _one_line(value: Any) -> str:
    return " ".join(sanitize(str(value or "")).split())


def _item(entry: Any) -> FeedItem | None:
    link = entry.get("link") or None
    key = entry.get("id") or link
    if not key:
        return None
    content = "".join(c.get("value", "") for c in entry.get("content", []) or [])
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    date = None
    if stamp:
        date = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date().isoformat()
    authors = tuple(
        name for a in entry.get("authors", []) or [] if (name := _one_line(a.get("name")))
    )
    return FeedItem(
        key=str(key)[:2000],
        link=str(link) if link else None,
        title=_one_line(entry.get("title")),
        date=date,
        content_html=content,
        summary_html=str(entry.get("summary", "")),
        authors=authors,
    )


def filter_keys(words: Iterable[str]) -> frozenset[str]:
    """A feed's filter words as search keys (folded, stemmed)."""
    keys: set[str] = set()
    for word in words:
        for m in WORD_RE.finditer(word):
            for alts in analyze_word(m.group(), query=True).stems:
                keys.update(alts)
    return frozenset(keys)


def matches(keys: frozenset[str], item: FeedItem) -> bool:
    """True when the item names one of the filter words, as search would
    match them: folded, stemmed, or as a part of a compound."""
    if not keys:
        return True
    return any(
        not keys.isdisjoint(word_keys(analyze_word(m.group())))
        for m in WORD_RE.finditer(item.words_text())
    )
