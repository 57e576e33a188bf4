"""Writing an imported article into the articles folder, once and atomically.

Each article is a `.md` file with front matter the corpus reader parses
(`index.corpus.parse_front_matter`), in one sub-folder per site, named from
its date and title in safe ASCII. A file is written to a temporary name that
starts with a dot (the corpus and the live-folder watcher skip those) and
renamed into place, so no reader ever sees half an article, even after a
kill -9. `index.ingest.catalog` knows what the folder already holds, so the same
article added twice changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from index.files.atomic import write_atomic
from index.files.corpus import parse_front_matter
from index.ingest.pages import Page

TEMP_PREFIX = "."
TEMP_SUFFIX = ".diplo-tmp"
"""New files are written as `.NAME.PID-THREAD.diplo-tmp` first (replacements
through index.files.atomic, also dot-named): hidden, and not `.md`."""

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_TRANSLIT.update(str.maketrans({"ß": "ss", "ẞ": "SS", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o"}))
_TRANSLIT.update(str.maketrans({"Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe", "Đ": "D", "đ": "d"}))
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_NEEDS_QUOTES = re.compile(r"""^[\s"'\[\]{}>|*&!%@,`#?:-]|:\s|\s#|\s$|^$""")
MAX_SLUG = 70


class WriteError(Exception):
    """The article could not be written; str() says why and what to do."""


@dataclass(frozen=True)
class Written:
    status: str
    """"added", "updated", "unchanged" (same address, same text) or
    "duplicate" (the same text is already in another file)."""
    path: Path


def slug(text: str, limit: int = MAX_SLUG) -> str:
    """Safe ASCII for a file name: "Außenminister in Genf" -> "aussenminister-in-genf"."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    out = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(out) > limit:
        out = out[:limit].rsplit("-", 1)[0] if "-" in out[:limit] else out[:limit]
    return out


def site_folder(page: Page) -> str:
    host = page.host
    if host:
        name = re.sub(r"[^a-z0-9.-]+", "-", host).strip(".-")
        if name:
            return name
    return slug(page.site or "", 40) or "gespeichert"


def file_stem(page: Page) -> str:
    title = slug(page.title) or "artikel"
    return f"{page.date}-{title}" if page.date else title


def _yaml_value(value: str) -> str:
    """A front-matter value: plain when it reads back unchanged, else a
    double-quoted (JSON, a subset of YAML) string."""
    if _NEEDS_QUOTES.search(value) or value.endswith(("'", '"')):
        return json.dumps(value, ensure_ascii=False)
    return value


def render(page: Page, *, feed: str | None = None, now: dt.datetime | None = None) -> str:
    """The file's text: front matter, the title as a heading, the Markdown body."""
    now = now or dt.datetime.now(dt.UTC)
    fields: list[tuple[str, str | None]] = [
        ("title", page.title),
        ("date", page.date),
        ("source", page.site or page.host),
        ("author", "; ".join(page.authors) or None),
        ("url", page.url),
        ("language", page.language),
        ("feed", feed),
        ("added", now.strftime("%Y-%m-%dT%H:%M:%SZ")),
    ]
    lines = ["---"]
    lines += [f"{key}: {_yaml_value(value)}" for key, value in fields if value]
    lines += ["---", "", f"# {page.title}", "", page.text.strip(), ""]
    return "\n".join(lines)


def text_key(body: str) -> str:
    """What "the same text" means: the body without its title heading, spaces collapsed."""
    body = body.strip()
    if body.startswith("# "):
        body = body.split("\n", 1)[1] if "\n" in body else ""
    return hashlib.sha256(_SPACES.sub(" ", body).strip().encode()).hexdigest()[:24]


def normalize_url(url: str | None) -> str:
    """Addresses equal up to scheme, "www.", a trailing slash and a fragment."""
    url = (url or "").strip().split("#", 1)[0]
    url = re.sub(r"^https?://(www\.)?", "", url, flags=re.I)
    return url.rstrip("/").lower()


def read_article_file(path: Path) -> tuple[dict[str, str], str]:
    """(front matter, body) of an article file; empty when it cannot be read."""
    try:
        return parse_front_matter(path.read_text("utf-8", errors="replace"))
    except OSError:
        return {}, ""


def create_new(folder: Path, stem: str, content: str, key: str) -> tuple[str, Path]:
    """Write a new article under the first free name `stem.md`, `stem-2.md` …

    The file appears by a hard link from the temporary file, which fails when
    the name was taken meanwhile: two diplo-readers adding at once never
    overwrite each other. A taken name with the same text is that article."""
    tmp = _write_temp(folder / f"{stem}.md", content)
    try:
        n = 1
        while True:
            path = folder / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
            n += 1
            if path.exists():
                if text_key(read_article_file(path)[1]) == key:
                    return "duplicate", path
                continue
            try:
                os.link(tmp, path)
            except FileExistsError:
                n -= 1  # look at the file that just appeared
                continue
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                    raise WriteError(_write_reason(exc, path)) from exc
                os.replace(tmp, path)  # no hard links on this file system
            return "added", path
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _temp_name(path: Path) -> Path:
    return path.with_name(
        f"{TEMP_PREFIX}{path.name}.{os.getpid()}-{threading.get_ident()}{TEMP_SUFFIX}"
    )


def _write_temp(path: Path, content: str) -> Path:
    """`content` in a hidden temporary file beside `path`, on disk (fsync)."""
    tmp = _temp_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise WriteError(_write_reason(exc, path)) from exc
    return tmp


def atomic_write(path: Path, content: str) -> None:
    """Replace `path` with `content` atomically (index.files.atomic)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, content)
    except OSError as exc:
        raise WriteError(_write_reason(exc, path)) from exc


def _write_reason(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"no space left on the device for {path.parent}: nothing written"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write to {path.parent} (read-only or no permission): nothing written"
    return f"cannot write {path.name}: {exc.strerror or exc}"


def is_temp_name(name: str) -> bool:
    """A temporary or hidden file (ours, an editor's, a browser's partial download)."""
    lower = name.lower()
    return (
        name.startswith(".")
        or lower.endswith((TEMP_SUFFIX, ".tmp", ".part", ".crdownload", ".swp", "~"))
        or name.startswith("#")
    )
