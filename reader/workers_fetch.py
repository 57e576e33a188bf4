"""Fetching every followed feed in a background thread, as a plain function
(like reader.workers): it posts FetchProgress and one FetchFinished, and
touches no widget."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.messages import FetchFinished, FetchProgress
from reader.workers import Post


def fetch_all(articles_dir: Path, post: Post, cancel: threading.Event | None = None) -> None:
    from index import FeedStore, FetchOptions, fetch_feeds

    def progress(feed: str, done: int, total: int) -> None:
        post(FetchProgress(feed, done, total))

    try:
        options = FetchOptions(progress=progress, cancel=cancel)
        reports = fetch_feeds(articles_dir, FeedStore(), options=options)
    except Exception as exc:  # a broken feeds file, an unwritable folder …
        post(FetchFinished(0, 0, (str(exc) or type(exc).__name__,)))
        return
    errors: list[str] = []
    for report in reports:
        if report.error:
            errors.append(f"{report.name}: {report.error}")
        errors += [f"{o.source}: {o.message}" for o in report.failed]
    post(FetchFinished(sum(r.new for r in reports), len(reports), tuple(errors)))
