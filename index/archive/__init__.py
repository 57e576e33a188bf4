"""The archive at a glance: facets, timeline, places and dossiers over a
query's whole hit set (not its first page).

Counting reads per-document columns built once per index state
(index/archive/columns.py), never stored fields per hit. Entity identity is
one function, `index.archive.identity.entity_key`.
"""

from __future__ import annotations

from index.archive.aggregate import dossier, facets, places, timeline
from index.archive.columns import Columns, build_columns
from index.archive.facts import DocFacts, facts_from_record
from index.archive.filters import apply_filters, date_range
from index.archive.hits import hit_mask, narrow_scores
from index.archive.identity import entity_key
from index.archive.records import (
    ArticleRef,
    Bucket,
    Dossier,
    FacetRow,
    Facets,
    PlaceCount,
    Places,
    Timeline,
)
from index.archive.source import columns_for

__all__ = [
    "ArticleRef",
    "Bucket",
    "Columns",
    "DocFacts",
    "Dossier",
    "FacetRow",
    "Facets",
    "PlaceCount",
    "Places",
    "Timeline",
    "apply_filters",
    "build_columns",
    "columns_for",
    "date_range",
    "dossier",
    "entity_key",
    "facets",
    "facts_from_record",
    "hit_mask",
    "narrow_scores",
    "places",
    "timeline",
]
