"""The Whoosh schema, its version, and how an Article becomes a document.

Bump SCHEMA_VERSION whenever fields or analysis change: an index written with
another version is rebuilt automatically.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from whoosh import fields
from whoosh.analysis import LanguageAnalyzer

from index.records import Article

SCHEMA_VERSION = 1


def build_schema() -> fields.Schema:
    analyzer = LanguageAnalyzer("de")
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        content_hash=fields.ID(stored=True),
        title=fields.TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=analyzer, stored=True),
        person=fields.KEYWORD(stored=True, commas=True, lowercase=True, scorable=True),
        place=fields.KEYWORD(stored=True, commas=True, lowercase=True, scorable=True),
        org=fields.KEYWORD(stored=True, commas=True, lowercase=True, scorable=True),
        date=fields.DATETIME(stored=True, sortable=True),
        # Everything the front ends show, as one JSON blob: the Article record.
        record=fields.STORED,
    )


def _date_value(iso: str | None) -> dt.datetime | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.datetime(parts[0], parts[1], parts[2])


def article_document(article: Article) -> dict[str, Any]:
    """The fields to write for one article."""
    from index.serialize import article_to_dict

    meta = article.meta
    doc: dict[str, Any] = {
        "id": article.id,
        "path": article.path,
        "content_hash": article.content_hash,
        "title": article.title,
        "body": article.text,
        "person": ",".join(e.name for e in meta.people),
        "place": ",".join(e.name for e in meta.places),
        "org": ",".join(e.name for e in meta.orgs),
        "record": json.dumps(article_to_dict(article), ensure_ascii=False),
    }
    date = _date_value(meta.date)
    if date is not None:
        doc["date"] = date
    return doc
