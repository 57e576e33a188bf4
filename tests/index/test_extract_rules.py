"""What a reader expects of the side panel, on invented German sentences (no seed names)."""

from __future__ import annotations

from index.extract import extract_metadata
from index.records import Metadata


def _meta(body: str, title: str = "Ein Titel") -> Metadata:
    return extract_metadata(f"{title}\n\n{body}")


def _all_names(meta: Metadata) -> set[str]:
    out = set()
    for e in (*meta.people, *meta.places, *meta.orgs):
        out.add(e.name)
        out.update(e.aliases)
    return out


def test_capitalised_function_words_and_nouns_at_sentence_start_are_no_entities() -> None:
    meta = _meta(
        "Seine Rede dauerte nur zehn Minuten. Ihre Antwort kam spät. "
        "Mitte der Woche reiste die Delegation nach Warschau weiter. "
        "Folgendes wurde vereinbart: Die Gespräche gehen weiter.\n\n"
        "Weitere Treffen geplant\n\n"
        "Weitere Gespräche sollen im Herbst folgen, sagte ein Diplomat.",
        title="Seine Gegner bleiben skeptisch",
    )
    assert not _all_names(meta) & {"Seine", "Ihre", "Mitte", "Folgendes", "Weitere"}
    assert "Warschau" in {p.name for p in meta.places}


def test_no_span_glues_a_person_to_a_place_object() -> None:
    meta = _meta(
        "In einer Pressekonferenz hat Außenministerin Annalena Baerbock Peking erneut vor "
        "einer Eskalation gewarnt. Baerbock übermittelte Peking ihre Position. "
        "Die Ministerin sagte, man sei gesprächsbereit, betonte Baerbock."
    )
    people = {p.name: p for p in meta.people}
    assert set(people) == {"Annalena Baerbock"}
    assert people["Annalena Baerbock"].count == 3
    assert not [n for n in _all_names(meta) if "Baerbock" in n and "Peking" in n]
    places = {p.name: p for p in meta.places}
    assert places["Peking"].count == 2
    assert "Annalena" not in people["Annalena Baerbock"].aliases


def test_one_word_person_needs_backing() -> None:
    unbacked = _meta("Am Abend meldete sich Wendtland zu Wort und lehnte alles ab.")
    assert "Wendtland" not in {p.name for p in unbacked.people}
    by_role = _meta("Am Abend meldete sich Sprecher Wendtland zu Wort und lehnte alles ab.")
    assert {p.name for p in by_role.people} == {"Wendtland"}
    by_title = _meta("Am Abend meldete sich Frau Wendtland zu Wort und lehnte alles ab.")
    assert {p.name for p in by_title.people} == {"Wendtland"}
    by_full_name = _meta(
        "Am Morgen sprach Kerstin Wendtland vor dem Ausschuss. "
        "Am Abend meldete sich Wendtland erneut zu Wort."
    )
    people = {p.name: p for p in by_full_name.people}
    assert set(people) == {"Kerstin Wendtland"} and people["Kerstin Wendtland"].count == 2
    well_known = _meta("In Berlin sagte Merkel am Abend, sie sei zufrieden.")
    assert "Merkel" in {p.name for p in well_known.people}


def test_companies_brands_and_media_are_orgs_never_people() -> None:
    meta = _meta(
        "Toshiba kündigte einen Stellenabbau an. Auch Renault und Ford sparen. "
        "Die Fluggesellschaft Swiss strich Flüge, berichtete der Spiegel. "
        "Nach Angaben von Sony sinkt der Umsatz."
    )
    people = {p.name for p in meta.people}
    assert not people & {"Toshiba", "Renault", "Ford", "Swiss", "Sony"}
    assert {"Toshiba", "Renault", "Ford", "Sony"} <= {o.name for o in meta.orgs}


def test_one_entity_in_one_list() -> None:
    for body in (
        "Der Gründer Mark Zuckerberg verteidigte die Pläne. Zuckerberg sagte, Kritik sei "
        "willkommen. In Zuckerbergs Heimat wird diskutiert.",
        "Die Ministerin Ursula Brandenburg besuchte Potsdam. Brandenburg sprach von einem "
        "guten Tag. Brandenburg lobte die Stadt.",
    ):
        meta = _meta(body)
        people = _names_of(meta.people)
        places = _names_of(meta.places)
        orgs = _names_of(meta.orgs)
        assert not people & places and not people & orgs and not places & orgs, (
            people,
            places,
            orgs,
        )


def _names_of(entities: tuple) -> set[str]:
    out = set()
    for e in entities:
        out.add(e.name)
        out.update(e.aliases)
    return out


