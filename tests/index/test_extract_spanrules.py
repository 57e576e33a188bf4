"""Honorifics and name particles, on invented sentences (tag_tokens: tagger + sentence rules)."""

from __future__ import annotations

from index.extract import tag_tokens
from index.extract.tagger import spans


def _w(sentence: str) -> list[str]:
    return sentence.split()


def _spans(sentence: str) -> set[tuple[str, str]]:
    words = sentence.split()
    return {(" ".join(words[a:b]), cls) for a, b, cls in spans(tag_tokens(words))}


def test_a_name_after_herr_or_frau_is_a_person_even_when_a_town_has_it() -> None:
    # Castricum is a Dutch town; after "Herrn" it is a member of parliament.
    found = _spans("Ich danke Herrn Castricum und Frau Oomen-Ruijten für den Bericht .")
    assert ("Castricum", "PER") in found
    assert ("Oomen-Ruijten", "PER") in found


def test_roles_after_the_honorific_are_skipped_and_never_a_name_alone() -> None:
    found = _spans("Herr Präsident , Frau Kommissarin Wallström , liebe Kollegen !")
    assert found == {("Wallström", "PER")}


def test_the_particle_after_frau_belongs_to_the_name() -> None:
    assert ("von Blottnitz", "PER") in _spans("Der Bericht von Frau von Blottnitz kommt morgen .")


def test_a_common_word_after_eine_frau_is_no_name() -> None:
    assert _spans("Eine Frau Mitte 40 wurde leicht verletzt .") == set()
    assert ("Hillary Clinton", "PER") in _spans("Seine Frau Hillary Clinton kam auch .")


def test_a_first_name_runs_on_over_von_and_an_epithet() -> None:
    assert ("Gebhard von Ravenna", "PER") in _spans(
        "Damals bezog Erzbischof Gebhard von Ravenna Geld ."
    )
    assert ("Karl der Große", "PER") in _spans("Tatsächlich führte Karl der Große niemals Krieg .")


def test_no_particle_join_onto_an_organisation() -> None:
    found = _spans("Das sagte Chris Thomas von Google am Montag .")
    assert ("Google", "ORG") in found
    assert not any("von" in name for name, _ in found)


def test_a_common_noun_alone_is_no_place_but_a_known_place_or_acronym_is_kept() -> None:
    from index.extract.orgrules import common_noun

    assert common_noun(["Amerikaner"], 0, 1)
    assert common_noun(["die", "Russen"], 1, 2)
    assert not common_noun(["Essen"], 0, 1)  # also a city
    assert not common_noun(["NATO"], 0, 1)
    assert not common_noun(["Bad", "Ems"], 0, 2)


def test_a_name_after_a_company_noun_is_an_organisation_after_a_role_a_person() -> None:
    assert ("Harley Davidson", "ORG") in _spans(
        "Die Anteile des Motorradherstellers Harley Davidson stiegen kräftig ."
    )
    assert ("Anna Schulz", "PER") in _spans("Ihre Tochter Anna Schulz studiert in Wien .")
    assert ("Sundar Pichai", "PER") in _spans("Google-Chef Sundar Pichai reiste nach Berlin .")


def test_org_cue_reads_compounds_and_genitives() -> None:
    from index.extract.orgrules import org_cue

    assert org_cue(["des", "Autobauers", "X"], 2)
    assert org_cue(["die", "Plattenfirma", "X"], 2)
    assert not org_cue(["die", "Tochter", "X"], 2)
    assert not org_cue(["Außenminister", "X"], 1)


def test_adjectives_and_demonyms_are_no_places_or_organisations() -> None:
    from index.extract.orgrules import adjective

    assert adjective(["die", "Münchner"], 1, 2, "LOC")
    assert adjective(["die", "Wiener"], 1, 2, "ORG")
    assert not adjective(["in", "Wien"], 1, 2, "LOC")
    assert not adjective(["die", "Münchner"], 1, 2, "PER")


def test_sports_clubs_are_one_organisation() -> None:
    from index.extract.orgrules import club_spans

    sentence = "Der Aufsteiger FC Burlafingen schlug den VfL Bochum und den TSV München 1860 ."
    words = sentence.split()
    found = club_spans(words, [(1, 4, "ORG"), (6, 7, "ORG"), (7, 8, "LOC"), (10, 12, "ORG")])
    assert [" ".join(words[a:b]) for a, b, _ in found] == [
        "FC Burlafingen",
        "VfL Bochum",
        "TSV München 1860",
    ]


