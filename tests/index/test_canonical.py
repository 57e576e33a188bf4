"""Archive-wide identities: one key per person, place and organisation."""

from __future__ import annotations

from index.archive.canonical import resolve


def test_surname_only_joins_the_one_full_name() -> None:
    ids = resolve("person", {"John Kerry": 5, "Kerry": 2, "Sergej Lawrow": 3})
    assert ids.key("Kerry") == ids.key("John Kerry")
    assert ids.key("Kerry") != ids.key("Sergej Lawrow")
    key = ids.key("Kerry")
    assert ids.shown[key] == "John Kerry"
    assert ids.aliases[key] == ("Kerry",)


def test_an_ambiguous_surname_stays_apart_unless_one_dominates() -> None:
    even = resolve("person", {"Anna Schmidt": 3, "Peter Schmidt": 3, "Schmidt": 4})
    assert even.key("Schmidt") not in (even.key("Anna Schmidt"), even.key("Peter Schmidt"))
    skewed = resolve("person", {"Anna Schmidt": 1, "Peter Schmidt": 9, "Schmidt": 4})
    assert skewed.key("Schmidt") == skewed.key("Peter Schmidt")
    assert skewed.key("Anna Schmidt") != skewed.key("Peter Schmidt")


def test_middle_names_and_spelling_variants_are_one_person() -> None:
    ids = resolve(
        "person",
        {
            "Barack Obama": 6,
            "Barack Hussein Obama": 1,
            "Obama": 3,
            "Mohammed Shia Al-Sudani": 1,
            "Mohammed Shia al Sudani": 2,
        },
    )
    assert ids.key("Barack Hussein Obama") == ids.key("Barack Obama") == ids.key("Obama")
    assert ids.shown[ids.key("Obama")] == "Barack Obama"
    assert ids.key("Mohammed Shia Al-Sudani") == ids.key("Mohammed Shia al Sudani")
    assert ids.shown[ids.key("Mohammed Shia al Sudani")] == "Mohammed Shia al Sudani"


def test_a_surname_never_joins_a_different_kind_of_name() -> None:
    # A one-word person with no full name in the archive keeps its own identity.
    ids = resolve("person", {"Madonna": 2, "Anna Madonna Huber": 1})
    assert ids.key("Madonna") != ids.key("Anna Madonna Huber")


def test_organisations_by_case_and_by_known_other_names() -> None:
    ids = resolve("org", {"NATO": 4, "Nato": 3, "Nordatlantikpakt": 1, "Hamas": 2})
    assert ids.key("Nato") == ids.key("NATO") == ids.key("Nordatlantikpakt")
    assert ids.shown[ids.key("Nato")] == "NATO"
    assert set(ids.aliases[ids.key("NATO")]) == {"Nato", "Nordatlantikpakt"}
    assert ids.key("Hamas") != ids.key("NATO")
    # A form the archive has not seen still finds its organisation.
    assert ids.key("Vereinte Nationen") == resolve("org", {"UNO": 1}).key("UNO")


def test_places_fold_case_only() -> None:
    ids = resolve("place", {"Genf": 3, "GENF": 1, "Genua": 2})
    assert ids.key("GENF") == ids.key("Genf") != ids.key("Genua")
