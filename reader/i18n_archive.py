"""Texts of the archive views (facets, timeline, map, dossier), German and English.

Merged into reader.i18n's table; kept apart so that table stays readable.
"""

from __future__ import annotations

ARCHIVE_TEXTS: dict[str, tuple[str, str]] = {
    "facets.title": ("Facetten · {n} Treffer", "Facets · {n} results"),
    "facets.people": ("Personen", "People"),
    "facets.places": ("Orte", "Places"),
    "facets.orgs": ("Organisationen", "Organisations"),
    "facets.sources": ("Quellen", "Sources"),
    "facets.years": ("Jahre", "Years"),
    "facets.empty": ("Keine Treffer – nichts zu zählen", "No results – nothing to count"),
    "facets.counting": ("Zähle …", "Counting …"),
    "filter.added": ("Filter: {f}", "Filter: {f}"),
    "facets.no_filter": (
        "Nach dieser Zeile lässt sich nicht filtern",
        "This row cannot be filtered by",
    ),
    "timeline.title": ("Zeitleiste · {n} Treffer", "Timeline · {n} results"),
    "timeline.by.week": ("nach Wochen", "by week"),
    "timeline.by.month": ("nach Monaten", "by month"),
    "timeline.by.year": ("nach Jahren", "by year"),
    "timeline.cursor": ("{period}: {n} Artikel", "{period}: {n} article(s)"),
    "timeline.undated": ("ohne Datum: {n}", "undated: {n}"),
    "timeline.imprecise": ("ungenau datiert: {n}", "imprecise date: {n}"),
    "timeline.empty": ("Keine datierten Treffer", "No dated results"),
    "timeline.range": (
        "Enter auf einem zweiten Balken: Zeitraum",
        "Enter on a second bar: date range",
    ),
    "timeline.week": ("KW {w} {y}", "week {w} {y}"),
    "timeline.chosen": ("Filter: {p}", "filter: {p}"),
    "map.title": ("Karte · {n} Treffer · {view}", "Map · {n} results · {view}"),
    "map.cursor": ("{name}: {n} Artikel", "{name}: {n} article(s)"),
    "map.cursor.more": (
        "{name}: {n} Artikel (hier noch {k} weitere Orte)",
        "{name}: {n} article(s) ({k} more places here)",
    ),
    "map.none": (
        "Keine Orte mit Koordinaten in dieser Ansicht",
        "No places with coordinates in this view",
    ),
    "map.unplaced": ("Ohne Koordinaten", "Without coordinates"),
    "map.view.world": ("Welt", "World"),
    "map.view.europe": ("Europa", "Europe"),
    "map.view.mideast": ("Naher Osten", "Middle East"),
    "map.view.eastasia": ("Ostasien", "East Asia"),
    "map.view.americas": ("Amerika", "Americas"),
    "map.view.africa": ("Afrika", "Africa"),
    "map.view.custom": ("eigene Ansicht", "custom view"),
    "small.terminal": (
        "Das Terminal ist zu klein ({w}×{h}). Bitte mindestens 80×24.",
        "The terminal is too small ({w}×{h}). Please use at least 80×24.",
    ),
    "dossier.title": ("Dossier: {name}", "Dossier: {name}"),
    "dossier.kind.person": ("Person", "Person"),
    "dossier.kind.place": ("Ort", "Place"),
    "dossier.kind.org": ("Organisation", "Organisation"),
    "dossier.summary": (
        "{kind} · {n} Artikel · {first} – {last}",
        "{kind} · {n} article(s) · {first} – {last}",
    ),
    "dossier.people": ("Mit Personen", "With people"),
    "dossier.places": ("Mit Orten", "With places"),
    "dossier.orgs": ("Mit Organisationen", "With organisations"),
    "dossier.articles": ("Artikel, neueste zuerst", "Articles, newest first"),
    "dossier.none": ("Kein Artikel nennt {name}", "No article names {name}"),
    "dossier.pick": (
        "Kein Eintrag gewählt: erst eine Person, einen Ort oder eine Organisation markieren",
        "Nothing chosen: highlight a person, place or organisation first",
    ),
    "dossier.loading": ("Dossier wird geladen …", "Loading the dossier …"),
    "help.section.facets": ("Facetten", "Facets"),
    "help.section.timeline": ("Zeitleiste", "Timeline"),
    "help.section.map": ("Karte", "Map"),
    "help.section.dossier": ("Dossier", "Dossier"),
    # Bindings.
    "b.facets": ("Facetten", "Facets"),
    "b.timeline": ("Zeitleiste", "Timeline"),
    "b.map": ("Karte", "Map"),
    "b.dossier": ("Dossier", "Dossier"),
    "b.chip": ("Filtern", "Filter"),
    "b.exclude": ("Ausschließen", "Exclude"),
    "b.left": ("Links", "Left"),
    "b.right": ("Rechts", "Right"),
    "b.period": ("Zeitraum filtern", "Filter by period"),
    "b.zoom_in": ("Vergrößern", "Zoom in"),
    "b.zoom_out": ("Verkleinern", "Zoom out"),
    "b.pan": ("Verschieben", "Pan"),
    "b.nearest": ("Ort in Pfeilrichtung", "Place in that direction"),
    "b.views": ("Ansichten", "Views"),
    "b.next_marker": ("Nächster Ort", "Next place"),
    "b.prev_marker": ("Voriger Ort", "Previous place"),
    "b.close": ("Schließen", "Close"),
    # Command palette.
    "c.facets": ("Facetten", "Facets"),
    "c.timeline": ("Zeitleiste", "Timeline"),
    "c.map": ("Karte", "Map"),
    "c.dossier": ("Dossier", "Dossier"),
}

SHORT_MONTHS = {
    "de": ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
