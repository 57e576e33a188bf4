"""Reading and cleaning article files: titles, header lines, furniture, Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.files.clean import clean_text, lead_title, repair_glued
from index.files.corpus import ArticleError, build_article, parse_front_matter, read_article
from tests.conftest import GOLD, SEEDS

GOLD_SEEDS = json.loads((GOLD / "seeds.json").read_text(encoding="utf-8"))
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem[:3])
def test_seed_titles_and_furniture(path: Path) -> None:
    gold = GOLD_SEEDS[path.name]
    article = read_article(path)
    assert any(article.title.startswith(t[:60]) for t in gold["title"]), article.title
    for furniture in gold["not_in_body"]:
        assert furniture not in article.body
        assert furniture not in article.text
    # The headline is not repeated inside the body.
    assert not article.body.startswith(article.title)


def test_head_and_tail_furniture_recognised_by_shape() -> None:
    text = (
        "Dienstag, März 3, 2026\n"
        "StartWeltEuropaMinister reist nach Rom: Gespräche über …...\n\n"
        "Minister reist nach Rom: Gespräche über Migration\n\n"
        "Die Außenministerin reiste am Dienstag nach Rom, um mit ihrem Amtskollegen über "
        "Migration zu sprechen.\n\n"
        "Beide Seiten zeigten sich zufrieden mit dem Ergebnis der Gespräche in Rom.\n\n"
        "Teilen\n- Anzeige -\nMehr lesen »\n"
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Minister reist nach Rom: Gespräche über Migration"
    assert "Dienstag, März 3, 2026" in cleaned.header_lines
    body = " ".join(b for _, b in cleaned.blocks)
    for junk in ("StartWeltEuropa", "Teilen", "Anzeige", "Mehr lesen"):
        assert junk not in body


def test_date_prefix_and_byline_become_header_lines() -> None:
    cleaned = clean_text(
        " date 2026-02 Von Tagesblatt mit dpa\n\n"
        "Der Kanzler hat am Montag in Paris mit dem französischen Präsidenten gesprochen.\n"
    )
    assert cleaned.header_lines == ["date 2026-02", "Von Tagesblatt mit dpa"]
    assert cleaned.title is None
    assert [kind for kind, _ in cleaned.blocks] == ["p"]


@pytest.mark.parametrize(
    "line", ["12. März 2025", "12. Maerz 2025", "3. Jänner 2024", "Sept. 9, 2025"]
)
def test_month_names_however_spelled_make_a_date_line(line: str) -> None:
    """One month table (index/text/months.py) for cleaning and date extraction."""
    from index.extract.dates import MONTHS

    cleaned = clean_text(
        f"{line}\n\nDer Kanzler hat am Montag in Paris mit dem Präsidenten gesprochen.\n"
    )
    assert cleaned.header_lines == [line]
    assert cleaned.title is None
    assert MONTHS["maerz"] == MONTHS["märz"] == 3


def test_glued_sentences_are_repaired() -> None:
    assert repair_glued("in der Ukraine.Blinken sagte") == "in der Ukraine. Blinken sagte"
    assert repair_glued("gefasst.„Wir kommen") == "gefasst. „Wir kommen"
    assert repair_glued("der Aggression.“Lawrow hat") == "der Aggression.“ Lawrow hat"
    # Abbreviations, decimals and domains are left alone.
    assert (
        repair_glued("z.B. um 3.5 Prozent bei tagesschau.de")
        == "z.B. um 3.5 Prozent bei tagesschau.de"
    )


def test_subheadings_between_paragraphs() -> None:
    cleaned = clean_text(
        "Erste Zeile ist ein Satz mit genug Wörtern für einen Absatz.\n"
        "Neue Gespräche geplant\n"
        "Danach folgt ein weiterer Absatz mit mehreren Wörtern und einem Punkt.\n"
    )
    assert ("h", "Neue Gespräche geplant") in cleaned.blocks


def test_lead_title_cut_at_word_boundary() -> None:
    lead = "Wort " * 40 + "Ende. Zweiter Satz."
    title = lead_title(lead)
    assert len(title) <= 122 and title.endswith("…") and "  " not in title
    assert lead_title("Kurzer Satz hier. Noch einer.") == "Kurzer Satz hier"


def test_markdown_front_matter_overrides(tmp_path: Path) -> None:
    path = tmp_path / "bericht.md"
    path.write_text(
        "---\ntitle: Gipfel in Wien\ndate: 2024-06-03\nsource: Beispielblatt\n"
        "author: Eva Muster\n---\n"
        "# Gipfel in Wien\n\nDie Außenminister trafen sich am Montag in Wien zu Gesprächen.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.id == "bericht"
    assert article.title == "Gipfel in Wien"
    assert (article.date, article.date_precision) == ("2024-06-03", "day")
    assert (article.meta.source, article.meta.author) == ("Beispielblatt", "Eva Muster")
    assert "Gipfel in Wien" not in article.body
    assert parse_front_matter("kein front matter") == ({}, "kein front matter")


def test_plain_text_markup_is_escaped_in_markdown() -> None:
    article = build_article(
        "x",
        "x.txt",
        "# keine Überschrift\n\nText mit [Klammern](http://x) und *Sternen* hier.\n".encode(),
    )
    assert "\\[Klammern\\]" in article.body and "\\*Sternen\\*" in article.body


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary")],
)
def test_unreadable_bytes_raise_with_reason(data: bytes, code: str) -> None:
    with pytest.raises(ArticleError) as info:
        build_article("x", "x.txt", data)
    assert info.value.code == code and str(info.value)


def test_one_error_type_for_decoding_and_reading(tmp_path: Path) -> None:
    """Decoding raises the same ArticleError (index/errors.py) that reading does."""
    from index import errors
    from index.files.decode import check_text, decode_bytes

    assert ArticleError is errors.ArticleError
    with pytest.raises(errors.ArticleError) as decoded:
        decode_bytes(b"\x00" * 100)
    with pytest.raises(errors.ArticleError) as checked:
        check_text("1234 5678 !!!! ????")
    with pytest.raises(errors.ArticleError) as read:
        read_article(tmp_path / "fehlt.txt")
    assert [decoded.value.code, checked.value.code, read.value.code] == [
        "binary",
        "not-text",
        "vanished",
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings_keep_umlauts(encoding: str) -> None:
    text = (
        "Gespräche in Brüssel über Größe und Maß.\n\n"
        "Die Außenminister äußerten sich zufrieden über das Ergebnis."
    )
    article = build_article("x", "x.txt", text.encode(encoding))
    assert "Gespräche in Brüssel über Größe und Maß" in article.text
    assert "Außenminister äußerten" in article.text


def test_short_closing_sentence_is_kept() -> None:
    cleaned = clean_text(
        "Die Minister berieten am Montag lange über die Lage in der Region und die Hilfe.\n\n"
        "Die Lage bleibt ernst.\n\nTeilen\n"
    )
    assert ("p", "Die Lage bleibt ernst.") in cleaned.blocks
    assert "Teilen" in cleaned.furniture


def test_unsafe_name_fast_path_agrees_with_the_rule() -> None:
    """Plain ASCII names skip the regular expressions: for every ASCII
    character the verdict is the one the full rule gives."""
    from index.files import decode

    for ch in map(chr, range(128)):
        name = f"a{ch}b.txt"
        by_rule = decode._UNSAFE_IN_NAME.search(name) is not None
        assert (decode.unsafe_name(name) is not None) == by_rule, repr(ch)
    assert decode.unsafe_name("Außenminister.txt") is None
    assert decode.unsafe_name("a\u202eb.txt") is not None
