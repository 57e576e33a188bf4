"""A person span cut after a capitalised name particle runs on over the rest of the
name (index/extract/spanrules.py `join_particles`), with sentences written for the test."""

from __future__ import annotations

from index.extract import extract_metadata
from index.extract.spanrules import join_particles


def _words(sentence: str) -> list[str]:
    return sentence.split(" ")


def test_the_rest_after_a_capital_particle_joins_the_name() -> None:
    words = _words("Gestern sprach Luca Di Vaio mit Journalisten .")
    assert join_particles(words, [(2, 4, "PER"), (4, 5, "PER")]) == [(2, 5, "PER")]
    words = _words("Bundespräsident Pieter Van der Kuijt empfing den Gast .")
    assert join_particles(words, [(1, 3, "PER")]) == [(1, 5, "PER")]


def test_no_common_word_or_lone_particle_is_joined() -> None:
    words = _words("Sie traf Anna Van der Stadt gegenüber .")  # "Stadt": a common noun
    assert join_particles(words, [(2, 4, "PER")]) == [(2, 4, "PER")]
    words = _words("Der Van der Firma stand vor dem Haus .")
    assert join_particles(words, [(1, 2, "PER")]) == [(1, 2, "PER")]  # one word: no name
    words = _words("Marie Le sagte nichts .")
    assert join_particles(words, [(0, 2, "PER")]) == [(0, 2, "PER")]  # a verb follows


def test_a_name_with_van_der_is_one_person_counted_per_mention() -> None:
    text = (
        "Wahl in Österreich\n\n"
        "Der Kandidat Alexander Van der Bellen kann dem Vorschlag etwas abgewinnen. "
        "Alle neun Landeshauptstädte sind in der Hand von Alexander Van der Bellen. "
        "Van der Bellen sagte, er freue sich."
    )
    people = extract_metadata(text).people
    assert [(p.name, p.count) for p in people] == [("Alexander Van der Bellen", 3)]


def test_a_lone_capital_particle_runs_on_over_the_rest_of_the_name() -> None:
    words = _words("Van der Sloot sagte , er freue sich .")
    assert join_particles(words, [(0, 1, "PER")]) == [(0, 3, "PER")]
    words = _words("De Gaulle kam nach Bonn .")
    assert join_particles(words, [(0, 1, "PER")]) == [(0, 2, "PER")]
    words = _words("Van der Firma kam niemand .")  # a common noun: no rest of a name
    assert join_particles(words, [(0, 1, "PER")]) == [(0, 1, "PER")]
