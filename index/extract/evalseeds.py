"""Scoring extraction on the bundled articles against ../shared/gold/seeds.json.

Document-level precision/recall of people and places, the stated date, and
mention counts: every gold person's and place's `count` must equal the number
of times the article names it, counted independently of the extractor from
the gold name and aliases as whole tokens (compounds such as "US-Außenminister"
are other words), their genitive (+s, +'), and for people the surname alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.extract import extract_metadata
from index.extract.tokens import sentence_words
from index.records import Entity, Metadata


@dataclass
class SeedScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def seed_text(path: Path) -> str:
    """Approximate cleaned text for a raw seed file: title line, blank line, body."""
    lines = path.read_text(encoding="utf-8").splitlines()
    non_empty = [ln for ln in lines if ln.strip()]
    if not non_empty:
        return ""
    return non_empty[0].strip() + "\n\n" + "\n\n".join(ln.strip() for ln in non_empty[1:])


def score_entities(
    found: list[str], gold: list[dict], missed: list[str], wrong: list[str]
) -> SeedScore:
    """Document-level P/R: a found name matches a gold entry's name or any alias."""
    score = SeedScore()
    lookup: dict[str, dict] = {}
    for entry in gold:
        for name in (entry["name"], *entry.get("aliases", [])):
            lookup[name] = entry
    hit: set[str] = set()
    for name in found:
        match = lookup.get(name)
        if match is None:
            score.fp += 1
            wrong.append(name)
        elif match["name"] not in hit:
            hit.add(match["name"])
            score.tp += 1 if not match.get("optional") else 0
    for entry in gold:
        if not entry.get("optional") and entry["name"] not in hit:
            score.fn += 1
            missed.append(entry["name"])
    return score


def _forms(entry: dict, person: bool) -> set[tuple[str, ...]]:
    names = [entry["name"], *entry.get("aliases", [])]
    if person:
        names += [n.split()[-1] for n in names]
    out: set[tuple[str, ...]] = set()
    for name in names:
        toks = tuple(name.split())
        out.add(toks)
        for ending in ("s", "'", "’"):
            out.add((*toks[:-1], toks[-1] + ending))
    return out


def count_mentions(text: str, forms: Iterable[tuple[str, ...]]) -> int:
    """Non-overlapping occurrences of any form as whole tokens, longest first."""
    ordered = sorted(set(forms), key=len, reverse=True)
    n = 0
    for words in sentence_words(text):
        i = 0
        while i < len(words):
            hit = next((len(f) for f in ordered if tuple(words[i : i + len(f)]) == f), 0)
            n += bool(hit)
            i += hit or 1
    return n


def _entity(found: tuple[Entity, ...], entry: dict) -> Entity | None:
    names = {entry["name"], *entry.get("aliases", [])}
    return next((e for e in found if e.name in names or names & set(e.aliases)), None)


@dataclass
class CountCheck:
    ok: int = 0
    bad: list[str] = field(default_factory=list)


def check_counts(text: str, meta: Metadata, gold: dict, check: CountCheck, doc: str) -> None:
    """Compare each required gold entity's extracted count with the counted mentions."""
    for kind in ("people", "places"):
        for entry in gold[kind]:
            if entry.get("optional"):
                continue
            entity = _entity(getattr(meta, kind), entry)
            want = count_mentions(text, _forms(entry, kind == "people"))
            got = entity.count if entity else 0
            if got == want:
                check.ok += 1
            else:
                check.bad.append(f"{doc[:3]} {entry['name']} {got}/{want}")


def eval_seeds(seeds: Path, gold_path: Path, verbose: bool = True) -> dict:
    """Overall P/R for people and places, date correctness and count checks.

    `seeds` holds the article files, `gold_path` is seeds.json (the repository
    keeps both: articles/ and tests/data/gold/seeds.json).
    """
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    total = {"people": SeedScore(), "places": SeedScore()}
    counts = CountCheck()
    dates_ok = 0
    n = 0
    for name, g in gold.items():
        if name.startswith("_"):
            continue
        n += 1
        text = seed_text(seeds / name)
        meta = extract_metadata(text)
        date_ok = meta.date == g["date"] and (
            meta.date_precision == (g["date_precision"] or "unknown")
        )
        dates_ok += date_ok
        parts = [f"{name[:20]:20}", f"date {'ok ' if date_ok else 'BAD'} {meta.date or '-':10}"]
        for kind in ("people", "places"):
            missed: list[str] = []
            wrong: list[str] = []
            s = score_entities([e.name for e in getattr(meta, kind)], g[kind], missed, wrong)
            for attr in ("tp", "fp", "fn"):
                setattr(total[kind], attr, getattr(total[kind], attr) + getattr(s, attr))
            parts.append(f"{kind} P {s.p():.2f} R {s.r():.2f}")
            if missed or wrong:
                parts.append(f"[{kind} missed {missed} wrong {wrong}]")
        check_counts(text, meta, g, counts, name)
        if verbose:
            print("  ".join(parts))
    if verbose and counts.bad:
        print("seed counts off (found/counted):", "; ".join(counts.bad))
    return {**total, "dates_ok": dates_ok, "n": n, "counts": counts}
