"""Benchmark corpora built from the 10kGNAD articles.

Each CSV row becomes one `.txt` article file. To reach a size larger than the
877 rows, rows are replicated: every copy gets its own id (file name) and a
small textual change (a different site date on the first line and a copy
marker at the end), so content hashes and dates differ while the vocabulary
stays that of real German news. Corpora are cached under `bench/corpora/<n>/`
(gitignored) and reused when complete.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSV_PATH = ROOT.parent / "shared" / "data" / "10kGNAD" / "articles.csv"
CORPORA_DIR = ROOT / "bench" / "corpora"
MARKER = ".bench-corpus.json"
FORMAT_VERSION = 1
_FIRST_SENTENCE = re.compile(r"^(.{20,200}?[.!?])\s+(?=[A-ZÄÖÜ\"„])")


@dataclass(frozen=True)
class Row:
    category: str
    text: str


def read_rows(csv_path: Path = CSV_PATH) -> list[Row]:
    """The CSV rows (`category;'text'`, `;` separator, `'` quote character)."""
    with csv_path.open(encoding="utf-8", newline="") as fh:
        return [
            Row(rec[0], rec[1])
            for rec in csv.reader(fh, delimiter=";", quotechar="'")
            if len(rec) >= 2 and rec[1].strip()
        ]


def article_name(index: int) -> str:
    """File name of the index-th article of any corpus (stable across sizes)."""
    return f"gnad_{index:06d}.txt"


def article_text(rows: list[Row], index: int) -> str:
    """Text of the index-th article: row `index % len(rows)`, copy `index // len(rows)`."""
    row = rows[index % len(rows)]
    copy = index // len(rows)
    day = dt.date(2015, 6, 1) + dt.timedelta(days=(index * 37 + copy * 11) % 540)
    text = row.text.strip()
    m = _FIRST_SENTENCE.match(text)
    title, rest = (m.group(1), text[m.end() :]) if m else (text[:120], text)
    tail = f"\n\n(Archivfassung {copy + 1}, {row.category})" if copy else ""
    return f"{day:%d.%m.%Y}\n\n{title}\n\n{rest}{tail}\n"


def make_corpus(n: int, dest_dir: Path | None = None, *, rows: list[Row] | None = None) -> Path:
    """Write (or reuse) a corpus of `n` articles; returns its folder."""
    dest = Path(dest_dir) if dest_dir is not None else CORPORA_DIR / str(n)
    want = {"n": n, "format": FORMAT_VERSION, "csv_bytes": CSV_PATH.stat().st_size}
    marker = dest / MARKER
    if marker.exists() and _read_marker(marker) == want and _count_files(dest) == n:
        return dest
    rows = rows if rows is not None else read_rows()
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for i in range(n):
        (dest / article_name(i)).write_text(article_text(rows, i), encoding="utf-8")
    marker.write_text(json.dumps(want), encoding="utf-8")
    return dest


def restore_article(corpus: Path, index: int, rows: list[Row] | None = None) -> None:
    """Rewrite one article as `make_corpus` wrote it (after an update test)."""
    rows = rows if rows is not None else read_rows()
    (corpus / article_name(index)).write_text(article_text(rows, index), encoding="utf-8")


def corpus_bytes(corpus: Path) -> int:
    return sum(p.stat().st_size for p in corpus.glob("*.txt"))


def _read_marker(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _count_files(folder: Path) -> int:
    return sum(1 for p in folder.iterdir() if p.suffix == ".txt")
