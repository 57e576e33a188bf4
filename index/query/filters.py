"""Filters (`index.records.Filter`) as Whoosh queries.

The front ends pass filters as data; this module is the one place that turns
them into queries, so no query syntax is written outside the core.
"""

from __future__ import annotations

import re

from whoosh import query
from whoosh.reading import IndexReader

from index.query.parse import build_query
from index.records import Filter

_PERIOD = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def filter_query(flt: Filter, reader: IndexReader) -> query.Query:
    """The query that matches the articles `flt` selects (ignoring `exclude`).
    A value that cannot match (a malformed period) matches nothing."""
    if flt.field == "date":
        start, _, end = flt.value.partition("..")
        if not _PERIOD.match(start) or (end and not _PERIOD.match(end)):
            return query.NullQuery
        text = f"date:[{start} TO {end}]" if end else f"date:{start}"
        built = build_query(text, reader)
        return built.query if built.query is not None else query.NullQuery
    if flt.field == "source":
        # One untokenized term per source as written (index/store/schema.py);
        # `also` holds the archive's other spellings of the same source.
        names = [n for n in dict.fromkeys((flt.value, *flt.also)) if n.strip()]
        terms: list[query.Query] = [query.Term("source", n) for n in names]
        return terms[0] if len(terms) == 1 else query.Or(terms)
    # A quoted phrase on the name field per name of the entity; quotes inside
    # a name cannot be written in the syntax and never belong to a name.
    subs = []
    for name in dict.fromkeys((flt.value, *flt.also)):
        built = build_query(f'{flt.field}:"{name.replace(chr(34), " ").strip()}"', reader)
        if built.query is not None:
            subs.append(built.query)
    if not subs:
        return query.NullQuery
    return subs[0] if len(subs) == 1 else query.Or(subs)
