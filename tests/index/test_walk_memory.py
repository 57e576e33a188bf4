"""The folder walk lets each directory entry go once looked at
(index/files/corpus.py): its peak memory is about what it keeps."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from index.files.corpus import list_article_files


def test_walk_peak_memory_is_close_to_what_it_keeps(tmp_path: Path) -> None:
    for n in range(3000):
        (tmp_path / f"artikel_{n:05d}.txt").write_text("Titel\n\nText.\n", encoding="utf-8")
    list_article_files(tmp_path)  # imports and first-call caches out of the figure
    tracemalloc.start()
    try:
        listing = list_article_files(tmp_path)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(listing.items) == 3000
    # Every entry with its cached stat held to the end made the peak ~3x the kept.
    assert peak < 1.6 * kept, (peak, kept)
