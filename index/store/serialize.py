"""Round-trip Article records through JSON (stored in the index)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from index.records import Article, Entity, Metadata


def _plain(value: Any) -> Any:
    """Like `dataclasses.asdict` for JSON, without its deep copies (a tenth of the
    time: this runs once per article in every build)."""
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def article_to_dict(article: Article) -> dict[str, Any]:
    result: dict[str, Any] = _plain(article)
    return result


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
