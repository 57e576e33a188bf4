"""The `diplo-reader` command line: argument parsing, then calls into `index`.

Without a command it opens the TUI. Commands print plain text (never
interpreted as markup) or JSON with `--json`. Errors exit with code 2 and
one line, no traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from index import BuildReport, __version__, counted, default_articles_dir
from reader import cli_ingest
from reader.cli_archive import COMMANDS as ARCHIVE_COMMANDS
from reader.cli_archive import add_filter_options, filters_of
from reader.cli_archive import add_parsers as add_archive_parsers

PROGRESS_MIN_FILES = 20
"""Show a progress bar only when there is more than a handful to index."""


class CliError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diplo-reader",
        description="A terminal reader for German-language news about diplomacy.",
    )
    parser.add_argument("--version", action="version", version=f"diplo-reader {__version__}")
    parser.add_argument(
        "--articles",
        metavar="DIR",
        type=Path,
        help="articles folder (default: $DIPLO_ARTICLES or the bundled articles)",
    )
    parser.add_argument(
        "--lang", choices=("de", "en"), help="language of the TUI (default: from LANG)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="build or update the index and print counts")
    p.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")

    p = sub.add_parser("search", help="search the articles")
    p.add_argument(
        "query",
        nargs="*",
        help="query (Whoosh syntax plus person:, place:, date:; empty with --where: all)",
    )
    p.add_argument("--limit", type=int, default=10, help="how many results (default 10)")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    add_filter_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("show", help="print one article as Markdown with its metadata")
    p.add_argument("id", help="article id (file name without extension)")
    p.add_argument("--json", action="store_true", help="print JSON")

    add_archive_parsers(sub)

    p = sub.add_parser("extract", help="extract metadata from files (no index needed)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true", help="print a JSON list")

    cli_ingest.add_parsers(sub)
    return parser


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _progress_bar() -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def _open_library(articles: Path, rebuild: bool = False, quiet: bool = True) -> Any:
    from index import Library

    library = Library(articles)
    bar: Any = None  # made on first use: rich costs ~40 ms to import, a small update none
    task = None

    def progress(done: int, total: int) -> None:
        nonlocal task, bar
        if total < PROGRESS_MIN_FILES:
            return
        if task is None:
            bar = _progress_bar()
            bar.start()
            task = bar.add_task("Indexing", total=total)
        bar.update(task, completed=done)

    def busy() -> None:
        print("Another diplo-reader is updating this index; waiting …", file=sys.stderr)

    try:
        report = library.update(rebuild=rebuild, progress=progress, wait=120.0, on_busy=busy)
    finally:
        if bar is not None:
            bar.stop()
    # Quiet commands still say when they work without a usable cache folder.
    fallback = report.note is not None and report.note.code == "note.memory"
    if report.message and (not quiet or fallback):
        print(f"Note: {report.message}", file=sys.stderr)
    return library, report


def _print_report(report: BuildReport) -> None:
    kind = "Rebuilt" if report.rebuilt else "Updated"
    print(
        f"{kind} index in {report.seconds:.2f} s: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged, {len(report.skipped)} skipped "
        f"({counted(report.read, 'file')} read)"
    )
    for skipped in report.skipped:
        print(f"  skipped {skipped.path}: {skipped.reason}")


def _no_articles(library: Any, report: BuildReport) -> str | None:
    """The error line when the folder yields no article at all (exit code 2)."""
    from index import empty_note

    return empty_note(library.articles_dir, report) if library.count() == 0 else None


def cmd_index(args: argparse.Namespace) -> int:
    library, report = _open_library(args.articles, rebuild=args.rebuild, quiet=False)
    _print_report(report)
    # The (empty) index is still written, so removed articles vanish from it.
    empty = _no_articles(library, report)
    if empty:
        print(f"diplo-reader: {empty}", file=sys.stderr)
        return 2
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    filters = filters_of(args)
    if not args.query and not filters:
        raise CliError("give a query, or --where/--not to list the articles they select")
    library, report = _open_library(args.articles)
    if empty := _no_articles(library, report):
        raise CliError(empty)
    result = library.search(" ".join(args.query), filters=filters, limit=args.limit, sort=args.sort)
    if result.error:
        message = result.error
        if result.error_code:
            from index import render

            message = render(result.error_code, result.error_args, "en")
        print(message, file=sys.stderr)
    if args.json:
        _print_json([hit.to_json() for hit in result.hits])
        return 0
    if not result.hits:
        print("No results." + (f" Did you mean: {result.suggestion}?" if result.suggestion else ""))
        return 0
    print(counted(result.total, "result"))
    for hit in result.hits:
        print(f"\n{hit.title}\n  {hit.id} · {hit.date or 'date unknown'} · score {hit.score:.2f}")
        if hit.snippet:
            print(f"  {hit.snippet}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    library, report = _open_library(args.articles)
    if empty := _no_articles(library, report):
        raise CliError(empty)
    article = library.article(args.id)
    if article is None:
        raise CliError(f"no article with id {args.id!r}")
    if args.json:
        _print_json({**article.to_json(), "body": article.body, **article.entities_json()})
        return 0
    meta = article.meta
    print(f"# {article.title}\n")
    print(f"Date: {meta.date or 'unknown'} ({meta.date_precision})")
    for label, value in (("Source", meta.source), ("Author", meta.author)):
        if value:
            print(f"{label}: {value}")
    for label, entities in (
        ("People", meta.people),
        ("Places", meta.places),
        ("Organisations", meta.orgs),
    ):
        if entities:
            print(f"{label}: " + ", ".join(f"{e.name} ({e.count})" for e in entities))
    print(f"File: {article.path}\n")
    print(article.body)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from index import ArticleError, read_article

    out: list[dict[str, Any]] = []
    failed = 0
    for path in args.paths:
        if path.is_dir() or not path.exists():
            print(f"{path}: not a file", file=sys.stderr)
            failed += 1
            continue
        try:
            article = read_article(path)
        except ArticleError as exc:
            print(f"{path}: skipped: {exc}", file=sys.stderr)
            failed += 1
            continue
        record = article.to_json()
        record.pop("id")
        out.append(record)
    if args.json:
        _print_json(out)
    else:
        for record in out:
            print(record["path"])
            for key in ("title", "date", "date_precision", "source", "author"):
                print(f"  {key}: {record[key] if record[key] is not None else '-'}")
            for key in ("people", "places", "orgs"):
                print(f"  {key}: {', '.join(record[key]) or '-'}")
    return 2 if failed and not out else 0


def cmd_tui(args: argparse.Namespace) -> int:
    from reader.app import run_app

    return run_app(args.articles, lang=args.lang)


def _archive_command(name: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        library, report = _open_library(args.articles)
        if empty := _no_articles(library, report):
            raise CliError(empty)
        try:
            return ARCHIVE_COMMANDS[name](library, args)
        except ValueError as exc:
            raise CliError(str(exc)) from exc

    return run


COMMANDS = {
    "index": cmd_index,
    "search": cmd_search,
    "show": cmd_show,
    "extract": cmd_extract,
    **{name: _archive_command(name) for name in ARCHIVE_COMMANDS},
    "add": cli_ingest.cmd_add,
    "feeds": cli_ingest.cmd_feeds,
    "fetch": cli_ingest.cmd_fetch,
}


BLAS_THREADS = "1"
"""numpy's OpenBLAS starts a thread per core when numpy is imported (60-100 ms
of every cold `search`); nothing here calls BLAS (no matrix products, only
elementwise operations), so one is enough. A value the user set is kept."""


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", BLAS_THREADS)
    parser = _parser()
    args = parser.parse_args(argv)
    from index import ArticlesDirError, IndexBusy, check_articles_dir

    try:
        if args.command in ("add", "fetch"):
            articles = cli_ingest.prepare_articles_dir(args.articles or default_articles_dir())
            args.articles = check_articles_dir(articles)
        elif args.command not in ("extract", "feeds"):
            args.articles = check_articles_dir(args.articles or default_articles_dir())
        return COMMANDS.get(args.command, cmd_tui)(args)
    except (CliError, ArticlesDirError, cli_ingest.IngestError) as exc:
        print(f"diplo-reader: {exc}", file=sys.stderr)
        return 2
    except IndexBusy:
        print(
            "diplo-reader: another diplo-reader is building this index; try again", file=sys.stderr
        )
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `diplo-reader search … | head`: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        # A bug must still end in one clear line; DIPLO_DEBUG=1 shows the traceback.
        if os.environ.get("DIPLO_DEBUG"):
            raise
        print(
            f"diplo-reader: internal error: {type(exc).__name__}: {exc} "
            "(run with DIPLO_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
