"""How much of each article's text survives cleaning.

For every file of the 10kGNAD sample (each row written as a one-line article
file, as many scrapers write them) and every bundled article, the share of the
raw text's words that reach the indexed title + body. Lists every file under
the threshold and the bundled articles' furniture that is still there.

    python -m bench.text_kept [--threshold 0.95] [--csv PATH]

Exit code 1 when a real article is under the threshold or bundled furniture
survives, so `make eval` shows a miss.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.corpus import CSV_PATH, read_rows
from index.files.corpus import ArticleError, read_article

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "articles"
GOLD = ROOT / "tests" / "data" / "gold" / "seeds.json"
_WORD = re.compile(r"\w+")


def kept_share(raw: str, kept: str) -> float:
    """Share of the words of `raw` (as a multiset, case-folded) found in `kept`."""
    want = Counter(w.casefold() for w in _WORD.findall(raw))
    total = sum(want.values())
    if not total:
        return 1.0
    have = Counter(w.casefold() for w in _WORD.findall(kept))
    return sum(min(n, have[w]) for w, n in want.items()) / total


def measure_file(path: Path, raw: str) -> tuple[float, str]:
    """(share kept, note) for one article file."""
    try:
        article = read_article(path)
    except ArticleError as exc:
        return 0.0, f"skipped: {exc}"
    return kept_share(raw, f"{article.title}\n{article.text}"), ""


def run(threshold: float, csv_path: Path) -> int:
    misses = 0
    rows: list[tuple[str, float, str]] = []
    if csv_path.exists():
        with tempfile.TemporaryDirectory() as tmp:
            for i, row in enumerate(read_rows(csv_path)):
                path = Path(tmp) / f"gnad_{i:04d}.txt"
                path.write_text(row.text, encoding="utf-8")
                share, note = measure_file(path, row.text)
                rows.append((f"10kGNAD/{path.name}", share, note))
        shares = sorted(s for name, s, _ in rows)
        n = len(shares)
        under = [r for r in rows if r[1] < threshold]
        print(
            f"10kGNAD: {n} articles, words kept: median {shares[n // 2]:.1%}, "
            f"min {shares[0]:.1%}, under {threshold:.0%}: {len(under)}"
        )
        for name, share, note in under:
            print(f"  UNDER {name}: {share:.1%} {note}")
        misses += len(under)
    else:
        print(f"10kGNAD: not found at {csv_path} (skipped)")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for path in sorted(BUNDLED.glob("*.txt")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        article = read_article(path)
        furniture = gold.get(path.name, {}).get("not_in_body", [])
        left = [f for f in furniture if f in article.body or f in article.text]
        share = kept_share(raw, f"{article.title}\n{article.text}")
        status = "furniture left: " + ", ".join(left) if left else "furniture gone"
        print(
            f"bundled {path.name}: words kept {share:.1%}, {len(furniture)} furniture "
            f"line(s), {status}"
        )
        misses += len(left)
    print(
        f"text kept: {'PASS' if not misses else 'FAIL'} "
        f"(target: no real article under {threshold:.0%}, bundled furniture gone)"
    )
    return 1 if misses else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.95)
    parser.add_argument("--csv", type=Path, default=CSV_PATH)
    args = parser.parse_args(argv)
    return run(args.threshold, args.csv)


if __name__ == "__main__":
    sys.exit(main())
