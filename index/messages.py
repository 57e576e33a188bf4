"""User-facing messages of the core, in German and English.

The core reports a problem as a stable code with arguments; front ends render
it in their language (the TUI follows LANG/--lang, the CLI speaks English).
"""

from __future__ import annotations

from dataclasses import dataclass

_TEXTS: dict[str, tuple[str, str]] = {
    "unclosed-quote": (
        'Ungültige Suche: Anführungszeichen " nicht geschlossen',
        'Invalid query: unclosed quotation mark "',
    ),
    "unopened-paren": ("Ungültige Suche: „)“ ohne „(“", "Invalid query: “)” without “(”"),
    "unclosed-paren": (
        "Ungültige Suche: Klammer ( nicht geschlossen",
        "Invalid query: unclosed parenthesis (",
    ),
    "unclosed-range": (
        "Ungültige Suche: Bereich [… TO …] nicht geschlossen",
        "Invalid query: unclosed range [… TO …]",
    ),
    "operand-after": (
        "Ungültige Suche: nach {0} fehlt ein Begriff",
        "Invalid query: a term is missing after {0}",
    ),
    "operand-before": (
        "Ungültige Suche: vor {0} fehlt ein Begriff",
        "Invalid query: a term is missing before {0}",
    ),
    "as-words": (
        "Ungültige Suche: als einfache Wörter gesucht",
        "Invalid query: searched as plain words",
    ),
    "too-long": (
        "Suche auf {0} Zeichen gekürzt",
        "Query cut to {0} characters",
    ),
    "too-many-terms": ("Suche auf {0} Begriffe gekürzt", "Query cut to {0} terms"),
    "range-field": (
        "Ungültige Suche: Bereiche gibt es nur für datum: ({0})",
        "Invalid query: ranges work only with date: ({0})",
    ),
    "bare-wildcard": (
        "Ungültige Suche: Platzhalter brauchen mindestens einen Buchstaben davor",
        "Invalid query: a wildcard needs at least one letter before it",
    ),
    "bad-date": (
        "Ungültige Suche: Datum als 2023, 2025-01, 2024-04-29 oder [2024-01-01 TO 2025-12-31]",
        "Invalid query: give dates as 2023, 2025-01, 2024-04-29 or [2024-01-01 TO 2025-12-31]",
    ),
    "search-failed": ("Suche fehlgeschlagen: {0}", "Search failed: {0}"),
    # Why the index on disk cannot be used as it is (index.store.disk.check_index).
    "index.none": ("noch kein Index", "no index yet"),
    "index.meta": (
        "Index-Metadaten fehlen oder sind beschädigt",
        "index metadata missing or damaged",
    ),
    "index.schema": (
        "Index mit einer anderen Schema-Version geschrieben",
        "index written by another schema version",
    ),
    "index.program": (
        "Index mit einer anderen Programmversion geschrieben",
        "index written by another program version",
    ),
    "index.incomplete": (
        "Index-Metadaten unvollständig (Aufbau unterbrochen?)",
        "index metadata incomplete (interrupted build?)",
    ),
    "index.fingerprint": ("Index-Metadaten beschädigt", "index metadata damaged"),
    "index.file": (
        "Index-Datei beschädigt oder verändert: {0}",
        "index file damaged or changed: {0}",
    ),
    "index.manifest": (
        "Index-Verzeichnis der Artikel fehlt oder ist beschädigt",
        "index manifest missing or damaged",
    ),
    "index.damaged": ("Index beschädigt ({0})", "index damaged ({0})"),
    # Build notes (BuildReport.note): what the user is told after an update.
    "note.rebuilt": ("{0}: Index neu aufgebaut", "{0}: rebuilt the index"),
    "note.missing": (
        "Der Index-Ordner fehlte: neu aufgebaut",
        "index folder was missing: rebuilt it",
    ),
    "note.memory": (
        "Index-Ordner nicht beschreibbar ({0}): der Index liegt für diese Sitzung im Speicher",
        "index folder not writable ({0}): using an in-memory index",
    ),
    "note.busy": (
        "Ein anderes diplo-reader aktualisiert den Index gerade",
        "another diplo-reader is updating the index",
    ),
}


@dataclass(frozen=True)
class Problem:
    """A message as a code plus arguments; str() gives the German text."""

    code: str
    args: tuple[str | Problem, ...] = ()
    """Plain values, or problems that are rendered in the same language."""

    def render(self, lang: str = "de") -> str:
        return render(self.code, self.args, lang)

    def __str__(self) -> str:
        return self.render("de")


def render(code: str, args: tuple[str | Problem, ...] = (), lang: str = "de") -> str:
    """The message for `code` in `lang` ("de" or "en")."""
    german, english = _TEXTS.get(code, ("{0}", "{0}"))
    values = [a.render(lang) if isinstance(a, Problem) else a for a in args]
    return (english if lang == "en" else german).format(*values)


def counted(n: int, one: str, many: str | None = None) -> str:
    """`n` and the word in the number it needs: "1 file", "2 files", "0 files"
    (English command-line texts; `many` for plurals not made with -s)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def known(code: str) -> bool:
    """Whether `code` has texts (a test checks every code the core uses)."""
    return code in _TEXTS
