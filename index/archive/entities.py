"""The archive's entities: every person, place and organisation under its
archive-wide identity, with its number of articles and the other forms used."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from index.archive.columns import Columns

ENTITY_KINDS = ("person", "place", "org")


@dataclass(frozen=True)
class ArchiveEntity:
    kind: str
    """person, place or org."""
    name: str
    """The name most articles use."""
    key: str
    """Identity key (index/archive/canonical.py)."""
    articles: int
    """Articles naming it, each counted once, under any of its names."""
    aliases: tuple[str, ...] = ()
    """The other names used for it across the archive."""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "key": self.key,
            "articles": self.articles,
            "aliases": list(self.aliases),
        }


def entities(
    cols: Columns, kind: str | None = None, limit: int | None = None
) -> list[ArchiveEntity]:
    """Most articles first (ties alphabetically), of one kind or all three."""
    kinds = ENTITY_KINDS if kind is None else (kind,)
    rows: list[ArchiveEntity] = []
    for k in kinds:
        lo, hi = cols.ranges.get(k, (0, 0))
        for eid in range(lo, hi):
            articles = int(cols.totals[eid])
            if articles <= 0:
                continue
            key = cols.key[eid]
            aliases = cols.aliases(eid)
            shown = cols.name[eid]
            rows.append(
                ArchiveEntity(k, shown, key, articles, tuple(a for a in aliases if a != shown))
            )
    rows.sort(key=lambda r: (-r.articles, r.name.casefold(), r.kind))
    return rows[:limit] if limit is not None else rows
