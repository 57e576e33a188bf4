"""Which names count as the same entity across the archive.

Every count, filter and dossier in index/archive goes through `entity_key`,
so replacing it with archive-wide canonical identities ("Kerry" and "John
Kerry" as one person) changes every view at once. Keep it pure and cheap: it
is called once per distinct name when a searcher's columns are built, never
per hit.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")

ENTITY_KINDS = ("person", "place", "org", "source")


def entity_key(kind: str, name: str) -> str:
    """The identity of `name` as a `kind` ("person", "place", "org", "source"):
    for now the name itself, Unicode-normalised, case- and space-folded."""
    text = unicodedata.normalize("NFC", name or "")
    return f"{kind}:{_SPACE.sub(' ', text).strip().casefold()}"
