"""Views over the whole archive: identities, facets, timeline, places, dossiers."""
