"""Round-trip Article records through JSON (stored in the index)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from index.records import Article, Entity, Metadata


def _plain(value: Any) -> Any:
    """Like `dataclasses.asdict` for JSON, without its deep copies (a tenth of the
    time: this runs once per article in every build)."""
    kind = type(value)
    if kind is str or value is None:
        return value
    names = _FIELD_NAMES.get(kind, _UNKNOWN)
    if names is _UNKNOWN:
        names = _FIELD_NAMES[kind] = (
            tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
        )
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


_FIELD_NAMES: dict[type, Any] = {}
"""A dataclass's field names by class (None for any other class)."""
_UNKNOWN = object()


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
