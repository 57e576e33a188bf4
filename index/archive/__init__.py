"""Views over the whole archive: identities, facets, timeline, places, dossiers.

Counting a query's whole hit set (not its first page) reads per-document
columns built once per index state (columns.py), never stored fields per hit.
One identity per person, place and organisation across the archive comes from
canonical.py, applied when the columns are built. The records are in
records.py (re-exported by the `index` facade); `Library.overview` and
`Library.dossier` call service.py. Nothing is imported here, so the facade can
load the records without numpy.
"""
