"""Round-trip Article records through JSON (stored in the index)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from index.records import Article, Entity, Metadata


def article_to_dict(article: Article) -> dict[str, Any]:
    return asdict(article)


def _entities(items: list[dict[str, Any]]) -> tuple[Entity, ...]:
    return tuple(Entity(**{**e, "aliases": tuple(e.get("aliases", ()))}) for e in items)


def article_from_dict(data: dict[str, Any]) -> Article:
    meta = dict(data.get("meta") or {})
    metadata = Metadata(
        date=meta.get("date"),
        date_precision=meta.get("date_precision", "unknown"),
        mentioned_dates=tuple(meta.get("mentioned_dates", ())),
        source=meta.get("source"),
        author=meta.get("author"),
        people=_entities(meta.get("people", [])),
        places=_entities(meta.get("places", [])),
        orgs=_entities(meta.get("orgs", [])),
    )
    return Article(
        id=data["id"],
        path=data["path"],
        title=data["title"],
        body=data["body"],
        text=data["text"],
        content_hash=data["content_hash"],
        meta=metadata,
    )
