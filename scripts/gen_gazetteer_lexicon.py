"""Generate index/extract/data/lexicon.tsv.gz: German word forms and their usual word class.

Source: the word-form lexicon inside HanTa's German model (trained on the TIGER
news corpus), build time only. Each line: lower-cased form, TAB, coarse class of
its most likely tag (NE proper noun, NN common noun, V verb, ADJ, X other),
with "+NE" appended when the form is also seen as a proper noun. The tagger uses
this to tell "Straße", "blinken" or "essen" (common words) from names, while
keeping "Koch" or "Fischer" open (both).

Run: .venv/bin/pip install HanTa numpy && .venv/bin/python scripts/gen_gazetteer_lexicon.py
"""

from __future__ import annotations

import gzip
import os
import pickle
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "index" / "extract" / "data" / "lexicon.tsv.gz"
MORPH_OUT = OUT.with_name("morphemes.tsv.gz")


def coarse(tag: str) -> str:
    if tag.startswith("NE"):
        return "NE"
    if tag.startswith("NN"):
        return "NN"
    if tag.startswith("V"):
        return "V"
    if tag.startswith("ADJ"):
        return "ADJ"
    return "X"


def main() -> None:
    import HanTa
    from HanTa import HanoverTagger  # noqa: F401  (its classes are needed to unpickle)

    path = Path(os.path.dirname(HanTa.__file__)) / "morphmodel_ger.pgz"
    with gzip.open(path) as fh:
        model = pickle.load(fh)
    tag_names = {v: k for k, v in model[0].items()}
    forms: dict[str, list[tuple[int, float]]] = model[15]
    lines = []
    for form, analyses in sorted(forms.items()):
        if not analyses or not form[:1].isalpha():
            continue
        best = max(analyses, key=lambda a: a[1])
        cls = coarse(tag_names[best[0]])
        if cls != "NE" and any(coarse(tag_names[t]) == "NE" for t, _ in analyses):
            cls += "+NE"
        lines.append(f"{form}\t{cls}")
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{OUT}: {len(lines)} forms, {OUT.stat().st_size / 1e6:.2f} MB")
    write_morphemes(model, tag_names)


def write_morphemes(model: tuple, tag_names: dict[int, str]) -> None:
    """Proper-noun and common-noun morphemes, and 4-letter suffix odds NE vs NN.

    Lines: "<morpheme>\tNE" / "<morpheme>\tNN" / "<morpheme>\tVV" (TIGER names such
    as "merkel"; noun stems such as "weisung" that end German compounds; verb
    stems such as "blink", so "Blinken" can be read as an infinitive), and
    "<suffix>\tSFX\t<log-odds bucket>" for how much likelier an unknown word
    with that ending is a proper noun than a common noun.
    """
    ids = {name: i for i, name in tag_names.items()}
    lines = []
    for tag in ("NE", "NN", "VV"):
        for morph in sorted(model[7][ids[tag]]):
            if len(morph) >= 3 and morph.isalpha():
                lines.append(f"{morph}\t{tag}")
    ne, nn = model[2][ids["NE"]], model[2][ids["NN"]]
    for suffix in sorted(set(ne) | set(nn)):
        a, b = ne.get(suffix, float("-inf")), nn.get(suffix, float("-inf"))
        if a == b:
            continue
        odds = (
            9 if b == float("-inf") else -9 if a == float("-inf") else max(-9, min(9, round(a - b)))
        )
        lines.append(f"{suffix}\tSFX\t{odds}")
    with gzip.GzipFile(MORPH_OUT, "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{MORPH_OUT}: {len(lines)} lines, {MORPH_OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
