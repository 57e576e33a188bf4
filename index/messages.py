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
}


@dataclass(frozen=True)
class Problem:
    """A message as a code plus arguments; str() gives the German text."""

    code: str
    args: tuple[str, ...] = ()

    def render(self, lang: str = "de") -> str:
        return render(self.code, self.args, lang)

    def __str__(self) -> str:
        return self.render("de")


def render(code: str, args: tuple[str, ...] = (), lang: str = "de") -> str:
    """The message for `code` in `lang` ("de" or "en")."""
    german, english = _TEXTS.get(code, ("{0}", "{0}"))
    return (english if lang == "en" else german).format(*args)
