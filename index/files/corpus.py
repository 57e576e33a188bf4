"""Finding article files and turning each into an Article record."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from index.errors import ArticleError
from index.extract import extract_metadata
from index.files.clean import clean_text, lead_title
from index.files.decode import (
    MAX_FILE_BYTES,
    check_text,
    decode_bytes,
    printable,
    sanitize,
    unsafe_name,
)
from index.records import Article, DatePrecision, Metadata, Skipped

SUFFIXES = (".txt", ".md")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_ESCAPE = re.compile(r"([\\`*_\[\]<>|])")
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_WORD = re.compile(r"\w+")

EXTRACT_MAX_CHARS = 100_000
"""Metadata is extracted from at most this much of an article's text. News
articles are 2-20 KB; extraction costs ~9 s per MB, so an uncapped multi-MB
file would stall a build for minutes while adding nothing to its metadata
(date, source and author sit at the head; the people and places that matter
are named early). The whole text is still indexed and shown."""


class SourceFile(NamedTuple):
    """An article file found on disk, before it is read.

    A tuple, and the very one `list_article_files` lists: a full build's
    plan holds the listing's own items instead of a copy of each (a frozen
    dataclass a file cost the builder 13 MB at 100k articles, and 0.8 s to
    make)."""

    id: str
    location: str
    """The file's path as a string (a folder scan makes one per file on every
    start: pathlib objects cost ~10 µs each, made only when asked for)."""
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        return Path(self.location)


FileItem = SourceFile
"""An article file found by `list_article_files`: (id, location, size, mtime_ns)."""

FolderStamp = tuple[str, int, int, int, int, int]
"""A folder as `list_article_files` listed it: (location, st_dev, st_ino,
st_mtime_ns, st_ctime_ns, st_mode), stat() following symlinks."""


@dataclass
class Listing:
    """What one walk of an articles folder found (`list_article_files`)."""

    items: list[FileItem | Skipped]
    """Article files and the entries skipped on the way, in walk order."""
    folders: list[FolderStamp]
    """Every folder listed, in walk order."""
    started_ns: int
    """time.time_ns() before the first folder was listed."""
    plain: bool
    """No symbolic link anywhere and nothing skipped but for its name: then
    the folders' stamps vouch for what they hold (index/store/scan.py)."""


def list_article_files(root: Path) -> Listing:
    """All .txt/.md files below `root` in sorted walk order; symlink loops,
    unreadable folders and unsafe names are listed as Skipped items.

    Runs for every file on every start (100,000 files at 100k articles), so
    the work per file is kept to a stat and a few string operations."""
    seen_dirs: set[tuple[int, int]] = set()
    ids: set[str] = set()
    items: list[FileItem | Skipped] = []
    folders: list[FolderStamp] = []
    plain = True
    prefix_len = len(os.path.join(str(root), ""))
    suffixes = SUFFIXES
    is_regular = stat.S_ISREG
    sep_is_slash = os.sep == "/"
    new_item = tuple.__new__  # SourceFile's own __new__ is a Python function: 3x slower

    def skip(path: str, reason: str, code: str) -> None:
        nonlocal plain
        if code != "bad-name":
            plain = False
        # Paths are shown to the user: escape what a terminal would act on.
        items.append(Skipped(printable(str(Path(path))), reason, code))

    def walk(folder: str) -> None:
        nonlocal plain
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                skip(folder, "symlink loop: folder already visited", "loop")
                return
            seen_dirs.add(key)
            with os.scandir(folder) as it:
                entries = sorted(it, key=_entry_name)
        except OSError as exc:
            skip(folder, f"cannot read folder: {exc.strerror or exc}", "unreadable")
            return
        folders.append((folder, st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_mode))
        # Each entry (and the stat it caches) is let go once looked at: held
        # to the end, 100,000 of them stayed in the heap as holes between
        # the items kept (the builder's RSS +75 MB at 100k files).
        entries.reverse()
        while entries:
            entry = entries.pop()
            name = entry.name
            if name[0] == ".":
                continue
            try:
                is_dir = entry.is_dir()
                if not is_dir and not name.lower().endswith(suffixes):
                    if plain and _is_link(entry):
                        plain = False  # its target may turn into a folder
                    continue
            except OSError as exc:
                skip(entry.path, f"cannot read: {exc.strerror or exc}", "unreadable")
                continue
            if plain and _is_link(entry):
                plain = False  # its target can change with no folder changing
            try:
                # Names become ids and are shown everywhere: refuse unsafe ones
                # here, once, rather than escaping them in every front end.
                bad_name = unsafe_name(name)
                if bad_name:
                    skip(entry.path, bad_name, "bad-name")
                    continue
                if is_dir:
                    walk(entry.path)
                    continue
                st = entry.stat()
            except OSError as exc:
                skip(entry.path, f"cannot read: {exc.strerror or exc}", "unreadable")
                continue
            if not is_regular(st.st_mode):
                # A FIFO would block the build forever; a device never ends.
                skip(entry.path, "not a regular file", "not-file")
                continue
            # String operations, not pathlib: this runs for every file on every start.
            rel_name = entry.path[prefix_len:]
            if not sep_is_slash:
                rel_name = rel_name.replace(os.sep, "/")
            rel = rel_name.rsplit(".", 1)[0]
            article_id = rel if rel not in ids else rel_name
            ids.add(article_id)
            items.append(new_item(SourceFile, (article_id, entry.path, st.st_size, st.st_mtime_ns)))

    started = time.time_ns()
    walk(str(root))
    return Listing(items, folders, started, plain)


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True


