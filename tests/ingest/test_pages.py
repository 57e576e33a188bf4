"""Saved pages and web addresses -> article files (`index.ingest.add`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.files.corpus import read_article
from index.ingest.add import add_sources
from index.ingest.pages import NotAnArticle, date_with_precision, decode_html, extract_page
from tests.ingest.conftest import FAST, PARAGRAPHS, LocalServer, article_html

ENGLISH = (
    "The foreign ministers of the seven largest industrial nations met in Geneva on Tuesday "
    "to discuss the situation in the Middle East and in Ukraine with their counterparts.",
    "According to the hosts, a joint statement was being prepared that will be published on "
    "Wednesday. Diplomats spoke of a constructive atmosphere, though some differences remain.",
    "The question of further sanctions remained especially contested, and some of the states "
    "pushed for quick measures while the others urged patience and pointed to the mediation.",
)


def md_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_page_text_and_metadata() -> None:
    html = article_html(canonical="https://www.beispiel-nachrichten.de/politik/genf-100.html")
    page = extract_page(html.encode())
    assert page.title == "Außenminister beraten in Genf"
    assert page.authors == ("Petra Müller",)
    assert (page.date, page.date_precision) == ("2024-03-05", "day")
    assert page.site == "Beispiel Nachrichten"
    assert page.url == "https://www.beispiel-nachrichten.de/politik/genf-100.html"
    assert page.language == "de"
    assert "Sanktionen" in page.text and "Einigung" in page.text
    for boilerplate in ("Startseite", "Cookies", "Wetter am Wochenende", "Unsinn", "Impressum"):
        assert boilerplate not in page.text


def test_saved_complete_page_with_files_folder(tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    (saved / "Genf_files").mkdir(parents=True)
    (saved / "Genf_files" / "style.css").write_text("body{}")
    (saved / "Genf_files" / "frame.html").write_text("<html><body><p>Werbung</p></body></html>")
    html = article_html(canonical=None)
    mark = "<!-- saved from url=(0041)https://www.beispiel.de/politik/genf.html -->\n"
    (saved / "Genf.html").write_text(mark + html, encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    # The folder, the page, or its _files folder: each means the one page.
    (outcome,) = add_sources(articles, [str(saved / "Genf_files")])
    assert outcome.status == "added", outcome
    files = md_files(articles)
    assert [f.relative_to(articles).as_posix() for f in files] == [
        "beispiel.de/2024-03-05-aussenminister-beraten-in-genf.md"
    ]
    assert [o.status for o in add_sources(articles, [str(saved)])] == ["unchanged"]
    assert [o.status for o in add_sources(articles, [str(saved / "Genf.html")])] == ["unchanged"]
    article = read_article(files[0])
    assert article.title == "Außenminister beraten in Genf"
    assert article.meta.source == "Beispiel Nachrichten"


def test_url_added_then_unchanged_then_updated(tmp_path: Path, server: LocalServer) -> None:
    url = server.page("/politik/genf", article_html())
    (first,) = add_sources(tmp_path, [url], limits=FAST)
    assert first.status == "added" and first.warning is None
    (again,) = add_sources(tmp_path, [url], limits=FAST)
    assert again.status == "unchanged" and "already there" in again.message
    before = md_files(tmp_path)
    server.page("/politik/genf", article_html(paragraphs=(*PARAGRAPHS, "Neu: Ein Nachtrag.")))
    (changed,) = add_sources(tmp_path, [url], limits=FAST)
    assert changed.status == "updated"
    assert md_files(tmp_path) == before  # the same file, rewritten
    assert "Nachtrag" in before[0].read_text("utf-8")


def test_same_text_at_another_address_is_a_duplicate(tmp_path: Path, server: LocalServer) -> None:
    a = server.page("/a", article_html())
    b = server.page("/b", article_html())
    assert [o.status for o in add_sources(tmp_path, [a, b], limits=FAST)] == [
        "added",
        "duplicate",
    ]
    assert len(md_files(tmp_path)) == 1


def test_not_an_article_gets_a_reason_and_no_file(tmp_path: Path, server: LocalServer) -> None:
    nav_only = "<html><body><nav><a href='/'>Start</a></nav><p>Hallo.</p></body></html>"
    urls = [
        server.page("/leer", nav_only),
        server.page("/pdf", b"%PDF-1.4 ...", headers={"Content-Type": "application/pdf"}),
    ]
    outcomes = add_sources(tmp_path, urls, limits=FAST)
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert "no article text" in outcomes[0].message
    assert "not an HTML page" in outcomes[1].message
    assert md_files(tmp_path) == []


def test_other_language_is_added_with_a_warning(tmp_path: Path, server: LocalServer) -> None:
    url = server.page("/en", article_html("Ministers meet in Geneva", ENGLISH, lang="en"))
    (outcome,) = add_sources(tmp_path, [url], limits=FAST)
    assert outcome.status == "added"
    assert outcome.warning and "'en'" in outcome.warning


def test_html_lang_does_not_override_the_text() -> None:
    page = extract_page(article_html(lang="en").encode())  # German text, wrong lang attribute
    assert page.language == "de"


@pytest.mark.parametrize(
    ("raw", "header"),
    [
        # No charset anywhere, Windows-1252 bytes.
        (article_html(charset=None).encode("cp1252"), None),
        # UTF-8 bytes, but the server claims ISO-8859-1.
        (article_html(charset=None).encode("utf-8"), "iso-8859-1"),
        # Latin-1 bytes, <meta> says UTF-8 (wrong).
        (article_html(charset="utf-8").encode("latin-1"), None),
    ],
)
def test_wrong_or_missing_charset_keeps_umlauts(raw: bytes, header: str | None) -> None:
    page = extract_page(raw, charset=header)
    assert page.title == "Außenminister beraten in Genf"
    assert "Maßnahmen drängten" in page.text


def test_declared_charset_is_used_when_bytes_are_not_utf8() -> None:
    assert decode_html("Grüße €".encode("iso-8859-15"), "iso-8859-15") == "Grüße €"


@pytest.mark.parametrize(
    ("date", "html", "expected"),
    [
        ("2024-03-05", "", ("2024-03-05", "day")),
        ("2024-03-01", "Stand: März 2024", ("2024-03", "month")),
        ("2024-03-01", "am 1. März 2024 in Genf", ("2024-03-01", "day")),
        ("2024-03-01", '<time datetime="2024-03-01">', ("2024-03-01", "day")),
        ("2024-01-01", "im Jahr 2024", ("2024", "year")),
        (None, "", (None, "unknown")),
    ],
)
def test_date_precision(date: str | None, html: str, expected: tuple[str | None, str]) -> None:
    assert date_with_precision(date, html) == expected


def test_terminal_escapes_and_markup_never_reach_the_file(
    tmp_path: Path, server: LocalServer
) -> None:
    title = "Gipfel \x1b[2J\x1b]0;gehackt\x07[bold red]in Genf[/] \u202e"
    paragraphs = tuple(p + " \x1b[31mrot\x1b[0m [link=http://x]klick[/link]" for p in PARAGRAPHS)
    url = server.page("/esc", article_html(title, paragraphs))
    (outcome,) = add_sources(tmp_path, [url], limits=FAST)
    assert outcome.status == "added"
    (path,) = md_files(tmp_path)
    content = path.read_text("utf-8")
    assert "\x1b" not in content and "\x07" not in content and "\u202e" not in content
    assert path.name.isascii() and " " not in path.name
    article = read_article(path)
    assert "\x1b" not in article.title
    # Rich markup stays literal text (the reader renders text literally).
    assert "[bold red]in Genf[/]" in article.title


def test_non_html_files_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "notiz.txt").write_text("Hallo")
    articles = tmp_path / "articles"
    articles.mkdir()
    outcomes = add_sources(articles, [str(tmp_path / "notiz.txt"), str(tmp_path / "fehlt.html")])
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert "not a saved web page" in outcomes[0].message
    assert outcomes[1].message == "no such file"


def test_not_html_bytes_are_rejected() -> None:
    with pytest.raises(NotAnArticle):
        extract_page(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


def test_huge_page_and_gzip_bomb_write_nothing(tmp_path: Path, server: LocalServer) -> None:
    import gzip

    huge = server.page("/huge", article_html(paragraphs=PARAGRAPHS * 400))
    assert len(server.routes["/huge"].body) > FAST.max_bytes
    bomb = server.page(
        "/bomb",
        gzip.compress(article_html().encode() + b" " * 30_000_000),
        headers={"Content-Encoding": "gzip"},
    )
    outcomes = add_sources(tmp_path, [huge, bomb], limits=FAST)
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert all("larger than" in o.message for o in outcomes)
    assert md_files(tmp_path) == []


def test_redirect_loop_through_add(tmp_path: Path, server: LocalServer) -> None:
    from tests.ingest.conftest import Route

    server.routes["/a"] = Route(status=301, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=301, headers={"Location": "/a"})
    (outcome,) = add_sources(tmp_path, [server.url("/a")], limits=FAST)
    assert outcome.status == "failed" and outcome.message == "more than 5 redirects"


def test_vague_content_type_is_sniffed(tmp_path: Path, server: LocalServer) -> None:
    html = server.page("/a", article_html(), headers={"Content-Type": "application/octet-stream"})
    pdf = server.page("/b", b"%PDF-1.4 bin", headers={"Content-Type": "application/octet-stream"})
    outcomes = add_sources(tmp_path, [html, pdf], limits=FAST)
    assert [o.status for o in outcomes] == ["added", "failed"]
    assert outcomes[1].message == "not an HTML page (content type application/octet-stream)"
