"""`diplo-reader facets | timeline | places | entities`: the archive on the command line.

Each counts the query's whole hit set (an empty query: every article) and
prints plain text, or JSON with `--json`. `--where FIELD=VALUE` narrows like a
chip in the TUI, `--not FIELD=VALUE` excludes (fields: person, place, org,
source, year, date).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from index import Filter, counted

FIELDS = ("person", "place", "org", "source", "year", "date")
BAR_WIDTH = 40


def _filter(exclude: bool) -> Callable[[str], Filter]:
    def parse(text: str) -> Filter:
        field, sep, value = text.partition("=")
        if not sep or field not in FIELDS or not value.strip():
            raise argparse.ArgumentTypeError(
                f"expected FIELD=VALUE with FIELD one of {', '.join(FIELDS)}: {text!r}"
            )
        if field == "year":  # a year is a date period ("2016")
            field = "date"
        try:
            return Filter(field, value.strip(), exclude)  # type: ignore[arg-type]
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def add_filter_options(p: argparse.ArgumentParser) -> None:
    """`--where FIELD=VALUE` and `--not FIELD=VALUE`, as chips in the TUI."""
    p.add_argument(
        "--where",
        action="append",
        type=_filter(False),
        default=[],
        metavar="FIELD=VALUE",
        help=f"keep only articles with this (a chip; FIELD: {', '.join(FIELDS)}); repeatable",
    )
    p.add_argument(
        "--not",
        dest="exclude",
        action="append",
        type=_filter(True),
        default=[],
        metavar="FIELD=VALUE",
        help="leave out articles with this (a NOT chip); repeatable",
    )


def filters_of(args: argparse.Namespace) -> list[Filter]:
    return [*args.where, *args.exclude]


def add_parsers(sub: Any) -> None:
    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("query", nargs="*", help="query (empty: every article)")
        add_filter_options(p)
        p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("facets", help="people, places, orgs, sources and years of all hits")
    common(p)
    p.add_argument("--limit", type=int, default=10, help="rows per group (default 10)")
    p = sub.add_parser("timeline", help="hits per week, month or year")
    common(p)
    p.add_argument("--by", choices=("month", "week", "year"), help="default: from the span")
    p = sub.add_parser("places", help="places of all hits with coordinates and counts")
    common(p)
    p = sub.add_parser(
        "entities", help="the archive's people, places and organisations, most articles first"
    )
    p.add_argument("--kind", choices=("person", "place", "org"), help="only this kind")
    p.add_argument("--limit", type=int, default=None, help="at most N rows")
    p.add_argument("--json", action="store_true", help="print JSON")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _args(args: argparse.Namespace) -> tuple[str, list[Filter]]:
    return " ".join(args.query), filters_of(args)


def cmd_facets(library: Any, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ValueError("--limit must be at least 1")
    text, filters = _args(args)
    facets = library.facets(text, filters, limit=args.limit)
    if args.json:
        _print_json(facets.to_json())
        return 0
    print(counted(facets.total, "article"))
    for name, rows in facets.groups():
        if not rows:
            continue
        print(f"\n{name.capitalize()}")
        width = max(len(str(r.count)) for r in rows)
        for r in rows:
            print(f"  {r.count:>{width}}  {r.name}")
    return 0


def cmd_timeline(library: Any, args: argparse.Namespace) -> int:
    text, filters = _args(args)
    tl = library.timeline(text, filters, by=args.by)
    if args.json:
        _print_json(tl.to_json())
        return 0
    print(f"{counted(tl.total, 'article')} by {tl.by}")
    top = max((b.count for b in tl.buckets), default=0)
    for b in tl.buckets:
        bar = "█" * round(BAR_WIDTH * b.count / top) if top else ""
        print(f"  {b.period:>8}  {b.count:>5}  {bar}")
    if tl.imprecise:
        print(f"  {tl.imprecise} with a date coarser than a {tl.by}")
    if tl.undated:
        print(f"  {tl.undated} without a date")
    return 0


def cmd_places(library: Any, args: argparse.Namespace) -> int:
    text, filters = _args(args)
    places = library.places(text, filters)
    if args.json:
        _print_json(places.to_json())
        return 0
    found = len(places.placed) + len(places.unplaced)
    print(f"{counted(places.total, 'article')}, {counted(found, 'place')}")
    for p in places.placed:
        where = f"{p.lat:.2f}, {p.lon:.2f}"
        print(f"  {p.count:>5}  {p.name}  ({p.kind or '-'}, {p.country_code or '-'}, {where})")
    if places.unplaced:
        print("Without coordinates:")
        for p in places.unplaced:
            print(f"  {p.count:>5}  {p.name}  ({p.kind or '-'}, {p.country_code or '-'})")
    return 0


def cmd_entities(library: Any, args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise ValueError("--limit must be at least 1")
    rows = library.entities(args.kind, limit=args.limit)
    if args.json:
        _print_json([r.to_json() for r in rows])
        return 0
    width = max((len(str(r.articles)) for r in rows), default=1)
    for r in rows:
        also = f"  (also: {', '.join(r.aliases)})" if r.aliases else ""
        print(f"  {r.articles:>{width}}  {r.kind:<6}  {r.name}{also}")
    return 0


COMMANDS = {
    "facets": cmd_facets,
    "timeline": cmd_timeline,
    "places": cmd_places,
    "entities": cmd_entities,
}
