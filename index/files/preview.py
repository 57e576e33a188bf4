"""Titles straight from the files, before any index exists.

On a first start (or a large new folder) the index takes seconds to minutes
to build; the reader shows these titles at once and replaces them with real
results, with dates and names, when the index is ready. Reading a title costs
a decode and a clean, no extraction and no Whoosh (neither is imported here).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from index.errors import ArticleError
from index.files.clean import clean_text, lead_title
from index.files.corpus import iter_article_files, parse_front_matter
from index.files.decode import decode_bytes, sanitize
from index.records import Hit, SearchResult

HEAD_BYTES = 16_384
"""Enough of a file for its title and first paragraph."""
SNIPPET_CHARS = 160
_SPACE = re.compile(r"\s+")


def preview(articles_dir: Path, limit: int) -> SearchResult:
    """Up to `limit` articles of `articles_dir` (newest files first) with
    their titles and first lines; total = every article file in the folder.
    Files that cannot be read are left out (the build reports them)."""
    sources = sorted(
        iter_article_files(Path(articles_dir)), key=lambda s: (-s.mtime_ns, str(s.path))
    )
    hits: list[Hit] = []
    for source in sources:
        if len(hits) >= limit:
            break
        hit = _hit(source.id, source.path)
        if hit is not None:
            hits.append(hit)
    return SearchResult(query="", hits=tuple(hits), total=len(sources))


def _hit(article_id: str, path: Path) -> Hit | None:
    try:
        with path.open("rb") as fh:
            raw = fh.read(HEAD_BYTES)
        text = sanitize(decode_bytes(raw).text)
    except (OSError, ArticleError):
        return None
    front: dict[str, str] = {}
    if path.name.lower().endswith(".md"):
        front, text = parse_front_matter(text)
    cleaned = clean_text(text)
    paragraphs = [b for kind, b in cleaned.blocks if kind == "p"]
    title = front.get("title") or cleaned.title
    if not title:
        title = lead_title(paragraphs[0]) if paragraphs else ""
    if not title:
        return None
    first = _SPACE.sub(" ", paragraphs[0] if paragraphs else "").strip()
    snippet = (
        first[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …" if len(first) > SNIPPET_CHARS else first
    )
    return Hit(
        id=article_id,
        title=title,
        date=None,
        date_precision="unknown",
        score=0.0,
        snippet=snippet,
        path=os.fspath(path),
    )
