"""The curated gazetteer tables: German exonyms, regions and short town names."""

from __future__ import annotations

from index.extract.gazetteer import load, lookup_key


def _place(name: str):  # type: ignore[no-untyped-def]
    return load().places.get(lookup_key(tuple(name.split())))


def test_german_names_of_cities_geonames_spells_in_english() -> None:
    for name in ("München", "Nürnberg", "Bozen", "Göteborg"):
        place = _place(name)
        assert place is not None and place.kind == "city" and place.population > 50_000, name
    assert _place("Munich") is not None and _place("Munich").name == "München"


def test_us_states_and_european_regions_are_regions_not_villages() -> None:
    for name in ("Massachusetts", "Maryland", "Ohio", "North Carolina", "Toskana", "Kreta"):
        place = _place(name)
        assert place is not None and place.kind == "region", name


def test_german_towns_answer_to_their_short_name_unless_it_is_a_common_word() -> None:
    limburg = _place("Limburg")
    assert limburg is not None and limburg.name == "Limburg an der Lahn"
    assert _place("Marburg") is not None and _place("Marburg").name == "Marburg an der Lahn"
    halle = _place("Halle")
    assert halle is not None and halle.country_code == "DE" and halle.population > 200_000
    assert _place("Weil") is None  # "Weil am Rhein", but "weil" is a conjunction


def test_written_variants_of_city_names_and_multiword_regions() -> None:
    assert _place("Frankfurt / Main").name == "Frankfurt"
    assert _place("Mülheim an der Ruhr").name == "Mülheim"
    assert _place("Gizeh").name == "Giza"
    assert _place("Horn von Afrika").kind == "region"


def test_compass_regions_of_countries() -> None:
    for name, code in (("Ostukraine", "UA"), ("Nordsyrien", "SY"), ("Süddeutschland", "DE")):
        place = _place(name)
        assert place is not None and place.kind == "region" and place.country_code == code
    assert _place("Nordkorea").kind == "country"  # a country of its own stays one
    assert _place("Dritten Welt").name == "Dritte Welt"


def test_landscapes_and_historic_regions_are_regions() -> None:
    for name in ("Ostwestfalen", "Odenwald", "Bayerischer Wald", "Spessart", "Spitzbergen"):
        place = _place(name)
        assert place is not None and place.kind == "region", name
    from index.extract import tag_tokens

    words = ["Der", "Verein", "aus", "Ostwestfalen", "wanderte", "durch", "den", "Odenwald", "."]
    tags = tag_tokens(words)
    assert tags[3] == "B-LOC" and tags[7] == "B-LOC"
