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
import os
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
    """Write (or reuse) a corpus of `n` articles; returns its folder.

    The folder is written under a temporary name and renamed into place, so
    concurrent runs (several engineers' test runs) never see half a corpus.
    Treat it as read-only: measurements that change articles work on a copy.
    """
    dest = Path(dest_dir) if dest_dir is not None else CORPORA_DIR / str(n)
    if _is_complete(dest, n):
        return dest
    rows = rows if rows is not None else read_rows()
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for i in range(n):
        (tmp / article_name(i)).write_text(article_text(rows, i), encoding="utf-8")
    (tmp / MARKER).write_text(json.dumps(_marker(n)), encoding="utf-8")
    if _is_complete(dest, n):  # another process finished first
        shutil.rmtree(tmp, ignore_errors=True)
        return dest
    old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
    if dest.exists():
        os.replace(dest, old)
    os.replace(tmp, dest)
    shutil.rmtree(old, ignore_errors=True)
    return dest


def private_copy(corpus: Path, dest: Path) -> Path:
    """A copy of `corpus` that a measurement may change (update tests)."""
    shutil.copytree(corpus, dest, ignore=shutil.ignore_patterns(MARKER))
    return dest


def _marker(n: int) -> dict[str, int]:
    return {"n": n, "format": FORMAT_VERSION, "csv_bytes": CSV_PATH.stat().st_size}


def _is_complete(dest: Path, n: int) -> bool:
    marker = dest / MARKER
    return marker.exists() and _read_marker(marker) == _marker(n) and _count_files(dest) == n


def corpus_bytes(corpus: Path) -> int:
    return sum(p.stat().st_size for p in corpus.glob("*.txt"))


def _read_marker(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _count_files(folder: Path) -> int:
    return sum(1 for p in folder.iterdir() if p.suffix == ".txt")
