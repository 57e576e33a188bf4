"""Vocabulary that cues names: titles and roles before people, nouns before places.

General German vocabulary (not taken from any article). Roles are cues, never
part of a name: "Außenminister Sergej Lawrow" is the person "Sergej Lawrow".
"""

from __future__ import annotations

from collections.abc import Sequence

ROLE_WORDS = frozenset(
    """herr frau dr. prof. präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin
    premierminister premierministerin ministerpräsident ministerpräsidentin regierungschef
    regierungschefin staatschef staatschefin machthaber diktator könig königin prinz prinzessin
    papst kaiser minister ministerin sprecher sprecherin chef chefin generalsekretär
    generalsekretärin botschafter botschafterin vorsitzende vorsitzender parteichef parteichefin
    senator senatorin gouverneur gouverneurin bürgermeister bürgermeisterin abgeordnete
    abgeordneter kandidat kandidatin amtskollege amtskollegen amtskollegin general admiral
    oberst kommandeur anführer führer chefdiplomat chefdiplomatin spitzendiplomat graf gräfin
    herzog herzogin fürst fürstin kardinal bischof pfarrer sultan emir scheich schah zar zarin
    vizepräsident vizepräsidentin vizekanzler vizekanzlerin trainer autor autorin sänger
    sängerin schauspieler schauspielerin regisseur regisseurin präsidenten ministers""".split()  # noqa: SIM905
)
ROLE_SUFFIXES = (
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "kanzler",
    "kanzlerin",
    "chef",
    "chefin",
    "sekretär",
    "sekretärin",
    "diplomat",
    "diplomatin",
    "sprecher",
    "sprecherin",
    "kollege",
    "kollegen",
    "führer",
    "haber",
    "vorsitzender",
    "vorsitzende",
    "vorsitzenden",
    "direktor",
    "direktorin",
    "leiter",
    "leiterin",
    "senator",
    "senatorin",
    "trainer",
    "trainerin",
    "spieler",
    "spielerin",
    "manager",
    "managerin",
    "gründer",
    "gründerin",
    "politiker",
    "politikerin",
    "abgeordneter",
    "komponist",
    "komponistin",
    "musiker",
    "musikerin",
    "sänger",
    "sängerin",
    "autor",
    "autorin",
    "schriftsteller",
    "schriftstellerin",
    "maler",
    "malerin",
    "regisseur",
    "regisseurin",
    "bischof",
    "kardinal",
    "anwalt",
    "anwältin",
    "richter",
    "richterin",
    "kommissar",
    "kommissarin",
    "kandidat",
    "kandidatin",
    "stürmer",
    "torhüter",
    "professor",
    "professorin",
    "beauftragter",
    "beauftragte",
)
PLACE_CUE_SUFFIXES = (
    "stadt",
    "städtchen",
    "dorf",
    "gemeinde",
    "region",
    "staat",
    "provinz",
    "kreis",
    "bezirk",
    "insel",
    "fluss",
    "see",
    "berg",
    "gebirge",
    "land",
    "kanton",
    "ortsteil",
    "viertel",
    "tal",
    "hafen",
    "bucht",
    "meer",
    "küste",
    "republik",
    "königreich",
    "metropole",
    "ort",
    "hauptstadt",
    "grafschaft",
    "bundesland",
)
"""Common nouns that introduce a place name ("die Gemeinde Löhne", "im Bundesstaat Nevada")."""


def is_role(word: str) -> bool:
    """Whether a token is a title or role noun that may precede a name."""
    low = word.lower()
    return low in ROLE_WORDS or (len(low) > 6 and low.endswith(ROLE_SUFFIXES))


def role_before(words: Sequence[str], i: int) -> bool:
    """Whether a role or title stands right before `words[i]`: "Außenministerin Baerbock",
    "Dr. Meier" (tokens "Dr", ".", "Meier")."""
    if i == 0:
        return False
    prev = words[i - 1]
    if prev == "." and i > 1:
        prev = words[i - 2] + "."
    return is_role(prev)


GEO_GENERIC = frozenset(
    """bay island islands lake mount mountains mont monte montes río rio river street square
    avenue road park beach valley cape port fort saint san santa santo sierra isla lago
    lac col cap île ile puerto porto ciudad villa""".split()  # noqa: SIM905
)
"""Topographic words of other languages that form place names ("Bristol Bay", "Mont Ventoux")."""
TOPONYM_SUFFIXES = (
    "straße",
    "strasse",
    "platz",
    "gasse",
    "allee",
    "brücke",
    "ingen",
    "hausen",
    "dorf",
    "heim",
    "kirchen",
    "weiler",
    "burg",
    "berg",
    "mühle",
    "bach",
    "feld",
    "stedt",
    "leben",
    "rode",
    "hagen",
    "furt",
    "wald",
    "tal",
    "see",
    "au",
    "ow",
    "itz",
    "ice",
    "sk",
)
"""Endings of German (and Slavic) place names; a word with one that is not a common noun
("Heegermühle", "Hüttingen", "Polozk") is likely a place."""


SPEECH_VERBS = frozenset(
    """sagte sagt sagten erklärte erklärt betonte betont meinte meint warnte warnt fügte
    ergänzte ergänzt kritisierte kritisiert forderte fordert sagte erläuterte erläutert
    bestätigte bestätigt berichtete berichtet schrieb schreibt räumte kündigte teilte
    versicherte versichert unterstrich bekräftigte verriet fragte fragt antwortete
    entgegnete widersprach lobte lobt klagte klagt""".split()  # noqa: SIM905
)
"""Verbs of saying after which German news names the speaker (", sagte Baerbock .")."""

KIN_WORDS = frozenset(
    """bruder schwester sohn tochter vater mutter onkel tante neffe nichte cousin cousine
    enkel enkelin gattin gatte ehefrau ehemann witwe witwer freundin freund baron baronin
    freiherr freifrau""".split()  # noqa: SIM905
)
"""Kinship and rank nouns before a name ("ihr Bruder Brun", "Baron Pierre Milius"): not in it."""


def is_title_word(word: str) -> bool:
    """A role, kinship or rank noun, also in a compound ("UBS-CEO", "Ex-Freundin", "ITR-Chef")."""
    tail = word.rsplit("-", 1)[-1] if "-" in word[1:] else word
    low = tail.lower()
    return is_role(word) or is_role(tail) or low in KIN_WORDS or low in ("ceo", "cfo", "coo")


DASHES = frozenset(("-", "–", "—"))
"""The dashes that close a dateline: "Berlin (dpa) - ", "Kalkutta (Reuters) – "."""
