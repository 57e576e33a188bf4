"""Every text the reader shows, in German and English.

One language per process: `set_language` is called once before the App is
built, and everything the user sees goes through `t()`. Binding descriptions
are keys into this table too (translated where the footer and the help screen
read them), so no screen ever mixes languages.
"""

from __future__ import annotations

import os

from reader.i18n_archive import ARCHIVE_TEXTS

LANGUAGES = ("de", "en")

_TEXTS: dict[str, tuple[str, str]] = {
    # key: (German, English)
    "app.title": ("Diplo-Reader", "Diplo-Reader"),
    "query.placeholder": ("Suchen … z. B. Genf, place:Tokio", "Search … e.g. Genf, place:Tokio"),
    "hits": ("{n} Treffer", "{n} results"),
    "hits.one": ("1 Treffer", "1 result"),
    "hits.all": ("{n} Artikel, neueste zuerst", "{n} articles, newest first"),
    "hits.all.one": ("1 Artikel", "1 article"),
    "hits.shown": ("{n} Treffer (erste {shown})", "{n} results (first {shown})"),
    "no_hits": ("Keine Treffer", "No results"),
    "suggestion": ("Meinten Sie: {s}?  (Strg+G übernimmt)", "Did you mean: {s}?  (Ctrl+G accepts)"),
    "filter.chip": (
        "Filter: {f}  (x entfernt den letzten, X alle)",
        "Filter: {f}  (x removes the last, X all)",
    ),
    "sort.relevance": ("Sortierung: Relevanz", "Sorted by relevance"),
    "sort.date": ("Sortierung: Datum", "Sorted by date"),
    "sorted.date": ("nach Datum", "by date"),
    "index.opening": ("Index wird geöffnet …", "Opening the index …"),
    "index.building": (
        "Index wird aufgebaut … {done}/{total}",
        "Building the index … {done}/{total}",
    ),
    "index.checking": ("Index wird aktualisiert …", "Updating the index …"),
    "index.busy": (
        "Ein anderer Diplo-Reader aktualisiert den Index; warte …",
        "Another diplo-reader is updating the index; waiting …",
    ),
    "index.ready": ("{n} Artikel im Index", "{n} articles indexed"),
    "index.ready.one": ("1 Artikel im Index", "1 article indexed"),
    "index.changed": (
        "Index aktualisiert: {added} neu, {updated} geändert, {removed} entfernt",
        "Index updated: {added} added, {updated} changed, {removed} removed",
    ),
    "index.failed": (
        "Index konnte nicht aufgebaut werden: {msg}",
        "Could not build the index: {msg}",
    ),
    "index.skipped": ("{n} Dateien nicht lesbar:", "{n} files could not be read:"),
    "index.skipped.one": ("1 Datei nicht lesbar:", "1 file could not be read:"),
    "index.note": ("Hinweis: {msg}", "Note: {msg}"),
    # Skip reasons by their code (index.records.Skipped.code).
    "skip.binary": ("keine Textdatei", "not a text file"),
    "skip.empty": ("leer", "empty"),
    "skip.too-large": ("zu groß", "too large"),
    "skip.unreadable": ("nicht lesbar (Rechte?)", "cannot be read (permissions?)"),
    "skip.vanished": ("während des Lesens verschwunden", "vanished while reading"),
    "skip.not-file": ("keine normale Datei", "not a regular file"),
    "skip.no-text": (
        "kein Artikeltext (nach dem Bereinigen nichts übrig)",
        "no article text left after cleaning",
    ),
    "search.unavailable": ("Suche noch nicht verfügbar", "Search not available yet"),
    "empty.title": ("Keine Artikel", "No articles"),
    "empty.body": (
        "Der Artikelordner {path} enthält keine lesbaren Artikel.\n"
        "Legen Sie Textdateien (.txt) hinein oder starten Sie mit --articles ORDNER.",
        "The articles folder {path} holds no readable articles.\n"
        "Put text files (.txt) into it or start with --articles FOLDER.",
    ),
    "article.none": (
        "Kein Artikel geöffnet.\nWählen Sie links einen Treffer und drücken Sie Enter.",
        "No article open.\nPick a result on the left and press Enter.",
    ),
    "article.hits": ("Treffer {i}/{n}", "Match {i}/{n}"),
    "article.no_hits": ("Keine markierten Treffer", "No marked matches"),
    "meta.date": ("Datum", "Date"),
    "meta.source": ("Quelle", "Source"),
    "meta.author": ("Autor", "Author"),
    "meta.places": ("Orte", "Places"),
    "meta.people": ("Personen", "People"),
    "meta.orgs": ("Organisationen", "Organisations"),
    "meta.none": ("—", "—"),
    "meta.entity_count": ("{name}: in {n} Artikeln", "{name}: in {n} articles"),
    "meta.entity_count.one": ("{name}: in 1 Artikel", "{name}: in 1 article"),
    "date.unknown": ("unbekannt", "unknown"),
    "state.corrupt": (
        "Gespeicherter Zustand war beschädigt und wurde beiseitegelegt: {path}",
        "Saved state was corrupt and has been set aside: {path}",
    ),
    "state.unwritable": (
        "Zustand konnte nicht gespeichert werden: {msg}",
        "Could not save state: {msg}",
    ),
    "folder": ("Artikelordner: {path}", "Articles folder: {path}"),
    "theme.set": ("Farbschema: {name}", "Theme: {name}"),
    "help.title": ("Tastenbelegung", "Key bindings"),
    "help.close": ("Esc, q, ? oder F1 schließt diese Hilfe", "Esc, q, ? or F1 closes this help"),
    "help.section.app": ("Überall", "Everywhere"),
    "help.section.query": ("Suchfeld", "Query"),
    "help.section.results": ("Trefferliste", "Results"),
    "help.section.article": ("Artikel", "Article"),
    "help.section.side": ("Seitenleiste", "Side panel"),
    "palette.placeholder": ("Befehl suchen …", "Search for commands …"),
    # Binding descriptions (footer, help screen, palette).
    "b.focus_query": ("Suchen", "Search"),
    "b.help": ("Hilfe", "Help"),
    "b.quit": ("Beenden", "Quit"),
    "b.palette": ("Befehle", "Commands"),
    "b.back": ("Zurück", "Back"),
    "b.next_pane": ("Nächster Bereich", "Next pane"),
    "b.prev_pane": ("Voriger Bereich", "Previous pane"),
    "b.people": ("Personen", "People"),
    "b.places": ("Orte", "Places"),
    "b.toggle_side": ("Seitenleiste", "Side panel"),
    "b.clear_filter": ("Filter weg", "Clear filter"),
    "b.clear_filters": ("Alle Filter weg", "Clear all filters"),
    "b.exclude": ("Ausschließen", "Exclude"),
    "b.suggestion": ("Vorschlag", "Suggestion"),
    "b.to_results": ("Zu den Treffern", "To results"),
    "b.open": ("Öffnen", "Open"),
    "b.down": ("Runter", "Down"),
    "b.up": ("Hoch", "Up"),
    "b.first": ("Erster", "First"),
    "b.last": ("Letzter", "Last"),
    "b.page_down": ("Seite runter", "Page down"),
    "b.page_up": ("Seite hoch", "Page up"),
    "b.next_hit": ("Nächster Treffer", "Next match"),
    "b.prev_hit": ("Voriger Treffer", "Previous match"),
    "b.next_result": ("Nächster Artikel", "Next article"),
    "b.prev_result": ("Voriger Artikel", "Previous article"),
    "b.filter": ("Filtern", "Filter"),
    "b.scroll_down": ("Scrollen runter", "Scroll down"),
    "b.scroll_up": ("Scrollen hoch", "Scroll up"),
    "b.top": ("Anfang", "Top"),
    "b.bottom": ("Ende", "Bottom"),
    "b.sort": ("Sortierung", "Sort"),
    "b.clear_query": ("Suche leeren", "Clear query"),
    "b.fetch": ("Feeds abrufen", "Fetch feeds"),
    "palette": ("Befehle", "Commands"),
    "quit.hint": ("Beenden mit q oder Strg+Q", "Quit with q or Ctrl+Q"),
    # Command palette.
    "c.rebuild": ("Index neu aufbauen", "Rebuild index"),
    "c.rebuild.help": ("Alle Artikel neu einlesen", "Read every article again"),
    "c.toggle_side": ("Seitenleiste ein/aus", "Toggle side panel"),
    "c.sort_relevance": ("Nach Relevanz sortieren", "Sort by relevance"),
    "c.sort_date": ("Nach Datum sortieren", "Sort by date"),
    "c.theme": ("Farbschema: {name}", "Theme: {name}"),
    "c.folder": ("Artikelordner anzeigen", "Show articles folder"),
    "c.clear_filter": ("Filter entfernen", "Remove filter"),
    "c.help": ("Hilfe anzeigen", "Show help"),
    "c.quit": ("Beenden", "Quit"),
    "c.fetch": ("Feeds abrufen", "Fetch feeds"),
    "c.fetch.help": (
        "Neue Artikel aller abonnierten Feeds laden (diplo-reader feeds add URL)",
        "Load new articles from every followed feed (diplo-reader feeds add URL)",
    ),
    # Fetching feeds.
    "fetch.start": ("Feeds werden abgerufen …", "Fetching feeds …"),
    "fetch.running": ("Feeds werden schon abgerufen", "Already fetching feeds"),
    "fetch.progress": (
        "Feed {feed}: {done}/{n} neue Einträge",
        "Feed {feed}: {done}/{n} new items",
    ),
    "fetch.done": ("{n} neue Artikel aus den Feeds", "{n} new articles from the feeds"),
    "fetch.done.one": ("1 neuer Artikel aus den Feeds", "1 new article from the feeds"),
    "fetch.errors": ("{n} Fehler:", "{n} failed:"),
    "fetch.no_feeds": (
        "Keine Feeds abonniert: diplo-reader feeds add URL",
        "No feeds followed: diplo-reader feeds add URL",
    ),
}

