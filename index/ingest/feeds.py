"""`diplo-reader fetch`: every followed feed's new items become articles.

A feed is fetched with its ETag / Last-Modified (a 304 costs nothing),
parsed by feedparser (RSS 0.9x/1.0/2.0, Atom; entity declarations are
dropped, so an entity-expansion bomb expands nothing), filtered by the feed's
words, and each item not seen before is saved: from its own content when the
feed carries the full text, else from the linked page (a teaser-only item).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from html import escape
from pathlib import Path

from index.files.decode import printable
from index.ingest.add import IngestOutcome, fetch_page, import_one
from index.ingest.catalog import Catalog
from index.ingest.feedparse import FeedError, FeedItem, filter_keys, matches, parse_feed, text_of
from index.ingest.feedstore import Feed, FeedState, FeedStore
from index.ingest.http import Fetcher, FetchError, Limits
from index.ingest.pages import MIN_TEXT_CHARS, NotAnArticle, Page, extract_page

FULL_TEXT_CHARS = 800
"""An item whose own content has less text than this is a teaser: its
linked page is fetched for the article."""
MAX_ITEMS_PER_FETCH = 100
"""New items saved per feed and fetch; the rest wait for the next fetch (a
feed of 10,000 items must not mean 10,000 page requests in one go)."""
PAGE_WORKERS = 4

__all__ = ["FeedError", "FeedItem", "FeedReport", "FetchOptions", "fetch_feeds", "parse_feed"]


@dataclass(frozen=True)
class FeedReport:
    """One feed's fetch; every string safe to print."""

    name: str
    outcomes: tuple[IngestOutcome, ...] = ()
    items: int = 0
    filtered: int = 0
    """New items the word filter left out."""
    left_over: int = 0
    """New items beyond MAX_ITEMS_PER_FETCH, saved by the next fetch."""
    not_modified: bool = False
    error: str | None = None

    @property
    def new(self) -> int:
        return sum(o.status in ("added", "updated") for o in self.outcomes)

    @property
    def failed(self) -> list[IngestOutcome]:
        return [o for o in self.outcomes if not o.ok]


def item_page(item: FeedItem, fetcher: Fetcher, feed_title: str | None) -> Page:
    """The item's article: its own content when full, else the linked page."""
    page: Page | None = None
    if len(text_of(item.content_html)) >= FULL_TEXT_CHARS:
        html = (
            f"<html><body><article><h1>{escape(item.title)}</h1>"
            f"{item.content_html}</article></body></html>"
        )
        try:
            page = extract_page(html.encode("utf-8"), url=item.link)
            # trafilatura names the site after the host; the feed knows better.
            page = replace(page, site=feed_title or page.site)
        except NotAnArticle:
            page = None
    if page is None:
        if not item.link:
            raise NotAnArticle("teaser", "only a teaser and no link to the article")
        try:
            page = fetch_page(fetcher, item.link)
        except (FetchError, NotAnArticle) as exc:
            # The page is gone or not an article, but a long summary still is one.
            summary = text_of(item.summary_html) or text_of(item.content_html)
            if len(summary) < MIN_TEXT_CHARS:
                raise
            del exc
            page = Page(title=item.title, text=summary, url=item.link)
    return replace(
        page,
        title=page.title or item.title or "(ohne Titel)",
        url=page.url or item.link,
        site=page.site or feed_title,
        authors=page.authors or item.authors,
        date=page.date or item.date,
        date_precision=page.date_precision if page.date else ("day" if item.date else "unknown"),
    )


@dataclass
class FetchOptions:
    limits: Limits = field(default_factory=Limits)
    max_items: int = MAX_ITEMS_PER_FETCH
    progress: Callable[[str, int, int], None] | None = None
    """Called with (feed name, items done, items to do)."""
    cancel: threading.Event | None = None
    """Set to stop between items (the reader quitting)."""
    on_outcome: Callable[[IngestOutcome], None] | None = None
    """Called with each item's outcome as soon as it is saved (or failed)."""


def fetch_feeds(
    articles_dir: Path,
    store: FeedStore,
    names: Sequence[str] = (),
    options: FetchOptions | None = None,
) -> list[FeedReport]:
    """Fetch the named feeds (all when none named). Raises FeedStoreError for
    an unknown name or an unreadable feeds file; a feed that fails is a report."""
    from index.ingest.feedstore import FeedStoreError

    options = options or FetchOptions()
    feeds = store.feeds()
    if names:
        known = {f.name: f for f in feeds}
        missing = [n for n in names if n not in known]
        if missing:
            raise FeedStoreError(f"no feed named {', '.join(map(repr, missing))}")
        feeds = [known[n] for n in names]
    catalog = Catalog(articles_dir)
    reports = []
    with Fetcher(options.limits) as fetcher:
        for feed in feeds:
            if options.cancel is not None and options.cancel.is_set():
                break
            reports.append(fetch_one(feed, store, catalog, fetcher, options))
    return reports