def iter_article_files(root: Path, skipped: list[Skipped] | None = None) -> Iterator[SourceFile]:
    """All .txt/.md files below `root`, sorted, symlink loops and unreadable
    folders reported in `skipped` instead of raising."""
    for item in list_article_files(root).items:
        if isinstance(item, Skipped):
            if skipped is not None:
                skipped.append(item)
        else:
            yield item


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """`---` YAML-style `key: value` lines at the top of a .md file."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = _front_matter_value(value.strip())
    return meta, text[m.end() :]


def _front_matter_value(value: str) -> str:
    """A double-quoted value is a JSON string (YAML's double-quoted strings are
    a superset), so quotes and colons inside a title survive; anything else is
    taken as it stands, minus surrounding quotes."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            decoded = json.loads(value)
        except ValueError:
            pass
        else:
            if isinstance(decoded, str):
                # JSON escapes (\u001b, \n) must not smuggle in what sanitize removed.
                return " ".join(sanitize(decoded).split())
    return value.strip("\"'")


def _front_matter_date(value: str) -> tuple[str | None, DatePrecision]:
    value = value.strip()
    for fmt, precision, cut in (
        ("%Y-%m-%d", "day", 10),
        ("%d.%m.%Y", "day", 10),
        ("%Y-%m", "month", 7),
        ("%Y", "year", 4),
    ):
        try:
            parsed = dt.datetime.strptime(value[: len(dt.date(2000, 1, 1).strftime(fmt))], fmt)
        except ValueError:
            continue
        return parsed.date().isoformat()[:cut], precision  # type: ignore[return-value]
    return None, "unknown"


def _markdown_escape(paragraph: str) -> str:
    escaped = _MD_ESCAPE.sub(r"\\\1", paragraph)
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def build_article(article_id: str, path: str, raw: bytes) -> Article:
    """Decode, clean and extract one article from its bytes."""
    decoded = decode_bytes(raw)  # these raise ArticleError for what is not text
    text = sanitize(decoded.text)
    check_text(text)
    front: dict[str, str] = {}
    is_md = path.lower().endswith(".md")
    if is_md:
        front, text = parse_front_matter(text)
    cleaned = clean_text(text)
    paragraphs = [b for kind, b in cleaned.blocks if kind == "p"]
    title = front.get("title") or cleaned.title
    if not title:
        title = lead_title(paragraphs[0]) if paragraphs else article_id
    if is_md:
        # Markdown files keep their own markup; only the front matter and title go.
        body = text.strip()
        first = body.split("\n", 1)[0].lstrip("# ").strip()
        if first == title:
            body = body.split("\n", 1)[1].strip() if "\n" in body else ""
    else:
        body = "\n\n".join(
            f"## {_markdown_escape(b)}" if kind == "h" else _markdown_escape(b)
            for kind, b in cleaned.blocks
        )
    if not _WORD.search(body):
        # Never index an empty article under its file name: say why instead.
        total = len(_WORD.findall(text))
        raise ArticleError(
            "no-text",
            f"no article text left after cleaning: all {total} words were taken for a title,"
            " header or page furniture"
            if total
            else "no article text",
        )
    plain = "\n\n".join([title, *(b for _, b in cleaned.blocks)])
    meta = extract_metadata(_head(plain, EXTRACT_MAX_CHARS), tuple(cleaned.header_lines))
    meta = _apply_front_matter(meta, front)
    return Article(
        id=article_id,
        path=path,
        title=title,
        body=body,
        text=plain,
        content_hash=hashlib.sha256(raw).hexdigest()[:20],
        meta=meta,
    )


def _head(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a paragraph (else word) boundary."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def _apply_front_matter(meta: Metadata, front: dict[str, str]) -> Metadata:
    changes: dict[str, object] = {}
    if front.get("date"):
        date, precision = _front_matter_date(front["date"])
        if date:
            changes.update(date=date, date_precision=precision)
    for key in ("source", "author"):
        if front.get(key):
            changes[key] = front[key]
    return replace(meta, **changes) if changes else meta  # type: ignore[arg-type]


def read_article(
    path: Path, article_id: str | None = None, max_bytes: int = MAX_FILE_BYTES
) -> Article:
    """Read one article file. Raises ArticleError with a clear reason."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise ArticleError("not-file", "not a regular file")
        size = st.st_size
        if size > max_bytes:
            raise ArticleError(
                "too-large",
                f"too large ({size / 1e6:.1f} MB; limit {max_bytes / 1e6:.0f} MB): "
                "split it into one file per article",
            )
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except ArticleError:
        raise
    except FileNotFoundError as exc:
        raise ArticleError("vanished", "file disappeared while reading") from exc
    except PermissionError as exc:
        raise ArticleError("unreadable", "no permission to read") from exc
    except OSError as exc:
        raise ArticleError("unreadable", f"cannot read: {exc.strerror or exc}") from exc
    if len(raw) > max_bytes:
        raise ArticleError("too-large", f"too large (limit {max_bytes / 1e6:.0f} MB)")
    return build_article(article_id or path.stem, str(path), raw)
