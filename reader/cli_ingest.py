"""`add`, `feeds` and `fetch`: the only commands that use the network.

Parsing lives in `reader.cli`; the work in `index.ingest`. Every line
printed here is built from strings `index.ingest` has already made safe
(no control characters or escapes) and is printed as plain text, never as
markup. A batch prints one line per failed address and why, then a summary;
it exits 0 when at least one address succeeded and 2 when none did.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from index import counted, printable

if TYPE_CHECKING:
    from index import IngestOutcome

STATUS_ORDER = ("added", "updated", "unchanged", "duplicate", "failed")


class IngestError(Exception):
    """A one-line error for `reader.cli.main` to print (exit code 2)."""


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("add", help="add saved web pages (.html/.htm) or web addresses as articles")
    p.add_argument("sources", nargs="+", metavar="PATH_OR_URL")

    p = sub.add_parser("feeds", help="the RSS/Atom feeds you follow: add, list, remove")
    feeds = p.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    a = feeds.add_parser("add", help="follow a feed")
    a.add_argument("url", help="the feed's address (RSS or Atom)")
    a.add_argument("--name", help="a short name for `fetch NAME` (default: from the address)")
    a.add_argument(
        "--filter",
        metavar="WORDS",
        help="keep only items naming one of these words, e.g. 'Außenminister Gipfel'",
    )
    feeds.add_parser("list", help="the feeds, with their last fetch, items and errors")
    r = feeds.add_parser("remove", help="stop following a feed")
    r.add_argument("name")

    p = sub.add_parser("fetch", help="fetch the new items of every feed (or of those named)")
    p.add_argument("names", nargs="*", metavar="NAME")


def outcome_line(outcome: IngestOutcome) -> str:
    return printable(f"{outcome.status}: {outcome.source}: {outcome.message}")


def summary_line(outcomes: Iterable[IngestOutcome]) -> str:
    counts = Counter(o.status for o in outcomes)
    parts = [f"{counts[s]} {s}" for s in STATUS_ORDER if counts[s]]
    return "Summary: " + (", ".join(parts) if parts else "nothing to do")


def _print_outcome(outcome: IngestOutcome) -> None:
    if outcome.ok:
        print(outcome_line(outcome), flush=True)
    else:
        print(f"diplo-reader: {outcome_line(outcome)}", file=sys.stderr, flush=True)
    if outcome.warning:
        line = printable(f"warning: {outcome.source}: {outcome.warning}")
        print(line, file=sys.stderr, flush=True)


def _exit_code(outcomes: list[IngestOutcome], failures: int = 0) -> int:
    if not outcomes and not failures:
        return 0
    return 0 if any(o.ok for o in outcomes) else 2


def cmd_add(args: argparse.Namespace) -> int:
    from index import add_sources

    outcomes = add_sources(args.articles, args.sources, on_outcome=_print_outcome)
    print(summary_line(outcomes))
    return _exit_code(outcomes)


def cmd_feeds(args: argparse.Namespace) -> int:
    from index import FeedStoreError

    try:
        return _feeds(args)
    except FeedStoreError as exc:
        raise IngestError(str(exc)) from exc


def _feeds(args: argparse.Namespace) -> int:
    from index import FeedStore

    store = FeedStore()
    if args.feeds_command == "add":
        words = tuple((args.filter or "").replace(",", " ").split())
        feed = store.add(args.url, name=args.name, words=words)
        suffix = f" (only items naming: {' '.join(feed.filter)})" if feed.filter else ""
        print(printable(f"Following {feed.name}: {feed.url}{suffix}"))
        print(printable(f"Fetch it with: diplo-reader fetch {feed.name}"))
    elif args.feeds_command == "remove":
        feed = store.remove(args.name)
        print(printable(f"No longer following {feed.name} ({feed.url}); its articles stay."))
    else:
        feeds = store.feeds()
        if not feeds:
            print("No feeds yet. Follow one with: diplo-reader feeds add URL")
        for feed in feeds:
            st = store.state(feed.name)
            last = st.last_fetch or "never fetched"
            status = f"error: {st.error}" if st.error else f"{st.items} items, {st.new} new"
            print(printable(f"{feed.name}  {feed.url}"))
            print(printable(f"  last fetch: {last}; {status}"))
            if feed.filter:
                print(printable(f"  filter: {' '.join(feed.filter)}"))
        print(printable(f"(kept in {store.config_path})"))
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from index import FeedStore, FeedStoreError, FetchOptions, fetch_feeds

    store = FeedStore()
    try:
        if not store.feeds():
            print("No feeds to fetch. Follow one with: diplo-reader feeds add URL")
            return 0

        def shown(outcome: IngestOutcome) -> None:
            if not outcome.ok or outcome.status in ("added", "updated"):
                _print_outcome(outcome)  # as it happens, not after the whole feed

        options = FetchOptions(on_outcome=shown)
        reports = fetch_feeds(args.articles, store, args.names, options)
    except FeedStoreError as exc:
        raise IngestError(str(exc)) from exc
    outcomes: list[IngestOutcome] = []
    failed_feeds = 0
    for report in reports:
        if report.error:
            failed_feeds += 1
            line = printable(f"diplo-reader: failed: feed {report.name}: {report.error}")
            print(line, file=sys.stderr)
            continue
        outcomes.extend(report.outcomes)
        notes = ["not changed since the last fetch"] if report.not_modified else []
        if report.filtered:
            notes.append(f"{report.filtered} left out by the filter")
        if report.left_over:
            notes.append(f"{report.left_over} more for the next fetch")
        print(f"{report.name}: {report.new} new" + (f" ({'; '.join(notes)})" if notes else ""))
    new = sum(r.new for r in reports)
    ok_feeds = len(reports) - failed_feeds
    tail = f"; {counted(failed_feeds, 'feed')} failed" if failed_feeds else ""
    print(
        f"Summary: {counted(new, 'new article')} from {counted(ok_feeds, 'feed')}{tail}; "
        + summary_line(outcomes).removeprefix("Summary: ")
    )
    if ok_feeds == 0:
        return 2
    items_failed = outcomes and not any(o.ok for o in outcomes)
    return 2 if items_failed else 0


def prepare_articles_dir(path: Path) -> Path:
    from index import TargetError, writable_articles_dir

    try:
        return writable_articles_dir(path)
    except TargetError as exc:
        raise IngestError(str(exc)) from exc