def test_streets_squares_and_roads_are_found_by_their_form() -> None:
    from index.extract.spanrules import street_spans

    words = _w("Der Unfall geschah in der Quellmannstraße nahe dem Zorbaplatz .")
    assert street_spans(words) == [(5, 6, "LOC"), (8, 9, "LOC")]
    words = _w("Er wohnt in der Rosenheimer Straße an der B 304 .")
    assert street_spans(words) == [(4, 6, "LOC"), (8, 10, "LOC")]


def test_common_nouns_ending_like_streets_are_no_streets() -> None:
    from index.extract.spanrules import street_spans

    words = _w("Sein Arbeitsweg führt am Flugplatz vorbei , der Rundweg auch .")
    assert street_spans(words) == []
    assert street_spans(_w("Das Blatt im Format DIN A 4 .")) == []


def test_a_street_is_no_place_of_the_article() -> None:
    from index.extract import extract_metadata

    meta = extract_metadata(
        "Unfall\n\nIn der Quellmannstraße in Dortmund stießen zwei Autos am Zorbaplatz zusammen."
    )
    assert [p.name for p in meta.places] == ["Dortmund"]


def test_the_speaker_after_a_verb_of_saying_is_a_person() -> None:
    from index.extract.spanrules import speaker_spans

    assert speaker_spans(_w("Das war knapp , sagte Quellmann am Montag .")) == [(5, 6, "PER")]
    assert speaker_spans(_w("Wir bleiben , betonte Anna Quellmann .")) == [(4, 6, "PER")]
    assert speaker_spans(_w("Er sagte Bescheid .")) == []  # a common word
    assert speaker_spans(_w("Das , sagte Berlin , gilt .")) == []  # a known place


def test_a_person_takes_in_the_first_name_and_leaves_out_a_role_before_it() -> None:
    from index.extract.spanrules import person_bounds

    words = _w("Gestern sprach Karl-Heinz Quellmann mit dem ITR-Chef Otto Brandauer .")
    assert person_bounds(words, [(3, 4, "PER"), (6, 9, "PER")]) == [
        (2, 4, "PER"),
        (7, 9, "PER"),
    ]
    words = _w("Ihr Bruder Quellmann kam .")
    assert person_bounds(words, [(1, 3, "PER")]) == [(2, 3, "PER")]
    words = _w("In Wien Quellmann traf .")  # a place is no first name
    assert person_bounds(words, [(2, 3, "PER")]) == [(2, 3, "PER")]


def test_no_adjective_of_an_institution_after_vom_joins_a_name() -> None:
    found = _spans("Das bestätigte Hans Keller vom Statistischen Landesamt am Montag .")
    assert ("Hans Keller", "PER") in found
    assert not any("vom" in name for name, _ in found)
    assert ("Ernst vom Rath", "PER") in _spans("Der Diplomat Ernst vom Rath starb 1938 in Paris .")


def test_the_genitive_of_a_known_name_before_or_after_a_noun_is_a_person() -> None:
    assert ("Schröders", "PER") in _spans("Die Partei wartet noch auf Schröders Entscheidung .")
    assert ("Lindners", "PER") in _spans("Nach Lindners schwerer Verletzung fiel das Spiel aus .")
    assert ("Hofmanns", "PER") in _spans("Das war der ausdrückliche Wunsch Hofmanns , hieß es .")


def test_genitive_name_leaves_places_common_words_and_names_ending_in_s() -> None:
    from index.extract.spanrules import genitive_name

    def gen(sentence: str, i: int) -> bool:
        return genitive_name(sentence.split(), i)

    assert gen("nach Schröders Entscheidung", 1)
    assert not gen("nach Russlands Entscheidung", 1)  # a place
    assert not gen("Alles Gute zum Geburtstag", 0)  # a common word
    assert not gen("Jens Wolf sagte das", 0)  # a first name of its own
    assert not gen("nach Schröders .", 1)  # no genitive's place
    found = _spans("Das sagte Jens Wolf am Montag in Berlin .")
    assert ("Jens Wolf", "PER") in found