def fetch_one(
    feed: Feed, store: FeedStore, catalog: Catalog, fetcher: Fetcher, options: FetchOptions
) -> FeedReport:
    state = store.state(feed.name)
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    name = printable(feed.name)
    try:
        resp = fetcher.get(feed.url, etag=state.etag, last_modified=state.last_modified)
        if resp.not_modified:
            state.last_fetch, state.new, state.error = now, 0, None
            store.save_state(feed.name, state)
            return FeedReport(name, items=state.items, not_modified=True)
        title, items = parse_feed(resp.body, resp.content_type)
    except (FetchError, FeedError) as exc:
        state.last_fetch, state.error, state.new = now, str(exc), 0
        store.save_state(feed.name, state)
        return FeedReport(name, error=str(exc))
    seen = set(state.seen)
    keys = filter_keys(feed.filter)
    fresh = [i for i in items if i.key not in seen]
    wanted = [i for i in fresh if matches(keys, i)]
    wanted_keys = {i.key for i in wanted}
    # Filtered out: never look at it again.
    state.seen.extend(i.key for i in fresh if i.key not in wanted_keys)
    todo, left_over = wanted[: options.max_items], len(wanted) - options.max_items
    outcomes = _save_items(feed, todo, title, catalog, fetcher, options, state, store)
    state.items, state.last_fetch, state.error = len(items), now, None
    state.new = sum(o.status in ("added", "updated") for o in outcomes)
    done = set(state.seen)
    if left_over <= 0 and all(i.key in done for i in todo):
        # Only a fetch that finished every item (none cancelled, none to retry)
        # may let the next one stop at a 304.
        state.etag, state.last_modified = resp.etag, resp.last_modified
    else:
        state.etag = state.last_modified = None
    store.save_state(feed.name, state)
    return FeedReport(
        name,
        tuple(outcomes),
        items=len(items),
        filtered=len(fresh) - len(wanted),
        left_over=max(left_over, 0),
    )


def _save_items(
    feed: Feed,
    todo: list[FeedItem],
    title: str | None,
    catalog: Catalog,
    fetcher: Fetcher,
    options: FetchOptions,
    state: FeedState,
    store: FeedStore,
) -> list[IngestOutcome]:
    """Load pages in a few threads, save them one by one in this thread (the
    catalog has one writer), remembering each item as soon as it is saved."""
    outcomes: list[IngestOutcome] = []
    if options.progress:
        options.progress(feed.name, 0, len(todo))
    cancel = options.cancel
    pool = ThreadPoolExecutor(PAGE_WORKERS)
    try:
        futures = [pool.submit(_load, item, fetcher, title, cancel) for item in todo]
        for done, (item, future) in enumerate(zip(todo, futures, strict=True), 1):
            result = future.result()
            if cancel is not None and cancel.is_set():
                break  # the reader is quitting: what is saved is remembered
            load = partial(_unwrap, result)
            outcome = import_one(catalog, item.link or item.key, load, feed.name)
            outcomes.append(outcome)
            if options.on_outcome is not None:
                options.on_outcome(outcome)
            if outcome.ok or not _retry_later(result):
                state.seen.append(item.key)
            if done % 20 == 0:
                store.save_state(feed.name, state)  # a killed fetch keeps what it saved
            if options.progress:
                options.progress(feed.name, done, len(todo))
    finally:
        # Ctrl-C or quitting: pages not started are dropped, not waited for.
        pool.shutdown(wait=True, cancel_futures=True)
    return outcomes


def _load(
    item: FeedItem, fetcher: Fetcher, title: str | None, cancel: threading.Event | None
) -> Page | Exception:
    if cancel is not None and cancel.is_set():
        return NotAnArticle("cancelled", "cancelled")
    try:
        return item_page(item, fetcher, title)
    except Exception as exc:  # a bug on one page must not end the fetch
        return exc


def _unwrap(result: Page | Exception) -> Page:
    if isinstance(result, Exception):
        raise result
    return result


def _retry_later(result: Page | Exception) -> bool:
    """A timeout or a server error may pass; a 404 or a non-article stays."""
    if isinstance(result, FetchError):
        return result.code in ("timeout", "connect", "http", "http-500", "http-502", "http-503")
    return False
