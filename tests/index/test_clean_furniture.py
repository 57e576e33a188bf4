"""Page furniture goes, article sentences never do (one-line articles included)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from index.files.clean import _SENT_END, clean_text, ends_sentence, is_breadcrumb, split_glued_trail
from index.files.corpus import ArticleError, read_article


def _body(text: str) -> str:
    cleaned = clean_text(text)
    return " ".join([cleaned.title or "", *(b for _, b in cleaned.blocks)])


PROSE_WITH_ODD_TOKENS = [
    # a tweet link, as news sites embed them
    "Die Ministerin schrieb auf Twitter, man sei zu Gesprächen bereit "
    "pic.twitter.com/lmceQwMbYP und werde am Montag nach Ankara reisen.",
    # a short link with mixed case
    "Der Sprecher verwies auf die Erklärung unter t.co/aBcDeFgHiJ und kündigte "
    "weitere Schritte der Regierung in Wien an.",
    # hashtags and handles in camel case
    "Unter dem Hashtag #StopTheWarNow und von @AuswaertigesAmt wurde der Aufruf "
    "tausendfach geteilt, berichteten Beobachter in Berlin.",
    # place names glued in a list by a lost separator
    "Betroffen sind die Grenzübergänge zwischen SlowenienKroatienUngarn, wo sich "
    "seit Tagen Tausende Menschen drängen, sagte die Polizei.",
]


@pytest.mark.parametrize("line", PROSE_WITH_ODD_TOKENS)
def test_one_line_prose_with_odd_tokens_is_kept(line: str) -> None:
    assert not is_breadcrumb(line)
    body = _body(line + "\n")
    for word in line.split():
        assert word in body


def test_long_one_line_article_with_camel_tokens_keeps_every_sentence() -> None:
    article = " ".join(PROSE_WITH_ODD_TOKENS * 3)
    cleaned = clean_text(article)
    assert cleaned.furniture == []
    assert _body(article).count("Ankara") == 3


def test_breadcrumb_glued_in_front_of_a_one_line_article_goes_prose_stays() -> None:
    prose = (
        "Der Außenminister ist am Dienstag zu Gesprächen über eine Waffenruhe nach "
        "Kairo gereist, wie sein Ministerium mitteilte."
    )
    trail, rest = split_glued_trail("StartPolitikAusland " + prose)
    assert (trail, rest) == ("StartPolitikAusland", prose)
    cleaned = clean_text("StartPolitikAusland " + prose + "\n")
    assert "StartPolitikAusland" in cleaned.furniture
    body = _body("StartPolitikAusland " + prose + "\n")
    assert "StartPolitikAusland" not in body
    assert "Waffenruhe nach Kairo gereist" in body


@pytest.mark.parametrize(
    "line",
    ["StartNachrichtenWeltEuropa", "Home > Politik > Ausland", "Startseite | Welt | Nahost"],
)
def test_real_breadcrumbs_still_go(line: str) -> None:
    assert is_breadcrumb(line)
    text = (
        f"{line}\n\nGipfel in Rom\n\nDie Regierungschefs berieten am Montag in Rom über "
        "die Lage im Nahen Osten und die Hilfe für Gaza.\n"
    )
    cleaned = clean_text(text)
    assert line in cleaned.furniture
    assert line not in _body(text)
    assert cleaned.title == "Gipfel in Rom"


def test_share_and_ad_lines_still_go() -> None:
    text = (
        "Gespräche in Genf\n\nDie Delegationen trafen sich am Mittwoch in Genf zu "
        "einer weiteren Verhandlungsrunde über den Gefangenenaustausch.\n\n"
        "Anzeige\nTeilen\nMehr lesen »\n"
    )
    body = _body(text)
    for junk in ("Anzeige", "Teilen", "Mehr lesen"):
        assert junk not in body
    assert "Gefangenenaustausch" in body


def test_article_with_no_text_left_is_skipped_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "nur-navigation.txt"
    path.write_text("StartPolitikAusland\nTeilen\nAnzeige\n", encoding="utf-8")
    with pytest.raises(ArticleError) as err:
        read_article(path)
    assert err.value.code == "no-text"
    assert "no article text" in str(err.value)


def test_index_reports_an_article_with_no_text(tmp_path: Path) -> None:
    from index.library import Library

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "leer.txt").write_text("Startseite | Welt | Nahost\nTeilen\n", encoding="utf-8")
    (folder / "gut.txt").write_text(
        "Treffen in Wien\n\nDie Außenminister trafen sich am Montag in Wien, um über "
        "die Lage in der Region zu sprechen.\n",
        encoding="utf-8",
    )
    library = Library(folder, index_dir=tmp_path / "index")
    report = library.update()
    assert [Path(s.path).name for s in report.skipped] == ["leer.txt"]
    assert report.skipped[0].code == "no-text"
    assert [hit.id for hit in library.search("").hits] == ["gut"]
    assert library.article("leer") is None


def test_ends_sentence_is_the_sentence_end_pattern() -> None:
    """`ends_sentence` looks at the line's end only; it must say what the
    `_SENT_END` regex search says, for any line (final line breaks too)."""
    rng = random.Random(7)
    alphabet = [*"aZ .!?…,\n", '"', "'", "“", "”", "«", "»", "„", ")"]
    lines = ["", "\n", "Er ging.", "Er ging.\n", 'Er sagt: "Ja."', "Kein Ende", "Ende »"]
    lines += ["".join(rng.choices(alphabet, k=rng.randint(1, 8))) for _ in range(5000)]
    for line in lines:
        assert ends_sentence(line) == bool(_SENT_END.search(line)), repr(line)
