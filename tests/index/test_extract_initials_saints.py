"""Initials, Romance name particles, abbreviations, saints, lists and regional villages
(tokens.py `ends_sentence`; spanrules.py `join_particles`, `saint_places`,
`coordinated_spans`, `region_places`), with sentences written for the test."""

from __future__ import annotations

from index.extract import extract_metadata
from index.extract.spanrules import join_particles, saint_places
from index.extract.tokens import glue_stops, sentence_words


def _words(sentence: str) -> list[str]:
    return sentence.split(" ")


def test_no_sentence_ends_after_an_initial_or_an_abbreviation() -> None:
    text = (
        "Das Abkommen unterschrieb Tomas K. Varga im Mai. Danach sprach Dr. Elsner "
        "über 2,5 Mrd. Euro. Es regnete! Ein Gast kam aus St. Gallen. Der Plan ging auf."
    )
    assert [s[0] for s in sentence_words(text)] == ["Das", "Danach", "Es", "Ein", "Der"]
    assert len(sentence_words("Er kam um 8 Uhr an. Sie ging.")) == 2


def test_a_middle_initial_joins_the_name_and_keeps_its_stop() -> None:
    words = _words("Den Vertrag unterschrieb Tomas K . Varga gestern .")
    assert join_particles(words, [(3, 5, "PER"), (6, 7, "PER")]) == [(3, 7, "PER")]
    assert join_particles(words, [(3, 4, "PER"), (6, 7, "PER")]) == [(3, 7, "PER")]
    words = _words("Das Buch schrieb Maren T . , eine Lehrerin .")
    assert join_particles(words, [(3, 5, "PER")]) == [(3, 6, "PER")]
    assert glue_stops(("Tomas", "K", ".", "Varga")) == ("Tomas", "K.", "Varga")


def test_romance_particles_join_after_any_name() -> None:
    words = _words("Präsident Ignácio Lurra da Sousa reiste ab .")
    assert join_particles(words, [(1, 3, "PER"), (4, 5, "PER")]) == [(1, 5, "PER")]
    words = _words("Er traf Paolo della Vecchia in Rom .")
    assert join_particles(words, [(2, 3, "PER"), (4, 5, "PER")]) == [(2, 5, "PER")]
    words = _words("Sie traf Maria de la Fuente .")
    assert join_particles(words, [(2, 3, "PER")]) == [(2, 6, "PER")]
    words = _words("Er kam , da Merkel rief .")  # "da" as a German conjunction: no name before
    assert join_particles(words, [(4, 5, "PER")]) == [(4, 5, "PER")]


def test_a_saints_name_after_st_is_a_place() -> None:
    words = _words("Die Kirche St . Korbinian wurde 1720 geweiht .")
    assert saint_places(words, [(4, 5, "PER")]) == [(2, 5, "LOC")]
    words = _words("Er wohnt in Sankt Ulrich am See .")
    assert saint_places(words, []) == [(3, 5, "LOC")]
    words = _words("Der FC St . Korbinian verlor .")  # a club keeps its name
    assert saint_places(words, [(1, 5, "ORG")]) == [(1, 5, "ORG")]
    words = _words("Die St . Galler Regierung tagte .")  # an adjective of the town
    assert saint_places(words, []) == []


def test_an_article_names_people_with_initials_and_titles_in_full() -> None:
    text = (
        "Gipfel in Genf\n\n"
        "Zum Treffen kam auch Tomas K. Varga aus Budapest. Varga sprach mit Dr. Elsner. "
        "Elsner sagte, man sei sich einig. Die Delegation wohnte in St. Moritz."
    )
    meta = extract_metadata(text)
    people = {p.name: p.count for p in meta.people}
    assert people.get("Tomas K. Varga") == 2
    assert people.get("Elsner") == 2  # backed by its title "Dr."
    assert "St. Moritz" in {p.name for p in meta.places}
    assert not {"St", "K"} & (set(people) | {p.name for p in meta.places})


def test_a_name_in_a_list_of_people_or_places_is_one_of_them() -> None:
    from index.extract.spanrules import coordinated_spans

    words = _words("Die Songs schrieben Brekowski , Tallqvist und Murnane gemeinsam .")
    assert coordinated_spans(words, [(3, 4, "PER"), (7, 8, "PER")]) == [(5, 6, "PER")]
    words = _words("Es gibt Gerichte in Wesselbach und Ahrweil .")
    assert coordinated_spans(words, [(4, 5, "LOC")]) == [(6, 7, "LOC")]
    assert coordinated_spans(words, [(6, 7, "LOC")]) == [(4, 5, "LOC")]
    # common words, compounds of common nouns and known names of another kind stay out
    words = _words("Er sprach über Sanktionen und Russland .")
    assert coordinated_spans(words, [(5, 6, "LOC")]) == []
    words = _words("Es geht um Raketentechnologien und Chinas Pläne .")
    assert coordinated_spans(words, [(5, 6, "LOC")]) == []
    words = _words("Hilfe für Mittel- und Osteuropa .")
    assert coordinated_spans(words, [(4, 5, "LOC")]) == []
    words = _words("Er traf Wagenknecht und Berlin .")
    assert coordinated_spans(words, [(2, 3, "PER")]) == []  # a known place is no person


def test_a_village_after_a_regional_adjective_is_a_place_counted_per_mention() -> None:
    from index.extract.spanrules import region_places

    assert region_places(_words("Der Brand brach im oberpfälzischen Kleinwendern aus .")) == [
        (5, 6, "LOC")
    ]
    assert region_places(_words("Er kam aus dem benachbarten Ostrowitz .")) == [(5, 6, "LOC")]
    assert region_places(_words("Das ist im klassischen Bereich üblich .")) == []  # a noun
    assert region_places(_words("Die bayerischen Kleinwendern sind da .")) == []  # no preposition
    text = (
        "Brand in der Nacht\n\n"
        "Der Brand brach im oberpfälzischen Kleinwendern aus. Die Feuerwehr aus "
        "Kleinwendern war schnell da. Kleinwendern hat 400 Einwohner."
    )
    places = {p.name: p.count for p in extract_metadata(text).places}
    assert places.get("Kleinwendern") == 3
