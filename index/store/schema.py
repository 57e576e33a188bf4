"""The Whoosh schema, its version, and how an Article becomes a document.

Bump SCHEMA_VERSION whenever fields or analysis change: an index written with
another version is rebuilt automatically.

Fields and why they exist (analysis lives in index/text/analysis.py):
- title, body: folded + stemmed words with positions (BM25F, phrases). The
  title is weighted above the body at query time (index/query/parse.py), so the
  weights can be tuned without a rebuild.
- parts: stemmed compound parts ("Militärhilfe" -> militar, hilf) without
  positions; queried with a low weight so whole words rank first.
- Prefix, fuzzy and did-you-mean expand over the body's stems (a separate
  field of unstemmed words cost ~30% more build time for little gain).
- person, place, org: folded names with positions ("person:Kishida" finds
  "Fumio Kishida"; phrases for full names); canonical names and aliases.
- source: the article's source as written ("tagesschau.de"), one untokenized
  term, for source chips (index/query/filters.py); absent when unknown.
- date: the article date (sortable; unknown dates are left out).
- record: the full Article as JSON, for hits, snippets and the article pane.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from functools import lru_cache
from typing import Any

from whoosh import fields
from whoosh.formats import Positions
from whoosh.system import pack_uint

from index.records import Article, Entity
from index.text.analysis import NameTokenizer, PartsTokenizer, StemTokenizer, analyze_words

SCHEMA_VERSION = 7
"""7: the `source` field (source chips)."""


class Analyzed(tuple):  # type: ignore[type-arg]
    """A field's postings made ahead of time (in a build worker process):
    what `FieldType.index()` yields, as a picklable tuple."""


class PreAnalyzedText(fields.TEXT):
    """A TEXT field that also accepts `Analyzed` values. Analysis is the
    single Whoosh writer's main cost; with this the build's worker processes
    analyse while the writer only adds postings."""

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, Analyzed):
            return iter(value)
        return super().index(value, **kwargs)


PRE_ANALYZED = ("title", "body", "parts")
"""The fields `prepare_document` analyses in the worker."""


def build_schema() -> fields.Schema:
    stems = StemTokenizer()
    names = NameTokenizer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        content_hash=fields.ID(stored=True),
        title=PreAnalyzedText(analyzer=stems, stored=True),
        # The text itself is read from `record` (one stored blob per hit).
        body=PreAnalyzedText(analyzer=stems),
        parts=PreAnalyzedText(analyzer=PartsTokenizer(), phrase=False),
        person=fields.TEXT(analyzer=names),
        place=fields.TEXT(analyzer=names),
        org=fields.TEXT(analyzer=names),
        source=fields.ID(),
        date=fields.DATETIME(stored=True, sortable=True),
        # Everything the front ends show, as one JSON blob: the Article record.
        record=fields.STORED,
    )


def _date_value(iso: str | None) -> dt.datetime | None:
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return dt.datetime(parts[0], parts[1], parts[2])
    except (ValueError, IndexError):
        return None


def _names(entities: tuple[Entity, ...]) -> str:
    """Canonical names and aliases, one per line (a line break is a word break)."""
    names: list[str] = []
    for e in entities:
        for name in (e.name, *e.aliases):
            if name not in names:
                names.append(name)
    return "\n".join(names)


def article_document(article: Article) -> dict[str, Any]:
    """The fields to write for one article."""
    from index.store.serialize import article_to_dict

    meta = article.meta
    doc: dict[str, Any] = {
        "id": article.id,
        "path": article.path,
        "content_hash": article.content_hash,
        "title": article.title,
        "body": article.text,
        "parts": article.text,
        "person": _names(meta.people),
        "place": _names(meta.places),
        "org": _names(meta.orgs),
        "record": json.dumps(article_to_dict(article), ensure_ascii=False),
    }
    if meta.source and meta.source.strip():
        doc["source"] = meta.source
    date = _date_value(meta.date)
    if date is not None:
        doc["date"] = date
    return doc


@lru_cache(maxsize=1)
def _schema() -> fields.Schema:
    return build_schema()


def prepare_document(article: Article) -> dict[str, Any]:
    """`article_document` with the heavy text fields already analysed, for a
    worker process to hand to the writer (stored values passed alongside).

    The body and its compound parts are analysed in one pass over the words,
    yielding exactly what Whoosh's `field.index()` would (the title by the
    same code): tests/index/test_build.py compares them on real articles.
    """
    doc = article_document(article)
    schema = _schema()
    title, _ = _analyze(schema["title"], None, doc["title"])
    body, parts = _analyze(schema["body"], schema["parts"], doc["body"])
    doc["title"], doc["body"], doc["parts"] = title, body, parts
    doc["_stored_title"] = article.title
    return doc


def _analyze(
    field: fields.FieldType, parts_field: fields.FieldType | None, text: str
) -> tuple[Analyzed, Analyzed]:
    """(stem postings with positions, compound-part postings) of `text`, as
    `field.index()` and `parts_field.index()` give them (same order too)."""
    positions: dict[str, list[int]] = {}
    parts: dict[str, int] = {}
    pos = 0
    with_parts = parts_field is not None
    get = positions.get
    for info in analyze_words(text):
        for alts in info.stems:
            for stem in alts:
                found = get(stem)
                if found is None:
                    positions[stem] = [pos]
                else:
                    found.append(pos)
            pos += 1
        if with_parts and info.parts:
            for part in info.parts:
                parts[part] = parts.get(part, 0) + 1
    boost = field.format.field_boost
    encode = _encode_positions if type(field.format) is Positions else field.format.encode
    stems = Analyzed(
        (w.encode("utf-8"), len(ps), float(len(ps)) * boost, encode(ps))
        for w, ps in positions.items()
    )
    if parts_field is None:
        return stems, Analyzed()
    boost = parts_field.format.field_boost
    return stems, Analyzed(
        (w.encode("utf-8"), n, float(n) * boost, pack_uint(n)) for w, n in parts.items()
    )


_SINGLE_POSITIONS: dict[int, bytes] = {}
"""`Positions.encode([p])` by position (most terms occur once in an article)."""


def _encode_positions(poslist: list[int]) -> bytes:
    """What Whoosh's `Positions.encode` gives (the count, then the pickled
    deltas), a single position from a table (tests/index/test_build.py)."""
    if len(poslist) == 1:
        p = poslist[0]
        value = _SINGLE_POSITIONS.get(p)
        if value is None:
            value = pack_uint(1) + pickle.dumps(poslist, 2)
            if p < 65_536:
                _SINGLE_POSITIONS[p] = value
        return value
    base = 0
    deltas = []
    for p in poslist:
        deltas.append(p - base)
        base = p
    return pack_uint(len(deltas)) + pickle.dumps(deltas, 2)