def test_document_consistency_counts_every_mention() -> None:
    meta = _meta(
        "Der Unternehmer Holger Kaltenbrunn kaufte die Werft. Kaltenbrunn will investieren. "
        "Kritiker werfen Kaltenbrunn Eile vor. Kaltenbrunns Sprecher widersprach."
    )
    people = {p.name: p for p in meta.people}
    assert set(people) == {"Holger Kaltenbrunn"}
    assert people["Holger Kaltenbrunn"].count == 4
    assert set(people["Holger Kaltenbrunn"].aliases) == {"Kaltenbrunn", "Kaltenbrunns"}


def test_aliases_are_forms_the_article_uses() -> None:
    body = (
        "Präsident Emmanuel Macron empfing den Gast. Macron lobte die Zusammenarbeit. "
        "Frankreichs Regierung stimmte zu, Frankreich zahlt."
    )
    meta = _meta(body)
    for e in (*meta.people, *meta.places, *meta.orgs):
        for alias in e.aliases:
            assert alias in body, (e.name, alias)
    assert {p.name: p.count for p in meta.people} == {"Emmanuel Macron": 2}
    assert {p.name: p.count for p in meta.places}["Frankreich"] == 2


def test_organisation_named_by_its_fullest_form() -> None:
    meta = _meta(
        "Die Kalmeyer AG meldet höhere Gewinne. Kalmeyer will im Ausland wachsen, "
        "teilte die Kalmeyer AG mit."
    )
    orgs = {o.name: o for o in meta.orgs}
    assert set(orgs) == {"Kalmeyer AG"}
    assert orgs["Kalmeyer AG"].count == 3 and orgs["Kalmeyer AG"].aliases == ("Kalmeyer",)
    assert "Kalmeyer" not in {p.name for p in meta.people}


def test_all_caps_dateline_is_the_place_but_acronyms_stay() -> None:
    meta = _meta("HAMBURG (dpa) - Die NATO und die OSZE beraten in Hamburg über die Lage.")
    places = {p.name: p for p in meta.places}
    assert places["Hamburg"].count == 2
    assert {"NATO", "OSZE"} <= {o.name for o in meta.orgs}


def test_dateline_place_before_the_agency() -> None:
    meta = _meta("Kalkutta (Reuters) - Der Konzern streicht Stellen, teilte ein Sprecher mit.")
    assert "Kalkutta" in {p.name for p in meta.places}
    assert "Reuters" in {o.name for o in meta.orgs}


def test_district_is_named_with_its_cue_word() -> None:
    meta = _meta("Im Landkreis Konstanz wird gebaut. In Konstanz selbst nicht.")
    places = {p.name: p for p in meta.places}
    assert places["Landkreis Konstanz"].count == 1
    assert places["Konstanz"].count == 1 and places["Konstanz"].place_kind == "city"


def test_a_dateline_city_that_is_also_a_verb_is_a_place() -> None:
    meta = _meta(
        "Essen (dpa/lnw) - Der Konzern hat am Montag weitere Stellen gestrichen. "
        "Die Gewerkschaft kündigte Proteste an.",
        title="Stellenabbau im Ruhrgebiet",
    )
    assert "Essen" in {p.name for p in meta.places}
    # a capitalised verb or noun opening an ordinary sentence is still no place
    meta = _meta("Essen gibt es erst am Abend. Die Gäste warten in Warschau.")
    assert "Essen" not in {p.name for p in meta.places}


def test_an_interviewee_named_only_in_the_answer_labels_is_a_person() -> None:
    body = (
        "Frage: Wie geht es weiter mit dem Abkommen? Valdersund: Gut. Wir reden weiter. "
        "Frage: Und die Kritik aus Oslo? Valdersund: Die nehme ich ernst. "
        "Frage: Wann fällt die Entscheidung? Valdersund: Im Herbst."
    )
    meta = _meta(body, title="Valdersund über das Abkommen und die Kritik")
    people = {p.name: p.count for p in meta.people}
    assert people.get("Valdersund") == 4  # the title and three answers
    assert "Frage" not in _all_names(meta)


def test_one_answer_label_alone_backs_no_person() -> None:
    from index.extract.docpass import speaker_labels

    assert speaker_labels([["Valdersund", ":", "Gut", "."], ["Frage", ":", "Wie", "?"]]) == set()
    twice = [["Valdersund", ":", "Gut", "."], ["Valdersund", ":", "Nein", "."]]
    assert speaker_labels(twice) == {"Valdersund"}
    assert speaker_labels([["Frage", ":", "Wie", "?"], ["Frage", ":", "Wo", "?"]]) == set()


def test_a_two_letter_syllable_after_a_hyphen_stays_in_a_korean_name() -> None:
    from index.extract.sentence import _person_like

    assert _person_like(["Moon", "Jae-in"]) and _person_like(["Lee", "Jae-myung"])
    assert not _person_like(["SPÖ-naher"])  # a German adjective after the hyphen
