"""Token features for the name tagger: word shape, affixes, context, gazetteers.

Roles and titles ("Außenminister", "NATO-Chef", "Machthaber") are features that
cue a following name; they are never part of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.extract.gazetteer import MAX_SPAN, Gazetteer, lookup_key

ROLE_WORDS = frozenset(
    """herr frau dr. prof. präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin
    premierminister premierministerin ministerpräsident ministerpräsidentin regierungschef
    regierungschefin staatschef staatschefin machthaber diktator könig königin prinz prinzessin
    papst kaiser minister ministerin sprecher sprecherin chef chefin generalsekretär
    generalsekretärin botschafter botschafterin vorsitzende vorsitzender parteichef parteichefin
    senator senatorin gouverneur gouverneurin bürgermeister bürgermeisterin abgeordnete
    abgeordneter kandidat kandidatin amtskollege amtskollegen amtskollegin general admiral
    oberst kommandeur anführer führer chefdiplomat chefdiplomatin spitzendiplomat
    vizepräsident vizepräsidentin vizekanzler vizekanzlerin trainer autor autorin sänger
    sängerin schauspieler schauspielerin regisseur regisseurin präsidenten ministers""".split()
)
ROLE_SUFFIXES = ("minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin",
                 "chef", "chefin", "sekretär", "sekretärin", "diplomat", "diplomatin",
                 "sprecher", "sprecherin", "kollege", "kollegen", "führer", "haber")
_SENT_START = frozenset(("„", "“", '"', "«", "»", ":", "(", "-", "–"))


def is_role(word: str) -> bool:
    """Whether a token is a title or role noun that may precede a name."""
    low = word.lower()
    return low in ROLE_WORDS or (len(low) > 6 and low.endswith(ROLE_SUFFIXES))


def shape(word: str) -> str:
    """Collapsed shape: "Blinken" -> "Xx", "NATO" -> "X", "G7" -> "Xd", "al-Sudani" -> "x-Xx"."""
    out = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def is_name_like(word: str) -> bool:
    """Capitalised word, or a lower-case particle glued to one ("al-Sudani")."""
    if word[0].isupper():
        return True
    head, _, tail = word.partition("-")
    return bool(tail) and len(head) <= 3 and tail[:1].isupper()


def gazetteer_marks(words: Sequence[str], gaz: Gazetteer) -> list[str]:
    """Per token: "" or "B-<kind>"/"I-<kind>" from the longest place/org match."""
    marks = [""] * len(words)
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        hit = 0
        if w.lower() in gaz.place_words or w in gaz.place_words:
            for span in range(min(MAX_SPAN, n - i), 0, -1):
                key = lookup_key(tuple(words[i : i + span]))
                if span == 1 and not w[:1].isupper():
                    break
                place = gaz.places.get(key)
                if place is not None:
                    kind = place.kind
                elif key in gaz.orgs or tuple(words[i : i + span]) in gaz.orgs:
                    kind = "org"
                else:
                    continue
                marks[i] = "B-" + kind
                for j in range(i + 1, i + span):
                    marks[j] = "I-" + kind
                hit = span
                break
        i += hit or 1
    return marks


def static_features(words: Sequence[str], gaz: Gazetteer) -> list[list[str]]:
    """Features of each token that do not depend on predicted tags."""
    marks = gazetteer_marks(words, gaz)
    lows = [w.lower() for w in words]
    shapes = [shape(w) for w in words]
    fnames = gaz.first_names
    lex = gaz.lexicon
    n = len(words)
    out: list[list[str]] = []
    for i, w in enumerate(words):
        low = lows[i]
        pw = lows[i - 1] if i else "<s>"
        nw = lows[i + 1] if i + 1 < n else "</s>"
        f = [
            "b", "w=" + w, "l=" + low, "s3=" + low[-3:], "s4=" + low[-4:], "p3=" + low[:3],
            "sh=" + shapes[i], "pw=" + pw, "nw=" + nw,
            "pw2=" + (lows[i - 2] if i > 1 else "<s>"), "nw2=" + (lows[i + 2] if i + 2 < n else "</s>"),
            "psh=" + (shapes[i - 1] if i else "<s>"), "nsh=" + (shapes[i + 1] if i + 1 < n else "</s>"),
            "pw|w=" + pw + "|" + low,
        ]
        if i == 0 or words[i - 1] in _SENT_START or words[i - 1] in ".!?":
            f.append("first")
        if marks[i]:
            f.append("gz=" + marks[i])
        f.append("lx=" + lex.get(low, "?"))
        if w in fnames:
            f.append("fn")
        if i and words[i - 1] in fnames:
            f.append("pfn")
        if i + 1 < n and words[i + 1] in fnames:
            f.append("nfn")
        if i and is_role(words[i - 1]):
            f.append("role-1")
        if i > 1 and is_role(words[i - 2]):
            f.append("role-2")
        if "-" in w:
            head, _, tail = w.partition("-")
            f.append("h1=" + head.lower())
            f.append("hl=" + w.rsplit("-", 1)[1].lower())
            if lookup_key((head,)) in gaz.places:
                f.append("hpl")
        if low.endswith("s") and len(w) > 3 and (w[:-1],) in gaz.places:
            f.append("gen-pl")
        if w.endswith("s") and w[:-1] in fnames:
            f.append("gen-fn")
        out.append(f)
    return out
