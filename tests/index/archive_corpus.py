"""A generated corpus with known people, places and dates, for archive tests."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

PEOPLE = (
    "Annalena Baerbock",
    "Olaf Scholz",
    "Antony Blinken",
    "Emmanuel Macron",
    "Wladimir Putin",
    "Wolodymyr Selenskyj",
    "Recep Tayyip Erdoğan",
    "Xi Jinping",
)
PLACES = ("Berlin", "Paris", "Moskau", "Kiew", "Peking", "Washington", "Ankara", "Genf", "Wien")
ORGS = ("NATO", "EU", "UNO", "OSZE")
SOURCES = ("Reuters", "dpa", "AFP", "REUTERS")
"""Sources named in a "Quelle:" line under the date ("dpa" is not taken as a
source: lower case; "REUTERS" is Reuters under another spelling)."""
VERBS = ("traf", "sprach mit", "kritisierte", "lobte", "telefonierte mit")


def article(rng: random.Random, day: dt.date | None) -> str:
    a, b = rng.sample(PEOPLE, 2)
    p, q = rng.sample(PLACES, 2)
    org = rng.choice(ORGS)
    head = f"{day:%d.%m.%Y}\n\n" if day else ""
    title = f"{a} {rng.choice(VERBS)} {b} in {p}"
    body = (
        f"{p} – {a} {rng.choice(VERBS)} am Rande eines Treffens der {org} in {p} "
        f"den Gast {b}. Danach reiste {b} weiter nach {q}, wo Gespräche über "
        f"die Lage geplant sind. Die {org} äußerte sich zunächst nicht."
    )
    return f"{head}{title}\n\nQuelle: {rng.choice(SOURCES)}\n\n{body}\n"


def write_corpus(folder: Path, n: int, seed: int, start: int = 0, span_days: int = 700) -> None:
    """`n` articles named art_<start+i>.txt; about one in eight has no date."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    base = dt.date(2015, 3, 1)
    for i in range(start, start + n):
        day = None if rng.random() < 0.125 else base + dt.timedelta(days=rng.randrange(span_days))
        (folder / f"art_{i:04d}.txt").write_text(article(rng, day), encoding="utf-8")