_TEXTS.update(ARCHIVE_TEXTS)

_MONTHS = {
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

_language = "de"


def detect_language(requested: str | None = None) -> str:
    """`--lang` wins; otherwise English only when the locale asks for it."""
    if requested in LANGUAGES:
        return requested
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "de"
    return "de"


def set_language(lang: str) -> None:
    global _language
    _language = lang if lang in LANGUAGES else "de"


def language() -> str:
    return _language


def t(key: str, **values: object) -> str:
    """The text for `key` in the current language (the key itself if unknown)."""
    pair = _TEXTS.get(key)
    if pair is None:
        return key
    if values.get("n") == 1:
        pair = _TEXTS.get(f"{key}.one", pair)  # "1 result", "1 Datei"
    text = pair[1] if _language == "en" else pair[0]
    return text.format(**values) if values else text


def skip_reason(code: str, reason: str) -> str:
    """Why a file was skipped, in the UI language (the index's text as fallback)."""
    key = f"skip.{code}"
    text = t(key)
    return reason if text == key or _language == "en" else text


def format_date(iso: str | None, precision: str) -> str:
    """ "5. November 2023", "Januar 2025", "2024" or "unbekannt", by precision."""
    if not iso or precision == "unknown":
        return t("date.unknown")
    parts = iso.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 0
        day = int(parts[2]) if len(parts) > 2 else 0
    except ValueError:
        return iso
    months = _MONTHS[_language]
    if precision == "day" and day and month:
        return (
            f"{day}. {months[month - 1]} {year}"
            if _language == "de"
            else f"{day} {months[month - 1]} {year}"
        )
    if precision in ("day", "month") and month:
        return f"{months[month - 1]} {year}"
    return str(year)
