"""`diplo-reader add PATH_OR_URL...`: saved pages and web addresses -> articles."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from index.files.decode import printable
from index.ingest.catalog import Catalog
from index.ingest.http import Fetcher, FetchError, Limits
from index.ingest.pages import NotAnArticle, Page, extract_page, looks_like_html
from index.ingest.write import WriteError

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
HTML_TYPES = ("text/html", "application/xhtml+xml")
EXPECTED_LANGUAGE = "de"


@dataclass(frozen=True)
class IngestOutcome:
    """What became of one address or file; every string is safe to print."""

    source: str
    status: str
    """"added", "updated", "unchanged", "duplicate" or "failed"."""
    message: str
    """One line: the file written, or why nothing was."""
    path: str | None = None
    warning: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"


class TargetError(Exception):
    """The articles folder cannot be written to; str() says why and what to do."""


def writable_articles_dir(path: Path) -> Path:
    """The folder `add` and `fetch` write to: created when missing; never the
    bundled sample articles (in a checkout or an installed package)."""
    from index.paths import bundled_articles_dir

    path = Path(path).expanduser()
    if path.resolve() == bundled_articles_dir().resolve():
        raise TargetError(
            "say which folder your articles live in: --articles DIR or DIPLO_ARTICLES=DIR "
            "(the bundled sample articles are not written to)"
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TargetError(f"cannot create articles folder {path}: {exc.strerror}") from exc
    return path


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def add_sources(
    articles_dir: Path,
    sources: Iterable[str],
    *,
    limits: Limits | None = None,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
) -> list[IngestOutcome]:
    """Import every source (a saved page, a folder of them, or an http(s)
    address) into `articles_dir`. Never raises for one bad source."""
    catalog = Catalog(articles_dir)
    outcomes: list[IngestOutcome] = []
    with Fetcher(limits or Limits()) as fetcher:
        for source in sources:
            for name, load in _expand(source, fetcher):
                outcome = import_one(catalog, name, load)
                outcomes.append(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
    return outcomes


Loader = Callable[[], Page]


def import_one(catalog: Catalog, name: str, load: Loader, feed: str | None = None) -> IngestOutcome:
    """Load one page and save it; every failure becomes a failed IngestOutcome."""
    shown = printable(name)
    try:
        page = load()
        written = catalog.save(page, feed=feed)
    except (FetchError, NotAnArticle, WriteError) as exc:
        return IngestOutcome(shown, "failed", str(exc))
    except OSError as exc:
        return IngestOutcome(shown, "failed", f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a bug on one page must not end the batch
        return IngestOutcome(
            shown, "failed", printable(f"internal error: {type(exc).__name__}: {exc}")
        )
    rel = written.path.relative_to(catalog.root).as_posix()
    message = {
        "added": f"added as {rel}",
        "updated": f"changed since last time: updated {rel}",
        "unchanged": f"already there, unchanged: {rel}",
        "duplicate": f"the same text is already in {rel}: nothing written",
    }[written.status]
    warning = None
    if page.language and page.language != EXPECTED_LANGUAGE:
        warning = f"the article looks like language {page.language!r}, not German"
    elif page.language is None:
        warning = "could not tell the article's language"
    if written.status in ("unchanged", "duplicate"):
        warning = None
    return IngestOutcome(shown, written.status, message, str(written.path), warning)


def _expand(source: str, fetcher: Fetcher) -> Iterator[tuple[str, Loader]]:
    if is_url(source):
        yield source, lambda: fetch_page(fetcher, source)
        return
    path = Path(source).expanduser()
    if path.is_dir():
        if path.name.endswith("_files"):
            # A browser's "complete page" save: the page sits beside its folder.
            stem = path.name.removesuffix("_files")
            pages = [path.with_name(stem + s) for s in HTML_SUFFIXES]
            found = [p for p in pages if p.is_file()]
            if found:
                yield str(found[0]), lambda: read_saved_page(found[0])
                return
        files = sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in HTML_SUFFIXES
            and p.is_file()
            and not any(part.endswith("_files") for part in p.relative_to(path).parts[:-1])
        )
        if not files:
            yield source, _fail(NotAnArticle("no-html", "no .html or .htm files in this folder"))
        for file in files:
            yield str(file), lambda f=file: read_saved_page(f)  # type: ignore[misc]
        return
    yield source, lambda: read_saved_page(path)


def _fail(exc: Exception) -> Loader:
    def load() -> Page:
        raise exc

    return load


def read_saved_page(path: Path, max_bytes: int = 10_000_000) -> Page:
    if not path.exists():
        raise NotAnArticle("missing", "no such file")
    if not path.is_file():
        raise NotAnArticle("not-file", "not a regular file")
    if path.suffix.lower() not in HTML_SUFFIXES:
        raise NotAnArticle(
            "not-html", f"not a saved web page ({path.suffix or 'no suffix'}; expected .html/.htm)"
        )
    if path.stat().st_size > max_bytes:
        raise NotAnArticle("too-large", f"larger than {max_bytes / 1e6:g} MB")
    return extract_page(path.read_bytes())


def fetch_page(fetcher: Fetcher, url: str) -> Page:
    resp = fetcher.get(url)
    kind = resp.content_type
    # A vague or missing type is common on simple servers: then the bytes decide.
    vague = kind in ("", "application/octet-stream", "text/plain") and looks_like_html(resp.body)
    if kind not in HTML_TYPES and not vague:
        raise NotAnArticle("not-html", f"not an HTML page (content type {kind or 'none'})")
    return extract_page(resp.body, url=resp.url, charset=resp.charset)
