"""People, places and organisations on invented German sentences (no seed names)."""

from __future__ import annotations

from index.extract import extract_metadata, tag_tokens
from index.records import Metadata


def _meta(body: str, title: str = "Ein Titel") -> Metadata:
    return extract_metadata(f"{title}\n\n{body}")


def _names(entities: tuple) -> list[str]:
    return [e.name for e in entities]


def test_fullest_name_and_genitive_merge() -> None:
    meta = _meta(
        "Die Außenministerin Annalena Baerbock traf in Warschau "
        "ihren Amtskollegen Radosław Sikorski. "
        "Baerbocks Reise dauerte zwei Tage. Sikorski sagte, Baerbock sei willkommen."
    )
    people = {p.name: p for p in meta.people}
    assert set(people) == {"Annalena Baerbock", "Radosław Sikorski"}
    assert people["Annalena Baerbock"].count == 3
    assert set(people["Annalena Baerbock"].aliases) == {"Baerbocks", "Baerbock"}
    assert "Warschau" in _names(meta.places)


def test_roles_are_cues_not_names() -> None:
    meta = _meta(
        "Bundeskanzler Olaf Scholz empfing Präsident Emmanuel Macron. "
        "NATO-Chef Jens Stoltenberg kam später."
    )
    assert set(_names(meta.people)) == {"Olaf Scholz", "Emmanuel Macron", "Jens Stoltenberg"}


def test_places_canonical_nominative_with_kind_and_code() -> None:
    meta = _meta(
        "Die Spannungen im Nahen Osten und im Südchinesischen Meer wachsen. "
        "Die Vereinigten Staaten schicken Schiffe, die Ukraine bittet um Hilfe. "
        "Russlands Armee rückt vor."
    )
    places = {p.name: p for p in meta.places}
    assert {"Naher Osten", "Südchinesisches Meer", "USA", "Ukraine", "Russland"} <= set(places)
    assert places["Südchinesisches Meer"].place_kind == "water"
    assert places["USA"].country_code == "US" and places["USA"].place_kind == "country"
    assert places["USA"].lat is not None and places["USA"].lon is not None
    assert "Vereinigten Staaten" in places["USA"].aliases


def test_city_exonyms_and_coordinates() -> None:
    meta = _meta("Der Minister flog von Peking über Moskau nach Genf und dann nach Brüssel.")
    places = {p.name: p for p in meta.places}
    assert {"Peking", "Moskau", "Genf", "Brüssel"} <= set(places)
    assert places["Genf"].country_code == "CH" and places["Genf"].place_kind == "city"
    assert 46 < (places["Genf"].lat or 0) < 47


def test_adjectives_and_compounds_are_not_places() -> None:
    meta = _meta(
        "Die japanische Regierung und russische Diplomaten kritisierten den Gaza-Krieg scharf."
    )
    assert _names(meta.places) == []


def test_orgs_are_not_people_or_places() -> None:
    meta = _meta("Die NATO und die EU verurteilten die Hamas. Die UNO forderte eine Feuerpause.")
    assert {"NATO", "EU", "Hamas", "UNO"} <= set(_names(meta.orgs))
    assert not set(_names(meta.people)) & {"NATO", "EU", "Hamas", "UNO"}
    assert not set(_names(meta.places)) & {"NATO", "EU", "Hamas", "UNO"}


def test_nouns_that_are_names() -> None:
    meta = _meta(
        "Blinken gehört zum Autofahren. Das Essen war gut, sagte der Koch. "
        "Der Bauer verkaufte Kartoffeln an einen Schneider."
    )
    assert _names(meta.people) == []
    meta = _meta("Der Abgeordnete Thomas Koch sprach in Essen mit Anna Bauer. Koch lobte Bauer.")
    people = {p.name: p for p in meta.people}
    assert set(people) == {"Thomas Koch", "Anna Bauer"}
    assert people["Thomas Koch"].count == 2
    assert "Essen" in _names(meta.places)


def test_entities_ordered_by_count_then_first_seen() -> None:
    meta = _meta(
        "Frankreich und Spanien beraten. Spanien lehnt ab, Spanien zögert. "
        "Frankreich wartet, Italien auch."
    )
    assert _names(meta.places)[:3] == ["Spanien", "Frankreich", "Italien"]


def test_tag_tokens_bio() -> None:
    tags = tag_tokens(["Gestern", "traf", "Angela", "Merkel", "in", "Berlin", "ein", "."])
    assert tags[2:4] == ["B-PER", "I-PER"]
    assert tags[5] == "B-LOC"
    assert len(tags) == 8


def test_digits_and_compound_nouns_are_not_people() -> None:
    meta = _meta(
        "Die Bewegung DiEM25 wächst, sagte Dietrich Mateschitz. "
        "Der Kommunikationsberater Josef Kalina schwieg."
    )
    names = _names(meta.people)
    assert "Dietrich Mateschitz" in names and "Josef Kalina" in names
    assert "DiEM25" not in names
    assert all("berater" not in n for n in names)
