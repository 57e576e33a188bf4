"""A web page (fetched or saved) -> its article: Markdown text and metadata.

trafilatura finds the main text (no navigation, cookie banners, comments or
related links) and the metadata; this module decodes the bytes, decides the
date's precision and the language, and makes every field safe to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from index.files.decode import sanitize
from index.ingest.language import detect_language
from index.records import DatePrecision

MIN_TEXT_CHARS = 200
"""Less main text than this is a teaser, an index page or an error page."""

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I)
_HTML_LANG = re.compile(rb"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)
_LOOKS_HTML = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)[\s>]", re.I)
_ONE_LINE = re.compile(r"\s+")


class NotAnArticle(Exception):
    """The page has no article in it; str() says why in one line."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Page:
    """One article taken from a web page; every string is safe to show."""

    title: str
    text: str
    """The main text as Markdown (without the title as a heading)."""
    url: str | None = None
    """The canonical address (the page's own, else where it was fetched/saved from)."""
    site: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    """ISO date cut to its precision ("2024-03-05", "2024-03", "2024")."""
    date_precision: DatePrecision = "unknown"
    language: str | None = None

    @property
    def host(self) -> str | None:
        if not self.url:
            return None
        host = (urlsplit(self.url).hostname or "").lower()
        return host.removeprefix("www.") or None


def decode_html(raw: bytes, charset: str | None = None) -> str:
    """HTML bytes -> text, umlauts right even when the charset is wrong or missing.

    Valid UTF-8 with non-ASCII bytes is almost never anything else, so it wins
    over a declaration (servers often claim ISO-8859-1 for UTF-8 pages); then
    the HTTP or <meta> charset; then Windows-1252, a superset of Latin-1."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = [charset] if charset else []
    if m := _META_CHARSET.search(raw[:4096]):
        declared.append(m.group(1).decode("ascii"))
    for name in declared:
        if name.lower().replace("_", "-") in ("utf-8", "utf8"):
            continue
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", errors="replace")


def looks_like_html(raw: bytes) -> bool:
    return bool(_LOOKS_HTML.search(raw[:8192]))


def extract_page(raw: bytes, *, url: str | None = None, charset: str | None = None) -> Page:
    """The article in `raw` (HTML bytes). `url`: where it came from, when known.
    Raises NotAnArticle when there is no main text."""
    if not looks_like_html(raw):
        raise NotAnArticle("not-html", "not an HTML page")
    import trafilatura  # heavy (~0.3 s): only when a page is really added

    html = decode_html(raw, charset)
    if url is None and (saved := _SAVED_FROM.search(raw[:2048])):
        url = saved.group(1).decode("ascii", "replace")  # a browser's "saved from" mark
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_formatting=True,
        include_tables=True,
        include_links=False,
        include_images=False,
    )
    text = sanitize(getattr(doc, "text", None) or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        raise NotAnArticle("no-text", "no article text found on the page")
    title = _line(getattr(doc, "title", None)) or ""
    text = _drop_title_heading(text, title)
    if not title:
        title = _line(text.split("\n", 1)[0].lstrip("#"))[:120]
    date, precision = date_with_precision(getattr(doc, "date", None), html)
    canonical = getattr(doc, "url", None) or url
    lang_attr = _HTML_LANG.search(raw[:4096])
    return Page(
        title=title,
        text=text,
        url=_line(canonical) or None,
        site=_line(getattr(doc, "sitename", None)) or None,
        authors=split_authors(getattr(doc, "author", None)),
        date=date,
        date_precision=precision,
        language=detect_language(
            text, fallback=lang_attr.group(1).decode().lower() if lang_attr else None
        ),
    )


def _line(value: str | None) -> str:
    """One safe line: no control characters or escapes, spaces collapsed."""
    return _ONE_LINE.sub(" ", sanitize(value or "")).strip()


def split_authors(value: str | None) -> tuple[str, ...]:
    """trafilatura joins authors with "; "."""
    names = (_line(n) for n in re.split(r";|\s+und\s+|\s+and\s+", value or ""))
    return tuple(dict.fromkeys(n for n in names if n))


def _drop_title_heading(text: str, title: str) -> str:
    first, _, rest = text.partition("\n")
    if title and first.lstrip("# ").strip() == title:
        return rest.strip()
    return text


_MONTHS_DE = (
    *("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"),
    *("September", "Oktober", "November", "Dezember"),
)


def date_with_precision(date: str | None, html: str) -> tuple[str | None, DatePrecision]:
    """trafilatura (htmldate) fills a missing day or month with 01; keep a
    01 only when the page really names that day (ISO or German style)."""
    if not date or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return None, "unknown"
    year, month, day = date.split("-")
    if day != "01":
        return date, "day"
    m = int(month)
    day_patterns = (
        rf"{year}-{month}-01",
        rf"\b0?1\.\s*0?{m}\.\s*{year}",
        rf"\b0?1\.\s*{_MONTHS_DE[m - 1]}\s+{year}",
    )
    if any(re.search(p, html) for p in day_patterns):
        return date, "day"
    if month != "01" or re.search(rf"{year}-01|{_MONTHS_DE[0]}\s+{year}|\b0?1\.\s*{year}", html):
        return f"{year}-{month}", "month"
    return year, "year"
