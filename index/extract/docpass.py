"""The document-level second pass over an article's name mentions.

The tagger sees one sentence at a time; the article as a whole knows more.
Once the article establishes what a name is, every other mention follows:

1. glued spans are split when a part of them is a name the article uses on its
   own ("Blinken Moskau" -> person "Blinken" + place "Moskau"), and adjacent
   person spans that together make a name the article uses are joined;
2. every name gets one class in the article (one entity in one list): the
   surname of a full person name is a person, a known organisation or brand is
   an organisation, otherwise the class the tagger gave most mentions;
3. untagged repeats of an established name are mentions too ("..., sagte Baerbock");
4. weak mentions go: a capitalised function word or common noun at the start of
   a sentence or heading that the article never uses as a name elsewhere
   ("Seine", "Mitte", "Weitere"), and a one-word person the article does not back
   (no fuller name, no role or title cue before any of its mentions, not a
   well-known surname).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from index.extract.cues import DASHES, role_before
from index.extract.freq import band
from index.extract.gazetteer import load, lookup_key
from index.extract.known import KNOWN_SURNAMES, ORG_NAMES, ORG_SUFFIXES
from index.extract.tokens import ends_sentence

OPENERS = frozenset(("„", "“", '"', "«", "»", ":", "(", "-", "–", "‚", "'", "."))


@dataclass(frozen=True)
class Span:
    sent: int
    a: int
    b: int
    cls: str
    tagged: bool = True
    """Whether the tagger (not only a table or this pass) proposed it."""


Sentences = list[list[str]]


def stem(word: str) -> str:
    """A word without a genitive ending ("Baerbocks" -> "Baerbock", "Tsipras'" -> "Tsipras")."""
    if word.endswith(("'", "’")):
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and word[-2] not in "sxzß":
        return word[:-1]
    return word


def key(sents: Sentences, s: Span) -> tuple[str, ...]:
    toks = sents[s.sent][s.a : s.b]
    return (*toks[:-1], stem(toks[-1]))


def has_common_reading(word: str) -> bool:
    """Whether German also uses a capitalised word as a function word, noun, verb or adjective."""
    gaz = load()
    cls = gaz.lexicon.get(word.lower())
    if cls is not None:
        return not cls.startswith("NE")
    return word in gaz.nouns


def _verb_form(word: str) -> bool:
    """A capitalised verb form ("Blinken gehört zum Autofahren", "Erlangte")."""
    stems = load().verb_stems
    low = word.lower()
    return any(
        low.endswith(e) and low[: -len(e)] in stems for e in ("en", "ten", "te", "t", "st", "n")
    )


def at_sentence_start(words: list[str], a: int) -> bool:
    if a == 0:
        return True
    prev = words[a - 1]
    if prev == "." and a > 1:
        return ends_sentence(words[a - 2], prev, words[a])  # not after "Dr." or "W."
    return prev in OPENERS


def _is_org_name(toks: tuple[str, ...]) -> bool:
    gaz = load()
    if toks in gaz.orgs or lookup_key(toks) in gaz.orgs:
        return True
    return (len(toks) == 1 and toks[0] in ORG_NAMES) or (len(toks) > 1 and toks[-1] in ORG_SUFFIXES)


def split_glued(sents: Sentences, spans: list[Span]) -> list[Span]:
    """Split spans that glue a name used alone elsewhere to another name; join split names."""
    names = {key(sents, s) for s in spans if s.cls == "PER"}
    surnames = {k[-1] for k in names if len(k) > 1}
    singles = {k[0] for k in names if len(k) == 1} | surnames
    out: list[Span] = []
    for s in spans:
        toks = sents[s.sent][s.a : s.b]
        if s.b - s.a > 1 and tuple(toks) not in names:
            # "Blinken Moskau": a person the article names, then another name.
            cut = next(
                (
                    k
                    for k in range(1, len(toks))
                    if toks[k - 1] in singles and toks[k][:1].isupper()
                ),
                None,
            )
            if cut is not None and not _is_org_name(tuple(toks)):
                rest = Span(s.sent, s.a + cut, s.b, _class_of(tuple(toks[cut:]), s.cls))
                out.append(Span(s.sent, s.a, s.a + cut, "PER", s.tagged))
                out.append(rest)
                continue
        out.append(s)
    out.sort(key=lambda s: (s.sent, s.a))
    joined: list[Span] = []
    for s in out:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev.sent == s.sent
            and prev.b == s.a
            and prev.cls == s.cls == "PER"
            and tuple(sents[s.sent][prev.a : s.b]) in names
        ):
            joined[-1] = replace(prev, b=s.b)
        else:
            joined.append(s)
    return joined


def _class_of(toks: tuple[str, ...], default: str) -> str:
    if _is_org_name(toks):
        return "ORG"
    if load().places.get(lookup_key(toks)) is not None:
        return "LOC"
    return default


def one_class_per_name(sents: Sentences, spans: list[Span]) -> list[Span]:
    """Give every mention of a name the class the article establishes for it."""
    keys = [key(sents, s) for s in spans]  # each mention's name, made once
    surnames = {k[-1] for s, k in zip(spans, keys, strict=True) if s.cls == "PER" and s.b - s.a > 1}
    org_heads = {
        k[:-1]
        for s, k in zip(spans, keys, strict=True)
        if s.cls == "ORG" and s.b - s.a > 1 and sents[s.sent][s.b - 1] in ORG_SUFFIXES
    }
    votes: dict[tuple[str, ...], dict[str, float]] = {}
    for s, k in zip(spans, keys, strict=True):
        counts = votes.get(k)
        if counts is None:
            counts = votes[k] = {}
        counts[s.cls] = counts.get(s.cls, 0) + (1 if s.tagged else 0.5)
    decided: dict[tuple[str, ...], str] = {}
    for k, counts in votes.items():
        if _is_org_name(k) or k in org_heads:
            decided[k] = "ORG"
        elif len(k) == 1 and k[0] in surnames:
            decided[k] = "PER"
        else:
            decided[k] = max(counts, key=counts.__getitem__)  # the first class of most votes
    return [_with_class(s, decided[k]) for s, k in zip(spans, keys, strict=True)]


def _with_class(s: Span, cls: str) -> Span:
    """`s` with class `cls` (itself when it has it already: most mentions)."""
    return s if s.cls == cls else Span(s.sent, s.a, s.b, cls, s.tagged)


def propagate(sents: Sentences, spans: list[Span]) -> list[Span]:
    """Untagged repeats of a name the article established are mentions of it too."""
    covered = {(s.sent, i) for s in spans for i in range(s.a, s.b)}
    established: dict[tuple[str, ...], str] = {}
    for s in spans:
        k = key(sents, s)
        if s.b - s.a > 1 and s.cls == "PER":
            established.setdefault((k[-1],), "PER")  # the surname of a full name
        if s.b - s.a > 1 and s.cls == "ORG" and k[-1] in ORG_SUFFIXES:
            established.setdefault(k[:-1], "ORG")  # "Brenntag" of "Brenntag AG"
        if s.tagged and (s.b - s.a > 1 or not has_common_reading(k[0])):
            established.setdefault(k, s.cls)
    if not established:
        return spans
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for k in sorted(established, key=len, reverse=True):
        first = k[0] if len(k) > 1 else stem(k[0])
        by_first.setdefault(first, []).append(k)
    # The words that can open a repeat: a first word itself or with a genitive ending
    # (`stem` takes off at most "s", "'" or "’"). Other words and sentences are skipped.
    openers = {f + end for f in by_first for end in ("", "s", "'", "’")}
    out = list(spans)
    for si, words in enumerate(sents):
        if openers.isdisjoint(words):
            continue
        i = 0
        n = len(words)
        while i < n:
            w = words[i]
            if w not in openers:
                i += 1
                continue
            cands = by_first.get(w) if w[:1].isupper() else None
            if cands is None and w[:1].isupper():
                cands = by_first.get(stem(w))
            hit = 0
            for k in cands or ():
                m = len(k)
                if i + m > n or any((si, j) in covered for j in range(i, i + m)):
                    continue
                toks = words[i : i + m]
                if (*toks[:-1], stem(toks[-1])) == k or tuple(toks) == k:
                    out.append(Span(si, i, i + m, established[k], tagged=False))
                    hit = m
                    break
            i += hit or 1
    out.sort(key=lambda s: (s.sent, s.a))
    return out


def drop_weak(sents: Sentences, spans: list[Span]) -> list[Span]:
    """Drop sentence-initial common words and unbacked one-word people."""
    keys = [key(sents, s) for s in spans]  # each mention's name, made once
    full_names = [k for s, k in zip(spans, keys, strict=True) if s.cls == "PER" and s.b - s.a > 1]
    name_words = {w for k in full_names for w in k} | {
        part for k in full_names for w in k for part in w.split("-")[1:]
    }
    cued: set[str] = set()
    for s, k in zip(spans, keys, strict=True):
        if s.cls == "PER" and s.b - s.a == 1 and role_before(sents[s.sent], s.a):
            cued.add(k[0])
    cued |= speaker_labels(sents)  # "Jagland: Absolut."
    mid_sentence = {
        k
        for s, k in zip(spans, keys, strict=True)
        if s.tagged and not at_sentence_start(sents[s.sent], s.a)
    }
    out = []
    for s, k in zip(spans, keys, strict=True):
        words = sents[s.sent]
        if s.b - s.a == 1:
            w = k[0]
            if len(w) < 2 or (len(w) == 2 and s.cls == "ORG" and not _is_org_name(k)):
                continue  # "T", "ET" (a time zone): too short to trust without a table
            if (
                at_sentence_start(words, s.a)
                and (has_common_reading(words[s.a]) or _verb_form(words[s.a]))
                and not (s.cls == "PER" and w in name_words)
                and k not in mid_sentence
                and not _dateline(words, s)
            ):
                continue  # "Seine", "Mitte", "Weitere" opening a sentence or heading
            if s.cls == "PER" and not (w in name_words or w in cued or w in KNOWN_SURNAMES):
                continue  # a lone name nothing in the article backs as a person
        elif s.cls == "PER" and not _name_like_person(sents, s):
            continue  # "Seed Funding", "Asset Manager": no word of it is a known name
        if s.cls == "LOC" and not s.tagged and words[s.b - 1].lower().endswith("platz"):
            continue  # a square found by its form ("Mariannenplatz") is a street, no place
        out.append(s)
    return out


def speaker_labels(sents: Sentences) -> set[str]:
    """Names that open two or more answers of an interview ("Jagland: Absolut."): a speaker
    the article names by surname only is a person (not "Frage:", "Standard:", common words)."""
    labels: Counter[str] = Counter()
    for words in sents:
        if len(words) > 2 and words[1] == ":" and words[0][:1].isupper() and words[0].isalpha():
            labels[words[0]] += 1
    gaz = load()
    return {
        w
        for w, n in labels.items()
        if n >= 2
        and not has_common_reading(w)
        and not _is_org_name((w,))
        and not w.isupper()
        and gaz.places.get(lookup_key((w,))) is None
    }


def speakers(sents: Sentences, spans: list[Span]) -> list[Span]:
    """Every answer label of an interviewee is a mention of that person."""
    names = speaker_labels(sents)
    if not names:
        return spans
    at = {
        si
        for si, words in enumerate(sents)
        if len(words) > 2 and words[1] == ":" and words[0] in names
    }
    out = [s for s in spans if not (s.sent in at and s.a == 0)]
    out.extend(Span(si, 0, 1, "PER") for si in at)
    out.sort(key=lambda s: (s.sent, s.a))
    return out


def _dateline(words: list[str], s: Span) -> bool:
    """A known place opening a dateline: "Gießen (dpa / lhe) - ..." (the verb "gießen" aside),
    or the agency in its brackets: "Kalkutta (Reuters) - ..." (a noun "Reuter" aside)."""
    if s.cls == "ORG":
        return (
            s.a >= 2
            and words[s.a - 1] == "("
            and s.b + 1 < len(words)
            and words[s.b] == ")"
            and words[s.b + 1] in DASHES
        )
    return (
        s.a == 0
        and s.cls == "LOC"
        and s.b + 2 < len(words)
        and words[s.b] == "("
        and load().places.get(lookup_key(tuple(words[s.a : s.b]))) is not None
    )


def _name_like_person(sents: Sentences, s: Span) -> bool:
    """A multiword person needs one known first name or surname, or a role cue before it."""
    gaz = load()
    toks = sents[s.sent][s.a : s.b]
    if role_before(sents[s.sent], s.a):
        return True
    return any(
        t in gaz.first_names
        or t in KNOWN_SURNAMES
        or "-" in t
        or (t in gaz.surnames and band(t) in ("r", "2", "3"))  # not "Seed", "Love", "Asset"
        for t in toks
    )


def resolve(sents: Sentences, spans: list[Span]) -> list[Span]:
    """The whole second pass (see the module docstring)."""
    spans = split_glued(sents, speakers(sents, spans))
    spans = one_class_per_name(sents, spans)
    spans = propagate(sents, spans)
    spans = one_class_per_name(sents, spans)
    return drop_weak(sents, spans)
