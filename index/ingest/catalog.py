"""What the articles folder already holds: its files by canonical URL and by
text, so the same article added twice changes nothing.

Reading every file of a large folder on each `add` would take seconds (10,000
articles: ~4 s on this machine), so what each file contributes (its URL and
text key) is cached in the cache folder by path, size and modification time;
a later run reads only files that changed. The cache is only a shortcut:
lost, damaged or unwritable, it is rebuilt from the files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from index import paths
from index.files.atomic import write_atomic
from index.files.corpus import parse_front_matter
from index.ingest.pages import Page
from index.ingest.write import (
    Written,
    atomic_write,
    create_new,
    file_stem,
    is_temp_name,
    normalize_url,
    read_article_file,
    render,
    site_folder,
    text_key,
)

CACHE_VERSION = 1
SUFFIXES = (".md", ".txt")


def cache_file(root: Path) -> Path:
    real = str(Path(root).resolve())
    digest = hashlib.sha1(real.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return paths.cache_dir() / "ingest" / f"catalog-{digest}.json"


class Catalog:
    """The articles folder's `.md`/`.txt` files by canonical URL and by text."""

    def __init__(self, root: Path, *, use_cache: bool = True) -> None:
        self.root = Path(root)
        self.by_url: dict[str, Path] = {}
        self.by_text: dict[str, Path] = {}
        self._cache_path = cache_file(self.root) if use_cache else None
        old = self._load_cache()
        fresh: dict[str, list[object]] = {}
        for path, size, mtime in self._files():
            rel = path.relative_to(self.root).as_posix()
            entry = old.get(rel)
            if entry is not None and entry[:2] == [size, mtime]:
                url, key = str(entry[2]), str(entry[3])
            else:
                front, body = read_article_file(path)
                url, key = normalize_url(front.get("url")), text_key(body)
            fresh[rel] = [size, mtime, url, key]
            self._add(path, url, key)
        if fresh != old:
            self._save_cache(fresh)

    def _files(self) -> list[tuple[Path, int, int]]:
        found: list[tuple[Path, int, int]] = []
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not is_temp_name(d))
            for name in sorted(files):
                if not name.lower().endswith(SUFFIXES) or is_temp_name(name):
                    continue
                path = Path(folder, name)
                try:
                    st = path.stat()
                except OSError:
                    continue
                found.append((path, st.st_size, st.st_mtime_ns))
        return found

    def _load_cache(self) -> dict[str, list[object]]:
        if self._cache_path is None:
            return {}
        try:
            data = json.loads(self._cache_path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def _save_cache(self, files: dict[str, list[object]]) -> None:
        if self._cache_path is None:
            return
        with contextlib.suppress(OSError):  # only a shortcut: lost, it is rebuilt
            self._cache_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self._cache_path, json.dumps({"version": CACHE_VERSION, "files": files}))

    def _add(self, path: Path, url: str, key: str) -> None:
        if url:
            self.by_url.setdefault(url, path)
        self.by_text.setdefault(key, path)

    def _learn(self, path: Path, content: str) -> None:
        front, body = parse_front_matter(content)
        self._add(path, normalize_url(front.get("url")), text_key(body))

    def save(self, page: Page, *, feed: str | None = None) -> Written:
        """Write `page` unless the folder has it already. Raises WriteError."""
        key = text_key(page.text)
        known = self.by_url.get(normalize_url(page.url)) if page.url else None
        if known is not None and known.exists():
            old_front, old_body = read_article_file(known)
            if text_key(old_body) == key:
                return Written("unchanged", known)
            content = render(page, feed=feed or old_front.get("feed"))
            atomic_write(known, content)
            self.by_text[key] = known
            return Written("updated", known)
        same_text = self.by_text.get(key)
        if same_text is not None and same_text.exists():
            return Written("duplicate", same_text)
        content = render(page, feed=feed)
        status, path = create_new(self.root / site_folder(page), file_stem(page), content, key)
        self._learn(path, content)
        return Written(status, path)
